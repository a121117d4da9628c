#!/usr/bin/env bash
# A short fuzz run for CI: every target of examples/fuzz for 3 seconds with a fixed seed,
# reusing the release build. Fails on any crash (written to fuzz-crashes/). The release
# binary given as $1 by CI is not needed. Usage: tests/e2e/fuzz.sh [ignored]
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
cargo run --release --locked --quiet --example fuzz -- all "${FUZZ_SECONDS:-3}" --seed 42 \
    || { echo "fuzz.sh: FAIL: a fuzz target crashed (see fuzz-crashes/)" >&2; exit 1; }
echo "fuzz.sh: ok"
