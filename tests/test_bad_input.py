"""Bad and hostile input never crashes floorcheck, never hangs it, never loses data silently.

Every case of the bad-file corpus (tests/data/make_bad.py) runs through the real entry point,
``python -m floorcheck check``, in a fresh process held to a memory cap (``RLIMIT_AS``) and a
time limit: either exit status 2 with one clear line naming the file, or a report whose drawing
findings are exactly the expected ones (and say what the reader had to change or leave out),
with nothing else on stderr. Never a traceback, never a changed input file. A regression that
expands a block array before counting it, or overlays a million-vertex outline, fails here
instead of taking the machine's memory or an hour of CI.

The guards are also tested where they stand: each is checked *before* the work it guards.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
from make_bad import CASES, ansi_escaped_names, minsert

import floorcheck
from floorcheck.dxf import ReadLimits
from floorcheck.errors import BudgetExceeded

_ARGS = ["--format", "json", "--level", "county"]
# Address space a case may use (the largest case peaks at ~650 MB; the blow-ups this guards
# against took 4 to 11.5 GB) and wall-clock time (the slowest case takes ~5 s on the CI VM).
MEMORY_CAP = 1536 * 1024 * 1024
CASE_SECONDS = 150


def _capped() -> None:  # runs in the child before floorcheck starts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m floorcheck ARGS`` under the memory cap and the time limit."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, "-m", "floorcheck", *args],
        capture_output=True,
        text=True,
        timeout=CASE_SECONDS - 30,
        preexec_fn=_capped,
        env=env,
    )


def _strict_json(text: str) -> dict:
    def no_constant(name: str) -> None:
        raise ValueError(f"{name} in JSON")

    return json.loads(text, parse_constant=no_constant)


def _expect(name: str, returncode: int, stdout: str, stderr: str) -> None:
    expect = CASES[name][1]
    assert "Traceback" not in stderr and "Traceback" not in stdout, stderr[-2000:]
    if expect.kind == "exit2":
        lines = [ln for ln in stderr.splitlines() if ln.strip()]
        assert returncode == 2, (stdout[-500:], stderr[-500:])
        assert len(lines) == 1 and name in lines[0] and str(expect.what) in lines[0], lines
        assert stdout == ""
        return
    assert returncode in (0, 1), stderr[-2000:]
    assert stderr == "", stderr[-2000:]  # nothing but the report: ezdxf's log lines neither
    report = _strict_json(stdout)
    drawing = [f for f in report["findings"] if f["rule"].startswith("FC0")]
    assert {f["rule"] for f in drawing} == expect.what, [f["message"] for f in drawing]
    said = " | ".join(f["message"] for f in drawing)
    for words in expect.says:
        assert words in said, said


@pytest.mark.timeout(CASE_SECONDS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_outcome(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(CASES[name][0]())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    done = run_capped("check", str(path), *_ARGS)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    _expect(name, done.returncode, done.stdout, done.stderr)


# -- what the reader must read as the drawing means it ---------------------------------------


def _contents(plan: floorcheck.Plan) -> dict[str, object]:
    return {
        "zones": sorted((z.type, z.name, round(z.area_m2, 2)) for z in plan.zones),
        "cameras": sorted((c.kind, c.position) for c in plan.cameras),
        "windows": sorted((w.kind, w.position) for w in plan.windows),
        "doors": sorted((d.position, round(d.width_m, 2)) for d in plan.doors),
        "terminals": sorted(t.position for t in plan.terminals),
        "signs": sorted((s.kind, s.position) for s in plan.signs),
        "seats": sum(s.count for s in plan.seats),
    }


def test_escaped_block_and_layer_names_read_like_the_original(tmp_path: Path) -> None:
    """An R2000 save with an ANSI code page writes 球机 as \\U+7403\\U+673A in block names:
    PTZ cameras came out fixed, and terminals, signs and 40 seats were lost."""
    path = tmp_path / "county_r2000_ansi.dxf"
    path.write_bytes(ansi_escaped_names())
    assert b"\\U+7403\\U+673" in path.read_bytes()  # the escapes really are in the names
    original = floorcheck.load(SAMPLES / "county_ok.dxf")
    escaped = floorcheck.load(path)
    assert _contents(escaped) == _contents(original)
    assert sum(c.kind == "ptz" for c in escaped.cameras) > 0


def test_cr_line_ends_read_like_lf(tmp_path: Path) -> None:
    path = tmp_path / "cr.dxf"
    path.write_bytes(CASES["cr_line_ends.dxf"][0]())
    assert b"\n" not in path.read_bytes()
    assert _contents(floorcheck.load(path)) == _contents(
        floorcheck.load(SAMPLES / "village_ok.dxf")
    )


def test_gbk_text_in_an_r2018_file_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "gbk2018.dxf"
    path.write_bytes(CASES["gbk_in_r2018.dxf"][0]())
    plan = floorcheck.load(path)
    assert [(z.type, z.name) for z in plan.zones] == [("waiting", "休息等候区")]
    notes = [d for d in plan.diagnostics if d.code == "FC009"]
    assert len(notes) == 1 and "GBK" in notes[0].message and "GBK" in notes[0].message_zh


def test_nan_coordinates_are_said_not_dropped_silently(tmp_path: Path) -> None:
    path = tmp_path / "nan.dxf"
    path.write_bytes(CASES["nan_inf_1e300.dxf"][0]())
    plan = floorcheck.load(path)
    (note,) = [d for d in plan.diagnostics if "NaN" in d.message]
    assert note.code == "FC009" and note.message.startswith("3 entities")  # line, zone, text
    assert all(math.isfinite(v) for z in plan.zones for v in z.geometry.bounds)


# -- precision: a plan far from its drawing's origin --------------------------------------------


def _moved(source: Path, target: Path, by_mm: float) -> None:
    import ezdxf
    from ezdxf.math import Matrix44

    doc = ezdxf.readfile(source)
    move = Matrix44.translate(by_mm, by_mm, 0)
    for e in doc.modelspace():
        e.transform(move)
    doc.saveas(target)


def _rules(report: floorcheck.Report) -> list[tuple[str, tuple[str, ...], float | None]]:
    return sorted((f.rule, f.zones, f.measured) for f in report.findings)


def test_a_plan_moved_by_1e15_mm_checks_like_the_original(tmp_path: Path) -> None:
    """county_ok moved by 1e15 mm gave 20 false FC002 and 20 false FC004. Checked relative to a
    local origin, it gives the original's findings; every output is in the drawing's frame."""
    moved_path = tmp_path / "county_far.dxf"
    _moved(SAMPLES / "county_ok.dxf", moved_path, 1e15)
    original = floorcheck.check(floorcheck.load(SAMPLES / "county_ok.dxf"))
    moved_plan = floorcheck.load(moved_path)
    moved = floorcheck.check(moved_plan)
    assert moved_plan.origin == (1e12, 1e12)
    assert _rules(moved) == _rules(original)

    far, near = json.loads(moved.to_json()), json.loads(original.to_json())
    for key, point in (("zones", "centroid"), ("doors", "position"), ("cameras", "position")):
        assert np.allclose(
            np.array([item[point] for item in far[key]]) - 1e12,
            np.array([item[point] for item in near[key]]),
            atol=1e-3,
        ), key
    pairs = list(zip(far["findings"], near["findings"], strict=True))
    located = [(a["location"], b["location"]) for a, b in pairs if b["location"] is not None]
    assert located and np.allclose(
        np.array([a for a, _ in located]) - 1e12, np.array([b for _, b in located]), atol=1e-3
    )


def test_the_annotated_copy_of_a_far_plan_marks_the_drawing_where_the_findings_are(
    tmp_path: Path,
) -> None:
    import ezdxf

    from floorcheck.report.annotated_dxf import write_annotated_dxf

    moved_path = tmp_path / "county_far.dxf"
    _moved(SAMPLES / "county_ok.dxf", moved_path, 1e15)
    report = floorcheck.check(floorcheck.load(moved_path))
    near = floorcheck.check(floorcheck.load(SAMPLES / "county_ok.dxf"))
    out = {}
    for name, rep, source in (
        ("far", report, moved_path),
        ("near", near, SAMPLES / "county_ok.dxf"),
    ):
        target = tmp_path / f"{name}-annotated.dxf"
        write_annotated_dxf(rep, source, target)
        doc = ezdxf.readfile(target)
        out[name] = sorted(
            (round(x, 1), round(y, 1))
            for e in doc.modelspace().query("LWPOLYLINE")
            if e.dxf.layer.startswith("FLOORCHECK")
            for x, y in e.get_points("xy")
        )
    assert out["far"] and len(out["far"]) == len(out["near"])
    assert np.allclose(np.array(out["far"]) - 1e15, np.array(out["near"]), atol=1.0)  # 1 mm


# -- guards are checked before the work they guard -------------------------------------------


def _minsert_walker(rows: int, cols: int, limits: ReadLimits):
    """A walker over a drawing whose modelspace is one MINSERT of a door block."""
    from floorcheck.dxf.mapping import Mapping
    from floorcheck.dxf.tags import parse
    from floorcheck.dxf.walker import Walker

    src = parse(minsert("door", rows, cols)(), "utf-8")
    return Walker(src, Mapping(), limits), src.entities


def test_a_block_array_is_counted_before_a_copy_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    from floorcheck.dxf.walker import Walker

    made: list[int] = []
    real = Walker._thing
    monkeypatch.setattr(Walker, "_thing", lambda self, *a: made.append(1) or real(self, *a))
    walker, records = _minsert_walker(1000, 1000, ReadLimits())
    with pytest.raises(BudgetExceeded, match="in an array of 1,000 × 1,000"):
        walker.walk(records)
    assert made == []  # refused before the first copy
    walker, records = _minsert_walker(20, 1000, ReadLimits())
    walker.walk(records)
    assert len(made) == 20_000


def test_a_nested_block_array_is_counted_before_it_is_expanded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from floorcheck.dxf.collected import Collected
    from floorcheck.dxf.mapping import Mapping
    from floorcheck.dxf.tags import parse
    from floorcheck.dxf.walker import Walker

    added: list[int] = []
    real = Collected.add
    monkeypatch.setattr(Collected, "add", lambda self, *a: added.append(1) or real(self, *a))
    src = parse(CASES["minsert_nested.dxf"][0](), "utf-8")
    walker = Walker(src, Mapping(), ReadLimits())
    with pytest.raises(BudgetExceeded, match="'INNER' in an array of 10 × 10"):
        walker.walk(src.entities)
    # the inner array (250,000 lines) was collected once; not one copy of the outer one was made
    assert len(added) == 250_000


def test_a_curve_is_counted_before_it_is_flattened(monkeypatch: pytest.MonkeyPatch) -> None:
    """100,000 bulged vertices make 3.6 million points: refused before the first arc."""
    from floorcheck.dxf import curves
    from floorcheck.dxf.tags import Record

    arcs: list[int] = []
    real = curves.arc_points
    monkeypatch.setattr(curves, "arc_points", lambda *a, **k: arcs.append(1) or real(*a, **k))
    tags = [(70, b"0")]
    for k in range(100_000):
        tags += [(10, str(k * 10).encode()), (20, b"0"), (42, b"1.0")]
    rec = Record("LWPOLYLINE", tags)
    with pytest.raises(curves.TooManyVertices):
        curves.flatten(rec, rec.dxf(), lambda b: b.decode(), limit=2_000_000)
    assert arcs == []
    small = Record("LWPOLYLINE", tags[:31])
    pts, _ = curves.flatten(small, small.dxf(), lambda b: b.decode(), limit=2_000_000)
    assert len(arcs) == 9 and len(pts) > 100


def test_thinning_is_linear_and_keeps_its_word() -> None:
    """A curve over the cap is thinned without recursion (GEOS's simplify overflows its stack
    on a sawtooth of 100,000 teeth) and no vertex lies further from it than it says."""
    import shapely

    from floorcheck.dxf.curves import thin

    teeth = 120_000
    x = np.linspace(0, 10_000, teeth + 1)
    saw = np.column_stack([x, np.where(np.arange(teeth + 1) % 2, 5.0, 0.0)])
    out, moved = thin(saw, False, 5_000)
    assert len(out) <= 5_000 and 0 < moved < 20
    segments = shapely.linestrings(np.stack([out[:-1], out[1:]], axis=1))
    _, far = shapely.STRtree(segments).query_nearest(shapely.points(saw), return_distance=True)
    assert far.max() <= moved
    same, unmoved = thin(saw[:100], False, 5_000)
    assert same is saw[:100] or np.array_equal(same, saw[:100])
    assert unmoved == 0.0


def test_ambiguous_boundary_names_some_labels_and_counts_the_rest(tmp_path: Path) -> None:
    """FC006 listed every label of the boundary: 86,000 characters were seen."""
    names = ["休息等候区", "综合受理区", "自助服务区", "母婴室"]
    ents = [
        "  0\nLWPOLYLINE\n  8\nA-AREA\n 90\n4\n 70\n1\n 10\n0\n 20\n0\n 10\n100000\n 20\n0\n"
        " 10\n100000\n 20\n80000\n 10\n0\n 20\n80000\n"
    ]
    for k in range(20_000):
        x, y = 100 + (k % 200) * 450, 100 + (k // 200) * 700
        ents.append(
            f"  0\nTEXT\n  8\nA-AREA\n 10\n{x}\n 20\n{y}\n 40\n100\n  1\n{names[k % 4]}{k}\n"
        )
    path = tmp_path / "labels.dxf"
    path.write_text(
        "  0\nSECTION\n  2\nHEADER\n  9\n$INSUNITS\n 70\n4\n  0\nENDSEC\n  0\nSECTION\n  2\n"
        "ENTITIES\n" + "".join(ents) + "  0\nENDSEC\n  0\nEOF\n",
        encoding="utf-8",
    )
    (note,) = [d for d in floorcheck.load(path).diagnostics if d.code == "FC006"]
    assert len(note.message) < 400 and "… and 19,988 more" in note.message
    assert len(note.message_zh) < 400 and "另有 19,988 项" in note.message_zh


# -- the library side -------------------------------------------------------------------------


def test_invalid_labels_still_give_the_zone(tmp_path: Path) -> None:
    for name in ("invalid_utf8_label.dxf", "invalid_gbk_label.dxf", "unbalanced_mtext.dxf"):
        path = tmp_path / name
        path.write_bytes(CASES[name][0]())
        plan = floorcheck.load(path)
        assert [z.type for z in plan.zones] == ["waiting"], name


def test_binary_dxf_reads_like_the_text_one(tmp_path: Path) -> None:
    path = tmp_path / "binary.dxf"
    path.write_bytes(CASES["binary.dxf"][0]())
    binary = floorcheck.load(path)
    text = floorcheck.load(SAMPLES / "village_ok.dxf")
    assert [(z.type, round(z.area_m2, 2)) for z in binary.zones] == [
        (z.type, round(z.area_m2, 2)) for z in text.zones
    ]


def test_library_raises_one_exception_family(tmp_path: Path) -> None:
    for name in ("empty.dxf", "dwg_renamed.dxf", "self_insert.dxf", "truncated_50.dxf"):
        path = tmp_path / name
        path.write_bytes(CASES[name][0]())
        with pytest.raises(floorcheck.InputError) as info:
            floorcheck.load(path)
        assert name in str(info.value) and "\n" not in str(info.value)


def test_reading_a_damaged_file_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ezdxf's recover logs a line per value it mends; they belong in FC009, not on stderr."""
    path = tmp_path / "damaged.dxf"
    path.write_bytes(CASES["recovered_numbers.dxf"][0]())
    plan = floorcheck.load(path)
    out = capsys.readouterr()
    assert out.err == "" and out.out == ""
    assert any("0.0abc" in d.message for d in plan.diagnostics if d.code == "FC009")


def test_outputs_replace_old_files_only_when_complete(tmp_path: Path) -> None:
    """An output that cannot be written leaves the previous one as it was."""
    from floorcheck.io import atomic_path

    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_the_memory_cap_is_real() -> None:
    """The cap the cases run under stops a process that allocates past it."""
    done = subprocess.run(
        [sys.executable, "-c", "b = bytearray(3 * 1024 ** 3)"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_capped,
    )
    assert done.returncode != 0 and "MemoryError" in done.stderr
