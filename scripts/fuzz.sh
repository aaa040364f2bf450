#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of the parsers and the comparison entry points.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Default: 20 seconds for each of campaign_files, paths_file and report_options (what `npm test`
# runs). A long run: `bash scripts/fuzz.sh 1800`. The corpus grows in target/fuzz-corpus/ between
# runs; a crash is written to target/fuzz-artifacts/ and the script fails, naming it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(campaign_files paths_file report_options)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2

corpus=target/fuzz-corpus
artifacts=target/fuzz-artifacts
mkdir -p "$artifacts"

# Seeds: the test fixtures. A campaign file's first byte says which of the three files it replaces.
seed() {
  local target=$1 name=$2 prefix=$3 file=$4
  mkdir -p "$corpus/$target"
  { printf '%b' "$prefix"; cat "$file"; } > "$corpus/$target/seed-$name"
}
for f in tests/fixtures/campaign/creators_* tests/fixtures/warehouse*/creators.csv; do
  seed campaign_files "c-$(basename "$(dirname "$f")")-$(basename "$f")" '\x00' "$f"
done
for f in tests/fixtures/campaign/touchpoints_* tests/fixtures/warehouse*/touchpoints.csv; do
  seed campaign_files "t-$(basename "$(dirname "$f")")-$(basename "$f")" '\x01' "$f"
done
for f in tests/fixtures/campaign/orders_* tests/fixtures/warehouse*/orders.csv; do
  seed campaign_files "o-$(basename "$(dirname "$f")")-$(basename "$f")" '\x02' "$f"
done
for f in tests/fixtures/campaign/notes_* tests/fixtures/warehouse-notes/notes.csv; do
  seed campaign_files "n-$(basename "$(dirname "$f")")-$(basename "$f")" '\x03' "$f"
done
for f in tests/fixtures/campaign/spend_*; do
  seed campaign_files "s-$(basename "$f")" '\x04' "$f"
done
for f in tests/fixtures/paths/*.csv www/src/sample-paths.csv; do
  seed paths_file "$(basename "$f")" '' "$f"
done
mkdir -p "$corpus/report_options"
printf '{}' > "$corpus/report_options/seed-empty.json"
printf '{"models":["markov","shapley","time_decay"],"windows":[7,45],"level":"tiers","modelOptions":{"halfLifeDays":2.5,"markovOrder":2,"collapseRepeats":true}}' \
  > "$corpus/report_options/seed-models.json"
printf '{"baseline":{"model":"first_touch","window":7},"input":{"utcOffsetMinutes":-300,"tiers":[{"name":"big","minFollowers":100}]},"intervals":{"resamples":3}}' \
  > "$corpus/report_options/seed-input.json"

for target in "${targets[@]}"; do
  echo "fuzz $target for ${seconds}s"
  log="$artifacts/$target.log"
  status=0
  cargo +nightly fuzz run --fuzz-dir tests/fuzz "$target" "$corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$artifacts/$target-" -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' "$log" || true
  if [ "$status" -ne 0 ]; then
    grep -E -A12 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written|deadly signal|timeout' "$log" | head -60 >&2
    echo "fuzz $target failed (exit $status): input in $artifacts/, log in $log" >&2
    exit 1
  fi
done
