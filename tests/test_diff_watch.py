"""floorcheck diff (revisions compared by name and place, not ids) and floorcheck watch."""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import ezdxf
import pytest
from conftest import SAMPLES
from ezdxf.addons import Importer

import floorcheck
from floorcheck.cli import main
from floorcheck.diff import diff_reports, format_diff

sys.path.insert(0, str(SAMPLES))
from make_samples import county_ok, write


def _report(path: Path) -> floorcheck.Report:
    return floorcheck.check(floorcheck.load(path), level="county")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("diff") / "base.dxf"
    write(county_ok(), path)
    return path


def test_moving_a_wall_resizes_two_zones_and_nothing_else(base: Path, tmp_path: Path) -> None:
    lay = county_ok()
    # the wall between 休息等候区 and 制证出证区 moves one metre west
    zones = [
        (n, (7, 8, 25, 18))
        if n == "休息等候区"
        else (n, (25, 8, 32, 18))
        if n == "制证出证区"
        else (n, r)
        for n, r in lay.zones
    ]
    moved = tmp_path / "moved.dxf"
    write(replace(lay, zones=zones, walls=[*lay.walls, ((25, 8), (25, 18))]), moved)
    d = diff_reports(_report(base), _report(moved))
    assert sorted((z.change, z.new["label"]) for z in d.zones) == [
        ("resized", "休息等候区"),
        ("resized", "制证出证区"),
    ]
    old_area = {z.old["label"]: z.old["area_m2"] for z in d.zones}
    assert old_area == {"休息等候区": 190.0, "制证出证区": 60.0}
    assert not d.resolved and not d.worse()
    assert all(f.rule.startswith("FC5") or f.severity == "info" for f in d.new_findings), [
        f.message for f in d.new_findings
    ]


def test_renaming_a_zone_is_one_rename_and_no_finding_changes(base: Path, tmp_path: Path) -> None:
    lay = county_ok()
    renamed = tmp_path / "renamed.dxf"
    zones = [("体验区" if n == "休息阅读区" else n, r) for n, r in lay.zones]
    write(replace(lay, zones=zones), renamed)
    d = diff_reports(_report(base), _report(renamed))
    assert [(z.change, z.old["label"], z.new["label"]) for z in d.zones] == [
        ("renamed", "休息阅读区", "体验区")
    ]
    assert not d.new_findings and not d.resolved
    text = format_diff(d, lang="zh")
    assert "更名 休息阅读区 → 体验区" in text


def _resave_with_new_handles(source: Path, target: Path) -> None:
    """The same drawing written again by another program: every handle new, and modelspace in
    reverse order (so that the reader meets doors, windows and cameras in another order)."""
    src = ezdxf.readfile(source)
    doc = ezdxf.new(src.dxfversion)
    doc.header["$INSUNITS"] = src.header["$INSUNITS"]
    for key, value in src.header.custom_vars:
        doc.header.custom_vars.append(key, value)
    doc.entitydb.handles.reset("10000")  # start the handles far from the original ones
    imp = Importer(src, doc)
    imp.import_tables()
    imp.import_entities(list(src.modelspace())[::-1], doc.modelspace())
    imp.finalize()
    doc.saveas(target)


def test_resaving_with_new_handles_changes_nothing(tmp_path: Path) -> None:
    source = SAMPLES / "county_bad_placement.dxf"
    again = tmp_path / "resaved.dxf"
    _resave_with_new_handles(source, again)
    handles_old = {e.dxf.handle for e in ezdxf.readfile(source).modelspace()}
    handles_new = {e.dxf.handle for e in ezdxf.readfile(again).modelspace()}
    assert not handles_old & handles_new
    d = diff_reports(_report(source), _report(again))
    assert not d.changed, format_diff(d)
    assert len(d.unchanged) == len(d.old.findings) > 0


def test_fixing_one_finding_and_breaking_another(tmp_path: Path) -> None:
    from make_samples import _breaks

    lay = _breaks()["county_bad_cameras"]()
    old = tmp_path / "old.dxf"
    write(lay, old)
    # the revision adds the PTZ camera (FC702 fixed) and narrows the toilet suite's door to
    # 0.7 m (an accessible-route error breaks)
    doors = [d if d[:2] != (7.0, 17.0) else (7.0, 17.0, 0.7, 90.0, "M0721", "") for d in lay.doors]
    new = tmp_path / "new.dxf"
    write(replace(lay, cameras=[*lay.cameras, (14.0, 12.5, 0.0, "球机")], doors=doors), new)
    d = diff_reports(_report(old), _report(new))
    assert "FC702" in {f.rule for f in d.resolved}
    assert any(f.rule.startswith("FC5") and f.severity == "error" for f in d.new_findings)
    assert d.worse()
    for fmt in ("json", "html"):
        out = tmp_path / f"d.{fmt}"
        status = main(["diff", str(old), str(new), "--format", fmt, "-o", str(out)])
        assert status == 1
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert {"new", "resolved", "unchanged", "zones"} <= set(data)
    assert "FC702" in {f["rule"] for f in data["resolved"]}
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "FC702" in page
    # the other way round: the door is fixed and the PTZ camera (with what it saw) is lost
    assert main(["diff", str(new), str(old), "--format", "json", "-o", str(out)]) == 1
    back = json.loads(out.read_text(encoding="utf-8"))
    assert "FC702" in {f["rule"] for f in back["new"]}
    broken = {f["rule"] for f in data["new"] if f["severity"] == "error"}
    assert broken <= {f["rule"] for f in back["resolved"]}


def test_diff_of_json_reports_matches_diff_of_drawings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = SAMPLES / "county_ok.dxf", SAMPLES / "county_bad_cameras.dxf"
    for src, name in ((a, "a.json"), (b, "b.json")):
        main(["check", str(src), "--format", "json", "-o", str(tmp_path / name)])
    capsys.readouterr()
    assert (
        main(["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "json"]) == 1
    )
    from_json = json.loads(capsys.readouterr().out)
    main(["diff", str(a), str(b), "--format", "json"])
    from_dxf = json.loads(capsys.readouterr().out)
    assert from_json["summary"] == from_dxf["summary"]
    assert main(["diff", str(a), str(a)]) == 0
    capsys.readouterr()


def test_diff_bad_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "r.json"
    bad.write_text('{"schema": 99}', encoding="utf-8")
    assert main(["diff", str(bad), str(SAMPLES / "county_ok.dxf")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "r.json" in err


# -- watch ----------------------------------------------------------------------------------------


def test_watch_sees_a_two_step_save_as_one_recheck(tmp_path: Path) -> None:
    """A plan written in two pieces while watched: one re-check, the change printed, and the
    half-written state never read."""
    from floorcheck.watch import watch

    plan = tmp_path / "hall.dxf"
    plan.write_bytes((SAMPLES / "county_ok.dxf").read_bytes())
    revised = (SAMPLES / "county_bad_cameras.dxf").read_bytes()
    lines: list[str] = []
    stop = threading.Event()
    result: dict[str, object] = {}

    def run() -> None:
        result["w"] = watch(
            plan, level="county", settle_s=0.6, emit=lines.append, stop=stop, force_polling=True
        )

    t = threading.Thread(target=run)
    t.start()
    deadline = time.monotonic() + 60
    while not lines and time.monotonic() < deadline:  # the first check is done
        time.sleep(0.05)
    assert lines, "no first check"
    time.sleep(0.5)
    half = len(revised) // 2
    with open(plan, "wb") as fh:  # a CAD program writing in two steps
        fh.write(revised[:half])
        fh.flush()
        time.sleep(0.25)
        fh.write(revised[half:])
    while len(lines) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(2.0)  # anything more would come now
    stop.set()
    t.join(30)
    assert not t.is_alive()
    w = result["w"]
    assert w.checks == 2, lines  # the first check and one re-check
    text = "\n".join(lines)
    assert "Traceback" not in text and "cannot read" not in text
    assert "FC702" in text and "+" in lines[1]


def test_watch_reports_a_broken_file_once_and_keeps_watching(tmp_path: Path) -> None:
    from floorcheck.watch import Watcher, describe

    plan = tmp_path / "hall.dxf"
    plan.write_bytes((SAMPLES / "county_ok.dxf").read_bytes())
    w = Watcher(plan, level="county", settle_s=0.05)
    assert w.run_once().report is not None
    plan.write_bytes(b"0\nSECTION\n2\nENTITIES\n0\nLINE\n")  # cut short by a crash
    first = w.run_once()
    assert first.error and "hall.dxf" in first.error
    assert "cannot read yet" in describe(first)
    assert describe(w.run_once()) == ""  # the same error is not repeated
    plan.write_bytes((SAMPLES / "county_bad_cameras.dxf").read_bytes())
    good = w.run_once()
    assert good.report is not None and good.diff is not None
    assert "FC702" in {f.rule for f in good.diff.new_findings}  # compared with the last good one
