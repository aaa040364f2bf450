#!/usr/bin/env bash
# The Python environment of the two cross-checks, in .venv (git-ignored): ChannelAttribution for
# tests/channelattribution/check.py, PySpark for tests/warehouse/spark_check.py. Creates the venv
# and installs a set only when it is missing or its pins changed; safe to run any number of times.
# KOL_SKIP_CHANNELATTRIBUTION=1 or KOL_SKIP_SPARK=1 leaves that set out (its check then skips).
# Java for Spark comes from Debian, through scripts/setup.sh --checks.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1mpython-env:\033[0m %s\n' "$*"; }
venv=.venv

# Every package pinned, dependencies included (pip freeze of a fresh install), so a new machine
# gets exactly what these checks were verified with. pandas stays below 3: PySpark warns that it
# does not support pandas 3 yet. ChannelAttribution imports matplotlib, and builds from source.
channelattribution_pins=(
  ChannelAttribution==2.2.5
  pandas==2.3.3 numpy==2.4.6 python-dateutil==4.0.0 pytz==2026.6 tzdata==2026.6
  matplotlib==3.11.2 contourpy==1.3.3 cycler==0.12.1 fonttools==4.68.0 kiwisolver==1.5.1
  packaging==26.4 pillow==13.0.0 pyparsing==3.3.3
)
spark_pins=(pyspark==4.3.0 py4j==0.10.9.9)

if ! "$venv/bin/python" -c '' 2>/dev/null; then
  say "creating $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
fi

# A set's pins are written to $venv/pins-NAME once it is installed; equal pins mean nothing to do.
install() {
  local name=$1
  shift
  local stamp="$venv/pins-$name"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$*" ]; then return; fi
  say "installing $name ($*)"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
  printf '%s' "$*" >"$stamp"
}

[ "${KOL_SKIP_CHANNELATTRIBUTION:-}" = 1 ] || install channelattribution "${channelattribution_pins[@]}"
[ "${KOL_SKIP_SPARK:-}" = 1 ] || install spark "${spark_pins[@]}"
