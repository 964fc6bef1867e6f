"""The bad-file corpus: what architects' CAD and uploads really produce, one trap per file.

``python tests/data/make_bad.py`` writes the files to tests/data/bad/ to look at (the large ones
are left out there); the tests build every case afresh in a temporary folder from ``CASES``.
Each case says what must happen: ``("exit2", words)`` — exit status 2 with one line containing
``words``; ``("report", codes)`` — a report whose drawing findings (FC0xx) are exactly ``codes``.
"""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Callable
from pathlib import Path

import ezdxf

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "samples" / "village_ok.dxf"


def _doc(version: str = "R2010"):
    doc = ezdxf.new(version)
    doc.header["$INSUNITS"] = 4
    return doc, doc.modelspace()


def _bytes(doc) -> bytes:
    stream = io.StringIO()
    doc.write(stream)
    return stream.getvalue().encode(doc.output_encoding, errors="strict")


def _room(msp, label: str = "休息等候区", layer: str = "A-AREA") -> None:
    msp.add_lwpolyline(
        [(0, 0), (10000, 0), (10000, 8000), (0, 8000)], close=True, dxfattribs={"layer": layer}
    )
    msp.add_text(label, height=300).set_placement((2000, 2000))


def sample() -> bytes:
    return SAMPLE.read_bytes()


def truncated(fraction: float) -> Callable[[], bytes]:
    return lambda: sample()[: int(len(sample()) * fraction)]


def binary_dxf() -> bytes:
    doc = ezdxf.readfile(SAMPLE)
    stream = io.BytesIO()
    doc.write(stream, fmt="bin")
    return stream.getvalue()


def no_entities_section() -> bytes:
    text = sample().decode("utf-8")
    start = text.index("  0\nSECTION\n  2\nENTITIES")
    end = text.index("  0\nENDSEC\n", start) + len("  0\nENDSEC\n")
    return (text[:start] + text[end:]).encode("utf-8")


def self_insert() -> bytes:
    doc, msp = _doc()
    blk = doc.blocks.new("LOOP")
    blk.add_blockref("LOOP", (0, 0))
    msp.add_blockref("LOOP", (0, 0))
    return _bytes(doc)


def two_block_cycle() -> bytes:
    doc, msp = _doc()
    a, b = doc.blocks.new("A"), doc.blocks.new("B")
    a.add_blockref("B", (0, 0))
    b.add_blockref("A", (100, 0))
    msp.add_blockref("A", (0, 0))
    return _bytes(doc)


def nested_deep(depth: int = 10_000) -> bytes:
    doc, msp = _doc()
    for k in range(depth):
        blk = doc.blocks.new(f"N{k}")
        if k + 1 < depth:
            blk.add_blockref(f"N{k + 1}", (0, 0))
        else:
            blk.add_line((0, 0), (1000, 0))
    msp.add_blockref("N0", (0, 0))
    return _bytes(doc)


def huge_polyline(n: int = 1_000_000) -> bytes:
    """A wall polyline of a million vertices, written as raw DXF (as a scanner-trace export would)."""
    doc, msp = _doc()
    _room(msp)
    text = _bytes(doc).decode("utf-8")
    rnd = random.Random(1)
    head = f"  0\nLWPOLYLINE\n  5\nFFF0\n100\nAcDbEntity\n  8\nA-WALL\n100\nAcDbPolyline\n 90\n{n}\n 70\n0\n"
    body = "".join(
        f" 10\n{rnd.uniform(0, 10000):.1f}\n 20\n{rnd.uniform(0, 8000):.1f}\n" for _ in range(n)
    )
    return text.replace(_BEFORE_OBJECTS, head + body + _BEFORE_OBJECTS, 1).encode()


_BEFORE_OBJECTS = "  0\nENDSEC\n  0\nSECTION\n  2\nOBJECTS"


def bad_numbers() -> bytes:
    doc, msp = _doc()
    _room(msp)
    msp.add_line((0, 0), (1e300, 1e300), dxfattribs={"layer": "A-WALL"})
    text = _bytes(doc).decode("utf-8")
    # ezdxf refuses to write NaN; put NaN and inf into the file as a buggy exporter would
    extra = "  0\nLINE\n  5\nFFF1\n100\nAcDbEntity\n  8\nA-WALL\n100\nAcDbLine\n 10\nnan\n 20\n0.0\n 11\ninf\n 21\n-inf\n"
    extra += (
        "  0\nLWPOLYLINE\n  5\nFFF2\n100\nAcDbEntity\n  8\nA-AREA\n100\nAcDbPolyline\n 90\n4\n 70\n1\n"
        " 10\nnan\n 20\nnan\n 10\n1.0\n 20\n0.0\n 10\n1.0\n 20\n1.0\n 10\n0.0\n 20\ninf\n"
    )
    return text.replace(_BEFORE_OBJECTS, extra + _BEFORE_OBJECTS, 1).encode()


def degenerate_boundaries() -> bytes:
    doc, msp = _doc()
    _room(msp)
    msp.add_lwpolyline(
        [(20000, 0), (20000, 0), (20000, 0)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    msp.add_lwpolyline(
        [(30000, 0), (31000, 0), (32000, 0)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    msp.add_line((5000, 5000), (5000, 5000), dxfattribs={"layer": "A-WALL"})
    return _bytes(doc)


def invalid_utf8_label() -> bytes:
    doc, msp = _doc()
    _room(msp)
    msp.add_text("MARKER", height=300).set_placement((3000, 3000))
    return _bytes(doc).replace(b"MARKER", b"\xff\xfe\xc3(")


def invalid_gbk_label() -> bytes:
    doc, msp = _doc("R2000")
    _room(msp, label="ROOMLABEL")
    msp.add_text("MARKER", height=300).set_placement((3000, 3000))
    data = (
        _bytes(doc)
        .replace(b"ANSI_1252", b"ANSI_936")
        .replace(b"ROOMLABEL", "休息等候区".encode("gbk"))
    )
    return data.replace(b"MARKER", "休息".encode("gbk") + b"\x81\x20\xff")


def hatch_without_boundary() -> bytes:
    doc, msp = _doc()
    _room(msp)
    msp.add_hatch(dxfattribs={"layer": "A-AREA"})
    return _bytes(doc)


def unbalanced_mtext() -> bytes:
    doc, msp = _doc()
    msp.add_lwpolyline(
        [(0, 0), (10000, 0), (10000, 8000), (0, 8000)], close=True, dxfattribs={"layer": "A-AREA"}
    )
    msp.add_mtext(r"{\fSimSun|b0;{休息等候区\P{{85㎡", dxfattribs={"layer": "A-AREA"}).set_location(
        (3000, 3000)
    )
    return _bytes(doc)


def tarch_only() -> bytes:
    doc, _ = _doc("R2000")
    text = _bytes(doc).decode("cp1252")
    proxies = "".join(
        f"  0\nACAD_PROXY_ENTITY\n  5\n{0xE000 + k:X}\n330\n1F\n100\nAcDbEntity\n  8\nWALL\n"
        f"100\nAcDbProxyEntity\n 90\n498\n 91\n{700 + k}\n 95\n0\n 70\n0\n"
        for k in range(40)
    )
    return text.replace(_BEFORE_OBJECTS, proxies + _BEFORE_OBJECTS, 1).encode("cp1252")


def random_bytes() -> bytes:
    return random.Random(7).randbytes(50_000)


CASES: dict[str, tuple[Callable[[], bytes], tuple[str, object]]] = {
    "empty.dxf": (lambda: b"", ("exit2", "is empty")),
    "truncated_10.dxf": (truncated(0.1), ("exit2", "truncated")),
    "truncated_50.dxf": (truncated(0.5), ("exit2", "truncated")),
    "truncated_99.dxf": (truncated(0.99), ("exit2", "truncated")),
    "dwg_renamed.dxf": (lambda: b"AC1032" + bytes(200), ("exit2", "DWG")),
    "binary.dxf": (binary_dxf, ("report", set())),  # read as the text sample is: no notes
    "random_bytes.dxf": (random_bytes, ("exit2", "not a DXF")),
    "png_renamed.dxf": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(100), ("exit2", "PNG")),
    "pdf_renamed.dxf": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ("exit2", "PDF")),
    "no_entities_section.dxf": (no_entities_section, ("report", {"FC007", "FC012"})),
    "self_insert.dxf": (self_insert, ("exit2", "contains itself")),
    "two_block_cycle.dxf": (two_block_cycle, ("exit2", "contains itself")),
    "nested_10000_deep.dxf": (nested_deep, ("exit2", "nested more than")),
    "polyline_1m_vertices.dxf": (huge_polyline, ("report", {"FC007", "FC008"})),
    "nan_inf_1e300.dxf": (bad_numbers, ("report", {"FC007", "FC008"})),
    "degenerate_boundaries.dxf": (degenerate_boundaries, ("report", {"FC007", "FC008"})),
    "invalid_utf8_label.dxf": (invalid_utf8_label, ("report", {"FC007", "FC008"})),
    "invalid_gbk_label.dxf": (invalid_gbk_label, ("report", {"FC007", "FC008"})),
    "hatch_without_boundary.dxf": (hatch_without_boundary, ("report", {"FC007", "FC008"})),
    "unbalanced_mtext.dxf": (unbalanced_mtext, ("report", {"FC007", "FC008", "FC011"})),
    "tarch_only.dxf": (tarch_only, ("report", {"FC007", "FC010", "FC012"})),
}
LARGE = {"polyline_1m_vertices.dxf", "nested_10000_deep.dxf"}


def build(folder: Path, skip_large: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, (make, _) in CASES.items():
        if skip_large and name in LARGE:
            continue
        path = folder / name
        path.write_bytes(make())
        out.append(path)
    return out


if __name__ == "__main__":
    for p in build(HERE / "bad", skip_large=True):
        print(f"wrote {p.relative_to(HERE.parents[1])}")
    sys.exit(0)
