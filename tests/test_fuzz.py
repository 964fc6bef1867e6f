"""Property tests: whatever the drawing or the plan, floorcheck answers with a Report or its own
InputError — never another exception, never a hang — and every output of that report can be
written: JSON and SARIF that a strict reader accepts (no NaN), PNG, PDF, HTML, the annotated
DXF, JUnit, BCF.

Fast profile in CI (the default). The long profile runs by hand:
``FLOORCHECK_FUZZ=long python -m pytest tests/test_fuzz.py -q`` (10,000 cases per property,
a quarter of that for the property that writes every file; ``FLOORCHECK_FUZZ_CASES=N`` sets
another number). Figures of the last long run are recorded in docs/robustness.md.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

import floorcheck
from floorcheck import Camera, Door, InputError, Plan, Window, Zone
from floorcheck.rules import RULES
from floorcheck.vocab import WINDOW_KINDS, ZONE_TYPES

LONG = os.environ.get("FLOORCHECK_FUZZ") == "long"
CASES = int(os.environ.get("FLOORCHECK_FUZZ_CASES", 10_000 if LONG else 40))
PROFILE = settings(
    max_examples=CASES,
    deadline=30_000,  # ms per case: a hang is a failure
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,
)
# Writing every file (a PDF embeds CJK fonts: ~2.5 s) costs more than checking: fewer cases.
FILE_PROFILE = settings(PROFILE, max_examples=max(CASES // 4, 10))
# A hang inside C code (GEOS, FreeType) outlives hypothesis's deadline: pytest-timeout ends the
# property, allowing each of its cases a minute.
pytestmark = pytest.mark.timeout(max(600, 60 * CASES))
LINES = (SAMPLES / "village_ok.dxf").read_text(encoding="utf-8").splitlines(keepends=True)

mutation = st.tuples(
    st.sampled_from(["delete", "duplicate", "replace", "swap"]),
    st.integers(min_value=0, max_value=len(LINES) - 1),
    st.one_of(
        st.just("0\n"),
        st.just("nan\n"),
        st.just("1e308\n"),
        st.just("SECTION\n"),
        st.just("-1\n"),
        st.text(max_size=12).map(lambda t: t + "\n"),
    ),
)


def strict_json(text: str) -> Any:
    """JSON as a strict reader takes it: NaN and Infinity are not JSON (SARIF uploads refuse
    them)."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


def check_text_outputs(report: floorcheck.Report) -> None:
    """The JSON and SARIF reports parse strictly and read back; JUnit and text format."""
    from floorcheck.report import format_reports

    for lang in ("en", "zh"):
        data = strict_json(format_reports("json", [report], lang=lang))
        assert floorcheck.Report.from_dict(data).summary == report.summary
        sarif = strict_json(format_reports("sarif", [report], lang=lang))
        assert sarif["version"] == "2.1.0"
        assert format_reports("junit", [report], lang=lang).startswith("<?xml")
        assert report.title in format_reports("text", [report], lang=lang)


def write_every_file(
    report: floorcheck.Report, folder: Path, source: Path | None, lang: str
) -> None:
    """PNG, PDF, HTML and (for a drawing) the annotated DXF through the API, and BCF: each is
    written whole."""
    from floorcheck.api import Outputs, write_outputs
    from floorcheck.report import write_report

    outputs = Outputs(
        png=folder / "plan.png",
        pdf=folder / "plan.pdf",
        html=folder / "plan.html",
        annotated_dxf=folder / "plan-annotated.dxf" if source else None,
        lang=lang,
        dpi=40,
    )
    written = write_outputs(report, outputs, source=source)
    assert sorted(written) == sorted(outputs.paths)
    assert all(p.stat().st_size > 0 for p in written)
    assert write_report("bcf", [report], folder / "plan.bcfzip", lang=lang).stat().st_size > 0
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def mutated(mutations: list[tuple[str, int, str]]) -> str:
    lines = list(LINES)
    for op, i, text in mutations:
        i %= len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "replace":
            lines[i] = text
        else:
            j = (i + 7) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = ["0\n"]
    return "".join(lines)


def checked_drawing(path: Path, text: str) -> floorcheck.Report | None:
    """The complete report of a drawing, or None when it is refused with an InputError."""
    path.write_text(text, encoding="utf-8", errors="replace")
    try:
        plan = floorcheck.load(path)
    except InputError as exc:
        assert str(exc).startswith(str(path))
        return None
    report = floorcheck.check(plan, level="village")
    outcomes = (
        {f.rule for f in report.all_findings()}
        | set(report.passed)
        | {s["rule"] for s in report.skipped}
    )
    assert outcomes == set(RULES)
    return report


@PROFILE
@given(st.lists(mutation, min_size=1, max_size=8))
def test_mutated_dxf_gives_a_report_or_an_input_error(mutations) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report = checked_drawing(Path(tmp) / "fuzz.dxf", mutated(mutations))
        if report is not None:
            check_text_outputs(report)


coord = st.floats(min_value=-50, max_value=50, allow_nan=False, allow_infinity=False)
size = st.floats(min_value=0, max_value=30, allow_nan=False, allow_infinity=False)


@st.composite
def random_plans(draw) -> Plan:
    zones = []
    for k in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(sorted(ZONE_TYPES)))
        if draw(st.booleans()):
            geom = box(
                draw(coord), draw(coord), draw(coord), draw(coord)
            )  # may be empty or inverted
        else:
            pts = draw(st.lists(st.tuples(coord, coord), min_size=3, max_size=7))
            geom = Polygon(pts)  # may self-intersect
        zones.append(Zone(f"Z{k}", kind, geom))
    doors = [
        Door(
            f"D{k}",
            (draw(coord), draw(coord)),
            draw(size),
            draw(coord),
            entrance=draw(st.booleans()),
            main=k == 0,
            staff_only=draw(st.booleans()),
        )
        for k in range(draw(st.integers(0, 5)))
    ]
    windows = [
        Window(
            f"W{k}",
            draw(st.sampled_from(sorted(WINDOW_KINDS))),
            (draw(coord), draw(coord)),
            draw(coord),
        )
        for k in range(draw(st.integers(0, 6)))
    ]
    cameras = [
        Camera(
            f"C{k}",
            draw(st.sampled_from(["fixed", "ptz"])),
            (draw(coord), draw(coord)),
            draw(coord),
            fov_deg=draw(st.floats(1, 360)),
            range_m=draw(st.floats(0.5, 40)),
        )
        for k in range(draw(st.integers(0, 4)))
    ]
    return Plan(
        zones=tuple(zones), doors=tuple(doors), windows=tuple(windows), cameras=tuple(cameras)
    )


@PROFILE
@given(
    random_plans(),
    st.sampled_from(["city", "county", "street", "township", "community", "village"]),
)
def test_random_plans_always_give_a_complete_report(plan: Plan, level: str) -> None:
    report = floorcheck.check(plan, level=level)
    outcomes = [f.rule for f in report.all_findings()]
    assert set(outcomes) | set(report.passed) | {s["rule"] for s in report.skipped} == set(RULES)
    assert floorcheck.Report.from_json(report.to_json()).summary == report.summary
    check_text_outputs(report)


@FILE_PROFILE
@given(
    st.one_of(
        st.lists(mutation, min_size=1, max_size=8).map(lambda m: ("drawing", m)),
        random_plans().map(lambda p: ("plan", p)),
    ),
    st.sampled_from(["en", "zh"]),
)
def test_every_output_of_any_report_is_written_whole(case, lang: str) -> None:
    kind, value = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "fuzz.dxf" if kind == "drawing" else None
        if source is not None:
            report = checked_drawing(source, mutated(value))
            if report is None:
                return
        else:
            report = floorcheck.check(value, level="county")
        check_text_outputs(report)
        write_every_file(report, folder, source, lang)
