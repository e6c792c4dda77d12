#!/usr/bin/env bash
# Runs each fuzz target of alprice for a while, one after another.
#
#   bash scripts/fuzz.sh [TIME] [TARGET...]     (default 5m each, every target)
#
# TIME is a go test -fuzztime value (5m, 30s, 100000x). A crash stops the
# run; go test keeps its input in pricing/testdata/fuzz/<target>/, where
# plain go test replays it from then on: fix the bug and commit the input
# as a regression seed. The last line of each target's output gives the
# number of executions.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-5m}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(grep -ho '^func Fuzz[A-Za-z]*' pricing/*_test.go | sed 's/^func //' | sort))
fi
for t in "${targets[@]}"; do
  echo "== $t for $time"
  go test ./pricing -run '^$' -fuzz "^$t\$" -fuzztime "$time" 2>&1 | tail -3
done
