#!/usr/bin/env bash
# The TechEmpower workload (plaintext, JSON, fortunes) on loopback, served by
#   flaxum   flaxum::serve, fortunes through its `templates` feature
#   flaxum-workers  the same on flaxum::Server with workers(cores): a
#            thread per core, each with its own single-threaded runtime
#   hand     hyper routed by hand
#   axum     axum::serve
#   actix    actix-web 4 (benches/http/actix)
#   flask    Flask 3 under gunicorn, 2 sync workers (this machine has 2 cores)
# with the same database (SQLite, te/make_db.py) and template
# (te/templates/fortunes.html). Every server runs side by side; for each
# workload wrk loads one at a time in interleaved rounds, and each run's
# server CPU time (user + system of the process and its children, from
# /proc) is divided by the requests served. Then h2load (h2c, prior
# knowledge) drives the plaintext and JSON answers of flaxum, hand and axum
# over HTTP/2, and of flaxum with TCP_NODELAY off as axum::serve has it.
# te_report.py takes the medians and writes benches/http/te-results.json.
#
#   bash benches/http/te.sh     # ROUNDS=5 rounds of DURATION=10 s
#
# Bounded: wrk runs DURATION seconds with CONNS connections on 127.0.0.1;
# h2load runs DURATION seconds with 64 clients of 10 streams each.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
CONNS=${CONNS:-64}
OUT=benches/http
TMP=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; pkill -f "gunicorn.*127.0.0.1:5205" 2>/dev/null || true; rm -rf "$TMP"' EXIT

for tool in wrk:wrk h2load:nghttp2-client; do
  if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
    apt-get update -q >/dev/null && apt-get install -y -q "${tool#*:}" >/dev/null
  fi
done

TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p flaxum-benches --bin te-server
CARGO_TARGET_DIR=$TARGET/actix cargo build --release -q --manifest-path benches/http/actix/Cargo.toml
venv=$TARGET/te-flask-venv
if [ ! -x "$venv/bin/gunicorn" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'flask>=3,<4' gunicorn
fi

export FORTUNES_DB=$TMP/fortunes.db
python3 $OUT/te/make_db.py "$FORTUNES_DB"

servers="flaxum flaxum-workers hand axum actix flask"
declare -A PORT=([flaxum]=5201 [hand]=5202 [axum]=5203 [actix]=5204 [flask]=5205 [flaxum-nagle]=5206 [flaxum-workers]=5207)
# The HTTP/2 rows: flaxum, and flaxum with TCP_NODELAY off as axum::serve
# leaves it (te-server's `flaxum-nagle`), hand and axum.
h2_servers="flaxum flaxum-nagle flaxum-workers hand axum"

start() {
  local port=${PORT[$1]}
  case $1 in
    actix) "$TARGET/actix/release/flaxum-bench-actix" te "127.0.0.1:$port" > "$TMP/$1.log" 2>&1 & ;;
    flask) (cd $OUT/te && exec "../../../$venv/bin/gunicorn" -w 2 -b "127.0.0.1:$port" flask_app:app) > "$TMP/$1.log" 2>&1 & ;;
    *) "$TARGET/release/te-server" "$1" "127.0.0.1:$port" > "$TMP/$1.log" 2>&1 & ;;
  esac
  echo $! > "$TMP/$1.pid"
  for _ in $(seq 100); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/plaintext"; then return 0; fi
    sleep 0.1
  done
  echo "server $1 did not start"; cat "$TMP/$1.log"; exit 1
}

# User + system, then user CPU ticks of server $1 and its children
# (gunicorn's workers), so far.
cpu_ticks() {
  local pid total=0 user=0 t u
  pid=$(cat "$TMP/$1.pid")
  for p in $pid $(pgrep -P "$pid" || true); do
    read -r t u < <(awk '{ print $14 + $15, $14 }' "/proc/$p/stat" 2>/dev/null || echo 0 0)
    total=$((total + t))
    user=$((user + u))
  done
  echo "$total $user"
}

# The ticks of server $1 since $2 and $3 (cpu_ticks' two figures), into
# file $4.
ticks_since() {
  local after
  read -r -a after <<< "$(cpu_ticks "$1")"
  echo "$((after[0] - $2)) $((after[1] - $3))" > "$4"
}

# wrk against server $1 for workload $2; keeps $3.wrk and $3.cpu.
load() {
  local before
  read -r -a before <<< "$(cpu_ticks "$1")"
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "http://127.0.0.1:${PORT[$1]}/$2" > "$TMP/$3.wrk"
  ticks_since "$1" "${before[0]}" "${before[1]}" "$TMP/$3.cpu"
}

# h2load against server $1 for workload $2; keeps $3.h2 and $3.cpu.
h2() {
  local before
  read -r -a before <<< "$(cpu_ticks "$1")"
  h2load -c64 -m10 -t2 -D "$DURATION" "http://127.0.0.1:${PORT[$1]}/$2" > "$TMP/$3.h2" 2>&1 || true
  ticks_since "$1" "${before[0]}" "${before[1]}" "$TMP/$3.cpu"
}

for s in $servers flaxum-nagle; do start "$s"; done
for w in plaintext json fortunes; do
  for s in $servers; do wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:${PORT[$s]}/$w" > /dev/null; done
  for r in $(seq "$ROUNDS"); do
    for s in $servers; do
      echo "== $w, round $r: $s"
      load "$s" "$w" "$w.$s.$r"
      grep -E "Requests/sec" "$TMP/$w.$s.$r.wrk" | tr -s ' '
    done
  done
done
for w in plaintext json; do
  for r in $(seq "$ROUNDS"); do
    for s in $h2_servers; do
      echo "== h2c $w, round $r: $s"
      h2 "$s" "$w" "h2-$w.$s.$r"
      grep -E "^finished in" "$TMP/h2-$w.$s.$r.h2" || tail -n 3 "$TMP/h2-$w.$s.$r.h2"
    done
  done
done
# The answers of each server, kept beside the figures.
for s in $servers; do
  curl -si "http://127.0.0.1:${PORT[$s]}/json" | tr -d '\r' | sed -n '1,/^$/p' > "$TMP/$s.headers"
done

python3 $OUT/te_report.py "$TMP" "$OUT" "$DURATION" "$CONNS" "$ROUNDS" "$(getconf CLK_TCK)" $servers
