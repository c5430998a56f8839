#!/usr/bin/env bash
# Runs every bench/ program and prints its figures (medians of 3 runs, ratios to the peer).
set -euo pipefail
build=${1:-build}
for b in crypto_bench store_bench; do
  if [ -x "$build/bench/$b" ]; then
    echo "== $b"
    "$build/bench/$b"
    echo
  fi
done
