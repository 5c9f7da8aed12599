#!/usr/bin/env bash
# Runs every test: native unit tests of the core, then end-to-end tests that open the built
# dist/jiean.html from disk in headless Chromium (current, and old builds from npm) and Firefox ESR. Installs what it needs (Debian
# chromium, chromium-driver, firefox-esr and fonts-noto-cjk so screenshots show Chinese, geckodriver from crates.io, the npm test drivers) and
# builds the file first.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null || ! command -v firefox-esr >/dev/null || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  echo "test: installing Debian packages chromium, chromium-driver, firefox-esr and fonts-noto-cjk"
  command -v apt-get >/dev/null || fail "a browser is missing and apt-get is not available; install Chromium and Firefox ESR"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq chromium chromium-driver firefox-esr fonts-noto-cjk >/dev/null || fail "could not install the browsers"
fi
export GECKODRIVER="${GECKODRIVER:-$HOME/.cargo/bin/geckodriver}"
if [ ! -x "$GECKODRIVER" ]; then
  echo "test: building geckodriver from crates.io (Mozilla publishes it there; a few minutes)"
  cargo install --quiet --locked geckodriver --version 0.37.1 || fail "could not build geckodriver"
fi
# selenium-webdriver must not try to download drivers: the network reaches only registries.
export SE_OFFLINE=true
command -v npm >/dev/null || fail "npm not found: install Node.js 20 or newer"

echo "== format and lints (cargo fmt --check; clippy -D warnings natively and for wasm32)"
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt clippy
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cargo fmt --all --check || fail "code is not formatted: run cargo fmt --all"
cargo clippy --workspace --all-targets --quiet -- -D warnings || fail "clippy found problems (native)"
# The UI compiles only for wasm32, so it is linted there too.
cargo clippy --lib -p jiean --target wasm32-unknown-unknown --quiet -- -D warnings || fail "clippy found problems (wasm32)"

echo "== native unit tests (cargo test)"
cargo test --workspace --quiet

echo "== build dist/jiean.html"
bash scripts/build.sh

echo "== end-to-end tests (headless Chromium and Firefox ESR, file://)"
cd tests/e2e
npm ci --no-audit --no-fund --silent || fail "npm ci failed (is the npm registry reachable?)"
# Old headless Chromium builds (80, 86, 109, 78) from npm packages, unpacked once into the
# gitignored tests/e2e/.browsers for old-chromium.test.mjs.
node old/fetch.mjs >/dev/null || fail "could not fetch the old Chromium builds from the npm registry"
npm test
