#!/usr/bin/env python3
"""Fails when a function of the crates' sources is longer than LIMIT lines,
unless it is listed in ALLOWED with the reason (a measured hot path or a
const-evaluation cost), which its doc comment also gives.

A function runs from its `fn` line to the closing brace at the same
indentation; test modules count too.

    python3 .ci/lengths.py          # every crate of the workspace
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
CRATES = ["macros/src", "macros/grammar/src", "runtime/src", "examples/src", "benches/src"]
LIMIT = 100
# (file, function): why it stays one function.
ALLOWED = {
    ("runtime/src/table/lookup.rs", "search"):
        "the matcher's loop, its state kept in registers (BENCHMARKS.md, Router lookups)",
}

FN = re.compile(r"^(\s*)(pub(\([^)]*\))? )?(const )?(async )?(unsafe )?fn (\w+)")


def functions(path):
    """(name, first line, length) of each function with a body in path."""
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m or line.rstrip().endswith(";"):
            continue
        indent = m.group(1)
        j = i + 1
        while j < len(lines):
            s = lines[j]
            if s.startswith(indent + "}") and len(s) - len(s.lstrip()) == len(indent):
                break
            j += 1
        yield m.group(7), i + 1, j - i + 1


def main():
    long = []
    for crate in CRATES:
        for dirpath, _, files in os.walk(os.path.join(ROOT, crate)):
            for f in sorted(files):
                if not f.endswith(".rs"):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, ROOT)
                for name, line, n in functions(path):
                    if n > LIMIT and (rel, name) not in ALLOWED:
                        long.append(f"{rel}:{line}: `{name}` is {n} lines (limit {LIMIT})")
    if long:
        print("\n".join(long))
        print("split these functions, or list one in ALLOWED in .ci/lengths.py with the figure that keeps it whole")
        sys.exit(1)
    print(f"no function over {LIMIT} lines (allowed: {len(ALLOWED)})")


main()
