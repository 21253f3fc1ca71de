#!/usr/bin/env bash
# Load run for docs/performance.md, "HTTP API": a fresh database with the demo network, one
# member token, `passend serve` on a free loopback port (access log to a file, as in
# production), then benchmarks/http_load POSTing the demo cases to /api/v1/query.
#
#   benchmarks/http_load.sh BUILD_DIR [CONNECTIONS] [SECONDS]
# BUILD_DIR must be configured with -DPASSEND_BUILD_BENCHMARKS=ON.
set -euo pipefail
build=${1:?usage: http_load.sh BUILD_DIR [CONNECTIONS] [SECONDS]}
connections=${2:-8}
seconds=${3:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

"$build/passend" init --db "$work/passend.db" >/dev/null
"$build/passend" import --db "$work/passend.db" "$root/data/demo/network.json" >/dev/null
token=$("$build/passend" token create --db "$work/passend.db" --role member --name load-test 2>/dev/null)
"$build/passend" serve --db "$work/passend.db" --port 0 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.log")
cases=()
for f in "$root"/data/demo/cases/*.json; do
  # CASES.json files (arrays, for allocate) are not single cases.
  [ "$(head -c 1 "$f")" = "[" ] || cases+=("$f")
done

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%Y-%m-%d)"
echo "server: $(head -1 "$work/serve.log")"
# The server's CPU time per answer does not depend on what else the machine runs.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
before=$(cpu_ticks)
status=0
"$build/benchmarks/http_load" --port "$port" --token "$token" --connections "$connections" --seconds "$seconds" \
  --warmup 3 --path "/api/v1/query?date=2026-11-26" "${cases[@]}" || status=$?
after=$(cpu_ticks)
answered=$(grep -c ' POST /api/v1/query 200 ' "$work/serve.log" || true)
others=$(grep -c ' POST /api/v1/query [^2]' "$work/serve.log" || true)
echo "server log: $answered answers 200, $others others"
echo "server CPU: $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$answered" 'BEGIN {printf "%.2f ms per answer", t * 1000 / hz / n}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
