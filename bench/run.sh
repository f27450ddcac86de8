#!/usr/bin/env bash
# Benchmarks: aiotutor against python3, measured in the same run.
#   bench/run.sh [SCRIPT...]      (default: every bench/b*.py)
# For each script: wall time (best of N runs) and peak RSS of both, and the ratios.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bin="$root/target/release/aiotutor"
runs="${RUNS:-3}"
[ -x "$bin" ] || (cd "$root" && cargo build --release >/dev/null)
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
scripts=("$@")
[ ${#scripts[@]} -gt 0 ] || scripts=("$here"/b*.py)

measure() { # prints "seconds kilobytes" of the best of $runs runs
    local best_t="" best_m=""
    for _ in $(seq "$runs"); do
        local out
        /usr/bin/time -o "$tmp" -f "%e %M" "$@" >/dev/null 2>/dev/null || true
        out=$(tail -1 "$tmp")
        local t=${out% *} m=${out#* }
        if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; fi
        if [ -z "$best_m" ] || [ "$m" -lt "$best_m" ]; then best_m=$m; fi
    done
    echo "$best_t $best_m"
}

printf "%-22s %10s %10s %8s %10s %10s %8s\n" script py_s ours_s time_x py_MB ours_MB mem_x
for s in "${scripts[@]}"; do
    # Same output, or the comparison is meaningless.
    if ! diff <(python3 "$s") <("$bin" run "$s") >/dev/null; then
        echo "$(basename "$s"): OUTPUT DIFFERS"; continue
    fi
    read -r pt pm < <(measure python3 "$s")
    read -r ot om < <(measure "$bin" run "$s")
    awk -v n="$(basename "$s")" -v pt="$pt" -v ot="$ot" -v pm="$pm" -v om="$om" 'BEGIN {
        printf "%-22s %10.3f %10.3f %8.3f %10.1f %10.1f %8.3f\n", n, pt, ot, (pt>0?ot/pt:0), pm/1024, om/1024, (pm>0?om/pm:0) }'
done
