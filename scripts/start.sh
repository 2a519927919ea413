#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080/ (PORT=... to change) with the
# embedded default posture.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
bash scripts/build-web.sh
exec node scripts/serve.mjs --port "${PORT:-8080}"
