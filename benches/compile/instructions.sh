#!/usr/bin/env bash
# Counts the compiler's instructions for `cargo check` of the two generated
# apps (benches/compile/gen.py), under cachegrind: a figure that does not
# move with the machine's load, for comparing one change with the next.
#
#     bash benches/compile/instructions.sh [ROUTES] [OUT_DIR]
#
# Defaults: 200 routes, /tmp/flaxum-compile-ir. Needs valgrind. It runs the
# rustc command cargo gives for each app (dependencies checked first, with
# CARGO_INCREMENTAL=0), so only the app's own crate is counted.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
routes=${1:-200}
out=${2:-/tmp/flaxum-compile-ir}
export CARGO_INCREMENTAL=0
python3 "$root/benches/compile/gen.py" "$out" "$routes"
cd "$out"
cargo check -q -p flaxum-app -p axum-app
declare -A count
for app in flaxum-app axum-app; do
    touch "$app/src/main.rs"
    crate=${app//-/_}
    cmd=$(cargo check -v -p "$app" 2>&1 |
        sed -n "s/^ *Running \`\(.*rustc --crate-name $crate .*\)\`$/\1/p" |
        sed 's/--error-format=json --json=[^ ]*//')
    if [ -z "$cmd" ]; then
        echo "could not find the compiler's command for $app" >&2
        exit 1
    fi
    log=$(mktemp)
    eval valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$cmd" >/dev/null 2>"$log"
    count[$app]=$(sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' "$log" | tr -d ,)
    rm -f "$log"
    printf '%-11s %6d M instructions\n' "$app" $((count[$app] / 1000000))
done
python3 -c "print(f'flaxum / axum: {${count[flaxum-app]} / ${count[axum-app]}:.3f}')"
