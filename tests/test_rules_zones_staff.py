"""FC301–FC305 (zones and facilities) and FC601–FC603 (staff, locker rooms)."""

from conftest import make_plan, run, window

from floorcheck.vocab import LEVELS

SET_A_PLAN = [
    (t, (i * 10, 0, i * 10 + 10, 10)) for i, t in enumerate(LEVELS["county"].required_zones)
]


def test_county_hall_with_all_nine_zones_passes() -> None:
    assert run(make_plan(*SET_A_PLAN), "FC301", "county")[0] == "pass"


def test_missing_material_circulation_fails_once() -> None:
    plan = make_plan(*[z for z in SET_A_PLAN if z[0] != "material_circulation"])
    status, found = run(plan, "FC301", "county")
    assert status == "fail" and len(found) == 1 and "物料流转区" in found[0].message_zh


def test_street_centre_needs_no_self_service_but_station_sets_are_smaller() -> None:
    plan = make_plan(*[z for z in SET_A_PLAN if z[0] != "self_service"])
    assert run(plan, "FC301", "street")[0] == "pass"
    assert run(plan, "FC301", "county")[0] == "fail"
    station = make_plan(
        ("acceptance", (0, 0, 5, 5)),
        ("waiting", (5, 0, 10, 5)),
        ("self_declaration", (10, 0, 15, 5)),
    )
    status, found = run(station, "FC301", "village")
    assert status == "fail" and len(found) == 1


def test_24h_self_service_counts_as_self_service() -> None:
    plan = make_plan(
        *[(("self_service_24h" if t == "self_service" else t), r) for t, r in SET_A_PLAN]
    )
    assert run(plan, "FC301", "county")[0] == "pass"
    assert run(plan, "FC304", "county")[0] == "pass"
    assert run(make_plan(*SET_A_PLAN), "FC304", "county")[0] == "fail"
    assert run(make_plan(*SET_A_PLAN), "FC304", "street")[0] == "skip"


def test_mother_baby_room_and_accessible_toilet_required() -> None:
    bare = make_plan(("waiting", (0, 0, 5, 5)))
    assert run(bare, "FC302")[0] == "fail" and run(bare, "FC303")[0] == "fail"
    full = make_plan(("mother_baby", (0, 0, 3, 3)), ("accessible_toilet", (3, 0, 5, 3)))
    assert run(full, "FC302")[0] == "pass" and run(full, "FC303")[0] == "pass"


def test_encouraged_extras_are_measured() -> None:
    status, found = run(make_plan(("reading", (0, 0, 5, 5)), ("catering", (5, 0, 9, 5))), "FC305")
    assert status == "fail" and found[0].severity == "info" and found[0].measured == 2


def _windows(n: int) -> tuple:
    return tuple(window(1 + i, 1, wid=f"W{i}") for i in range(n))


def test_staff_below_one_and_a_half_times_windows_warns() -> None:
    plan = make_plan(("acceptance", (0, 0, 20, 5)), windows=_windows(10))
    status, found = run(plan, "FC601", staff=12)
    assert status == "fail" and found[0].required == 15 and found[0].severity == "warning"
    assert run(plan, "FC601", staff=15)[0] == "pass"
    status, found = run(plan, "FC601")
    assert found[0].severity == "info" and "assuming" in found[0].message


def test_separate_locker_rooms() -> None:
    assert run(make_plan(("locker", (0, 0, 3, 3))), "FC602")[0] == "fail"
    assert (
        run(make_plan(("locker_male", (0, 0, 3, 3)), ("locker_female", (3, 0, 6, 3))), "FC602")[0]
        == "pass"
    )


def test_locker_rooms_need_point_six_m2_per_staff() -> None:
    lockers = (("locker_male", (0, 0, 2, 4)), ("locker_female", (2, 0, 4, 4)))  # 8 + 8 m²
    status, found = run(make_plan(*lockers), "FC603", staff=30)
    assert status == "fail" and found[0].measured == 16.0 and abs(found[0].required - 18.0) < 1e-9
    assert run(make_plan(*lockers), "FC603", staff=25)[0] == "pass"


def test_locker_split_by_gender() -> None:
    lockers = (("locker_male", (0, 0, 2, 4)), ("locker_female", (2, 0, 4, 4)))
    status, found = run(make_plan(*lockers), "FC603", staff_male=5, staff_female=20)
    assert status == "fail" and "女更衣室" in found[-1].message_zh


def test_locker_rule_assumes_staff_from_windows_and_skips_without_lockers() -> None:
    plan = make_plan(("locker", (0, 0, 1, 1)), ("acceptance", (1, 0, 21, 5)), windows=_windows(10))
    status, found = run(plan, "FC603")
    assert status == "fail" and "assumed 15" in found[0].message
    assert run(make_plan(("waiting", (0, 0, 1, 1))), "FC603")[0] == "skip"
