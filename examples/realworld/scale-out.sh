#!/usr/bin/env bash
# Scale-out on loopback: three processes of the RealWorld port on one
# PostgreSQL, behind haproxy, then a rolling restart under load.
#
#   bash examples/realworld/scale-out.sh            # the whole run (wrk, release build)
#   bash examples/realworld/scale-out.sh --smoke    # no load: a few requests per restart, debug build
#
# 1. Starts PostgreSQL (a cluster of its own in a temporary folder), three
#    port processes on it (one JWT_SECRET, so any of them takes any token),
#    and haproxy in front, health-checking GET /api/health.
# 2. Runs the official RealWorld suite through haproxy (run-suite.sh).
# 3. Seeds 20 articles, then runs wrk on GET /api/articles through haproxy
#    while it restarts the three processes one by one: each is taken out
#    of haproxy's rotation, sent SIGTERM (flaxum finishes the requests in
#    flight and exits), started again, and put back once healthy.
#    Target: no failed request (wrk's socket errors and non-2xx answers).
#
# DRAIN=0 skips taking each process out of rotation before its SIGTERM,
# so the signal lands while haproxy still sends it requests: what is in
# flight must finish, and haproxy must retry what the closing process
# refuses.
#
# Bounded: DURATION seconds of wrk (default 30, at most 120), CONNECTIONS
# connections (default 64, at most 256), every wait under a deadline, all
# on 127.0.0.1. Installs Debian's postgresql, haproxy and wrk when they are
# missing (as root). Not run by CI. Everything it started is stopped at
# the end, by process id.
set -euo pipefail

smoke=0
[[ "${1:-}" == "--smoke" ]] && smoke=1
duration="${DURATION:-30}"
connections="${CONNECTIONS:-64}"
(( duration > 120 )) && duration=120
(( connections > 256 )) && connections=256
drain="${DRAIN:-1}"
pg_port="${PG_PORT:-55432}"
ha_port="${HAPROXY_PORT:-5004}"
ports=(5101 5102 5103)

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/conduit-scale-out.XXXXXX)"
chmod 755 "$work"
declare -A app_pid=()
ha_pid=""
pgbin=""

say() { echo "== $*"; }

cleanup() {
  for name in "${!app_pid[@]}"; do kill "${app_pid[$name]}" 2>/dev/null || true; done
  [[ -n "$ha_pid" ]] && kill "$ha_pid" 2>/dev/null || true
  if [[ -n "$pgbin" && -f "$work/pg/postmaster.pid" ]]; then
    as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: as root, its commands run as the
# `postgres` user.
as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Waits until `url` answers 200, at most `seconds`.
wait_for() {
  local url="$1" seconds="$2" deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if (( SECONDS > deadline )); then echo "no answer from $url in ${seconds}s" >&2; return 1; fi
    sleep 0.2
  done
}

say "packages"
need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v haproxy >/dev/null || need+=(haproxy)
(( smoke )) || command -v wrk >/dev/null || need+=(wrk)
if (( ${#need[@]} )); then
  echo "installing ${need[*]}"
  apt-get update -qq </dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" </dev/null >/dev/null
fi
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

say "PostgreSQL on 127.0.0.1:$pg_port"
mkdir -p "$work/pg" "$work/sock"
chown postgres "$work/pg" "$work/sock" 2>/dev/null || true
as_postgres "$pgbin/initdb" -D "$work/pg" -A trust -U conduit >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/pg" -l "$work/sock/postgres.log" -w -t 30 \
  -o "-p $pg_port -k $work/sock -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
as_postgres "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U conduit conduit

profile=release
(( smoke )) && profile=debug
say "building the port ($profile)"
if [[ "$profile" == release ]]; then
  (cd "$repo" && cargo build --quiet --release -p flaxum-examples --example realworld)
else
  (cd "$repo" && cargo build --quiet -p flaxum-examples --example realworld)
fi
binary="$repo/target/$profile/examples/realworld"
export DATABASE_URL="postgres://conduit@127.0.0.1:$pg_port/conduit"
JWT_SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
export JWT_SECRET

# Starts process `i` (0, 1, 2) and waits until it is healthy.
start_app() {
  local i="$1" port="${ports[$1]}"
  PORT="$port" "$binary" >>"$work/app$i.log" 2>&1 </dev/null &
  app_pid[$i]=$!
  wait_for "http://127.0.0.1:$port/api/health" 30
}

say "three processes on ports ${ports[*]}"
# The first creates the tables; the others find them.
for i in 0 1 2; do start_app "$i"; done

say "haproxy on 127.0.0.1:$ha_port"
cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 1024
  stats socket $work/haproxy.sock mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch
  retry-on all-retryable-errors
frontend api
  bind 127.0.0.1:$ha_port
  default_backend conduit
backend conduit
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2 maxconn 256
  server app0 127.0.0.1:${ports[0]} check
  server app1 127.0.0.1:${ports[1]} check
  server app2 127.0.0.1:${ports[2]} check
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 </dev/null &
ha_pid=$!
wait_for "http://127.0.0.1:$ha_port/api/health" 15
api="http://127.0.0.1:$ha_port/api"

# Sends one command to haproxy's admin socket.
haproxy_cmd() {
  python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
print(s.recv(4096).decode().strip())' "$work/haproxy.sock" "$1"
}

say "the official suite through haproxy"
APIURL="$api" bash "$repo/examples/realworld/run-suite.sh"

say "20 articles"
token="$(curl -fsS -X POST "$api/users" -H 'Content-Type: application/json' \
  -d '{"user": {"username": "seeder", "email": "seeder@example.com", "password": "seed-password"}}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["user"]["token"])')"
for n in $(seq 1 20); do
  curl -fsS -o /dev/null -X POST "$api/articles" -H 'Content-Type: application/json' \
    -H "Authorization: Token $token" \
    -d "{\"article\": {\"title\": \"Article $n\", \"description\": \"Number $n\", \"body\": \"The text of article $n.\", \"tagList\": [\"scale\", \"n$n\"]}}"
done

# Restarts the processes one by one, each out of rotation meanwhile.
rolling_restart() {
  for i in 0 1 2; do
    if (( drain )); then
      haproxy_cmd "set server conduit/app$i state maint" >/dev/null
      sleep 1
    fi
    kill -TERM "${app_pid[$i]}"
    wait "${app_pid[$i]}" || true
    start_app "$i"
    haproxy_cmd "set server conduit/app$i state ready" >/dev/null
    sleep 2 # two health checks (rise 2) before the next one goes
    echo "restarted app$i (pid ${app_pid[$i]})"
  done
}

if (( smoke )); then
  say "rolling restart with a few requests (--smoke: no load generator)"
  failed=0 sent=0
  (
    end=$((SECONDS + 20))
    while (( SECONDS < end )); do
      code="$(curl -s -o /dev/null -w '%{http_code}' "$api/articles" || true)"
      echo "$code"
      sleep 0.2
    done
  ) >"$work/smoke.codes" &
  probe=$!
  rolling_restart
  wait "$probe"
  sent="$(wc -l <"$work/smoke.codes")"
  failed="$(grep -vc '^200$' "$work/smoke.codes" || true)"
  echo "requests through the restart: $sent, failed: $failed"
  (( failed == 0 ))
else
  say "wrk: ${duration}s, $connections connections, GET /api/articles, rolling restart meanwhile"
  wrk -t2 -c"$connections" -d"${duration}s" --timeout 5s --latency "$api/articles" >"$work/wrk.txt" 2>&1 &
  load=$!
  sleep 3
  rolling_restart
  wait "$load"
  cat "$work/wrk.txt"
  if grep -qE 'Socket errors|Non-2xx' "$work/wrk.txt"; then
    echo "scale-out: failed requests during the rolling restart (above)"
    exit 1
  fi
  echo "scale-out: no failed request through the rolling restart"
fi
