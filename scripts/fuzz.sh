#!/usr/bin/env bash
# Runs each fuzz target of alprice for a while, one after another.
#
#   bash scripts/fuzz.sh [TIME] [TARGET...]     (default 5m each, every target)
#
# TIME is a go test -fuzztime value (5m, 30s, 100000x). A crash stops the
# run; go test keeps its input in <package>/testdata/fuzz/<target>/, where
# plain go test replays it from then on: fix the bug and commit the input
# as a regression seed. Targets are found in every package of the module. The last line of each target's output gives the
# number of executions.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-5m}
shift || true
targets=("$@")
# package:target for every fuzz target of the module
all=$(grep -Ho '^func Fuzz[A-Za-z]*' $(git ls-files '*_test.go') | sed 's|/[^/]*_test.go:func |:|' | sort)
for entry in $all; do
  pkg=${entry%%:*} t=${entry##*:}
  if [ ${#targets[@]} -gt 0 ] && [[ ! " ${targets[*]} " =~ " $t " ]]; then
    continue
  fi
  echo "== $t ($pkg) for $time"
  go test "./$pkg" -run '^$' -fuzz "^$t\$" -fuzztime "$time" 2>&1 | tail -3
done
