#!/usr/bin/env bash
# Intake with 64 keep-alive clients, measured as the server's CPU time per complaint as well as req/s: on a shared
# machine req/s follows whatever else runs, while the CPU the server spends per complaint stays comparable.
# Usage: bash bench/intake_cpu.sh ROUNDS SECONDS BINARY [BINARY…]
#   e.g. bash bench/intake_cpu.sh 3 12 build/heed /tmp/heed-before
# INTAKE_SCRIPT chooses the workload: bench/intake.lua (the default: four texts, every complaint a near-duplicate
# from other customers) or bench/intake_varied.lua (texts as varied as customers' own words).
# Each round runs every binary once (interleaved, so that changes in the machine's load hit all alike), each on a
# fresh database, with `wrk -t2 -c64 --latency -s $INTAKE_SCRIPT`. Prints one line per run and the medians; `writer`
# is the CPU time of the single writer thread per complaint (the thread named heed-writer; 0 when a binary does not
# name it), which bounds intake throughput on its own.
# Servers listen on 127.0.0.1 only and are stopped at the end of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:?rounds}
SECONDS_PER_RUN=${2:?seconds}
shift 2
[ $# -ge 1 ] || { echo "give at least one binary"; exit 2; }
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
TICKS=$(getconf CLK_TCK)
PORT=18090
SCRIPT=${INTAKE_SCRIPT:-bench/intake.lua}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime of the whole process
# utime + stime of the single writer thread (named heed-writer; 0 for a binary that does not name it)
writer_ticks() {
    local task
    for task in /proc/"$1"/task/*; do
        if [ "$(cat "$task/comm" 2> /dev/null)" = heed-writer ]; then awk '{print $14 + $15}' "$task/stat"; return; fi
    done
    echo 0
}

for round in $(seq "$ROUNDS"); do
    for index in $(seq $#); do
        binary=${!index}
        db="$WORK/intake-$round-$index.db"
        token=$("$binary" token create --db "$db" --role agent --name bench | tail -n 1)
        "$binary" serve --db "$db" --listen "127.0.0.1:$PORT" > "$WORK/serve.log" 2>&1 &
        server=$!
        for _ in $(seq 200); do curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null && break; sleep 0.1; done
        before=$(cpu_ticks "$server")
        writer_before=$(writer_ticks "$server")
        HEED_BENCH_TOKEN=$token wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$SCRIPT" \
            "http://127.0.0.1:$PORT" > "$WORK/wrk.txt"
        after=$(cpu_ticks "$server")
        writer_after=$(writer_ticks "$server")
        kill "$server"; wait "$server" 2> /dev/null || true
        requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
        rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
        p99=$(awk '$1 == "99%" {print $2; exit}' "$WORK/wrk.txt")
        us=$(awk -v t=$((after - before)) -v hz="$TICKS" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
        writer_us=$(awk -v t=$((writer_after - writer_before)) -v hz="$TICKS" -v n="$requests" \
            'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
        echo "round $round  $binary  req/s $rps  p99 $p99  server CPU µs/complaint $us  writer $writer_us" \
            | tee -a "$WORK/runs.txt"
    done
done
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "medians:"
for index in $(seq $#); do
    binary=${!index}
    runs=$(grep -F "  $binary  " "$WORK/runs.txt")
    echo "$binary  req/s $(awk '{print $5}' <<< "$runs" | median)  server CPU µs/complaint" \
        "$(awk '{print $11}' <<< "$runs" | median)  writer $(awk '{print $13}' <<< "$runs" | median)"
done
