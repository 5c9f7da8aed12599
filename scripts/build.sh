#!/usr/bin/env bash
# Builds the single self-contained file dist/jiean.html (release, size-optimised).
# Installs what it needs: the wasm32 target for the machine's Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "build: $*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo not found: install Rust with rustup first (https://rustup.rs)."
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "build: adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown || fail "could not add the wasm32-unknown-unknown target (is crates/rustup reachable?)"
fi
cargo xtask dist
