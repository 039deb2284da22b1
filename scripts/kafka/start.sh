#!/usr/bin/env bash
# Starts a local single-node KRaft Kafka broker (broker+controller in one JVM) on 127.0.0.1,
# and returns once it answers Kafka requests. Needs Java 17+ and mvn (first run only).
#
# Env (defaults):
#   KAFKA_PORT=9092               client listener (PLAINTEXT://127.0.0.1:$KAFKA_PORT)
#   KAFKA_CONTROLLER_PORT=PORT+1000  KRaft controller listener
#   KAFKA_NODE_ID=1
#   KAFKA_DATA_DIR=<repo>/.kafka/data/$KAFKA_PORT   (logs/, server.properties, server.log, kafka.pid)
#   KAFKA_CLUSTER_ID=<random>     only used when formatting a fresh data dir
#   KAFKA_QUORUM_VOTERS=$KAFKA_NODE_ID@127.0.0.1:$KAFKA_CONTROLLER_PORT  (static controller.quorum.voters)
#   KAFKA_REPLICATION_FACTOR=1    internal topics + default.replication.factor
#   KAFKA_MIN_ISR=1               min.insync.replicas (+ transaction state log min ISR)
#   KAFKA_HEAP_OPTS="-Xms256m -Xmx512m"  KAFKA_START_TIMEOUT=90 (s)  KAFKA_VERSION=4.1.1
#   KAFKA_EXTRA_CONFIG            extra server.properties lines (newline separated)
#
# --secure: a SASL_SSL (SCRAM-SHA-512) listener instead, on KAFKA_PORT=9093 by default, with ACLs
# and generated credentials in .kafka/secure/ (see secure.sh; stop it with stop.sh --secure).
#
# Multi-node cluster on loopback: run this once per node, concurrently (a node only finishes
# starting once a majority of controllers is up), with distinct KAFKA_NODE_ID/KAFKA_PORT/
# KAFKA_CONTROLLER_PORT/KAFKA_DATA_DIR and the same KAFKA_CLUSTER_ID and KAFKA_QUORUM_VOTERS, e.g.
#   KAFKA_QUORUM_VOTERS=1@127.0.0.1:10092,2@127.0.0.1:10093,3@127.0.0.1:10094
# cluster-start.sh N / cluster-stop.sh N do exactly that (RF 3, min ISR 2 when N >= 3).
set -euo pipefail
SECURE=
for arg in "$@"; do
  case $arg in
    --secure) SECURE=1 ;;
    *) echo "usage: start.sh [--secure]" >&2; exit 2 ;;
  esac
done
[ -z "$SECURE" ] || KAFKA_PORT=${KAFKA_PORT:-9093}
. "$(dirname "$0")/lib.sh"
[ -z "$SECURE" ] || . "$KAFKA_SCRIPTS/secure.sh"

KAFKA_QUORUM_VOTERS=${KAFKA_QUORUM_VOTERS:-$KAFKA_NODE_ID@127.0.0.1:$KAFKA_CONTROLLER_PORT}
KAFKA_REPLICATION_FACTOR=${KAFKA_REPLICATION_FACTOR:-1}
KAFKA_MIN_ISR=${KAFKA_MIN_ISR:-1}
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
LOG=$KAFKA_DATA_DIR/server.log

# Sends an ApiVersions v0 request; succeeds if the broker answers with error code 0.
kafka_ready() {
  [ -z "$SECURE" ] || { secure_ready; return; }
  local out
  # shellcheck disable=SC2016
  out=$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\0\0\0\x0c\0\x12\0\0\0\0\0\x01\0\x02sh" >&3
    head -c 10 <&3' _ "$KAFKA_PORT" 2>/dev/null | od -An -tx1 -v | tr -d ' \n') || return 1
  [ "${out:8:12}" = 000000010000 ] # correlation id 1, error code 0
}

if pid=$(kafka_running_pid); then
  echo "kafka: already running on 127.0.0.1:$KAFKA_PORT (pid $pid)"
  exit 0
fi
rm -f "$KAFKA_PID_FILE"
if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
  echo "kafka: port $KAFKA_PORT is already in use by another process" >&2
  exit 1
fi

"$JAVA" -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' ||
  { echo "kafka: Java 17+ required ($JAVA)" >&2; exit 1; }
kafka_fetch_jars
CP="$KAFKA_LIB/*"
mkdir -p "$KAFKA_DATA_DIR/logs"
[ -z "$SECURE" ] || secure_prepare

cat >"$KAFKA_DATA_DIR/log4j2.properties" <<PROPS
shutdownHook = disable
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = STDOUT
logger.state.name = state.change.logger
logger.state.level = WARN
PROPS

if [ -n "$SECURE" ]; then
  LISTENERS=$(secure_server_properties)
else
  LISTENERS="listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT"
fi

# The secure broker's passwords are in it: readable by its owner only.
(umask 077 && cat >"$KAFKA_DATA_DIR/server.properties") <<PROPS
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_QUORUM_VOTERS
$LISTENERS
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_DATA_DIR/logs
num.partitions=1
auto.create.topics.enable=false
default.replication.factor=$KAFKA_REPLICATION_FACTOR
min.insync.replicas=$KAFKA_MIN_ISR
offsets.topic.replication.factor=$KAFKA_REPLICATION_FACTOR
transaction.state.log.replication.factor=$KAFKA_REPLICATION_FACTOR
transaction.state.log.min.isr=$KAFKA_MIN_ISR
share.coordinator.state.topic.replication.factor=$KAFKA_REPLICATION_FACTOR
share.coordinator.state.topic.min.isr=$KAFKA_MIN_ISR
group.initial.rebalance.delay.ms=0
${KAFKA_EXTRA_CONFIG:-}
PROPS

if [ ! -f "$KAFKA_DATA_DIR/logs/meta.properties" ]; then
  FORMAT_ARGS=()
  [ -z "$SECURE" ] || mapfile -t FORMAT_ARGS < <(secure_format_args)
  KAFKA_CLUSTER_ID=${KAFKA_CLUSTER_ID:-$(kafka_new_cluster_id)}
  "$JAVA" -cp "$CP" -Dlog4j2.configurationFile="$KAFKA_DATA_DIR/log4j2.properties" \
    kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$KAFKA_DATA_DIR/server.properties" \
    "${FORMAT_ARGS[@]}" >"$KAFKA_DATA_DIR/format.log" 2>&1 || { cat "$KAFKA_DATA_DIR/format.log" >&2; exit 1; }
fi

[ -f "$LOG" ] && mv -f "$LOG" "$LOG.1"
# shellcheck disable=SC2086
setsid "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$KAFKA_DATA_DIR/log4j2.properties" -cp "$CP" \
  kafka.Kafka "$KAFKA_DATA_DIR/server.properties" </dev/null >"$LOG" 2>&1 &
pid=$!
echo "$pid" >"$KAFKA_PID_FILE"

deadline=$((SECONDS + KAFKA_START_TIMEOUT))
until kafka_ready; do
  if ! kafka_alive "$pid" || [ "$SECONDS" -ge "$deadline" ]; then
    echo "kafka: broker on 127.0.0.1:$KAFKA_PORT failed to start; tail of $LOG:" >&2
    tail -n 40 "$LOG" >&2
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$KAFKA_PID_FILE"
    exit 1
  fi
  sleep 0.5
done
if [ -n "$SECURE" ]; then
  secure_apply_acls || { kill -9 "$pid" 2>/dev/null || true; rm -f "$KAFKA_PID_FILE"; exit 1; }
  echo "kafka: secured broker $KAFKA_VERSION ready on SASL_SSL 127.0.0.1:$KAFKA_PORT (pid $pid, data $KAFKA_DATA_DIR);" \
    "credentials in $KAFKA_SECURE_DIR/{api,reader,admin}.env"
  exit 0
fi
echo "kafka: broker $KAFKA_VERSION ready on 127.0.0.1:$KAFKA_PORT (pid $pid, data $KAFKA_DATA_DIR)"
