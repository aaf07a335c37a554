#!/usr/bin/env bash
# HTTP load test on loopback: the GitHub API's 203 routes, with the same
# handlers, served by
#   flaxum   flaxum::serve
#   flaxum-workers  flaxum::Server with workers(cores): a thread per core
#   hand     hyper routed by hand (a `match` on the method and the segments)
#   axum     axum::serve with an axum Router
#   actix    actix-web 4 (benches/http/actix, a crate of its own)
# each driven by wrk cycling through one request per route. The servers run
# side by side; wrk loads one at a time, in interleaved rounds (flaxum hand
# axum actix, flaxum hand axum actix, …), and each run's server CPU time
# (user + system, from /proc/PID/stat) is divided by the requests it
# served. report.py takes the medians over the rounds and writes
# benches/http/results.json and benches/http/requests-per-second.svg.
#
#   bash benches/http/run.sh            # ROUNDS=5 rounds of DURATION=10 s
#   SOAK=60 bash benches/http/run.sh    # then a 60 s soak of flaxum (RSS)
#   bash benches/http/run.sh --smoke    # CI: 5 s against flaxum only
#   SERVERS="flaxum hand" bash benches/http/run.sh   # some of the servers
#
# Bounded: wrk runs DURATION seconds with CONNS connections on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."

SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
CONNS=${CONNS:-64}
SOAK=${SOAK:-0}
[ "$SMOKE" = 1 ] && DURATION=5 && ROUNDS=1 && SOAK=0
OUT=benches/http
TMP=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$TMP"' EXIT

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null
fi

TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p flaxum-benches --bin load-server
BIN=$TARGET/release/load-server
servers=${SERVERS:-flaxum flaxum-workers hand axum actix}
if [ "$SMOKE" = 1 ]; then
  servers="flaxum"
elif [[ " $servers " == *" actix "* ]]; then
  CARGO_TARGET_DIR=$TARGET/actix cargo build --release -q --manifest-path benches/http/actix/Cargo.toml
  ACTIX=$TARGET/actix/release/flaxum-bench-actix
fi

# A wrk script that sends one request per route, round robin.
# The requests are formatted in init(), once wrk has set the Host header:
# formatted earlier they would lack it, and HTTP/1.1 without Host is a 400.
"$BIN" --requests > "$TMP/requests.txt"
{
  echo 'local reqs = {}'
  echo 'init = function(args)'
  while read -r method path; do
    echo "  table.insert(reqs, wrk.format(\"$method\", \"$path\"))"
  done < "$TMP/requests.txt"
  echo 'end'
  echo 'local i = 0'
  echo 'request = function() i = i % #reqs + 1; return reqs[i] end'
} > "$TMP/requests.lua"

declare -A PORT=([flaxum]=5102 [hand]=5103 [axum]=5104 [actix]=5105 [flaxum-workers]=5106)

# Starts server $1 and waits until it answers.
start() {
  local port=${PORT[$1]}
  if [ "$1" = actix ]; then
    "$ACTIX" "127.0.0.1:$port" > "$TMP/$1.log" 2>&1 &
  else
    "$BIN" "$1" "127.0.0.1:$port" > "$TMP/$1.log" 2>&1 &
  fi
  echo $! > "$TMP/$1.pid"
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "server $1 did not start"; cat "$TMP/$1.log"; exit 1
}

stop() { kill "$(cat "$TMP/$1.pid")" 2>/dev/null || true; wait "$(cat "$TMP/$1.pid")" 2>/dev/null || true; }

rss_kib() { ps -o rss= -p "$(cat "$TMP/$1.pid")" | tr -d ' '; }

# User + system and user CPU time of server $1 so far, in clock ticks (all
# threads).
cpu_ticks() { awk '{ print $14 + $15, $14 }' "/proc/$(cat "$TMP/$1.pid")/stat"; }

# Runs wrk for $2 seconds against server $1 and keeps its report as $3.wrk,
# with the server's CPU ticks over the run as $3.cpu (user + system, then
# user).
load() {
  local before after
  read -r -a before <<< "$(cpu_ticks "$1")"
  wrk -t2 -c"$CONNS" -d"$2s" --latency -s "$TMP/requests.lua" "http://127.0.0.1:${PORT[$1]}" > "$TMP/$3.wrk"
  read -r -a after <<< "$(cpu_ticks "$1")"
  echo "$((after[0] - before[0])) $((after[1] - before[1]))" > "$TMP/$3.cpu"
}

for s in $servers; do start "$s"; done
if [ "$SMOKE" = 0 ]; then
  for s in $servers; do
    echo "== warm-up: $s, 2 s"
    load "$s" 2 "warm.$s"
  done
fi
for r in $(seq "$ROUNDS"); do
  for s in $servers; do
    echo "== round $r: $s, ${DURATION}s, $CONNS connections"
    load "$s" "$DURATION" "$s.$r"
    grep -E "Requests/sec|requests in|99%" "$TMP/$s.$r.wrk" | tr -s ' ' | paste -sd ' ' -
  done
done
for s in $servers; do rss_kib "$s" > "$TMP/$s.rss"; stop "$s"; done

if [ "$SOAK" -gt 0 ]; then
  # RSS growth is measured under load: from $WARM s into the soak's wrk
  # run, once its connections are open and their buffers allocated, to
  # $SOAK s later, with a sample every 10 s in between (a leak is a trend
  # across them). The RSS when idle after a first 5 s of load is kept too:
  # opening the soak's connections steps up from it once.
  WARM=10
  echo "== soak: flaxum, ${SOAK}s measured after ${WARM}s of the same load"
  PORT[flaxum]=5110
  start flaxum
  wrk -t2 -c"$CONNS" -d5s -s "$TMP/requests.lua" http://127.0.0.1:5110 > /dev/null
  rss_kib flaxum > "$TMP/rss.idle"
  (
    sleep "$WARM"
    rss_kib flaxum > "$TMP/rss.before"
    for _ in $(seq $((SOAK / 10))); do
      sleep 10
      rss_kib flaxum >> "$TMP/rss.series" || true
    done
  ) &
  sampler=$!
  # wrk runs 5 s past the last sample, so that every sample is under load.
  load flaxum $((WARM + SOAK + 5)) soak
  wait "$sampler" 2>/dev/null || true
  tail -n 1 "$TMP/rss.series" > "$TMP/rss.after"
  stop flaxum
fi

python3 "$OUT/report.py" "$TMP" "$OUT" "$SMOKE" "$DURATION" "$CONNS" "$SOAK" "$ROUNDS" "$(getconf CLK_TCK)" $servers
