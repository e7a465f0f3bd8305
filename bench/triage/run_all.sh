#!/usr/bin/env bash
# Quality and speed of Heed's text models against the fastText baseline on every task of bench/triage/tasks.py.
# usage: bench/triage/run_all.sh [HEED_BINARY=build/heed] [DATA_DIR=../shared/data]
# Needs a release build (`make build` or hbuild … release) and the Debian package fasttext.
set -euo pipefail
cd "$(dirname "$0")/../.."
heed=${1:-build/heed}
data=${2:-../shared/data}
out=$(mktemp -d)
python3 bench/triage/fasttext_baseline.py "$data" > "$out/baseline.jsonl"
python3 bench/triage/run_heed.py --heed "$heed" --data "$data" > "$out/heed.jsonl"
python3 bench/triage/compare.py "$out/baseline.jsonl" "$out/heed.jsonl"
rm -rf "$out"
