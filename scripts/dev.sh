#!/usr/bin/env bash
# Runs the API with reload, its logs pretty-printed. Without KAFKA_BROKERS it first starts the local
# broker on 127.0.0.1:9092 (left running afterwards: `npm run kafka:stop`).
# Without API_KEYS it uses a local dev key, made once and kept in .dev-api-key.
# --secure: runs against the secured local broker instead (SASL_SSL on 127.0.0.1:9093,
# started with `npm run kafka:start -- --secure`), as its `api` principal.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/node/which.mjs dev
secure=
for arg in "$@"; do
  case $arg in
    --secure) secure=1 ;;
    *) echo "usage: npm run dev [-- --secure]" >&2; exit 2 ;;
  esac
done
if [ -n "$secure" ]; then
  bash scripts/kafka/start.sh --secure
  # The broker's address, the api principal's credentials and the CA, in the service's own variable names.
  set -a
  . "${KAFKA_SECURE_DIR:-.kafka/secure}/api.env"
  set +a
elif [ -z "${KAFKA_BROKERS:-}" ]; then
  bash scripts/kafka/start.sh
  export KAFKA_BROKERS=127.0.0.1:9092
fi
if [ -z "${API_KEYS:-}" ] && [ "${OPEN_ACCESS:-false}" != true ]; then
  [ -s .dev-api-key ] || node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("hex"))' >.dev-api-key
  export API_KEYS=$(cat .dev-api-key)
  echo "dev: writes need  X-API-Key: $API_KEYS  (also in .dev-api-key)"
fi
if [ "${GRPC_ENABLED:-true}" = true ]; then
  echo "dev: gRPC on ${HOST:-127.0.0.1}:${GRPC_PORT:-9090} (computer_orders.v1.ComputerOrderService, reflection on; the key as x-api-key metadata)"
fi
# The original path's clients send no key; let them in locally, as a migration would.
export LEGACY_ANONYMOUS_WRITES=${LEGACY_ANONYMOUS_WRITES:-true}
npm run docs
# Pretty-printed here only (pino-pretty, a dev dependency): the service itself
# always writes JSON lines, which is what production log collectors read.
npx --no-install tsx watch src/server.ts | npx --no-install pino-pretty --translateTime SYS:HH:MM:ss.l --ignore pid,hostname,service
