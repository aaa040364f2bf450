#!/usr/bin/env bash
# Installs whatever this project needs and is missing; safe to run any number of times.
#   scripts/setup.sh            toolchain for building and serving the page
#   scripts/setup.sh --browser  also Debian's Chromium and ChromeDriver, for the browser tests
#   scripts/setup.sh --checks   also the Python venv of the ChannelAttribution and Spark checks
#                               (scripts/python-env.sh) and Debian's Java 17 for Spark
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

browser="" checks=""
for flag in "$@"; do
  case $flag in
    --browser) browser=1 ;;
    --checks) checks=1 ;;
    *) echo "setup: unknown option $flag (--browser, --checks)" >&2; exit 2 ;;
  esac
done

# Debian packages, with one apt-get update per run before the first install.
apt_updated=""
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  if [ -z "$apt_updated" ]; then
    $sudo apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly. Not --locked: its own
# lockfile pins a crate version the registry here lacks.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes once"
  cargo install wasm-bindgen-cli --version "=$want"
fi

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

# Chromium for the browser tests, and a small CJK font so screenshots show the Chinese text.
if [ -n "$browser" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] ||
  [ ! -d /usr/share/fonts/truetype/wqy ]; }; then
  say "installing Debian's chromium, chromium-driver and fonts-wqy-microhei"
  apt_install chromium chromium-driver fonts-wqy-microhei
fi

if [ -n "$checks" ]; then
  # PySpark 4 runs on Java 17 or later; `java -version` prints e.g. openjdk version "17.0.15".
  java_major=$(java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }' || true)
  if [ "${KOL_SKIP_SPARK:-}" != 1 ] && [ "${java_major:-0}" -lt 17 ] 2>/dev/null; then
    say "installing Debian's openjdk-17-jre-headless for Spark (found java: ${java_major:-none})"
    apt_install openjdk-17-jre-headless
  fi
  bash scripts/python-env.sh
fi
