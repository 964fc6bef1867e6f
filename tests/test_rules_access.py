"""FC501–FC505: the wheelchair disc, doors, the accessible toilet, route measurements."""

from conftest import entrance, make_plan, run
from shapely.geometry import box

from floorcheck import Door, Obstacle

HALL = ("entrance_hall", (0, 0, 6, 4))


def test_corridor_narrowed_by_a_column_fails_at_1_2_and_passes_at_1_0() -> None:
    """Hall → a 1.5 m corridor (x 6..20, y 0..1.5) → reading room; a column leaves 1.1 m."""
    plan = make_plan(
        HALL,
        ("corridor", (6, 0, 20, 1.5)),
        ("reading", (20, 0, 26, 6)),
        doors=(entrance(3, 0),),
        obstacles=(Obstacle(box(12, 1.1, 12.6, 1.5), "column"),),
    )
    status, found = run(plan, "FC501")
    assert status == "fail" and found[0].zones == ("Z3",)
    assert 1.06 <= found[0].measured <= 1.12 and found[0].required == 1.2
    assert 11.9 <= found[0].location[0] <= 12.7 and "narrows to" in found[0].message
    assert run(plan, "FC501", options={"route_width_m": 1.0})[0] == "pass"


def test_crowded_hall_needs_1_8_m() -> None:
    plan = make_plan(
        HALL, ("corridor", (6, 0, 20, 1.5)), ("reading", (20, 0, 26, 6)), doors=(entrance(3, 0),)
    )
    assert run(plan, "FC501")[0] == "pass"
    status, found = run(plan, "FC501", crowded=True)
    assert status == "fail" and found[0].required == 1.8


def test_l_shaped_corridor_of_exactly_1_2_m_passes() -> None:
    plan = make_plan(
        HALL,
        ("corridor", "POLYGON ((6 0, 16 0, 16 10, 14.8 10, 14.8 1.2, 6 1.2, 6 0))"),
        ("reading", (12, 10, 20, 16)),
        doors=(entrance(3, 0),),
    )
    assert run(plan, "FC501")[0] == "pass"


def test_corridor_between_wall_lines_exactly_1_2_m_passes() -> None:
    plan = make_plan(
        HALL,
        ("corridor", (6, 0, 20, 1.2)),
        ("reading", (20, 0, 26, 6)),
        doors=(entrance(3, 0),),
        walls=[((6, 1.2), (20, 1.2)), ((6, 0), (20, 0))],
    )
    assert run(plan, "FC501")[0] == "pass"


def test_room_behind_a_wall_without_a_door_cannot_be_reached() -> None:
    plan = make_plan(
        HALL, ("reading", (6, 0, 12, 4)), doors=(entrance(3, 0),), walls=[((6, 0), (6, 4))]
    )
    status, found = run(plan, "FC501")
    assert status == "fail" and "no route at all" in found[0].message


def test_wide_room_reached_only_through_an_0_8_m_door_fails_fc502() -> None:
    plan = make_plan(
        HALL,
        ("reading", (6, 0, 20, 10)),
        doors=(entrance(3, 0), Door("D2", (6, 2), 0.8, 90.0)),
        walls=[((6, 0), (6, 1.6)), ((6, 2.4), (6, 4))],
    )
    status, found = run(plan, "FC502")
    assert status == "fail" and found[0].measured == 0.8 and found[0].required == 0.9
    assert run(plan, "FC501")[0] == "pass"  # the doorway is FC502's, not the disc's
    assert run(plan, "FC502", existing_building=True)[0] == "pass"


def test_automatic_entrance_needs_a_metre_and_staff_doors_are_not_on_routes() -> None:
    auto = make_plan(HALL, doors=(entrance(3, 0, width=0.95, automatic=True),))
    assert run(auto, "FC502")[0] == "fail"
    staff = make_plan(
        HALL,
        ("back_office", (6, 0, 12, 4)),
        doors=(entrance(3, 0), Door("D2", (6, 2), 0.7, 90.0, staff_only=True)),
        walls=[((6, 0), (6, 1.65)), ((6, 2.35), (6, 4))],
    )
    assert run(staff, "FC502")[0] == "pass"


def test_accessible_toilet_1_4_m_wide_fails_turning_circle() -> None:
    narrow = make_plan(("accessible_toilet", (0, 0, 1.4, 4)))
    status, found = run(narrow, "FC503")
    assert status == "fail" and abs(found[0].measured - 1.4) < 0.02 and found[0].required == 1.5
    good = make_plan(("accessible_toilet", (0, 0, 2.0, 2.2)))
    assert run(good, "FC503")[0] == "pass"


def test_accessible_toilet_with_a_fixture_or_too_small_fails() -> None:
    basin = Obstacle(box(0, 0, 0.6, 2.2), "fixture")
    status, found = run(
        make_plan(("accessible_toilet", (0, 0, 2.0, 2.2)), obstacles=(basin,)), "FC503"
    )
    assert status == "fail" and found[0].measured < 1.5
    status, found = run(make_plan(("accessible_toilet", (0, 0, 1.6, 2.0))), "FC503")
    assert status == "fail" and found[0].required == 4.0


def test_route_to_accessible_toilet_through_a_1_0_m_passage_fails_fc504() -> None:
    plan = make_plan(
        HALL,
        ("corridor", (6, 0, 12, 1.0)),
        ("accessible_toilet", (12, 0, 14, 2.2)),
        ("mother_baby", (0, 4, 3, 7)),
        doors=(entrance(3, 0),),
    )
    status, found = run(plan, "FC504")
    assert status == "fail" and [f.zones for f in found] == [("Z3",)]
    assert 0.96 <= found[0].measured <= 1.02
    wide = make_plan(
        HALL,
        ("corridor", (6, 0, 12, 1.5)),
        ("accessible_toilet", (12, 0, 14, 2.2)),
        ("mother_baby", (0, 4, 3, 7)),
        doors=(entrance(3, 0),),
    )
    assert run(wide, "FC504")[0] == "pass"


def test_route_rules_skip_without_main_entrance() -> None:
    plan = make_plan(HALL, ("mother_baby", (0, 4, 3, 7)))
    assert run(plan, "FC501") == ("skip", "no main entrance found (FC008)")
    assert run(plan, "FC504") == ("skip", "no main entrance found (FC008)")


def test_route_measurements_give_length_and_narrowest_width() -> None:
    plan = make_plan(
        HALL,
        ("corridor", (6, 0, 20, 1.5)),
        ("reading", (20, 0, 26, 6)),
        doors=(entrance(3, 0),),
    )
    status, found = run(plan, "FC505")
    by_zone = {f.zones[0]: f for f in found}
    assert status == "fail" and all(f.severity == "info" for f in found)
    reading = by_zone["Z3"]
    assert 16.0 <= reading.measured <= 18.5  # from (3, 0) up into the corridor and 17 m along it
    assert "narrowest 1.5" in reading.message or "narrowest 1.4" in reading.message
    assert reading.geometry.geom_type == "LineString"


def test_renovated_building_door_under_0_8_m_fails_fc502() -> None:
    plan = make_plan(
        HALL,
        ("reading", (6, 0, 20, 10)),
        doors=(entrance(3, 0), Door("D2", (6, 2), 0.75, 90.0)),
        walls=[((6, 0), (6, 1.6)), ((6, 2.4), (6, 4))],
    )
    status, found = run(plan, "FC502", existing_building=True)
    assert status == "fail" and found[0].measured == 0.75 and found[0].required == 0.8
    assert found[0].message == (
        "door D2 on an accessible route is 0.75 m wide; a door in a renovated building needs "
        "0.80 m clear"
    )
    assert found[0].message_zh == "无障碍通道上的门 D2 宽 0.75 m；改造建筑的门净宽应不小于 0.80 m"
