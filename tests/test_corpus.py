"""What the reader recognises in each real drawing of the corpus, with no mapping (issue 13).

Every count and area asserted here was checked by rendering the plan (``floorcheck render PLAN
-o plan.png``, one sheet per floor plan) and looking at it; the notes beside each test say what
the picture shows. Where the drawing writes a room's size (the US house: "13'8 x 14'"), the room
closed from the walls is compared with it. The three drawings with an MIT licence are bundled in
tests/data/real and always run; the others skip when the corpus is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import corpus
from shapely.geometry import Point, box

import floorcheck
from floorcheck.cli import main
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


def _rooms(plan: floorcheck.Plan) -> list[tuple[str, str, float]]:
    return sorted((z.label, z.type, round(z.area_m2, 1)) for z in plan.zones)


def _codes(plan: floorcheck.Plan, code: str) -> list[str]:
    return [d.message for d in plan.diagnostics if d.code == code]


# (file, text encoding, unit, unit source, shipped mapping, labels, door blocks, wall lines)
FACTS = [
    ("ceco_net_architecture_tm53.dxf", "cp1252", "m", "$INSUNITS", "default", 12, 3, 193),
    ("cn_office_electrical_plan_utf8.dxf", "utf-8", "mm", "$INSUNITS", "default", 498, 0, 2),
    ("cn_pump_house_3_t3_gbk.dxf", "gbk", "mm", "guessed", "tarch", 843, 2, 266),
    ("proxymix_andorra_escaldes_school.dxf", "utf-8", "m", "guessed", "default", 221, 0, 491),
    ("proxymix_mit_medialab_ml3.dxf", "utf-8", "cm", "$INSUNITS", "default", 0, 0, 557),
    ("proxymix_mit_medialab_r12.dxf", "cp1252", "cm", "guessed", "default", 0, 0, 557),
    ("proxymix_standard_factory_plan.dxf", "cp1252", "cm", "$INSUNITS", "default", 91, 16, 920),
    ("proxymix_udg_cucs_campus_site.dxf", "utf-8", "mm", "guessed", "default", 4, 0, 0),
    ("us_house_bishop_overland_floorplan.dxf", "cp1252", "in", "guessed", "default", 96, 0, 203),
]


@pytest.mark.parametrize(
    ("name", "encoding", "unit", "unit_source", "mapping", "labels", "doors", "walls"),
    FACTS,
    ids=[f[0] for f in FACTS],
)
def test_what_is_read(name, encoding, unit, unit_source, mapping, labels, doors, walls) -> None:
    src, found = _walk(name)
    assert src.encoding == encoding
    assert len(found.labels) == labels
    assert sum(b.kind == "door" for b in found.blocks) == doors
    assert len(found.wall_lines) == walls
    for plan in floorcheck.load_plans(corpus(name)):
        assert (plan.units.unit, plan.units.source, plan.mapping) == (unit, unit_source, mapping)


# -- the drawings with a licence: always run ------------------------------------------------------


def _feet(text: str) -> float:
    m = re.match(r"(\d+)'(\d*)", text.strip())
    assert m
    return int(m.group(1)) * 0.3048 + (int(m.group(2)) * 0.0254 if m.group(2) else 0.0)


def test_us_house_every_labelled_room_is_a_zone_of_its_written_size() -> None:
    """No mapping. The render shows the 16 rooms of the house, each grey with its own name
    (none is a zone type of the guide); names written on two lines are one (MASTER BEDROOM,
    COVERED DECK). The great room runs into the open-plan kitchen, hall and dining room: one
    space with four names, reported (FC006), HALL an ordinary room name, not the hall outline.
    Each room with one size written in it ("13'8 x 14'") is within 4 % of it; the deck, the
    utility room and the closet within 10 % (their sizes are nominal), the garage's written size
    runs to its door, where the picture shows the strip inside the door closed apart."""
    name = "us_house_bishop_overland_floorplan.dxf"
    plan = floorcheck.load(corpus(name))
    assert {z.label for z in plan.zones} == {
        "MASTER BEDROOM",
        "MSTR. BATH",
        "TOIL.",
        "W.I.C.",
        "BATH",
        "GREAT ROOM",
        "COVERED DECK",
        "UTIL.",
        "ENTRY",
        "Pantry",
        "BEDROOM 2",
        "BEDROOM 3",
        "CLOSET",
        "COVERED PORCH",
        "2 CAR GARAGE",
    }
    assert len(plan.zones) == 16 and {z.type for z in plan.zones} == {"unknown"}
    assert plan.hall_outline is None
    (fc006,) = _codes(plan, "FC006")
    assert all(n in fc006 for n in ("GREAT ROOM", "KITCHEN", "HALL", "DINING ROOM"))
    _, found = _walk(name)
    s = plan.units.scale_to_m
    sizes = [lb for lb in found.labels if re.fullmatch(r"\d+'\d* x \d+'\d*", lb.text)]
    compared = {}
    for z in plan.zones:
        inside = [lb for lb in sizes if z.geometry.contains(Point(lb.x * s, lb.y * s))]
        if len(inside) == 1:
            a, b = inside[0].text.split(" x ")
            compared[z.label] = z.area_m2 / (_feet(a) * _feet(b))
    close = {"MASTER BEDROOM", "MSTR. BATH", "TOIL.", "BEDROOM 2", "BEDROOM 3", "BATH", "W.I.C."}
    close |= {"Pantry", "ENTRY", "COVERED PORCH"}
    assert close | {"COVERED DECK", "UTIL.", "CLOSET", "2 CAR GARAGE"} <= set(compared)
    assert all(0.96 < compared[k] < 1.04 for k in close), compared
    assert all(0.9 < compared[k] < 1.1 for k in ("COVERED DECK", "UTIL.", "CLOSET")), compared
    assert 0.7 < compared["2 CAR GARAGE"] < 0.8
    great = next(z for z in plan.zones if z.label == "GREAT ROOM")
    assert great.area_m2 > 17 * 17.67 * 0.3048**2  # larger than its own written size


def test_us_house_mapping_types_rooms_and_keeps_their_names(tmp_path: Path) -> None:
    """A mapping written as the drawing writes the names ("2 CAR GARAGE", whose "2 " looks like a
    code prefix, and a pattern) types the rooms; each keeps the drawing's own name."""
    mapping = _mapping(
        tmp_path,
        '[labels]\nwaiting = ["GREAT ROOM"]\nback_office = ["BEDROOM *", "MASTER BEDROOM"]\n'
        'toilet = ["*BATH", "TOIL."]\nequipment = ["2 CAR GARAGE"]\n',
    )
    plan = floorcheck.load(corpus("us_house_bishop_overland_floorplan.dxf"), mapping=mapping)
    typed = {z.label: z.type for z in plan.zones}
    assert typed["GREAT ROOM"] == "waiting" and typed["2 CAR GARAGE"] == "equipment"
    assert typed["BEDROOM 2"] == typed["BEDROOM 3"] == typed["MASTER BEDROOM"] == "back_office"
    assert typed["MSTR. BATH"] == typed["BATH"] == typed["TOIL."] == "toilet"
    assert plan.recognition is not None and not plan.recognition.unmatched_mapping


def test_ceco_house_hall_is_an_ordinary_room() -> None:
    """The Ceco house: HALL and KITCHEN share one open space closed from the walls and the window
    lines (doorswindows layer): one room of 112.6 m², both names reported (FC006). English HALL
    makes no hall outline. The roof projection notes stand outside the house: no rooms."""
    plan = floorcheck.load(corpus("ceco_net_architecture_tm53.dxf"))
    assert _rooms(plan) == [("KITCHEN", "unknown", 112.6)]
    assert plan.hall_outline is None
    (fc006,) = _codes(plan, "FC006")
    assert "HALL" in fc006 and "KITCHEN" in fc006


def test_office_rooms_without_a_mapping() -> None:
    """The architectural background is drawn on a layer called WINDOW (a TArch window layer, whose
    lines close rooms). No mapping: the render shows the six labelled rooms of each core — 男厕
    and 女厕 (the cubicles closed apart), 前室, 设备阳台, 配电间, 弱电间, IT RM. — the floor
    symmetric. The two balconies whose walls leak into the strip outside the façade (145 m²)
    are refused, saying so."""
    plan = floorcheck.load(corpus("cn_office_electrical_plan_utf8.dxf"))
    assert _rooms(plan) == [
        ("IT RM.", "unknown", 8.9),
        ("前室", "unknown", 9.9),
        ("前室", "unknown", 10.0),
        ("前室", "unknown", 15.8),
        ("女厕", "toilet", 12.9),
        ("女厕", "toilet", 12.9),
        ("弱电间", "equipment", 5.3),
        ("男厕", "toilet", 9.0),
        ("男厕", "toilet", 9.0),
        ("设备阳台", "unknown", 9.5),
        ("设备阳台", "unknown", 9.5),
        ("配电间", "equipment", 33.2),
    ]
    refused = _codes(plan, "FC003")
    assert len(refused) == 2 and all("设备阳台" in m and "145 m²" in m for m in refused)
    # device tags (T001, D002 …) and socket symbols (TP.O) name no room
    rec = plan.recognition
    assert rec is not None and not any(re.fullmatch(r"[TD]\d{3}", m.text) for m in rec.unnamed)


# -- the drawings without a licence: skipped without the corpus --------------------------------


def test_pump_house_reads_its_two_floor_plans_and_leaves_out_the_other_views() -> None:
    """The GBK TArch sheet holds 15 views: the ground-floor and basement plans, a section
    (消防水泵房 and 消防水池 written again in it), elevations, details, the roof plan and the
    notes. Only the two floor plans are read, each its own plan: the ground floor's two pump
    rooms, each its 12.4 × 10.9 m bay less the column corners, and the basement's water tank."""
    plans = floorcheck.load_plans(corpus("cn_pump_house_3_t3_gbk.dxf"))
    assert [p.part for p in plans] == ["region 3 一层平面图", "region 4 地下一层平面图"]
    ground, basement = plans
    assert _rooms(ground) == [
        ("消防水泵房", "unknown", 131.4),
        ("生活和冷却水补水泵房", "unknown", 126.9),
    ]
    for z in ground.zones:
        x0, y0, x1, y1 = z.geometry.bounds
        assert (x1 - x0, y1 - y0) == pytest.approx((12.4, 10.9), abs=0.05)
    assert _rooms(basement) == [("消防水池", "unknown", 265.1)]
    views = {v.index: v for v in ground.recognition.views}
    assert (views[8].kind, views[8].title) == ("section", "剖面图")
    assert views[11].kind == "roof" and {views[k].kind for k in (13, 14, 15)} == {"elevation"}
    assert views[9].kind == "detail"
    # nothing of the section, the elevations or the roof plan became a zone
    for p in plans:
        for z in p.zones:
            c = z.geometry.representative_point()
            assert all(not box(*v.bounds).contains(c) for v in views.values() if not v.floor_plan)


def test_school_floors_are_plans_of_their_own_and_no_room_runs_away() -> None:
    """Five floors side by side, each titled: five plans. Rooms are implied by single-line walls
    with open doors. The yard (2,400 m²) is refused, and no zone is larger than the largest room
    really drawn: the chapel with its open alcoves (289 m²) on the top floor; the caretaker's
    flat (264 m²) is one open wing. Toilets are toilet-sized; rooms merged through open doors are
    reported (FC006)."""
    plans = floorcheck.load_plans(corpus("proxymix_andorra_escaldes_school.dxf"))
    assert [p.part for p in plans] == [
        "region 1 SCHOOL YARD FLOOR",
        "region 2 GROUND FLOOR",
        "region 3 1ST FLOOR",
        "region 4 2ND FLOOR",
        "region 5 TOP FLOOR",
    ]
    largest_room_drawn = 290.0
    for p in plans:
        assert all(z.area_m2 <= largest_room_drawn for z in p.zones), _rooms(p)
        assert all(z.area_m2 < 60 for z in p.zones if z.type == "toilet"), _rooms(p)
    yard, _, first, _, top = plans
    assert any("SCHOOL YARD" in m and re.search(r"24\d\d m²", m) for m in _codes(yard, "FC003"))
    assert [z.label for z in first.zones] == ["W.C", "W.C"]
    assert {z.label for z in top.zones} == {"PIS CONSERGE", "W.C", "MENJADOR", "CAPELLA"}
    assert any("MENJADOR" in m for m in _codes(top, "FC006"))
    assert any("CUINA" in m for m in _codes(top, "FC003"))


def test_factory_rooms_are_outlines_on_room_type_layers() -> None:
    """Rooms are closed polylines on a layer per room type (00_Offices, 00_Toilets …), named by
    MTEXT on 01_Legends, in the view titled ALL of the four stacked views of the floor. No
    mapping: every office, meeting room and toilet of that view is a zone with its name."""
    plans = floorcheck.load_plans(corpus("proxymix_standard_factory_plan.dxf"))
    assert [p.part for p in plans][:3] == ["region 1 ALL", "region 2 Plan", "region 3 Program"]
    every = plans[0]
    names = {z.label for z in every.zones}
    offices = {f"Office {c}" for c in "BCDGHIJKMQS"}
    assert offices | {"Meeting Room A", "Meeting Room B", "Meeting Room C", "Cafeteria"} <= names
    assert [z.type for z in every.zones if z.label == "Accessible Toilet"] == [
        "accessible_toilet"
    ] * 2
    assert every.recognition is not None
    assert {"00_Offices", "00_Toilets", "00_Coffee"} <= set(every.recognition.outline_layers)


def test_medialab_rooms_have_no_text_to_name_them() -> None:
    """Rooms are named only by their layers, and no text: the boundaries on the zone-like layer
    MEETING_ROOMS are zones of no type and no name; the two files are the same floor."""
    a = floorcheck.load(corpus("proxymix_mit_medialab_ml3.dxf"))
    b = floorcheck.load(corpus("proxymix_mit_medialab_r12.dxf"))
    assert sorted(round(z.area_m2, 1) for z in a.zones) == [28.1, 40.0, 47.7, 90.6]
    assert sorted(round(z.area_m2, 1) for z in b.zones) == [28.1, 40.0, 47.7, 90.6]
    assert {(z.type, z.label) for z in a.zones} == {("unknown", "")}
    assert sum(w.length for w in a.walls) == pytest.approx(sum(w.length for w in b.walls), rel=1e-3)


def test_campus_site_plan_says_why_it_has_no_zones(capsys) -> None:
    assert main(["zones", str(corpus("proxymix_udg_cucs_campus_site.dxf"))]) == 0
    out = capsys.readouterr().out
    assert "zones (0)" in out and "recognition:" in out and "no zones:" in out


# -- several plans in one drawing -----------------------------------------------------------------


def test_one_plan_of_several_needs_a_region() -> None:
    path = corpus("proxymix_andorra_escaldes_school.dxf")
    with pytest.raises(floorcheck.InputError, match="holds 5 floor plans.*--region"):
        floorcheck.load(path)
    top = floorcheck.load(path, region=5)
    assert {z.label for z in top.zones} == {"PIS CONSERGE", "W.C", "MENJADOR", "CAPELLA"}
    assert top.part == ""


def test_region_checks_one_hall_of_two(tmp_path: Path, capsys) -> None:
    import sys

    from conftest import SAMPLES

    sys.path.insert(0, str(SAMPLES))
    from make_samples import draw, new_document, shifted, village_ok

    doc = new_document()
    draw(doc, village_ok())
    draw(doc, shifted(village_ok(), 30.0, 0.0))
    path = tmp_path / "two.dxf"
    doc.saveas(path)
    plans = floorcheck.load_plans(path)
    assert [len(p.zones) for p in plans] == [7, 7] and [p.part for p in plans] == [
        "region 1",
        "region 2",
    ]
    right = floorcheck.load(path, region=2)
    assert len(right.zones) == 7 and min(z.geometry.bounds[0] for z in right.zones) >= 30.0
    assert floorcheck.load(path, region="0,0,12,10").zones == floorcheck.load(path, region=1).zones
    with pytest.raises(floorcheck.InputError, match="has 2 plan region"):
        floorcheck.load(path, region=3)
    assert main(["check", str(path), "--region", "2", "--level", "village", "-q"]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--region", "nowhere"]) == 2
    assert "region number" in capsys.readouterr().err
    # checked whole, each hall is its own plan: FC101's area is one hall's, never the sum
    assert main(["check", str(path), "--level", "village", "--format", "json", "-q"]) == 0
    import json

    reports = json.loads(capsys.readouterr().out)
    reports = reports if isinstance(reports, list) else reports.get("reports", [reports])
    areas = [r["hall"]["usable_area_m2"] for r in reports]
    assert len(areas) == 2 and areas[0] == areas[1]
