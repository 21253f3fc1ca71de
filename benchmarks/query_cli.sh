#!/usr/bin/env bash
# `passend query` as a whole command (process start, open, read, rules, audit, print) on a
# generated national registry, for docs/performance.md, "Query latency": a fresh database,
# `passend generate network` (seed 20261126, reference date 2026-11-26) imported, then hyperfine
# on the typical case of query_benchmark (benchmarks/query_fixtures.cpp, fixed_case_json), JSON
# and text output, and one run under /usr/bin/time for the peak memory.
#
#   benchmarks/query_cli.sh BUILD_DIR [OFFERINGS] [RUNS]
set -euo pipefail
build=${1:?usage: query_cli.sh BUILD_DIR [OFFERINGS] [RUNS]}
offerings=${2:-20000}
runs=${3:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/case.json" <<'CASE'
{"id": "bench-fv-001", "age": 15, "municipality": "GM0228",
 "need": {"care_forms": ["small_scale_living", "family_home"], "expertise": ["autism"],
          "urgency": "high", "max_wait_weeks": 4},
 "flags": ["aggression"],
 "preferences": {"identity": "protestant", "near_municipalities": ["GM0203"]},
 "history": {"rejected_by": ["prov-00003"], "previous_providers": ["prov-00011"]},
 "registered": "2026-11-02"}
CASE
"$build/passend" init --db "$work/passend.db" >/dev/null
"$build/passend" generate network --seed 20261126 --offerings "$offerings" --date 2026-11-26 --out "$work/network.json"
"$build/passend" import --db "$work/passend.db" "$work/network.json" >/dev/null

query="$build/passend query --db $work/passend.db --case $work/case.json --date 2026-11-26"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%Y-%m-%d), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "registry: $offerings offerings; result: $($query --format json | wc -c) bytes of JSON"
/usr/bin/time -f "one run: %e s wall, %U s user, %S s sys, %M KiB peak RSS" $query --format json >/dev/null
hyperfine --warmup 3 --runs "$runs" --export-json "$work/hyperfine.json" \
  -n "query --format json" "$query --format json" -n "query --format text" "$query --format text"
python3 - "$work/hyperfine.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]}: median {r["median"] * 1000:.0f} ms wall, mean user {r["user"] * 1000:.0f} ms, '
          f'sys {r["system"] * 1000:.0f} ms')
PY
