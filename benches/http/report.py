#!/usr/bin/env python3
"""Reads the wrk reports and CPU ticks of benches/http/run.sh, prints the
medians over the rounds and flaxum's ratios to each rival, and keeps them
(results.json, requests-per-second.svg); in a smoke run, fails unless
flaxum answered every request with 2xx."""
import json
import statistics
import sys
from pathlib import Path

from wrk_report import cpu_us_per_request, parse_wrk

tmp, out, smoke, duration, conns, soak, rounds, clk_tck, *names = sys.argv[1:]
tmp, out, smoke, rounds, clk_tck = Path(tmp), Path(out), smoke == "1", int(rounds), int(clk_tck)


def parse(run):
    r = parse_wrk((tmp / f"{run}.wrk").read_text())
    return {**r, **cpu_us_per_request(tmp / f"{run}.cpu", clk_tck, r["requests"])}


runs = {n: [parse(f"{n}.{r}") for r in range(1, rounds + 1)] for n in names}
keys = ["requests_per_s", "p99_ms", "cpu_us_per_request", "user_us_per_request"]
results = {}
for n, rs in runs.items():
    rss = tmp / f"{n}.rss"
    results[n] = {**{k: statistics.median(r[k] for r in rs) for k in keys},
                  "requests": sum(r["requests"] for r in rs), "errors": sum(r["errors"] for r in rs),
                  "rss_kib_after": int(rss.read_text()) if rss.exists() else None,
                  "rounds": rs}

print(f"\nmedians of {rounds} round(s) of {duration} s, {conns} connections\n")
print("| server | requests/s | p99 (ms) | CPU µs/request | of which user | requests | errors | RSS after (KiB) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for n, r in results.items():
    print(f"| {n} | {r['requests_per_s']:,.0f} | {r['p99_ms']:.2f} | {r['cpu_us_per_request']:.2f} | "
          f"{r['user_us_per_request']:.2f} | {r['requests']:,} | {r['errors']} | {r['rss_kib_after']} |")

if smoke:
    r = results["flaxum"]
    if r["requests"] == 0 or r["errors"] != 0:
        sys.exit(f"smoke run failed: {r}")
    print("smoke run: flaxum answered every request with 2xx")
    sys.exit(0)

ratios = {}
# flaxum's ratios to each rival, with its default server and, where it ran,
# with a thread per core.
for mine in [m for m in ["flaxum", "flaxum-workers"] if m in results]:
    f = results[mine]
    for n in names:
        if n.startswith("flaxum"):
            continue
        o = results[n]
        ratios[f"{mine}_cpu_per_request_over_{n}"] = f["cpu_us_per_request"] / o["cpu_us_per_request"]
        ratios[f"{mine}_user_cpu_per_request_over_{n}"] = f["user_us_per_request"] / o["user_us_per_request"]
        ratios[f"{mine}_rps_over_{n}"] = f["requests_per_s"] / o["requests_per_s"]
        ratios[f"{mine}_p99_over_{n}"] = f["p99_ms"] / o["p99_ms"]
print()
for k, v in ratios.items():
    print(f"{k}: {v:.3f}")
report = {"duration_s": int(duration), "rounds": rounds, "connections": int(conns),
          "statistic": "median over rounds", "servers": results, "ratios": ratios}
if int(soak) > 0:
    idle = int((tmp / "rss.idle").read_text())
    before = int((tmp / "rss.before").read_text())
    after = int((tmp / "rss.after").read_text())
    s = parse("soak")
    series = [int(x) for x in (tmp / "rss.series").read_text().split()]
    report["soak"] = {"seconds": int(soak), "warm_up_s": 10, **s,
                      "rss_kib_idle_before_soak": idle,
                      "rss_kib_before": before, "rss_kib_after": after,
                      "rss_growth_pct": 100.0 * (after - before) / before,
                      "rss_growth_from_idle_pct": 100.0 * (after - idle) / idle,
                      "rss_kib_every_10s": series}
    print(f"soak {soak}s after 10 s of load: {s['requests']} requests, {s['errors']} errors, "
          f"RSS {before} -> {after} KiB ({report['soak']['rss_growth_pct']:+.1f}%)")
(out / "results.json").write_text(json.dumps(report, indent=2) + "\n")

# Two bar charts side by side: requests/s (higher is better) and server
# CPU time per request (lower is better), medians.
colors = {"flaxum": "#2b7a78", "flaxum-workers": "#3aafa9", "hand": "#555555", "axum": "#7a6a2b",
          "actix": "#6a2b7a"}
bar, gap = 64, 26
panel = 20 + len(names) * (bar + gap)
parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * panel + 20}" height="320" '
         'font-family="sans-serif" font-size="12">',
         f'<text x="10" y="18">GitHub API routes, {conns} connections, median of {rounds} rounds of '
         f'{duration} s (wrk on loopback, 2 cores)</text>']
for p, (key, title, fmt) in enumerate([("requests_per_s", "requests/s (higher is better)", "{:,.0f}"),
                                       ("cpu_us_per_request", "server CPU µs per request (lower is better)",
                                        "{:.2f}")]):
    x0 = 10 + p * panel
    top = max(results[n][key] for n in names)
    parts.append(f'<text x="{x0}" y="44">{title}</text>')
    for i, n in enumerate(names):
        v = results[n][key]
        hgt = 200 * v / top
        x = x0 + 10 + i * (bar + gap)
        parts.append(f'<rect x="{x}" y="{270 - hgt:.0f}" width="{bar}" height="{hgt:.0f}" fill="{colors[n]}"/>')
        parts.append(f'<text x="{x + bar / 2}" y="{265 - hgt:.0f}" text-anchor="middle">{fmt.format(v)}</text>')
        parts.append(f'<text x="{x + bar / 2}" y="290" text-anchor="middle" font-size="11">{n}</text>')
parts.append("</svg>")
(out / "requests-per-second.svg").write_text("\n".join(parts) + "\n")
