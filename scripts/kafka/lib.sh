# shellcheck shell=bash
# Sourced by start.sh / stop.sh / cluster-*.sh: env defaults and jar fetching.
KAFKA_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KAFKA_ROOT=$(cd "$KAFKA_SCRIPTS/../.." && pwd)
KAFKA_VERSION=${KAFKA_VERSION:-4.1.1}
KAFKA_LIB=$KAFKA_ROOT/.kafka/lib/$KAFKA_VERSION
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1000))}
KAFKA_NODE_ID=${KAFKA_NODE_ID:-1}
KAFKA_DATA_DIR=${KAFKA_DATA_DIR:-$KAFKA_ROOT/.kafka/data/$KAFKA_PORT}
KAFKA_PID_FILE=$KAFKA_DATA_DIR/kafka.pid
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}

# True while the process exists and is not a zombie (pid 1 here may reap late).
kafka_alive() {
  local st
  st=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${st#Z}" = "$st" ]
}

# Prints the broker pid if the pid file points at a live kafka.Kafka process.
kafka_running_pid() {
  local pid
  pid=$(cat "$KAFKA_PID_FILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && kafka_alive "$pid" &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' && echo "$pid"
}

# Prints a random Kafka cluster id (base64url of 16 bytes, not starting with '-').
kafka_new_cluster_id() {
  local id=-
  while [ "${id#-}" != "$id" ]; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  done
  echo "$id"
}

# Downloads the pom's jars into $KAFKA_LIB unless already there for this pom (locked, atomic).
kafka_fetch_jars() {
  local stamp
  stamp=$(sha1sum <"$KAFKA_SCRIPTS/pom.xml" | cut -c1-40)
  [ "$(cat "$KAFKA_LIB/.pom-sha1" 2>/dev/null)" = "$stamp" ] && return 0
  mkdir -p "$(dirname "$KAFKA_LIB")"
  (
    flock 9
    [ "$(cat "$KAFKA_LIB/.pom-sha1" 2>/dev/null)" = "$stamp" ] && exit 0
    tmp=$KAFKA_LIB.tmp.$$
    echo "kafka: fetching kafka_2.13:$KAFKA_VERSION jars with mvn into $KAFKA_LIB" >&2
    mvn -q -B -f "$KAFKA_SCRIPTS/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
      -Dkafka.lib.dir="$tmp" dependency:copy-dependencies >"$tmp.log" 2>&1 ||
      { cat "$tmp.log" >&2; rm -rf "$tmp" "$tmp.log"; exit 1; }
    rm -f "$tmp.log"
    echo "$stamp" >"$tmp/.pom-sha1"
    rm -rf "$KAFKA_LIB"
    mv "$tmp" "$KAFKA_LIB"
  ) 9>"$(dirname "$KAFKA_LIB")/.fetch.lock"
}
