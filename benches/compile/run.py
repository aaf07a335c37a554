#!/usr/bin/env python3
"""Compile time of a flaxum app against the same app on a plain axum Router.

For each route count, benches/compile/gen.py writes both apps into one
throwaway workspace under target/compile-bench (so they share the built
dependencies). Then, round after round and alternating the two apps, it
touches an app's main.rs and times `cargo check` and a debug `cargo build`
of it with CARGO_INCREMENTAL=0, which is what a user waits for after an
edit. It prints each time, the medians and the ratios flaxum / axum, and
writes them to target/compile-bench/results.json.

    python3 benches/compile/run.py [--routes 200,1000] [--rounds 3] [--release]
                                   [--expand] [--flaxum-root DIR]

--release also times one release build of each. --expand measures the
macro expansion per route with the nightly toolchain (measuring only).
--flaxum-root builds the flaxum app against another checkout (for example
a worktree of an older commit, `git worktree add /tmp/old <commit>`), in
workspaces of their own, to measure before and after a change.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))
base = os.path.join(root, "target", "compile-bench")


def cargo(ws, *args, toolchain=None):
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    env.pop("RUSTFLAGS", None)
    cmd = ["cargo"] + ([f"+{toolchain}"] if toolchain else []) + list(args)
    t = time.monotonic()
    r = subprocess.run(cmd, cwd=ws, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    dt = time.monotonic() - t
    if r.returncode != 0:
        sys.stderr.write(r.stderr[-4000:])
        raise SystemExit(f"`{' '.join(cmd)}` failed in {ws}")
    return dt, r.stdout


def touch(ws, app):
    os.utime(os.path.join(ws, app, "src", "main.rs"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--routes", default="200,1000")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--release", action="store_true")
    ap.add_argument("--expand", action="store_true")
    ap.add_argument("--flaxum-root")
    opts = ap.parse_args()
    tag = ""
    if opts.flaxum_root:
        os.environ["FLAXUM_ROOT"] = os.path.abspath(opts.flaxum_root)
        tag = "-" + os.path.basename(os.path.abspath(opts.flaxum_root))
    apps = ["flaxum-app", "axum-app"]
    results = {}
    for n in [int(x) for x in opts.routes.split(",")]:
        ws = os.path.join(base, f"r{n}{tag}")
        subprocess.run([sys.executable, os.path.join(here, "gen.py"), ws, str(n)], check=True)
        lock = os.path.join(ws, "Cargo.lock")
        if not os.path.exists(lock):
            shutil.copy(os.path.join(root, "Cargo.lock"), lock)
        # Dependencies first, untimed.
        for app in apps:
            cargo(ws, "check", "-p", app)
            cargo(ws, "build", "-p", app)
        times = {app: {"check": [], "debug": []} for app in apps}
        for rnd in range(opts.rounds):
            for kind, args in (("check", ["check"]), ("debug", ["build"])):
                order = apps if rnd % 2 == 0 else apps[::-1]
                for app in order:
                    touch(ws, app)
                    dt, _ = cargo(ws, *args, "-p", app)
                    times[app][kind].append(dt)
                    print(f"{n:>5} routes  round {rnd + 1}  {kind:<7} {app:<11} {dt:7.2f} s", flush=True)
        if opts.release:
            for app in apps:
                times[app]["release"] = []
                cargo(ws, "build", "--release", "-p", app)
                touch(ws, app)
                dt, _ = cargo(ws, "build", "--release", "-p", app)
                times[app]["release"].append(dt)
                print(f"{n:>5} routes  release {app:<11} {dt:7.2f} s", flush=True)
        row = {}
        for kind in times["flaxum-app"]:
            f = statistics.median(times["flaxum-app"][kind])
            a = statistics.median(times["axum-app"][kind])
            row[kind] = {"flaxum": f, "axum": a, "ratio": f / a,
                         "runs": {k: v[kind] for k, v in times.items()}}
        if opts.expand:
            _, text = cargo(ws, "rustc", "-q", "-p", "flaxum-app", "--", "-Zunpretty=expanded",
                            toolchain="nightly")
            _, plain = cargo(ws, "rustc", "-q", "-p", "axum-app", "--", "-Zunpretty=expanded",
                             toolchain="nightly")
            row["expanded_bytes"] = len(text.encode())
            row["expanded_bytes_per_route"] = len(text.encode()) / n
            row["axum_expanded_bytes_per_route"] = len(plain.encode()) / n
        results[n] = row
    print()
    print("| routes | command | flaxum | axum | flaxum ÷ axum |")
    print("|---:|---|---:|---:|---:|")
    for n, row in results.items():
        for kind in ("check", "debug", "release"):
            if kind in row:
                r = row[kind]
                print(f"| {n} | {kind} | {r['flaxum']:.2f} s | {r['axum']:.2f} s | {r['ratio']:.2f} |")
    if len(results) >= 2:
        ns = sorted(results)
        lo, hi = ns[0], ns[-1]
        print(f"\ncheck time, {hi} ÷ {lo} routes: flaxum "
              f"{results[hi]['check']['flaxum'] / results[lo]['check']['flaxum']:.2f}, axum "
              f"{results[hi]['check']['axum'] / results[lo]['check']['axum']:.2f}")
    for n, row in results.items():
        if "expanded_bytes_per_route" in row:
            print(f"expanded source, {n} routes: {row['expanded_bytes_per_route']:.0f} bytes per route "
                  f"(the axum app's whole file: {row['axum_expanded_bytes_per_route']:.0f})")
    os.makedirs(base, exist_ok=True)
    with open(os.path.join(base, f"results{tag}.json"), "w") as fh:
        json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
