#!/usr/bin/env bash
# The rows of #29's table that bench/run.sh and bench/check.sh do not
# print, each timed turn by turn with its baseline (bench/lib.sh), medians
# of RUNS runs:
#
#   - trueup (--invoice-cap 10,000,000) over a month of TICKETS ladle
#     tickets (bench/trueup.py: one agreement, 2026-03, four lines an
#     invoice) / settle of the same deliveries;
#   - check of that month's invoices on the provisional price they were
#     issued on (--provisional: no finding) / the same settle;
#   - settle --einvoice (the batch-issuing workbook) of about 10,000 and
#     50,000 invoice lines / the same split written as JSON;
#   - table of 50 agreements × 240 months, text and Markdown / JSON;
#   - settle of one ticket against 8,000 agreements (bench/table.py's) /
#     the same ticket against one agreement.
#
#   bash bench/jobs.sh [TICKETS] [RUNS]      (default 1000000, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
tickets=${1:-1000000}
runs=${2:-5}
out=bench/out
mkdir -p "$out"
go build -o "$out/alprice" ./cmd/alprice
a="$out/alprice"

# Inputs, cached in bench/out.
[ -s "$out/trueup-invoices-$tickets.csv" ] || python3 bench/trueup.py "$tickets" "$out"
for n in 15700 78500; do # about 10,000 and 50,000 invoice lines at a cap of 1,000,000
  [ -s "$out/deliveries-$n.csv" ] || go run ./bench/gendeliveries -n "$n" > "$out/deliveries-$n.csv"
done
mkdir -p "$out/table50" "$out/agreements8000" "$out/agreements1"
[ -s "$out/table50/table-agreements.yaml" ] || python3 bench/table.py 50 "$out/table50"
[ -s "$out/agreements8000/table-agreements.yaml" ] || python3 bench/table.py 8000 "$out/agreements8000"
[ -s "$out/agreements1/table-agreements.yaml" ] || python3 bench/table.py 1 "$out/agreements1"
# A month every quote of which is in: holidays dropped as bench/table.sh does.
for d in table50 agreements8000 agreements1; do
  "$a" quotes check "$out/$d/table-quotes.csv" --format json > "$out/$d/lint.json" || true
  python3 - "$out/$d" <<'PY'
import json, sys
d = sys.argv[1]
holidays = {f["date"] for f in json.load(open(f"{d}/lint.json"))["findings"] if "holiday" in f["what"]}
lines = open(f"{d}/table-quotes.csv").read().splitlines()
kept = [lines[0]] + [l for l in lines[1:] if l.split(",")[0] not in holidays]
open(f"{d}/table-quotes.csv", "w").write("\n".join(kept) + "\n")
PY
done
for d in agreements8000 agreements1; do
  printf 'ticket,date,buyer,tapped_t,delivered_t\nT1,2025-12-10,A0,31.250,31.180\n' > "$out/$d/ticket.csv"
done

tu=(--agreements testdata/trueup/agreements.yaml --quotes testdata/quotes-2026-h1.csv --deliveries "$out/trueup-deliveries-$tickets.csv")
ei=(--agreements testdata/einvoice/agreements.yaml --quotes testdata/quotes-2026-h1.csv --invoice-cap 1,000,000)
tb=(--agreements "$out/table50/table-agreements.yaml" --quotes "$out/table50/table-quotes.csv")
one() { echo --agreements "$out/$1/table-agreements.yaml" --quotes "$out/$1/table-quotes.csv" --deliveries "$out/$1/ticket.csv" --format json; }

lines() { "$a" settle "${ei[@]}" --deliveries "$1" --format json | python3 -c 'import json, sys; print(sum(len(s["invoices"]) for s in json.load(sys.stdin)["statements"]))'; }
l10=$(lines "$out/deliveries-15700.csv")
l50=$(lines "$out/deliveries-78500.csv")

echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "inputs:  a month of $tickets tickets ($(($(wc -l < "$out/trueup-invoices-$tickets.csv") - 1)) invoice lines); $l10 and $l50 e-invoice lines; 50 agreements × 240 months; one ticket, 8000 agreements"
t="$out/jobs-times"
rm -f "$t".*
for _ in $(seq "$runs"); do
  time_of "$t.settle" "$a" settle "${tu[@]}" --format json
  time_of "$t.trueup" "$a" trueup "${tu[@]}" --invoices "$out/trueup-invoices-$tickets.csv" --invoice-cap 10,000,000 --format json
  time_of "$t.check" "$a" check "${tu[@]}" --invoices "$out/trueup-invoices-$tickets.csv" --provisional --format json
  time_of "$t.split10" "$a" settle "${ei[@]}" --deliveries "$out/deliveries-15700.csv" --format json
  time_of "$t.einvoice10" "$a" settle "${ei[@]}" --deliveries "$out/deliveries-15700.csv" --einvoice "$out/e10.xlsx"
  time_of "$t.split50" "$a" settle "${ei[@]}" --deliveries "$out/deliveries-78500.csv" --format json
  time_of "$t.einvoice50" "$a" settle "${ei[@]}" --deliveries "$out/deliveries-78500.csv" --einvoice "$out/e50.xlsx"
  time_of "$t.tablejson" "$a" table "${tb[@]}" --format json
  time_of "$t.tabletext" "$a" table "${tb[@]}" --format table
  time_of "$t.tablemd" "$a" table "${tb[@]}" --format markdown
  # shellcheck disable=SC2046
  time_of "$t.one1" "$a" settle $(one agreements1)
  # shellcheck disable=SC2046
  time_of "$t.one8000" "$a" settle $(one agreements8000)
done
row "trueup $tickets tickets / settle" "<= 3x settle, < 150 MB" "$t.settle" "$t.trueup"
row "check of its invoices / settle" "<= 5x settle" "$t.settle" "$t.check"
row "settle --einvoice $l10 / as JSON" "<= 2x, < 150 MB" "$t.split10" "$t.einvoice10"
row "settle --einvoice $l50 / as JSON" "<= 2x, < 150 MB" "$t.split50" "$t.einvoice50"
row "table 50×240 text / JSON" "<= 2x JSON" "$t.tablejson" "$t.tabletext"
row "table 50×240 Markdown / JSON" "<= 2x JSON" "$t.tablejson" "$t.tablemd"
row "1 ticket, 8000 agreements / 1" "< 0.3 s" "$t.one1" "$t.one8000"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
