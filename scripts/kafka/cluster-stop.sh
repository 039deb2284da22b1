#!/usr/bin/env bash
# Stops the N-node (default 3) cluster started by cluster-start.sh (same env); --wipe deletes its data.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

N=3 wipe=
for a in "$@"; do case $a in --wipe) wipe=--wipe ;; *) N=$a ;; esac; done
CLUSTER_DIR=${KAFKA_CLUSTER_DIR:-$KAFKA_ROOT/.kafka/data/cluster}
pids=()
for i in $(seq 1 "$N"); do
  port=$((KAFKA_PORT + i - 1))
  KAFKA_PORT=$port KAFKA_DATA_DIR=$CLUSTER_DIR/$port "$KAFKA_SCRIPTS/stop.sh" $wipe &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || true; done
[ -z "$wipe" ] || rm -rf "$CLUSTER_DIR"
