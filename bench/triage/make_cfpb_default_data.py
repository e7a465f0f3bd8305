#!/usr/bin/env python3
"""Builds models/data/cfpb_product.csv, the public-domain training data of Heed's shipped English category model:
the narratives of the CFPB training files (complaints_train.csv and narratives2015_train.csv; US public domain), each
cut to its first 1 500 characters, with the products renamed in 2017 mapped to their current names.

    python3 bench/triage/make_cfpb_default_data.py [DATA_DIR]
"""
import csv, os, sys

csv.field_size_limit(1 << 30)
CURRENT = {
    "Credit reporting": "Credit reporting, credit repair services, or other personal consumer reports",
    "Bank account or service": "Checking or savings account",
    "Credit card": "Credit card or prepaid card",
    "Prepaid card": "Credit card or prepaid card",
    "Payday loan": "Payday loan, title loan, or personal loan",
    "Payday loan, title loan, personal loan, or advance loan": "Payday loan, title loan, or personal loan",
    "Money transfers": "Money transfer, virtual currency, or money service",
    "Consumer Loan": "Consumer loan",
}
DROP = {"Other financial service"}


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "data", "cfpb_product.csv")
    rows = []
    for name in ("cfpb/complaints_train.csv", "cfpb/narratives2015_train.csv"):
        with open(os.path.join(data, name), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                text, product = row["Consumer complaint narrative"].strip(), row["Product"].strip()
                if not text or not product or product in DROP:
                    continue
                rows.append((text[:1500], CURRENT.get(product, product)))
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["text", "product"])
        writer.writerows(rows)
    print(f"{len(rows)} narratives → {out_path}")


if __name__ == "__main__":
    main()
