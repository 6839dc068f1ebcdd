#!/usr/bin/env bash
# What the browser tests need besides Python packages: Debian's Chromium (never a browser download)
# and axe-core from npm. Best effort: where either cannot be installed, the browser tests skip
# themselves with a message saying what is missing.
set -u
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } \
      || echo "Could not install chromium: browser tests will be skipped."
  else
    echo "chromium is not installed (and this is not a root Debian shell): browser tests will be skipped."
  fi
fi

if command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null \
    || echo "npm ci failed: accessibility checks in the browser tests will be skipped."
else
  echo "npm is not installed: accessibility checks in the browser tests will be skipped."
fi
exit 0
