#!/usr/bin/env python3
"""Reads the wrk and h2load reports and CPU ticks of benches/http/te.sh,
prints the medians over the rounds with flaxum's ratios, and keeps them in
benches/http/te-results.json."""
import json
import re
import statistics
import sys
from pathlib import Path

from wrk_report import cpu_us_per_request, parse_wrk

tmp, out, duration, conns, rounds, clk_tck, *names = sys.argv[1:]
tmp, out, rounds, clk_tck = Path(tmp), Path(out), int(rounds), int(clk_tck)


def cpu_us(run, total):
    return cpu_us_per_request(tmp / f"{run}.cpu", clk_tck, total)


def parse(run):
    r = parse_wrk((tmp / f"{run}.wrk").read_text())
    return {**r, **cpu_us(run, r["requests"])}


def parse_h2(run):
    text = (tmp / f"{run}.h2").read_text()
    m = re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", text)
    done = re.search(r"requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored",
                     text)
    if not m or not done:
        return {"requests_per_s": 0.0, "requests": 0, "errors": None, "cpu_us_per_request": None,
                "user_us_per_request": None, "output": text[-500:]}
    total = int(done.group(2))
    return {"requests_per_s": float(m.group(1)), "requests": total,
            "errors": int(done.group(3)) + int(done.group(4)), **cpu_us(run, total)}


def median(rs, key):
    values = [r[key] for r in rs if r.get(key) is not None]
    return statistics.median(values) if values else None


report = {"duration_s": int(duration), "rounds": rounds, "connections": int(conns),
          "statistic": "median over rounds", "workloads": {}, "ratios": {}}
for w in ["plaintext", "json", "fortunes"]:
    table = {}
    for n in names:
        rs = [parse(f"{w}.{n}.{r}") for r in range(1, rounds + 1)]
        table[n] = {"requests_per_s": median(rs, "requests_per_s"), "p99_ms": median(rs, "p99_ms"),
                    "cpu_us_per_request": median(rs, "cpu_us_per_request"),
                    "user_us_per_request": median(rs, "user_us_per_request"),
                    "errors": sum(r["errors"] for r in rs), "rounds": rs}
    report["workloads"][w] = table
for w in ["plaintext", "json"]:
    table = {}
    for n in ["flaxum", "flaxum-nagle", "flaxum-workers", "hand", "axum"]:
        rs = [parse_h2(f"h2-{w}.{n}.{r}") for r in range(1, rounds + 1)]
        table[n] = {"requests_per_s": median(rs, "requests_per_s"),
                    "cpu_us_per_request": median(rs, "cpu_us_per_request"),
                    "user_us_per_request": median(rs, "user_us_per_request"),
                    "errors": sum(r["errors"] or 0 for r in rs), "rounds": rs}
    report["workloads"][f"h2c-{w}"] = table
report["headers"] = {n: (tmp / f"{n}.headers").read_text() for n in names}

for w, table in report["workloads"].items():
    print(f"\n{w}: medians of {rounds} rounds of {duration} s\n")
    print("| server | requests/s | p99 (ms) | CPU µs/request | of which user | errors "
          "| flaxum ÷ it, requests/s | flaxum ÷ it, CPU/request |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    f = table["flaxum"]
    for n, r in table.items():
        rps_ratio = f["requests_per_s"] / r["requests_per_s"] if r["requests_per_s"] else None
        cpu_ratio = (f["cpu_us_per_request"] / r["cpu_us_per_request"]
                     if r["cpu_us_per_request"] and f["cpu_us_per_request"] else None)
        if n != "flaxum":
            report["ratios"][f"{w}_flaxum_rps_over_{n}"] = rps_ratio
            report["ratios"][f"{w}_flaxum_cpu_per_request_over_{n}"] = cpu_ratio
            if r["user_us_per_request"] and f["user_us_per_request"]:
                report["ratios"][f"{w}_flaxum_user_cpu_per_request_over_{n}"] = (
                    f["user_us_per_request"] / r["user_us_per_request"])
        # flaxum with a thread per core, to each rival.
        g = table.get("flaxum-workers")
        if g and not n.startswith("flaxum") and r["requests_per_s"] and r["cpu_us_per_request"]:
            report["ratios"][f"{w}_flaxum-workers_rps_over_{n}"] = g["requests_per_s"] / r["requests_per_s"]
            report["ratios"][f"{w}_flaxum-workers_cpu_per_request_over_{n}"] = (
                g["cpu_us_per_request"] / r["cpu_us_per_request"])
        p99 = f"{r['p99_ms']:.2f}" if r.get("p99_ms") is not None else "–"
        cpu = f"{r['cpu_us_per_request']:.1f}" if r["cpu_us_per_request"] else "–"
        user = f"{r['user_us_per_request']:.1f}" if r["user_us_per_request"] else "–"
        rr = f"{rps_ratio:.2f}" if rps_ratio else "–"
        cr = f"{cpu_ratio:.2f}" if cpu_ratio else "–"
        print(f"| {n} | {r['requests_per_s']:,.0f} | {p99} | {cpu} | {user} | {r['errors']} | {rr} | {cr} |")
    g = table.get("flaxum-workers")
    if g and g["requests_per_s"]:
        print("\nflaxum-workers ÷ " + ", ".join(
            f"{n} {g['requests_per_s'] / r['requests_per_s']:.2f} (CPU {g['cpu_us_per_request'] / r['cpu_us_per_request']:.2f})"
            for n, r in table.items()
            if not n.startswith("flaxum") and r["requests_per_s"] and r["cpu_us_per_request"]))
    if "flaxum-nagle" in table:
        # Like for like with axum::serve, whose sockets keep Nagle's algorithm.
        g, a = table["flaxum-nagle"], table["axum"]
        if g["requests_per_s"] and a["requests_per_s"]:
            report["ratios"][f"{w}_flaxum-nagle_rps_over_axum"] = g["requests_per_s"] / a["requests_per_s"]
            print(f"\nflaxum-nagle ÷ axum, requests/s: {g['requests_per_s'] / a['requests_per_s']:.2f}")
        if g["cpu_us_per_request"] and a["cpu_us_per_request"]:
            report["ratios"][f"{w}_flaxum-nagle_cpu_per_request_over_axum"] = (
                g["cpu_us_per_request"] / a["cpu_us_per_request"])
(out / "te-results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
