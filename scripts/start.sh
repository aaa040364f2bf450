#!/usr/bin/env bash
# Sets up what is missing, builds, and serves the page on 127.0.0.1 (PORT, default 4173).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node_modules/.bin/vite preview --config www/vite.config.ts --host 127.0.0.1 --port "${PORT:-4173}" --strictPort
