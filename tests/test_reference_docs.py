"""The reference a user has: docs/reference.md (vocabulary, levels, mapping files, the JSON
report) and docs/report.schema.json, which every report floorcheck writes must validate against;
nothing sends a user to a file they do not have."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SAMPLES

import floorcheck
from floorcheck.cli import main
from floorcheck.vocab import LEVELS, WINDOW_KINDS, ZONE_TYPES

DOCS = ROOT / "docs"
SCHEMA = (
    json.loads((DOCS / "report.schema.json").read_text(encoding="utf-8"))
    if (DOCS / "report.schema.json").exists()
    else None
)
SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.dxf"))


def _shipped_texts():
    for path in [ROOT / "README.md", *DOCS.rglob("*.md"), *(ROOT / "floorcheck").rglob("*.py")]:
        yield path, path.read_text(encoding="utf-8")


def test_nothing_sends_users_to_a_file_they_do_not_have() -> None:
    offenders = [str(p.relative_to(ROOT)) for p, text in _shipped_texts() if "INTERFACE.md" in text]
    assert offenders == []


def test_the_reference_lists_the_whole_vocabulary() -> None:
    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    for z in ZONE_TYPES.values():
        assert f"`{z.id}`" in text and z.zh in text, z.id
        for synonym in z.synonyms:
            assert synonym in text, (z.id, synonym)
    for w in WINDOW_KINDS.values():
        assert f"`{w.id}`" in text and w.zh in text, w.id
    for lv in LEVELS.values():
        assert f"`{lv.id}`" in text and lv.zh in text, lv.id
    for heading in ("## Mapping files", "## The JSON report", "report.schema.json"):
        assert heading in text


def test_readme_links_the_tutorial_and_the_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/tutorial.md" in readme and "docs/reference.md" in readme


def test_the_mapping_error_points_to_the_reference(tmp_path: Path, capsys) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text('[layer_types]\n"A-ROOM" = "waitng"\n', encoding="utf-8")
    assert main(["zones", str(SAMPLES / "county_ok.dxf"), "--mapping", str(mapping)]) == 2
    err = capsys.readouterr().err
    assert "docs/reference.md" in err and "did you mean 'waiting'" in err


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_every_sample_report_validates_against_the_schema(sample: str) -> None:
    assert SCHEMA is not None, "docs/report.schema.json is missing"
    report = floorcheck.check(floorcheck.load(SAMPLES / f"{sample}.dxf"), level="county")
    jsonschema.validate(json.loads(report.to_json()), SCHEMA)


def test_a_batch_report_with_unreadable_files_validates(tmp_path: Path, capsys) -> None:
    assert SCHEMA is not None
    (tmp_path / "a.dxf").write_bytes((SAMPLES / "street_ok.dxf").read_bytes())
    (tmp_path / "b.dxf").write_bytes(b"not a drawing")
    assert main(["check", str(tmp_path), "--format", "json"]) == 2
    jsonschema.validate(json.loads(capsys.readouterr().out), SCHEMA)


def test_the_schema_is_strict_enough_to_catch_a_broken_report() -> None:
    assert SCHEMA is not None
    report = json.loads(
        floorcheck.check(floorcheck.load(SAMPLES / "county_bad_layout.dxf")).to_json()
    )
    report["findings"][0]["severity"] = "critical"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, SCHEMA)


def test_the_reference_is_generated_from_the_code(capsys) -> None:
    import importlib.util

    path = ROOT / "scripts" / "gen_reference.py"
    spec = importlib.util.spec_from_file_location("gen_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, capsys.readouterr().out
