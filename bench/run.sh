#!/usr/bin/env bash
# End-to-end benchmark of alprice settle against a baseline, in one run.
#
#   bash bench/run.sh [TICKETS] [RUNS]      (default 1000000 tickets, 9 runs)
#
# It builds alprice, generates a realistic deliveries file of TICKETS ladle
# tickets (bench/gendeliveries, cached in bench/out/), then times, turn by
# turn so that both see the same machine, the baseline — Python's csv and
# decimal modules summing the delivered column of the same file
# (bench/baseline.py) — and alprice settling it. It prints the load average
# at the start, the median wall time and the median CPU time (user + sys) of
# each, both ratios, and alprice's peak memory and page faults (GNU time).
# Absolute times on a shared machine are noisy; the ratios are the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
tickets=${1:-1000000}
runs=${2:-9}
out=bench/out
mkdir -p "$out"
file="$out/deliveries-$tickets.csv"

command -v python3 >/dev/null || { echo "bench: python3 is needed for the baseline" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

go build -o "$out/alprice" ./cmd/alprice
[ -s "$file" ] || go run ./bench/gendeliveries -n "$tickets" > "$file"

settle=("$out/alprice" settle --agreements testdata/agreements.yaml
  --quotes testdata/quotes-2026-h1.csv --deliveries "$file" --format json)

# time_of CMD... runs CMD once and prints "wall cpu peak_kb major_faults minor_faults".
time_of() {
  /usr/bin/time -f "%e %U %S %M %F %R" -o "$out/time.txt" "$@" > /dev/null
  awk '{ printf "%s %.2f %s %s %s\n", $1, $2 + $3, $4, $5, $6 }' "$out/time.txt"
}

# median N: the median of column N of stdin.
median() { awk -v c="$1" '{ print $c }' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

load=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$out/baseline.txt"
: > "$out/alprice.txt"
for _ in $(seq "$runs"); do
  time_of python3 bench/baseline.py "$file" >> "$out/baseline.txt"
  time_of "${settle[@]}" >> "$out/alprice.txt"
done

base=$(median 1 < "$out/baseline.txt")
mine=$(median 1 < "$out/alprice.txt")
base_cpu=$(median 2 < "$out/baseline.txt")
mine_cpu=$(median 2 < "$out/alprice.txt")
peak=$(awk '{ print $3 }' "$out/alprice.txt" | sort -g | tail -1)
faults=$(median 5 < "$out/alprice.txt")
base_faults=$(median 5 < "$out/baseline.txt")
rows=$("${settle[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"]["settled"])')

echo "machine:   $(nproc) cores, $(uname -m), load average $load at the start"
echo "file:      $file ($tickets tickets, $(du -h "$file" | cut -f1)), $rows settled"
echo "baseline:  median ${base} s wall, ${base_cpu} s CPU over $runs runs (python3 csv + decimal, sum of delivered_t); $base_faults page faults"
echo "alprice:   median ${mine} s wall, ${mine_cpu} s CPU over $runs runs (settle, JSON out); $faults page faults"
awk -v m="$mine" -v b="$base" -v mc="$mine_cpu" -v bc="$base_cpu" \
  'BEGIN { printf "ratio:     %.2f wall, %.2f CPU (alprice / baseline; goal at most 0.20)\n", m / b, mc / bc }'
awk -v k="$peak" 'BEGIN { printf "peak RSS:  %.0f MB (highest of the runs; goal under 40 MB at 1M tickets)\n", k / 1024 }'
