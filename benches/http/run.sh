#!/usr/bin/env bash
# HTTP load test on loopback: the GitHub API's 203 routes served by flaxum
# and by a plain axum Router (same handlers), and a bare hyper service with
# one fixed answer (the ceiling), each driven by wrk cycling through one
# request per route. Reports requests/s and p99 latency as ratios, and each
# server's RSS after its run; writes benches/http/results.json and
# benches/http/requests-per-second.svg.
#
#   bash benches/http/run.sh            # 20 s per server, then a 60 s soak
#                                       # (after 10 s of the same load)
#   bash benches/http/run.sh --smoke    # CI: 5 s against flaxum only
#
# Bounded: wrk runs DURATION seconds with CONNS connections on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."

SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
DURATION=${DURATION:-20}
CONNS=${CONNS:-64}
SOAK=${SOAK:-60}
[ "$SMOKE" = 1 ] && DURATION=5 && SOAK=0
OUT=benches/http
TMP=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$TMP"' EXIT

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null
fi

cargo build --release -q -p flaxum-benches --bin load-server
BIN=${CARGO_TARGET_DIR:-target}/release/load-server

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

# Starts server $1 on port $2 and waits until it answers.
start() {
  "$BIN" "$1" "127.0.0.1:$2" > "$TMP/$1.log" 2>&1 &
  echo $! > "$TMP/$1.pid"
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "server $1 did not start"; cat "$TMP/$1.log"; exit 1
}

stop() { kill "$(cat "$TMP/$1.pid")" 2>/dev/null || true; wait "$(cat "$TMP/$1.pid")" 2>/dev/null || true; }

rss_kib() { ps -o rss= -p "$(cat "$TMP/$1.pid")" | tr -d ' '; }

# Runs wrk for $2 seconds against server $1 on port $3; keeps its report.
load() {
  wrk -t2 -c"$CONNS" -d"$2s" --latency -s "$TMP/requests.lua" "http://127.0.0.1:$3" > "$TMP/$1.wrk"
  cat "$TMP/$1.wrk"
}

servers="flaxum axum hyper"
[ "$SMOKE" = 1 ] && servers="flaxum"
port=5102
for s in $servers; do
  echo "== $s, ${DURATION}s, $CONNS connections"
  start "$s" "$port"
  load "$s" "$DURATION" "$port"
  rss_kib "$s" > "$TMP/$s.rss"
  stop "$s"
  port=$((port + 1))
done

if [ "$SOAK" -gt 0 ]; then
  # RSS growth is measured under load: from $WARM s into the soak's wrk
  # run, once its connections are open and their buffers allocated, to
  # $SOAK s later, with a sample every 10 s in between (a leak is a trend
  # across them). The RSS when idle after a first 5 s of load is kept too:
  # opening the soak's connections steps up from it once.
  WARM=10
  echo "== soak: flaxum, ${SOAK}s measured after ${WARM}s of the same load"
  start flaxum 5110
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
  load soak $((WARM + SOAK + 5)) 5110
  wait "$sampler" 2>/dev/null || true
  tail -n 1 "$TMP/rss.series" > "$TMP/rss.after"
  stop flaxum
fi

python3 "$OUT/report.py" "$TMP" "$OUT" "$SMOKE" "$DURATION" "$CONNS" "$SOAK"
