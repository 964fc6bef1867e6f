"""One physical cause, one finding: an opening that breaks four rules is reported once, as its
primary rule's finding listing the others (``related``), in every output."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, make_plan

import floorcheck
from floorcheck.cli import main
from floorcheck.findings import Finding, Report
from floorcheck.report import format_reports

# county_bad_layout's back office (Z12) is drawn open to five public zones: five openings.
OPENINGS = {
    frozenset({"Z12", "Z7"}): ("FC404", {"FC405", "FC410"}),
    frozenset({"Z12", "Z13"}): ("FC404", {"FC405", "FC408", "FC410"}),
    frozenset({"Z12", "Z11"}): ("FC405", {"FC410"}),
    frozenset({"Z12", "Z19"}): ("FC405", {"FC410"}),
    frozenset({"Z12", "Z20"}): ("FC405", {"FC410"}),
}


@pytest.fixture(scope="module")
def bad_layout() -> Report:
    return floorcheck.check(floorcheck.load(SAMPLES / "county_bad_layout.dxf"), level="county")


def test_county_bad_layout_reports_each_opening_once_with_the_rules_it_also_breaks(
    bad_layout: Report,
) -> None:
    seen = {}
    for f in bad_layout.findings:
        if f.rule in ("FC404", "FC405", "FC408", "FC410"):
            key = frozenset(f.zones)
            assert key not in seen, f"two findings for the opening {sorted(key)}"
            seen[key] = (f.rule, {r.rule for r in f.related})
    assert seen == OPENINGS


def test_county_bad_layout_has_one_primary_finding_per_real_problem(bad_layout: Report) -> None:
    # five openings, the consultation zone far from the door (FC401, a floorcheck default
    # limit: a warning) and a waiting room far from the windows (FC402, the same)
    errors = [f for f in bad_layout.findings if f.severity == "error"]
    assert len(errors) == 5
    assert {f.rule for f in bad_layout.findings if f.severity == "warning"} >= {"FC401", "FC402"}


def test_related_rules_still_count_as_failed(bad_layout: Report) -> None:
    summary = bad_layout.summary
    assert {"FC404", "FC405", "FC408", "FC410"} <= set(summary["failed"])
    assert not {"FC405", "FC408", "FC410"} & set(summary["passed"])
    # every rule is in exactly one of failed (error/warning findings, related included),
    # passed, skipped, or has info findings only
    codes = [*summary["failed"], *summary["passed"], *(s["rule"] for s in summary["skipped"])]
    assert len(codes) == len(set(codes))


def test_json_carries_related_and_reads_back(bad_layout: Report) -> None:
    data = json.loads(bad_layout.to_json())
    primary = next(
        f for f in data["findings"] if f["rule"] == "FC404" and set(f["zones"]) == {"Z12", "Z13"}
    )
    assert sorted(r["rule"] for r in primary["related"]) == ["FC405", "FC408", "FC410"]
    assert all(r["message"] and r["clause"] for r in primary["related"])
    again = Report.from_json(bad_layout.to_json())
    assert again.to_json() == bad_layout.to_json()
    assert [f.related for f in again.findings] == [
        tuple(Finding.from_dict(r.to_dict()) for r in f.related) for f in bad_layout.findings
    ]


def test_text_lists_the_related_codes(bad_layout: Report) -> None:
    text = format_reports("text", [bad_layout])
    line = next(ln for ln in text.splitlines() if "FC404" in ln and "Z13" in ln)
    assert "also: FC405, FC408, FC410" in line
    zh = format_reports("text", [bad_layout], lang="zh")
    line = next(ln for ln in zh.splitlines() if "FC404" in ln and "Z13" in ln)
    assert "同时违反：FC405、FC408、FC410" in line


def test_summary_line_counts_problems_and_rules(bad_layout: Report) -> None:
    text = format_reports("text", [bad_layout])
    last = text.strip().splitlines()[-1]
    assert "problems:" in last and "5 error(s)" in last
    failed = len(bad_layout.summary["failed"])
    assert f"rules: {failed} failed" in last


def test_sarif_puts_related_rules_in_related_locations(bad_layout: Report) -> None:
    sarif = json.loads(format_reports("sarif", [bad_layout]))
    results = sarif["runs"][0]["results"]
    primary = next(
        r
        for r in results
        if r["ruleId"] == "FC404"
        and {loc["name"] for loc in r["locations"][0]["logicalLocations"]} == {"Z12", "Z13"}
    )
    texts = [loc["message"]["text"] for loc in primary["relatedLocations"]]
    assert len(texts) == 3 and all(any(c in t for c in ("FC405", "FC408", "FC410")) for t in texts)


def test_junit_fails_the_related_rules_too(bad_layout: Report) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(format_reports("junit", [bad_layout]))
    failed = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    assert {"FC404", "FC405", "FC408", "FC410"} <= failed


def test_a_cause_of_one_rule_alone_is_not_grouped() -> None:
    # a waiting area open onto the back office: FC405 and FC410 (no counters involved)
    plan = make_plan(("back_office", (0, 0, 10, 5)), ("waiting", (0, 5, 10, 10)))
    report = floorcheck.check(plan, level="county")
    found = [f for f in report.findings if f.rule in ("FC404", "FC405", "FC410")]
    assert [(f.rule, tuple(r.rule for r in f.related)) for f in found] == [("FC405", ("FC410",))]
    only = floorcheck.check(plan, level="county", config=floorcheck.Config(select=("FC410",)))
    assert [(f.rule, f.related) for f in only.findings] == [("FC410", ())]


def test_cli_json_exit_status_counts_related(capsys) -> None:
    assert main(["check", str(SAMPLES / "county_bad_layout.dxf"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["errors"] == 5
