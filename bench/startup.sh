#!/usr/bin/env bash
# Start-up benchmark: alprice --version and alprice quote against a
# hello-world Go program, turn by turn, medians of RUNS runs (default 61);
# then the package initialisers that cost most (GODEBUG=inittrace=1).
#
#   bash bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-61}
out=bench/out
mkdir -p "$out"
go build -o "$out/alprice" ./cmd/alprice
go build -o "$out/hello" ./bench/hello
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/startup.py "$runs" "$out/hello" "$out/alprice --version" "$out/alprice quote --a00 24389"
echo "slowest initialisers (GODEBUG=inittrace=1 alprice --version):"
GODEBUG=inittrace=1 "$out/alprice" --version 2>&1 >/dev/null | sort -k5 -g -r | head -5
