"""Every limit says where it comes from: the guide (clause quoted), a national code (article), or
floorcheck's own default (and how to set it). A default that is not the guide's is a warning
unless the user raises it."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, entrance, make_plan, run

import floorcheck
from floorcheck import Config
from floorcheck.report import format_reports

SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.dxf"))
GUIDE, DEFAULT, CONFIGURED = "guide", "floorcheck default", "configured"


def _far_consultation():
    # the consultation zone 20 m from the main door, with no entrance hall
    return make_plan(
        ("waiting", (0, 0, 20, 10)),
        ("consultation", (20, 0, 26, 10)),
        doors=(entrance(1.0, 0.0, 1.8),),
    )


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_every_finding_with_a_limit_says_where_it_comes_from(sample: str) -> None:
    report = floorcheck.check(floorcheck.load(SAMPLES / f"{sample}.dxf"), level="county")
    for f in json.loads(report.to_json())["findings"]:
        # schema 1 fields stay: measured and required
        assert "measured" in f and "required" in f
        if f["required"] is None and f.get("limit") is None:
            continue
        assert f["limit"] == f["required"], f
        assert f["unit"] in ("m", "m²", "%", "count"), f
        assert f["source"] in (GUIDE, DEFAULT, CONFIGURED) or f["source"].startswith(
            ("GB 55019-2021", "GB 50763-2012", "PIPL")
        ), f
        assert f["basis"] and f["basis_zh"], f


def test_a_floorcheck_default_is_a_warning_and_says_how_to_set_it() -> None:
    outcome, found = run(_far_consultation(), "FC401")
    assert outcome == "fail"
    (f,) = found
    assert f.severity == "warning"  # FC401 is an error rule; 6 m is not the guide's number
    assert f.source == DEFAULT and f.limit == 6.0 and f.unit == "m"
    assert "[rules.FC401] max_distance_m" in f.basis
    assert "floorcheck" in f.basis_zh and "max_distance_m" in f.basis_zh


def test_a_raised_default_is_an_error_again() -> None:
    _, (f,) = run(_far_consultation(), "FC401", options={"severity": "error"})
    assert f.severity == "error"
    _, (f,) = run(_far_consultation(), "FC401", options={"max_distance_m": 8.0})
    assert f.severity == "error" and f.source == CONFIGURED and f.limit == 8.0


def test_the_guides_limit_quotes_its_clause() -> None:
    from shapely.geometry import box

    plan = floorcheck.Plan(zones=(floorcheck.Zone("Z1", "waiting", box(0, 0, 20, 20)),))
    _, (f,) = run(plan, "FC101")
    assert f.source == GUIDE and f.limit == 1000.0 and f.unit == "m²"
    assert "§三" in f.basis_zh and "不少于1000" in f.basis_zh
    assert "1000" in f.basis


def test_a_national_code_names_its_article() -> None:
    report = floorcheck.check(
        floorcheck.load(SAMPLES / "county_bad_access.dxf"), config=Config(select=("FC502",))
    )
    (f,) = report.findings
    assert f.source == "GB 55019-2021 2.5.4" and f.unit == "m"
    assert "GB 55019-2021" in f.basis and "900mm" in f.basis_zh


def test_text_report_states_the_basis_of_each_limit() -> None:
    report = floorcheck.check(_far_consultation(), level="county", config=Config(select=("FC401",)))
    text = format_reports("text", [report])
    assert "limit 6.0 m: floorcheck default" in text
    zh = format_reports("text", [report], lang="zh")
    assert "限值 6.0 m" in zh and "floorcheck 默认值" in zh
