"""FC001–FC011: what the reader noticed about the drawing, and geometry checks on any plan."""

import pytest
from conftest import make_plan, run
from shapely.geometry import box

from floorcheck import Door, Zone
from floorcheck.model import Diagnostic, Plan, UnitsInfo


def test_overlapping_zones_fail_touching_zones_pass() -> None:
    overlapping = make_plan(("waiting", (0, 0, 10, 10)), ("acceptance", (8, 0, 18, 10)))
    status, found = run(overlapping, "FC004")
    assert status == "fail" and found[0].measured == 20.0 and set(found[0].zones) == {"Z1", "Z2"}
    touching = make_plan(("waiting", (0, 0, 10, 10)), ("acceptance", (10, 0, 18, 10)))
    assert run(touching, "FC004")[0] == "pass"
    sliver = make_plan(("waiting", (0, 0, 10, 10)), ("acceptance", (9.999, 0, 18, 10)))
    assert run(sliver, "FC004")[0] == "pass"


def test_bow_tie_zone_is_invalid() -> None:
    plan = make_plan(("waiting", "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))"))
    assert run(plan, "FC005")[0] == "fail"
    assert run(make_plan(("waiting", (0, 0, 10, 10))), "FC005")[0] == "pass"


def test_unknown_zone_is_reported() -> None:
    status, found = run(make_plan(("unknown", (0, 0, 5, 5))), "FC002")
    assert status == "fail" and found[0].zones == ("Z1",)
    assert found[0].message == (
        "zone Z1 (25.0 m², layer -) has no recognisable label; name it or map its layer"
    )
    labelled = Plan(
        zones=(Zone("Z1", "unknown", box(0, 0, 3, 3), label="房间 12", layer="A-AREA"),)
    )
    status, found = run(labelled, "FC002")
    assert found[0].message == (
        "zone Z1 (9.00 m², layer A-AREA) is named 「房间 12」, which is no zone type of the "
        "guide; map the name to one in a mapping file (floorcheck init-mapping), or leave it if "
        "the room is none"
    )
    assert (
        found[0].message_zh
        == "区域 Z1（9.00 m²，图层 A-AREA）的名称「房间 12」不是指南中的功能区类型；"
        "请在映射文件中将其映射为功能区（floorcheck init-mapping），如该房间不属于任何功能区可不处理"
    )
    assert run(make_plan(("waiting", (0, 0, 5, 5))), "FC002")[0] == "pass"


def test_reader_diagnostics_become_findings() -> None:
    plan = Plan(
        zones=(Zone("Z1", "waiting", box(0, 0, 5, 5)),),
        diagnostics=(
            Diagnostic("FC001", "drawing units: guessed mm", message_zh="图纸单位：推测为 mm"),
            Diagnostic(
                "FC003",
                "label '母婴室' lies in no zone boundary",
                location=(9.0, 9.0),
                zones=("Z1",),
                measured=2.0,
                required=1.0,
            ),
            Diagnostic("FC006", "two types"),
            Diagnostic("FC009", "repaired"),
            Diagnostic("FC010", "TArch objects"),
        ),
        units=UnitsInfo("mm", "guessed", 0.001),
        source="hall.dxf",
    )
    for code in ("FC001", "FC003", "FC006", "FC009", "FC010"):
        status, found = run(plan, code)
        assert status == "fail" and len(found) == 1, code
    # the text, its Chinese, place and numbers are the reader's, passed on unchanged
    (units,) = run(plan, "FC001")[1]
    assert (units.message, units.message_zh) == ("drawing units: guessed mm", "图纸单位：推测为 mm")
    (orphan,) = run(plan, "FC003")[1]
    assert orphan.message == "label '母婴室' lies in no zone boundary"
    assert orphan.location == (9.0, 9.0) and orphan.zones == ("Z1",)
    assert (orphan.measured, orphan.required, orphan.severity) == (2.0, 1.0, "warning")
    read_cleanly = make_plan(("waiting", (0, 0, 5, 5)), source="hall.dxf")
    built_in_code = make_plan(("waiting", (0, 0, 5, 5)))
    for code in ("FC001", "FC003", "FC006", "FC009", "FC010"):
        assert run(read_cleanly, code)[0] == "pass", code
        assert run(built_in_code, code) == (
            "skip",
            "the plan was built in code, not read from a drawing",
        )


def test_no_hall_outline_is_information() -> None:
    status, found = run(make_plan(("waiting", (0, 0, 5, 4))), "FC007")
    assert status == "fail" and found[0].severity == "info" and found[0].measured == 20.0
    assert (
        run(make_plan(("waiting", (0, 0, 5, 4)), hall_outline=box(0, 0, 5, 4)), "FC007")[0]
        == "pass"
    )


def test_main_entrance_required() -> None:
    assert run(make_plan(("waiting", (0, 0, 5, 4))), "FC008")[0] == "fail"
    door = Door("D1", (2, 0), 1.5, entrance=True, main=True)
    assert run(make_plan(("waiting", (0, 0, 5, 4)), doors=(door,)), "FC008")[0] == "pass"
    assert run(Plan(), "FC008")[0] == "skip"


def test_stated_area_must_match_measured() -> None:
    wrong = Plan(zones=(Zone("Z1", "waiting", box(0, 0, 10, 6), stated_area_m2=85.0),))
    right = Plan(zones=(Zone("Z1", "waiting", box(0, 0, 10, 6), stated_area_m2=60.5),))
    status, found = run(wrong, "FC011")
    assert (
        status == "fail"
        and "85 m²" in found[0].message
        and found[0].measured == pytest.approx(60.0)
    )
    assert run(right, "FC011")[0] == "pass"
    assert run(make_plan(("waiting", (0, 0, 1, 1))), "FC011")[0] == "skip"
