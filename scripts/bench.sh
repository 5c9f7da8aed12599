#!/usr/bin/env bash
# Benchmark (separate from the tests): builds dist/jiean.html if the sources are newer, generates
# synthetic ledgers of 100, 2,000 and 5,000 cases and 20,000 brief cases (deterministic, seed 1) with
# their static baseline pages, then measures open, search, filter, sort, import, export, storage and
# memory in headless Chromium from file://. Prints the table and writes bench/results.md.
# Options are passed to bench/run.mjs: --runs=N (default 5), --sizes=100,2000,5000,20000b (a size
# ending in b: brief cases, see `cargo xtask gen-ledger --brief`), --profile
# (CPU profiles of the app with its wasm function names, from dist/jiean-profiling.html).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "bench: $*" >&2; exit 1; }
command -v chromium >/dev/null || [ -n "${CHROMIUM:-}" ] || fail "chromium is missing: run scripts/test.sh once (it installs it) or set CHROMIUM"
command -v npm >/dev/null || fail "npm not found: install Node.js 20 or newer"

if [ ! -f dist/jiean.html ] || [ -n "$(find src style index.html Cargo.toml Cargo.lock -newer dist/jiean.html -print -quit)" ]; then
  bash scripts/build.sh
fi
if [[ " $* " == *" --profile "* ]]; then
  cargo xtask dist --profiling
fi

sizes=100,2000,5000,20000b
for arg in "$@"; do case "$arg" in --sizes=*) sizes="${arg#--sizes=}";; esac; done
mkdir -p bench/out
for n in ${sizes//,/ }; do
  if [ ! -f "bench/out/ledger-$n.json" ] || [ xtask/src/gen.rs -nt "bench/out/ledger-$n.json" ]; then
    brief=(); [[ "$n" == *b ]] && brief=(--brief)
    cargo xtask gen-ledger --cases "${n%b}" "${brief[@]}" --seed 1 --out "bench/out/ledger-$n.json" --baseline "bench/out/baseline-$n.html"
  fi
done

cd bench
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent || fail "npm ci failed (is the npm registry reachable?)"
node run.mjs "$@"
