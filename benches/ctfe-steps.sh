#!/usr/bin/env bash
# Counts the steps const evaluation takes to build the 1,000-route table of
# runtime/tests/big_table.rs, by function: the builder's compile-time cost
# in a unit that does not move with the machine's load (time follows it at
# roughly 0.1 s per million steps here).
#
# It reruns the compiler on that test crate with the evaluator's step log on
# (RUSTC_LOG=rustc_const_eval=info) and sums the log with ctfe_steps.py:
# total steps, then steps and calls per function, self and inclusive.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0
touch runtime/tests/big_table.rs
cmd=$(cargo build -v -p flaxum --test big_table 2>&1 |
    sed -n 's/^ *Running `\(.*rustc --crate-name big_table .*\)`$/\1/p')
if [ -z "$cmd" ]; then
    echo "could not find the compiler's command for big_table" >&2
    exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cmd=$(printf '%s' "$cmd" | sed "s|--out-dir [^ ]*|--out-dir $out|")
eval "RUSTC_LOG=rustc_const_eval=info $cmd" 2>&1 >/dev/null | python3 benches/ctfe_steps.py
