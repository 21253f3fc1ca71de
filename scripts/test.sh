#!/usr/bin/env bash
# Sets up, builds with warnings as errors, and runs every test: the GoogleTest suites (via
# CTest) and the default rule set's own scenario tables. Ends in a pass/fail summary.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPASSEND_WERROR=ON >/dev/null
cmake --build build -j2

status=0
(cd build && ctest --output-on-failure -j2) || status=1
echo "== rule set scenario tables (passend rules test)"
./build/passend rules test --rules rules/default || status=1

if [ "$status" -eq 0 ]; then echo "passend: ALL TESTS PASSED"; else echo "passend: TESTS FAILED"; fi
exit "$status"
