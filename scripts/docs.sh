#!/usr/bin/env bash
# Renders both contracts into docs/api/ (a build product, git-ignored), as
# pages that work offline: Redoc's bundle is inlined and the template in
# docs/templates/ references nothing outside the page.
#   docs/api/index.html   the HTTP API, from openapi.yaml
#   docs/api/events.html  the Kafka records, from asyncapi.yaml
# The API serves them at /docs.
set -euo pipefail
cd "$(dirname "$0")/.."
# Redocly CLI reports usage, and Redoc pages report views, unless told not to.
export REDOCLY_TELEMETRY=off
out=docs/api
template=docs/templates/redoc.hbs
mkdir -p "$out"
npx --no-install redocly build-docs main --template "$template" --inlineBundle --output "$out/index.html"
npx --no-install redocly build-docs asyncapi.yaml --template "$template" --inlineBundle --output "$out/events.html"
