#!/usr/bin/env bash
# passend side by side with Zen and json-rules-engine on a national workload (issue 17,
# "Measured side by side"; docs/performance.md, "National workload side by side"). In ONE run, on
# ONE generated network imported into ONE database, for ONE case (national_case.json: three
# residential care forms, ≥ 7,000 offerings evaluated):
#   1. peers: the case's evaluated offerings exported as facts (benchmarks/national_facts), then
#      Zen and json-rules-engine, each in its own node process, check that they agree with
#      passend on every candidate and time one query's worth of evaluation (every candidate once,
#      one evaluate after the other; national.cjs);
#   2. passend in-process: run_query on the same read (national_facts, same process as step 1);
#   3. `passend query` as a whole process: median wall and CPU over RUNS runs, peak RSS
#      (time_command.py);
#   4. the HTTP answer: `passend serve` + benchmarks/http_load at 1, 2 and 8 connections
#      (benchmarks/http_load.sh --db): requests/s, p50/p90/p99/max, errors, server CPU per answer,
#      server peak RSS (VmHWM);
#   5. server memory with a 100,000-offering registry: the same case over HTTP at 1 and 8
#      connections (10 s each), VmHWM and VmRSS;
# then prints one markdown report (national_report.py): each passend figure as a ratio to Zen's
# evaluation of the same case in the same run, and which goals are met.
#
#   benchmarks/peers/national.sh BUILD_DIR [OFFERINGS] [RUNS]
#
# BUILD_DIR: a build with -DPASSEND_BUILD_BENCHMARKS=ON (e.g. `cmake --preset bench && cmake
# --build build-bench`): it needs passend, benchmarks/national_facts and benchmarks/http_load.
# OFFERINGS: the network's size (default 20000). RUNS: runs of the whole command (default 21).
# Needs node and npm (the npm registry: the engines are installed into a scratch folder) and
# python3. Runs unattended (no TTY); takes about 5 minutes on 2 cores. Settings by environment:
#   NATIONAL_SEED=42  NATIONAL_DATE=2026-11-26  NATIONAL_CASE=benchmarks/peers/national_case.json
#   NATIONAL_CONNECTIONS=1,2,8  NATIONAL_HTTP_SECONDS=20  NATIONAL_PEER_REPETITIONS=5
#   NATIONAL_QUERY_REPETITIONS=31 (in-process)  NATIONAL_BIG_OFFERINGS=100000 (0: skip step 5)
#   NATIONAL_BIG_CONNECTIONS=1,8
#   NATIONAL_OUT=DIR  keep the raw results (JSON per step, logs, report.md) there; default: a
#                     scratch folder removed at the end
# The report goes to standard output (and to DIR/report.md); progress to standard error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
usage="usage: benchmarks/peers/national.sh BUILD_DIR [OFFERINGS] [RUNS]"
build=$(cd "${1:?$usage}" && pwd)
offerings=${2:-20000}
runs=${3:-21}
seed=${NATIONAL_SEED:-42}
date=${NATIONAL_DATE:-2026-11-26}
case_file=$(realpath "${NATIONAL_CASE:-$here/national_case.json}")
connections=${NATIONAL_CONNECTIONS:-1,2,8}
http_seconds=${NATIONAL_HTTP_SECONDS:-20}
peer_reps=${NATIONAL_PEER_REPETITIONS:-5}
query_reps=${NATIONAL_QUERY_REPETITIONS:-31}
big=${NATIONAL_BIG_OFFERINGS:-100000}
big_connections=${NATIONAL_BIG_CONNECTIONS:-1,8}

for tool in passend benchmarks/national_facts benchmarks/http_load; do
  if [[ ! -x "$build/$tool" ]]; then
    echo "national.sh: $build/$tool not found; build with -DPASSEND_BUILD_BENCHMARKS=ON" >&2
    exit 2
  fi
done
for program in node npm python3; do
  command -v "$program" >/dev/null || { echo "national.sh: $program is needed" >&2; exit 2; }
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/passend-national-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
out=${NATIONAL_OUT:-$scratch/results}
mkdir -p "$out"
out=$(cd "$out" && pwd)
step() { echo "national.sh: [$(date -u +%H:%M:%S)] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# The run's circumstances, for the report.
started=$(date -u '+%Y-%m-%d %H:%M')
load_start=$(load)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo ", with uncommitted changes" || true)
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
compiler_version=$("${compiler:-c++}" --version 2>/dev/null | head -1 || true)

step "installing the peer engines (npm) into $scratch"
cp "$here/package.json" "$scratch/"
npm install --prefix "$scratch" --no-audit --no-fund --loglevel=error >"$out/npm.log" 2>&1 \
  || { cat "$out/npm.log" >&2; exit 1; }

step "generating $offerings offerings (seed $seed, $date) into a fresh database"
db=$scratch/national.db
"$build/passend" generate network --seed "$seed" --offerings "$offerings" --date "$date" --out "$scratch/network.json" >/dev/null
"$build/passend" init --db "$db" >/dev/null
"$build/passend" import --db "$db" "$scratch/network.json" >/dev/null

step "exporting the case's facts; passend in-process ($query_reps repetitions)"
"$build/benchmarks/national_facts" --db "$db" --case "$case_file" --date "$date" --repetitions "$query_reps" \
  --out "$scratch/facts.json" 2>"$out/national_facts.log" || { cat "$out/national_facts.log" >&2; exit 1; }
cat "$out/national_facts.log" >&2
# Everything but the (large) candidate facts.
node -e 'const f = JSON.parse(require("fs").readFileSync(process.argv[1])); delete f.cases; console.log(JSON.stringify(f, null, 1))' \
  "$scratch/facts.json" >"$out/passend.json"

peers_ok=1
for engine in zen jre; do
  step "peer engine $engine: agreement, then $peer_reps timed queries"
  node "$here/national.cjs" "$scratch/node_modules" "$scratch/facts.json" "$here" "$engine" "$peer_reps" \
    "$out/$engine.json" || peers_ok=0
done

step "passend query as a whole process: $runs runs (after 3 warm-up runs)"
command_ok=1
python3 -B "$here/time_command.py" "$runs" 3 "$out/command.json" -- \
  "$build/passend" query --db "$db" --case "$case_file" --date "$date" --format json || command_ok=0
{ "$build/passend" query --db "$db" --case "$case_file" --date "$date" --format json || true; } | wc -c >"$out/command_bytes.txt"

step "HTTP: passend serve, $connections connections, ${http_seconds}s each"
http_ok=1
bash "$root/benchmarks/http_load.sh" "$build" "$connections" "$http_seconds" --db "$db" --date "$date" \
  --results "$out/http" "$case_file" >"$out/http.log" 2>&1 || http_ok=0
cat "$out/http.log" >&2

if [ "$big" -gt 0 ]; then
  step "server memory: $big offerings (seed $seed) into a second database, the same case at $big_connections connections"
  big_db=$scratch/big.db
  "$build/passend" generate network --seed "$seed" --offerings "$big" --date "$date" --out "$scratch/big.json" >/dev/null
  "$build/passend" init --db "$big_db" >/dev/null
  "$build/passend" import --db "$big_db" "$scratch/big.json" >/dev/null
  rm -f "$scratch/big.json"
  bash "$root/benchmarks/http_load.sh" "$build" "$big_connections" 10 --db "$big_db" --date "$date" \
    --results "$out/big" "$case_file" >"$out/big.log" 2>&1 || http_ok=0
  cat "$out/big.log" >&2
fi

cat >"$out/meta.json" <<META
{"started": "$started", "finished": "$(date -u '+%Y-%m-%d %H:%M')", "load_start": "$load_start", "load_end": "$(load)",
 "nproc": $(nproc), "cpu": "$(lscpu | sed -n 's/^Model name: *//p')", "memory_gib": $(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo),
 "commit": "$commit$dirty", "build_type": "$build_type", "compiler": "$compiler_version",
 "offerings": $offerings, "seed": $seed, "date": "$date", "case_file": "${case_file#"$root"/}",
 "runs": $runs, "connections": "$connections", "http_seconds": $http_seconds, "big_offerings": $big,
 "big_connections": "$big_connections",
 "peers_ok": $peers_ok, "http_ok": $http_ok, "command_ok": $command_ok}
META
python3 -B "$here/national_report.py" "$out" "$case_file" | tee "$out/report.md"
[ "$peers_ok" = 1 ] && [ "$http_ok" = 1 ] && [ "$command_ok" = 1 ]
