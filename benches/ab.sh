#!/usr/bin/env bash
# Runs two builds of the router benchmark in turn, round after round, and
# prints each round's times and the medians. A change to the matcher moves
# code around, and layout alone moves a row by a few percent (the split
# floor by up to 15 %, though its code is the same), so one run of each
# build says little; alternating them on the same machine state says more.
#
#   cargo bench -p flaxum-benches --bench router --no-run   # prints the executable
#   cp target/release/deps/router-<hash> /tmp/router-a      # then change the code
#   cargo bench -p flaxum-benches --bench router --no-run
#   cp target/release/deps/router-<hash> /tmp/router-b
#   bash benches/ab.sh /tmp/router-a /tmp/router-b [FILTER] [ROUNDS]
#
# FILTER is a criterion filter (default: the GitHub set's flaxum row and
# split floor); ROUNDS defaults to 5.
set -euo pipefail

a=${1:?usage: ab.sh BENCH_A BENCH_B [FILTER] [ROUNDS]}
b=${2:?usage: ab.sh BENCH_A BENCH_B [FILTER] [ROUNDS]}
filter=${3:-"github/(flaxum|floor-split)$"}
rounds=${4:-5}
out=$(mktemp)
# Criterion's own records go there too, not into target/criterion, whose
# last full run benches/summarize.py reads.
export CRITERION_HOME
CRITERION_HOME=$(mktemp -d)
trap 'rm -rf "$out" "$CRITERION_HOME"' EXIT

for round in $(seq "$rounds"); do
  for bin in "$a" "$b"; do
    # Criterion prints "<name>  time: [low estimate high]"; keep the estimate.
    "$bin" --bench --warm-up-time 1 --measurement-time 2 "$filter" 2>/dev/null |
      awk -v bin="$bin" -v round="$round" '
        /^[a-z0-9-]+\/[^ ]+/ { name = $1 }
        /time:/ && name != "" {
          for (i = 1; i <= NF; i++) if ($i ~ /^\[/) { est = $(i + 2); unit = $(i + 3); break }
          print round, bin, name, est, unit
          name = ""
        }' | tee -a "$out"
  done
done

echo
echo "medians over $rounds rounds:"
python3 - "$out" <<'EOF'
import statistics
import sys
from collections import defaultdict

times = defaultdict(list)
units = {}
for line in open(sys.argv[1]):
    _, binary, name, est, unit = line.split()
    times[(binary, name)].append(float(est))
    units[(binary, name)] = unit
for (binary, name), xs in sorted(times.items()):
    print(f"  {binary} {name}: {statistics.median(xs):.4g} {units[(binary, name)]} "
          f"(min {min(xs):.4g}, max {max(xs):.4g})")
EOF
