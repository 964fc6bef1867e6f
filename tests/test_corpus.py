"""What the reader recognises in each real plan of ../shared/corpus/real (issue: real drawings).

Expectations were checked by rendering each plan (``floorcheck render PLAN -o plan.png``, with the
mapping given here where one is needed) and looking at it; SOURCES.md gives the counts ezdxf sees.
Where the drawing writes a room's size (the US house: "13'8 x 14'"), the room recovered from the
walls is compared with it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import corpus
from shapely.geometry import Point

import floorcheck
from floorcheck.dxf import Collected, ReadLimits, Walker, mapping_for, parse
from floorcheck.dxf.open import checked_bytes
from floorcheck.dxf.tags import DxfSource, Sink


def _walk(name: str, mapping: Path | None = None) -> tuple[DxfSource, Collected]:
    """The raw recognition (source, what the walk collected) of a corpus file, before zones are
    built."""
    data, encoding, _ = checked_bytes(corpus(name))
    held: dict[str, Walker] = {}

    def start(src: DxfSource) -> Sink:
        held["w"] = Walker(src, mapping_for(src.layers, mapping), ReadLimits())
        return held["w"].entity

    src = parse(data, encoding or "utf-8", start)
    return src, held["w"].walk(src.entities)


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(text, encoding="utf-8")
    return path


# (file, text encoding, unit, unit source, shipped mapping, labels, door blocks, wall lines, entities)
FACTS = [
    ("ceco_net_architecture_tm53.dxf", "cp1252", "m", "$INSUNITS", "default", 12, 3, 193, 7385),
    ("cn_office_electrical_plan_utf8.dxf", "utf-8", "mm", "$INSUNITS", "default", 498, 0, 2, 12207),
    ("cn_pump_house_3_t3_gbk.dxf", "gbk", "mm", "guessed", "tarch", 843, 2, 266, 3173),
    ("proxymix_andorra_escaldes_school.dxf", "utf-8", "m", "guessed", "default", 221, 0, 491, 4126),
    ("proxymix_mit_medialab_ml3.dxf", "utf-8", "cm", "$INSUNITS", "default", 0, 0, 557, 746),
    ("proxymix_mit_medialab_r12.dxf", "cp1252", "cm", "guessed", "default", 0, 0, 557, 3362),
    (
        "proxymix_standard_factory_plan.dxf",
        "cp1252",
        "cm",
        "$INSUNITS",
        "default",
        91,
        16,
        920,
        7869,
    ),
    ("proxymix_udg_cucs_campus_site.dxf", "utf-8", "mm", "guessed", "default", 4, 0, 0, 16395),
    (
        "us_house_bishop_overland_floorplan.dxf",
        "cp1252",
        "in",
        "guessed",
        "default",
        96,
        0,
        203,
        1041,
    ),
]


@pytest.mark.parametrize(
    ("name", "encoding", "unit", "unit_source", "mapping", "labels", "doors", "walls", "entities"),
    FACTS,
    ids=[f[0] for f in FACTS],
)
def test_what_is_recognised(
    name, encoding, unit, unit_source, mapping, labels, doors, walls, entities
) -> None:
    src, found = _walk(name)
    assert src.encoding == encoding
    assert len(found.labels) == labels
    assert sum(b.kind == "door" for b in found.blocks) == doors
    assert len(found.wall_lines) == walls
    assert found.count == entities  # after expanding blocks, less the layers a mapping ignores
    plan = floorcheck.load(corpus(name))
    assert (plan.units.unit, plan.units.source, plan.mapping) == (unit, unit_source, mapping)


def test_office_rooms_from_background_linework(tmp_path: Path) -> None:
    """Walls are drawn on a layer called WINDOW (SOURCES.md); told so, floorcheck closes all six
    labelled rooms. The floor is symmetric: the two 男厕 and the two 女厕 agree."""
    mapping = _mapping(
        tmp_path, '[layers]\nwalls = ["WINDOW"]\n[labels]\nback_office = ["弱电间", "配电间"]\n'
    )
    plan = floorcheck.load(corpus("cn_office_electrical_plan_utf8.dxf"), mapping=mapping)
    rooms = sorted((z.label, round(z.area_m2, 1)) for z in plan.zones)
    assert [r[0] for r in rooms] == ["女厕", "女厕", "弱电间", "男厕", "男厕", "配电间"]
    areas = dict(rooms)
    assert rooms[0][1] == rooms[1][1] == pytest.approx(14.0, abs=0.2)
    assert rooms[3][1] == rooms[4][1] == pytest.approx(5.1, abs=0.2)
    assert areas["配电间"] == pytest.approx(33.2, abs=0.5) and areas["弱电间"] == pytest.approx(
        5.3, abs=0.2
    )
    assert not [d for d in plan.diagnostics if d.code == "FC003"]


def test_pump_house_rooms_between_walls_and_columns(tmp_path: Path) -> None:
    """The GBK TArch pump house: two rooms of a 12.4 m wide plan, walls stopping at columns.
    Closed with the columns as part of the enclosure; each room is its 12.4 × 10.9 m bay less
    the column corners."""
    mapping = _mapping(tmp_path, '[labels]\nwaiting = ["消防水泵房", "生活和冷却水补水泵房"]\n')
    plan = floorcheck.load(corpus("cn_pump_house_3_t3_gbk.dxf"), mapping=mapping)
    bays = [z for z in plan.zones if z.area_m2 > 100]
    assert sorted(z.label for z in bays) == ["消防水泵房", "生活和冷却水补水泵房"]
    for z in bays:
        x0, y0, x1, y1 = z.geometry.bounds
        assert (x1 - x0, y1 - y0) == pytest.approx((12.4, 10.9), abs=0.05)
        assert 0.93 * (x1 - x0) * (y1 - y0) < z.area_m2 < (x1 - x0) * (y1 - y0)


def _feet(text: str) -> float:
    m = re.match(r"(\d+)'(\d*)", text.strip())
    assert m
    return int(m.group(1)) * 0.3048 + (int(m.group(2)) * 0.0254 if m.group(2) else 0.0)


def test_us_house_rooms_match_the_sizes_written_in_them(tmp_path: Path) -> None:
    """Rooms are implied by double-line walls with open door gaps and no door blocks; the gaps
    are bridged. Each closed room is compared with the nominal size written inside it
    ("13'8 x 14'"), which is rounded to the inch: within 3.5 %. The great room runs into the
    open-plan kitchen and dining, so it is larger than its own written size."""
    mapping = _mapping(
        tmp_path,
        '[labels]\nwaiting = ["GREAT ROOM"]\nback_office = ["BEDROOM 2", "BEDROOM 3", "MASTER"]\n'
        'toilet = ["BATH", "MSTR. BATH"]\n',
    )
    name = "us_house_bishop_overland_floorplan.dxf"
    plan = floorcheck.load(corpus(name), mapping=mapping)
    _, found = _walk(name, mapping)
    s = plan.units.scale_to_m
    sizes = [lb for lb in found.labels if re.fullmatch(r"\d+'\d* x \d+'\d*", lb.text)]
    compared = {}
    for z in plan.zones:
        inside = [lb for lb in sizes if z.geometry.contains(Point(lb.x * s, lb.y * s))]
        if len(inside) == 1:
            a, b = inside[0].text.split(" x ")
            compared[z.label] = z.area_m2 / (_feet(a) * _feet(b))
    assert set(compared) == {"BATH", "MSTR. BATH", "MASTER", "BEDROOM 2", "BEDROOM 3"}
    assert all(0.965 < r < 1.035 for r in compared.values()), compared
    great = next(z for z in plan.zones if z.label == "GREAT ROOM")
    assert great.area_m2 > 17 * 17.67 * 0.3048**2


def test_the_two_medialab_files_are_the_same_building() -> None:
    """ml3 (R2007, LWPOLYLINE) and r12 (R12 POLYLINE, no units) hold the same floor: the same
    four room polygons and wall lengths come out of both."""
    a = floorcheck.load(corpus("proxymix_mit_medialab_ml3.dxf"))
    b = floorcheck.load(corpus("proxymix_mit_medialab_r12.dxf"))
    assert sorted(round(z.area_m2, 1) for z in a.zones) == sorted(
        round(z.area_m2, 1) for z in b.zones
    )
    assert sum(w.length for w in a.walls) == pytest.approx(sum(w.length for w in b.walls), rel=1e-3)


def test_school_toilets_are_closed_from_walls() -> None:
    """Five floors side by side, rooms implied by walls, W.C labels (MTEXT on Walls): the small
    toilet blocks at the top of the upper floors close as 3 × 5.5 m rooms."""
    plan = floorcheck.load(corpus("proxymix_andorra_escaldes_school.dxf"))
    small = [z for z in plan.zones if z.label == "W.C" and z.area_m2 < 20]
    assert len(small) >= 3
    for z in small[:3]:
        x0, y0, x1, y1 = z.geometry.bounds
        assert (x1 - x0, y1 - y0) == pytest.approx((3.0, 5.5), abs=0.1)


def test_factory_rooms_are_polygons_named_by_mtext() -> None:
    plan = floorcheck.load(corpus("proxymix_standard_factory_plan.dxf"))
    named = {z.label for z in plan.zones if z.label}
    assert {"Meeting Room A", "Meeting Room B", "Meeting Room C"} <= named
    assert len(plan.zones) == 97 and len(plan.doors) == 16


# -- several plans in one drawing -----------------------------------------------------------------


def test_floors_side_by_side_are_found_as_regions() -> None:
    from floorcheck.geometry.regions import find_regions

    school = find_regions(floorcheck.load(corpus("proxymix_andorra_escaldes_school.dxf")))
    assert len(school) == 5 and all(r.zones for r in school)  # five floors, W.C on each
    factory = find_regions(floorcheck.load(corpus("proxymix_standard_factory_plan.dxf")))
    assert [r.zones for r in factory][:3] == [48, 42, 6]  # floors top to bottom
    assert [r.index for r in factory] == list(range(1, len(factory) + 1))


def test_region_checks_one_hall_of_two(tmp_path: Path, capsys) -> None:
    import sys

    from conftest import SAMPLES

    sys.path.insert(0, str(SAMPLES))
    from make_samples import draw, new_document, shifted, village_ok

    from floorcheck.cli import main

    doc = new_document()
    draw(doc, village_ok())
    draw(doc, shifted(village_ok(), 30.0, 0.0))
    path = tmp_path / "two.dxf"
    doc.saveas(path)
    assert len(floorcheck.load(path).zones) == 14
    right = floorcheck.load(path, region=2)
    assert len(right.zones) == 7 and min(z.geometry.bounds[0] for z in right.zones) >= 30.0
    assert floorcheck.load(path, region="0,0,12,10").zones == floorcheck.load(path, region=1).zones
    with pytest.raises(floorcheck.InputError, match="has 2 plan region"):
        floorcheck.load(path, region=3)
    assert main(["check", str(path), "--region", "2", "--level", "village", "-q"]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--region", "nowhere"]) == 2
    assert "region number" in capsys.readouterr().err


def test_multi_plan_drawing_without_outline_says_to_use_region() -> None:
    from floorcheck.config import Config

    report = floorcheck.check(
        corpus("proxymix_standard_factory_plan.dxf"), config=Config(select=("FC007",))
    )
    (finding,) = report.findings
    assert "separate plans" in finding.message and "--region" in finding.message
    assert "--region" in finding.message_zh
