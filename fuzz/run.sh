#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs them.
#   bash fuzz/run.sh            each fuzzer for 600 s, new coverage merged into fuzz/corpus/<name>
#   bash fuzz/run.sh 60         each for 60 s
#   bash fuzz/run.sh --smoke    each once over its corpus (CI): a crash on any kept input fails the run
#   FUZZERS="csv_import" bash fuzz/run.sh 600   only some
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
smoke=0
if [[ "${1:-}" == "--smoke" ]]; then smoke=1; elif [[ -n "${1:-}" ]]; then seconds="$1"; fi
fuzzers=(${FUZZERS:-json_request csv_import search_query})

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

mkdir -p build-fuzz/findings
for name in "${fuzzers[@]}"; do
    binary="build-fuzz/fuzz/fuzz_${name}"
    corpus="fuzz/corpus/${name}"
    options=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="build-fuzz/findings/${name}-")
    if (( smoke )); then
        echo "== ${name}: $(ls "${corpus}" | wc -l) corpus inputs"
        "${binary}" "${options[@]}" -runs=0 "${corpus}"
        continue
    fi
    work="$(mktemp -d)"
    echo "== ${name}: ${seconds} s"
    "${binary}" "${options[@]}" -max_total_time="${seconds}" -print_final_stats=1 "${work}" "${corpus}" \
        2>&1 | tee "build-fuzz/${name}.log" | grep -E '^(#[0-9]+ +(DONE|pulse))|stat::|ERROR|SUMMARY' || true
    # Keep only the inputs that add coverage.
    "${binary}" -merge=1 "${corpus}" "${work}" >/dev/null 2>&1
    rm -rf "${work}"
    if ls build-fuzz/findings/"${name}"-* >/dev/null 2>&1; then
        echo "!! ${name} found problems: build-fuzz/findings/${name}-*"
        exit 1
    fi
done
