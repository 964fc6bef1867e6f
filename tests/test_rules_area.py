"""FC101–FC103: usable area and waiting capacity (§三, §七(三))."""

from conftest import make_plan, run

from floorcheck import Seat


def test_county_hall_of_1200_m2_passes_area() -> None:
    plan = make_plan(("waiting", (0, 0, 40, 30)))
    assert run(plan, "FC101", "county")[0] == "pass"


def test_county_hall_of_912_m2_fails_with_shortfall() -> None:
    plan = make_plan(("waiting", (0, 0, 38, 24)))  # 912 m²
    status, found = run(plan, "FC101", "county")
    assert status == "fail"
    assert found[0].measured == 912.0 and found[0].required == 1000.0
    assert "88.0 m² short" in found[0].message and found[0].severity == "error"


def test_hall_outline_wins_over_zone_union() -> None:
    from shapely.geometry import box

    plan = make_plan(("waiting", (0, 0, 10, 10)), hall_outline=box(0, 0, 40, 30))
    assert run(plan, "FC101", "county")[0] == "pass"


def test_populous_street_needs_200_m2() -> None:
    plan = make_plan(("waiting", (0, 0, 15, 12)))  # 180 m²
    assert run(plan, "FC101", "street", population=20_000)[0] == "pass"
    status, found = run(plan, "FC101", "street", population=35_000)
    assert status == "fail" and found[0].required == 200.0


def test_township_shortfall_is_only_a_warning() -> None:
    plan = make_plan(("waiting", (0, 0, 9, 10)))
    status, found = run(plan, "FC101", "township")
    assert status == "fail" and found[0].severity == "warning"


def test_village_has_no_area_minimum_and_says_so() -> None:
    status, reason = run(make_plan(("waiting", (0, 0, 5, 5))), "FC101", "village")
    assert status == "skip" and "no minimum" in reason


def test_area_rule_skips_without_level() -> None:
    status, reason = run(make_plan(("waiting", (0, 0, 5, 5))), "FC101", None)
    assert status == "skip" and "level" in reason


def test_upper_floor_without_elevator_fails() -> None:
    plan = make_plan(("waiting", (0, 0, 5, 5)))
    assert run(plan, "FC102", floor=3, elevator=False)[0] == "fail"
    assert run(plan, "FC102", floor=3, elevator=True)[0] == "pass"
    assert run(plan, "FC102", floor=1)[0] == "pass"
    assert run(plan, "FC102")[0] == "skip"


def test_waiting_area_too_small_for_peak_without_seats() -> None:
    plan = make_plan(("waiting", (0, 0, 8, 5)))  # 40 m²
    status, found = run(plan, "FC103", peak_visitors=60)
    assert status == "fail" and found[0].required == 60.0
    assert run(plan, "FC103", peak_visitors=40)[0] == "pass"
    assert run(plan, "FC103", peak_visitors=50, options={"area_per_visitor_m2": 0.5})[0] == "pass"


def test_seats_in_the_waiting_area_count_against_the_peak() -> None:
    seats = (Seat((2, 2), 8), Seat((5, 2), 8), Seat((50, 50), 30))  # the last one is outside
    plan = make_plan(("waiting", (0, 0, 8, 5)), seats=seats)
    status, found = run(plan, "FC103", peak_visitors=20)
    assert status == "fail" and found[0].measured == 16.0
    assert run(plan, "FC103", peak_visitors=16)[0] == "pass"
