"""The annotated plan reads: numbers never hide each other or zone names, every drawn kind is in
the legend, layers can be switched off, and a long findings list goes on to another sheet."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from conftest import SAMPLES, entrance, make_plan

import floorcheck
from floorcheck.findings import Finding, Report
from floorcheck.render import build_scene, parse_layers
from floorcheck.render.mpl import LIST_PT, cjk_style, plan_sheets
from floorcheck.render.place import overlaps
from floorcheck.render.styles import OPTIONAL_LAYERS, STYLES
from floorcheck.render.text import compact_numbers, wrap
from floorcheck.vocab import ZONE_TYPES


def _plan():
    return make_plan(
        ("waiting", (0, 0, 12, 8)),
        ("acceptance", (0, 8, 12, 12)),
        ("back_office", (12, 0, 16, 12)),
        doors=(entrance(6, 0),),
    )


def _report(findings: list[Finding]) -> Report:
    plan = _plan()
    report = floorcheck.check(plan, level="county")
    report.findings = findings
    return report


def _crowd(spot: tuple[float, float], n: int) -> list[Finding]:
    sev = ("error", "warning", "info")
    return [
        Finding(f"FC4{i % 10:02d}", sev[i % 3], "§七", f"finding {i}", location=spot, zones=("Z1",))
        for i in range(n)
    ]


@pytest.mark.parametrize("count", [2, 9, 40])
def test_findings_at_one_point_get_markers_that_do_not_overlap(count: int) -> None:
    plan = _plan()
    label_spot = plan.zones[0].geometry.representative_point()
    # all at one spot, and that spot is where the zone's name is written
    scene = build_scene(_report(_crowd((label_spot.x, label_spot.y), count)))
    markers = [m for m in scene.markers if m.role == "finding-marker"]
    boxes = [m.box(scene.pt) for m in markers]
    for a, b in combinations(boxes, 2):
        assert not overlaps(a, b)
    for label in scene.labels:
        assert not any(overlaps(label.box(scene.pt), b) for b in boxes)
    # every finding's number is on exactly one marker, and moved markers lead back to the spot
    assert sorted(n for m in markers for n in m.numbers) == list(range(1, count + 1))
    moved = [m for m in markers if m.anchor is not None]
    assert len(scene.drawn("leader")) == len(moved)
    assert all(m.anchor == pytest.approx((label_spot.x, label_spot.y)) for m in moved)
    # markers stay on the sheet
    vx0, vy0, vx1, vy1 = scene.view
    assert all(vx0 <= b[0] and b[2] <= vx1 and vy0 <= b[1] and b[3] <= vy1 for b in boxes)


def test_a_marker_lists_a_few_numbers_at_one_spot() -> None:
    scene = build_scene(_report(_crowd((3.0, 3.0), 3)))
    (marker,) = [m for m in scene.markers if m.role == "finding-marker"]
    assert marker.text == "1–3" and marker.fill == STYLES["failing-zone"].edge


@pytest.fixture(scope="module")
def sample_scenes():
    names = ["county_bad_cameras", "county_bad_access", "county_bad_layout", "village_tarch_proxy"]
    return {n: build_scene(floorcheck.check(SAMPLES / f"{n}.dxf")) for n in names}


def test_every_drawn_kind_has_a_legend_entry(sample_scenes) -> None:
    drawn_anywhere: set[str] = set()
    for scene in sample_scenes.values():
        in_legend = {e.role for e in scene.legend}
        assert scene.roles() - {"zone"} <= in_legend
        drawn_anywhere |= scene.roles()
        # each zone type drawn is a legend entry in its own colour
        types = {s.key for s in scene.drawn("zone")}
        zone_entries = {e.colour for e in scene.legend if e.role == "zone"}
        assert {s.face for s in scene.drawn("zone")} <= zone_entries | {"#ffffff"}
        assert types
    # the samples between them draw every kind the issue names
    assert {
        "route",
        "pinch",
        "camera-view",
        "blind-spot",
        "door",
        "failing-zone",
        "finding-marker",
    } <= drawn_anywhere
    # and every style but the zone's (listed by type) has words in both languages
    for role, st in STYLES.items():
        assert role == "zone" or (st.legend and all(st.legend))


def test_the_legend_is_drawn_with_every_entry(sample_scenes) -> None:
    scene = sample_scenes["county_bad_cameras"]
    with cjk_style():
        (sheet,) = plan_sheets(scene)
    texts = {t.get_text() for ax in sheet.axes for t in ax.texts}
    assert {e.text for e in scene.legend} <= texts


def test_zone_types_in_the_legend_are_known_types(sample_scenes) -> None:
    names = {
        e.text.split(" ")[0] for s in sample_scenes.values() for e in s.legend if e.role == "zone"
    }
    assert names <= {z.zh for z in ZONE_TYPES.values()}


def test_camera_views_are_a_layer_that_can_be_switched_off() -> None:
    report = floorcheck.check(SAMPLES / "county_bad_cameras.dxf")
    assert build_scene(report).drawn("camera-view")
    hidden = build_scene(report, layers="-camera-views")
    assert not hidden.drawn("camera-view") and hidden.drawn("blind-spot")
    assert "camera-view" not in {e.role for e in hidden.legend}
    bare = build_scene(report, layers="none")
    assert not ({"camera-view", "blind-spot", "route", "zone-label"} & bare.roles())
    # cameras themselves and the findings stay
    assert {"camera-fixed", "finding-marker", "failing-zone"} <= bare.roles()


def test_layer_names_are_checked() -> None:
    assert parse_layers(None) == frozenset(OPTIONAL_LAYERS)
    assert parse_layers("routes,labels") == {"routes", "labels"}
    assert parse_layers("-labels") == frozenset(OPTIONAL_LAYERS) - {"labels"}
    with pytest.raises(ValueError, match="unknown layer 'cams'"):
        parse_layers("cams")


def test_wrapping_keeps_coordinate_pairs_and_measures_whole() -> None:
    text = "后台协同区 (Z12) and 综合受理区 (Z7) share an open boundary of 6.4 m at (28.8, 18.0); x"
    for width in range(8, 40):
        lines = wrap(text, width)
        joined = "\n".join(lines)
        assert "(28.8, 18.0)" in joined and "6.4 m" in joined
    zh = "从主入口 D1 到 无障碍卫生间 (Z14) 的无障碍通道在 (12.5, 3.0) 处净宽仅 1.10 m；轮椅通行需净宽 1.20 m"
    for width in range(6, 30):
        assert "(12.5, 3.0)" in "\n".join(wrap(zh, width))
    assert compact_numbers([9, 1, 3, 4, 5]) == "1,3–5,9"


def test_a_long_findings_list_goes_on_to_a_second_sheet_in_the_same_type_size(
    tmp_path: Path,
) -> None:
    findings = [
        Finding(
            "FC402",
            "error",
            "§七",
            f"zone Z{i} is {i}.0 m from the nearest window at ({i}.0, 2.0); "
            "it must be within 5.0 m or open onto the waiting area",
            location=(i % 12, 2.0),
        )
        for i in range(120)
    ]
    report = _report(findings)
    scene = build_scene(report)
    with cjk_style():
        sheets = plan_sheets(scene)
    assert len(sheets) >= 2
    listed = [
        t
        for sheet in sheets
        for ax in sheet.axes
        for t in ax.texts
        if t.get_text()[:1].isdigit() and ". [FC" in t.get_text()
    ]
    assert sorted(int(t.get_text().split(".")[0]) for t in listed) == list(range(1, 121))
    assert {t.get_fontsize() for t in listed} == {LIST_PT}
    paths = floorcheck.api.render_png(report, tmp_path / "plan.png", dpi=40)
    assert paths == tmp_path / "plan.png" and (tmp_path / "plan-2.png").exists()


def test_scene_uses_the_views_the_check_computed() -> None:
    report = floorcheck.check(SAMPLES / "county_bad_cameras.dxf")
    views = report.analysis.views.polygons
    scene = build_scene(report)
    assert {s.key for s in scene.drawn("camera-view")} == set(views)
