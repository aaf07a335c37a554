#!/usr/bin/env bash
# The RealWorld port under load on loopback, against the Flask reference
# backend under gunicorn (2 sync workers: this machine has 2 cores), with
# the blog bench's wrk settings (2 threads, 32 connections, 10 s). Two
# pages: GET /api/articles (the feed of 20 articles, each with its author's
# profile and tags) and GET /api/articles/<slug>, anonymous. Each server
# gets its own fresh SQLite file, seeded through its own API with the same
# user and 20 articles. The servers alternate round by round (ROUNDS,
# default 3) and the medians are reported, with the server's CPU time per
# request (user + system of the server process and its workers, read from
# /proc before and after each run). Writes benches/realworld/results.json.
#
#   bash benches/realworld/run.sh [SUITE_DIR]   # default ../shared/realworld
#
# Needs the Flask app of SUITE_DIR/flask-app; its packages and gunicorn go
# into target/realworld-flask-venv (the venv .ci/run makes for the
# end-to-end test). Bounded: wrk runs DURATION seconds with CONNS
# connections on 127.0.0.1, and the servers are stopped on exit.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
suite="${1:-$repo/../shared/realworld}"
if [[ ! -f "$suite/flask-app/autoapp.py" ]]; then
  echo "realworld bench: no flask-app in $suite; the Flask reference is gothinkster/flask-realworld-example-app (pass the folder holding flask-app/)"
  exit 1
fi
flask_dir="$(cd "$suite/flask-app" && pwd)"

DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
ROUNDS=${ROUNDS:-3}
OUT=benches/realworld
TMP=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

command -v wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
venv="$repo/target/realworld-flask-venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$flask_dir/requirements-flask3.txt"
fi
"$venv/bin/python" -c 'import gunicorn' 2>/dev/null \
  || "$venv/bin/pip" install --quiet --disable-pip-version-check gunicorn

cargo build --release -q -p flaxum-examples --example realworld
PORT_BIN=${CARGO_TARGET_DIR:-target}/release/examples/realworld
secret="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"

wait_port() {
  for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1"; cat "$TMP"/*.log; exit 1
}

# Registers one user and posts 20 articles through the API at $1; prints
# the slug of the first.
seed() {
  python3 - "$1" <<'PY'
import json, sys, urllib.request
api = sys.argv[1]
def call(method, path, body, token=None):
    req = urllib.request.Request(api + path, method=method, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Token " + token)
    with urllib.request.urlopen(req) as answer:
        return json.load(answer)
user = call("POST", "/users", {"user": {"username": "ada", "email": "ada@example.com",
                                        "password": "a long enough password"}})["user"]
slugs = []
for i in range(1, 21):
    article = call("POST", "/articles", {"article": {
        "title": f"Article number {i}", "description": "What this article is about",
        "body": "Some text for the article, with <markup> & quotes.\n" * 5,
        "tagList": ["rust", "flask", f"tag{i % 4}"]}}, user["token"])["article"]
    slugs.append(article["slug"])
print(slugs[0])
PY
}

# The CPU time (clock ticks) of process $1 and its descendants.
cpu_ticks() {
  python3 - "$1" <<'PY'
import os, sys
root = int(sys.argv[1])
stats = {}
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
tree, total = {root}, 0
for _ in range(4):
    tree |= {pid for pid, (ppid, _) in stats.items() if ppid in tree}
print(sum(stats[pid][1] for pid in tree if pid in stats))
PY
}

# Starts server $1 on port $2 with the command that follows; sets
# server_pid and slug.
start() {
  local name=$1 port=$2; shift 2
  "$@" > "$TMP/$name.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  wait_port "$port"
}

# Runs wrk for label $1 on URL $2 against server pid $3.
load() {
  local before after
  before=$(cpu_ticks "$3")
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$2" > "$TMP/$1.wrk"
  after=$(cpu_ticks "$3")
  echo "$((after - before))" > "$TMP/$1.cpu"
  grep -E "Requests/sec|99%|Non-2xx|Socket errors" "$TMP/$1.wrk" | sed "s/^/  $1: /"
}

echo "== flaxum (release) on 5301"
start flaxum 5301 env PORT=5301 JWT_SECRET="$secret" \
  DATABASE_URL="sqlite://$TMP/flaxum.sqlite?mode=rwc" "$PORT_BIN"
flaxum_pid=$server_pid
flaxum_slug=$(seed http://127.0.0.1:5301/api)

echo "== the Flask reference under gunicorn (2 workers) on 5302"
(cd "$flask_dir" && DATABASE_URL="sqlite:///$TMP/flask.sqlite" PYTHONDONTWRITEBYTECODE=1 \
  "$venv/bin/python" -c "from autoapp import app
from conduit.extensions import db
with app.app_context(): db.create_all()")
start gunicorn 5302 env DATABASE_URL="sqlite:///$TMP/flask.sqlite" CONDUIT_SECRET="$secret" \
  PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -m gunicorn -w 2 -b 127.0.0.1:5302 \
  --chdir "$flask_dir" autoapp:app
gunicorn_pid=$server_pid
gunicorn_slug=$(seed http://127.0.0.1:5302/api)

for round in $(seq "$ROUNDS"); do
  echo "== round $round"
  for page in list article; do
    for server in flaxum gunicorn; do
      port=5301; pid=$flaxum_pid; slug=$flaxum_slug
      if [[ $server == gunicorn ]]; then port=5302; pid=$gunicorn_pid; slug=$gunicorn_slug; fi
      path=/api/articles
      [[ $page == article ]] && path=/api/articles/$slug
      curl -fs "http://127.0.0.1:$port$path" > "$TMP/$server-$page.json"
      load "$server-$page-$round" "http://127.0.0.1:$port$path" "$pid"
    done
  done
done

python3 - "$TMP" "$OUT" "$DURATION" "$CONNS" "$ROUNDS" "$(getconf CLK_TCK)" <<'PY'
import json, re, statistics, sys
tmp, out, duration, conns, rounds, hz = sys.argv[1:]
rounds, hz = int(rounds), int(hz)
def parse(label):
    text = open(f"{tmp}/{label}.wrk").read()
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    cpu_us = int(open(f"{tmp}/{label}.cpu").read()) / hz * 1e6 / max(requests, 1)
    errors = "Non-2xx" in text or "Socket errors" in text
    return {"requests_per_s": rps, "p99_ms": p99, "cpu_us_per_request": cpu_us, "errors": errors}
pages = {"list": "GET /api/articles (20 articles)", "article": "GET /api/articles/:slug"}
results = {"duration_s": int(duration), "connections": int(conns), "rounds": rounds, "servers": {}}
for server in ("flaxum", "gunicorn"):
    results["servers"][server] = {}
    for page in pages:
        runs = [parse(f"{server}-{page}-{r}") for r in range(1, rounds + 1)]
        results["servers"][server][page] = {
            key: statistics.median(run[key] for run in runs)
            for key in ("requests_per_s", "p99_ms", "cpu_us_per_request")
        } | {"errors": any(run["errors"] for run in runs), "runs": runs}
# The two apps must answer the same thing (20 articles, the same article).
for page in pages:
    f = json.load(open(f"{tmp}/flaxum-{page}.json"))
    g = json.load(open(f"{tmp}/gunicorn-{page}.json"))
    if page == "list":
        assert f["articlesCount"] == g["articlesCount"] == 20, (f["articlesCount"], g["articlesCount"])
        assert len(f["articles"]) == len(g["articles"]) == 20
    else:
        assert f["article"]["title"] == g["article"]["title"]
json.dump(results, open(f"{out}/results.json", "w"), indent=2)
print(f"\n| page | flaxum port | Flask under gunicorn (2 workers) | requests/s ratio | CPU per request ratio |")
print("|---|---:|---:|---:|---:|")
for page, title in pages.items():
    f, g = (results["servers"][s][page] for s in ("flaxum", "gunicorn"))
    print(f"| {title} | {f['requests_per_s']:,.0f} req/s, p99 {f['p99_ms']:.2f} ms, {f['cpu_us_per_request']:.0f} µs CPU "
          f"| {g['requests_per_s']:,.0f} req/s, p99 {g['p99_ms']:.2f} ms, {g['cpu_us_per_request']:.0f} µs CPU "
          f"| {f['requests_per_s']/g['requests_per_s']:.1f} | {g['cpu_us_per_request']/f['cpu_us_per_request']:.1f} |")
for s, pages_ in results["servers"].items():
    for page, r in pages_.items():
        if r["errors"]:
            print(f"note: {s} {page} had errors or non-2xx answers")
PY
