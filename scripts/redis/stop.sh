#!/usr/bin/env bash
# Stops the Redis started by start.sh (same env vars). --wipe also deletes its data dir.
# REDIS_STOP_TIMEOUT=10 (s) before SIGKILL.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if pid=$(redis_running_pid); then
  kill -TERM "$pid"
  deadline=$((SECONDS + ${REDIS_STOP_TIMEOUT:-10}))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "redis: pid $pid did not stop in time, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      deadline=$((SECONDS + 3600))
    fi
    sleep 0.1
  done
  echo "redis: stopped on 127.0.0.1:$REDIS_PORT (pid $pid)"
else
  echo "redis: not running on 127.0.0.1:$REDIS_PORT"
fi
rm -f "$REDIS_PID_FILE"
if [ "${1:-}" = "--wipe" ]; then
  rm -rf "$REDIS_DATA_DIR"
  echo "redis: wiped $REDIS_DATA_DIR"
fi
