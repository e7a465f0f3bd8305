#!/usr/bin/env bash
# The read requests of BENCHMARKS.md "Reads with 1 000 000 complaints" against one database: the agent queue and the
# open queue (first pages in due order), free-text search in Chinese and English, and GET by random id — each at one
# client and at eight (`wrk -t1 -c1` / `wrk -t2 -c8`, SECONDS each), then the server's resident memory.
# Usage: bash bench/reads.sh BINARY DB [SECONDS=10]
#   e.g. heed demo --db /tmp/1m.db --count 1000000 --now 2026-11-20T08:00:00Z && bash bench/reads.sh build/heed /tmp/1m.db
# The server writes to DB (its token, sessions, the SLA sweeper): give it a copy if it must stay as it is.
# The server listens on 127.0.0.1 only and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
BINARY=${1:?binary}
DB=${2:?database}
SECONDS_PER_RUN=${3:-10}
PORT=18095
token=$("$BINARY" token create --db "$DB" --role manager --name bench-reads | tail -n 1)
"$BINARY" serve --db "$DB" --listen "127.0.0.1:$PORT" > /tmp/heed-reads-serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null && break; sleep 0.5; done
sleep "${READS_SETTLE_SECONDS:-5}"  # start-up work (the roll-up, the SLA sweeper's first pass) out of the way
max_id=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/complaints?limit=1&sort=received_desc" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
declare -a NAMES=(agent-queue open-queue search-物流 search-退款 search-refund get-by-id)
declare -a PATHS=(
    "/api/v1/complaints?assignee=agent.liu&status=assigned,in_progress,waiting_customer,reopened&sort=due_asc&limit=50"
    "/api/v1/complaints?status=new,triaged,assigned,in_progress&sort=due_asc&limit=50"
    "/api/v1/complaints?q=%E7%89%A9%E6%B5%81&limit=20"
    "/api/v1/complaints?q=%E9%80%80%E6%AC%BE&limit=20"
    "/api/v1/complaints?q=refund&limit=20"
    "")
for i in "${!NAMES[@]}"; do
    for clients in 1 8; do
        threads=$((clients > 1 ? 2 : 1))
        if [ -z "${PATHS[$i]}" ]; then
            out=$(HEED_BENCH_TOKEN=$token wrk -t$threads -c$clients -d"${SECONDS_PER_RUN}s" -s bench/get_by_id.lua \
                "http://127.0.0.1:$PORT" -- "$max_id")
        else
            out=$(HEED_BENCH_TOKEN=$token wrk -t$threads -c$clients -d"${SECONDS_PER_RUN}s" -s bench/get_path.lua \
                "http://127.0.0.1:$PORT" -- "${PATHS[$i]}")
        fi
        echo "${NAMES[$i]}  clients $clients  req/s $(awk '/Requests\/sec/ {print $2}' <<< "$out")" \
            "$(grep percentiles_ms <<< "$out")"
    done
done
echo "server RSS $(awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$server/status"), peak $(awk '/VmHWM/ {print $2 / 1024 " MB"}' "/proc/$server/status")"
