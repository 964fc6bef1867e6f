"""Reading a real sheet before anyone writes a mapping (issue 13), on small drawings made here:
rooms of no zone type, the drawing's own names, sections left out, several floor plans, rooms
that would run away, mappings as written, HALL, counter rows, bow-ties, self-inserting blocks,
the render of what was read and the recognition table."""

from __future__ import annotations

import json
from pathlib import Path

import ezdxf
import pytest
from pypdf import PdfReader

import floorcheck
from floorcheck.cli import main
from floorcheck.config import Config
from floorcheck.dxf import load_plans
from floorcheck.render import build_scene

# -- drawing helpers: metres, walls on A-WALL, names as TEXT on A-ANNO-TEXT ----------------------


def _doc():
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6  # metres
    return doc, doc.modelspace()


def _save(doc, tmp_path: Path, name: str = "plan.dxf") -> Path:
    path = tmp_path / name
    doc.saveas(path)
    return path


def _wall(msp, *pts, layer: str = "A-WALL") -> None:
    msp.add_lwpolyline(list(pts), dxfattribs={"layer": layer})


def _text(msp, text: str, x: float, y: float, height: float = 0.3, layer: str = "A-ANNO-TEXT"):
    msp.add_text(
        text, height=height, dxfattribs={"layer": layer, "halign": 1, "valign": 2}
    ).set_placement((x, y), align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER)


def _row(msp, x0: float, names: list[str], width: float = 5.0, depth: float = 6.0) -> None:
    """A row of rooms ``width`` × ``depth`` from ``x0``, each with a 1 m door in its front wall,
    named ``names`` (an empty name: a room with no text)."""
    n = len(names)
    _wall(msp, (x0, 0), (x0 + n * width, 0))
    for k in range(n + 1):  # partitions, closing the rooms at the back wall
        _wall(msp, (x0 + k * width, 0), (x0 + k * width, depth))
    for k in range(n):  # the front wall of each room, a door gap of 1 m in it
        a = x0 + k * width
        _wall(msp, (a, depth), (a + 2.0, depth))
        _wall(msp, (a + 3.0, depth), (a + width, depth))
        if names[k]:
            _text(msp, names[k], a + width / 2, depth / 2)


# -- 1, 2: every labelled room is a zone, with the drawing's own name ---------------------------


def test_rooms_of_no_zone_type_are_zones_with_their_names(tmp_path: Path, capsys) -> None:
    doc, msp = _doc()
    _row(msp, 0, ["配电房", "工具间", "配电房", "工具间", "综合受理区"])
    path = _save(doc, tmp_path)
    plan = floorcheck.load(path)
    assert sorted((z.type, z.label, round(z.area_m2, 1)) for z in plan.zones) == [
        ("acceptance", "综合受理区", 30.0),
        ("unknown", "工具间", 30.0),
        ("unknown", "工具间", 30.0),
        ("unknown", "配电房", 30.0),
        ("unknown", "配电房", 30.0),
    ]
    assert main(["zones", str(path)]) == 0
    out = capsys.readouterr().out
    assert "4 rooms whose names are not zone types of the guide: 「配电房」×2, 「工具间」×2" in out
    assert "floorcheck init-mapping" in out
    # JSON carries them, typed unknown, with their names
    assert main(["check", str(path), "--level", "village", "--format", "json", "-q"]) in (0, 1)
    zones = json.loads(capsys.readouterr().out)["zones"]
    assert sorted(z["label"] for z in zones if z["type"] == "unknown") == [
        "工具间",
        "工具间",
        "配电房",
        "配电房",
    ]
    # the plan draws them grey, each with its name
    scene = build_scene(floorcheck.check(plan, level="village"))
    assert len(scene.drawn("unknown-zone")) == 4
    assert sum("配电房" in lb.text for lb in scene.labels if lb.role == "zone-label") == 2
    assert any(e.role == "unknown-zone" for e in scene.legend)


def test_a_zone_typed_by_its_layer_keeps_the_drawings_name(tmp_path: Path, capsys) -> None:
    """A room typed equipment by its layer (a mapping's [layer_types]) is still called 配电房 in
    the text, the JSON, the plan (PNG, PDF) and the HTML report."""
    doc, msp = _doc()
    msp.add_lwpolyline(
        [(0, 0), (6, 0), (6, 5), (0, 5)], close=True, dxfattribs={"layer": "RM-EQUIP-1"}
    )
    _text(msp, "配电房", 3, 2.5, layer="RM-EQUIP-1")
    msp.add_lwpolyline(
        [(6, 0), (16, 0), (16, 5), (6, 5)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    _text(msp, "休息等候区", 11, 2.5, layer="A-AREA")
    path = _save(doc, tmp_path)
    mapping = tmp_path / "office.toml"
    mapping.write_text('[layer_types]\n"RM-EQUIP-*" = "equipment"\n', encoding="utf-8")
    plan = floorcheck.load(path, mapping=mapping)
    (room,) = plan.zones_of("equipment")
    assert room.label == "配电房"
    assert main(["zones", str(path), "--mapping", str(mapping)]) == 0
    assert "「配电房」" in capsys.readouterr().out
    report = floorcheck.check(plan, level="village")
    assert [z["label"] for z in report.to_dict()["zones"] if z["type"] == "equipment"] == ["配电房"]
    scene = build_scene(report, lang="zh")
    assert any(lb.text.startswith("配电房\n(设备间)") for lb in scene.labels)
    pdf = floorcheck.write_pdf(report, tmp_path / "r.pdf", lang="zh")
    assert "配电房" in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    html = floorcheck.write_html(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "配电房" in html


def test_unknown_rooms_count_toward_the_usable_area_and_the_findings_say_so(
    tmp_path: Path,
) -> None:
    doc, msp = _doc()
    _row(msp, 0, ["档案室", "值班室", "综合受理区"])
    plan = floorcheck.load(_save(doc, tmp_path))
    report = floorcheck.check(plan, level="county")
    assert report.hall["usable_area_m2"] == pytest.approx(90.0, abs=0.5)
    (fc007,) = [f for f in report.findings if f.rule == "FC007"]
    assert "3 zones" in fc007.message and "2 of them rooms whose names are no zone type" in (
        fc007.message
    )
    (fc101,) = [f for f in report.findings if f.rule == "FC101"]
    assert "2 of them rooms whose names are no zone type of the guide" in fc101.message
    assert "2 个房间的名称非指南功能区" in fc101.message_zh


# -- 3: only floor plans are checked; several floor plans are several plans -----------------------


def _titled_sheet(msp) -> None:
    """A floor plan titled 一层平面图 and, 20 m to its right, its section titled 1-1剖面图 whose
    rooms carry names too (as sections do), and an ELEVATION."""
    _row(msp, 0, ["休息等候区", "综合受理区"])
    _text(msp, "一层平面图", 5, -2.5, height=0.8)
    # the section: two storeys of rooms, named
    _wall(msp, (30, 0), (40, 0), (40, 8), (30, 8), (30, 0))
    _wall(msp, (30, 4), (40, 4))
    _text(msp, "配电房", 35, 2)
    _text(msp, "消防水池", 35, 6)
    _text(msp, "1-1剖面图", 35, -2.5, height=0.8)
    # an elevation: the façade and its ground line
    _wall(msp, (50, 0), (62, 0))
    _wall(msp, (51, 0), (51, 7), (61, 7), (61, 0))
    _text(msp, "SOUTH ELEVATION", 56, -2.5, height=0.8)


def test_sections_and_elevations_give_no_zones(tmp_path: Path, capsys) -> None:
    doc, msp = _doc()
    _titled_sheet(msp)
    path = _save(doc, tmp_path)
    (plan,) = load_plans(path)
    assert sorted(z.label for z in plan.zones) == ["休息等候区", "综合受理区"]
    assert all(z.geometry.bounds[2] <= 10.1 for z in plan.zones)
    kinds = {v.title: v.kind for v in plan.recognition.views}
    assert kinds == {
        "一层平面图": "plan",
        "1-1剖面图": "section",
        "SOUTH ELEVATION": "elevation",
    }
    assert not [d for d in plan.diagnostics if "配电房" in d.message or "消防水池" in d.message]
    assert main(["zones", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "section '1-1剖面图' (left out)" in out and "elevation 'SOUTH ELEVATION' (left out)" in out
    )
    # a user may read the section anyway: --region reads a view whatever its title
    section = floorcheck.load(path, region=2)
    assert sorted(z.label for z in section.zones) == ["消防水池", "配电房"]


def test_several_floor_plans_are_checked_one_by_one(tmp_path: Path, capsys) -> None:
    doc, msp = _doc()
    _row(msp, 0, ["休息等候区", "综合受理区"])
    _text(msp, "一层平面图", 5, -2.5, height=0.8)
    _row(msp, 30, ["后台协同区", "档案室", "值班室"])
    _text(msp, "二层平面图", 37.5, -2.5, height=0.8)
    path = _save(doc, tmp_path)
    plans = load_plans(path)
    assert [p.part for p in plans] == ["region 1 一层平面图", "region 2 二层平面图"]
    assert [len(p.zones) for p in plans] == [2, 3]
    with pytest.raises(floorcheck.InputError, match="holds 2 floor plans"):
        floorcheck.load(path)
    # check writes one report and one picture per plan, and FC101 measures each plan alone
    png = tmp_path / "out.png"
    assert main(["check", str(path), "--level", "village", "--png", str(png), "-q"]) in (0, 1)
    assert sorted(p.name for p in tmp_path.glob("out-*.png")) == [
        "out-region_1_一层平面图.png",
        "out-region_2_二层平面图.png",
    ]
    capsys.readouterr()
    assert main(["check", str(path), "--level", "village", "--format", "json", "-q"]) in (0, 1)
    reports = json.loads(capsys.readouterr().out)
    assert [r["hall"]["usable_area_m2"] for r in reports] == [60.0, 90.0]


# -- 4: no runaway rooms ------------------------------------------------------------------------


def test_the_outside_of_a_building_in_a_frame_is_no_room(tmp_path: Path) -> None:
    """A sheet frame drawn on the wall layer closes the space around the building: a face that
    surrounds the building. A text written there (a yard's name) makes no room."""
    doc, msp = _doc()
    _row(msp, 0, ["休息等候区", "综合受理区"])
    _wall(msp, (-20, -20), (30, -20), (30, 26), (-20, 26), (-20, -20))
    _text(msp, "室外场地", -10, 15)
    plan = floorcheck.load(_save(doc, tmp_path))
    assert sorted(z.label for z in plan.zones) == ["休息等候区", "综合受理区"]
    (refused,) = [d for d in plan.diagnostics if d.code == "FC003"]
    assert "室外场地" in refused.message and "outside of the building" in refused.message
    assert plan.recognition.rejected == (("outside", 1),)


def test_a_toilet_larger_than_a_toilet_can_be_is_refused_where_it_leaks(tmp_path: Path) -> None:
    """A toilet's wall stops 3 m short (wider than a door): its name lies in the corridor and
    the room beside. The space is refused (FC003) at the open wall end."""
    doc, msp = _doc()
    _wall(msp, (0, 0), (30, 0), (30, 12), (0, 12), (0, 0))
    _wall(msp, (10, 0), (10, 9))  # leaves 3 m open: no door is that wide
    _text(msp, "卫生间", 5, 6)
    _text(msp, "综合受理区", 20, 6)
    plan = floorcheck.load(_save(doc, tmp_path))
    assert not plan.zones_of("toilet")
    messages = [d.message for d in plan.diagnostics if d.code == "FC003"]
    assert any("卫生间" in m and "toilet" in m and "(10.00, 9.00)" in m for m in messages)


def test_a_room_with_two_names_is_split_where_its_walls_allow(tmp_path: Path) -> None:
    """A partition stops 0.9 m short of the front wall (a door beside it, no jamb in line): one
    face holds two names. Drawing the partition on to the wall it meets splits it in two."""
    doc, msp = _doc()
    _wall(msp, (0, 0), (12, 0), (12, 6), (0, 6), (0, 0))
    _wall(msp, (6, 0), (6, 5.1))
    _text(msp, "档案室", 3, 3)
    _text(msp, "值班室", 9, 3)
    plan = floorcheck.load(_save(doc, tmp_path))
    assert sorted((z.label, round(z.area_m2, 1)) for z in plan.zones) == [
        ("值班室", 36.0),
        ("档案室", 36.0),
    ]
    assert not [d for d in plan.diagnostics if d.code == "FC006"]


def test_a_room_with_two_names_and_no_wall_between_is_reported(tmp_path: Path) -> None:
    doc, msp = _doc()
    _wall(msp, (0, 0), (12, 0), (12, 6), (0, 6), (0, 0))
    _text(msp, "KITCHEN", 3, 3)
    _text(msp, "DINING ROOM", 9, 3)
    plan = floorcheck.load(_save(doc, tmp_path))
    assert len(plan.zones) == 1
    (fc006,) = [d for d in plan.diagnostics if d.code == "FC006"]
    assert "KITCHEN" in fc006.message and "DINING ROOM" in fc006.message


# -- 5: mappings as written ----------------------------------------------------------------------


def test_mapping_entries_match_as_the_drawing_writes_them(tmp_path: Path, capsys) -> None:
    doc, msp = _doc()
    _row(msp, 0, ["A01-02", "2 CAR GARAGE", "Office C", "WC-3", "B01-02"])
    path = _save(doc, tmp_path)
    mapping = tmp_path / "office.toml"
    mapping.write_text(
        '[labels]\nback_office = ["A01-02", "Office *"]\nequipment = ["2 CAR GARAGE"]\n'
        'toilet = ["WC-*"]\nwaiting = ["候车区"]\n[layers]\nwalls = ["S-WALL*"]\n',
        encoding="utf-8",
    )
    plan = floorcheck.load(path, mapping=mapping)
    assert {z.label: z.type for z in plan.zones} == {
        "A01-02": "back_office",
        "2 CAR GARAGE": "equipment",
        "Office C": "back_office",
        "WC-3": "toilet",
        "B01-02": "unknown",  # another code: not the entry A01-02
    }
    assert set(plan.recognition.unmatched_mapping) == {
        '[labels] waiting = "候车区"',
        '[layers] walls = "S-WALL*"',
    }
    assert main(["zones", str(path), "--mapping", str(mapping)]) == 0
    assert "mapping entries that match nothing in the drawing" in capsys.readouterr().out


def test_init_mapping_lists_room_names_only(tmp_path: Path) -> None:
    from floorcheck.dxf.draft import draft_mapping

    doc, msp = _doc()
    _row(msp, 0, ["档案室", "值班室"])
    for k, text in enumerate(["±0.000", "3.600", "1:100", "A", "3", "1/A", "3600", "M1021"]):
        _text(msp, text, -3, k)
    _text(msp, "1. 所有墙体均应按墙体稳定性要求采取相应的构造措施。", 5, -3)
    draft = draft_mapping(_save(doc, tmp_path))
    listed = draft.split("[labels]", 1)[1].split("[conventions]", 1)[0]
    assert "'档案室'" in listed and "'值班室'" in listed
    for text in ("±0.000", "3.600", "1:100", "'A'", "'3'", "1/A", "3600", "M1021", "构造措施"):
        assert text not in listed


# -- 6: English HALL -----------------------------------------------------------------------------


def test_english_hall_is_a_room_only_the_service_hall_is_the_outline(tmp_path: Path) -> None:
    doc, msp = _doc()
    _row(msp, 0, ["HALL", "大厅", "休息等候区"])
    plan = floorcheck.load(_save(doc, tmp_path))
    assert plan.hall_outline is None
    assert {z.label: z.type for z in plan.zones} == {
        "HALL": "unknown",
        "大厅": "unknown",
        "休息等候区": "waiting",
    }
    for name in ("办事大厅", "服务大厅"):
        doc, msp = _doc()
        msp.add_lwpolyline(
            [(0, 0), (20, 0), (20, 10), (0, 10)], close=True, dxfattribs={"layer": "A-AREA"}
        )
        _text(msp, name, 10, 9, layer="A-AREA")
        msp.add_lwpolyline(
            [(1, 1), (9, 1), (9, 6), (1, 6)], close=True, dxfattribs={"layer": "A-AREA"}
        )
        _text(msp, "休息等候区", 5, 3.5, layer="A-AREA")
        plan = floorcheck.load(_save(doc, tmp_path, f"{name}.dxf"))
        assert plan.hall_outline is not None and plan.hall_outline.area == pytest.approx(200)
        assert [z.type for z in plan.zones] == ["waiting"]


# -- 7: counters inside nested blocks -----------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "layer"),
    [("COUNTER-ROW", "A-FURN-COUNTER"), ("COUNTER-ROW", "0"), ("ROW-3", "0")],
)
def test_a_row_of_counters_drawn_as_one_block_is_a_window_per_counter(
    tmp_path: Path, row: str, layer: str
) -> None:
    """A row block inserting the counter block four times, each insert with its own ATTRIBs,
    the row inserted mirrored and turned a quarter: four windows, each its kind and number,
    all facing the public side (the row's +Y, mirrored in X and turned, looks to -X)."""
    doc, msp = _doc()
    counter = doc.blocks.new("COUNTER")
    counter.add_lwpolyline([(-0.8, 0), (0.8, 0), (0.8, 0.6), (-0.8, 0.6)], close=True)
    counter.add_attdef("TYPE", (0, 0.3))
    counter.add_attdef("NO", (0, 0.1))
    block = doc.blocks.new(row)
    for i, kind in enumerate(["跨省通办", "帮办代办", "无差别", "办不成事"]):
        ref = block.add_blockref("COUNTER", (i * 1.6, 0))
        ref.add_attrib("TYPE", kind, (i * 1.6, 0.3))
        ref.add_attrib("NO", str(i + 1), (i * 1.6, 0.1))
    msp.add_blockref(row, (10, 5), dxfattribs={"layer": layer, "xscale": -1, "rotation": 90})
    msp.add_lwpolyline(
        [(0, -2), (20, -2), (20, 12), (0, 12)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    _text(msp, "综合受理区", 15, 10, layer="A-AREA")
    plan = floorcheck.load(_save(doc, tmp_path))
    got = [(w.kind, w.label, w.position, round(w.facing_deg)) for w in plan.windows]
    assert got == [
        ("cross_province", "1", pytest.approx((9.7, 5.0)), 180),
        ("assisted", "2", pytest.approx((9.7, 3.4)), 180),
        ("undifferentiated", "3", pytest.approx((9.7, 1.8)), 180),
        ("complaint", "4", pytest.approx((9.7, 0.2)), 180),
    ]


# -- 8: self-intersecting boundaries, blocks that insert themselves ------------------------------


@pytest.mark.parametrize(
    ("corners", "area", "crossing"),
    [
        ([(0, 0), (10, 10), (10, 0), (0, 10)], 50.0, (5.0, 5.0)),  # symmetric: signed area 0
        ([(0, 0), (10, 10), (10, 0), (0, 14)], 61.67, (5.833, 5.833)),
    ],
)
def test_a_bow_tie_boundary_is_repaired_and_reported_where_it_crosses(
    tmp_path: Path, corners, area: float, crossing
) -> None:
    doc, msp = _doc()
    msp.add_lwpolyline(corners, close=True, dxfattribs={"layer": "A-AREA"})
    _text(msp, "休息等候区", 1, 5, layer="A-AREA")
    msp.add_lwpolyline(
        [(10, 0), (20, 0), (20, 10), (10, 10)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    _text(msp, "综合受理区", 15, 5, layer="A-AREA")
    plan = floorcheck.load(_save(doc, tmp_path))
    (waiting,) = plan.zones_of("waiting")
    assert waiting.area_m2 == pytest.approx(area, abs=0.01)
    (fc005,) = [d for d in plan.diagnostics if d.code == "FC005"]
    assert fc005.location == pytest.approx(crossing, abs=0.001)
    assert "crosses itself" in fc005.message and "2 polygons" in fc005.message
    report = floorcheck.check(plan, level="village")
    assert [f.location for f in report.findings if f.rule == "FC005"] == [fc005.location]


@pytest.mark.parametrize("layer", ["0", "A-DOOR", "A-FURN", "E-CCTV", "DIM"])
@pytest.mark.parametrize("through", [False, True])
def test_a_block_that_inserts_itself_is_bad_input_on_any_layer(
    tmp_path: Path, capsys, layer: str, through: bool
) -> None:
    doc, msp = _doc()
    loop = doc.blocks.new("LOOP")
    loop.add_line((0, 0), (1, 0))
    if through:  # LOOP → INNER → LOOP
        inner = doc.blocks.new("INNER")
        inner.add_blockref("LOOP", (0, 0), dxfattribs={"layer": layer})
        loop.add_blockref("INNER", (0, 0), dxfattribs={"layer": layer})
    else:
        loop.add_blockref("LOOP", (0, 0), dxfattribs={"layer": layer})
    msp.add_blockref("LOOP", (0, 0), dxfattribs={"layer": layer})
    path = _save(doc, tmp_path)
    for extra in ([], ["--layout", "Model"]):
        assert main(["zones", str(path), *extra]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert (
            len(err) == 1
            and "contains itself" in err[0]
            and "'LOOP'" in err[0]
            or ("'INNER'" in err[0])
        )


# -- 9, 10: what was read, drawn; the recognition table -------------------------------------------


def test_a_plan_with_little_recognised_still_shows_what_was_read(tmp_path: Path, capsys) -> None:
    """No text names a zone type and the rooms' names are notes or nothing: the picture shows
    the walls, the closed rooms outlined, and every text that could name a room in grey."""
    doc, msp = _doc()
    _row(msp, 0, ["", "", ""])
    _text(msp, "储藏", 16.2, 3)  # outside every room, beside the plan
    path = _save(doc, tmp_path)
    plan = floorcheck.load(path)
    assert plan.zones == ()
    report = floorcheck.check(plan, level="village")
    scene = build_scene(report)
    assert len(scene.drawn("open-room")) == 3 and scene.drawn("wall")
    assert [lb.text for lb in scene.labels if lb.role == "unread-label"] == ["储藏"]
    png = floorcheck.render_png(report, tmp_path / "plan.png", dpi=40)
    assert png.stat().st_size > 10_000
    assert main(["zones", str(path)]) == 0
    out = capsys.readouterr().out
    table = out.split("recognition:", 1)[1]
    assert "room names that named no zone" in table and "储藏" in table
    assert "closed spaces no text names" in table and "no zones:" in table


def test_the_recognition_table_counts_what_became_of_the_texts(tmp_path: Path, capsys) -> None:
    doc, msp = _doc()
    _row(msp, 0, ["档案室", "值班室", "休息等候区"])
    for k, text in enumerate(["±0.000", "1:100", "3600", "A"]):
        _text(msp, text, -1, k + 1)
    path = _save(doc, tmp_path)
    rec = floorcheck.load(path).recognition
    assert rec is not None
    assert (rec.labels, rec.named, rec.closed_from_walls) == (7, 3, 3)
    assert dict(rec.not_names) == {"level": 1, "scale": 1, "dimension": 1, "tag": 1}
    assert main(["zones", str(path)]) == 0
    out = capsys.readouterr().out
    assert "room names that named a zone        3" in out
    assert "rooms closed from the walls         3" in out
    assert "no zones:" not in out


def test_room_names_and_kinds_of_text() -> None:
    from floorcheck.dxf.names import text_kind, view_kind

    names = ["配电房", "KITCHEN", "B12", "Office C", "W.C", "MASTER BEDROOM", "2 CAR GARAGE"]
    assert {text_kind(t) for t in names} == {"name"}
    assert text_kind("±0.000") == "level" and text_kind("1:100") == "scale"
    assert text_kind("13'8 x 14'") == "dimension" and text_kind("M1021") == "tag"
    assert view_kind("1-1剖面图") == "section" and view_kind("①-⑩轴立面图") == "elevation"
    assert view_kind("一层平面图") == "plan" and view_kind("墙身详图") == "detail"


def test_read_options_reach_the_reader_through_the_api(tmp_path: Path) -> None:
    from floorcheck.dxf import ReadOptions

    doc, msp = _doc()
    _row(msp, 0, ["档案室", "值班室"])
    path = _save(doc, tmp_path)
    assert len(floorcheck.load(path).zones) == 2
    tight = floorcheck.load(path, options=ReadOptions(room_max_m2=10.0))
    assert tight.zones == () and len([d for d in tight.diagnostics if d.code == "FC003"]) == 2
    assert floorcheck.api.load_plans(path, config=Config(), options=ReadOptions())[0].zones
