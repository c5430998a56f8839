#!/usr/bin/env bash
# Starts skerryd in the foreground for development and prints where everything listens.
set -euo pipefail
build=$1 data=$2 base=$3
mkdir -p "$data"
# In its own session: a terminal's Ctrl-C reaches this script only, which turns it into the one
# SIGTERM that drains; skerryd seeing the SIGINT too would take the TERM for a second signal and
# skip the drain.
setsid "$build/src/server/skerryd" --data-dir "$data" --port-base "$base" &
pid=$!
stop() { kill -TERM $pid 2>/dev/null; wait $pid; exit $?; }
trap stop INT TERM HUP
for _ in $(seq 1 100); do
  [ -s "$data/listeners.json" ] && break
  kill -0 $pid 2>/dev/null || { wait $pid; exit $?; }
  sleep 0.1
done
echo
echo "Skerry is running (pid $pid), data in $data"
python3 - "$data" <<'PY'
import json, sys
d = sys.argv[1]
for proto, addr in json.load(open(f"{d}/listeners.json")).items():
    print(f"  {proto:12} {addr}")
print(f"  health       curl -k https://{json.load(open(f'{d}/listeners.json'))['https']}/healthz")
PY
echo "Stop with Ctrl-C."
wait $pid
