"""The PDF, the plan sheet and the HTML report in the chosen language, with the related rules of
a cause and the limits' sources; the PDF ends on a page with content and names the rules that
passed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLES
from pypdf import PdfReader
from test_language import latin_words

import floorcheck
from floorcheck.findings import Report
from floorcheck.render import build_scene
from floorcheck.rules import RULES


@pytest.fixture(scope="module")
def bad_layout() -> Report:
    return floorcheck.check(floorcheck.load(SAMPLES / "county_bad_layout.dxf"), level="county")


def _pdf_pages(report: Report, tmp_path: Path, lang: str) -> list[str]:
    path = floorcheck.write_pdf(report, tmp_path / f"r-{lang}.pdf", lang=lang)
    return [p.extract_text() for p in PdfReader(path).pages]


def _names(report: Report) -> set[str]:
    assert report.plan is not None
    names = {z.label for z in report.plan.zones} | {z.layer for z in report.plan.zones}
    return {n for n in names if n} | {report.file, Path(report.file).name}


def test_pdf_in_chinese_has_no_english_words(bad_layout: Report, tmp_path: Path) -> None:
    pages = _pdf_pages(bad_layout, tmp_path, "zh")
    text = "\n".join(pages)
    # the plan sheets' scale bar and north arrow are symbols (m, N)
    assert latin_words(text, _names(bad_layout) | {"N"}) == []
    assert "错误" in text and "同时违反" in text and "限值" in text


def test_pdf_lists_passed_rules_by_name_and_never_ends_on_a_lone_heading(
    bad_layout: Report, tmp_path: Path
) -> None:
    pages = _pdf_pages(bad_layout, tmp_path, "en")
    text = "\n".join(pages)
    for code in bad_layout.passed[:5]:
        assert re.search(rf"{code}\s+{re.escape(RULES[code].title('en')[:20])}", text), code
    last = [ln for ln in pages[-1].splitlines() if ln.strip()]
    assert len(last) > 1, pages[-1]
    for page in pages:
        lines = [ln for ln in page.splitlines() if ln.strip()]
        assert lines[-1] not in ("Rules passed", "Rules skipped", "Findings"), page


def test_plan_sheet_lists_findings_in_chinese_with_their_related_rules(
    bad_layout: Report,
) -> None:
    scene = build_scene(bad_layout, "zh")
    from floorcheck.render.mpl import finding_lines

    text = "\n".join(line for _, lines in finding_lines(scene, 200) for line in lines)
    assert "error" not in text and "warning" not in text
    assert "错误" in text and "同时违反：FC405、FC410" in text


def test_html_report_shows_related_rules_and_limits(bad_layout: Report) -> None:
    from floorcheck.report.html import html_report

    page = html_report(bad_layout, lang="zh")
    assert "同时违反" in page and "also:" in page
    assert "限值" in page and "floorcheck default" in page


def test_sarif_and_junit_speak_the_chosen_language(bad_layout: Report) -> None:
    import json
    import xml.etree.ElementTree as ET

    from floorcheck.report import format_reports

    sarif = json.loads(format_reports("sarif", [bad_layout], lang="zh"))
    first = sarif["runs"][0]["results"][0]
    assert "同时违反" in first["message"]["text"]
    assert all("同时违反" in r["message"]["text"] for r in first["relatedLocations"])
    junit = ET.fromstring(format_reports("junit", [bad_layout], lang="zh"))
    failure = next(
        c.find("failure") for c in junit.iter("testcase") if c.find("failure") is not None
    )
    assert "错误" in (failure.text or "") and "error]" not in (failure.text or "")
