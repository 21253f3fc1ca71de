#!/usr/bin/env bash
# Load run for docs/performance.md, "HTTP API": `passend serve` on a free loopback port (access
# log to a file, as in production) and one member token, then benchmarks/http_load POSTing case
# files to /api/v1/query, once per connection count, all on the same server.
#
#   benchmarks/http_load.sh BUILD_DIR [CONNECTIONS] [SECONDS] [--db DB] [--date D] [--results DIR] [CASE.json...]
#
# BUILD_DIR must be configured with -DPASSEND_BUILD_BENCHMARKS=ON.
#   CONNECTIONS    one count or a comma-separated list, run in turn (default 8; e.g. 1,2,8)
#   SECONDS        measured per count, after a 3 s warm-up (default 20)
#   --db DB        serve this registry (a token is added to it); default: a fresh database with
#                  the demo network (data/demo/network.json)
#   --date D       the queries' reference date (default 2026-11-26)
#   --results DIR  also write DIR/http-C.json per count (http_load's figures, and from /proc the
#                  server's CPU per answer and its peak and current memory after that count) and
#                  DIR/server.json (the server's memory at the end)
#   CASE.json      the cases POSTed in turn; default: the demo cases (data/demo/cases)
set -euo pipefail
usage="usage: http_load.sh BUILD_DIR [CONNECTIONS] [SECONDS] [--db DB] [--date D] [--results DIR] [CASE.json...]"
build=${1:?$usage}
shift
connections=8
seconds=20
db=
date=2026-11-26
results=
cases=()
positional=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=${2:?$usage}; shift 2 ;;
    --date) date=${2:?$usage}; shift 2 ;;
    --results) results=${2:?$usage}; shift 2 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *)
      if [ -f "$1" ]; then cases+=("$1")
      elif [ $positional -eq 0 ]; then connections=$1; positional=1
      elif [ $positional -eq 1 ]; then seconds=$1; positional=2
      else echo "http_load.sh: no such case file: $1" >&2; exit 2
      fi
      shift ;;
  esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

if [ -z "$db" ]; then
  db=$work/passend.db
  "$build/passend" init --db "$db" >/dev/null
  "$build/passend" import --db "$db" "$root/data/demo/network.json" >/dev/null
fi
if [ ${#cases[@]} -eq 0 ]; then
  for f in "$root"/data/demo/cases/*.json; do
    # CASES.json files (arrays, for allocate) are not single cases.
    [ "$(head -c 1 "$f")" = "[" ] || cases+=("$f")
  done
fi
[ -n "$results" ] && mkdir -p "$results"
# A name of its own: a live token's name is unique, and the database may be used again.
token=$("$build/passend" token create --db "$db" --role member --name "load-test-$(date +%s)-$$" 2>"$work/token.log") \
  || { echo "http_load.sh: cannot create a token:" >&2; cat "$work/token.log" >&2; exit 1; }
"$build/passend" serve --db "$db" --port 0 2>"$work/serve.log" &
server=$!
# A national registry may take a while to load: up to 120 s.
for _ in $(seq 1200); do
  grep -q "listening on" "$work/serve.log" && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.log")
if [ -z "$port" ]; then
  echo "http_load.sh: the server did not start:" >&2
  cat "$work/serve.log" >&2
  exit 1
fi

kib() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$server/status"; }
idle_rss=$(kib VmRSS)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%Y-%m-%d)"
echo "server: $(head -1 "$work/serve.log"); ${#cases[@]} case file(s); resident after start: $((idle_rss / 1024)) MiB"
# The server's CPU time per answer does not depend on what else the machine runs.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
answers() { grep -c ' POST /api/v1/query 200 ' "$work/serve.log" || true; }
failures() { grep -c ' POST /api/v1/query [^2]' "$work/serve.log" || true; }
status=0
for c in ${connections//,/ }; do
  echo
  before=$(cpu_ticks) answered_before=$(answers) failed_before=$(failures)
  json=()
  [ -n "$results" ] && json=(--json "$results/http-$c.json")
  "$build/benchmarks/http_load" --port "$port" --token "$token" --connections "$c" --seconds "$seconds" \
    --warmup 3 --path "/api/v1/query?date=$date" "${json[@]}" "${cases[@]}" || status=$?
  after=$(cpu_ticks)
  answered=$(($(answers) - answered_before))
  others=$(($(failures) - failed_before))
  per_answer=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$answered" \
    'BEGIN {if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "null"}')
  hwm=$(kib VmHWM) rss=$(kib VmRSS)
  echo "server log: $answered answers 200, $others others (warm-up included)"
  echo "server CPU: $per_answer ms per answer; memory: peak so far $((hwm / 1024)) MiB, now $((rss / 1024)) MiB"
  if [ -n "$results" ] && [ -f "$results/http-$c.json" ]; then
    sed -i "s/}\$/, \"server_cpu_ms_per_answer\": $per_answer, \"server_answers\": $answered, \"server_others\": $others, \"server_vmhwm_kib\": $hwm, \"server_vmrss_kib\": $rss}/" \
      "$results/http-$c.json"
  fi
done
hwm=$(kib VmHWM) rss=$(kib VmRSS)
echo
echo "server memory: peak $((hwm / 1024)) MiB (VmHWM), now $((rss / 1024)) MiB (VmRSS), after start $((idle_rss / 1024)) MiB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$results" ]; then
  echo "{\"vmhwm_kib\": $hwm, \"vmrss_kib\": $rss, \"vmrss_after_start_kib\": $idle_rss, \"status\": $status}" >"$results/server.json"
fi
exit $status
