#!/usr/bin/env bash
# The main job on the embedded default: set up, build the program (only the `passend` target of
# the release preset, in build/; the tests are built by scripts/test.sh), create a SQLite
# database in ./var, load the bundled regions and the bundled demo network, and print the advice
# for a demo case.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
./scripts/configure.sh release
cmake --build build --parallel "${PASSEND_BUILD_JOBS:-$(nproc)}" --target passend

mkdir -p var
db=var/demo.db
rm -f "$db" "$db-wal" "$db-shm"
./build/passend init --db "$db"
./build/passend import --db "$db" data/demo/network.json
# The demo network's capacity figures were last updated in November 2026; the reference date
# keeps the demo's advice the same whatever day it is run.
./build/passend query --db "$db" --case data/demo/cases/fv-042-kleinschalig.json --date 2026-11-26 --format text
