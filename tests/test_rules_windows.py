"""FC201–FC206: service windows (§六, §七(二))."""

from conftest import make_plan, run, window
from shapely.geometry import box

from floorcheck import Obstacle, Terminal


def counters(n: int, kind: str = "undifferentiated") -> tuple:
    return tuple(window(2.0 + 2 * i, 4.0, kind, wid=f"W{i}") for i in range(n))


def test_four_undifferentiated_windows_fail_county_five_pass() -> None:
    zones = ("acceptance", (0, 0, 20, 5))
    status, found = run(make_plan(zones, windows=counters(4)), "FC201", "county")
    assert status == "fail" and found[0].measured == 4 and found[0].required == 5
    assert run(make_plan(zones, windows=counters(5)), "FC201", "county")[0] == "pass"


def test_village_needs_one_window_and_categorized_do_not_count() -> None:
    zones = ("acceptance", (0, 0, 20, 5))
    assert run(make_plan(zones, windows=counters(1)), "FC201", "village")[0] == "pass"
    assert (
        run(make_plan(zones, windows=counters(3, "categorized")), "FC201", "village")[0] == "fail"
    )


def test_assisted_window_required() -> None:
    zones = ("acceptance", (0, 0, 20, 5))
    assert run(make_plan(zones, windows=counters(3)), "FC202")[0] == "fail"
    assert run(make_plan(zones, windows=counters(1, "assisted")), "FC202")[0] == "pass"


def test_cross_province_window_must_serve_acceptance_at_county_level() -> None:
    zones = (("acceptance", (0, 0, 20, 5)), ("consultation", (20, 0, 30, 5)))
    inside = make_plan(*zones, windows=(window(5, 4, "cross_province"),))
    outside = make_plan(*zones, windows=(window(25, 4, "cross_province"),))
    assert run(inside, "FC203", "county")[0] == "pass"
    status, found = run(outside, "FC203", "county")
    assert status == "fail" and "咨询导服区" in found[0].message_zh
    assert run(outside, "FC203", "street")[0] == "pass"  # below county level: existing is enough
    assert run(make_plan(*zones), "FC203", "street")[0] == "fail"


def test_complaint_window_must_stand_in_consultation_at_county_level() -> None:
    zones = (("acceptance", (0, 0, 20, 5)), ("consultation", (20, 0, 30, 5)))
    assert (
        run(make_plan(*zones, windows=(window(25, 4, "complaint"),)), "FC204", "city")[0] == "pass"
    )
    assert (
        run(make_plan(*zones, windows=(window(5, 4, "complaint"),)), "FC204", "city")[0] == "fail"
    )
    assert run(make_plan(*zones), "FC204", "village")[0] == "fail"


def test_one_metre_line_blocked_by_a_display_case() -> None:
    zones = ("acceptance", (0, 0, 10, 6))
    # window at y=5 facing south: the public strip runs from y=5 down to y=4
    case = Obstacle(box(3, 3.6, 7, 4.3), "furniture")
    status, found = run(make_plan(zones, windows=(window(5, 5),), obstacles=(case,)), "FC205")
    assert status == "fail" and 0.65 <= found[0].measured <= 0.7
    assert run(make_plan(zones, windows=(window(5, 5),)), "FC205")[0] == "pass"


def test_one_metre_line_needs_floor_in_front() -> None:
    zones = ("acceptance", (0, 4.5, 10, 6))  # only 0.5 m of floor in front of the counter
    assert run(make_plan(zones, windows=(window(5, 5),)), "FC205")[0] == "fail"


def test_cross_province_terminal_must_stand_in_self_declaration() -> None:
    zones = (("self_declaration", (0, 0, 10, 5)), ("waiting", (10, 0, 20, 5)))
    good = make_plan(*zones, terminals=(Terminal("T1", (5, 2), True),))
    wrong_zone = make_plan(*zones, terminals=(Terminal("T1", (15, 2), True),))
    unmarked = make_plan(*zones, terminals=(Terminal("T1", (5, 2), False),))
    assert run(good, "FC206")[0] == "pass"
    assert run(wrong_zone, "FC206")[0] == "fail"
    assert run(unmarked, "FC206")[0] == "fail"


def test_special_windows_outside_every_zone_are_named_as_such() -> None:
    """A 跨省通办 window, a 办不成事 window and a 跨省通办 terminal standing in no zone at all."""
    zones = (("acceptance", (0, 0, 20, 5)), ("consultation", (20, 0, 30, 5)))
    status, found = run(make_plan(*zones, windows=(window(50, 50, "cross_province"),)), "FC203")
    assert status == "fail" and found[0].zones == () and found[0].location == (50.0, 50.0)
    assert found[0].message == (
        "the cross-province window W1 stands outside every zone; at county level and above it "
        "must stand in the comprehensive acceptance area"
    )
    assert found[0].message_zh == "跨省通办窗口 W1 位于功能区之外；县级以上应设在综合受理区"
    status, found = run(make_plan(*zones, windows=(window(50, 50, "complaint"),)), "FC204")
    assert status == "fail" and "stands outside every zone" in found[0].message
    far = make_plan(
        ("self_declaration", (0, 0, 10, 5)), terminals=(Terminal("T1", (50, 50), True),)
    )
    status, found = run(far, "FC206")
    assert status == "fail" and found[0].zones == ()
    assert found[0].message == (
        "the cross-province terminal T1 stands in no zone, not in a self-declaration area"
    )
    assert found[0].message_zh == "跨省通办自助终端 T1 位于功能区之外，而非自助申报区"
