"""Small plans written as data: rectangles or WKT, and a one-call way to run one rule."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from shapely import wkt
from shapely.geometry import LineString, box

import floorcheck
from floorcheck import Config, Door, Plan, Window, Zone
from floorcheck.model import Metadata

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DATA = ROOT / "tests" / "data"
# The real drawings of the corpus (most have no licence, so they are not in this repository).
# Tests that need one skip when it is absent; CI sets FLOORCHECK_REQUIRE_CORPUS=1 so that there a
# missing corpus fails instead of passing quietly.
CORPUS = Path(os.environ.get("FLOORCHECK_CORPUS") or ROOT.parent / "shared" / "corpus" / "real")
REQUIRE_CORPUS = os.environ.get("FLOORCHECK_REQUIRE_CORPUS") == "1"


def zones(*specs: tuple[str, Any]) -> tuple[Zone, ...]:
    """zones(("waiting", (0, 0, 10, 8)), ("acceptance", "POLYGON ((…))")) → Z1, Z2 …"""
    out = []
    for i, (type_id, shape) in enumerate(specs, 1):
        geom = box(*shape) if isinstance(shape, tuple) else wkt.loads(shape)
        out.append(Zone(f"Z{i}", type_id, geom))
    return tuple(out)


def walls(*segments: tuple[tuple[float, float], tuple[float, float]]) -> tuple[LineString, ...]:
    return tuple(LineString(s) for s in segments)


def make_plan(*zone_specs: tuple[str, Any], **parts: Any) -> Plan:
    meta = parts.pop("metadata", Metadata())
    if "walls" in parts and parts["walls"] and not isinstance(parts["walls"][0], LineString):
        parts["walls"] = walls(*parts["walls"])
    return Plan(zones=zones(*zone_specs), metadata=meta, **parts)


def run(
    plan: Plan, code: str, level: str | None = "county", options: dict | None = None, **meta: Any
):
    """Run one rule; returns ("fail", findings) | ("pass", []) | ("skip", reason)."""
    cfg = Config(select=(code,), rule_options={code: options} if options else {})
    report = floorcheck.check(plan, level=level, config=cfg, **meta)
    found = [f for f in report.findings if f.rule == code]
    if found:
        return "fail", found
    if code in report.passed:
        return "pass", []
    return "skip", next(s["reason"] for s in report.skipped if s["rule"] == code)


def entrance(
    x: float, y: float, width: float = 1.8, angle: float = 0.0, main: bool = True, **kw: Any
) -> Door:
    return Door(kw.pop("id", "D1"), (x, y), width, angle, entrance=True, main=main, exit=True, **kw)


def window(
    x: float, y: float, kind: str = "undifferentiated", facing: float = -90.0, wid: str = "W1"
) -> Window:
    return Window(wid, kind, (x, y), facing)


@pytest.fixture(scope="session")
def county_ok() -> Plan:
    return floorcheck.load(SAMPLES / "county_ok.dxf")


# The corpus drawings whose licence lets them live in this repository (tests/data/real, gzipped,
# with their licence notes): these tests run on every clone.
BUNDLED = DATA / "real"


def corpus(name: str) -> Path:
    """The path of a corpus drawing; call it inside a test (never at collection time). A drawing
    bundled in tests/data/real is unpacked once per session; any other is taken from the
    corpus, and the test is skipped when it is absent (failed when FLOORCHECK_REQUIRE_CORPUS=1)."""
    packed = BUNDLED / f"{name}.gz"
    if packed.exists():
        return _unpacked(packed)
    path = CORPUS / name
    if not path.exists():
        if REQUIRE_CORPUS:
            pytest.fail(f"real corpus drawing {path} not found (FLOORCHECK_REQUIRE_CORPUS=1)")
        pytest.skip(f"real corpus not found at {CORPUS} (set FLOORCHECK_CORPUS)")
    return path


def _unpacked(packed: Path) -> Path:
    """``packed`` (gzip) unpacked into a folder of the temporary directory, once."""
    import gzip
    import hashlib
    import tempfile

    data = packed.read_bytes()
    folder = (
        Path(tempfile.gettempdir()) / f"floorcheck-corpus-{hashlib.sha256(data).hexdigest()[:16]}"
    )
    target = folder / packed.stem
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / f".{packed.stem}.{os.getpid()}"
        part.write_bytes(gzip.decompress(data))
        part.replace(target)
    return target


def pytest_configure(config: pytest.Config) -> None:
    """Every report any test makes is held to docs/report.schema.json: Report.to_dict (and so
    to_json, the JSON reporter, the batch list) validates what it returns."""
    import json as _json

    import jsonschema

    from floorcheck.findings import Report

    schema_path = ROOT / "docs" / "report.schema.json"
    if not schema_path.exists():
        return
    schema = _json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        {"$defs": schema["$defs"], "$ref": "#/$defs/report"}
    )
    plain = Report.to_dict

    def to_dict(self: Report) -> dict[str, Any]:
        d = plain(self)
        validator.validate(d)
        return d

    Report.to_dict = to_dict  # type: ignore[method-assign]
