#!/usr/bin/env bash
# The check benchmark: alprice check of an invoice line for 7 of every 11
# tickets of a deliveries file (1,590,911 lines for the default 2,500,000
# tickets; about 637,000 for 1,000,000) against those deliveries, timed
# turn by turn with its baseline, settle of the same deliveries (which
# check does too), medians of RUNS runs (bench/lib.sh).
#
#   bash bench/check.sh [TICKETS] [RUNS]      (default 2500000, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
tickets=${1:-2500000}
runs=${2:-5}
check_inputs "$tickets"
lines=$(($(wc -l < "$invoices") - 1))
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "input:   $deliveries ($tickets tickets), $invoices ($lines invoice lines)"
t="$out/check-times"
rm -f "$t".*
for _ in $(seq "$runs"); do
  time_of "$t.settle" "$out/alprice" settle "${common[@]}"
  time_of "$t.check" "$out/alprice" check "${common[@]}" --invoices "$invoices"
done
row "check $lines lines / settle" "< 5 s and < 300 MB at 1.6M lines; <= 5x settle" "$t.settle" "$t.check"
"$out/alprice" check "${common[@]}" --invoices "$invoices" > "$out/check.json" || true
python3 -c "import json; r = json.load(open('$out/check.json')); print('result:  ok=%s, %d findings, %d months, %d invoices' % (r['ok'], len(r['findings']), len(r['months']), len(r['invoices'])))"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
