"""DWG input: the sample halls saved as DWG (ezdwg's R2000 writer) read as their DXF twins do;
Chinese text comes through; what the decoder cannot read is reported; bad DWGs exit 2."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import ezdxf
import pytest
from conftest import SAMPLES
from dwg_writer import save_as_dwg

import floorcheck
from floorcheck.cli import main
from floorcheck.dwg import Decoded, diagnostics
from floorcheck.dwg.convert import _account, read_dwg

sys.path.insert(0, str(SAMPLES))
import make_samples as ms

DATA = Path(__file__).resolve().parent / "data" / "dwg"


def _metadata(layout: ms.Layout) -> dict[str, object]:
    """The FC_ custom properties of a sample as check() keywords (ezdwg writes no custom
    properties, so a DWG states them on the command line or in floorcheck.toml)."""
    out: dict[str, object] = {}
    for key, value in layout.header.items():
        name = key[3:].lower()
        out[name] = value if name == "level" else int(value)
    return out


def _twins(layout: ms.Layout, folder: Path) -> tuple[Path, Path]:
    doc = ms.new_document()
    ms.draw(doc, layout)
    dxf = folder / f"{layout.title}.dxf"
    doc.saveas(dxf)
    return dxf, save_as_dwg(doc, folder / f"{layout.title}.dwg")


def _key(report: floorcheck.Report) -> list[tuple[str, str, tuple[str, ...], str]]:
    return sorted((f.rule, f.severity, f.zones, f.message) for f in report.findings)


@pytest.mark.parametrize(
    "make", [ms.county_ok, ms._breaks()["county_bad_placement"], ms._breaks()["county_bad_access"]]
)
def test_a_dwg_gives_the_plan_and_findings_of_the_same_drawing_as_dxf(make, tmp_path: Path):
    layout = make()
    dxf, dwg = _twins(layout, tmp_path)
    assert dwg.read_bytes()[:6] == b"AC1015"
    a, b = floorcheck.load(dxf), floorcheck.load(dwg)
    assert [(z.id, z.type, z.label, round(z.area_m2, 6)) for z in a.zones] == [
        (z.id, z.type, z.label, round(z.area_m2, 6)) for z in b.zones
    ]
    for part in ("windows", "doors", "cameras", "terminals", "signs", "seats"):
        assert getattr(a, part) == getattr(b, part), part
    assert len(a.walls) == len(b.walls) and len(a.obstacles) == len(b.obstacles)
    assert b.units.unit == "mm" and b.units.source == "$INSUNITS" and b.diagnostics == ()
    meta = _metadata(layout)
    ra, rb = floorcheck.check(a, **meta), floorcheck.check(b, **meta)
    assert _key(ra) == _key(rb)
    assert ra.passed == rb.passed and ra.skipped == rb.skipped


def test_chinese_labels_round_trip_through_a_gbk_dwg(tmp_path: Path) -> None:
    """R2000 DWG stores text in the drawing's code page: GBK for Chinese (ANSI_936)."""
    doc = ms.new_document()
    doc.layers.add("房间名称")
    msp = doc.modelspace()
    msp.add_lwpolyline(
        [(0, 0), (9000, 0), (9000, 6000), (0, 6000)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    msp.add_mtext(
        "{\\fSimSun|b0|i0;休息等候区}\\P54.0㎡", dxfattribs={"layer": "A-AREA", "char_height": 350}
    ).set_location((4500, 3000))
    msp.add_text("办不成事反映窗口", height=300, dxfattribs={"layer": "房间名称"}).set_placement(
        (1000, 5000)
    )
    ref = msp.add_blockref("COUNTER", (4500, 1000), dxfattribs={"layer": "A-FURN-COUNTER"})
    ref.add_auto_attribs({"TYPE": "跨省通办"})
    dwg = save_as_dwg(doc, tmp_path / "中文.dwg")
    converted, decoded = read_dwg(dwg)
    texts = {e.dxf.text for e in converted.modelspace().query("TEXT")}
    mtexts = {e.text for e in converted.modelspace().query("MTEXT")}
    attribs = {a.dxf.text for i in converted.modelspace().query("INSERT") for a in i.attribs}
    assert texts == {"办不成事反映窗口"} and attribs == {"跨省通办"}
    assert mtexts == {"{\\fSimSun|b0|i0;休息等候区}\\P54.0㎡"}
    assert "房间名称" in [layer.dxf.name for layer in converted.layers]
    plan = floorcheck.load(dwg)
    assert [(z.type, z.label, z.stated_area_m2) for z in plan.zones] == [
        ("waiting", "休息等候区", 54.0)
    ]
    assert sorted(w.kind for w in plan.windows) == ["complaint", "cross_province"]
    assert decoded.release == "R2000" and not (decoded.unknown or decoded.custom)


def test_an_r2018_dwg_reads_its_utf16_text() -> None:
    """R2007 and later store text as UTF-16: characters of no single-byte code page come through
    (an AutoCAD 2018 sample from ACadSharp, MIT: tests/data/dwg/LICENSE.md)."""
    doc, decoded = read_dwg(DATA / "acadsharp_export_sample_r2018.dwg")
    assert decoded.version == "AC1032" and decoded.release == "R2018"
    from floorcheck.dxf.text import clean_text

    texts = [clean_text(e.text, mtext=True) for b in doc.blocks for e in b.query("MTEXT")]
    assert "∅10.0000" in texts and "90°" in texts and "Mtext line1 line2 line3" in texts
    assert {e.dxf.text for e in doc.modelspace().query("TEXT")} == {"Hello", "Goodbye"}
    plan = floorcheck.load(DATA / "acadsharp_export_sample_r2018.dwg")
    assert not plan.zones and {d.code for d in plan.diagnostics} == {"FC001"}


def test_what_the_decoder_cannot_read_is_reported_with_counts() -> None:
    decoded = Decoded("AC1014", "R14")
    counts = Counter(
        {
            "LINE": 10,
            "MULTILEADER": 15,
            "WIPEOUT": 1,
            "TCH_WALL": 40,
            "ACAD_PROXY_ENTITY": 2,
            "AECARCHBASE80": 4,
            "VERTEX_2D": 8,
            "DIM_LINEAR": 3,
            "TEXT": 5,
        }
    )
    custom = {"MULTILEADER", "WIPEOUT", "TCH_WALL", "ACAD_PROXY_ENTITY", "AECARCHBASE80"}
    _account(decoded, counts, custom, Counter({"LINE": 10, "TEXT": 3}))
    assert decoded.unknown == Counter({"MULTILEADER": 15, "WIPEOUT": 1})
    assert decoded.custom == Counter({"TCH_WALL": 40, "ACAD_PROXY_ENTITY": 2, "AECARCHBASE80": 4})
    assert decoded.failed == Counter({"TEXT": 2})
    found = {(d.code, d.measured): d for d in diagnostics(decoded)}
    assert set(found) == {("FC009", None), ("FC009", 16.0), ("FC009", 2.0), ("FC010", 46.0)}
    assert "MULTILEADER 15, WIPEOUT 1" in found[("FC009", 16.0)].message
    assert (
        "TCH_WALL 40" in found[("FC010", 46.0)].message
        and "图形导出" in found[("FC010", 46.0)].message_zh
    )
    assert "experimentally" in found[("FC009", None)].message


def test_reader_findings_reach_the_report_as_fc009_and_fc010(tmp_path: Path, monkeypatch) -> None:
    from floorcheck.dwg import convert

    dxf, dwg = _twins(ms.village_ok(), tmp_path)

    def fake(decoded, counts, custom, got):
        decoded.custom["TCH_WALL"] += 3
        decoded.unknown["MULTILEADER"] += 2

    monkeypatch.setattr(convert, "_account", fake)
    report = floorcheck.check(floorcheck.load(dwg), level="village")
    codes = Counter(f.rule for f in report.findings if f.rule in ("FC009", "FC010"))
    assert codes == Counter({"FC009": 1, "FC010": 1})


def test_the_reader_is_chosen_by_content_not_by_name(tmp_path: Path) -> None:
    dxf, dwg = _twins(ms.village_ok(), tmp_path)
    disguised = tmp_path / "plan.dxf"
    disguised.write_bytes(dwg.read_bytes())
    named_dwg = tmp_path / "really_a_dxf.dwg"
    named_dwg.write_bytes(dxf.read_bytes())
    for path in (disguised, named_dwg):
        assert [z.type for z in floorcheck.load(path).zones] == [
            z.type for z in floorcheck.load(dxf).zones
        ]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"AC1009" + bytes(400), "R11/R12"),
        (b"AC1015" + bytes(40), "could not be decoded"),
        (b"AC9999" + bytes(40), "unknown version"),
    ],
)
def test_unreadable_dwgs_exit_2_with_one_line(tmp_path: Path, content, expected, capsys) -> None:
    bad = tmp_path / "plan.dwg"
    bad.write_bytes(content)
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "plan.dwg" in lines[0] and expected in lines[0]
    assert "Traceback" not in err


def test_a_truncated_dwg_exits_2(tmp_path: Path, capsys) -> None:
    _, dwg = _twins(ms.village_ok(), tmp_path)
    cut = tmp_path / "cut.dwg"
    cut.write_bytes(dwg.read_bytes()[: len(dwg.read_bytes()) // 3])
    assert main(["check", str(cut)]) == 2
    assert "cut.dwg" in capsys.readouterr().err


def test_commands_accept_dwg(tmp_path: Path, capsys) -> None:
    layout = ms.county_ok()
    _, dwg = _twins(layout, tmp_path)
    meta = ["--level", "county", "--staff", "18", "--floor", "1", "--storeys", "2"]
    assert main(["check", str(dwg), *meta, "--peak-visitors", "40", "-q"]) == 0
    capsys.readouterr()
    assert main(["zones", str(dwg)]) == 0 and "休息等候区" in capsys.readouterr().out
    assert main(["graph", str(dwg)]) == 0 and '"nodes"' in capsys.readouterr().out
    png = tmp_path / "plan.png"
    assert main(["render", str(dwg), "-o", str(png)]) == 0 and png.stat().st_size > 10_000
    mapping = tmp_path / "office.toml"
    assert main(["init-mapping", str(dwg), "-o", str(mapping)]) == 0
    assert "'A-AREA': zone" in mapping.read_text(encoding="utf-8")


def test_batch_mode_finds_dwg_and_ifc_files(tmp_path: Path, capsys) -> None:
    from floorcheck.cli.check import expand_paths

    (tmp_path / "sub").mkdir()
    _twins(ms.village_ok(), tmp_path / "sub")
    (tmp_path / "model.ifc").write_text("ISO-10303-21;\n", encoding="ascii")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    found = sorted(p.name for p in expand_paths([str(tmp_path)]))
    assert found == ["model.ifc", "village_ok.dwg", "village_ok.dxf"]


def test_the_annotated_copy_of_a_dwg_is_a_dxf(tmp_path: Path, capsys) -> None:
    _, dwg = _twins(ms._breaks()["county_bad_placement"](), tmp_path)
    out = tmp_path / "annotated.dxf"
    assert main(["check", str(dwg), "--level", "county", "--annotated-dxf", str(out), "-q"]) == 1
    doc = ezdxf.readfile(out)
    assert len(doc.modelspace().query("MTEXT[layer=='FLOORCHECK-ERROR']")) > 0
    assert dwg.read_bytes()[:6] == b"AC1015"  # the input is never written
    capsys.readouterr()
    assert main(["check", str(dwg), "--annotated-dxf", str(tmp_path / "a.dwg")]) == 2
    assert "written as DXF" in capsys.readouterr().err
