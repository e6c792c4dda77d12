#!/usr/bin/env bash
# End-to-end benchmark of alprice settle against a baseline, in one run.
#
#   bash bench/run.sh [TICKETS] [RUNS]      (default 1000000 tickets, 5 runs)
#
# It builds alprice, generates a realistic deliveries file of TICKETS ladle
# tickets (bench/gendeliveries, cached in bench/out/), then times, turn by
# turn, the baseline — Python's csv and decimal modules summing the
# delivered column of the same file (bench/baseline.py) — and alprice
# settling it. It prints the median wall time of each, their ratio, and
# alprice's peak memory (maximum resident set size, from GNU time).
# Absolute times on a shared machine are noisy; the ratio is the figure.
set -euo pipefail
cd "$(dirname "$0")/.."
tickets=${1:-1000000}
runs=${2:-5}
out=bench/out
mkdir -p "$out"
file="$out/deliveries-$tickets.csv"

command -v python3 >/dev/null || { echo "bench: python3 is needed for the baseline" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

go build -o "$out/alprice" ./cmd/alprice
[ -s "$file" ] || go run ./bench/gendeliveries -n "$tickets" > "$file"

settle=("$out/alprice" settle --agreements testdata/agreements.yaml
  --quotes testdata/changjiang-a00-2026-h1.csv --deliveries "$file" --format json)

# time_of CMD... runs CMD once and prints "seconds peak_kb".
time_of() {
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null
  cat "$out/time.txt"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

: > "$out/baseline.txt"
: > "$out/alprice.txt"
for _ in $(seq "$runs"); do
  time_of python3 bench/baseline.py "$file" >> "$out/baseline.txt"
  time_of "${settle[@]}" >> "$out/alprice.txt"
done

base=$(cut -d' ' -f1 "$out/baseline.txt" | median)
mine=$(cut -d' ' -f1 "$out/alprice.txt" | median)
peak=$(cut -d' ' -f2 "$out/alprice.txt" | sort -g | tail -1)
rows=$("${settle[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"]["settled"])')

echo "machine:   $(nproc) cores, $(uname -m)"
echo "file:      $file ($tickets tickets, $(du -h "$file" | cut -f1)), $rows settled"
echo "baseline:  median ${base} s over $runs runs (python3 csv + decimal, sum of delivered_t)"
echo "alprice:   median ${mine} s over $runs runs (settle, JSON out)"
awk -v m="$mine" -v b="$base" 'BEGIN { printf "ratio:     %.2f (alprice / baseline; target at most 0.25)\n", m / b }'
awk -v k="$peak" 'BEGIN { printf "peak RSS:  %.0f MB (highest of the runs; target under 150 MB)\n", k / 1024 }'
