# Sourced by start.sh / stop.sh / cluster-*.sh: env defaults and jar fetching.
KAFKA_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KAFKA_ROOT=$(cd "$KAFKA_SCRIPTS/../.." && pwd)
KAFKA_VERSION=${KAFKA_VERSION:-4.1.1}
KAFKA_LIB=${KAFKA_LIB:-$KAFKA_ROOT/.kafka/lib/$KAFKA_VERSION}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1000))}
KAFKA_NODE_ID=${KAFKA_NODE_ID:-1}
KAFKA_DATA_DIR=${KAFKA_DATA_DIR:-$KAFKA_ROOT/.kafka/data/$KAFKA_PORT}
KAFKA_PID_FILE=$KAFKA_DATA_DIR/kafka.pid
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}

# Prints the broker pid if the pid file points at a live kafka.Kafka process.
kafka_running_pid() {
  local pid
  pid=$(cat "$KAFKA_PID_FILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
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

# Downloads kafka_2.13 and its runtime jars into $KAFKA_LIB once (atomic rename, locked).
kafka_fetch_jars() {
  [ -d "$KAFKA_LIB" ] && return 0
  mkdir -p "$(dirname "$KAFKA_LIB")"
  (
    flock 9
    [ -d "$KAFKA_LIB" ] && exit 0
    tmp=$KAFKA_LIB.tmp.$$
    echo "kafka: fetching kafka_2.13:$KAFKA_VERSION jars with mvn into $KAFKA_LIB" >&2
    mvn -q -B -f "$KAFKA_SCRIPTS/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
      -Dkafka.lib.dir="$tmp" dependency:copy-dependencies >&2
    mv "$tmp" "$KAFKA_LIB"
  ) 9>"$(dirname "$KAFKA_LIB")/.fetch.lock"
}
