"""Plans drawn the way design offices draw them (issue: real drawings).

The four ``village_*`` samples carry the village hall without zone polygons: walls only, GBK R2000,
hatches only, and 天正 custom objects with proxy graphics. The reader must recover every room
with its true interior area (measured to the wall faces) within 2 %. Both ways of reading —
floorcheck's own tag reader and a full ezdxf document (``layout="Model"``) — must agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ezdxf
import pytest
from conftest import SAMPLES, corpus
from shapely import box, get_parts

import floorcheck

sys.path.insert(0, str(SAMPLES))
from make_samples import _proxy_graphic, village_ok, wall_bodies, walled_village

from floorcheck.vocab import match_zone_type


def _true_areas(layout, walled: bool) -> dict[str, float]:
    """Interior area of each zone: its rectangle less the wall bodies (to the wall faces)."""
    solid, _ = wall_bodies(layout) if walled else (None, None)
    out = {}
    for label, (x0, y0, x1, y1) in layout.zones:
        room = box(x0, y0, x1, y1)
        if solid is not None:
            centre = room.centroid
            room = next(p for p in get_parts(room.difference(solid)) if p.contains(centre))
        out[match_zone_type(label)] = room.area
    return out


@pytest.mark.parametrize(
    ("name", "walled"),
    [
        ("village_walls_only", True),
        ("village_tarch_proxy", True),
        ("village_gbk_r2000", False),
        ("village_hatch_only", False),
    ],
)
def test_rooms_and_areas_are_recovered(name: str, walled: bool) -> None:
    layout = walled_village() if walled else village_ok()
    expected = _true_areas(layout, walled)
    plan = floorcheck.load(SAMPLES / f"{name}.dxf")
    got = {z.type: z.area_m2 for z in plan.zones}
    assert set(got) == set(expected)
    for type_id, area in expected.items():
        assert got[type_id] == pytest.approx(area, rel=0.02), type_id
    assert plan.main_entrance is not None and plan.main_entrance.width_m == 1.5
    assert not [d for d in plan.diagnostics if d.code in ("FC003", "FC005", "FC009")]


def test_walls_only_rooms_are_exact_to_the_wall_faces() -> None:
    """Openings are closed on the wall faces (found from the jambs), not on the door's axis:
    a 2.2 × 1.8 m toilet behind a 200 mm wall measures 3.96 m², not 3.96 + half a doorway."""
    plan = floorcheck.load(SAMPLES / "village_walls_only.dxf")
    toilet = plan.zones_of("accessible_toilet")[0]
    assert toilet.area_m2 == pytest.approx(2.2 * 1.8, abs=1e-3)
    assert plan.mapping == "tarch" and toilet.layer.endswith("(walls)")


def test_gbk_r2000_sample_is_what_it_says() -> None:
    data = (SAMPLES / "village_gbk_r2000.dxf").read_bytes()
    assert b"AC1015" in data[:2000] and b"ANSI_936" in data[:4000]
    assert "休息等候区".encode("gbk") in data
    plan = floorcheck.load(SAMPLES / "village_gbk_r2000.dxf")
    assert {z.label for z in plan.zones} >= {"休息等候区", "后台协同区", "母婴室"}


def test_unordered_nearly_touching_hatch_edges_are_chained() -> None:
    """Half the hatches store their edges shuffled and reversed; one edge ends 5 mm short."""
    plan = floorcheck.load(SAMPLES / "village_hatch_only.dxf")
    by_type = {z.type: z for z in plan.zones}
    assert by_type["self_declaration"].area_m2 == pytest.approx(16.0, abs=0.01)
    assert all(z.geometry.is_valid for z in plan.zones)


def test_proxy_graphics_give_the_walls_and_graphicless_objects_are_reported() -> None:
    plan = floorcheck.load(SAMPLES / "village_tarch_proxy.dxf")
    fc010 = [d.message for d in plan.diagnostics if d.code == "FC010"]
    assert any("read from their proxy graphics" in m for m in fc010)
    assert any("1 TArch" in m and "no proxy graphics" in m for m in fc010)
    assert len(plan.zones) == 7


def test_proxy_without_graphics_hides_the_rooms(tmp_path: Path) -> None:
    """The same walls saved without proxy graphics: nothing to read, and the finding says so."""
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    msp.add_text("休息等候区", height=300, dxfattribs={"layer": "PUB_TEXT"}).set_placement(
        (5000, 2000)
    )
    path = tmp_path / "proxy.dxf"
    doc.saveas(path)
    text = path.read_text(encoding="utf-8")
    proxy = (
        "  0\nACAD_PROXY_ENTITY\n  5\nF000\n100\nAcDbEntity\n  8\nWALL\n100\nAcDbProxyEntity\n"
        " 90\n498\n 91\n500\n"
    )
    end = text.index("  0\nENDSEC\n", text.index("ENTITIES"))
    path.write_text(text[:end] + proxy + text[end:], encoding="utf-8")
    plan = floorcheck.load(path)
    (msg,) = [d.message for d in plan.diagnostics if d.code == "FC010"]
    assert "no proxy graphics" in msg and "hide the walls and rooms" in msg and "图形导出" in msg
    # with graphics (a closed 10 m × 4 m wall outline), the label's room is found again
    ring = [(0, 0), (10000, 0), (10000, 4000), (0, 4000), (0, 0)]
    graphic = _proxy_graphic([ring]).hex().upper()
    with_graphics = proxy.replace(
        "  8\nWALL\n", f"  8\nWALL\n 92\n{len(graphic) // 2}\n310\n{graphic}\n"
    )
    path.write_text(text[:end] + with_graphics + text[end:], encoding="utf-8")
    plan = floorcheck.load(path)
    assert [z.type for z in plan.zones] == ["waiting"]
    assert plan.zones[0].area_m2 == pytest.approx(40.0)


def _summary(plan) -> tuple:
    return (
        len(plan.zones),
        round(sum(z.area_m2 for z in plan.zones), 2),
        len(plan.doors),
        len(plan.windows),
        len(plan.cameras),
        len(plan.obstacles),
        len(plan.walls),
        plan.units.unit,
        sorted(d.code for d in plan.diagnostics),
    )


@pytest.mark.parametrize(
    "name",
    [p.name for p in sorted(SAMPLES.glob("village*.dxf"))]
    + [
        "county_ok.dxf",
        "corpus:cn_pump_house_3_t3_gbk.dxf",
        "corpus:proxymix_mit_medialab_ml3.dxf",
        "corpus:cn_office_electrical_plan_utf8.dxf",
        "corpus:proxymix_mit_medialab_r12.dxf",
    ],
)
def test_tag_reader_and_ezdxf_document_read_the_same_plan(name: str) -> None:
    """Every floor plan of the drawing, read both ways (the tag reader reads a second time,
    looking for room outlines on every layer, only when names were left without a room; the
    document is always walked whole): the same plans."""
    from floorcheck.dxf import load_plans

    path = corpus(name[7:]) if name.startswith("corpus:") else SAMPLES / name
    fast = [_summary(p) for p in load_plans(path)]
    assert fast == [_summary(p) for p in load_plans(path, layout="Model")]


def test_blocks_after_entities_are_still_expanded(tmp_path: Path) -> None:
    """Some exporters write ENTITIES before BLOCKS: modelspace is then walked after the blocks."""
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 4
    room = doc.blocks.new("ROOM")
    room.add_lwpolyline(
        [(0, 0), (8000, 0), (8000, 5000), (0, 5000)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    room.add_text("休息等候区", height=300, dxfattribs={"layer": "A-AREA"}).set_placement(
        (3000, 2500)
    )
    doc.modelspace().add_blockref("ROOM", (1000, 1000))
    path = tmp_path / "plan.dxf"
    doc.saveas(path)
    text = path.read_text(encoding="utf-8")
    blocks = text[
        text.index("  0\nSECTION\n  2\nBLOCKS") : text.index("  0\nSECTION\n  2\nENTITIES")
    ]
    entities_end = text.index("  0\nENDSEC\n", text.index("  2\nENTITIES")) + len("  0\nENDSEC\n")
    swapped = text.replace(blocks, "", 1)
    entities_end -= len(blocks)
    swapped = swapped[:entities_end] + blocks + swapped[entities_end:]
    path.write_text(swapped, encoding="utf-8")
    (zone,) = floorcheck.load(path).zones
    assert zone.type == "waiting" and zone.area_m2 == pytest.approx(40.0)
    assert zone.geometry.bounds == pytest.approx((1.0, 1.0, 9.0, 6.0))


def test_hatch_edges_with_arcs_and_splines_out_of_order(tmp_path: Path) -> None:
    """A zone hatched with an edge path: a semicircular arc end and a spline side, edges stored
    out of order. The loop is chained back together and measures 10 × 4 m plus the half disc."""
    import math

    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    hatch = msp.add_hatch(dxfattribs={"layer": "A-AREA"})
    path = hatch.paths.add_edge_path()
    path.add_line((10000, 4000), (0, 4000))  # top, right to left
    path.add_line((0, 0), (10000, 0))  # bottom
    path.add_spline(fit_points=[(0, 4000), (0, 2000), (0, 0)])  # left side, a straight spline
    path.add_arc((10000, 2000), 2000, -90, 90, ccw=True)  # right end
    msp.add_mtext("休息等候区", dxfattribs={"layer": "A-AREA"}).set_location((5000, 2000))
    file = tmp_path / "hatch.dxf"
    doc.saveas(file)
    (zone,) = floorcheck.load(file).zones
    assert zone.area_m2 == pytest.approx(40 + 2 * math.pi, rel=0.005)
    assert zone.geometry.is_valid


def test_room_from_walls_with_two_zone_names_is_ambiguous(tmp_path: Path) -> None:
    """An open hall: walls close one 10 × 6 m room holding 休息等候区 and 综合受理区. The name
    nearest the middle wins and FC006 names both."""
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    msp.add_lwpolyline(
        [(0, 0), (10000, 0), (10000, 6000), (0, 6000)], close=True, dxfattribs={"layer": "A-WALL"}
    )
    msp.add_text("休息等候区", height=300, dxfattribs={"layer": "A-ANNO-TEXT"}).set_placement(
        (5000, 3000), align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER
    )
    msp.add_text("综合受理区", height=300, dxfattribs={"layer": "A-ANNO-TEXT"}).set_placement(
        (5000, 5200), align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER
    )
    path = tmp_path / "open_hall.dxf"
    doc.saveas(path)
    plan = floorcheck.load(path)
    assert [(z.type, round(z.area_m2, 1)) for z in plan.zones] == [("waiting", 60.0)]
    (fc006,) = [d for d in plan.diagnostics if d.code == "FC006"]
    assert "休息等候区" in fc006.message and "综合受理区" in fc006.message
