"""IFC input: BIM twins of the sample halls (built with ifcopenshell.api) give the findings of
their DXF samples; one plan per storey; a real model's spaces match its own quantities."""

from __future__ import annotations

import gzip
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLES
from ifc_builder import build_model, save_model

import floorcheck
from floorcheck.cli import main
from floorcheck.errors import ConfigError

sys.path.insert(0, str(SAMPLES))
import make_samples as ms

DATA = Path(__file__).resolve().parent / "data" / "ifc"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _twin_findings(a: floorcheck.Report, b: floorcheck.Report) -> None:
    """Same findings, zone ids and rules; numbers in FC505 route measurements (walls are 10 mm
    thick bodies in the model, lines in the DXF) may differ by a tenth of a metre."""
    key = lambda r: sorted((f.rule, f.severity, f.zones) for f in r.findings)  # noqa: E731
    assert key(a) == key(b)
    assert a.passed == b.passed and a.skipped == b.skipped
    exact_a = sorted(f.message for f in a.findings if f.rule != "FC505")
    exact_b = sorted(f.message for f in b.findings if f.rule != "FC505")
    assert exact_a == exact_b
    routes_a = sorted(f.message for f in a.findings if f.rule == "FC505")
    routes_b = sorted(f.message for f in b.findings if f.rule == "FC505")
    for x, y in zip(routes_a, routes_b, strict=True):
        assert _NUMBER.sub("#", x) == _NUMBER.sub("#", y)
        nx = [float(v) for v in _NUMBER.findall(x)]
        ny = [float(v) for v in _NUMBER.findall(y)]
        assert max(abs(p - q) for p, q in zip(nx, ny, strict=True)) <= 0.15, (x, y)


@pytest.fixture(scope="module")
def county_ifc(tmp_path_factory) -> Path:
    return save_model(ms.county_ok(), tmp_path_factory.mktemp("ifc") / "county_ok.ifc")


def test_the_bim_twin_of_the_county_hall_gives_the_dxf_sample_findings(county_ifc: Path) -> None:
    dxf = floorcheck.load(SAMPLES / "county_ok.dxf")
    ifc = floorcheck.load(county_ifc)
    assert [(z.id, z.type, z.label, round(z.area_m2, 6)) for z in dxf.zones] == [
        (z.id, z.type, z.label, round(z.area_m2, 6)) for z in ifc.zones
    ]
    assert ifc.hall_outline is not None and ifc.hall_outline.area == pytest.approx(1200.0)
    for part in ("doors", "windows", "cameras"):
        a, b = getattr(dxf, part), getattr(ifc, part)
        assert len(a) == len(b), part
    for d, e in zip(dxf.doors, ifc.doors, strict=True):
        assert (d.id, d.width_m, d.entrance, d.main, d.staff_only, d.automatic, d.exit) == (
            e.id,
            e.width_m,
            e.entrance,
            e.main,
            e.staff_only,
            e.automatic,
            e.exit,
        )
        assert d.position == pytest.approx(e.position, abs=1e-6)
    assert [(w.kind, round(w.facing_deg, 6)) for w in dxf.windows] == [
        (w.kind, round(w.facing_deg, 6)) for w in ifc.windows
    ]
    assert [(c.kind, round(c.direction_deg, 6)) for c in dxf.cameras] == [
        (c.kind, round(c.direction_deg, 6)) for c in ifc.cameras
    ]
    assert Counter(o.kind for o in dxf.obstacles) == Counter(o.kind for o in ifc.obstacles)
    assert (ifc.metadata.level, ifc.metadata.staff, ifc.metadata.peak_visitors) == (
        "county",
        18,
        40,
    )
    assert ifc.part == "1F" and ifc.units.source == "IFC" and ifc.diagnostics == ()
    _twin_findings(floorcheck.check(dxf), floorcheck.check(ifc))


@pytest.mark.parametrize(
    "name", ["county_bad_cameras", "county_few_windows", "county_missing_zones"]
)
def test_broken_halls_fail_the_same_rules_as_ifc(name: str, tmp_path: Path) -> None:
    layout = ms._breaks()[name]()
    path = save_model(layout, tmp_path / f"{name}.ifc")
    _twin_findings(floorcheck.check(SAMPLES / f"{name}.dxf"), floorcheck.check(path))


def test_ifc_keeps_global_ids_of_spaces_and_doors(county_ifc: Path) -> None:
    import ifcopenshell

    model = ifcopenshell.open(str(county_ifc))
    by_guid = {s.GlobalId: s for s in model.by_type("IfcSpace")}
    report = floorcheck.check(county_ifc)
    assert all(by_guid[z["guid"]].LongName == z["label"] for z in report.zones)
    doors = {d.GlobalId for d in model.by_type("IfcDoor")}
    assert {d["guid"] for d in report.doors} == doors
    assert report.hall["elevation_m"] == 0.0


@pytest.fixture(scope="module")
def two_storeys(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ifc2") / "centre.ifc"
    model = build_model(
        ms.county_ok(),
        storeys=[("1F", 0.0, ms.county_ok()), ("2F", 4.5, ms.street_ok())],
    )
    model.write(str(path))
    return path


def test_a_model_of_several_storeys_gives_one_plan_each(two_storeys: Path, capsys) -> None:
    plans = floorcheck.api.load_plans(two_storeys)
    assert [p.part for p in plans] == ["1F", "2F"]
    assert [len(p.zones) for p in plans] == [20, 12]
    assert [p.metadata.floor for p in plans] == [1, 2]
    assert [p.metadata.level for p in plans] == ["county", "street"]
    assert plans[1].elevation_m == pytest.approx(4.5)
    assert [p.part for p in floorcheck.api.load_plans(two_storeys, storey="2F")] == ["2F"]
    assert floorcheck.load(two_storeys, storey="4.5").part == "2F"
    with pytest.raises(ConfigError, match="2 storeys"):
        floorcheck.load(two_storeys)
    with pytest.raises(ConfigError, match=r"no storey named '9F'.*1F \(0 m\), 2F \(4.5 m\)"):
        floorcheck.load(two_storeys, storey="9F")
    # the CLI checks each storey, names it in the report, and zones lists both
    assert main(["check", str(two_storeys), "--format", "json", "-q"]) in (0, 1)
    out = capsys.readouterr().out
    assert '"part": "1F"' in out and '"part": "2F"' in out
    assert main(["zones", str(two_storeys)]) == 0
    assert "== storey 2F ==" in capsys.readouterr().out
    assert main(["render", str(two_storeys), "-o", str(two_storeys.with_suffix(".png"))]) == 2
    assert "--storey" in capsys.readouterr().err


def test_a_real_model_reads_its_spaces_within_2_percent_of_its_quantities(tmp_path: Path) -> None:
    """Architectural.ifc from buildingSMART's BCF-XML test cases (Allplan export, IFC 2x3,
    CC BY-ND 4.0: tests/data/ifc/LICENSE.md)."""
    import ifcopenshell
    import ifcopenshell.util.element as ue

    path = tmp_path / "Architectural.ifc"
    path.write_bytes(gzip.decompress((DATA / "bcfxml_architectural.ifc.gz").read_bytes()))
    plan = floorcheck.load(path)
    assert plan.part == "3.Nadzemní podlaží" and plan.metadata.floor == 1
    model = ifcopenshell.open(str(path))
    spaces = {s.GlobalId: s for s in model.by_type("IfcSpace")}
    assert {z.label for z in plan.zones} == {"STUDIO", "STAIR"}
    for zone in plan.zones:
        space = spaces[zone.guid]
        quantities = ue.get_psets(space, qtos_only=True)
        areas = {k: v for q in quantities.values() for k, v in q.items() if "Area" in k}
        # the model's measure of the space's plan area (NetFloorArea deducts the finishes)
        stated = areas.get("GrossFloorArea") or areas["CrossSectionArea"]
        assert zone.area_m2 == pytest.approx(stated, rel=0.02)
        assert zone.stated_area_m2 == pytest.approx(stated)
    assert len(plan.doors) == 1 and plan.doors[0].width_m == pytest.approx(2.385)
    assert plan.walls, "the walls are cut into plan lines"
    report = floorcheck.check(plan, level="village")
    assert "FC011" in report.passed  # the measured areas agree with the model's own


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"ISO-10303-21;\nHEADER;\nthis is not a model\n", "could not be read as IFC"),
        (b'<?xml version="1.0"?><ifcXML/>', "ifcXML"),
        (b"PK\x03\x04zipped", "zipped IFC"),
    ],
)
def test_unusable_ifc_files_exit_2_with_one_line(tmp_path: Path, content, expected, capsys):
    bad = tmp_path / "model.ifc"
    bad.write_bytes(content)
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "model.ifc" in lines[0] and expected in lines[0], err


def test_a_model_without_storeys_or_space_geometry_says_so(tmp_path: Path, capsys) -> None:
    import ifcopenshell
    import ifcopenshell.api.root

    empty = ifcopenshell.file(schema="IFC4")
    ifcopenshell.api.root.create_entity(empty, ifc_class="IfcProject", name="p")
    path = tmp_path / "empty.ifc"
    empty.write(str(path))
    assert main(["check", str(path)]) == 2
    assert "no building storey" in capsys.readouterr().err

    model = build_model(ms.village_ok())
    space = next(s for s in model.by_type("IfcSpace") if s.LongName == "母婴室")
    space.Representation = None
    path = tmp_path / "no_body.ifc"
    model.write(str(path))
    plan = floorcheck.load(path)
    found = [d for d in plan.diagnostics if d.code == "FC009"]
    assert len(found) == 1 and "母婴室" in found[0].message and found[0].measured == 1.0
    report = floorcheck.check(plan)
    assert any(f.rule == "FC009" for f in report.findings)
    assert any(f.rule == "FC302" for f in report.findings)  # the room left out is missing


def test_labels_of_a_mapping_type_ifc_spaces(tmp_path: Path) -> None:
    layout = ms.village_ok()
    renamed = [("坐席区" if lab == "休息等候区" else lab, r) for lab, r in layout.zones]
    layout.zones[:] = renamed
    path = save_model(layout, tmp_path / "v.ifc")
    assert "unknown" in {z.type for z in floorcheck.load(path).zones}
    mapping = tmp_path / "office.toml"
    mapping.write_text('[labels]\nwaiting = ["坐席区"]\n', encoding="utf-8")
    zones = floorcheck.load(path, mapping=mapping).zones
    assert "unknown" not in {z.type for z in zones}
    assert any(z.label == "坐席区" and z.type == "waiting" for z in zones)


def test_the_bundled_bim_samples_pass(capsys) -> None:
    """samples/county_ok.dwg and .ifc (scripts/make_bim_samples.py), as the README runs them."""
    assert (
        main(["check", str(SAMPLES / "county_ok.dwg"), "--level", "county", "--staff", "18"]) == 0
    )
    assert main(["check", str(SAMPLES / "county_ok.ifc")]) == 0
    assert "[1F]" in capsys.readouterr().out
    dxf = floorcheck.load(SAMPLES / "county_ok.dxf")
    for name in ("county_ok.dwg", "county_ok.ifc"):
        plan = floorcheck.load(SAMPLES / name)
        assert [(z.type, round(z.area_m2, 6)) for z in plan.zones] == [
            (z.type, round(z.area_m2, 6)) for z in dxf.zones
        ]
