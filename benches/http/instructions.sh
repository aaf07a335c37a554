#!/usr/bin/env bash
# Instructions per request of each HTTP server of run.sh (flaxum, hand,
# axum, actix), counted by callgrind: a figure the machine's load does not
# move. Each server runs under valgrind twice, answering N and then 2N
# requests (the GitHub set's requests in turn, on one keep-alive
# connection); the difference over N is what one request costs, start-up
# and shutdown cancelled out.
#
#   bash benches/http/instructions.sh [N]      # N defaults to 2030
#   SERVERS="hand axum" bash benches/http/instructions.sh
#
# Needs valgrind. Writes benches/http/instructions.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2030}
TARGET=${CARGO_TARGET_DIR:-target}
TMP=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$TMP"' EXIT

# Symbols for the profile's function names, without changing the code.
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release -q -p flaxum-benches --bin load-server
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_TARGET_DIR=$TARGET/actix \
  cargo build --release -q --manifest-path benches/http/actix/Cargo.toml
BIN=$TARGET/release/load-server
"$BIN" --requests > "$TMP/requests.txt"

# Sends $2 requests of requests.txt in turn to port $1, on one connection.
send() {
  python3 - "$1" "$2" "$TMP/requests.txt" <<'PY'
import http.client, sys
port, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
reqs = [line.split() for line in open(path) if line.strip()]
conn = http.client.HTTPConnection("127.0.0.1", port)
for i in range(n):
    method, target = reqs[i % len(reqs)]
    conn.request(method, target)
    r = conn.getresponse()
    r.read()
    assert r.status == 200, (method, target, r.status)
PY
}

# Instructions of server $1 answering $2 requests.
count() {
  local port=5150 out="$TMP/cg.$1.$2"
  if [ "$1" = actix ]; then
    valgrind --tool=callgrind --callgrind-out-file="$out" "$TARGET/actix/release/flaxum-bench-actix" "127.0.0.1:$port" 2>"$TMP/vg.log" &
  else
    valgrind --tool=callgrind --callgrind-out-file="$out" "$BIN" "$1" "127.0.0.1:$port" 2>"$TMP/vg.log" &
  fi
  local pid=$!
  local up=0
  for _ in $(seq 1200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=1; break; fi
    sleep 0.1
  done
  [ $up = 1 ] || { echo "server $1 did not start under valgrind" >&2; kill $pid; return 1; }
  send $port "$2" || { echo "server $1 did not answer every request" >&2; kill $pid; return 1; }
  # SIGTERM: a background job ignores SIGINT, and valgrind writes the
  # profile when a fatal signal ends the program.
  kill -TERM $pid; wait $pid 2>/dev/null || true
  # All threads are in one file (callgrind's default); its `totals:` line.
  awk '/^totals:/ { s += $2 } END { print s }' "$out"
}

echo "{" > "$TMP/out.json"
first=1
for s in ${SERVERS:-flaxum hand axum actix}; do
  a=$(count "$s" "$N")
  b=$(count "$s" $((2 * N)))
  per=$(( (b - a) / N ))
  echo "$s: $per instructions per request ($a for $N requests, $b for $((2 * N)))"
  [ $first = 1 ] || echo "," >> "$TMP/out.json"
  first=0
  printf '  "%s": {"instructions_per_request": %d, "for_n": %d, "for_2n": %d, "n": %d}' "$s" "$per" "$a" "$b" "$N" >> "$TMP/out.json"
done
printf '\n}\n' >> "$TMP/out.json"
cp "$TMP/out.json" benches/http/instructions.json
