"""FC401–FC410 on small plans: adjacency, separation, walking distance.

Layouts are drawn in the docstring of each test; walls are segments, doors sit in gaps.
"""

from conftest import entrance, make_plan, run, window

from floorcheck import Door
from floorcheck.geometry.analysis import Analysis


def staff_door(x: float, y: float, angle: float = 0.0, did: str = "D9") -> Door:
    return Door(did, (x, y), 1.0, angle, staff_only=True)


# -- the adjacency graph itself -----------------------------------------------------------------


def test_zones_touching_only_at_a_corner_are_not_adjacent() -> None:
    plan = make_plan(("waiting", (0, 0, 5, 5)), ("acceptance", (5, 5, 10, 10)))
    assert not Analysis(plan).graph.has_edge("Z1", "Z2")


def test_boundary_kinds_open_door_wall() -> None:
    """Z1 | Z2 open; Z2 | Z3 wall with one door; Z3 | Z4 solid wall."""
    plan = make_plan(
        ("waiting", (0, 0, 5, 5)),
        ("acceptance", (5, 0, 10, 5)),
        ("back_office", (10, 0, 15, 5)),
        ("equipment", (15, 0, 20, 5)),
        walls=[((10, 0), (10, 2)), ((10, 3), (10, 5)), ((15, 0), (15, 5))],
        doors=(Door("D1", (10, 2.5), 1.0, 90.0),),
    )
    g = Analysis(plan).graph
    assert (
        g.edges["Z1", "Z2"]["kind"] == "open" and abs(g.edges["Z1", "Z2"]["length_m"] - 5.0) < 1e-6
    )
    assert g.edges["Z2", "Z3"]["kind"] == "door" and g.edges["Z2", "Z3"]["doors"] == ["D1"]
    assert g.edges["Z3", "Z4"]["kind"] == "wall"


def test_two_doors_on_one_wall_are_both_on_the_edge() -> None:
    plan = make_plan(
        ("acceptance", (0, 0, 10, 5)),
        ("back_office", (0, 5, 10, 10)),
        walls=[((0, 5), (2, 5)), ((3, 5), (7, 5)), ((8, 5), (10, 5))],
        doors=(Door("D1", (2.5, 5), 1.0, staff_only=True), Door("D2", (7.5, 5), 1.0)),
    )
    e = Analysis(plan).graph.edges["Z1", "Z2"]
    assert e["kind"] == "door" and sorted(e["doors"]) == ["D1", "D2"] and e["staff_only"] is False
    assert run(plan, "FC405")[0] == "fail"  # D2 is not staff-only


def test_zones_across_a_wall_gap_are_adjacent() -> None:
    """Zones drawn to the faces of a 0.2 m wall still touch within the 0.40 m tolerance."""
    plan = make_plan(
        ("waiting", (0, 0, 5, 5)), ("acceptance", (5.2, 0, 10, 5)), walls=[((5.1, 0), (5.1, 5))]
    )
    e = Analysis(plan).graph.edges["Z1", "Z2"]
    assert e["kind"] == "wall"


# -- FC401 -------------------------------------------------------------------------------------


def test_consultation_through_an_entrance_hall_passes() -> None:
    """entrance D1 at (5,0) → 门厅 (0..10 × 0..4) → 咨询导服区 above it."""
    plan = make_plan(
        ("entrance_hall", (0, 0, 10, 4)), ("consultation", (0, 4, 6, 8)), doors=(entrance(5, 0),)
    )
    assert run(plan, "FC401")[0] == "pass"


def test_consultation_at_the_back_fails_with_the_walking_distance() -> None:
    plan = make_plan(
        ("waiting", (0, 0, 10, 12)),
        ("acceptance", (0, 12, 10, 16)),
        ("consultation", (0, 16, 10, 20)),
        doors=(entrance(5, 0),),
    )
    status, found = run(plan, "FC401")
    assert status == "fail" and 15.9 <= found[0].measured <= 16.1
    assert found[0].geometry is not None and found[0].geometry.length >= 15.9
    assert run(plan, "FC401", options={"max_distance_m": 20.0})[0] == "pass"


def test_consultation_rule_skips_without_main_entrance() -> None:
    assert run(make_plan(("consultation", (0, 0, 5, 5))), "FC401") == (
        "skip",
        "no main entrance found (FC008)",
    )


# -- FC402 / FC403 -------------------------------------------------------------------------------


def test_waiting_open_to_acceptance_passes() -> None:
    plan = make_plan(
        ("waiting", (0, 0, 10, 6)), ("acceptance", (0, 6, 10, 9)), windows=(window(5, 8),)
    )
    assert run(plan, "FC402")[0] == "pass"


def test_waiting_behind_a_wall_far_from_windows_fails() -> None:
    """The waiting room is reached through a door at its far end: 9+ m from the windows."""
    plan = make_plan(
        ("acceptance", (0, 6, 10, 9)),
        ("corridor", (10, 0, 12, 9)),
        ("waiting", (0, 0, 10, 6)),
        walls=[((0, 6), (10, 6)), ((10, 0), (10, 5)), ((10, 5.8), (10, 6))],
        doors=(Door("D1", (10, 5.4), 0.8, 90.0),),
        windows=(window(1, 8),),
    )
    status, found = run(plan, "FC402")
    assert status == "fail" and found[0].measured > 5.0


def test_waiting_area_in_two_parts_is_checked_part_by_part() -> None:
    plan = make_plan(
        ("waiting", (0, 0, 10, 6)),
        ("acceptance", (0, 6, 10, 9)),
        ("exhibition", (10, 0, 30, 6)),
        ("waiting", (30, 0, 36, 6)),
        windows=(window(5, 8),),
    )
    status, found = run(plan, "FC402")
    assert status == "fail" and found[0].zones == ("Z4",)


def test_waiting_next_to_the_entrance_warns() -> None:
    plan = make_plan(("waiting", (0, 0, 10, 6)), doors=(entrance(5, 0),))
    status, found = run(plan, "FC403")
    assert status == "fail" and found[0].measured == 0.0 and found[0].severity == "warning"
    far = make_plan(
        ("entrance_hall", (0, 0, 10, 4)), ("waiting", (0, 4, 10, 10)), doors=(entrance(5, 0),)
    )
    assert run(far, "FC403")[0] == "pass"


def test_waiting_overlapping_a_corridor_warns() -> None:
    plan = make_plan(
        ("waiting", (0, 10, 10, 16)), ("corridor", (0, 14, 10, 18)), doors=(entrance(5, 0),)
    )
    status, found = run(plan, "FC403")
    assert status == "fail" and "corridor" in found[0].message


# -- FC404 / FC405 / FC406 / FC410 ---------------------------------------------------------------


def test_back_office_open_to_counters_fails_404_405_410() -> None:
    plan = make_plan(("acceptance", (0, 0, 10, 5)), ("back_office", (0, 5, 10, 10)))
    for code in ("FC404", "FC405", "FC410"):
        status, found = run(plan, code)
        assert status == "fail", code
        assert abs(found[0].measured - 10.0) < 1e-6 and found[0].location == (5.0, 5.0)


def test_back_office_behind_wall_with_staff_door_passes() -> None:
    plan = make_plan(
        ("acceptance", (0, 0, 10, 5)),
        ("back_office", (0, 5, 10, 10)),
        walls=[((0, 5), (4.5, 5)), ((5.5, 5), (10, 5))],
        doors=(staff_door(5, 5),),
    )
    for code in ("FC404", "FC405", "FC410"):
        assert run(plan, code)[0] == "pass", code


def test_public_door_into_back_office_fails_405_only() -> None:
    plan = make_plan(
        ("waiting", (0, 0, 10, 5)),
        ("back_office", (0, 5, 10, 10)),
        walls=[((0, 5), (4.5, 5)), ((5.5, 5), (10, 5))],
        doors=(Door("D1", (5, 5), 1.0),),
    )
    assert run(plan, "FC405")[0] == "fail"
    assert run(plan, "FC410")[0] == "pass"


def test_back_office_split_in_two_groups_warns() -> None:
    plan = make_plan(
        ("back_office", (0, 5, 5, 10)),
        ("acceptance", (0, 0, 30, 5)),
        ("back_office", (25, 5, 30, 10)),
        walls=[((0, 5), (30, 5))],
        doors=(staff_door(2.5, 5, did="D1"), staff_door(27.5, 5, did="D2")),
    )
    status, found = run(plan, "FC406")
    assert status == "fail" and "2 separate groups" in found[0].message


def test_back_office_far_from_acceptance_warns() -> None:
    plan = make_plan(
        ("acceptance", (0, 0, 5, 5)),
        ("corridor", (5, 0, 30, 5)),
        ("back_office", (30, 0, 35, 5)),
        walls=[((30, 0), (30, 2)), ((30, 3), (30, 5))],
        doors=(staff_door(30, 2.5, 90.0),),
    )
    status, found = run(plan, "FC406")
    assert status == "fail" and 24.0 <= found[0].measured <= 26.0
    assert run(plan, "FC406", options={"max_distance_m": 30.0})[0] == "pass"


# -- FC407 / FC408 / FC409 -----------------------------------------------------------------------


def test_certificate_beside_acceptance() -> None:
    beside = make_plan(("acceptance", (0, 0, 10, 5)), ("certificate_issue", (10, 0, 14, 5)))
    assert run(beside, "FC407")[0] == "pass"
    far = make_plan(
        ("acceptance", (0, 0, 10, 5)),
        ("waiting", (10, 0, 22, 5)),
        ("certificate_issue", (22, 0, 26, 5)),
    )
    status, found = run(far, "FC407")
    assert status == "fail" and found[0].measured >= 11.9


def test_certificate_overlapping_consultation_or_open_to_back_office_fails() -> None:
    overlap = make_plan(("consultation", (0, 0, 10, 5)), ("certificate_issue", (8, 0, 14, 5)))
    assert run(overlap, "FC408")[0] == "fail"
    open_back = make_plan(("back_office", (0, 0, 10, 5)), ("certificate_issue", (10, 0, 14, 5)))
    assert run(open_back, "FC408")[0] == "fail"
    walled = make_plan(
        ("back_office", (0, 0, 10, 5)),
        ("certificate_issue", (10, 0, 14, 5)),
        walls=[((10, 0), (10, 5))],
    )
    assert run(walled, "FC408")[0] == "pass"


def test_24h_self_service_needs_its_own_outside_door() -> None:
    own = make_plan(
        ("self_service_24h", (0, 0, 6, 6)), ("waiting", (6, 0, 20, 6)), doors=(entrance(3, 0),)
    )
    assert run(own, "FC409")[0] == "pass"
    through_hall = make_plan(
        ("self_service_24h", (0, 0, 6, 6)), ("waiting", (6, 0, 20, 6)), doors=(entrance(13, 0),)
    )
    assert run(through_hall, "FC409")[0] == "fail"
    assert run(make_plan(("waiting", (0, 0, 5, 5))), "FC409") == (
        "skip",
        "no 24-hour self-service area in the plan",
    )


def test_material_circulation_open_to_waiting_fails_410() -> None:
    plan = make_plan(("waiting", (0, 0, 10, 5)), ("material_circulation", (10, 0, 14, 5)))
    status, found = run(plan, "FC410")
    assert status == "fail" and found[0].zones == ("Z2", "Z1")


def test_staff_room_open_to_a_room_of_no_zone_type_is_not_410() -> None:
    """配电间 open to a room the guide has no type for (an "IT RM." of a real drawing): nothing
    says that room is public, so nothing is asserted about separation (found on a real plan);
    the same opening onto the waiting area fails."""
    plan = make_plan(("unknown", (0, 0, 10, 5)), ("equipment", (10, 0, 14, 5)))
    assert run(plan, "FC410")[0] == "pass"
    plan = make_plan(("waiting", (0, 0, 10, 5)), ("equipment", (10, 0, 14, 5)))
    assert run(plan, "FC410")[0] == "fail"


def test_public_door_from_back_office_to_the_outside_fails_405() -> None:
    """The back office has an ordinary entrance door of its own in the façade."""
    plan = make_plan(
        ("waiting", (0, 0, 10, 5)),
        ("back_office", (10, 0, 20, 5)),
        walls=[((10, 0), (10, 5))],
        doors=(entrance(3, 0), entrance(15, 0, width=1.0, main=False, id="D2")),
    )
    status, found = run(plan, "FC405")
    assert status == "fail" and [f.zones for f in found] == [("Z2",)]
    assert found[0].location == (15.0, 0.0)
    assert found[0].message == (
        "door D2 (1.00 m) joins back office (Z2) to the outside and is not marked staff-only"
    )
    assert found[0].message_zh == "门 D2（1.00 m）连接后台协同区（Z2）与室外，但未标注为员工专用"


def test_back_office_walled_off_from_acceptance_cannot_reach_it_406() -> None:
    plan = make_plan(
        ("acceptance", (0, 0, 5, 5)), ("back_office", (5, 0, 10, 5)), walls=[((5, 0), (5, 5))]
    )
    status, found = run(plan, "FC406")
    assert status == "fail" and len(found) == 1
    f = found[0]
    assert f.measured is None and f.required == 15.0 and f.geometry is None
    assert f.location == (7.5, 2.5)
    assert (
        f.message == "back office (Z2) cannot reach the acceptance area; it should be within 15.0 m"
    )
    assert f.message_zh == "后台协同区（Z2）无法到达综合受理区；应在 15.0 m 以内"


def test_certificate_zone_walled_off_from_acceptance_is_reported_407() -> None:
    """Not beside the 综合受理区 and behind a wall without a door."""
    plan = make_plan(
        ("acceptance", (0, 0, 10, 5)),
        ("waiting", (10, 0, 20, 5)),
        ("certificate_issue", (20, 0, 24, 5)),
        walls=[((20, 0), (20, 5))],
    )
    status, found = run(plan, "FC407")
    assert status == "fail" and found[0].measured is None and found[0].required == 3.0
    assert found[0].message == (
        "certificate issuing area (Z3) is not reachable from the acceptance area; it should stand beside it "
        "(within 3.0 m)"
    )
    assert (
        found[0].message_zh
        == "制证出证区（Z3）无法到达综合受理区；宜设在综合受理区旁（3.0 m 以内）"
    )


def test_walking_distance_findings_say_the_same_in_both_languages() -> None:
    """FC401's too-far finding: the distance and the limit printed alike in en and zh."""
    plan = make_plan(
        ("waiting", (0, 0, 10, 12)),
        ("acceptance", (0, 12, 10, 16)),
        ("consultation", (0, 16, 10, 20)),
        doors=(entrance(5, 0),),
    )
    status, found = run(plan, "FC401")
    assert status == "fail" and found[0].location == (5.0, 0.0)
    assert found[0].message == (
        "consultation and guidance area (Z3) is 16.0 m walking from the main entrance D1; it "
        "should touch the entrance hall or be within 6.0 m"
    )
    assert (
        found[0].message_zh
        == "咨询导服区（Z3）距主入口 D1 步行 16.0 m；应与门厅相接或在 6.0 m 以内"
    )
