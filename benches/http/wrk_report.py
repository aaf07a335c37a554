"""What benches/http/report.py and te_report.py both read from a run:
wrk's report and the server's CPU ticks over it."""
import re
from pathlib import Path


def parse_wrk(text):
    """Requests/s, p99 in ms, requests answered and errors (non-2xx/3xx
    answers and socket errors) of one wrk report."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errs = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, errors.groups())) if errors else 0)
    return {"requests_per_s": rps, "p99_ms": float(p99.group(1)) * scale, "requests": total, "errors": errs}


def cpu_us_per_request(cpu_file: Path, clk_tck, total):
    """The server's CPU time over a run per request answered, in µs: user +
    system, and user alone (the server's own code; the rest is the
    kernel's, mostly the loopback TCP the server's system calls drive).
    `cpu_file` holds the run's ticks, user + system then user."""
    cpu, user = (1e6 * int(t) / clk_tck / total if total else None
                 for t in cpu_file.read_text().split())
    return {"cpu_us_per_request": cpu, "user_us_per_request": user}
