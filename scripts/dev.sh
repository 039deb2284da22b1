#!/usr/bin/env bash
# Runs the API with reload. Without KAFKA_BROKERS it first starts the local
# broker on 127.0.0.1:9092 (left running afterwards: `npm run kafka:stop`).
# Without API_KEYS it uses a local dev key, made once and kept in .dev-api-key.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${KAFKA_BROKERS:-}" ]; then
  bash scripts/kafka/start.sh
  export KAFKA_BROKERS=127.0.0.1:9092
fi
if [ -z "${API_KEYS:-}" ] && [ "${OPEN_ACCESS:-false}" != true ]; then
  [ -s .dev-api-key ] || node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("hex"))' >.dev-api-key
  export API_KEYS=$(cat .dev-api-key)
  echo "dev: writes need  X-API-Key: $API_KEYS  (also in .dev-api-key)"
fi
# The original path's clients send no key; let them in locally, as a migration would.
export LEGACY_ANONYMOUS_WRITES=${LEGACY_ANONYMOUS_WRITES:-true}
npm run docs
exec npx --no-install tsx watch src/server.ts
