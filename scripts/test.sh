#!/usr/bin/env bash
# Runs every test: native unit tests of the core, then end-to-end tests that open the built
# dist/jiean.html from disk in headless Chromium. Installs what it needs (Debian chromium and
# chromium-driver, the npm test driver) and builds the file first.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null; then
  echo "test: installing Debian packages chromium and chromium-driver"
  command -v apt-get >/dev/null || fail "chromium is missing and apt-get is not available; install Chromium and set CHROMIUM=/path/to/it"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq chromium chromium-driver >/dev/null || fail "could not install chromium"
fi
command -v npm >/dev/null || fail "npm not found: install Node.js 20 or newer"

echo "== native unit tests (cargo test)"
cargo test --workspace --quiet

echo "== build dist/jiean.html"
bash scripts/build.sh

echo "== end-to-end tests (headless Chromium, file://)"
cd tests/e2e
npm ci --no-audit --no-fund --silent || fail "npm ci failed (is the npm registry reachable?)"
npm test
