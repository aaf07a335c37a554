#!/usr/bin/env python3
"""Prints the Markdown tables of BENCHMARKS.md from the last router bench run.

Usage, from the workspace root, after `cargo bench -p flaxum-benches --bench router`:

    python3 benches/summarize.py [target/criterion]

Reads Criterion's estimates of each set/router (the slope of the linear
regression where Criterion computed one, else the mean) and divides by the
number of requests in the set (the benchmark's throughput) to get the time
per lookup.
"""

import json
import sys
from pathlib import Path

SETS = ["github", "parse", "gplus", "static"]
ROUTERS = ["flaxum", "matchit-0.8.4", "matchit-0.9", "actix-router", "path-tree"]
FLOORS = ["floor-bytes", "floor-split", "floor-fxhash"]


def estimate(bench_dir):
    """Time of one iteration in ns and the number of lookups in it."""
    est = json.loads((bench_dir / "new" / "estimates.json").read_text())
    meta = json.loads((bench_dir / "new" / "benchmark.json").read_text())
    point = (est.get("slope") or est["mean"])["point_estimate"]
    return point, meta["throughput"]["Elements"]


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    results = {}
    for set_name in SETS:
        rows = {}
        for name in ROUTERS + FLOORS:
            bench_dir = root / set_name / name
            if bench_dir.is_dir():
                rows[name] = estimate(bench_dir)
        results[set_name] = rows

    for set_name, rows in results.items():
        flaxum_ns, n = rows["flaxum"]
        print(f"### {set_name} ({n} requests per iteration)\n")
        print("| router | µs per iteration | ns per lookup | time ÷ flaxum's |")
        print("| --- | ---: | ---: | ---: |")
        for name, (ns, count) in rows.items():
            print(
                f"| {name} | {ns / 1000:.2f} | {ns / count:.1f} | {ns / flaxum_ns:.2f} |"
            )
        print()

    print("### Targets\n")
    print("| target | measured | result |")
    print("| --- | --- | --- |")

    def target(label, value, ok, need):
        verdict = "PASS" if ok else "FAIL"
        print(f"| {label} (need {need}) | {value:.2f}× | {verdict} |")

    gh = results["github"]
    speedup = gh["matchit-0.8.4"][0] / gh["flaxum"][0]
    target("GithubAll: matchit 0.8 time ÷ flaxum time", speedup, speedup >= 2, "≥ 2×")
    target("GithubAll ambition: same ratio", speedup, speedup >= 3, "≥ 3×")
    st = results["static"]
    speedup = st["matchit-0.8.4"][0] / st["flaxum"][0]
    target("static: matchit 0.8 time ÷ flaxum time", speedup, speedup >= 4, "≥ 4×")
    for set_name, rows in results.items():
        ratio = rows["flaxum"][0] / rows["floor-split"][0]
        target(f"{set_name}: flaxum time ÷ split floor", ratio, ratio <= 1.2, "≤ 1.2×")


if __name__ == "__main__":
    main()
