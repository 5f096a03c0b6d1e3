#!/usr/bin/env bash
# The whole test suite, three times back to back, while other processes keep every core busy.
#
#   bash benchmarks/stress_suite.sh [RUNS] [BURNERS]     (defaults: 3 runs, one burner per core)
#
# A test that races another process (a marker read before it is complete, a timeout that is
# only long enough on an idle machine) shows up here as a failure. Prints one line per run and
# exits 1 if any run failed. Not run by CI (it takes several minutes).
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
runs=${1:-3}
burners=${2:-$(nproc)}

pids=()
for _ in $(seq "$burners"); do
    python3 -c "while True: pass" &
    pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null' EXIT

failed=0
for run in $(seq "$runs"); do
    start=$(date +%s)
    log=$(mktemp)
    if python3 -m pytest -p no:cacheprovider >"$log" 2>&1; then status=ok; else status=FAILED; failed=1; fi
    # pyproject's addopts has -q: one more -q would hide the "N passed" line read here.
    summary=$(grep -E "[0-9]+ (passed|failed)" "$log" | tail -n 1)
    echo "run $run/$runs: $status in $(( $(date +%s) - start )) s, load $(cut -d' ' -f1 /proc/loadavg): $summary"
    [ "$status" = ok ] || grep -E "^(FAILED|ERROR)" "$log"
    rm -f "$log"
done
exit $failed
