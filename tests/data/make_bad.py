"""The bad-file corpus: what architects' CAD and uploads really produce — and what a hostile
upload can hold — one trap per file.

``python tests/data/make_bad.py`` writes the files to tests/data/bad/ to look at (the large ones
are left out there); the tests build every case afresh in a temporary folder from ``CASES``.
Each case says what must happen (:class:`Expect`): ``Expect("exit2", words)`` — exit status 2
with one line containing ``words``; ``Expect("report", codes, says)`` — a report whose drawing
findings (FC0xx) are exactly ``codes``, whose messages contain each of ``says`` (what the
reader had to change or leave out is always said, never silently dropped).
"""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import ezdxf

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "samples"
SAMPLE = SAMPLES / "village_ok.dxf"


class Expect(NamedTuple):
    kind: str  # "exit2" | "report"
    what: object  # exit2: words of the one line; report: the exact set of FC0xx codes
    says: tuple[str, ...] = ()  # report: words the drawing findings' messages must contain


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
        "  0\nTEXT\n  5\nFFF3\n100\nAcDbEntity\n  8\nA-AREA\n100\nAcDbText\n"
        " 10\nnan\n 20\n500.0\n 40\n300.0\n  1\n自助服务区\n100\nAcDbText\n"
    )
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


def cr_line_ends() -> bytes:
    """Bare CR line ends (classic Mac OS exports): ezdxf reads them, so must floorcheck."""
    return sample().replace(b"\r\n", b"\n").replace(b"\n", b"\r")


def gbk_in_r2018() -> bytes:
    """GBK labels in an R2018 file, which by definition holds UTF-8 (seen from exporters)."""
    doc, msp = _doc("R2018")
    _room(msp, label="ROOMLABEL")
    return _bytes(doc).replace(b"ROOMLABEL", "休息等候区".encode("gbk"))


def ansi_escaped_names() -> bytes:
    """county_ok saved as R2000 with an ANSI code page: CAD writes every Chinese character of
    texts, layer and block names as \\U+XXXX (枪机 / 球机 cameras, 自助终端, 排椅 …)."""
    doc = ezdxf.readfile(SAMPLES / "county_ok.dxf")
    doc.header["$DWGCODEPAGE"] = "ANSI_1252"
    doc.dxfversion = "AC1015"
    stream = io.StringIO()
    doc.write(stream)
    # what ezdxf's saveas does: characters the code page lacks become \\U+XXXX
    return stream.getvalue().encode(doc.output_encoding, errors="dxfreplace")


def recovered_numbers() -> bytes:
    """A damaged file (a section left open) with numbers that are not numbers: ezdxf's recover
    mends it and logs a line per value — which must reach FC009, not stderr."""
    doc, msp = _doc()
    _room(msp)
    for k in range(3):
        msp.add_line((k * 100, 0), (k * 100, 1000), dxfattribs={"layer": "A-WALL"})
    text = _bytes(doc).decode("utf-8")
    text = text.replace("\n 11\n0.0\n", "\n 11\n0.0abc\n", 1)
    return text.replace(_BEFORE_OBJECTS, "  0\nSECTION\n  2\nOBJECTS", 1).encode("utf-8")


def minsert(kind: str, rows: int, cols: int) -> Callable[[], bytes]:
    """A room and one MINSERT (a block array) of a door or camera block: a few hundred bytes
    that expand to rows × cols things."""

    def make() -> bytes:
        doc, msp = _doc()
        _room(msp)
        blk = doc.blocks.new(kind.upper())
        if kind == "door":
            blk.add_line((0, 0), (900, 0))
            blk.add_arc((0, 0), 900, 0, 90)
            layer = "A-DOOR"
        else:
            blk.add_circle((0, 0), 150)
            layer = "E-CCTV"
        ref = msp.add_blockref(kind.upper(), (100, 100), dxfattribs={"layer": layer})
        ref.grid(size=(rows, cols), spacing=(10, 10))
        return _bytes(doc)

    return make


def minsert_nested() -> bytes:
    """A MINSERT of 100 copies of a block that is itself a MINSERT of 500 × 500 lines: 25 million
    entities, refused before the outer array is expanded."""
    doc, msp = _doc()
    _room(msp)
    line = doc.blocks.new("LINE1")
    line.add_line((0, 0), (5, 0), dxfattribs={"layer": "A-WALL"})
    inner = doc.blocks.new("INNER")
    inner.add_blockref("LINE1", (0, 0)).grid(size=(500, 500), spacing=(10, 10))
    msp.add_blockref("INNER", (0, 0)).grid(size=(10, 10), spacing=(6000, 6000))
    return _bytes(doc)


_NAMES = ["休息等候区", "综合受理区", "自助服务区", "母婴室", "后台协同区", "宣传展示区"]


def _raw_grid(special: Callable[[float, float], list[tuple[float, float]]]) -> bytes:
    """Raw DXF (fast for a million vertices): 3 × 2 rooms of 10 × 8 m on A-AREA, each named;
    the room at (1, 1) has the outline ``special(x0, y0)``, touching its neighbours."""
    ents = []
    for k, (i, j) in enumerate((i, j) for j in range(2) for i in range(3)):
        x0, y0 = i * 10000.0, j * 8000.0
        if (i, j) == (1, 1):
            pts = special(x0, y0)
        else:
            pts = [(x0, y0), (x0 + 10000, y0), (x0 + 10000, y0 + 8000), (x0, y0 + 8000)]
        ents.append(f"  0\nLWPOLYLINE\n  8\nA-AREA\n 90\n{len(pts)}\n 70\n1\n")
        ents.append("".join(f" 10\n{x:.4f}\n 20\n{y:.4f}\n" for x, y in pts))
        ents.append(
            f"  0\nTEXT\n  8\nA-AREA\n 10\n{x0 + 2000}\n 20\n{y0 + 2000}\n 40\n300\n"
            f"  1\n{_NAMES[k]}\n"
        )
    return (
        "  0\nSECTION\n  2\nHEADER\n  9\n$ACADVER\n  1\nAC1015\n  9\n$INSUNITS\n 70\n4\n"
        "  0\nENDSEC\n  0\nSECTION\n  2\nENTITIES\n" + "".join(ents) + "  0\nENDSEC\n  0\nEOF\n"
    ).encode("utf-8")


def dense_zone(n: int = 1_000_000) -> bytes:
    """A zone whose outline has a million vertices along its four straight sides (a traced
    outline), sharing its sides with its neighbours: overlaying it took minutes."""

    def outline(x0: float, y0: float) -> list[tuple[float, float]]:
        side = n // 4
        out: list[tuple[float, float]] = []
        for (ax, ay), (bx, by) in (
            ((x0, y0), (x0 + 10000, y0)),
            ((x0 + 10000, y0), (x0 + 10000, y0 + 8000)),
            ((x0 + 10000, y0 + 8000), (x0, y0 + 8000)),
            ((x0, y0 + 8000), (x0, y0)),
        ):
            out += [(ax + (bx - ax) * k / side, ay + (by - ay) * k / side) for k in range(side)]
        return out

    return _raw_grid(outline)


def sawtooth_zone(teeth: int = 160_000) -> bytes:
    """A zone whose lower side is a sawtooth of 5 mm teeth, 0.06 mm apart: buffering it (to find
    its neighbours) ran out of memory; GEOS's own simplification of it overflows its stack."""

    def outline(x0: float, y0: float) -> list[tuple[float, float]]:
        pts = [(x0 + 10000 * k / teeth, y0 + (5.0 if k % 2 else 0.0)) for k in range(teeth + 1)]
        return pts + [(x0 + 10000, y0 + 8000), (x0, y0 + 8000)]

    return _raw_grid(outline)


def moved_far() -> bytes:
    """village_ok moved by 1e15 mm (a trillion metres): a curve was taken as closed when its ends
    lay within a billionth of their distance from the origin — a kilometre there."""
    from ezdxf.math import Matrix44

    doc = ezdxf.readfile(SAMPLE)
    move = Matrix44.translate(1e15, 1e15, 0)
    for e in doc.modelspace():
        e.transform(move)
    return _bytes(doc)


CASES: dict[str, tuple[Callable[[], bytes], Expect]] = {
    "empty.dxf": (lambda: b"", Expect("exit2", "is empty")),
    "truncated_10.dxf": (truncated(0.1), Expect("exit2", "truncated")),
    "truncated_50.dxf": (truncated(0.5), Expect("exit2", "truncated")),
    "truncated_99.dxf": (truncated(0.99), Expect("exit2", "truncated")),
    "dwg_renamed.dxf": (lambda: b"AC1032" + bytes(200), Expect("exit2", "DWG")),
    "binary.dxf": (binary_dxf, Expect("report", set())),  # read as the text sample is: no notes
    "random_bytes.dxf": (random_bytes, Expect("exit2", "not a DXF")),
    "png_renamed.dxf": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(100), Expect("exit2", "PNG")),
    "pdf_renamed.dxf": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Expect("exit2", "PDF")),
    "no_entities_section.dxf": (no_entities_section, Expect("report", {"FC007", "FC012"})),
    "self_insert.dxf": (self_insert, Expect("exit2", "contains itself")),
    "two_block_cycle.dxf": (two_block_cycle, Expect("exit2", "contains itself")),
    "nested_10000_deep.dxf": (nested_deep, Expect("exit2", "nested more than")),
    "polyline_1m_vertices.dxf": (
        huge_polyline,
        Expect("report", {"FC007", "FC008", "FC009"}, ("1,000,000", "thinned")),
    ),
    "nan_inf_1e300.dxf": (
        bad_numbers,
        Expect("report", {"FC007", "FC008", "FC009"}, ("3 entities have NaN or infinite",)),
    ),
    "degenerate_boundaries.dxf": (degenerate_boundaries, Expect("report", {"FC007", "FC008"})),
    "invalid_utf8_label.dxf": (
        invalid_utf8_label,
        Expect("report", {"FC007", "FC008", "FC009"}, ("not valid UTF-8 or GBK",)),
    ),
    "invalid_gbk_label.dxf": (
        invalid_gbk_label,
        Expect("report", {"FC007", "FC008", "FC009"}, ("not valid GBK",)),
    ),
    "hatch_without_boundary.dxf": (hatch_without_boundary, Expect("report", {"FC007", "FC008"})),
    "unbalanced_mtext.dxf": (unbalanced_mtext, Expect("report", {"FC007", "FC008", "FC011"})),
    "tarch_only.dxf": (tarch_only, Expect("report", {"FC007", "FC010", "FC012"})),
    "cr_line_ends.dxf": (cr_line_ends, Expect("report", set())),
    "gbk_in_r2018.dxf": (
        gbk_in_r2018,
        Expect("report", {"FC007", "FC008", "FC009"}, ("1 text is GBK, not the UTF-8",)),
    ),
    "ansi_escaped_names.dxf": (ansi_escaped_names, Expect("report", set())),
    "recovered_numbers.dxf": (
        recovered_numbers,
        Expect(
            "report",
            {"FC007", "FC008", "FC009"},
            ("ezdxf recover repaired it", 'recovered invalid floating point value "0.0abc"'),
        ),
    ),
    "minsert_doors_1000x1000.dxf": (
        minsert("door", 1000, 1000),
        Expect("exit2", "blocks that are doors, counters, cameras"),
    ),
    "minsert_cameras_100x100.dxf": (
        minsert("camera", 100, 100),
        Expect("exit2", "more than 5,000 cameras"),
    ),
    "minsert_nested.dxf": (minsert_nested, Expect("exit2", "entities after expanding blocks")),
    "zone_1m_vertices.dxf": (dense_zone, Expect("report", {"FC007", "FC008"})),
    "zone_sawtooth_160k.dxf": (
        sawtooth_zone,
        Expect("report", {"FC007", "FC008", "FC009"}, ("up to 160,003", "thinned")),
    ),
    "moved_1e15_mm.dxf": (moved_far, Expect("report", set())),
}
LARGE = {
    "polyline_1m_vertices.dxf",
    "nested_10000_deep.dxf",
    "zone_1m_vertices.dxf",
    "zone_sawtooth_160k.dxf",
}


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
