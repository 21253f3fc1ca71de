#!/usr/bin/env bash
# Sets up, builds with warnings as errors, and runs every test: the GoogleTest suites (via
# CTest) and the default rule set's own scenario tables. PASSEND_EXTENDED=1 adds the same
# suite under the sanitizers and each fuzz target for a short time. Ends in a pass/fail summary.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPASSEND_WERROR=ON >/dev/null
cmake --build build -j2

status=0
(cd build && ctest --output-on-failure -j2) || status=1
echo "== rule set scenario tables (passend rules test)"
./build/passend rules test --rules rules/default || status=1

# The sanitizer build and the fuzzers are the extended run (PASSEND_EXTENDED=1). They are not
# yet part of every run: the full suite under ASan+UBSan has not been verified green on the CI
# machine (see the closing notes of issue 10 and docs/reliability.md when it lands).
if [ "${PASSEND_EXTENDED:-0}" = "1" ]; then
  # The same suite again under AddressSanitizer and UndefinedBehaviorSanitizer, in build-asan
  # (docs/reliability.md). Every process writes its sanitizer reports (and leaks) to
  # build-asan/sanitizer-logs/, also the servers and CLI runs the tests start: any report there
  # fails the run, even when the test that caused it passed.
  echo "== sanitizer build (ASan + UBSan + LeakSanitizer): build-asan"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPASSEND_SANITIZE=ON >/dev/null
  cmake --build build-asan -j2
  sanitizer_logs="$PWD/build-asan/sanitizer-logs"
  rm -rf "$sanitizer_logs" && mkdir -p "$sanitizer_logs"
  (
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:log_path=$sanitizer_logs/asan"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$sanitizer_logs/ubsan"
    cd build-asan && ctest --output-on-failure -j2 && ./passend rules test --rules ../rules/default >/dev/null
  ) || status=1
  if [ -n "$(ls -A "$sanitizer_logs")" ]; then
    echo "sanitizer reports:"
    head -c 20000 "$sanitizer_logs"/*
    status=1
  fi

  # Each fuzz target briefly (scripts/fuzz.sh; longer runs are recorded in docs/reliability.md).
  if command -v clang++-14 >/dev/null && ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    echo "== fuzzing: each target for ${PASSEND_CI_FUZZ_SECONDS:-20}s"
    ./scripts/fuzz.sh "${PASSEND_CI_FUZZ_SECONDS:-20}" || status=1
  else
    echo "== fuzzing skipped: clang-14 and libclang-rt-14-dev are not installed (scripts/setup.sh installs them)"
  fi

fi

if [ "$status" -eq 0 ]; then echo "passend: ALL TESTS PASSED"; else echo "passend: TESTS FAILED"; fi
exit "$status"
