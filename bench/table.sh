#!/usr/bin/env bash
# The table benchmark: alprice table for AGREEMENTS agreements (default 50)
# over 240 months of quotes, in each output format. Prints time and peak memory.
#
#   bash bench/table.sh [AGREEMENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
agreements=${1:-50}
out=bench/out
mkdir -p "$out"
go build -o "$out/alprice" ./cmd/alprice
python3 bench/table.py "$agreements" "$out"
# Drop the weekdays that are public holidays, so that every month is complete.
"$out/alprice" quotes check "$out/table-quotes.csv" --format json > "$out/table-lint.json" || true
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
holidays = {f["date"] for f in json.load(open(f"{out}/table-lint.json"))["findings"] if "holiday" in f["what"]}
lines = open(f"{out}/table-quotes.csv").read().splitlines()
kept = [lines[0]] + [l for l in lines[1:] if l.split(",")[0] not in holidays]
open(f"{out}/table-quotes.csv", "w").write("\n".join(kept) + "\n")
PY
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
table=("$out/alprice" table --agreements "$out/table-agreements.yaml" --quotes "$out/table-quotes.csv")
for format in table json csv; do
  /usr/bin/time -f "table --format $format: %e s wall, %U s user, %M KB peak RSS" "${table[@]}" --format "$format" > /dev/null
done
/usr/bin/time -f "table --out x.xlsx:    %e s wall, %U s user, %M KB peak RSS" "${table[@]}" --out "$out/table.xlsx"
