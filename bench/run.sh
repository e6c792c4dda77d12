#!/usr/bin/env bash
# End-to-end benchmark of alprice settle against its baselines, in one run.
#
#   bash bench/run.sh [TICKETS] [RUNS]      (default 1000000 tickets, 9 runs)
#
# It builds alprice and bench/barescan, generates a realistic deliveries
# file of TICKETS ladle tickets (bench/gendeliveries, cached in bench/out/),
# checks that every program reads the same rows and the same delivered
# tonnes, then times turn by turn — so that each figure and its baseline
# see the same machine — and prints one row each, medians of RUNS runs:
#
#   - settle against the bare scan (bench/barescan: a Go program that only
#     scans the file and sums delivered_t as int64): the limit (#29);
#   - settle against Python's csv and decimal modules summing the same
#     column (bench/baseline.py);
#   - settle from stdin (a pipe) against settle of the same file;
#   - report (the policy's figures) of the same deliveries against settle
#     of them: the issue's "keep" (0.35 s at 1M, about settle's time).
#
# Each row: the medians of wall time, candidate / baseline; the ratio of
# the medians of CPU time (user + sys); the candidate's peak memory (GNU
# time); the load average over its runs. The machine's cores and load
# are printed first. Absolute times on a shared machine are noisy; the
# ratios of runs taken side by side are the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
tickets=${1:-1000000}
runs=${2:-9}
out=bench/out
mkdir -p "$out"
file="$out/deliveries-$tickets.csv"
command -v python3 >/dev/null || { echo "bench: python3 is needed for the baseline" >&2; exit 1; }

go build -o "$out/alprice" ./cmd/alprice
go build -o "$out/barescan" ./bench/barescan
[ -s "$file" ] || go run ./bench/gendeliveries -n "$tickets" > "$file"

settle=("$out/alprice" settle --agreements testdata/agreements.yaml
  --quotes testdata/quotes-2026-h1.csv --format json)

# The same work: rows and delivered tonnes of each program agree.
read -r rows tonnes < <("${settle[@]}" --deliveries "$file" | python3 -c '
import json, sys
from decimal import Decimal
s = json.load(sys.stdin)
print(s["rows"]["settled"], sum(Decimal(x["delivered_t"]) for x in s["statements"]))')
scan=$("$out/barescan" "$file")
py=$(python3 bench/baseline.py "$file")
[ "$scan" = "$rows rows, $tonnes t delivered" ] || { echo "bench: barescan read $scan; settle $rows rows, $tonnes t" >&2; exit 1; }
[ "$py" = "$rows rows, delivered $tonnes t" ] || { echo "bench: baseline.py read $py; settle $rows rows, $tonnes t" >&2; exit 1; }

echo "machine:   $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "file:      $file ($tickets tickets, $(du -h "$file" | cut -f1)): $rows rows, $tonnes t delivered, the same in every program"
t="$out/times"
rm -f "$t".*
for _ in $(seq "$runs"); do
  time_of "$t.scan" "$out/barescan" "$file"
  time_of "$t.settle" "${settle[@]}" --deliveries "$file"
  time_of "$t.python" python3 bench/baseline.py "$file"
  time_of "$t.stdin" sh -c 'cat "$0" | "$@" --deliveries -' "$file" "${settle[@]}"
  time_of "$t.report" "$out/alprice" report "${settle[@]:2}" --deliveries "$file"
done
row "settle / bare scan" "<= 2x wall, <= 3x CPU" "$t.scan" "$t.settle"
row "settle / Python csv+decimal" "<= 0.20x; < 40 MB at 1M" "$t.python" "$t.settle"
row "settle from stdin / from the file" "<= 1.3x, < 150 MB" "$t.settle" "$t.stdin"
row "report / settle" "keep: about settle's time" "$t.settle" "$t.report"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
