# Shared by start.sh and stop.sh: the instance's settings, and how to tell it is alive.
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
REDIS_PORT=${REDIS_PORT:-6379}
REDIS_DATA_DIR=${REDIS_DATA_DIR:-$REPO_ROOT/.redis/$REDIS_PORT}
REDIS_PID_FILE=$REDIS_DATA_DIR/redis.pid

# The pid in redis.pid, if that process is alive and is a redis-server.
redis_running_pid() {
  [ -f "$REDIS_PID_FILE" ] || return 1
  local pid
  pid=$(cat "$REDIS_PID_FILE")
  [ -n "$pid" ] && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

# An inline PING over bash's /dev/tcp: "+PONG", or "-NOAUTH" when a password is required.
redis_ping() {
  local out
  # shellcheck disable=SC2016
  out=$(timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "PING\r\n" >&3
    head -c 7 <&3' _ "$REDIS_PORT" 2>/dev/null) || return 1
  [[ $out == +PONG* || $out == -NOAUTH* ]]
}
