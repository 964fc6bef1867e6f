"""Small defects of the texts a reviewer reads: numbers that round to the limit they fall short
of, coordinates printed twice, Chinese texts that leave values out, lists and brackets written
the English way in Chinese, and advice that sends the user to the wrong command."""

from __future__ import annotations

import re
import string

import pytest
from conftest import SAMPLES, make_plan, run, window
from shapely.geometry import box

import floorcheck
from floorcheck import Camera, Door, Zone
from floorcheck.report import format_reports
from floorcheck.rules import RULES

SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.dxf"))
PAIR = re.compile(r"\(-?\d+\.\d, -?\d+\.\d\)")


def test_a_toilet_just_short_of_4_m2_does_not_read_as_4() -> None:
    plan = floorcheck.Plan(zones=(Zone("Z1", "accessible_toilet", box(0, 0, 1.8, 2.2)),))
    _, found = run(plan, "FC503")
    (small,) = [f for f in found if f.measured is not None and f.measured < 4]
    assert "3.96 m²" in small.message and "4.0 m²; needs 4 m²" not in small.message
    assert "3.96 m²" in small.message_zh


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_finding_prints_its_coordinates_twice(sample: str, lang: str) -> None:
    report = floorcheck.check(floorcheck.load(SAMPLES / f"{sample}.dxf"), level="county")
    for line in format_reports("text", [report], lang=lang).splitlines():
        pairs = PAIR.findall(line)
        assert len(pairs) == len(set(pairs)), line


def test_no_zones_sends_the_user_to_init_mapping() -> None:
    report = floorcheck.check(floorcheck.Plan(source="x.dxf"), level="county")
    (f,) = [f for f in report.findings if f.rule == "FC012"]
    assert "init-mapping" in f.message and "init-mapping" in f.message_zh


def test_chinese_texts_leave_no_value_out() -> None:
    """No message may declare fields its Chinese text does not show (``en_only`` is gone)."""
    offenders = [
        (code, mid)
        for code, r in RULES.items()
        for mid, m in r.messages.items()
        if getattr(m, "en_only", ())
    ]
    assert offenders == []


def _zh_templates():
    for code, rule in RULES.items():
        for mid, m in rule.messages.items():
            yield code, mid, m.zh


def test_chinese_templates_use_full_width_brackets() -> None:
    offenders = [(c, mid, zh) for c, mid, zh in _zh_templates() if re.search(r"\((?!\d)", zh)]
    assert offenders == []


def test_chinese_lists_are_joined_with_the_enumeration_comma() -> None:
    """Values that are lists go through {name:list}, so that Chinese gets 、 and English , ."""
    # FC406: a back office split in two groups
    plan = make_plan(
        ("back_office", (0, 0, 4, 4)),
        ("back_office", (20, 0, 24, 4)),
        ("back_office", (24, 0, 28, 4)),
        ("acceptance", (5, 0, 19, 4)),
    )
    _, found = run(plan, "FC406")
    split = next(f for f in found if "split" in f.message)
    assert "Z2、Z3" in split.message_zh and ", " not in split.message_zh
    # FC305: the extras found
    plan = make_plan(("reading", (0, 0, 4, 4)), ("catering", (4, 0, 8, 4)))
    _, (f,) = run(plan, "FC305")
    assert "、" in f.message_zh and ", " not in f.message_zh


def test_fc101_populous_street_states_the_population_in_chinese() -> None:
    plan = floorcheck.Plan(zones=(Zone("Z1", "waiting", box(0, 0, 10, 17)),))
    _, (f,) = run(plan, "FC101", level="street", population=45000)
    assert "45,000" in f.message and ("45,000" in f.message_zh or "45000" in f.message_zh)


def test_fc601_and_fc603_assumed_staff_say_so_in_chinese() -> None:
    plan = make_plan(
        ("acceptance", (0, 0, 10, 10)),
        ("locker", (10, 0, 11, 1)),
        windows=(window(1, 1, wid="W1"), window(3, 1, wid="W2"), window(5, 1, wid="W3")),
    )
    _, (f601,) = run(plan, "FC601")
    assert "3" in f601.message_zh and "窗口" in f601.message_zh
    _, (f603,) = run(plan, "FC603")
    assert "估算" in f603.message_zh


def test_fc405_door_names_both_zones_in_chinese() -> None:
    plan = make_plan(
        ("back_office", (0, 0, 10, 5)),
        ("waiting", (0, 5, 10, 10)),
        walls=[((0, 5), (4, 5)), ((5, 5), (10, 5))],
        doors=(Door("D1", (4.5, 5), 1.0, 0.0),),
    )
    _, found = run(plan, "FC405")
    door = next(f for f in found if "D1" in f.message)
    assert "Z2" in door.message_zh


def test_fc701_and_fc704_name_the_kinds_in_chinese() -> None:
    plan = make_plan(
        ("acceptance", (0, 0, 10, 10)),
        ("toilet", (10, 0, 14, 10)),
        windows=(window(5, 5, kind="undifferentiated"),),
        cameras=(Camera("C1", "ptz", (9.5, 5)),),
    )
    _, (f701,) = run(plan, "FC701")
    assert "无差别综合受理窗口" in f701.message_zh
    _, (f704,) = run(plan, "FC704")
    assert "动点" in f704.message_zh


def test_fc002_unrecognised_label_is_quoted_in_chinese() -> None:
    plan = floorcheck.Plan(zones=(Zone("Z1", "unknown", box(0, 0, 5, 5), label="房间12"),))
    _, (f,) = run(plan, "FC002")
    assert "房间12" in f.message_zh


def test_every_template_field_is_in_both_languages() -> None:
    for code, rule in RULES.items():
        for mid, m in rule.messages.items():
            en = {n for _, n, _, _ in string.Formatter().parse(m.en) if n}
            zh = {n for _, n, _, _ in string.Formatter().parse(m.zh) if n}
            assert en == zh, (code, mid)
