#!/usr/bin/env bash
# The main job on the embedded default: set up, build, create a SQLite database in ./var,
# load the bundled regions and the bundled demo network, and print the advice for a demo case.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2

mkdir -p var
db=var/demo.db
rm -f "$db" "$db-wal" "$db-shm"
./build/passend init --db "$db"
./build/passend import --db "$db" data/demo/network.json
# The demo network's capacity figures were last updated in November 2026; the reference date
# keeps the demo's advice the same whatever day it is run.
./build/passend query --db "$db" --case data/demo/cases/fv-042-kleinschalig.json --date 2026-11-26 --format text
