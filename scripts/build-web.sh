#!/usr/bin/env bash
# Builds the browser app into dist/: its two wasm modules (release profile `wasm-release`), their JS glue,
# and the static files from web/static/. Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

out=target/wasm-pkg
worker=target/wasm-worker
# Two modules. The page's (web/): the app and the JS entry trust sites call (ask, search); it opens
# the default posture's engine prebuilt and answers, and links no file code (core without its
# `files` feature). The second (worker/): everything that reads or writes files, run in a Web
# Worker (web/static/worker.js) and fetched on first use.
# --mode no-install: use the wasm-bindgen on PATH (setup.sh matched it to Cargo.lock) and fail
# fast on a mismatch instead of silently compiling another one.
# --features snapshot: embed the default posture's engine prebuilt (web/build.rs), so the page
# opens it instead of parsing and indexing at start-up.
# --no-opt: wasm-pack would fetch wasm-opt from GitHub; we run npm's binaryen below instead.
wasm-pack --log-level warn build web --target web --profile wasm-release --no-opt \
  --mode no-install --no-typescript --no-pack --out-dir "../$out" -- --features snapshot
wasm-pack --log-level warn build worker --target web --profile wasm-release --no-opt \
  --mode no-install --no-typescript --no-pack --out-dir "../$worker"

rm -rf dist
mkdir -p dist/pkg dist/worker
cp web/static/* dist/
cp "$out/trustdraft_web.js" dist/pkg/
cp "$worker/trustdraft_worker.js" dist/worker/
# JS snippets bound with #[wasm_bindgen(module = ...)] (the IndexedDB store).
[ -d "$out/snippets" ] && cp -r "$out/snippets" dist/pkg/
# Debian's wasm-opt corrupts wasm-bindgen 0.2.130 output; npm's binaryen is known good.
opt() {
  node_modules/.bin/wasm-opt --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers "$1" -o "$2"
}
opt "$out/trustdraft_web_bg.wasm" dist/pkg/trustdraft_web_bg.wasm
opt "$worker/trustdraft_worker_bg.wasm" dist/worker/trustdraft_worker_bg.wasm

# The glue imports its snippets: preload them too, or they are fetched only once the glue is in.
for snippet in $(cd dist && find pkg/snippets -name '*.js' 2>/dev/null | sort); do
  sed -i "s|  <link rel=\"modulepreload\" href=\"pkg/trustdraft_web.js\">|&\n  <link rel=\"modulepreload\" href=\"$snippet\">|" dist/index.html
done

# The service worker precaches every file of this build under a cache named after its hash.
files=$(cd dist && find . -type f ! -name sw.js | sed 's|^\./||' | sort)
version=$(cd dist && cat $files | sha256sum | cut -c1-12)
list=$(printf '"./"'; for f in $files; do printf ',"./%s"' "$f"; done)
sed -i "s|__VERSION__|$version|; s|__FILES__|[$list]|" dist/sw.js

for wasm in dist/pkg/trustdraft_web_bg.wasm dist/worker/trustdraft_worker_bg.wasm; do
  echo "$wasm: $(stat -c %s "$wasm") bytes raw, $(gzip -9 -c "$wasm" | wc -c) bytes gzipped"
done
