#!/usr/bin/env bash
# Runs every test: native unit, data-driven and CLI tests; core built for wasm32; the browser
# app built and driven end to end in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh test

echo "== cargo test (core, CLI, web reducer; native)"
cargo test --workspace --locked

echo "== core builds for wasm32-unknown-unknown"
cargo check -p trustdraft-core --target wasm32-unknown-unknown --locked

echo "== browser app"
bash scripts/build-web.sh

echo "== browser end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
