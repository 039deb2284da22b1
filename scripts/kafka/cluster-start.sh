#!/usr/bin/env bash
# Starts an N-node (default 3) KRaft cluster on 127.0.0.1, every node broker+controller:
# node i: KAFKA_NODE_ID=i, client port KAFKA_PORT+i-1 (9092, 9093, ...), controller port
# KAFKA_CONTROLLER_PORT+i-1 (10092, ...), data $KAFKA_CLUSTER_DIR/<port> (.kafka/data/cluster).
# Replication factor min(N,3), min.insync.replicas 2 when N >= 3. Wipe (cluster-stop.sh N --wipe)
# before changing N. Bootstrap servers: 127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094
set -euo pipefail
. "$(dirname "$0")/lib.sh"

N=${1:-3}
CLUSTER_DIR=${KAFKA_CLUSTER_DIR:-$KAFKA_ROOT/.kafka/data/cluster}
voters=
for i in $(seq 1 "$N"); do voters+="${voters:+,}$i@127.0.0.1:$((KAFKA_CONTROLLER_PORT + i - 1))"; done
mkdir -p "$CLUSTER_DIR"
[ -f "$CLUSTER_DIR/cluster.id" ] || echo "${KAFKA_CLUSTER_ID:-$(kafka_new_cluster_id)}" >"$CLUSTER_DIR/cluster.id"
kafka_fetch_jars

# Nodes must start concurrently: none is ready before a controller majority is up.
pids=()
for i in $(seq 1 "$N"); do
  port=$((KAFKA_PORT + i - 1))
  KAFKA_NODE_ID=$i KAFKA_PORT=$port KAFKA_CONTROLLER_PORT=$((KAFKA_CONTROLLER_PORT + i - 1)) \
    KAFKA_DATA_DIR=$CLUSTER_DIR/$port KAFKA_QUORUM_VOTERS=$voters \
    KAFKA_CLUSTER_ID=$(cat "$CLUSTER_DIR/cluster.id") \
    KAFKA_REPLICATION_FACTOR=$((N < 3 ? N : 3)) KAFKA_MIN_ISR=$((N < 3 ? 1 : 2)) \
    "$KAFKA_SCRIPTS/start.sh" &
  pids+=($!)
done
rc=0
for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
[ "$rc" = 0 ] || { echo "kafka: cluster failed to start; stopping it" >&2; "$KAFKA_SCRIPTS/cluster-stop.sh" "$N"; exit 1; }
echo "kafka: $N-node cluster ready, bootstrap $(seq -s, -f "127.0.0.1:%g" "$KAFKA_PORT" $((KAFKA_PORT + N - 1)))"
