#!/usr/bin/env bash
# The CPU-bound demo against python3: heartbeat gap with a sort on the loop, threads
# (GIL) and processes. Prints each figure for both and the ratio aiotutor/python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$here/../target/release/aiotutor"
[ -x "$bin" ] || (cd "$here/.." && cargo build --release >/dev/null)
py=$(python3 "$here/cpu_demo.py")
ours=$("$bin" run "$here/cpu_demo.py")
paste <(echo "$py") <(echo "$ours") | awk -F'\t' '{
    n = split($1, a, " "); split($2, b, " ");
    label = a[1]; for (i = 2; i < n; i++) label = label " " a[i];
    printf "%-32s python3 %6.3f  aiotutor %6.3f  ratio %.2f\n", label, a[n], b[n], b[n] / a[n] }'
