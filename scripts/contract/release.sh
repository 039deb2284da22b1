#!/usr/bin/env bash
# Records the current contract as the released one, the baseline that
# `npm run check:breaking` compares every later change with: the bundled
# HTTP contract, the Kafka event schema and the gRPC interface generated from
# the contract (generated/proto/), copied into contract/baseline/,
# and the contract package for consumer teams, packed into dist/contract/.
# Run it when a contract version is released (see docs/VERSIONING.md), and
# commit the baseline together with the change that released it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# The bundle must be what openapi.yaml says today, or the baseline would record a stale contract.
bash scripts/check-generated.sh >/dev/null
mkdir -p contract/baseline
cp generated/openapi.yaml contract/baseline/openapi.yaml
cp schemas/computer-order-event.json contract/baseline/computer-order-event.json
# Replaced as a whole, so that a proto package the contract no longer generates leaves the baseline too.
rm -rf contract/baseline/proto
cp -R generated/proto contract/baseline/proto
api=$(node scripts/contract/major-version.mjs api contract/baseline/openapi.yaml)
event=$(node scripts/contract/major-version.mjs event contract/baseline/computer-order-event.json)
proto=$(node scripts/contract/major-version.mjs proto contract/baseline/proto)
version=$(node -e 'console.log(require("yaml").parse(require("fs").readFileSync(process.argv[1], "utf8")).info.version)' contract/baseline/openapi.yaml)
# The package consumer teams install, built from the same sources (dist/contract/, see docs/CONSUMERS.md).
node scripts/contract/pack.mjs
echo "Released contract: HTTP API $version (major $api), event schema_version $event, gRPC package major $proto. Commit contract/baseline/;"
echo "publish dist/contract/*.tgz to the teams' registry (docs/CONSUMERS.md)."
