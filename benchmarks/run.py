"""floorcheck benchmarks — run by hand, not in the tests: ``python benchmarks/run.py [NAME ...]``.

Names: placement, access, cameras, suggest, reader, scaling, size, walled (the walled-room grid,
100 to 6,400 rooms), tiled (the tiled halls at five sizes); add ``--big`` for the ~100 MB plan.
Each prints a Markdown table; ``--write`` appends the tables to benchmarks/RESULTS.md with the
machine's description. Times are medians of ``--repeat`` runs (default 3), wall-clock seconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
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


def timed(
    fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = clock()
        result = fn()
        times.append(clock() - t)
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


def bench_suggest(repeat: int) -> str:
    """Camera suggestions (issue 16) on the camera-failing sample and on the largest camera
    benchmark (the open hall of ``bench_cameras``, whose 2,000 scattered wall pieces leave two
    thirds of it blind)."""
    from synthetic import open_hall

    from floorcheck.suggest import suggest_cameras

    rows = []
    plans = [
        ("county_bad_cameras.dxf (1,200 m², 34 wall pieces, 3 cameras)", None),
        ("open hall: 3,000 m², 2,000 wall segments, 60 cameras", open_hall(3000, 0, 60, 2000)),
    ]
    for name, plan in plans:
        if plan is None:
            plan = floorcheck.load(ROOT / "samples" / "county_bad_cameras.dxf")
        t, found = timed(lambda plan=plan: suggest_cameras(plan), repeat)
        rows.append(
            [
                name,
                f"{found.blind_before_m2:.0f}",
                found.candidates,
                len(found.cameras),
                f"{found.lower_bound} ({'optimal' if found.optimal else 'HiGHS bound'})",
                found.greedy_count,
                f"{found.blind_after_m2:.1f}",
                ", ".join(found.failing_after) or "pass",
                f"{t:.1f}",
            ]
        )
    return table(
        "Camera suggestions (issue 16): candidates, exact set cover, re-check",
        [
            "plan",
            "blind m² before",
            "candidates",
            "cameras proposed",
            "fewest possible ≥",
            "greedy",
            "blind m² after",
            "FC701–FC704 after",
            "s",
        ],
        rows,
    )


def _child(code: str) -> tuple[float, float, float]:
    """Run ``code`` in a fresh interpreter; (wall seconds, CPU seconds, peak RSS MiB) of that
    process alone. CPU time (user + system, from the child's own rusage) is what a busy VM
    disturbs least."""
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
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # children run one at a time
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    secs, mib = done.stdout.strip().splitlines()[-1].split()
    return float(secs), cpu, float(mib)


# the columns of _compare's row
_VERSUS = [
    "ezdxf s",
    "floorcheck s",
    "ratio",
    "ezdxf CPU s",
    "floorcheck CPU s",
    "CPU ratio",
    "ezdxf MiB",
    "floorcheck MiB",
    "ratio",
]


def _compare(path: Path, repeat: int, mapping: Path | None = None) -> list[object]:
    """ezdxf.readfile against floorcheck.check on ``path``, each in fresh processes, the two
    alternating (ezdxf, floorcheck, ezdxf, …) so that a noisy minute hits both alike; medians
    of wall time, CPU time and peak memory."""
    m = f"mapping={str(mapping)!r}" if mapping else "mapping=None"
    code = (
        "import floorcheck; from floorcheck.config import Config\n"
        "from floorcheck._gc import gc_paused\n"
        f"c = Config({m})\n"
        "with gc_paused():  # as the CLI runs; every floor plan of the sheet\n"
        f"    [floorcheck.check(p, level='county', config=c) "
        f"for p in floorcheck.load_plans({str(path)!r}, config=c)]"
    )
    ez, fc = [], []
    for _ in range(repeat):
        ez.append(_child(f"import ezdxf; ezdxf.readfile({str(path)!r})"))
        fc.append(_child(code))
    return _versus_row(ez, fc)


# floorcheck as the Python API runs by default: the garbage collector running
_CHECK_GC = "import floorcheck\nfloorcheck.check({path!r}, level='county')"
# floorcheck as the CLI runs it: the cyclic garbage collector paused while it reads and checks
_CHECK = (
    "import floorcheck\nfrom floorcheck._gc import gc_paused\n"
    "with gc_paused():\n    floorcheck.check({path!r}, level='county')"
)


# Corpus files, largest first; the last two with the mapping that makes floorcheck close their
# rooms from the walls (the rooms are named, but not with the guide's zone names).
READER_FILES = [
    ("proxymix_udg_cucs_campus_site.dxf", None),
    ("proxymix_standard_factory_plan.dxf", None),
    ("cn_pump_house_3_t3_gbk.dxf", '[labels]\nwaiting = ["消防水泵房", "生活和冷却水补水泵房"]\n'),
    (
        "cn_office_electrical_plan_utf8.dxf",
        '[layers]\nwalls = ["WINDOW"]\n[labels]\nback_office = ["弱电间", "配电间"]\n',
    ),
]


def bench_reader(repeat: int) -> str:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, mapping_text in READER_FILES:
            path = CORPUS / name
            if not path.exists():
                continue
            mapping = None
            if mapping_text:
                mapping = Path(tmp) / f"{path.stem}.toml"
                mapping.write_text(mapping_text, encoding="utf-8")
            rooms = len(
                [
                    z
                    for plan in floorcheck.load_plans(path, config=Config(mapping=mapping))
                    for z in plan.zones
                    if z.layer.endswith("(walls)")
                ]
            )
            rows.append(
                [
                    name,
                    f"{path.stat().st_size / 1e6:.1f}",
                    *_compare(path, repeat, mapping),
                    f"{_load_seconds(path, repeat, mapping):.2f}",
                    rooms,
                ]
            )
    return table(
        "Real drawings: read + recognise + check, against plain ezdxf.readfile (same run, fresh processes)",
        [
            "file",
            "MB",
            *_VERSUS,
            "read + rooms s",
            "rooms closed from walls",
        ],
        rows,
    )


def _load_seconds(path: Path, repeat: int, mapping: Path | None = None) -> float:
    """Read + recognition + rooms from walls only (``floorcheck.load_plans``: every floor plan
    of the sheet), in a fresh process."""
    m = repr(str(mapping)) if mapping else "None"
    return statistics.median(
        _child(
            "import floorcheck; from floorcheck.config import Config; "
            f"floorcheck.load_plans({str(path)!r}, config=Config(mapping={m}))"
        )[0]
        for _ in range(repeat)
    )


def make_big_dxf(
    path: Path, tiles: int, furniture: int = 800, detail: int = 1000
) -> dict[str, int]:
    """A large service centre: the compliant county hall tiled ``tiles`` times (20 zones, 14
    doors, 10 windows, 14 cameras each), every zone also filled with a solid HATCH, ``furniture``
    desk INSERTs and ``detail`` lines of finishes linework per hall (a layer floorcheck does not
    read), 20 notes and 2 dimensions per hall. Returns what was drawn."""
    import random

    from samples.make_samples import county_ok, draw, new_document, shifted

    rnd = random.Random(3)
    doc = new_document()
    doc.layers.add("A-FLOR-PATT", color=9)
    desk = doc.blocks.new("DESK")
    desk.add_lwpolyline([(0, 0), (1400, 0), (1400, 700), (0, 700)], close=True)
    desk.add_line((0, 0), (1400, 700))
    desk.add_circle((700, 1000), 250)
    msp = doc.modelspace()
    per_row = max(1, int(tiles**0.5))
    hall = county_ok()
    for k in range(tiles):
        # 1 m apart: one centre (halls further apart than a few metres are separate floor
        # plans of the sheet, each checked on its own)
        dx, dy = (k % per_row) * 41.0, (k // per_row) * 31.0
        tile = shifted(hall, dx, dy)
        draw(doc, tile)
        for _, (x0, y0, x1, y1) in tile.zones:
            h = msp.add_hatch(color=254, dxfattribs={"layer": "A-AREA-PATT"})
            h.paths.add_polyline_path(
                [
                    (x0 * 1000, y0 * 1000),
                    (x1 * 1000, y0 * 1000),
                    (x1 * 1000, y1 * 1000),
                    (x0 * 1000, y1 * 1000),
                ],
                is_closed=True,
            )
        for _ in range(furniture):
            x, y = dx + rnd.uniform(8, 30), dy + rnd.uniform(9, 17)
            msp.add_blockref(
                "DESK",
                (x * 1000, y * 1000),
                dxfattribs={"layer": "A-FURN", "rotation": rnd.choice((0, 90, 180, 270))},
            )
        for _ in range(detail):
            x, y = dx + rnd.uniform(0, 40), dy + rnd.uniform(0, 30)
            msp.add_line(
                (x * 1000, y * 1000),
                ((x + rnd.uniform(-1, 1)) * 1000, (y + rnd.uniform(-1, 1)) * 1000),
                dxfattribs={"layer": "A-FLOR-PATT"},
            )
        for j in range(20):
            msp.add_text(
                f"note {k}-{j}", height=200, dxfattribs={"layer": "A-ANNO-TEXT"}
            ).set_placement(((dx + j) * 1000, (dy - 3) * 1000))
        for off in (5, 7):
            msp.add_linear_dim(
                base=(dx * 1000, (dy - off) * 1000),
                p1=(dx * 1000, dy * 1000),
                p2=((dx + 40) * 1000, dy * 1000),
                dxfattribs={"layer": "A-DIMS"},
            ).render()
    doc.saveas(path)
    return {
        "zones": tiles * len(hall.zones),
        "doors": tiles * len(hall.doors),
        "furniture": tiles * furniture,
        "entities": len(msp),
    }


_STAGES = """
import json, time, types, floorcheck
import floorcheck.engine
from floorcheck._gc import gc_paused
from floorcheck.render import render_png
clock = time.process_time if {cpu!r} else time.perf_counter
if {cpu!r}:  # Report.timings in CPU seconds: the engine's clock pointed at process_time
    floorcheck.engine.time = types.SimpleNamespace(perf_counter=time.process_time)
with gc_paused():  # as the CLI runs
    t = clock(); plan = floorcheck.load({path!r}); t_read = clock() - t
    t = clock(); report = floorcheck.check(plan, level="county"); t_check = clock() - t
fam = {{}}
for code, sec in report.timings.items():
    key = code[:3] if code.startswith("FC") else code
    fam[key] = fam.get(key, 0.0) + sec
t_render = 0.0
if {render!r}:
    t = time.perf_counter(); render_png(report, {png!r}, dpi=100); t_render = time.perf_counter() - t
print(json.dumps(dict(read=t_read, check=t_check, render=t_render, families=fam,
                      zones=len(plan.zones), findings=len(report.findings))))
"""


def _stages(path: Path, render: bool = True, cpu: bool = False) -> dict:
    """Read, check and (``render``) draw ``path`` in a fresh process; seconds of each stage and
    of each rule family, wall-clock or (``cpu``) CPU time."""
    prog = (
        "import sys\n"
        + f"sys.path.insert(0, {str(ROOT)!r})\n"
        + _STAGES.format(path=str(path), png=str(path.with_suffix(".png")), render=render, cpu=cpu)
    )
    done = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=True)
    import json

    return json.loads(done.stdout.strip().splitlines()[-1])


# A time under this (CPU s) is too small to fit a growth to: a median of three still wavers by a
# tenth of a millisecond there.
_MEASURABLE_S = 0.001


def exponent(sizes: list[float], seconds: list[float]) -> float | None:
    """Least-squares slope of log(seconds) over log(size): t ∝ size^exponent. None when a time
    is too small to measure (under 1 ms of CPU, where a median of three still wavers by a
    tenth of a millisecond) at any size: the families that do next to nothing.

    >>> round(exponent([1, 2, 4, 8], [0.1, 0.2, 0.4, 0.8]), 2)
    1.0
    """
    import math

    if min(seconds) < _MEASURABLE_S:
        return None
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mx) ** 2 for x in xs)
    return num / den


def growth(sizes: list[float], seconds: list[float]) -> str:
    """The exponent of a stage over the sizes at which it takes a measurable time: over all
    sizes when it does at every size; over the larger ones, saying how many, when it takes under
    a millisecond at the smaller; — when fewer than three sizes are left (a family that does
    next to nothing).

    >>> growth([1, 2, 4, 8], [0.1, 0.2, 0.4, 0.8]), growth([1, 2, 4, 8], [0.0002, 0.002, 0.004, 0.008])
    ('1.00', '1.00 (3 sizes)')
    """
    kept = [(n, t) for n, t in zip(sizes, seconds, strict=True) if t >= _MEASURABLE_S]
    if len(kept) < 3:
        return "—"
    e = exponent([n for n, _ in kept], [t for _, t in kept])
    assert e is not None
    return f"{e:.2f}" if len(kept) == len(sizes) else f"{e:.2f} ({len(kept)} sizes)"


FAMILY_NAMES = {
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


def _versus_row(ez: list[tuple[float, float, float]], fc: list[tuple[float, float, float]]):
    t_ez, c_ez, m_ez = (statistics.median(x[k] for x in ez) for k in range(3))
    t_fc, c_fc, m_fc = (statistics.median(x[k] for x in fc) for k in range(3))
    return [
        f"{t_ez:.2f}",
        f"{t_fc:.2f}",
        f"{t_fc / t_ez:.2f}×",
        f"{c_ez:.2f}",
        f"{c_fc:.2f}",
        f"{c_fc / c_ez:.2f}×",
        f"{m_ez:.0f}",
        f"{m_fc:.0f}",
        f"{m_fc / m_ez:.2f}×",
    ]


def bench_shape(
    title: str,
    note: str,
    sizes: list[tuple[str, int]],
    make: Callable[[Path, int], dict[str, int]],
    repeat: int,
) -> str:
    """One plan shape at several sizes: check against ezdxf.readfile, then where the time goes
    (read, each rule family, in CPU seconds) with the exponent of each stage's growth in the
    number of zones over all sizes. Every round runs every size (ezdxf, floorcheck, stages), so
    that a busy minute of the VM falls on all sizes alike, not on the largest."""
    with tempfile.TemporaryDirectory() as tmp:
        paths, drawn = [], []
        for _, n in sizes:
            paths.append(Path(tmp) / f"plan_{n}.dxf")
            drawn.append(make(paths[-1], n))
        ez: list[list] = [[] for _ in sizes]
        fc: list[list] = [[] for _ in sizes]
        api: list[list] = [[] for _ in sizes]
        st: list[list] = [[] for _ in sizes]
        for r in range(repeat):
            for k, path in enumerate(paths):
                ez[k].append(_child(f"import ezdxf; ezdxf.readfile({str(path)!r})"))
                fc[k].append(_child(_CHECK.format(path=str(path))))
                api[k].append(_child(_CHECK_GC.format(path=str(path))))
                st[k].append(_stages(path, render=False, cpu=True))
                print(f"round {r + 1}: {sizes[k][0]}", ez[k][-1], fc[k][-1], api[k][-1], flush=True)
        mb = [p.stat().st_size / 1e6 for p in paths]
    rows, gc_rows, stage_rows, zones, series = [], [], [], [], {}
    keys = ["read", "repair", *FAMILY_NAMES, "rules"]
    for k, (label, _) in enumerate(sizes):
        runs = st[k]

        def med(key: str, runs=runs) -> float:
            if key in ("read", "check"):
                return statistics.median(x[key] for x in runs)
            return statistics.median(x["families"].get(key, 0.0) for x in runs)

        stage = {key: med("check" if key == "rules" else key) for key in keys}
        for key in keys:
            series.setdefault(key, []).append(stage[key])
        zones.append(runs[0]["zones"])
        rows.append(
            [
                label,
                f"{mb[k]:.1f}",
                f"{drawn[k]['entities']:,}",
                f"{runs[0]['zones']:,}",
                f"{runs[0]['findings']:,}",
                *_versus_row(ez[k], fc[k]),
                f"{stage['read']:.2f}",
                f"{stage['rules']:.2f}",
            ]
        )
        gc_rows.append([label, *_versus_row(ez[k], api[k])[1:]])
        stage_rows.append([label, *(f"{stage[key]:.3f}" for key in keys)])
    stage_rows.append(["**exponent**", *(growth(zones, series[key]) for key in keys)])
    return (
        f"{note}\n\n"
        + table(
            f"{title}: `floorcheck.check(path)` end to end, the garbage collector paused as the "
            f"CLI runs, against plain ezdxf.readfile (fresh processes, alternating, medians of "
            f"{repeat})",
            [
                "plan",
                "MB",
                "entities",
                "zones",
                "findings",
                *_VERSUS,
                "of which read CPU s",
                "rules CPU s",
            ],
            rows,
        )
        + "\n"
        + table(
            f"{title}: the same with the garbage collector running (the Python API's default; "
            "the CLI pauses it), measured in the same rounds",
            ["plan", *_VERSUS[1:]],
            gc_rows,
        )
        + "\n"
        + table(
            f"{title}: where the time goes (CPU s, medians of {repeat}; read + recognise, then "
            "each rule family from `Report.timings`, then all rules); exponent = slope of "
            "log(time) over log(zones) over all sizes, or over the larger sizes (how many said) where a "
            "stage takes under 1 ms at the smaller; — where fewer than three sizes are left",
            ["plan", "read", "repair", *(f"{k}xx {v}" for k, v in FAMILY_NAMES.items()), "rules"],
            stage_rows,
        )
    )


WALLED_SIZES = [
    ("100 rooms", 10),
    ("400 rooms", 20),
    ("1,600 rooms", 40),
    ("3,136 rooms", 56),
    ("6,400 rooms", 80),
]


def bench_walled(repeat: int) -> str:
    from synthetic import walled_rooms_dxf

    return bench_shape(
        "Walled-room grid",
        "The walled-room grid (`synthetic.walled_rooms_dxf`): rooms of 6 m × 5 m, each closed by "
        "its own wall ring open at one door, the rooms back to back in pairs of rows with "
        "corridors between them that no zone covers; 4–10 desks, a hatch, a name and two "
        "dimensions per room, counters, terminals, seat rows, a PTZ camera in every fourth room; "
        "the entrance hall under a quarter of the first row. Almost no room is reachable from "
        "the main entrance, so FC501 reports nearly every public room.",
        WALLED_SIZES,
        lambda path, side: walled_rooms_dxf(path, side),
        repeat,
    )


TILED_SIZES = [
    ("6 halls", 6),
    ("12 halls", 12),
    ("25 halls", 25),
    ("50 halls", 50),
    ("100 halls", 100),
]


def bench_tiled(repeat: int, big: bool) -> str:
    sizes = TILED_SIZES + ([("250 halls", 250)] if big else [])
    return bench_shape(
        "Tiled halls",
        "The tiled halls (`make_big_dxf`): the compliant county hall tiled 6 to 100 times (250 "
        "with `--big`), each hall with 20 zones (every one also a solid HATCH), 14 doors, 800 "
        "desk INSERTs, 1,000 lines of floor pattern, 20 notes and 2 dimensions.",
        sizes,
        lambda path, tiles: make_big_dxf(path, tiles),
        repeat,
    )


SIZES = [("5 MB", 12), ("20 MB", 50), ("100 MB", 250)]


def bench_size(repeat: int, big: bool) -> str:
    sizes = SIZES if big else SIZES[:2]
    rows, stage_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for label, tiles in sizes:
            path = Path(tmp) / f"centre_{tiles}.dxf"
            drawn = make_big_dxf(path, tiles)
            reps = repeat
            rows.append(
                [
                    label,
                    f"{path.stat().st_size / 1e6:.1f}",
                    f"{drawn['entities']:,}",
                    f"{drawn['zones']:,}",
                    f"{drawn['furniture']:,}",
                    *_compare(path, reps),
                ]
            )
            st = _stages(path)
            fam = st["families"]
            stage_rows.append(
                [
                    label,
                    f"{st['read']:.1f}",
                    f"{fam.get('repair', 0):.1f}",
                    *(f"{fam.get(f'FC{i}', 0):.1f}" for i in range(9)),
                    f"{st['check']:.1f}",
                    f"{st['render']:.1f}",
                ]
            )
            print(rows[-1], stage_rows[-1], flush=True)
    return (
        table(
            "Size: a large service centre, `floorcheck.check(path)` end to end (no rendering) against "
            "plain ezdxf.readfile, fresh processes",
            [
                "plan",
                "MB",
                "entities",
                "zones",
                "furniture inserts",
                *_VERSUS,
            ],
            rows,
        )
        + "\n"
        + table(
            "Size: where the time goes (s): read + recognise, then each rule family, then the PNG",
            ["plan", "read", "repair", *(f"FC{i}xx" for i in range(9)), "all rules", "render PNG"],
            stage_rows,
        )
    )


def bench_scaling(repeat: int) -> str:
    from synthetic import grid_hall

    families = FAMILY_NAMES
    sizes = [(40, 25), (50, 40), (80, 50), (100, 80)]  # 1k, 2k, 4k, 8k zones
    rows = []
    previous: dict[str, float] = {}
    for cols, rows_ in sizes:
        plan = grid_hall(cols, rows_, cameras=len_cameras(cols * rows_), obstacles=cols * 2)
        row: list[object] = [len(plan.zones)]
        for prefix in families:
            # CPU time of this process: the question is how the work grows, and on a shared
            # VM wall-clock time of sub-second runs jumps by a quarter from minute to minute
            t, _ = timed(
                lambda prefix=prefix, plan=plan: floorcheck.check(
                    plan, config=Config(select=(prefix,))
                ),
                repeat,
                time.process_time,
            )
            ratio = f" ({t / previous[prefix]:.1f}×)" if prefix in previous else ""
            previous[prefix] = t
            row.append(f"{t:.2f}{ratio}")
        rows.append(row)
    return table(
        "Scaling: each rule family on grid plans of 1k–8k zones (CPU seconds, median of the "
        "repeats; ratio to the previous size)",
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
        "names",
        nargs="*",
        default=["placement", "access", "cameras", "reader", "scaling", "walled", "tiled"],
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
        "suggest": lambda: bench_suggest(args.repeat),
        "reader": lambda: bench_reader(args.repeat),
        "scaling": lambda: bench_scaling(args.repeat),
        "size": lambda: bench_size(args.repeat, args.big),
        "walled": lambda: bench_walled(args.repeat),
        "tiled": lambda: bench_tiled(args.repeat, args.big),
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
