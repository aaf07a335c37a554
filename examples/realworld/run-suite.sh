#!/usr/bin/env bash
# Runs the official RealWorld API suite (the Postman collection, with
# newman) against the flaxum port, on 127.0.0.1 with a fresh SQLite
# database, and fails unless every assertion passes.
#
#   bash examples/realworld/run-suite.sh [SUITE_DIR]
#
# SUITE_DIR holds run-api-tests.sh and Conduit.postman_collection.json
# (the api/ folder of the RealWorld spec repository); it defaults to
# ../shared/realworld beside the repository, where CI has it. newman@6 is
# installed with npm into target/realworld-newman on first use. Set
# APIURL to run the suite against a server already running instead (the
# scale-out script does, through haproxy).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
suite="${1:-$repo/../shared/realworld}"
if [[ ! -f "$suite/run-api-tests.sh" ]]; then
  echo "realworld suite: no run-api-tests.sh in $suite; the suite is the api/ folder of gothinkster/realworld on GitHub (pass its path)"
  exit 0
fi
suite="$(cd "$suite" && pwd)"

# newman, in a scratch folder of the build tree (npm's own cache aside).
newman_dir="$repo/target/realworld-newman"
if [[ ! -x "$newman_dir/node_modules/.bin/newman" ]]; then
  mkdir -p "$newman_dir"
  echo "== installing newman@6 into $newman_dir"
  (cd "$newman_dir" && npm install --no-audit --no-fund --loglevel=error newman@6 </dev/null >/dev/null)
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [[ -n "$server" ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z "${APIURL:-}" ]]; then
  echo "== building the port"
  (cd "$repo" && cargo build --quiet -p flaxum-examples --example realworld)
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  JWT_SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')" \
    DATABASE_URL="sqlite://$work/conduit.sqlite?mode=rwc" PORT="$port" \
    "$repo/target/debug/examples/realworld" >"$work/server.log" 2>&1 </dev/null &
  server=$!
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log"; exit 1; fi
    sleep 0.1
  done
  APIURL="http://127.0.0.1:$port/api"
fi

echo "== the official suite against $APIURL"
status=0
(cd "$newman_dir" && APIURL="$APIURL" DELAY_REQUEST=1 bash "$suite/run-api-tests.sh" \
  --reporters cli,json --reporter-json-export "$work/report.json" </dev/null) >"$work/newman.log" 2>&1 || status=$?
tail -n 40 "$work/newman.log"
python3 - "$work/report.json" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))["run"]
stats = run["stats"]["assertions"]
total, failed = stats["total"], stats["failed"]
print(f"realworld suite: {total - failed} of {total} assertions passed")
for f in run["failures"]:
    print("  failed:", f["source"].get("name"), "-", f["error"].get("test"), "-", f["error"].get("message"))
sys.exit(1 if failed or total == 0 else 0)
EOF
exit "$status"
