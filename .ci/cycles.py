#!/usr/bin/env python3
"""Fails when two modules of one crate import each other, directly or round
a longer loop. A module's imports are the `crate::…`, `super::…` and
`self::…` paths in its file (in `use` trees and inline). A module using its
own ancestors (a child naming its parent's types) or its descendants is not
counted: only modules side by side can form a loop.

    python3 .ci/cycles.py          # every crate of the workspace
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
CRATES = ["macros/src", "macros/grammar/src", "runtime/src", "examples/src", "benches/src"]


def modules(src):
    """Module path (tuple) -> file, for every .rs file under src."""
    out = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), src)
            parts = rel[:-3].split(os.sep)
            if parts[-1] in ("lib", "main") and len(parts) == 1:
                parts = []
            elif parts[-1] == "mod":
                parts = parts[:-1]
            out[tuple(parts)] = os.path.join(dirpath, f)
    return out


def strip(text):
    """The code without comments and string literals."""
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    return text


def expand(tree):
    """`a::{b, c::{d, e}}` -> ["a::b", "a::c::d", "a::c::e"]."""
    tree = tree.strip()
    m = re.match(r"^(.*?)\{(.*)\}$", tree, flags=re.S)
    if not m:
        return [tree]
    prefix, inner = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p for part in parts if part.strip() for p in expand(prefix + part.strip())]


def paths(code):
    """Every path that starts at `crate`, `super` or `self`."""
    found = []
    for m in re.finditer(r"\buse\s+([^;]+);", code):
        found += [re.sub(r"\s+as\s+\w+$", "", p.strip()) for p in expand(m.group(1))]
    found += re.findall(r"\b(?:crate|super|self)(?:::[A-Za-z_]\w*)+", code)
    return [p for p in found if re.match(r"^(crate|super|self)\b", p)]


def resolve(path, here, mods):
    """The deepest module of the crate that `path`, written in `here`, names."""
    segs = [s.strip() for s in path.split("::") if s.strip()]
    if not segs:
        return None
    if segs[0] == "crate":
        base, rest = (), segs[1:]
    else:
        base = here
        while segs and segs[0] in ("self", "super"):
            if segs[0] == "super":
                base = base[:-1]
            segs = segs[1:]
        rest = segs
    best = base
    for i in range(1, len(rest) + 1):
        cand = base + tuple(rest[:i])
        if cand in mods:
            best = cand
        else:
            break
    return best


def related(a, b):
    return a[: len(b)] == b or b[: len(a)] == a


def cycles(src):
    mods = modules(src)
    edges = {m: set() for m in mods}
    for m, f in mods.items():
        code = strip(open(f, encoding="utf-8").read())
        for p in paths(code):
            t = resolve(p, m, mods)
            if t is not None and t != m and not related(m, t):
                edges[m].add(t)
    # Strongly connected components (Tarjan).
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    sys.setrecursionlimit(10000)
    for v in mods:
        if v not in index:
            visit(v)
    return comps, edges


def main():
    bad = 0
    for crate in CRATES:
        src = os.path.join(ROOT, crate)
        if not os.path.isdir(src):
            continue
        comps, edges = cycles(src)
        for comp in comps:
            bad += 1
            names = sorted("::".join(c) or "crate" for c in comp)
            print(f"{crate}: modules that import each other: {', '.join(names)}")
            for a in comp:
                for b in sorted(edges[a]):
                    if b in comp:
                        print(f"    {'::'.join(a) or 'crate'} -> {'::'.join(b) or 'crate'}")
    if bad:
        sys.exit(1)
    print("no module imports another that imports it back")


if __name__ == "__main__":
    main()
