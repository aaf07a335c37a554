#!/usr/bin/env bash
# The blog example under load on loopback: the flaxum port (release build)
# against the Flask original under gunicorn (2 workers: this machine has 2
# cores) and under Flask's development server, on two pages: the post index
# (HTML, a template and a query) and one post from the JSON API. Each server
# gets its own database with the same 20 posts. Reports requests/s and p99
# latency, and writes benches/blog/results.json.
#
#   bash benches/blog/run.sh              # 10 s per server and page
#
# Bounded: wrk runs DURATION seconds with CONNS connections on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
OUT=benches/blog
TMP=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$TMP"' EXIT

command -v wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
python3 -c 'import flask' 2>/dev/null || pip install -q flask
python3 -c 'import gunicorn' 2>/dev/null || pip install -q gunicorn

cargo build --release -q -p flaxum-examples --example blog
BLOG=${CARGO_TARGET_DIR:-target}/release/examples/blog

# A database with the schema, one user and 20 posts.
seed() {
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(open("examples/blog/schema.sql").read())
db.execute("INSERT INTO user (username, password) VALUES ('ada', 'not a hash')")
for i in range(1, 21):
    db.execute("INSERT INTO post (title, body, author_id) VALUES (?, ?, 1)",
               (f"Post number {i}", "Some text for the post, with <markup> & quotes.\n" * 5))
db.commit()
PY
}

wait_port() {
  for _ in $(seq 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1"; exit 1
}

# Runs wrk on $2 (a URL) for server/page label $1.
load() {
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$2" > "$TMP/$1.wrk"
  grep -E "Requests/sec|99%|Non-2xx|Socket errors" "$TMP/$1.wrk" | sed "s/^/  $1: /"
}

run_server() {  # name port command...
  local name=$1 port=$2; shift 2
  echo "== $name"
  "$@" > "$TMP/$name.log" 2>&1 &
  local pid=$!
  wait_port "$port"
  curl -fs "http://127.0.0.1:$port/api/posts/1" > /dev/null || { cat "$TMP/$name.log"; exit 1; }
  load "$name-index" "http://127.0.0.1:$port/"
  load "$name-api" "http://127.0.0.1:$port/api/posts/1"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

seed "$TMP/flaxum.sqlite"; seed "$TMP/gunicorn.sqlite"; seed "$TMP/dev.sqlite"
run_server flaxum 5201 env BLOG_DB="$TMP/flaxum.sqlite" PORT=5201 "$BLOG"
run_server gunicorn 5202 python3 -m gunicorn -w 2 -b 127.0.0.1:5202 --chdir examples/blog/flask \
  "app:create_app('$TMP/gunicorn.sqlite')"
run_server flask-dev 5203 env BLOG_DB="$TMP/dev.sqlite" PORT=5203 python3 examples/blog/flask/app.py

python3 - "$TMP" "$OUT" "$DURATION" "$CONNS" <<'PY'
import json, re, sys
tmp, out, duration, conns = sys.argv[1:]
def parse(label):
    text = open(f"{tmp}/{label}.wrk").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    errors = "Non-2xx" in text or "Socket errors" in text
    return {"requests_per_s": rps, "p99_ms": p99, "errors": errors}
results = {"duration_s": int(duration), "connections": int(conns), "servers": {}}
for server in ("flaxum", "gunicorn", "flask-dev"):
    results["servers"][server] = {page: parse(f"{server}-{page}") for page in ("index", "api")}
json.dump(results, open(f"{out}/results.json", "w"), indent=2)
print(f"\n| page | flaxum | gunicorn (2 workers) | Flask dev server | flaxum ÷ gunicorn | gunicorn ÷ dev |")
print("|---|---:|---:|---:|---:|---:|")
for page in ("index", "api"):
    f, g, d = (results["servers"][s][page] for s in ("flaxum", "gunicorn", "flask-dev"))
    print(f"| {page} | {f['requests_per_s']:,.0f} req/s, p99 {f['p99_ms']:.2f} ms "
          f"| {g['requests_per_s']:,.0f} req/s, p99 {g['p99_ms']:.2f} ms "
          f"| {d['requests_per_s']:,.0f} req/s, p99 {d['p99_ms']:.2f} ms "
          f"| {f['requests_per_s']/g['requests_per_s']:.1f} | {g['requests_per_s']/d['requests_per_s']:.1f} |")
for s, pages in results["servers"].items():
    for page, r in pages.items():
        if r["errors"]:
            print(f"note: {s} {page} had errors or non-2xx answers")
PY
