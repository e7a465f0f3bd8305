#!/usr/bin/env python3
"""Prints the Markdown table of BENCHMARKS.md from the baseline's and Heed's JSON lines."""
import json, sys


def load(path):
    return {r["task"]: r for r in map(json.loads, open(path)) if r}


base, heed = load(sys.argv[1]), load(sys.argv[2])
print("| task | n | fastText acc | fastText macro-F1 | Heed acc | Heed macro-F1 | macro-F1 error cut | goal met | Heed ECE | eval docs/s | median µs | model MB |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for task, b in base.items():
    h = heed.get(task)
    if not h:
        continue
    cut = 1 - (1 - h["macro_f1"]) / (1 - b["macro_f1"])
    met = cut >= 0.2 and h["accuracy"] >= b["accuracy"]
    print(f"| {task} | {h['n']} | {b['accuracy']:.4f} | {b['macro_f1']:.4f} | {h['accuracy']:.4f} | {h['macro_f1']:.4f} | "
          f"{cut * 100:+.1f} % | {'yes' if met else 'no'} | {h['ece']:.4f} | {h['docs_per_s']:,} | {h['median_us']} | {h['memory_mb']} |")
