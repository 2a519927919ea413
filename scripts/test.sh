#!/usr/bin/env bash
# Runs every test: native unit, data-driven and CLI tests; core built for wasm32; the browser
# app built and driven end to end in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# One clean build: incremental compilation data only costs disk and time here.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
bash scripts/setup.sh test

echo "== the hostile-input corpus (large files generated into tests/hostile/large/)"
node tests/hostile/make-corpus.mjs

echo "== formatting and lints (cargo fmt, cargo clippy -D warnings)"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test (core, CLI, web reducer; native)"
cargo test --workspace --locked

echo "== core depends on no browser crate"
direct=$(cargo tree -p trustdraft-core -e normal --depth 1 --prefix none --locked | tail -n +2)
if echo "$direct" | grep -E '^(wasm-bindgen|web-sys|js-sys|gloo|yew)' ; then
  echo "core must not depend on a browser crate" >&2; exit 1
fi

# This compiles core for wasm32-unknown-unknown too: it is the wasm32 check. (Core cannot be
# checked for wasm32 on its own: tantivy's uuid/getrandom need a randomness backend, which
# getrandom asks the final binary, here the web crate, to choose.)
echo "== browser app (core + web for wasm32-unknown-unknown)"
bash scripts/build-web.sh

echo "== browser end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
