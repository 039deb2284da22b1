#!/usr/bin/env bash
# Fails when generated/ is not what `npm run generate` writes: the types
# (openapi-typescript's own --check), the single-file bundle and the .proto
# generated from it (generated/proto/).
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install openapi-typescript --default-non-nullable false --check
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
npx --no-install redocly bundle main --output "$fresh/openapi.yaml" >/dev/null 2>&1
if ! diff -u generated/openapi.yaml "$fresh/openapi.yaml" >"$fresh/diff"; then
  head -40 "$fresh/diff" >&2
  echo "generated/openapi.yaml is stale: run 'npm run generate' and commit the result." >&2
  exit 1
fi
# The .proto from the fresh bundle, so that an edit of openapi.yaml alone is caught here too.
npx --no-install node scripts/generate-proto.mjs "$fresh/openapi.yaml" "$fresh/proto" >/dev/null
if ! diff -ru generated/proto "$fresh/proto" >"$fresh/diff"; then
  head -40 "$fresh/diff" >&2
  echo "generated/proto/ is stale: run 'npm run generate' and commit the result." >&2
  exit 1
fi
echo "generated/ is up to date."
