#!/usr/bin/env bash
# Exits 0 when LeakSanitizer works on this machine, 1 when it does not. LeakSanitizer stops all
# threads with ptrace-like calls at exit; under a tracer or in some containers (seccomp, no
# CAP_SYS_PTRACE) it dies with "LeakSanitizer does not work under ptrace" or "LeakSanitizer has
# encountered a fatal error", which would fail every sanitized process for a reason that is not
# ours. The probe builds a program that leaks 64 bytes, with the given compiler (default c++),
# and checks that LeakSanitizer reports exactly that. scripts/test.sh and scripts/fuzz.sh use it
# to decide detect_leaks, and say so in their output.
#
#   scripts/lsan-works.sh [COMPILER]
set -uo pipefail
cxx="${1:-c++}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
printf '#include <cstdlib>\nvoid* volatile kept;\nint main() { kept = std::malloc(64); kept = nullptr; return 0; }\n' >"$dir/leak.cpp"
"$cxx" -fsanitize=address -g -O0 "$dir/leak.cpp" -o "$dir/leak" 2>"$dir/build.log" || { cat "$dir/build.log" >&2; exit 1; }
ASAN_OPTIONS="detect_leaks=1" "$dir/leak" >"$dir/out.log" 2>&1
grep -q "ERROR: LeakSanitizer: detected memory leaks" "$dir/out.log" && ! grep -q "fatal error\|does not work under ptrace" "$dir/out.log"
