#!/usr/bin/env bash
# The check benchmark: alprice check of an invoice line for 7 of every 11
# tickets of a deliveries file (about 637,000 lines for 1,000,000 tickets)
# against those deliveries. Prints the time, the CPU and the peak memory.
#
#   bash bench/check.sh [TICKETS]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
tickets=${1:-1000000}
out=bench/out
mkdir -p "$out"
deliveries="$out/deliveries-$tickets.csv"
invoices="$out/invoices-$tickets.csv"
go build -o "$out/alprice" ./cmd/alprice
[ -s "$deliveries" ] || go run ./bench/gendeliveries -n "$tickets" > "$deliveries"
if [ ! -s "$invoices" ]; then
  "$out/alprice" settle --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
    --deliveries "$deliveries" --format json > "$out/settlement.json"
  python3 bench/invoices_from_settlement.py "$out/settlement.json" "$deliveries" > "$invoices"
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input:   $deliveries ($tickets tickets), $invoices ($(($(wc -l < "$invoices") - 1)) invoice lines)"
/usr/bin/time -f "check:   %e s wall, %U s user, %S s sys, %M KB peak RSS, %R page faults" \
  "$out/alprice" check --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
  --deliveries "$deliveries" --invoices "$invoices" --format json > "$out/check.json" || true
python3 -c "import json; r = json.load(open('$out/check.json')); print('result:  ok=%s, %d findings, %d months' % (r['ok'], len(r['findings']), len(r['months'])))"
