# Shared by the scripts of bench/: runs taken turn by turn
# (interleaved), so that a baseline and what is measured against it see
# the same machine, and their medians. Source it; needs GNU time.

[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

# load: the load average over the last minute, now.
load() { cut -d' ' -f1 /proc/loadavg; }

# time_of FILE CMD... runs CMD once (stdout to /dev/null; stdin as given)
# and appends "wall cpu peak_kb major_faults minor_faults load" to FILE.
# A nonzero exit of CMD is kept in the figures, not fatal (check exits 1
# on findings).
time_of() {
  local file=$1; shift
  local l; l=$(load)
  /usr/bin/time -f "%e %U %S %M %F %R" -o "$file.one" "$@" > /dev/null || true
  awk -v l="$l" '!/^Command/ { printf "%s %.2f %s %s %s %s\n", $1, $2 + $3, $4, $5, $6, l }' "$file.one" >> "$file"
}

# median N FILE: the median of column N of FILE.
median() { awk -v c="$1" '{ print $c }' "$2" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# range N FILE: the lowest and highest of column N of FILE, "lo–hi".
range() { awk -v c="$1" '{ print $c }' "$2" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'; }

# row NAME GOAL BASE_FILE CAND_FILE: one row of the table, the candidate
# against its same-run baseline: medians of wall and CPU, their ratios,
# the candidate's highest peak memory, and the load over its runs.
row() {
  local name=$1 goal=$2 base=$3 cand=$4
  awk -v n="$name" -v g="$goal" -v bw="$(median 1 "$base")" -v bc="$(median 2 "$base")" \
      -v cw="$(median 1 "$cand")" -v cc="$(median 2 "$cand")" -v mem="$(awk '{ print $3 }' "$cand" | sort -g | tail -1)" \
      -v runs="$(wc -l < "$cand")" -v ld="$(range 6 "$cand")" \
    'BEGIN { printf "%-34s %6.2f s / %6.2f s wall = %5.2fx, CPU %5.2fx, %5.0f MB, %d runs, load %s   (goal %s)\n",
             n, cw, bw, (bw > 0 ? cw / bw : 0), (bc > 0 ? cc / bc : 0), mem / 1024, runs, ld, g }'
}

# check_inputs TICKETS: builds bench/out/alprice and makes, unless there
# already, the deliveries of TICKETS tickets and their invoices (an
# invoice line for 7 of every 11 tickets, bench/invoices_from_settlement.py),
# shared by check.sh and export.sh. Sets out, deliveries, invoices and
# common (the flags of settle and check over them).
check_inputs() {
  local tickets=$1
  out=bench/out
  mkdir -p "$out"
  deliveries="$out/deliveries-$tickets.csv"
  invoices="$out/invoices-$tickets.csv"
  go build -o "$out/alprice" ./cmd/alprice
  [ -s "$deliveries" ] || go run ./bench/gendeliveries -n "$tickets" > "$deliveries"
  common=(--agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv --deliveries "$deliveries" --format json)
  if [ ! -s "$invoices" ]; then
    "$out/alprice" settle "${common[@]}" > "$out/settlement-$tickets.json"
    python3 bench/invoices_from_settlement.py "$out/settlement-$tickets.json" "$deliveries" > "$invoices"
  fi
}
