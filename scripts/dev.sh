#!/usr/bin/env bash
# Runs the API with reload. Without KAFKA_BROKERS it first starts the local
# broker on 127.0.0.1:9092 (left running afterwards: `npm run kafka:stop`).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${KAFKA_BROKERS:-}" ]; then
  bash scripts/kafka/start.sh
  export KAFKA_BROKERS=127.0.0.1:9092
fi
exec npx --no-install tsx watch src/server.ts
