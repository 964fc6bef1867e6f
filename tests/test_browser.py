"""The HTML report and the serve page in a real headless Chromium (Debian's chromium, driven by
Playwright through ``executable_path``; .ci/run installs it). Skipped where no chromium is
installed, except in CI, where a missing browser is a failure, not a skip."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES

import floorcheck
from floorcheck.report.html import write_html

CHROMIUM = os.environ.get("FLOORCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(
    os.environ.get("FLOORCHECK_ARTIFACTS") or Path(tempfile.gettempdir()) / "floorcheck-artifacts"
)

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(
            f"CI must run the browser tests: no chromium at {CHROMIUM} (.ci/run installs it)"
        )
    pytest.skip("no chromium installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> tuple[Path, floorcheck.Report]:
    report = floorcheck.check(SAMPLES / "county_bad_cameras.dxf")
    path = tmp_path_factory.mktemp("html") / "report.html"
    write_html(report, path)
    return path, report


@pytest.fixture()
def page(browser, report_file):
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    pg = context.new_page()
    problems: list[str] = []
    pg.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on(
        "request",
        lambda r: (
            problems.append(f"network: {r.url}")
            if not r.url.startswith(("file:", "data:", "about:"))
            else None
        ),
    )
    pg.goto(report_file[0].as_uri())
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_report_opens_with_no_console_error_and_lists_every_finding(page, report_file) -> None:
    _, report = report_file
    assert page.locator("#findings li").count() == len(report.findings)
    assert page.locator("#plan [data-role=zone] path").count() == len(report.plan.zones)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
    assert page.problems == []


def test_clicking_a_finding_highlights_its_geometry_and_zooms(page, report_file) -> None:
    _, report = report_file
    # the first blind spot: a finding drawn as a polygon of its own
    n = next(
        i
        for i, li in enumerate(page.locator("#findings li").all(), 1)
        if "FC703" in li.inner_text()
    )
    before = page.locator("#plan").get_attribute("viewBox")
    page.locator(f"#f{n}").click()
    spot = page.locator(f'#plan [data-role=blind-spot] path[data-f~="{n}"]')
    assert spot.count() == 1
    assert "hl" in (spot.get_attribute("class") or "")
    assert page.locator("#plan .hl").count() >= 2  # the spot and its number
    assert page.locator(f"#f{n}").get_attribute("class") == "sel" or "sel" in page.locator(
        f"#f{n}"
    ).get_attribute("class")
    after = page.locator("#plan").get_attribute("viewBox")
    assert after != before
    w_before, w_after = float(before.split()[2]), float(after.split()[2])
    assert w_after < w_before  # zoomed in
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report-selected.png"))
    assert page.problems == []


def test_clicking_the_plan_lists_the_findings_there(page) -> None:
    marker = page.locator("#plan .fm").first
    numbers = marker.get_attribute("data-f").split()
    marker.click()
    assert page.locator("#here").is_visible()
    shown = [li.get_attribute("data-n") for li in page.locator("#findings li:visible").all()]
    assert set(numbers) <= set(shown) and len(shown) < page.locator("#findings li").count()
    page.locator("#show-all").click()
    assert page.locator("#findings li:visible").count() == page.locator("#findings li").count()
    assert page.problems == []


def test_the_language_switch_changes_the_text(page) -> None:
    verdict = page.locator("#verdict")
    first = page.locator("#findings li .msg").first
    assert verdict.inner_text() == "FAIL"
    english = first.inner_text()
    page.locator("[data-setlang=zh]").click()
    assert verdict.inner_text() == "不通过"
    chinese = first.inner_text()
    assert chinese != english and re.search(r"[\u4e00-\u9fff]", chinese)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.locator("[data-setlang=en]").click()
    assert verdict.inner_text() == "FAIL"


def test_a_layer_toggle_hides_camera_views(page) -> None:
    views = page.locator("#plan [data-role=camera-view]")
    assert views.count() == 1 and views.is_visible()
    page.locator("input[data-layer=camera-views]").uncheck()
    assert not views.is_visible()
    assert page.locator("#plan [data-role=blind-spot]").is_visible()
    page.locator("input[data-layer=camera-views]").check()
    assert views.is_visible()


def test_filters_by_severity_and_family(page) -> None:
    total = page.locator("#findings li").count()
    page.locator("input[data-sev=info]").uncheck()
    infos = page.locator("#findings li[data-sev=info]").count()
    assert page.locator("#findings li:visible").count() == total - infos
    page.locator("input[data-fam=FC7]").uncheck()
    assert page.locator("#findings li:visible").count() == 0  # this sample's errors are all FC7
    assert page.locator("#plan [data-role=blind-spot] path:visible").count() == 0


def test_the_serve_page_checks_a_dropped_file(browser, tmp_path: Path) -> None:
    from test_serve import Server

    srv = Server(tmp_path, "--workers", "1")
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        problems: list[str] = []
        pg.on("pageerror", lambda e: problems.append(str(e)))
        pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        pg.goto(srv.url + "/")
        pg.locator("#file").set_input_files(str(SAMPLES / "county_bad_layout.dxf"))
        pg.locator("#level").select_option("county")
        pg.locator("#go").click()
        frame = pg.frame_locator("#report")
        frame.locator("#findings li").first.wait_for(timeout=60_000)
        assert frame.locator("#findings li").count() > 5
        assert pg.locator("#downloads").is_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "serve-page.png"))
        # a broken file: the one-line message, shown on the page
        bad = tmp_path.parent / "broken.dxf"
        bad.write_bytes(b"not a drawing at all")
        pg.locator("#file").set_input_files(str(bad))
        pg.locator("#go").click()
        pg.locator("#status.error").wait_for(timeout=30_000)
        assert pg.locator("#status").inner_text().startswith("broken.dxf: ")
        assert problems == [] or all("400" in p for p in problems)
        context.close()
    finally:
        srv.stop()


def test_serve_lang_zh_opens_the_page_in_chinese(browser, tmp_path: Path) -> None:
    """``serve --lang zh`` in an English browser: the page opens in Chinese, and a file that
    cannot be used is said in Chinese."""
    from test_serve import Server

    srv = Server(tmp_path, "--workers", "1", "--lang", "zh")
    try:
        context = browser.new_context(locale="en-US")
        pg = context.new_page()
        pg.goto(srv.url + "/")
        assert pg.evaluate("document.documentElement.lang") == "zh-CN"
        assert pg.locator("#go .zh").is_visible() and not pg.locator("#go .en").is_visible()
        bad = tmp_path.parent / "坏图.dxf"
        bad.write_bytes(b"not a drawing at all")
        pg.locator("#file").set_input_files(str(bad))
        pg.locator("#go").click()
        pg.locator("#status.error").wait_for(timeout=30_000)
        status = pg.locator("#status").inner_text()
        assert status.startswith("坏图.dxf：") and "不是 DXF 文件" in status
        pg.locator("[data-setlang=en]").click()  # the switch still works
        assert pg.locator("#go .en").is_visible()
        context.close()
    finally:
        srv.stop()
