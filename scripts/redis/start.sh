#!/usr/bin/env bash
# Starts a local Redis (Debian's redis-server) on 127.0.0.1 for the shared idempotency
# store, and returns once it answers PING. Append-only file on, so a restart after a
# crash (even SIGKILL) keeps every reservation it had confirmed.
#
# Env (defaults):
#   REDIS_PORT=6379
#   REDIS_DATA_DIR=<repo>/.redis/$REDIS_PORT   (redis.conf, appendonly files, redis.log, redis.pid)
#   REDIS_PASSWORD_FILE              a file holding a password to require (written into redis.conf, mode 600)
#   REDIS_START_TIMEOUT=20 (s)
#   REDIS_TLS_PORT                   also serve TLS there (with REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE, PEM);
#                                    the API then uses rediss://127.0.0.1:$REDIS_TLS_PORT (and IDEMPOTENCY_STORE_CA_FILE)
# The API then uses IDEMPOTENCY_STORE_URL=redis://127.0.0.1:$REDIS_PORT
# (and IDEMPOTENCY_STORE_PASSWORD_FILE=$REDIS_PASSWORD_FILE).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if ! command -v redis-server >/dev/null; then
  echo "redis: redis-server not found; install it (Debian: apt-get install redis-server)" >&2
  exit 1
fi
if pid=$(redis_running_pid); then
  echo "redis: already running on 127.0.0.1:$REDIS_PORT (pid $pid)"
  exit 0
fi
mkdir -p "$REDIS_DATA_DIR"
umask 077
{
  echo "bind 127.0.0.1"
  echo "port $REDIS_PORT"
  echo "dir $REDIS_DATA_DIR"
  echo "pidfile $REDIS_PID_FILE"
  echo "logfile $REDIS_DATA_DIR/redis.log"
  echo "daemonize yes"
  echo "save \"\""
  echo "appendonly yes"
  echo "appendfsync everysec"
  if [ -n "${REDIS_TLS_PORT:-}" ]; then
    echo "tls-port $REDIS_TLS_PORT"
    echo "tls-cert-file $REDIS_TLS_CERT_FILE"
    echo "tls-key-file $REDIS_TLS_KEY_FILE"
    # Clients are not asked for a certificate: the password authenticates them.
    echo "tls-auth-clients no"
  fi
  if [ -n "${REDIS_PASSWORD_FILE:-}" ]; then
    printf 'requirepass "%s"\n' "$(head -n 1 "$REDIS_PASSWORD_FILE")"
  fi
} >"$REDIS_DATA_DIR/redis.conf"
redis-server "$REDIS_DATA_DIR/redis.conf"

deadline=$((SECONDS + ${REDIS_START_TIMEOUT:-20}))
until redis_ping; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "redis: not answering on 127.0.0.1:$REDIS_PORT after ${REDIS_START_TIMEOUT:-20} s; see $REDIS_DATA_DIR/redis.log" >&2
    tail -n 20 "$REDIS_DATA_DIR/redis.log" >&2 || true
    exit 1
  fi
  sleep 0.1
done
echo "redis: ready on 127.0.0.1:$REDIS_PORT (pid $(cat "$REDIS_PID_FILE"), data in $REDIS_DATA_DIR)"
