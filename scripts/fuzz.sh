#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short, bounded budget each
# (FUZZTIME, default 10000 executions), one target at a time as `go test -fuzz`
# requires. The budget is a count, not a duration: Go 1.26's fuzz coordinator
# can report a spurious "context deadline exceeded" when a wall-clock
# -fuzztime expires under CPU contention (golang/go#75804, fixed in 1.27).
set -euo pipefail
FUZZTIME=${FUZZTIME:-10000x}
export CGO_ENABLED=${CGO_ENABLED:-0}
grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r file; do
  dir=$(dirname "$file")
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | sed 's/^func //' | while read -r target; do
    echo "fuzz: $dir $target ($FUZZTIME)"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" "$dir" >/tmp/twin-fuzz.log 2>&1 || { cat /tmp/twin-fuzz.log; exit 1; }
  done
done
