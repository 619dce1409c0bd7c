#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short, bounded time each
# (FUZZTIME, default 5s), one target at a time as `go test -fuzz` requires.
set -euo pipefail
FUZZTIME=${FUZZTIME:-5s}
export CGO_ENABLED=${CGO_ENABLED:-0}
grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r file; do
  dir=$(dirname "$file")
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | sed 's/^func //' | while read -r target; do
    echo "fuzz: $dir $target ($FUZZTIME)"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" "$dir" >/tmp/twin-fuzz.log 2>&1 || { cat /tmp/twin-fuzz.log; exit 1; }
  done
done
