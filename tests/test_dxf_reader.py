"""The DXF reader on the samples, on drawings built here to show one trap each, and on real plans."""

from __future__ import annotations

import math
from pathlib import Path

import ezdxf
import pytest
from conftest import SAMPLES, corpus

import floorcheck
from floorcheck.errors import BrokenDxf, InputError


def _doc(units: int = 4):
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = units
    return doc, doc.modelspace()


def _save(doc, tmp_path: Path, name: str = "plan.dxf") -> Path:
    path = tmp_path / name
    doc.saveas(path)
    return path


def _room(msp, x0, y0, x1, y1, label, layer="A-AREA", mtext=True):
    msp.add_lwpolyline(
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], close=True, dxfattribs={"layer": layer}
    )
    if mtext:
        msp.add_mtext(
            label, dxfattribs={"layer": layer, "char_height": 300, "attachment_point": 5}
        ).set_location(((x0 + x1) / 2, (y0 + y1) / 2))
    else:
        msp.add_text(label, height=300, dxfattribs={"layer": "A-TEXT"}).set_placement(
            ((x0 + x1) / 2 - 600, (y0 + y1) / 2)
        )


# -- the samples ---------------------------------------------------------------------------------


def test_county_sample_is_read_completely(county_ok) -> None:
    plan = county_ok
    assert plan.units.unit == "mm" and plan.units.source == "$INSUNITS"
    assert len(plan.zones) == 20 and not [z for z in plan.zones if z.type == "unknown"]
    assert abs(plan.hall_outline.area - 1200.0) < 1e-6
    waiting = plan.zones_of("waiting")[0]
    assert (
        waiting.label == "休息等候区"
        and abs(waiting.area_m2 - 190.0) < 1e-6
        and waiting.stated_area_m2 == 190.0
    )
    kinds = sorted(w.kind for w in plan.windows)
    assert kinds.count("undifferentiated") == 6 and {
        "assisted",
        "cross_province",
        "complaint",
        "categorized",
    } <= set(kinds)
    assert all(w.facing_deg == pytest.approx(-90.0) for w in plan.windows)
    main = plan.main_entrance
    assert (
        main is not None
        and main.width_m == 2.0
        and main.automatic
        and main.position == pytest.approx((20.0, 0.0))
    )
    assert sorted(d.id for d in plan.entrances) == sorted(d.id for d in plan.doors if d.exit)
    assert sum(d.staff_only for d in plan.doors) == 5
    assert sum(c.kind == "ptz" for c in plan.cameras) == 5 and len(plan.cameras) == 14
    assert [t.cross_province for t in plan.terminals].count(True) == 1
    assert sum(s.count for s in plan.seats) == 40
    assert plan.metadata.level == "county" and plan.metadata.staff == 18
    assert plan.diagnostics == ()


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.dxf")))
def test_every_sample_loads_cleanly(name: str) -> None:
    plan = floorcheck.load(SAMPLES / name)
    assert plan.zones and plan.doors and plan.main_entrance is not None
    assert not [d for d in plan.diagnostics if d.code in ("FC002", "FC003", "FC005", "FC009")]


# -- traps of real drawings, one at a time -------------------------------------------------------


def test_unitless_drawing_is_guessed_and_reported(tmp_path: Path) -> None:
    doc, msp = _doc(units=0)
    _room(msp, 0, 0, 30000, 20000, "休息等候区")
    plan = floorcheck.load(_save(doc, tmp_path))
    assert plan.units.unit == "mm" and plan.units.source == "guessed"
    assert [d.code for d in plan.diagnostics] == ["FC001"]
    assert plan.zones[0].area_m2 == pytest.approx(600.0)
    assert floorcheck.load(_save(doc, tmp_path), units="cm").zones[0].area_m2 == pytest.approx(
        60000.0
    )


def test_header_units_that_do_not_fit_the_geometry_are_corrected(tmp_path: Path) -> None:
    doc, msp = _doc(units=4)  # says mm, drawn in metres
    _room(msp, 0, 0, 30, 20, "休息等候区")
    plan = floorcheck.load(_save(doc, tmp_path))
    assert plan.units.unit == "m" and "FC001" in [d.code for d in plan.diagnostics]


def test_labels_from_text_with_codes_and_area(tmp_path: Path) -> None:
    doc, msp = _doc()
    _room(msp, 0, 0, 10000, 8000, r"{\fSimSun|b0;A-03 候办区}\P80.0㎡")
    _room(msp, 10000, 0, 20000, 8000, "%%u后台办公区", mtext=False)
    plan = floorcheck.load(_save(doc, tmp_path))
    by_type = {z.type: z for z in plan.zones}
    assert by_type["waiting"].stated_area_m2 == 80.0 and by_type[
        "back_office"
    ].area_m2 == pytest.approx(80.0)


def test_bulged_polyline_becomes_an_arc(tmp_path: Path) -> None:
    doc, msp = _doc()
    # a 10 m × 4 m room with a semicircular end of radius 2 m: 40 + 2π m²
    msp.add_lwpolyline(
        [(0, 0, 0), (10000, 0, 1.0), (10000, 4000, 0), (0, 4000, 0)],
        format="xyb",
        close=True,
        dxfattribs={"layer": "A-AREA"},
    )
    msp.add_mtext("休息等候区", dxfattribs={"layer": "A-AREA"}).set_location((5000, 2000))
    area = floorcheck.load(_save(doc, tmp_path)).zones[0].area_m2
    assert area == pytest.approx(40 + 2 * math.pi, rel=1e-3)


def test_hatch_boundary_with_a_hole(tmp_path: Path) -> None:
    doc, msp = _doc()
    hatch = msp.add_hatch(dxfattribs={"layer": "A-AREA-FILL"})
    hatch.paths.add_polyline_path(
        [(0, 0), (10000, 0), (10000, 10000), (0, 10000)], is_closed=True, flags=1
    )
    hatch.paths.add_polyline_path(
        [(4000, 4000), (6000, 4000), (6000, 6000), (4000, 6000)], is_closed=True, flags=16
    )
    msp.add_text("等候区", height=300).set_placement((1000, 1000))
    plan = floorcheck.load(_save(doc, tmp_path))
    assert len(plan.zones) == 1 and plan.zones[0].area_m2 == pytest.approx(96.0)


def test_near_closed_polyline_is_closed_open_one_is_not(tmp_path: Path) -> None:
    doc, msp = _doc()
    msp.add_lwpolyline(
        [(0, 0), (10000, 0), (10000, 10000), (0, 10000), (0, 5)], dxfattribs={"layer": "A-AREA"}
    )
    msp.add_lwpolyline(
        [(20000, 0), (30000, 0), (30000, 10000), (20000, 10000), (20000, 900)],
        dxfattribs={"layer": "A-AREA"},
    )
    msp.add_text("等候区", height=300).set_placement((1000, 1000))
    msp.add_text("母婴室", height=300).set_placement((21000, 1000))
    plan = floorcheck.load(_save(doc, tmp_path))
    assert [z.type for z in plan.zones] == ["waiting"]
    assert [d.code for d in plan.diagnostics] == ["FC003"]


def test_read_options_change_the_snap_and_the_room_sizes(tmp_path: Path) -> None:
    """ReadOptions are what the reader uses: a wider snap closes the polyline left 0.9 m open;
    a room size limit below every room leaves the walls-only village's labels unplaced."""
    from floorcheck.dxf import ReadOptions, load

    doc, msp = _doc()
    msp.add_lwpolyline(
        [(0, 0), (10000, 0), (10000, 10000), (0, 10000), (0, 900)], dxfattribs={"layer": "A-AREA"}
    )
    msp.add_text("母婴室", height=300).set_placement((1000, 1000))
    path = _save(doc, tmp_path)
    assert floorcheck.load(path).zones == ()
    snapped = load(path, options=ReadOptions(snap_m=1.0))
    assert [z.type for z in snapped.zones] == ["mother_baby"]

    village = SAMPLES / "village_walls_only.dxf"
    assert len(floorcheck.load(village).zones) == 7
    tight = load(village, options=ReadOptions(room_max_m2=1.0))
    assert tight.zones == () and [d.code for d in tight.diagnostics] == ["FC003"] * 7


def test_a_region_without_the_main_entrance_takes_its_widest_entrance() -> None:
    """The reader's main-entrance rule, applied again to the doors a region keeps."""
    from floorcheck.geometry.regions import crop
    from floorcheck.model import Door, Plan

    doors = (
        Door("D1", (50, 0), 2.0, entrance=True, main=True, label="主入口"),
        Door("D2", (2, 0), 1.0, entrance=True),
        Door("D3", (8, 0), 1.5, entrance=True),
        Door("D4", (5, 5), 1.8),
    )
    left = crop(Plan(doors=doors), (0, -1, 10, 10))
    assert [(d.id, d.main) for d in left.doors] == [("D2", False), ("D3", True), ("D4", False)]
    labelled = crop(
        Plan(doors=(*doors[1:], Door("D5", (9, 9), 0.9, label="入口"))), (0, -1, 10, 10)
    )
    assert [d.id for d in labelled.doors if d.main] == ["D5"]
    assert next(d for d in labelled.doors if d.id == "D5").entrance


def test_nested_mirrored_rotated_blocks_are_expanded(tmp_path: Path) -> None:
    doc, msp = _doc()
    room = doc.blocks.new("ROOM")
    room.add_lwpolyline(
        [(0, 0), (4000, 0), (4000, 2000), (0, 2000)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    room.add_text("母婴室", height=200, dxfattribs={"layer": "A-AREA"}).set_placement((500, 500))
    wing = doc.blocks.new("WING")
    wing.add_blockref("ROOM", (0, 0))
    wing.add_blockref("ROOM", (0, 5000), dxfattribs={"xscale": -1, "rotation": 90})
    msp.add_blockref("WING", (100000, 0), dxfattribs={"rotation": 180, "xscale": 2, "yscale": 2})
    plan = floorcheck.load(_save(doc, tmp_path))
    assert [z.type for z in plan.zones] == ["mother_baby", "mother_baby"]
    assert all(z.area_m2 == pytest.approx(32.0) for z in plan.zones)
    # WING is turned 180° and doubled about (100 m, 0); inside it the second ROOM is mirrored and turned 90°
    bounds = sorted(tuple(round(v, 3) for v in z.geometry.bounds) for z in plan.zones)
    assert bounds == [(92.0, -4.0, 100.0, 0.0), (100.0, -10.0, 104.0, -2.0)]


def test_ocs_entities_and_non_uniform_scale_land_where_ezdxf_puts_them(tmp_path: Path) -> None:
    """Entities drawn with extrusion (0, 0, -1) — what MIRROR makes of arcs, polylines and
    blocks in some CAD programs — and a block stretched 3 × 0.5: the zone outlines the reader
    builds match ezdxf's own OCS → WCS transformation of the same entities."""
    import shapely
    from ezdxf.path import make_path
    from shapely.geometry import LineString, Polygon

    doc, msp = _doc()
    room = doc.blocks.new("ROOM")
    room.add_lwpolyline(
        [(0, 0), (4000, 0, 0.5), (4000, 3000), (0, 3000)],
        format="xyb",
        close=True,
        dxfattribs={"layer": "A-AREA"},
    )
    room.add_text("母婴室", height=200, dxfattribs={"layer": "A-AREA"}).set_placement((1500, 1500))
    msp.add_blockref(
        "ROOM", (20000, 5000), dxfattribs={"extrusion": (0, 0, -1), "xscale": 3, "yscale": 0.5}
    )
    msp.add_lwpolyline(
        [(1000, 1000), (9000, 1000), (9000, 4000), (1000, 4000)],
        close=True,
        dxfattribs={"layer": "A-AREA", "extrusion": (0, 0, -1)},
    )
    msp.add_text(
        "休息等候区", height=200, dxfattribs={"layer": "A-AREA", "extrusion": (0, 0, -1)}
    ).set_placement((5000, 2500))
    path = _save(doc, tmp_path)
    # the two rooms lie 20 m apart: two floor plans, read one by one
    zones = [z for p in floorcheck.dxf.load_plans(path) for z in p.zones]

    def expected(entity) -> Polygon:
        parts = list(entity.virtual_entities()) if entity.dxftype() == "INSERT" else [entity]
        lines = [
            LineString([(v.x / 1000, v.y / 1000) for v in make_path(e).flattening(1.0)])
            for e in parts
            if e.dxftype() != "TEXT"
        ]
        faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(lines))))
        return max(faces, key=lambda f: f.area)

    ents = list(ezdxf.readfile(path).modelspace())
    want = {"mother_baby": expected(ents[0]), "waiting": expected(ents[1])}
    for z in zones:
        assert z.geometry.symmetric_difference(want[z.type]).area < 0.01 * want[z.type].area
    assert {z.type for z in zones} == {"mother_baby", "waiting"}
    # the mirrored polyline lies at negative x, where its OCS puts it
    assert next(z for z in zones if z.type == "waiting").geometry.bounds[2] == pytest.approx(-1.0)


def test_minsert_array_of_counters(tmp_path: Path) -> None:
    doc, msp = _doc()
    counter = doc.blocks.new("COUNTER")
    counter.add_lwpolyline([(-800, -400), (800, -400), (800, 400), (-800, 400)], close=True)
    ref = msp.add_blockref("COUNTER", (1000, 1000), dxfattribs={"layer": "A-FURN-COUNTER"})
    ref.grid(size=(1, 5), spacing=(0, 2000))
    plan = floorcheck.load(_save(doc, tmp_path))
    assert len(plan.windows) == 5 and plan.windows[0].kind == "undifferentiated"


def test_door_tags_give_widths_and_labels_mark_entrances(tmp_path: Path) -> None:
    doc, msp = _doc()
    msp.add_lwpolyline(
        [(0, 0), (20000, 0), (20000, 10000), (0, 10000)],
        close=True,
        dxfattribs={"layer": "A-AREA-GROS"},
    )
    _room(msp, 0, 0, 20000, 10000, "门厅")
    for name, x in (("M1021", 3000), ("FM甲1522", 10000), ("ZM1824", 16000)):
        blk = doc.blocks.new(name)
        blk.add_line((0, 0), (0, 500))
        msp.add_blockref(name, (x, 0), dxfattribs={"layer": "A-DOOR"})
    msp.add_text("主入口", height=300).set_placement((10700, -800))
    plan = floorcheck.load(_save(doc, tmp_path))
    widths = sorted(d.width_m for d in plan.doors)
    assert widths == [1.0, 1.5, 1.8]
    main = plan.main_entrance
    assert main.width_m == 1.5 and all(d.entrance for d in plan.doors)
    assert [d.automatic for d in sorted(plan.doors, key=lambda d: d.width_m)] == [
        False,
        False,
        True,
    ]


def test_gbk_r2000_drawing_whose_header_claims_latin1(tmp_path: Path) -> None:
    doc = ezdxf.new("R2000")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    _room(msp, 0, 0, 10000, 8000, "休息等候区", mtext=False)
    path = tmp_path / "gbk.dxf"
    doc.saveas(path, encoding="gbk")
    data = path.read_bytes().replace(b"ANSI_936", b"ANSI_1252")
    path.write_bytes(data)
    plan = floorcheck.load(path)
    assert plan.zones[0].type == "waiting"


def test_self_inserting_block_is_an_input_error(tmp_path: Path) -> None:
    doc, msp = _doc()
    a = doc.blocks.new("A")
    b = doc.blocks.new("B")
    a.add_blockref("B", (0, 0))
    b.add_blockref("A", (0, 0))
    msp.add_blockref("A", (0, 0))
    with pytest.raises(BrokenDxf, match="contains itself"):
        floorcheck.load(_save(doc, tmp_path))


def test_label_outside_every_boundary_is_an_orphan(tmp_path: Path) -> None:
    """A zone name beside the plan, in no boundary, is reported; one far from any drawing (a
    legend, a room schedule) names no room and is only counted."""
    doc, msp = _doc()
    _room(msp, 0, 0, 10000, 8000, "休息等候区")
    msp.add_text("自助申报区", height=300).set_placement((10500, 4000))
    msp.add_text("综合受理区", height=300).set_placement((50000, 50000))
    plan = floorcheck.load(_save(doc, tmp_path))
    assert [d.code for d in plan.diagnostics] == ["FC003"] and "自助申报区" in plan.diagnostics[
        0
    ].message
    assert plan.recognition is not None and plan.recognition.outside == 1


def test_boundary_with_two_zone_labels_is_ambiguous(tmp_path: Path) -> None:
    doc, msp = _doc()
    _room(msp, 0, 0, 10000, 8000, "休息等候区")
    msp.add_text("自助申报区", height=300).set_placement((500, 500))
    plan = floorcheck.load(_save(doc, tmp_path))
    assert plan.zones[0].type == "waiting" and [d.code for d in plan.diagnostics] == ["FC006"]


def test_mapping_file_maps_layers_and_labels(tmp_path: Path) -> None:
    doc, msp = _doc()
    msp.add_lwpolyline(
        [(0, 0), (5000, 0), (5000, 5000), (0, 5000)], close=True, dxfattribs={"layer": "RM-WAIT"}
    )
    _room(msp, 5000, 0, 10000, 5000, "候车区", layer="RM-OTHER")
    mapping = tmp_path / "office.toml"
    mapping.write_text(
        '[layers]\nzone = ["RM-*"]\n[layer_types]\n"RM-WAIT" = "waiting"\n[labels]\nexhibition = ["候车区"]\n',
        encoding="utf-8",
    )
    plan = floorcheck.load(_save(doc, tmp_path), mapping=mapping)
    assert sorted(z.type for z in plan.zones) == ["exhibition", "waiting"]


def test_bad_mapping_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "m.toml"
    bad.write_text('[layer_types]\n"X" = "no_such_type"\n', encoding="utf-8")
    doc, _ = _doc()
    with pytest.raises(InputError, match="unknown zone type"):
        floorcheck.load(_save(doc, tmp_path), mapping=bad)


# -- real drawings (../shared/corpus/real) -------------------------------------------------------


def test_real_gbk_pump_house_reads_chinese_and_guesses_mm() -> None:
    plan = floorcheck.load(corpus("cn_pump_house_3_t3_gbk.dxf"), region=3)  # 一层平面图
    assert plan.units.unit == "mm" and plan.units.source == "guessed"
    assert len(plan.walls) > 50 and len(plan.doors) >= 1


def test_real_utf8_office_plan_reads_labels_as_chinese() -> None:
    from floorcheck.dxf import Mapping, Walker, parse

    src = parse(corpus("cn_office_electrical_plan_utf8.dxf").read_bytes(), "utf-8")
    collected = Walker(src, Mapping(), floorcheck.dxf.ReadLimits()).walk(src.entities)
    texts = {lb.text for lb in collected.labels}
    assert {"男厕", "女厕", "前室", "弱电间", "配电间"} <= texts


def test_real_medialab_polygons_are_zones_without_names() -> None:
    plan = floorcheck.load(corpus("proxymix_mit_medialab_ml3.dxf"))
    assert plan.units.unit == "cm"
    assert len(plan.zones) == 4 and {z.type for z in plan.zones} == {"unknown"}


def test_real_r12_file_without_units_loads() -> None:
    plan = floorcheck.load(corpus("proxymix_mit_medialab_r12.dxf"))
    assert plan.units.source == "guessed" and len(plan.walls) > 500


def test_real_school_header_lies_about_mm() -> None:
    for plan in floorcheck.dxf.load_plans(corpus("proxymix_andorra_escaldes_school.dxf")):
        assert plan.units.unit == "m" and "FC001" in [d.code for d in plan.diagnostics]


@pytest.mark.parametrize(
    "name",
    [
        "ceco_net_architecture_tm53.dxf",
        "proxymix_standard_factory_plan.dxf",
        "proxymix_udg_cucs_campus_site.dxf",
        "us_house_bishop_overland_floorplan.dxf",
    ],
)
def test_other_real_plans_load_and_check_without_error(name: str) -> None:
    for plan in floorcheck.load_plans(corpus(name)):
        report = floorcheck.check(plan, level="county")
        assert report.file.endswith(name)
        ran = (
            len(report.passed) + len(report.skipped) + len({f.rule for f in report.all_findings()})
        )
        assert ran == len(floorcheck.rules.RULES)


def test_shipped_mapping_is_chosen_by_the_layer_names() -> None:
    plan = floorcheck.load(corpus("cn_pump_house_3_t3_gbk.dxf"), region=3)
    assert plan.mapping == "tarch"
    # TArch's COLUMN layer holds columns: obstacles that block routes and sight
    assert any(o.kind in ("column", "furniture") for o in plan.obstacles)
    assert floorcheck.load(SAMPLES / "county_ok.dxf").mapping == "aia"


def test_users_mapping_extends_the_detected_one(tmp_path: Path) -> None:
    mapping = tmp_path / "office.toml"
    mapping.write_text('[labels]\nwaiting = ["泵房"]\n', encoding="utf-8")
    plan = floorcheck.load(corpus("cn_pump_house_3_t3_gbk.dxf"), mapping=mapping, region=3)
    assert plan.mapping == "tarch+office"


def test_real_us_house_header_says_mm_but_door_arcs_say_inches() -> None:
    """SOURCES.md: door-swing arcs of radius 24–36 units and a ~960-unit model: inches."""
    plan = floorcheck.load(corpus("us_house_bishop_overland_floorplan.dxf"))
    assert plan.units.unit == "in" and plan.units.source == "guessed"
    assert "door width 30" in plan.units.note
    xs = [c for w in plan.walls for c in w.bounds[::2]]
    assert 15 < max(xs) - min(xs) < 30  # a house about 24 m across, not 800 m
