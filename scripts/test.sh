#!/usr/bin/env bash
# Sets up what is missing, then runs every check and test. This is `npm test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step's seconds go to test-output/step-times.txt (and the heading of the next step), so the
# runner's own summary stays the last thing printed.
mkdir -p test-output
times=test-output/step-times.txt
: >"$times"
current="" started=$SECONDS
finish() {
  [ -n "$current" ] || return 0
  printf '%5d s  %s\n' $((SECONDS - started)) "$current" >>"$times"
  current=""
}
trap finish EXIT
step() {
  local previous=$current took=$((SECONDS - started))
  finish
  [ -z "$previous" ] || printf '\n(%s: %d s)' "$previous" "$took"
  current=$* started=$SECONDS
  printf '\n\033[1m== %s\033[0m\n' "$*"
}

step "setup"
bash scripts/setup.sh --browser --checks

step "rustfmt"
cargo fmt --check
cargo fmt --check --manifest-path tests/fuzz/Cargo.toml

step "clippy (native)"
cargo clippy --all-targets --locked -- -D warnings
step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --locked --lib --test golden_paths --test golden_campaign --test golden_money --test golden_markov --test golden_budget --test golden_notes --test golden_category_windows --test wasm -- -D warnings

step "cargo test (native)"
cargo test --locked

step "fuzzing, 20 s per target (a long run: bash scripts/fuzz.sh 1800)"
bash scripts/fuzz.sh 20

step "build (wasm + page)"
bash scripts/build.sh

step "tsc --noEmit"
node_modules/.bin/tsc --noEmit -p www

step "wasm tests (Node)"
cargo test --locked --target wasm32-unknown-unknown --test golden_paths --test golden_campaign --test golden_money --test golden_markov --test golden_budget --test golden_notes --test golden_category_windows --test wasm

step "wasm tests (headless Chromium)"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked --target wasm32-unknown-unknown --test golden_paths --test golden_campaign --test golden_money --test golden_markov --test golden_budget --test golden_notes --test golden_category_windows --test wasm

# Both with the venv that setup made; each fails if its library is missing, and skips only
# under KOL_SKIP_CHANNELATTRIBUTION=1 or KOL_SKIP_SPARK=1.
step "ChannelAttribution cross-check"
.venv/bin/python tests/channelattribution/check.py

step "Spark SQL dialect of the warehouse query, in Spark local mode"
.venv/bin/python tests/warehouse/spark_check.py 2> >(grep -v -e WARN -e '^Using' -e '^Setting' -e 'setLogLevel' >&2)

step "CLI, warehouse (DuckDB) and end-to-end browser tests"
node --test --test-concurrency=1 tests/js/
