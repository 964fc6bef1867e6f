"""Fixes computed by the rules, carried in the finding: which thing to move and by how much."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, entrance, make_plan, run, window
from shapely.geometry import box

import floorcheck
from floorcheck import Door, Obstacle
from floorcheck.findings import Finding


def test_one_metre_line_names_the_display_case_and_the_distance_to_move_it() -> None:
    zones = ("acceptance", (0, 0, 10, 6))
    case = Obstacle(box(3, 3.6, 7, 4.3), "furniture", "展示柜")
    status, found = run(make_plan(zones, windows=(window(5, 5),), obstacles=(case,)), "FC205")
    assert status == "fail"
    f = found[0]
    clear = f.measured
    assert f.fix.startswith("the fixed furniture 「展示柜」 at (5.0, 4.3)")
    assert f"move it {1.0 - clear:.2f} m further away (1.0 m clear)" in f.fix
    assert f.fix_zh.startswith("(5.0, 4.3) 处的固定家具「展示柜」距窗口 W1")


def test_one_metre_line_at_the_edge_of_the_floor() -> None:
    status, found = run(
        make_plan(("acceptance", (0, 4.5, 10, 6)), windows=(window(5, 5),)), "FC205"
    )
    assert status == "fail"
    assert "edge of the floor" in found[0].fix and "大厅边界" in found[0].fix_zh


def test_a_narrow_door_says_how_much_wider() -> None:
    plan = make_plan(
        ("waiting", (0, 0, 10, 8)),
        ("toilet", (10, 0, 14, 8)),
        walls=[((10, 0), (10, 3.6)), ((10, 4.4), (10, 8))],
        doors=(entrance(5, 0), Door("D2", (10, 4), 0.8, 90.0)),
    )
    status, found = run(plan, "FC502")
    assert status == "fail"
    assert found[0].fix == "widen door D2 at (10.0, 4.0) by 0.10 m (to 0.90 m clear)"
    assert found[0].fix_zh == "将 (10.0, 4.0) 处的门 D2 加宽 0.10 m（净宽达到 0.90 m）"


def test_a_pinch_names_the_furniture_rather_than_the_wall(tmp_path) -> None:
    report = floorcheck.check(floorcheck.load(SAMPLES / "county_bad_access.dxf"), level="county")
    narrow = [f for f in report.findings if f.rule == "FC501" and f.measured]
    assert narrow
    f = narrow[0]
    assert f.fix.startswith("move the fixed furniture at")
    assert f"{f.required - f.measured:.2f} m away from the route" in f.fix
    # the fix goes to JSON and comes back
    again = Finding.from_dict(json.loads(json.dumps(f.to_dict(), ensure_ascii=False)))
    assert (again.fix, again.fix_zh) == (f.fix, f.fix_zh)


def test_locker_rooms_say_how_far_to_push_a_wall() -> None:
    plan = make_plan(
        ("locker_male", (0, 0, 3, 4)),
        ("locker_female", (3, 0, 6, 4)),
        ("back_office", (0, 4, 6, 10)),
    )
    status, found = run(plan, "FC603", staff=30)  # 18 m² needed, 24 m² drawn: passes
    assert status == "pass"
    status, found = run(plan, "FC603", staff=60)  # 36 m² needed: 12 m² short, 6 m² a room
    assert status == "fail"
    # each room 3 × 4 m: 6 m² more along its 4 m wall is 1.5 m
    assert found[0].fix.endswith(
        "push one long wall out by men's locker room 1.5 m, women's locker room 1.5 m"
    )
    assert found[0].fix_zh.endswith("将一面长墙外移 男更衣室 1.5 m、女更衣室 1.5 m")
    assert "将一面长墙外移 男更衣室 1.5 m、女更衣室 1.5 m" in found[0].fix_zh


def test_a_far_waiting_zone_says_how_much_to_cut_and_where_it_must_reach() -> None:
    plan = floorcheck.load(SAMPLES / "county_bad_placement.dxf")
    report = floorcheck.check(plan, level="county")
    far = [f for f in report.findings if f.rule == "FC402" and f.measured]
    assert far
    f = far[0]
    assert f.fix.startswith(f"{f.measured - f.required:.1f} m too far")
    assert f"{f.required:.1f} m along the walk" in f.fix
    assert f.fix_zh.startswith(f"超出 {f.measured - f.required:.1f} m")


def test_consultation_far_from_the_entrance_says_where_it_must_reach() -> None:
    plan = make_plan(
        ("entrance_hall", (0, 0, 4, 4)),
        ("corridor", (4, 0, 30, 4)),
        ("consultation", (30, 0, 34, 4)),
        doors=(entrance(2, 0, width=1.8),),
    )
    status, found = run(plan, "FC401")
    assert status == "fail"
    f = found[0]
    assert f.fix.startswith(
        f"{f.measured - 6.0:.1f} m too far: consultation and guidance area (Z3) must reach ("
    )
    x = float(f.fix.split("must reach (")[1].split(",")[0])
    assert x == pytest.approx(2 + 6.0, abs=1.0)  # 6 m from the door, along the corridor


def test_text_report_prints_the_fix_under_its_finding(capsys) -> None:
    from floorcheck.cli import main

    main(["check", str(SAMPLES / "county_bad_access.dxf"), "--level", "county", "--lang", "zh"])
    out = capsys.readouterr().out
    assert "→ 将 (7.0, 17.0) 处的门 D7 加宽 0.10 m" in out
