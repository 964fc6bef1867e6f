"""floorcheck benchmarks — run by hand, not in the tests: ``python benchmarks/run.py [NAME ...]``.

Names: placement, access, cameras, reader, scaling, size (add ``--big`` for the ~100 MB plan).
Each prints a Markdown table; ``--write`` appends the tables to benchmarks/RESULTS.md with the
machine's description. Times are medians of ``--repeat`` runs (default 3), wall-clock seconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import floorcheck  # noqa: E402
from floorcheck.config import Config  # noqa: E402
from floorcheck.geometry.analysis import Analysis  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def table(title: str, header: list[str], rows: list[list[object]]) -> str:
    out = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def bench_placement(repeat: int) -> str:
    from synthetic import grid_hall

    plan = grid_hall(50, 40)
    t_graph, g = timed(lambda: Analysis(plan).graph, repeat)
    t_rules, report = timed(lambda: floorcheck.check(plan, config=Config(select=("FC4",))), repeat)
    rows = [
        [
            "adjacency graph (STRtree, vectorised contacts)",
            len(plan.zones),
            len(plan.doors),
            g.number_of_edges(),
            f"{t_graph:.2f}",
        ],
        [
            "graph + walking + FC401–FC410",
            len(plan.zones),
            len(plan.doors),
            len(report.findings),
            f"{t_rules:.2f}",
        ],
    ]
    return table(
        "Placement (issue 3): 2,000 zones, ~4,000 doors — target < 2 s",
        ["stage", "zones", "doors", "edges / findings", "s"],
        rows,
    )


def bench_access(repeat: int) -> str:
    from synthetic import open_hall

    plan = open_hall(3000, obstacles=1000, cameras=0, wall_segments=200)

    def run() -> object:
        return floorcheck.check(plan, config=Config(select=("FC501", "FC504", "FC505")))

    t, report = timed(run, repeat)
    routes = sum(1 for f in report.findings if f.rule == "FC505")
    rows = [
        [
            "walkable floor + disc check + routes to all public zones",
            3000,
            len(plan.obstacles),
            routes,
            f"{t:.2f}",
        ]
    ]
    return table(
        "Accessible routes (issue 4): 3,000 m², 1,000 obstacles — target < 3 s",
        ["stage", "m²", "obstacles", "routes", "s"],
        rows,
    )


def bench_cameras(repeat: int) -> str:
    from synthetic import open_hall

    plan = open_hall(3000, obstacles=0, cameras=60, wall_segments=2000)

    def views() -> object:
        return Analysis(plan).views.coverage

    t_views, _ = timed(views, repeat)
    t_rules, report = timed(lambda: floorcheck.check(plan, config=Config(select=("FC7",))), repeat)
    rows = [
        [
            "60 visibility polygons + union",
            len(plan.cameras),
            len(plan.walls),
            "-",
            f"{t_views:.2f}",
        ],
        ["FC701–FC704", len(plan.cameras), len(plan.walls), len(report.findings), f"{t_rules:.2f}"],
    ]
    return table(
        "Camera coverage (issue 7): 60 cameras, 3,000 m², 2,000 wall segments — target < 3 s",
        ["stage", "cameras", "wall segments", "findings", "s"],
        rows,
    )


def _child(code: str) -> tuple[float, float]:
    """Run ``code`` in a fresh interpreter; (seconds, peak RSS MiB) of that process alone."""
    # VmHWM (peak resident set of this address space) starts afresh at exec; getrusage's
    # ru_maxrss would carry the parent's peak over into the child.
    prog = (
        "import time, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "t = time.perf_counter()\n"
        f"{code}\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(time.perf_counter() - t, int(hwm) / 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=True)
    secs, mib = done.stdout.strip().splitlines()[-1].split()
    return float(secs), float(mib)


def _compare(path: Path, repeat: int) -> list[object]:
    ez = [_child(f"import ezdxf; ezdxf.readfile({str(path)!r})") for _ in range(repeat)]
    fc = [
        _child(f"import floorcheck; floorcheck.check({str(path)!r}, level='county')")
        for _ in range(repeat)
    ]
    t_ez, m_ez = statistics.median(x[0] for x in ez), statistics.median(x[1] for x in ez)
    t_fc, m_fc = statistics.median(x[0] for x in fc), statistics.median(x[1] for x in fc)
    return [
        f"{t_ez:.2f}",
        f"{t_fc:.2f}",
        f"{t_fc / t_ez:.2f}×",
        f"{m_ez:.0f}",
        f"{m_fc:.0f}",
        f"{m_fc / m_ez:.2f}×",
    ]


def bench_reader(repeat: int) -> str:
    rows = []
    for name in (
        "proxymix_udg_cucs_campus_site.dxf",
        "proxymix_standard_factory_plan.dxf",
        "cn_pump_house_3_t3_gbk.dxf",
    ):
        path = CORPUS / name
        if not path.exists():
            continue
        rows.append([name, f"{path.stat().st_size / 1e6:.1f}", *_compare(path, repeat)])
    return table(
        "Real drawings: read + recognise + check, against plain ezdxf.readfile (same run, fresh processes)",
        ["file", "MB", "ezdxf s", "floorcheck s", "ratio", "ezdxf MiB", "floorcheck MiB", "ratio"],
        rows,
    )


def make_big_dxf(path: Path, tiles: int, furniture_per_tile: int) -> None:
    """Tile the compliant county hall ``tiles`` times with furniture inserts, text and dimensions."""
    import random

    from samples.make_samples import county_ok, draw, new_document, shifted

    rnd = random.Random(3)
    doc = new_document()
    desk = doc.blocks.new("DESK")
    desk.add_lwpolyline([(0, 0), (1400, 0), (1400, 700), (0, 700)], close=True)
    desk.add_line((0, 0), (1400, 700))
    desk.add_circle((700, 1000), 250)
    msp = doc.modelspace()
    per_row = max(1, int(tiles**0.5))
    for k in range(tiles):
        dx, dy = (k % per_row) * 45.0, (k // per_row) * 35.0
        draw(doc, shifted(county_ok(), dx, dy))
        for _ in range(furniture_per_tile):
            x, y = dx + rnd.uniform(8, 30), dy + rnd.uniform(9, 17)
            msp.add_blockref(
                "DESK",
                (x * 1000, y * 1000),
                dxfattribs={"layer": "A-FURN", "rotation": rnd.choice((0, 90, 180, 270))},
            )
        for j in range(20):
            msp.add_text(
                f"note {k}-{j}", height=200, dxfattribs={"layer": "A-ANNO-TEXT"}
            ).set_placement(((dx + j) * 1000, (dy - 3) * 1000))
        msp.add_linear_dim(
            base=((dx) * 1000, (dy - 5) * 1000),
            p1=(dx * 1000, dy * 1000),
            p2=((dx + 40) * 1000, dy * 1000),
            dxfattribs={"layer": "A-DIMS"},
        ).render()
    doc.saveas(path)


def bench_size(repeat: int, big: bool) -> str:
    sizes = [("25 halls", 25, 150), ("100 halls", 100, 150)]
    if big:
        sizes.append(("500 halls", 500, 400))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, tiles, furniture in sizes:
            path = Path(tmp) / f"big_{tiles}.dxf"
            make_big_dxf(path, tiles, furniture)
            plan = floorcheck.load(path)
            rows.append(
                [
                    label,
                    f"{path.stat().st_size / 1e6:.1f}",
                    len(plan.zones),
                    tiles * furniture,
                    *_compare(path, repeat),
                ]
            )
    return table(
        "Size: tiled county halls, `floorcheck check` (no rendering) against plain ezdxf.readfile",
        [
            "plan",
            "MB",
            "zones",
            "furniture inserts",
            "ezdxf s",
            "floorcheck s",
            "ratio",
            "ezdxf MiB",
            "floorcheck MiB",
            "ratio",
        ],
        rows,
    )


def bench_scaling(repeat: int) -> str:
    from synthetic import grid_hall

    families = {
        "FC0": "drawing",
        "FC1": "area",
        "FC2": "windows",
        "FC3": "zones",
        "FC4": "placement",
        "FC5": "access",
        "FC6": "staff",
        "FC7": "cameras",
        "FC8": "signs",
    }
    sizes = [(40, 25), (50, 40), (80, 50), (100, 80)]  # 1k, 2k, 4k, 8k zones
    rows = []
    previous: dict[str, float] = {}
    for cols, rows_ in sizes:
        plan = grid_hall(cols, rows_, cameras=len_cameras(cols * rows_), obstacles=cols * 2)
        row: list[object] = [len(plan.zones)]
        for prefix in families:
            t, _ = timed(
                lambda prefix=prefix, plan=plan: floorcheck.check(
                    plan, config=Config(select=(prefix,))
                ),
                repeat,
            )
            ratio = f" ({t / previous[prefix]:.1f}×)" if prefix in previous else ""
            previous[prefix] = t
            row.append(f"{t:.2f}{ratio}")
        rows.append(row)
    return table(
        "Scaling: each rule family on grid plans of 1k–8k zones (seconds; ratio to the previous size)",
        ["zones", *families.values()],
        rows,
    )


def len_cameras(zones: int) -> int:
    """One camera per 40 zones: coverage work grows with the plan, as in a real hall."""
    return max(1, zones // 40)


def machine() -> str:
    return (
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; peak memory is VmHWM of a fresh process per run."
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "names", nargs="*", default=["placement", "access", "cameras", "reader", "scaling", "size"]
    )
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big", action="store_true", help="include the ~100 MB plan in 'size'")
    ap.add_argument(
        "--write", action="store_true", help="append the tables to benchmarks/RESULTS.md"
    )
    args = ap.parse_args()
    runs = {
        "placement": lambda: bench_placement(args.repeat),
        "access": lambda: bench_access(args.repeat),
        "cameras": lambda: bench_cameras(args.repeat),
        "reader": lambda: bench_reader(args.repeat),
        "scaling": lambda: bench_scaling(1),
        "size": lambda: bench_size(args.repeat, args.big),
    }
    out = [f"## Run of {time.strftime('%Y-%m-%d %H:%M')}", "", machine(), ""]
    for name in args.names:
        text = runs[name]()
        print(text, flush=True)
        out.append(text)
    if args.write:
        with open(HERE / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
