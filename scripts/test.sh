#!/usr/bin/env bash
# Sets up, builds with warnings as errors (the release preset, build/), and runs every test: the
# GoogleTest suites (via CTest) and the default rule set's own scenario tables; then the same
# suite again under AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer, and each
# fuzz target for a short time, both from one clang build (the asan preset, build-asan/;
# scripts/fuzz.sh). Ends in a pass/fail summary with the time each stage took.
# docs/reliability.md describes the stages, docs/build.md the builds and their times.
#
#   PASSEND_QUICK=1             skip the sanitizer suite and the fuzzing (a developer's quick
#                               run; CI and a plain `bash scripts/test.sh` run everything)
#   PASSEND_CI_FUZZ_SECONDS=N   seconds per fuzz target (default 20)
#   PASSEND_BUILD_JOBS=N        parallel compile jobs (default: the number of cores, nproc)
set -euo pipefail
cd "$(dirname "$0")/.."

start=$SECONDS
jobs="${PASSEND_BUILD_JOBS:-$(nproc)}"
timings=()
stage_done() { timings+=("$1: $(( (SECONDS - $2) / 60 )) min $(( (SECONDS - $2) % 60 )) s"); }

./scripts/setup.sh
t=$SECONDS
./scripts/configure.sh release
cmake --build build --parallel "$jobs"
stage_done "release build" "$t"

status=0
t=$SECONDS
(cd build && ctest --output-on-failure -j2) || status=1
echo "== rule set scenario tables (passend rules test)"
./build/passend rules test --rules rules/default || status=1
stage_done "release tests" "$t"

if [ "${PASSEND_QUICK:-0}" = "1" ]; then
  echo "== PASSEND_QUICK=1: sanitizer suite and fuzzing skipped (CI runs them)"
elif ! command -v clang++-14 >/dev/null || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  # scripts/setup.sh installs clang-14 and libclang-rt-14-dev, so a missing one is a failure.
  echo "== sanitizer suite and fuzzing impossible: clang-14 or libclang-rt-14-dev is missing (scripts/setup.sh installs them)"
  status=1
else
  # One clang build for the sanitizer suite and the fuzzing (docs/build.md): build-asan, every
  # library with ASan, UBSan and libFuzzer's coverage, the test executables and the program
  # linked as usual, the fuzz targets linked with libFuzzer. Every process writes its sanitizer
  # reports (and leaks) to build-asan/sanitizer-logs/, also the servers and CLI runs the tests
  # start: any report there fails the run, even when the test that caused it passed.
  echo "== sanitizer and fuzz build (clang-14, ASan + UBSan + LeakSanitizer, libFuzzer): build-asan"
  t=$SECONDS
  ./scripts/configure.sh asan
  cmake --build build-asan --parallel "$jobs"
  stage_done "sanitizer and fuzz build" "$t"
  sanitizer_logs="$PWD/build-asan/sanitizer-logs"
  rm -rf "$sanitizer_logs" && mkdir -p "$sanitizer_logs"
  # LeakSanitizer needs ptrace-like access to stop threads at exit; where that is denied (under
  # a debugger or strace, some containers) it fails every process with "LeakSanitizer has
  # encountered a fatal error", which says nothing about passend. scripts/lsan-works.sh probes
  # that with a program that leaks on purpose: leaks count wherever LeakSanitizer works.
  detect_leaks=1
  if ! ./scripts/lsan-works.sh clang++-14; then
    detect_leaks=0
    echo "== LeakSanitizer does not work on this machine (ptrace denied?): leak detection OFF, ASan and UBSan stay on"
  fi
  t=$SECONDS
  (
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=$detect_leaks:log_path=$sanitizer_logs/asan"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$sanitizer_logs/ubsan"
    # tests/browser runs here too: Chromium is not sanitized, but the `passend serve` it drives
    # is, and the pages make calls in orders the C++ tests do not (about 15 s under ASan).
    # --timeout: a test that hangs under the sanitizers fails after 15 minutes instead of
    # holding up CI.
    cd build-asan && ctest --output-on-failure -j2 --timeout 900 &&
      ./passend rules test --rules ../rules/default >/dev/null
  ) || status=1
  # LeakSanitizer's stop-the-world may find a thread of an exiting process (a server shutting
  # down) that has already gone and prints "Unable to get registers from thread N"; it then goes
  # on checking the others. Such a line alone is no report about passend; anything else is.
  for log in "$sanitizer_logs"/*; do
    [ -e "$log" ] || continue
    if ! grep -qv '^==[0-9]*==Unable to get registers from thread [0-9]*\.$' "$log"; then
      echo "== $(basename "$log"): LeakSanitizer could not stop a thread that was exiting (not a finding)"
      rm -f "$log"
    fi
  done
  if [ -n "$(ls -A "$sanitizer_logs")" ]; then
    echo "sanitizer reports:"
    head -c 20000 "$sanitizer_logs"/*
    status=1
  fi
  stage_done "sanitizer tests" "$t"

  # Each fuzz target briefly, from the same build (scripts/fuzz.sh; longer runs are recorded in
  # docs/reliability.md).
  t=$SECONDS
  echo "== fuzzing: each target for ${PASSEND_CI_FUZZ_SECONDS:-20}s"
  ./scripts/fuzz.sh "${PASSEND_CI_FUZZ_SECONDS:-20}" || status=1
  stage_done "fuzz runs" "$t"
fi

stage_done "total" "$start"
printf '   %s\n' "${timings[@]}"
if [ "$status" -eq 0 ]; then echo "passend: ALL TESTS PASSED"; else echo "passend: TESTS FAILED"; fi
exit "$status"
