#!/usr/bin/env bash
# Starts skerryd in the foreground for development and prints where everything listens.
set -euo pipefail
build=$1 data=$2 base=$3
mkdir -p "$data"

# skerryd runs in its own session (below), out of reach of the terminal: every way out of this
# script has to stop it. A second Ctrl-C during the drain sends a second SIGTERM, which ends it.
pid=
stop() {
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local status=0
  wait "$pid" || status=$?
  pid=
  exit "$status"
}
trap 'stop; exit 130' INT TERM HUP
trap stop EXIT

# In its own session: a terminal's Ctrl-C reaches this script only, which turns it into the one
# SIGTERM that drains; skerryd seeing the SIGINT too would take the TERM for a second signal and
# skip the drain.
setsid "$build/src/server/skerryd" --data-dir "$data" --port-base "$base" &
pid=$!
for _ in $(seq 1 300); do
  [ -s "$data/listeners.json" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    status=0
    wait "$pid" || status=$?
    pid=
    exit "$status"
  fi
  sleep 0.1
done
if [ ! -s "$data/listeners.json" ]; then
  echo "skerryd did not report its listeners within 30 s; stopping it" >&2
  exit 1  # the EXIT trap stops it
fi
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
status=0
wait "$pid" || status=$?
pid=
exit "$status"
