#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz in the clang build of the asan preset (build-asan/,
# which scripts/test.sh also runs the sanitizer suite from; docs/build.md) and runs each for
# SECONDS (default 60), starting from a seed corpus taken from the repository (demo cases, the
# demo network, the CSV templates, the default rule set's params.json) plus what earlier runs
# found (build-asan/corpus/). A crash leaves its input in build-asan/artifacts/<target>/ and
# fails the script; copy it into tests/fuzz/regressions/<target>/ with the fix, so the
# regression test replays it in every CI run. docs/reliability.md records the runs.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 20   or   scripts/fuzz.sh 3600 case
#
#   PASSEND_FUZZ_BUILD=DIR          another build folder, configured with the asan preset
#   PASSEND_FUZZ_BUILD_JOBS=N       parallel compile jobs (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(case network_json network_csv rule_params)
build="${PASSEND_FUZZ_BUILD:-build-asan}"
jobs="${PASSEND_FUZZ_BUILD_JOBS:-$(nproc)}"

if [ "$build" = build-asan ]; then
  ./scripts/configure.sh asan
else
  cmake --preset asan -B "$build" >/dev/null
fi
cmake --build "$build" --parallel "$jobs" --target $(printf 'fuzz_%s ' "${targets[@]}")

# The seed corpus of one target: the repository's own examples of that input, and the inputs
# that once crashed it (tests/fuzz/regressions/<target>/).
seed() {
  local target="$1" dir="$2"
  case "$target" in
    case) cp data/demo/cases/fv-*.json "$dir/" ;;
    network_json) cp data/demo/network.json "$dir/" ;;
    network_csv)
      { cat docs/templates/offerings.csv; printf '\n%%%%\n'; cat docs/templates/contracts.csv; } >"$dir/templates.csv"
      { cat docs/templates/offerings.csv; printf '\n%%%%\n'; cat docs/templates/contracts.csv;
        printf '\n%%%%\n'; cat docs/templates/lot_overrides.csv; } >"$dir/templates-overrides.csv" ;;
    rule_params) cp rules/default/params.json "$dir/" ;;
  esac
  find "tests/fuzz/regressions/$target" -type f ! -name '.*' -exec cp {} "$dir/" \;
}

# Sanitizer reports end the run with a crash artifact; leaks count wherever LeakSanitizer works
# (scripts/lsan-works.sh: it needs ptrace-like access, which a debugger, strace or a strict
# container can deny; then leak detection is off and the run says so).
detect_leaks=1
if ! ./scripts/lsan-works.sh clang++-14; then
  detect_leaks=0
  echo "== LeakSanitizer does not work on this machine (ptrace denied?): leak detection OFF"
fi
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=$detect_leaks:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

status=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  seed "$target" "$corpus"
  log="$build/fuzz-$target.log"
  echo "== fuzz_$target for ${seconds}s (corpus $(find "$corpus" -type f | wc -l) files)"
  if "$build/fuzz/fuzz_$target" "$corpus" -dict=tests/fuzz/passend.dict -max_total_time="$seconds" \
      -detect_leaks="$detect_leaks" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -2 || true
  else
    status=1
    echo "fuzz_$target FOUND A CRASH: see $log and $artifacts/"
    tail -40 "$log"
  fi
done
exit "$status"
