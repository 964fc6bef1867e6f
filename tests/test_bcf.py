"""BCF out: one topic per finding, valid against buildingSMART's BCF 2.1 schemas (shipped in
tests/data/bcf-2.1 with their licence), with the GlobalIds of the spaces and doors involved."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema
from conftest import SAMPLES
from ifc_builder import save_model

import floorcheck
from floorcheck.cli import main
from floorcheck.report.bcf import PRIORITY

sys.path.insert(0, str(SAMPLES))
import make_samples as ms

XSD = Path(__file__).resolve().parent / "data" / "bcf-2.1"
KIND = {"bcf": "markup", "bcfv": "visinfo", "version": "version", "bcfp": "project"}


@pytest.fixture(scope="module")
def schemas() -> dict[str, xmlschema.XMLSchema]:
    return {name: xmlschema.XMLSchema(str(XSD / f"{name}.xsd")) for name in set(KIND.values())}


def _validate(path: Path, schemas) -> dict[str, ET.Element]:
    out = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            text = zf.read(name).decode("utf-8")
            schemas[KIND[name.rsplit(".", 1)[1]]].validate(text)
            out[name] = ET.fromstring(text)
    return out


@pytest.fixture(scope="module")
def cameras_ifc(tmp_path_factory) -> Path:
    layout = ms._breaks()["county_bad_cameras"]()
    return save_model(layout, tmp_path_factory.mktemp("bcf") / "county_bad_cameras.ifc")


def test_every_finding_of_an_ifc_check_is_a_valid_bcf_topic(
    cameras_ifc: Path, tmp_path: Path, schemas
) -> None:
    out = tmp_path / "findings.bcfzip"
    assert main(["check", str(cameras_ifc), "--format", "bcf", "-o", str(out), "-q"]) == 1
    files = _validate(out, schemas)
    report = floorcheck.check(cameras_ifc)
    markups = [e for n, e in files.items() if n.endswith("markup.bcf")]
    assert len(markups) == len(report.findings) > 0
    assert files["bcf.version"].get("VersionId") == "2.1"
    topics = {m.find("Topic").findtext("Title"): m for m in markups}
    for f in report.findings:
        title = next(t for t in topics if t.startswith(f"{f.rule} [1F]: "))
        topic = topics[title].find("Topic")
        assert topic.findtext("Priority") == PRIORITY[f.severity]
        assert f.rule in [label.text for label in topic.findall("Labels")]
    guid = {z["id"]: z["guid"] for z in report.zones}
    for name, markup in files.items():
        if not name.endswith("markup.bcf"):
            continue
        folder = name.split("/")[0]
        view = files[f"{folder}/viewpoint.bcfv"]
        camera = view.find("OrthogonalCamera")
        assert camera.find("CameraDirection").findtext("Z") == "-1.0"
        selected = {c.get("IfcGuid") for c in view.iter("Component")}
        finding = report.findings[int(markup.find("Topic").findtext("Index")) - 1]
        assert markup.find("Topic").findtext("Title").startswith(f"{finding.rule} [1F]: ")
        assert {guid[z] for z in finding.zones} <= selected


def test_blind_spots_select_the_spaces_they_lie_in(cameras_ifc: Path, tmp_path: Path, schemas):
    out = tmp_path / "f.bcfzip"
    report = floorcheck.check(cameras_ifc)
    floorcheck.report.write_report("bcf", [report], out)
    files = _validate(out, schemas)
    fc703 = [f for f in report.findings if f.rule == "FC703" and f.zones]
    assert fc703, "the camera-poor hall has blind spots"
    selections = [
        {c.get("IfcGuid") for c in e.iter("Component")}
        for n, e in files.items()
        if n.endswith(".bcfv")
    ]
    guids = {z["id"]: z["guid"] for z in report.zones}
    for f in fc703:
        assert any({guids[z] for z in f.zones} <= s for s in selections)


def test_bcf_descriptions_follow_lang(tmp_path: Path, schemas) -> None:
    out = tmp_path / "zh.bcfzip"
    plan = SAMPLES / "county_missing_zones.dxf"
    assert main(["check", str(plan), "--format", "bcf", "-o", str(out), "--lang", "zh", "-q"]) == 1
    files = _validate(out, schemas)
    texts = [
        e.find("Topic").findtext("Description") for n, e in files.items() if n.endswith(".bcf")
    ]
    assert texts and all("依据" in t for t in texts if "§" in t)
    assert any("母婴室" in t for t in texts)


def test_bcf_needs_a_file(capsys) -> None:
    assert main(["check", str(SAMPLES / "village_ok.dxf"), "--format", "bcf"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "-o findings.bcfzip" in err
