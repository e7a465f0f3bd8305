#!/usr/bin/env python3
"""The fastText command-line baseline for every triage task: `fasttext supervised -epoch 10 -lr 0.5 -wordNgrams 2
-dim 50 -thread 1 -seed 42`, Chinese split into single characters, rows with an empty text or label left out (as
`heed train`/`heed eval` do). Prints one JSON line per task with accuracy and macro-F1 on the test file.

    python3 bench/triage/fasttext_baseline.py [DATA_DIR]      (needs the Debian package fasttext)
"""
import csv, json, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tasks import TASKS

csv.field_size_limit(1 << 30)
CJK = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


def rows(path, text_col, label_col, flt):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if flt and row[flt[0]] != flt[1]:
                continue
            text, label = row[text_col].strip(), row[label_col].strip()
            if text and label:
                yield text, label


def line(text):
    text = CJK.sub(r" \1 ", text)
    return " ".join(text.split())


def key(label):
    return "__label__" + label.replace(" ", "_")


def metrics(gold, pred):
    labels = sorted(set(gold))
    f1s = []
    for l in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == l and p == l)
        fp = sum(1 for g, p in zip(gold, pred) if g != l and p == l)
        fn = sum(1 for g, p in zip(gold, pred) if g == l and p != l)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold)
    return acc, sum(f1s) / len(f1s)


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("HEED_DATA", "../shared/data")
    with tempfile.TemporaryDirectory() as tmp:
        for name, train, test, text_col, label_col, flt in TASKS:
            tr = os.path.join(tmp, name + ".train")
            with open(tr, "w", encoding="utf-8") as f:
                for text, label in rows(os.path.join(data, train), text_col, label_col, flt):
                    f.write(key(label) + " " + line(text) + "\n")
            test_rows = list(rows(os.path.join(data, test), text_col, label_col, flt))
            te = os.path.join(tmp, name + ".test")
            with open(te, "w", encoding="utf-8") as f:
                for text, _ in test_rows:
                    f.write(line(text) + "\n")
            model = os.path.join(tmp, name)
            subprocess.run(["fasttext", "supervised", "-input", tr, "-output", model, "-epoch", "10", "-lr", "0.5",
                            "-wordNgrams", "2", "-dim", "50", "-thread", "1", "-seed", "42"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            out = subprocess.run(["fasttext", "predict", model + ".bin", te], check=True, capture_output=True,
                                 text=True).stdout.split("\n")
            pred = [p for p in out if p]
            gold = [key(label) for _, label in test_rows]
            acc, f1 = metrics(gold, pred)
            print(json.dumps({"task": name, "n": len(gold), "accuracy": round(acc, 4), "macro_f1": round(f1, 4)}),
                  flush=True)


if __name__ == "__main__":
    main()
