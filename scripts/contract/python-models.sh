#!/usr/bin/env bash
# Writes the pydantic v2 models of the event, generated from
# schemas/computer-order-event.json by datamodel-code-generator, to the file
# given (default: generated/python/computer_orders_contract/models.py, what
# `npm run generate` writes and check:generated compares).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-generated/python/computer_orders_contract/models.py}
venv=$(bash scripts/contract/python-venv.sh)
mkdir -p "$(dirname "$out")"
# Literal types rather than Enums, and constrained str rather than root models:
# what a reader compares and type-checks against (event.equipment == ["MOUSE"]).
"$venv/bin/datamodel-codegen" \
  --input schemas/computer-order-event.json --input-file-type jsonschema \
  --output-model-type pydantic_v2.BaseModel --class-name ComputerOrderEvent \
  --target-python-version 3.10 --use-standard-collections --use-union-operator --use-annotated \
  --collapse-root-models --enum-field-as-literal all --use-double-quotes --formatters builtin \
  --custom-file-header '# Generated from schemas/computer-order-event.json by datamodel-code-generator
# (scripts/contract/python-models.sh): do not edit; run `npm run generate`.' \
  --output "$out"
