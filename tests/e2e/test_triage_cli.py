"""End-to-end tests of the text-model commands: heed train, heed eval and heed classify on the real binary."""

import csv
import json
import os
import shutil
import tempfile
import unittest

from heed_server import run_cli

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "data", "cfpb_sample.csv")

ROWS = [
    ("The parcel arrived two weeks late,\nthe courier never called.\n\"Unacceptable\", I said.", "delivery"),
    ("快递太慢了，\n等了十天才到", "delivery"),
    ("Courier lost my parcel and tracking shows nothing", "delivery"),
    ("物流信息一直不更新，快递员也联系不上", "delivery"),
    ("I was charged twice for one order,\nplease refund the second charge", "billing"),
    ("重复扣费了，请尽快退款", "billing"),
    ("The invoice shows a fee I never agreed to", "billing"),
    ("退款申请提交一周了还没到账", "billing"),
]


class TriageCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="heed-triage-")
        self.data = os.path.join(self.tmp, "train.csv")
        with open(self.data, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "text", "topic"])
            for repeat in range(6):
                for i, (text, label) in enumerate(ROWS):
                    writer.writerow([f"{repeat}-{i}", text, label])
            writer.writerow(["empty", "", "billing"])
        self.model = os.path.join(self.tmp, "topic.model")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_train_eval_and_classify_a_multi_line_csv(self):
        trained = json.loads(run_cli("train", "--train", self.data, "--text-column", "text", "--label-column", "topic",
                                     "--model", self.model).stdout)
        self.assertEqual(trained["examples"], 48)
        self.assertEqual(trained["skipped"], 1)
        self.assertEqual(trained["labels"], ["billing", "delivery"])
        self.assertTrue(os.path.getsize(self.model) > 0)

        result = run_cli("eval", "--model", self.model, "--test", self.data, "--text-column", "text",
                         "--label-column", "topic").stdout
        self.assertEqual(len(result.strip().splitlines()), 1, "eval prints one JSON object")
        report = json.loads(result)
        self.assertEqual(report["n"], 48)
        self.assertEqual(report["accuracy"], 1.0)
        self.assertEqual(report["macro_f1"], 1.0)
        for key in ("ece", "docs_per_s"):
            self.assertIn(key, report)
        self.assertGreater(report["docs_per_s"], 0)
        self.assertEqual(set(report["labels"]), {"billing", "delivery"})
        self.assertEqual(report["labels"]["billing"]["support"], 24)
        self.assertEqual(report["labels"]["delivery"]["recall"], 1.0)
        self.assertEqual(report["confusion"], {"billing": {"billing": 24}, "delivery": {"delivery": 24}})

        predictions = os.path.join(self.tmp, "predictions.csv")
        run_cli("eval", "--model", self.model, "--test", self.data, "--text-column", "text", "--label-column", "topic",
                "--predictions", predictions)
        with open(predictions, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 48)
        self.assertEqual(list(rows[0]), ["row", "label", "predicted", "confidence", "p_billing", "p_delivery"])
        self.assertEqual([r["label"] for r in rows], [label for _ in range(6) for _, label in ROWS])
        for r in rows:
            self.assertEqual(r["predicted"], r["label"])
            self.assertAlmostEqual(float(r["p_billing"]) + float(r["p_delivery"]), 1.0, places=4)
            self.assertEqual(float(r["confidence"]), float(r["p_" + r["predicted"]]))

        out = json.loads(run_cli("classify", "--model", self.model, input="快遞員把包裹弄丟了，\n物流太慢").stdout)
        self.assertEqual(out["label"], "delivery")
        self.assertGreater(out["confidence"], 0.5)
        self.assertEqual([t["label"] for t in out["top"]], ["delivery", "billing"])
        self.assertAlmostEqual(sum(t["probability"] for t in out["top"]), 1.0, places=3)
        out = json.loads(run_cli("classify", "--model", self.model, input="They charged my card twice, refund please").stdout)
        self.assertEqual(out["label"], "billing")

    def test_cfpb_narratives_with_line_breaks_and_a_row_filter(self):
        trained = json.loads(run_cli("train", "--train", SAMPLE, "--text-column", "Consumer complaint narrative",
                                     "--label-column", "Product", "--model", self.model).stdout)
        self.assertEqual(trained["examples"], 60)  # the rows with a narrative
        report = json.loads(run_cli("eval", "--model", self.model, "--test", SAMPLE, "--text-column",
                                    "Consumer complaint narrative", "--label-column", "Product", "--where",
                                    "Product=Mortgage").stdout)
        self.assertGreater(report["n"], 0)
        self.assertEqual(list(report["labels"]), ["Mortgage"])

    def test_bad_input_is_refused_with_the_reason(self):
        missing = run_cli("train", "--train", self.data, "--text-column", "body", "--label-column", "topic",
                          "--model", self.model, check=False)
        self.assertEqual(missing.returncode, 2)
        self.assertIn("no column 'body'", missing.stderr)
        self.assertFalse(os.path.exists(self.model))
        bad_where = run_cli("eval", "--model", self.data, "--test", self.data, "--text-column", "text",
                            "--label-column", "topic", check=False)
        self.assertEqual(bad_where.returncode, 2)
        self.assertIn("not a usable Heed text model", bad_where.stderr)
        one_label = os.path.join(self.tmp, "one.csv")
        with open(one_label, "w", encoding="utf-8") as f:
            f.write("text,topic\nhello,a\nworld,a\n")
        refused = run_cli("train", "--train", one_label, "--text-column", "text", "--label-column", "topic",
                          "--model", self.model, check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("two distinct labels", refused.stderr)
        ragged = os.path.join(self.tmp, "ragged.csv")
        with open(ragged, "w", encoding="utf-8") as f:
            f.write("text,topic\nhello,a\n\"unterminated,b\n")
        refused = run_cli("train", "--train", ragged, "--text-column", "text", "--label-column", "topic",
                          "--model", self.model, check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("line 3", refused.stderr)


if __name__ == "__main__":
    unittest.main()
