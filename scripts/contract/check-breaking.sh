#!/usr/bin/env bash
# Fails when the contract breaks its last release without a major version bump.
#
#   scripts/contract/check-breaking.sh [candidate-openapi] [candidate-event-schema] [candidate-asyncapi]
#
# Compares the candidate HTTP contract, Kafka event schema (default
# schemas/computer-order-event.json) and Kafka record headers (the headers
# schema of the candidate AsyncAPI document, default asyncapi.yaml, extracted
# by record-headers-schema.mjs) with the release in contract/baseline/
# (CONTRACT_BASELINE_DIR names another one, for tests). Without a candidate
# contract it bundles the source, openapi.yaml (CONTRACT_SOURCE names another
# one, for tests), into a temporary file and judges that: generated/ may be
# stale after an edit, and judging it would pass a breaking edit unseen.
# The gRPC interface is judged the same way: generated afresh from the
# candidate contract (scripts/generate-proto.mjs), linted with `buf lint` and
# compared with contract/baseline/proto/ by `buf breaking`, with the rules of
# buf.yaml (buf from the pinned npm package @bufbuild/buf; offline).
# The policy, and what each rule below is for, is in docs/VERSIONING.md.
#
# Then it checks every registered consumer pact (contract/pacts/, see
# docs/CONSUMERS.md) against the candidate HTTP contract and the candidate
# AsyncAPI document (default asyncapi.yaml, read beside the candidate event
# schema): a change that breaks a registered consumer fails even when a major
# bump allows it, since that consumer would break all the same (the offline
# stand-in for Pact's can-i-deploy).
#
# oasdiff runs through `go run`, so Go (1.26+) is all it needs: the first run
# downloads and compiles it (under a minute), later ones start from Go's
# build cache in about a second.
#
# Exit: 0 compatible, or breaking with a major bump; 1 breaking; 2 the check
# itself could not run.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
# `npm run` starts scripts in the package root; relative paths are the caller's.
caller=$PWD
[ "${npm_lifecycle_event:-}" = check:breaking ] && caller=${INIT_CWD:-$PWD}
absolute() { case $1 in /*) echo "$1" ;; *) echo "$caller/$1" ;; esac; }
candidate_api=${1:+$(absolute "$1")}
source_api=$(absolute "${CONTRACT_SOURCE:-$root/openapi.yaml}")
candidate_event=$(absolute "${2:-$root/schemas/computer-order-event.json}")
candidate_asyncapi=$(absolute "${3:-$root/asyncapi.yaml}")
baseline=$(absolute "${CONTRACT_BASELINE_DIR:-$root/contract/baseline}")
OASDIFF=github.com/oasdiff/oasdiff@v1.37.0
# The shortest notice a newly deprecated operation, parameter or property of the HTTP API may get (x-sunset).
MIN_NOTICE_DAYS=180

for file in "${candidate_api:-$source_api}" "$candidate_event" "$candidate_asyncapi" "$baseline/openapi.yaml" "$baseline/computer-order-event.json" "$baseline/computer-order-event-headers.json" "$root/buf.yaml"; do
  [ -f "$file" ] || { echo "check-breaking: no such file: $file" >&2; exit 2; }
done
[ -d "$baseline/proto" ] || { echo "check-breaking: no such folder: $baseline/proto" >&2; exit 2; }
BUF=$root/node_modules/.bin/buf
[ -x "$BUF" ] || { echo "check-breaking: buf is missing: run npm ci" >&2; exit 2; }
command -v go >/dev/null || { echo "check-breaking: Go 1.26+ is needed to run oasdiff" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every path is absolute by now; running in an empty folder keeps oasdiff from picking up a stray .oasdiff.* config.
cd "$work" || exit 2

if [ -z "$candidate_api" ]; then
  candidate_api=$work/openapi.yaml
  if ! "$root/node_modules/.bin/redocly" bundle "$source_api" --config "$root/redocly.yaml" --output "$candidate_api" >"$work/bundle.log" 2>&1; then
    cat "$work/bundle.log" >&2
    echo "check-breaking: could not bundle $source_api" >&2
    exit 2
  fi
  echo "bundled $source_api (the source, not generated/) into $candidate_api"
fi

# Built up front, so that a failed download or compile is never read as a verdict.
echo "oasdiff: go run $OASDIFF (a first run downloads and compiles it)"
started=$SECONDS
if ! go run "$OASDIFF" --version >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "check-breaking: could not build $OASDIFF" >&2
  exit 2
fi
echo "oasdiff: ready in $((SECONDS - started)) s"

# breaking_changes BASE CANDIDATE LEVELS [FLAG...]: prints oasdiff's report, with
# the rule levels of file LEVELS; returns 0 compatible, 1 breaking, 2 oasdiff failed.
breaking_changes() {
  go run "$OASDIFF" breaking "$1" "$2" --fail-on ERR --color never \
    --severity-levels "$3" "${@:4}" 2>"$work/stderr"
  local status=$?
  # `go run` exits 1 whatever the program's code was, and names that code on stderr.
  local code
  code=$(sed -n 's/^exit status \([0-9]*\)$/\1/p' "$work/stderr" | tail -1)
  grep -v '^exit status ' "$work/stderr" >&2
  [ "$status" -eq 0 ] && return 0
  [ "$code" = 1 ] && return 1
  return 2
}

major() { node "$root/scripts/contract/major-version.mjs" "$@" || echo invalid; }

verdicts=()
outcome=0
# judge LABEL STATUS BASE_MAJOR CANDIDATE_MAJOR VERSION_FIELD
judge() {
  local label=$1 status=$2 from=$3 to=$4 field=$5
  if [ "$from" = invalid ] || [ "$to" = invalid ] || [ "$status" -ge 2 ]; then
    verdicts+=("$label: the check could not run")
    outcome=2
  elif [ "$status" -eq 0 ]; then
    verdicts+=("$label: compatible with the release ($field major $from -> $to)")
  elif [ "$to" -gt "$from" ]; then
    verdicts+=("$label: breaking, allowed by the major bump ($field major $from -> $to)")
  else
    verdicts+=("$label: BREAKING without a major bump ($field major still $to): undo it, or release a new major beside this one (docs/VERSIONING.md)")
    [ "$outcome" -eq 0 ] && outcome=1
  fi
}

echo
echo "== HTTP API: $baseline/openapi.yaml -> $candidate_api"
breaking_changes "$baseline/openapi.yaml" "$candidate_api" "$root/contract/oasdiff-levels.txt" --deprecation-days-stable "$MIN_NOTICE_DAYS"
judge "HTTP API" $? "$(major api "$baseline/openapi.yaml")" "$(major api "$candidate_api")" info.version

echo
# Judges a JSON Schema that consumers read (the event, the record headers) as a response body:
# oasdiff with the given levels, then the closed-object rule. Both copies get one file name,
# from which the wrapper names its path and component, so the two match.
#   schema_changes NAME BASE CANDIDATE LEVELS   (exit as breaking_changes; 2 when it could not run)
schema_changes() {
  local name=$1 base=$2 candidate=$3 levels=$4 side status closed
  mkdir -p "$work/$name/base" "$work/$name/candidate"
  cp "$base" "$work/$name/base/$name.json" && cp "$candidate" "$work/$name/candidate/$name.json" || return 2
  for side in base candidate; do
    node "$root/scripts/contract/event-as-openapi.mjs" "$work/$name/$side/$name.json" "$work/$name/$side/$name.openapi.json" || return 2
  done
  breaking_changes "$work/$name/base/$name.openapi.json" "$work/$name/candidate/$name.openapi.json" "$levels"
  status=$?
  node "$root/scripts/contract/closed-object-additions.mjs" "$base" "$candidate"
  closed=$?
  [ "$closed" -gt "$status" ] && status=$closed
  return "$status"
}

echo "== Kafka event (read as a response, the consumer's view): $baseline/computer-order-event.json -> $candidate_event"
# No notice period here: event fields are never removed inside a major, so deprecating one needs no sunset.
schema_changes computer-order-event "$baseline/computer-order-event.json" "$candidate_event" "$root/contract/oasdiff-levels.txt"
judge "Kafka event" $? "$(major event "$baseline/computer-order-event.json")" "$(major event "$candidate_event")" schema_version

echo
echo "== Kafka record headers (read as a response, the consumer's view): $baseline/computer-order-event-headers.json -> headers of $candidate_asyncapi"
# One level raised (contract/oasdiff-levels-headers.txt): removing an optional header breaks too.
# Versioned with the event: a breaking header change needs a new schema_version.
status=0
node "$root/scripts/contract/record-headers-schema.mjs" "$candidate_asyncapi" "$work/candidate-headers.json" || status=2
if [ "$status" -eq 0 ]; then
  schema_changes computer-order-event-headers "$baseline/computer-order-event-headers.json" "$work/candidate-headers.json" "$root/contract/oasdiff-levels-headers.txt"
  status=$?
fi
judge "Kafka record headers" "$status" "$(major event "$baseline/computer-order-event.json")" "$(major event "$candidate_event")" schema_version

echo
echo "== gRPC interface: $baseline/proto -> the .proto generated from $candidate_api"
# Both sides laid out as in the repository (buf.yaml's module is generated/proto), so
# that one buf.yaml serves both and buf's messages name the paths a reader knows.
mkdir -p "$work/grpc/candidate" "$work/grpc/baseline/generated"
cp "$root/buf.yaml" "$work/grpc/candidate/buf.yaml"
cp "$root/buf.yaml" "$work/grpc/baseline/buf.yaml"
cp -R "$baseline/proto" "$work/grpc/baseline/generated/proto"
node "$root/scripts/generate-proto.mjs" "$candidate_api" "$work/grpc/candidate/generated/proto" >/dev/null
status=$?
if [ "$status" -eq 1 ]; then
  verdicts+=("gRPC interface: the contract cannot be turned into a .proto (above): fix its x-protobuf extensions")
  [ "$outcome" -eq 0 ] && outcome=1
elif [ "$status" -ne 0 ]; then
  verdicts+=("gRPC interface: the check could not run")
  outcome=2
else
  # buf exits 100 for findings, anything else (but 0) for its own failure.
  echo "buf $("$BUF" --version) lint, with buf.yaml's rules:"
  (cd "$work/grpc/candidate" && "$BUF" lint)
  lint=$?
  [ "$lint" -eq 0 ] && echo "no findings"
  echo "buf breaking --against the baseline, with buf.yaml's rules:"
  (cd "$work/grpc/candidate" && "$BUF" breaking --against "$work/grpc/baseline")
  status=$?
  [ "$status" -eq 0 ] && echo "no breaking change"
  case $status in 0) ;; 100) status=1 ;; *) status=2 ;; esac
  if [ "$lint" -ne 0 ] && [ "$lint" -ne 100 ]; then
    verdicts+=("gRPC interface: the check could not run (buf lint exited $lint)")
    outcome=2
  elif [ "$lint" -eq 100 ]; then
    verdicts+=("gRPC interface: buf lint failed (above): the generated .proto breaks buf.yaml's lint rules")
    [ "$outcome" -eq 0 ] && outcome=1
  fi
  judge "gRPC interface" "$status" "$(major proto "$work/grpc/baseline/generated/proto")" "$(major proto "$work/grpc/candidate/generated/proto")" package
fi

echo
echo "== Registered consumers' pacts (opc): contract/pacts/ -> $candidate_api, $candidate_asyncapi"
# The AsyncAPI document refers to the event schema by a relative path: beside a copy of it, it reads the candidate's.
mkdir -p "$work/asyncapi/schemas"
cp "$candidate_asyncapi" "$work/asyncapi/asyncapi.yaml"
cp "$candidate_event" "$work/asyncapi/schemas/computer-order-event.json"
# The pinned Node.js (26): opc and pact-js need 22 or later, whatever `node` the machine has outside npm.
"$root/node_modules/.bin/node" "$root/scripts/contract/verify-pacts.mjs" --oas "$candidate_api" --asyncapi "$work/asyncapi/asyncapi.yaml"
status=$?
if [ "$status" -eq 0 ]; then
  verdicts+=("Consumer pacts: every registered pact is compatible")
elif [ "$status" -eq 1 ]; then
  verdicts+=("Consumer pacts: BREAKS a registered consumer's pact, whatever the version says: undo it, or agree the change with that consumer first (docs/CONSUMERS.md)")
  [ "$outcome" -eq 0 ] && outcome=1
else
  verdicts+=("Consumer pacts: the check could not run")
  outcome=2
fi

echo
echo "== verdict"
printf '%s\n' "${verdicts[@]}"
exit "$outcome"
