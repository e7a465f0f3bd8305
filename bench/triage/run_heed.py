#!/usr/bin/env python3
"""Trains and evaluates a Heed text model for every triage task (bench/triage/tasks.py) with the real binary and
prints one JSON line per task: accuracy, macro-F1, ECE, docs/s of `heed eval`, model memory, training seconds.

    python3 bench/triage/run_heed.py [--heed build/heed] [--data ../shared/data] [-- extra heed train options]
"""
import argparse, json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tasks import TASKS


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--heed", default="build/heed")
    parser.add_argument("--data", default=os.environ.get("HEED_DATA", "../shared/data"))
    parser.add_argument("--only", default="")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, train, test, text_col, label_col, flt in TASKS:
            if args.only and args.only not in name:
                continue
            model = os.path.join(tmp, name + ".model")
            where = ["--where", f"{flt[0]}={flt[1]}"] if flt else []
            trained = json.loads(subprocess.run(
                [args.heed, "train", "--train", os.path.join(args.data, train), "--text-column", text_col,
                 "--label-column", label_col, "--model", model] + where + args.extra,
                check=True, capture_output=True, text=True).stdout)
            result = json.loads(subprocess.run(
                [args.heed, "eval", "--model", model, "--test", os.path.join(args.data, test), "--text-column",
                 text_col, "--label-column", label_col] + where, check=True, capture_output=True, text=True).stdout)
            print(json.dumps({"task": name, "n": result["n"], "accuracy": result["accuracy"],
                              "macro_f1": result["macro_f1"], "ece": result["ece"],
                              "docs_per_s": result["docs_per_s"], "median_us": result["median_us"], "memory_mb": round(result["model_memory_bytes"] / 1e6, 1),
                              "train_s": trained["seconds"], "file_mb": round(os.path.getsize(model) / 1e6, 1)}),
                  flush=True)


if __name__ == "__main__":
    main()
