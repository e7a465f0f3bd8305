#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md: intake throughput and latency with 64 keep-alive clients, then queue,
# search and get-by-id latency and server RSS with N complaints in the database (default 1 000 000).
# Usage: bash bench/run.sh [N]   (needs the release build: make build; wrk from scripts/install-deps.sh)
# The load generator runs on the same 2-core machine as the server; every server listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
HEED=./build/heed
OUT=bench/results
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

serve() {  # serve DB PORT → starts heed in the background, waits until ready; sets HEED_BENCH_TOKEN
    export HEED_BENCH_TOKEN=$("$HEED" token create --db "$1" --role manager --name bench | tail -n 1)
    "$HEED" serve --db "$1" --listen "127.0.0.1:$2" > "$WORK/serve.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/readyz" >/dev/null && return; sleep 0.1; done
    echo "server did not start"; cat "$WORK/serve.log"; exit 1
}

echo "== intake: 64 keep-alive clients, 20 s, fresh database"
serve "$WORK/intake.db" 18080
wrk -t2 -c64 -d20s --latency -s bench/intake.lua http://127.0.0.1:18080 | tee "$OUT/intake.txt"
kill $SERVER; wait $SERVER 2>/dev/null || true

echo "== loading $N demo complaints"
/usr/bin/time -f "demo: %e s, max RSS %M KiB" "$HEED" demo --db "$WORK/large.db" --count "$N" | tee "$OUT/load.txt"
ls -l "$WORK/large.db" | tee -a "$OUT/load.txt"
serve "$WORK/large.db" 18081

run() {  # run NAME PATH [extra wrk args]
    local name=$1 path=$2; shift 2
    echo "== $name: $path"
    if [ $# -eq 0 ]; then set -- -s bench/report.lua; fi
    wrk -t2 -c8 -d15s --latency -H "Authorization: Bearer $HEED_BENCH_TOKEN" "$@" "http://127.0.0.1:18081$path" \
        | tee "$OUT/$name.txt"
}
run queue_first_page "/api/v1/complaints?assignee=agent.liu&status=assigned,in_progress,waiting_customer,reopened&sort=due_asc&limit=50"
run open_queue "/api/v1/complaints?status=new,triaged,assigned,in_progress&sort=due_asc&limit=50"
run search_zh "/api/v1/complaints?q=%E7%89%A9%E6%B5%81&limit=20"
run search_zh_phrase "/api/v1/complaints?q=%E9%80%80%E6%AC%BE&limit=20"
run search_en "/api/v1/complaints?q=refund&limit=20"
echo "== get_by_id: random ids in 1..$N"
wrk -t2 -c8 -d15s --latency -s bench/get_by_id.lua http://127.0.0.1:18081 -- "$N" | tee "$OUT/get_by_id.txt"
echo "== server RSS after the read benchmarks"
grep VmRSS /proc/$SERVER/status | tee "$OUT/rss.txt"
kill $SERVER; wait $SERVER 2>/dev/null || true
echo "== the KPI roll-up alone (rows, bytes a row, build time)"
./build/bench/rollup_memory "$WORK/large.db" | tee "$OUT/rollup_memory.txt"
