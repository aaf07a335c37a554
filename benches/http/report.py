#!/usr/bin/env python3
"""Reads the wrk reports of benches/http/run.sh and prints (and keeps) the
ratios; in a smoke run, fails unless flaxum answered with no error."""
import json
import re
import sys
from pathlib import Path

tmp, out, smoke, duration, conns, soak = sys.argv[1:7]
tmp, out, smoke = Path(tmp), Path(out), smoke == "1"


def parse(name):
    text = (tmp / f"{name}.wrk").read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errs = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, errors.groups())) if errors else 0)
    rss = tmp / f"{name}.rss"
    rss = int(rss.read_text()) if rss.exists() else None
    return {"requests_per_s": rps, "p99_ms": float(p99.group(1)) * scale, "requests": total, "errors": errs,
            "rss_kib_after": rss}


names = ["flaxum"] if smoke else ["flaxum", "axum", "hyper"]
results = {n: parse(n) for n in names}
print(f"\n| server | requests/s | p99 (ms) | requests | errors | RSS after (KiB) |\n|---|---:|---:|---:|---:|---:|")
for n, r in results.items():
    print(f"| {n} | {r['requests_per_s']:.0f} | {r['p99_ms']:.2f} | {r['requests']} | {r['errors']} | {r['rss_kib_after']} |")

if smoke:
    r = results["flaxum"]
    if r["requests"] == 0 or r["errors"] != 0:
        sys.exit(f"smoke run failed: {r}")
    print("smoke run: flaxum answered every request with 2xx")
    sys.exit(0)

f, a, h = results["flaxum"], results["axum"], results["hyper"]
ratios = {
    "flaxum_rps_over_axum": f["requests_per_s"] / a["requests_per_s"],
    "flaxum_rps_over_hyper": f["requests_per_s"] / h["requests_per_s"],
    "flaxum_p99_over_axum": f["p99_ms"] / a["p99_ms"],
}
print()
for k, v in ratios.items():
    print(f"{k}: {v:.3f}")
report = {"duration_s": int(duration), "connections": int(conns), "servers": results, "ratios": ratios}
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
    print(f"soak RSS every 10 s (KiB): {before} {' '.join(map(str, series))}; "
          f"idle before the soak {idle} KiB ({report['soak']['rss_growth_from_idle_pct']:+.1f}% to the end)")
(out / "results.json").write_text(json.dumps(report, indent=2) + "\n")

# A bar chart of requests/s.
w, bar, gap, top = 520, 90, 60, max(r["requests_per_s"] for r in results.values())
colors = {"flaxum": "#2b7a78", "axum": "#7a6a2b", "hyper": "#777777"}
parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="300" font-family="sans-serif" font-size="13">',
         f'<text x="10" y="20">Requests/s, GitHub API routes, {conns} connections, {duration} s (wrk, loopback)</text>']
for i, n in enumerate(names):
    rps = results[n]["requests_per_s"]
    hgt = 200 * rps / top
    x = 40 + i * (bar + gap)
    parts.append(f'<rect x="{x}" y="{250 - hgt:.0f}" width="{bar}" height="{hgt:.0f}" fill="{colors[n]}"/>')
    parts.append(f'<text x="{x + bar / 2}" y="{245 - hgt:.0f}" text-anchor="middle">{rps:,.0f}</text>')
    parts.append(f'<text x="{x + bar / 2}" y="270" text-anchor="middle">{n}</text>')
parts.append("</svg>")
(out / "requests-per-second.svg").write_text("\n".join(parts) + "\n")
