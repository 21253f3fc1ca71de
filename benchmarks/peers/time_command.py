#!/usr/bin/env python3
"""A whole command timed as a process (benchmarks/peers/national.sh): WARMUP runs, then RUNS
runs, one after the other, standard output to /dev/null. Per run: wall-clock time, CPU time
(user + system, from wait4's rusage) and peak resident set size (ru_maxrss). Writes the medians
(and the range of the wall times) as JSON to OUT; exits 1 when any run fails.

    time_command.py RUNS WARMUP OUT.json -- COMMAND [ARG...]
"""
import json
import os
import statistics
import sys
import time


def run(command):
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        start = time.perf_counter()
        pid = os.posix_spawnp(command[0], command, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    finally:
        os.close(devnull)
    return {"ok": os.waitstatus_to_exitcode(status) == 0, "wall_ms": wall * 1000,
            "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000, "user_ms": usage.ru_utime * 1000,
            "sys_ms": usage.ru_stime * 1000, "max_rss_kib": usage.ru_maxrss}


def main(argv):
    if len(argv) < 6 or argv[4] != "--":
        sys.exit("usage: time_command.py RUNS WARMUP OUT.json -- COMMAND [ARG...]")
    runs, warmup, out, command = int(argv[1]), int(argv[2]), argv[3], argv[5:]
    for _ in range(warmup):
        run(command)
    results = [run(command) for _ in range(runs)]
    walls = sorted(r["wall_ms"] for r in results)
    summary = {"runs": runs, "warmup": warmup, "failed": sum(not r["ok"] for r in results),
               "wall_ms": statistics.median(walls), "wall_min_ms": walls[0], "wall_max_ms": walls[-1],
               "wall_p25_ms": walls[len(walls) // 4], "wall_p75_ms": walls[(3 * len(walls)) // 4],
               "cpu_ms": statistics.median(r["cpu_ms"] for r in results),
               "user_ms": statistics.median(r["user_ms"] for r in results),
               "sys_ms": statistics.median(r["sys_ms"] for r in results),
               "peak_rss_mib": max(r["max_rss_kib"] for r in results) / 1024}
    with open(out, "w") as f:
        json.dump(summary, f, indent=1)
    print(f"{' '.join(os.path.basename(a) for a in command[:2])}: median {summary['wall_ms']:.0f} ms wall "
          f"({summary['wall_min_ms']:.0f}-{summary['wall_max_ms']:.0f}), {summary['cpu_ms']:.0f} ms CPU, "
          f"peak {summary['peak_rss_mib']:.0f} MiB over {runs} runs", file=sys.stderr)
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
