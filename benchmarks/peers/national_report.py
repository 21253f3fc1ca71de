#!/usr/bin/env python3
"""The report of benchmarks/peers/national.sh: reads the JSON that each step left in RESULTS_DIR
and prints markdown (the circumstances, one side-by-side table with every figure as a ratio to
Zen's evaluation of the same case in the same run, the HTTP latency distribution, and which goals
of issue 17 are met). A step that did not run shows as "not measured".

    national_report.py RESULTS_DIR CASE.json
"""
import json
import os
import sys

# Issue 17's goals (2 cores).
GOAL_IN_PROCESS_MS = 5
GOAL_COMMAND_RATIO = 10
GOAL_HTTP_RATIO = 50
GOAL_P99_MS = 50
GOAL_P99_CONNECTIONS = 8
GOAL_SERVER_MB = 512


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def ms(x):
    if x is None:
        return "not measured"
    if x < 10:
        return f"{x:.2f} ms"
    if x < 100:
        return f"{x:.1f} ms"
    return f"{x:,.0f} ms"


def mib(x):
    return "" if x is None else f"{x:,.0f} MiB"


def ratio(reference, x):
    if not reference or not x:
        return "—"
    r = reference / x
    return f"{r:,.1f}×" if r < 100 else f"{r:,.0f}×"


def verdict(ok):
    return "**met**" if ok else "**missed**"


def main(results, case_file):
    get = lambda name: load(os.path.join(results, name))
    meta, passend, zen, jre = get("meta.json") or {}, get("passend.json") or {}, get("zen.json"), get("jre.json")
    command, kase = get("command.json"), load(case_file) or {}
    p = passend.get("passend", {})
    counts, peer_counts = p.get("default_rules", {}), p.get("peer_rules", {})
    connections = [c for c in str(meta.get("connections", "1,2,8")).split(",") if c]
    http = {c: get(f"http/http-{c}.json") for c in connections}
    big_connections = [c for c in str(meta.get("big_connections", "")).split(",") if c] if meta.get("big_offerings") else []
    big = {c: get(f"big/http-{c}.json") for c in big_connections}
    server, big_server = get("http/server.json"), get("big/server.json")
    try:
        with open(os.path.join(results, "command_bytes.txt")) as f:
            command_bytes = int(f.read().strip())
    except (OSError, ValueError):
        command_bytes = None

    zen_seq = (zen or {}).get("sequential")
    ref_wall = zen_seq["wall_ms"] if zen_seq else None
    ref_cpu = zen_seq["cpu_ms"] if zen_seq else None

    out = []
    w = out.append
    w(f"Run of {meta.get('started', '?')}–{meta.get('finished', '?')[-5:]} UTC, `benchmarks/peers/national.sh` "
      f"(commit {meta.get('commit', '?')}).")
    w("")
    w(f"Machine: {meta.get('nproc', '?')} cores (`nproc`), {meta.get('cpu', '?')} (`lscpu` model name), "
      f"{meta.get('memory_gib', '?')} GiB; load average {meta.get('load_start', '?')} at the start, "
      f"{meta.get('load_end', '?')} at the end. Build: {meta.get('build_type', '?')}, {meta.get('compiler', '?')}.")
    w("")
    need = kase.get("need", {})
    evaluated = counts.get("evaluated")
    w(f"Workload: `passend generate network --seed {meta.get('seed')} --offerings {meta.get('offerings')} "
      f"--date {meta.get('date')}` ({passend.get('registry_offerings', 0):,} offerings) imported into a fresh "
      f"database; the case `{meta.get('case_file')}` ({kase.get('municipality')}, age {kase.get('age')}; "
      f"{', '.join(need.get('care_forms', []))}; expertise {', '.join(need.get('expertise', [])) or 'none'}; "
      f"flags {', '.join(kase.get('flags', [])) or 'none'}; max wait {need.get('max_wait_weeks')} weeks) on "
      f"{meta.get('date')}: **{evaluated:,} offerings evaluated** ({counts.get('bridging_pool', 0):,} of them the "
      f"bridging pool{', read because plan A is not timely' if p.get('reads', {}).get('bridging_pool') else ''}), "
      f"{counts.get('candidates')} candidates, {counts.get('exclusions'):,} exclusions (the peers' rules alone "
      f"admit {peer_counts.get('candidates')})." if evaluated is not None else "Workload: not measured.")
    if not p.get("same_offerings_as_peers", True):
        w("")
        w(f"**Warning**: passend's default rules evaluated {evaluated} offerings and the peers' rules "
          f"{peer_counts.get('evaluated')}: the ratios compare different workloads (national_facts.log).")
    agreed = [e for e in (zen, jre) if e]
    if agreed:
        w("")
        w("Agreement with passend (tier, timeliness, exclusion codes) before timing: " + "; ".join(
            f"{e['engine']} {e['version']}: {e['candidates'] - e['differ']:,} of {e['candidates']:,} candidates"
            for e in agreed) + "." + (f" Zen per candidate: {zen_seq['wall_ms'] * 1000 / zen['candidates']:.0f} µs wall, "
                                      f"{zen_seq['cpu_ms'] * 1000 / zen['candidates']:.0f} µs CPU." if zen_seq else ""))
    w("")
    w(f"Zen's figure is its evaluation of the hard filters, tier and timeliness only, over facts passend prepared, "
      f"for every evaluated offering of the case once (median of {(zen or {}).get('repetitions', '?')}); passend's are "
      f"whole queries. \"Zen ÷ this\" is how many times faster than Zen's evaluation.")
    w("")
    w("| one query of the case | wall (median) | CPU (median) | peak memory | Zen ÷ this (wall) | Zen ÷ this (CPU) |")
    w("|---|---|---|---|---|---|")

    def row(what, t, memory=None, wall_key="wall_ms", cpu_key="cpu_ms"):
        wall = t.get(wall_key) if t else None
        cpu = t.get(cpu_key) if t else None
        shown = ms(wall) if t is not None or memory is None else "—"  # a memory-only row has no time
        w(f"| {what} | {shown} | {ms(cpu) if cpu is not None else '—'} | {mib(memory)} | "
          f"{ratio(ref_wall, wall)} | {ratio(ref_cpu, cpu)} |")

    zen_label = f"Zen {zen['version']}" if zen else "Zen"
    row(f"{zen_label}: one `evaluate` after the other", zen_seq, (zen or {}).get("peak_rss_mib"))
    row(f"{zen_label}: 64 `evaluate` in flight (its worker threads)", (zen or {}).get("in_flight_64"))
    row(f"json-rules-engine {jre['version'] if jre else ''}: one `run` after the other", (jre or {}).get("sequential"),
        (jre or {}).get("peak_rss_mib"))
    row("passend in-process: `run_query`, whole default rule set", p.get("query_default_rules"), p.get("peak_rss_mib"))
    if "query_whole_registry" in p:
        row("passend in-process: `run_query`, whole default rule set, on the whole registry in memory "
            "(the server's snapshot)", p.get("query_whole_registry"))
    row("passend in-process: `run_query`, the peers' rules only", p.get("query_peer_rules"))
    size = p.get("result_json_bytes")
    row(f"passend in-process: the result JSON{f' ({size / 1024:,.0f} KiB)' if size else ''}", p.get("result_json"))
    row("passend in-process: the registry read from SQLite", p.get("registry_read_sqlite"))
    row(f"`passend query --format json`, whole process{f' ({command_bytes / 1024:,.0f} KiB out)' if command_bytes else ''}",
        command, (command or {}).get("peak_rss_mib"))
    for c in connections:
        row(f"HTTP `POST /api/v1/query`, {c} connection{'s' if c != '1' else ''}: p50; CPU = the server's per answer",
            http.get(c), wall_key="p50_ms", cpu_key="server_cpu_ms_per_answer")
    if server:
        row(f"`passend serve`, {meta.get('offerings', 0):,} offerings: peak after {', '.join(connections)} connections",
            None, server["vmhwm_kib"] / 1024)
    for c in big_connections:
        row(f"HTTP, {meta.get('big_offerings', 0):,} offerings, {c} connection{'s' if c != '1' else ''}: p50; "
            f"server CPU per answer", big.get(c), wall_key="p50_ms", cpu_key="server_cpu_ms_per_answer")
    if big_server:
        row(f"`passend serve`, {meta.get('big_offerings', 0):,} offerings: peak after {', '.join(big_connections)} "
            f"connections", None, big_server["vmhwm_kib"] / 1024)
    w("")
    w("Zen and json-rules-engine evaluate facts that passend prepared; passend's rows include making them. The "
      "in-process rows are `benchmarks/national_facts` on the registry read once (the read itself is its own row); "
      "the whole process adds start-up, the rule set, the read, the audit record and printing; the HTTP rows are "
      "closed-loop latency with the client on the same cores. Peak memory: each engine's node process (maxRSS), "
      "the `national_facts` process (both rule sets, the read, the facts export), the command's peak RSS, the "
      "server's VmHWM.")
    w("")
    w(f"HTTP answers (`benchmarks/http_load`, closed loop, keep-alive, {meta.get('http_seconds')} s after a 3 s "
      f"warm-up per count, `passend serve` with its default workers; the client shares the cores):")
    w("")
    w("| registry | connections | requests/s | p50 | p90 | p99 | max | errors | server CPU per answer | server peak so far | Zen ÷ p50 |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    lines = [(meta.get("offerings"), c, http.get(c)) for c in connections]
    lines += [(meta.get("big_offerings"), c, big.get(c)) for c in big_connections]
    for size, c, h in lines:
        if not h:
            w(f"| {size:,} | {c} | not measured | | | | | | | | |")
            continue
        w(f"| {size:,} | {c} | {h['requests_per_s']:,.1f} | {ms(h['p50_ms'])} | {ms(h['p90_ms'])} | {ms(h['p99_ms'])} "
          f"| {ms(h['max_ms'])} | {h['errors']} of {h['requests']:,} | "
          f"{ms(h.get('server_cpu_ms_per_answer'))} | {mib(h['server_vmhwm_kib'] / 1024) if 'server_vmhwm_kib' in h else '—'} | "
          f"{ratio(ref_wall, h['p50_ms'])} |")
    w("")

    w("Goals (issue 17, 2 cores):")
    w("")
    q = (p.get("query_default_rules") or {}).get("wall_ms")
    q_whole = (p.get("query_whole_registry") or {}).get("wall_ms")
    if q is not None:
        worst = max(q, q_whole or 0)
        w(f"- in-process query ≤ {GOAL_IN_PROCESS_MS} ms median: {ms(q)} on the read of the case's care forms"
          + (f", {ms(q_whole)} on the whole registry in memory" if q_whole is not None else "")
          + f" — {verdict(worst <= GOAL_IN_PROCESS_MS)}")
    if command and ref_wall:
        r = ref_wall / command["wall_ms"]
        w(f"- `passend query` as a whole process ≥ {GOAL_COMMAND_RATIO}× faster than Zen's evaluation: {r:.1f}× "
          f"(wall; {ref_cpu / command['cpu_ms']:.1f}× in CPU) — {verdict(r >= GOAL_COMMAND_RATIO)}")
    first = http.get(connections[0]) if connections else None
    if first and ref_wall:
        r = ref_wall / first["p50_ms"]
        w(f"- the HTTP answer ≥ {GOAL_HTTP_RATIO}× faster than Zen's evaluation: {r:.1f}× (p50 at {connections[0]} "
          f"connection) — {verdict(r >= GOAL_HTTP_RATIO)}")
    h8 = http.get(str(GOAL_P99_CONNECTIONS))
    if h8:
        w(f"- p99 ≤ {GOAL_P99_MS} ms at {GOAL_P99_CONNECTIONS} connections: {ms(h8['p99_ms'])} — "
          f"{verdict(h8['p99_ms'] <= GOAL_P99_MS)}")
    measured = [h for h in list(http.values()) + list(big.values()) if h]
    if measured:
        errors = sum(h["errors"] for h in measured)
        others = sum(h.get("server_others", 0) for h in measured)
        w(f"- no errors: {errors} errors of {sum(h['requests'] for h in measured):,} requests, {others} non-200 "
          f"answers in the server log — {verdict(errors == 0 and others == 0)}")
    if big_server:
        per_count = [(c, big[c]["server_vmhwm_kib"]) for c in big_connections if big.get(c) and "server_vmhwm_kib" in big[c]]
        mb = big_server["vmhwm_kib"] * 1024 / 1e6  # MB = 10^6 bytes: the stricter reading
        w(f"- server memory with a {meta.get('big_offerings', 0):,}-offering registry ≤ {GOAL_SERVER_MB} MB: "
          f"VmHWM {mb:,.0f} MB ({big_server['vmhwm_kib'] / 1024:,.0f} MiB; {big_server['vmrss_kib'] / 1024:,.0f} MiB "
          f"resident at the end, {big_server['vmrss_after_start_kib'] / 1024:,.0f} MiB after start"
          + "".join(f"; peak {kib * 1024 / 1e6:,.0f} MB after {c} connection{'s' if c != '1' else ''}" for c, kib in per_count)
          + f") — {verdict(mb <= GOAL_SERVER_MB)}")
    if command and command.get("failed"):
        w(f"- **`passend query` failed in {command['failed']} of {command['runs']} runs: its figures are not valid**")
    if not meta.get("peers_ok", 1):
        w("- **the peers did not run or did not agree with passend: see the logs; their ratios are not valid**")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: national_report.py RESULTS_DIR CASE.json")
    main(sys.argv[1], sys.argv[2])
