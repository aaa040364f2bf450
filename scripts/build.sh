#!/usr/bin/env bash
# Builds the wasm engine into www/pkg (used by the page, the worker and the CLI), the CLI into
# bin/dist and the static page into www/dist.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown --lib
wasm-bindgen --target web --out-dir www/pkg --out-name kol_attribution \
  target/wasm32-unknown-unknown/release/kol_attribution.wasm
# npm's binaryen, never Debian's (its wasm-opt 108 emits modules that crash on load). The features
# are the ones rustc enables by default for wasm32-unknown-unknown, and SIMD, which
# .cargo/config.toml turns on. `--low-memory-unused` lets
# loads and stores fold constant offsets (18 KB smaller, docs/performance.md "Size"): rustc's
# wasm32 puts the 1 MB stack first, growing down to address 0, and the data after it, so the
# lowest 1 KB is touched only by a stack already overflowing.
node_modules/.bin/wasm-opt -O3 --low-memory-unused --enable-simd \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  www/pkg/kol_attribution_bg.wasm -o www/pkg/kol_attribution_bg.wasm
# The CLI's TypeScript, typed by the engine's generated www/pkg/kol_attribution.d.ts: compiling is
# its type check, so a type error fails the build. Cleared first so no removed module lingers.
rm -rf bin/dist
node_modules/.bin/tsc -p bin
node_modules/.bin/vite build --config www/vite.config.ts --logLevel warn
