#!/usr/bin/env bash
# The export benchmark: alprice check of the platform's 全量发票查询 export
# (sheet 信息汇总表, bench/genexport) of the invoice lines of check.sh's
# invoices for TICKETS tickets (about 238,000 rows for 374,000), timed turn
# by turn with its baseline, check of the same invoices as CSV, medians of
# RUNS runs (bench/lib.sh). Both must give the same findings.
#
#   bash bench/export.sh [TICKETS] [RUNS]      (default 374000, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
tickets=${1:-374000}
runs=${2:-3}
check_inputs "$tickets"
export="$out/export-$tickets.xlsx"
[ -s "$export" ] || go run ./bench/genexport -invoices "$invoices" -o "$export"
"$out/alprice" check "${common[@]}" --invoices "$invoices" > "$out/check-csv.json" || true
"$out/alprice" check "${common[@]}" --invoices "$export" > "$out/check-export.json" || true
python3 - "$out/check-csv.json" "$out/check-export.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
key = lambda r: (r["ok"], len(r["findings"]), len(r["months"]), len(r["invoices"]))
assert key(a) == key(b), (key(a), key(b))
print("result:  ok=%s, %d findings, %d months, %d invoices, the same from the CSV and the export" % key(a))
PY
lines=$(($(wc -l < "$invoices") - 1))
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "input:   $export ($(du -h "$export" | cut -f1), $lines rows), $invoices (the same lines as CSV)"
t="$out/export-times"
rm -f "$t".*
for _ in $(seq "$runs"); do
  time_of "$t.csv" "$out/alprice" check "${common[@]}" --invoices "$invoices"
  time_of "$t.export" "$out/alprice" check "${common[@]}" --invoices "$export"
done
row "check export $lines rows / as CSV" "< 10 s and well under 1 GB at 238k rows" "$t.csv" "$t.export"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
