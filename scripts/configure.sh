#!/usr/bin/env bash
# Configures the build folder of a preset of CMakePresets.json: release (build/), asan
# (build-asan/) or bench (build-bench/); extra arguments go to cmake. scripts/demo.sh,
# scripts/test.sh and scripts/fuzz.sh use it (docs/build.md).
#
# A folder configured earlier with another generator (a plain `cmake -S . -B build`
# makes Unix Makefiles) keeps that generator: CMake refuses to switch generators in a folder.
# A build-asan/ from before the sanitizer and fuzz builds were one clang build (a GCC build) is
# started afresh, because a folder cannot change its compiler.
#
#   scripts/configure.sh PRESET [CMAKE ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."

preset="${1:?usage: scripts/configure.sh release|asan|bench [cmake args]}"
shift
case "$preset" in
  release) dir=build ;;
  asan) dir=build-asan ;;
  bench) dir=build-bench ;;
  *) echo "scripts/configure.sh: no preset '$preset' (release, asan, bench)" >&2; exit 2 ;;
esac

args=()
cache="$dir/CMakeCache.txt"
if [ -f "$cache" ]; then
  if [ "$preset" = asan ] && ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++-14$' "$cache"; then
    echo "== $dir/ was built with another compiler: configuring it afresh with clang++-14"
    rm -rf "$dir"
  else
    generator="$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$cache")"
    if [ -n "$generator" ] && [ "$generator" != Ninja ]; then args+=(-G "$generator"); fi
  fi
fi
cmake --preset "$preset" "${args[@]}" "$@" >/dev/null
