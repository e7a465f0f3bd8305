#!/usr/bin/env python3
"""Forecast accuracy of `heed forecast` on a daily series: for each origin, the series up to it goes in, the next
H days are compared with the forecast. Prints MAE relative to the weekly seasonal-naive forecast (same origins,
pooled: sum of model MAE / sum of naive MAE) and the coverage of the 80 % interval.

usage: bench/forecast_accuracy.py HEED_BINARY SERIES.csv [--horizon 28] [--origins 20]
The first line is the hold-out of the last H days; the rest rolls the origin back a week at a time."""
import csv, subprocess, sys, tempfile, os, argparse

p = argparse.ArgumentParser()
p.add_argument("binary"); p.add_argument("series")
p.add_argument("--horizon", type=int, default=28); p.add_argument("--origins", type=int, default=20)
a = p.parse_args()
rows = list(csv.reader(open(a.series)))[1:]
H = a.horizon

def run(origin):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("date,count\n" + "".join(f"{d},{c}\n" for d, c in rows[:origin]))
    try:
        out = subprocess.run([a.binary, "forecast", "--series", f.name, "--horizon", str(H)],
                             check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(f.name)
    fc = list(csv.DictReader(out.splitlines()))
    actual = [float(c) for _, c in rows[origin:origin + H]]
    naive = [float(rows[origin - 7 + (h % 7)][1]) for h in range(H)]
    assert [r["date"] for r in fc] == [d for d, _ in rows[origin:origin + H]]
    mae = sum(abs(float(r["forecast"]) - y) for r, y in zip(fc, actual)) / H
    mae_naive = sum(abs(n - y) for n, y in zip(naive, actual)) / H
    covered = sum(float(r["lower"]) <= y <= float(r["upper"]) for r, y in zip(fc, actual))
    return mae, mae_naive, covered

n = len(rows)
origins = [n - H - 7 * k for k in range(a.origins) if n - H - 7 * k >= 56]
results = [run(o) for o in origins]
last = results[0]
print(f"hold-out last {H} days (origin {rows[origins[0]][0]}): MAE {last[0]:.2f}, seasonal-naive MAE {last[1]:.2f}, "
      f"relative {last[0] / last[1]:.3f}, 80% coverage {last[2] / H:.3f}")
m = sum(r[0] for r in results); s = sum(r[1] for r in results); c = sum(r[2] for r in results)
rel = sorted(r[0] / r[1] for r in results if r[1] > 0)
print(f"{len(results)} rolling origins (weekly, {rows[origins[-1]][0]} … {rows[origins[0]][0]}): pooled relative MAE "
      f"{m / s:.3f}, median relative {rel[len(rel) // 2]:.3f}, 80% coverage {c / (H * len(results)):.3f}")
