#!/usr/bin/env bash
# Stops the broker started by start.sh (same env vars). --wipe also deletes its data dir.
# KAFKA_STOP_TIMEOUT=30 (s) before SIGKILL. --secure: the broker of start.sh --secure (port 9093
# by default); with --wipe its credentials in KAFKA_SECURE_DIR go too.
set -euo pipefail
wipe= secure=
for arg in "$@"; do
  case $arg in
    --wipe) wipe=1 ;;
    --secure) secure=1 ;;
    *) echo "usage: stop.sh [--secure] [--wipe]" >&2; exit 2 ;;
  esac
done
[ -z "$secure" ] || KAFKA_PORT=${KAFKA_PORT:-9093}
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
if [ -n "$wipe" ]; then
  rm -rf "$KAFKA_DATA_DIR"
  echo "kafka: wiped $KAFKA_DATA_DIR"
  if [ -n "$secure" ]; then
    rm -rf "${KAFKA_SECURE_DIR:-$KAFKA_ROOT/.kafka/secure}"
    echo "kafka: wiped ${KAFKA_SECURE_DIR:-$KAFKA_ROOT/.kafka/secure}"
  fi
fi
