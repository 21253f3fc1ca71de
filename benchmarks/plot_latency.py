#!/usr/bin/env python3
"""Query latency against network size as a plain SVG (no plotting library needed).

    python3 benchmarks/plot_latency.py RESULTS.json [RESULTS.json ...] [--cli-ms OFFERINGS=MS ...]
                                       [--out docs/query-latency.svg]

RESULTS.json are Google Benchmark outputs of query_benchmark (--benchmark_out_format=json, with
--benchmark_repetitions: the median aggregates are used). --time picks CPU time (default: on a
shared machine the steadier figure) or real (wall-clock) time. --cli-ms adds measured `passend
query` end-to-end figures (hyperfine; give the same kind of time). The goals are marked.
"""
import argparse
import json
import math
import re

SERIES = {  # benchmark name -> (label, colour)
    "BM_Query_Lua": ("run_query, Lua rules (default set)", "#1f6fb4"),
    "BM_Query_Native": ("run_query, native C++ baseline", "#2ca02c"),
    "BM_Service_ReadAndQuery": ("SQLite read + run_query", "#9467bd"),
    "CLI": ("passend query, whole command", "#d62728"),
}
GOALS = [(5.0, "goal: in-process query ≤ 5 ms at 20,000"), (100.0, "goal: CLI end to end ≤ 100 ms at 20,000")]
W, H, LEFT, RIGHT, TOP, BOTTOM = 880, 460, 70, 320, 30, 60


def to_ms(value, unit):
    return value * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[unit]


def read_points(files, field):
    points = {}
    for name in files:
        with open(name, encoding="utf-8") as f:
            doc = json.load(f)
        runs = doc["benchmarks"]
        medians = [b for b in runs if b.get("aggregate_name") == "median"]
        for b in medians or [b for b in runs if b.get("run_type", "iteration") == "iteration"]:
            m = re.match(r"(BM_\w+?)(?:/(\d+))?(?:/|$)", b["run_name"])
            if not m or m.group(1) not in SERIES:
                continue
            offerings = int(m.group(2)) if m.group(2) else 20000
            points.setdefault(m.group(1), {})[offerings] = to_ms(b[field], b["time_unit"])
    return points


def scale(lo, hi, a, b, log=True):
    f = (lambda v: math.log10(v)) if log else (lambda v: v)
    return lambda v: a + (f(v) - f(lo)) / (f(hi) - f(lo)) * (b - a)


def svg(points, time_label):
    xs = sorted({x for s in points.values() for x in s} | {1000, 100000})
    ys = [y for s in points.values() for y in s.values()] + [g for g, _ in GOALS]
    x_lo, x_hi = min(xs) / 1.6, max(xs) * 1.6
    y_lo, y_hi = 10 ** math.floor(math.log10(min(ys))), 10 ** math.ceil(math.log10(max(ys)))
    sx = scale(x_lo, x_hi, LEFT, W - RIGHT)
    sy = scale(y_lo, y_hi, H - BOTTOM, TOP)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{LEFT}" y="18" font-size="14">passend query latency against network size '
           f'(median {time_label}, 2 cores)</text>']
    for e in range(int(math.log10(y_lo)), int(math.log10(y_hi)) + 1):
        y = sy(10 ** e)
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} ms</text>')
    for x in xs:
        out.append(f'<line x1="{sx(x):.1f}" x2="{sx(x):.1f}" y1="{TOP}" y2="{H - BOTTOM}" stroke="#eee"/>')
        out.append(f'<text x="{sx(x):.1f}" y="{H - BOTTOM + 16}" text-anchor="middle">{x:,}</text>')
    out.append(f'<text x="{(LEFT + W - RIGHT) / 2}" y="{H - 18}" text-anchor="middle">offerings in the registry '
               '(generated, seed 20261126)</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{W - RIGHT - LEFT}" height="{H - BOTTOM - TOP}" fill="none" stroke="#888"/>')
    for goal, label in GOALS:
        y = sy(goal)
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e67e22" stroke-dasharray="6 4"/>')
        out.append(f'<circle cx="{sx(20000):.1f}" cy="{y:.1f}" r="4" fill="none" stroke="#e67e22" stroke-width="2"/>')
        out.append(f'<text x="{W - RIGHT + 8}" y="{y + 4:.1f}" fill="#b35900">{label}</text>')
    legend_y = TOP + 250
    for name, (label, colour) in SERIES.items():
        s = points.get(name)
        if not s:
            continue
        coords = [(sx(x), sy(y)) for x, y in sorted(s.items())]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), (n, ms) in zip(coords, sorted(s.items())):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>{label}: {n:,} offerings, '
                       f'{ms:.2f} ms</title></circle>')
        out.append(f'<rect x="{W - RIGHT + 8}" y="{legend_y - 9}" width="12" height="3" fill="{colour}"/>')
        out.append(f'<text x="{W - RIGHT + 26}" y="{legend_y - 4}">{label}</text>')
        legend_y += 20
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("results", nargs="+")
    p.add_argument("--cli-ms", action="append", default=[], metavar="OFFERINGS=MS")
    p.add_argument("--out", default="docs/query-latency.svg")
    p.add_argument("--time", choices=["cpu", "real"], default="cpu")
    a = p.parse_args()
    points = read_points(a.results, "cpu_time" if a.time == "cpu" else "real_time")
    for item in a.cli_ms:
        n, ms = item.split("=")
        points.setdefault("CLI", {})[int(n)] = float(ms)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(svg(points, "CPU time" if a.time == "cpu" else "wall-clock time"))


if __name__ == "__main__":
    main()
