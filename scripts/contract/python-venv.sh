#!/usr/bin/env bash
# Prints the path of the virtualenv that builds the contract's wheel and
# generates its models, making it first when contract/python/build-requirements.txt
# changed (pip, from PyPI). Nothing in the service's runtime uses it.
# Needs python3 with venv (Debian: python3-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${CONTRACT_PYTHON_VENV:-$(pwd)/.ci-cache/contract-python}
pins=$(sha1sum <contract/python/build-requirements.txt | cut -c1-40)
# A venv left half-built by a failed install has no stamp, so it is made again.
if [ "$(cat "$VENV/.pins" 2>/dev/null)" != "$pins" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2 || { echo "contract: python3 -m venv failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r contract/python/build-requirements.txt >&2
  echo "$pins" >"$VENV/.pins"
fi
echo "$VENV"
