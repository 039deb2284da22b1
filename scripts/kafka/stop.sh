#!/usr/bin/env bash
# Stops the broker started by start.sh (same env vars). --wipe also deletes its data dir.
# KAFKA_STOP_TIMEOUT=30 (s) before SIGKILL.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if pid=$(kafka_running_pid); then
  kill -TERM "$pid"
  deadline=$((SECONDS + ${KAFKA_STOP_TIMEOUT:-30}))
  while kafka_alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "kafka: pid $pid did not stop in time, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      deadline=$((SECONDS + 3600))
    fi
    sleep 0.2
  done
  echo "kafka: stopped broker on 127.0.0.1:$KAFKA_PORT (pid $pid)"
else
  echo "kafka: no broker running on 127.0.0.1:$KAFKA_PORT"
fi
rm -f "$KAFKA_PID_FILE"
if [ "${1:-}" = "--wipe" ]; then
  rm -rf "$KAFKA_DATA_DIR"
  echo "kafka: wiped $KAFKA_DATA_DIR"
fi
