#!/usr/bin/env bash
# passend side by side with two JavaScript rule engines, on the same generated data and the same
# rules (contracted only; tier region/adjacent/network/national; timeliness; care form; age):
# @gorules/zen-engine (a Rust engine with a Node binding, JDM decision graph zen_decision.json) and
# json-rules-engine (jre_rules.json). The engines are installed from the npm registry into a
# scratch folder that is removed afterwards; passend's facts come from benchmarks/export_facts.
#
#   benchmarks/peers/run.sh [BUILD_DIR] [OFFERINGS] [CASES] [REPETITIONS]
#
# BUILD_DIR is a build configured with -DPASSEND_BUILD_BENCHMARKS=ON (default: build-bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build-bench}
offerings=${2:-20000}
cases=${3:-20}
repetitions=${4:-5}

if [[ ! -x "$build/benchmarks/export_facts" ]]; then
  echo "run.sh: $build/benchmarks/export_facts not found; build it with -DPASSEND_BUILD_BENCHMARKS=ON" >&2
  exit 2
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/passend-peers-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

cp "$here/package.json" "$scratch/"
npm install --prefix "$scratch" --no-audit --no-fund --loglevel=error >&2
"$build/benchmarks/export_facts" --offerings "$offerings" --cases "$cases" --repetitions "$repetitions" \
  --out "$scratch/facts.json"
node "$here/compare.cjs" "$scratch/node_modules" "$scratch/facts.json" "$here" "$repetitions"
