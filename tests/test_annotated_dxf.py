"""The annotated DXF copy: the architect's own bytes plus floorcheck's layers, style, clouds and
notes (issue: never destroy a file). The ezdxf round trip it replaced reset $LIMMAX, set
$EXTMIN/$EXTMAX to ±1e20, dropped $DIMTOFFSET and $BLIPMODE, relabelled an ANSI_1252 file
ANSI_936 and crashed on every R12 drawing with a finding."""

from __future__ import annotations

import math
from pathlib import Path

import ezdxf
import pytest
from conftest import SAMPLES, corpus
from ezdxf.lldxf.encoding import decode_dxf_unicode
from shapely.geometry import box

import floorcheck
from floorcheck.cli import main
from floorcheck.findings import Finding, Report
from floorcheck.report.annotated_dxf import annotated_dxf_bytes, write_annotated_dxf


def _r12_plan(tmp_path: Path) -> Path:
    """A small R12 drawing (POLYLINE zones, TEXT labels, no handles kept by old CAD)."""
    doc = ezdxf.new("R12")
    msp = doc.modelspace()
    msp.add_polyline2d(
        [(0, 0), (12, 0), (12, 8), (0, 8)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    msp.add_text("WAITING", dxfattribs={"layer": "A-AREA", "height": 0.3}).set_placement((5, 4))
    msp.add_polyline2d(
        [(12, 0), (20, 0), (20, 8), (12, 8)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    msp.add_text("ACCEPTANCE", dxfattribs={"layer": "A-AREA", "height": 0.3}).set_placement((15, 4))
    # a label in no room, beside the plan: FC003 marks it where it stands
    msp.add_text("CONSULTATION", dxfattribs={"layer": "A-AREA", "height": 0.3}).set_placement(
        (20.2, 4)
    )
    path = tmp_path / "r12.dxf"
    doc.saveas(path)
    return path


def _drawings(tmp_path: Path) -> list[Path]:
    return [
        SAMPLES / "county_bad_placement.dxf",
        SAMPLES / "village_gbk_r2000.dxf",
        _r12_plan(tmp_path),
    ]


def _only_added(before: bytes, after: bytes) -> list[str]:
    """The lines of ``before`` that ``after`` changed rather than kept, walking both once:
    where they differ, ``after`` either inserted lines (the next 4 lines of ``before`` follow
    further on) or changed this line."""
    a, b = before.splitlines(), after.splitlines()
    changed: list[str] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i, j = i + 1, j + 1
            continue
        window = a[i : i + 4]
        p = j
        while p < len(b) and b[p : p + len(window)] != window:
            p += 1
        if p < len(b):
            j = p  # b[j:p] was inserted
        else:
            changed.append(a[i].decode("latin-1"))
            i, j = i + 1, j + 1
    changed += [x.decode("latin-1") for x in a[i:]]
    return changed


def _header(data: bytes) -> list[bytes]:
    """The HEADER section's lines, without the value of $HANDSEED (which must move)."""
    lines = data.splitlines()
    start = lines.index(b"HEADER")
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == b"ENDSEC")
    head = lines[start:end]
    if b"$HANDSEED" in head:
        k = head.index(b"$HANDSEED")
        del head[k + 2]
    return head


def _check_copy(source: Path, out: Path, report: Report, region: int | None = None) -> None:
    before, after = source.read_bytes(), out.read_bytes()
    # every original line is kept, in order; only $HANDSEED and the table counts move
    changed = _only_added(before, after)
    assert len(changed) <= 3, changed
    assert _header(after) == _header(before)  # every header variable, byte for byte
    original, copy = ezdxf.readfile(source), ezdxf.readfile(out)
    assert copy.dxfversion == original.dxfversion
    assert len(copy.audit().errors) <= len(original.audit().errors)
    keep = [(e.dxftype(), e.dxf.handle) for e in original.modelspace()]
    assert [(e.dxftype(), e.dxf.handle) for e in copy.modelspace()][: len(keep)] == keep
    added = [e for e in copy.modelspace() if e.dxf.layer.startswith("FLOORCHECK-")]
    notes = [e for e in added if e.dxftype() in ("MTEXT", "TEXT")]
    located = [f for f in report.findings if f.location is not None or f.geometry is not None]
    clouds = [e for e in added if e.dxftype() in ("LWPOLYLINE", "POLYLINE")]
    assert len(clouds) == len(located)
    if located:
        first = located[0].rule
        assert any(first in (n.text if n.dxftype() == "MTEXT" else n.dxf.text) for n in notes)
    # checking the annotated copy finds what checking the drawing found
    again = floorcheck.check(floorcheck.load(out, region=region), level=report.level)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in report.findings]


def test_the_copy_is_the_drawing_plus_the_marks(tmp_path: Path) -> None:
    for source in _drawings(tmp_path):
        report = floorcheck.check(floorcheck.load(source), level="county")
        assert any(f.location is not None for f in report.findings), source.name
        out = write_annotated_dxf(report, source, tmp_path / f"{source.stem}-marked.dxf")
        _check_copy(source, out, report)


@pytest.mark.parametrize(
    "name",
    [
        "proxymix_mit_medialab_r12.dxf",
        "us_house_bishop_overland_floorplan.dxf",
        "cn_office_electrical_plan_utf8.dxf",
        "proxymix_standard_factory_plan.dxf",
    ],
)
def test_real_drawings_come_back_with_their_own_bytes(name: str, tmp_path: Path) -> None:
    """A sheet of several floor plans gets one marked copy per plan (``marked-<part>.dxf``)."""
    from floorcheck.api import Outputs, load_plans

    source = corpus(name)
    out = tmp_path / "marked.dxf"
    assert main(["check", str(source), "--level", "county", "--annotated-dxf", str(out), "-q"]) in (
        0,
        1,
    )
    plans = load_plans(source)
    for plan in plans:
        target = Outputs(annotated_dxf=out).for_part(plan.part) if len(plans) > 1 else None
        marked = Path(target.annotated_dxf) if target else out
        region = int(plan.part.split()[1]) if plan.part else None
        _check_copy(source, marked, floorcheck.check(plan, level="county"), region)


def test_chinese_notes_are_readable_in_every_version(tmp_path: Path) -> None:
    """UTF-8 from R2007, the code page before (GBK for ANSI_936), \\U+ escapes where the code
    page has no such character: Chinese comes back in every version."""
    for source in _drawings(tmp_path):
        report = floorcheck.check(floorcheck.load(source), level="county")
        out = write_annotated_dxf(report, source, tmp_path / "marked.dxf")
        texts = " ".join(
            decode_dxf_unicode(e.plain_text() if e.dxftype() == "MTEXT" else e.dxf.text)
            for e in ezdxf.readfile(out).modelspace()
            if e.dxf.layer.startswith("FLOORCHECK-") and e.dxftype() in ("MTEXT", "TEXT")
        )
        first = next(f for f in report.findings if f.message_zh and f.location is not None)
        assert first.message_zh[:6] in texts, source.name


def test_findings_with_no_place_or_absurd_coordinates_cost_nothing(tmp_path: Path) -> None:
    """A NaN location is left unmarked (it crashed the writer); a finding spanning 1e15 m gets a
    cloud of a bounded number of arcs (it took 3.85 GB)."""
    source = SAMPLES / "village_ok.dxf"
    plan = floorcheck.load(source)
    findings = [
        Finding("FC002", "warning", "", "nowhere", location=(math.nan, math.nan)),
        Finding("FC004", "error", "", "huge", geometry=box(0, 0, 1e15, 1.0)),
        Finding("FC004", "error", "", "fine", location=(3.0, 3.0)),
    ]
    report = Report(str(source), "village", findings, [], [], plan=plan)
    data = annotated_dxf_bytes(report, source.read_bytes())
    assert data is not None and len(data) < len(source.read_bytes()) + 200_000
    out = tmp_path / "marked.dxf"
    out.write_bytes(data)
    clouds = [
        e
        for e in ezdxf.readfile(out).modelspace()
        if e.dxftype() == "LWPOLYLINE" and e.dxf.layer.startswith("FLOORCHECK-")
    ]
    assert len(clouds) == 2 and all(len(c) <= 410 for c in clouds)
