"""A copy of the drawing with every finding marked in place: a revision cloud and a note.

The copy is the architect's own file with floorcheck's additions spliced into its tag stream:
three layers (FLOORCHECK-ERROR, -WARNING, -INFO; freeze them to hide everything floorcheck
added), a text style for Chinese notes, and one cloud and one note per finding at the end of the
ENTITIES section. Every other byte stays as it was — header variables, tables, entities, handles,
code page, line endings — except ``$HANDSEED``, which must move past the handles added. Entity
types are chosen per DXF version (LWPOLYLINE and MTEXT from R2000, POLYLINE and TEXT for R12),
and text is written as the file expects it (UTF-8 from R2007, ``\\U+XXXX`` escapes before).

A binary DXF, a DWG, or a DXF whose structure cannot be found, is copied through ezdxf instead
(the drawing's content is kept; its byte layout is ezdxf's): the annotated copy of a DWG is a DXF. The input is only read; the copy is
written whole or not at all.

Proposed cameras (``report.suggestions["cameras"]``, from ``floorcheck suggest cameras``) are
camera blocks on layer FLOORCHECK-SUGGEST: blocks named ``FC-SUGGEST-枪机`` (fixed) and
``FC-SUGGEST-球机`` (PTZ), inserted at the camera with its direction as rotation and FOV and
RANGE attributes — what floorcheck's reader recognises as cameras, so the copy read back is the
plan with the cameras added. Block definitions are added through ezdxf (the drawing's content is
kept; its byte layout is then ezdxf's). ``write_suggested_dxf`` writes the copy with the cameras
alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from ezdxf.revcloud import REQUIRED_BULGE
from ezdxf.revcloud import points as cloud_points
from shapely.geometry import Point, Polygon

from ..findings import Finding, Report
from ..i18n import caption
from ..io import atomic_path

__all__ = [
    "write_annotated_dxf",
    "annotated_dxf_bytes",
    "write_suggested_dxf",
    "with_suggested_cameras",
]

_COLOURS = {"error": 1, "warning": 30, "info": 5}  # ACI red, orange, blue
_STYLE = "FLOORCHECK"
_FONT = "simhei.ttf"
_MAX_ARCS = 400  # arcs per cloud: a cloud around a 1e15 m finding must not take gigabytes
_NOTE_WIDTH_M = 8.0
_TEXT_HEIGHT_M = 0.25
_R12_LINE = 120  # characters per TEXT line of an R12 note


def write_annotated_dxf(report: Report, source: str | Path, target: str | Path) -> Path:
    """Write ``target``: the DXF ``source`` with ``report``'s findings marked (see the module
    doc). ``source`` is never written."""
    data = Path(source).read_bytes()
    if _proposed(report):
        data = with_suggested_cameras(report, source)
    out = annotated_dxf_bytes(report, data)
    if out is None:
        out = _through_ezdxf(report, source)
    target = Path(target)
    with atomic_path(target, [source]) as tmp:
        tmp.write_bytes(out)
    return target


def annotated_dxf_bytes(report: Report, data: bytes) -> bytes | None:
    """The ASCII DXF ``data`` with the findings spliced in, or None when ``data`` is not an
    ASCII DXF whose sections and tables can be found."""
    if data.startswith((b"AutoCAD Binary DXF", b"AC10", b"AC1.")):  # binary DXF, a DWG
        return None
    lines = data.splitlines(keepends=True)
    where = _scan(lines)
    if where is None:
        return None
    unit = 1.0 / ((report.plan.units.scale_to_m if report.plan is not None else 1.0) or 1.0)
    writer = _Writer(where, unit, _encoding(data, where), report.origin)
    entities = b"".join(writer.finding(n, f) for n, f in enumerate(report.findings, 1))
    layers = b"".join(writer.layer(f"FLOORCHECK-{s.upper()}", c) for s, c in _COLOURS.items())
    style = writer.style() if _STYLE.upper() not in where.styles else b""
    inserts = {
        where.layer_end: layers if layers and where.layer_end is not None else b"",
        where.style_end: style if where.style_end is not None else b"",
        where.entities_end: entities,
    }
    replace = dict(where.counts)
    if where.handseed_line is not None:
        replace[where.handseed_line] = f"{writer.next_handle:X}".encode() + where.eol
    out = bytearray()
    for i, line in enumerate(lines):
        if i in inserts and inserts[i]:
            out += inserts[i]
        out += replace.get(i, line)
    return bytes(out)


@dataclass
class _Where:
    """Where floorcheck's additions go in the tag stream (line numbers of ``data``)."""

    eol: bytes = b"\n"
    version: str = "AC1009"
    code_page: str = ""
    handles: bool = False
    handseed_line: int | None = None
    max_handle: int = 0
    entities_end: int | None = None
    layer_end: int | None = None
    style_end: int | None = None
    layer_table: str = ""
    style_table: str = ""
    model_space: str = ""
    styles: set[str] = field(default_factory=set)
    layers: set[str] = field(default_factory=set)
    # the "70" count line of each table we add to → its new line (count + additions)
    counts: dict[int, bytes] = field(default_factory=dict)

    @property
    def modern(self) -> bool:  # R2000 and later: subclass markers, LWPOLYLINE, MTEXT
        return self.version >= "AC1015"

    @property
    def utf8(self) -> bool:  # R2007 and later store text as UTF-8
        return self.version >= "AC1021"


def _scan(lines: Sequence[bytes]) -> _Where | None:  # noqa: C901 - one pass, one state machine
    """One pass over the (code, value) pairs: versions, handles, the tables' ends and counts,
    the end of ENTITIES. None when the structure is not there."""
    w = _Where(eol=b"\r\n" if lines and lines[0].endswith(b"\r\n") else b"\n")
    section = table = record = ""
    record_handle = ""
    count_line: dict[str, int] = {}
    table_handle: dict[str, str] = {}
    pending_var = ""
    for i in range(0, len(lines) - 1, 2):
        code_text = lines[i].strip()
        value = lines[i + 1].rstrip(b"\r\n").strip()
        if code_text == b"0":
            record, record_handle = value.decode("latin-1").upper(), ""
            if record == "SECTION":
                section = ""
            elif record == "ENDSEC":
                if section == "ENTITIES" and w.entities_end is None:
                    w.entities_end = i
                section = ""
            elif record == "TABLE":
                table = ""
            elif record == "ENDTAB":
                if table == "LAYER":
                    w.layer_end = i
                elif table == "STYLE":
                    w.style_end = i
                table = ""
            continue
        if code_text in (b"5", b"105"):
            if section == "HEADER" and pending_var == "$HANDSEED":
                w.handseed_line = i + 1
            w.handles = True
            record_handle = value.decode("latin-1")
            try:
                w.max_handle = max(w.max_handle, int(value, 16))
            except ValueError:
                pass
            if record == "TABLE" and table:
                table_handle[table] = record_handle
            continue
        if code_text == b"2":
            name = value.decode("latin-1")
            if record == "SECTION" and not section:
                section = name.upper()
            elif record == "TABLE" and not table:
                table = name.upper()
            elif record == "LAYER":
                w.layers.add(name.upper())
            elif record == "STYLE":
                w.styles.add(name.upper())
            elif record == "BLOCK_RECORD" and name.upper() == "*MODEL_SPACE":
                w.model_space = record_handle
            continue
        if code_text == b"70" and record == "TABLE" and table and table not in count_line:
            count_line[table] = i + 1
            continue
        if section == "HEADER":
            if code_text == b"9":
                pending_var = value.decode("latin-1").upper()
            elif pending_var == "$ACADVER" and code_text == b"1":
                w.version = value.decode("latin-1").upper()
            elif pending_var == "$DWGCODEPAGE" and code_text == b"3":
                w.code_page = value.decode("latin-1")
    if w.entities_end is None:
        return None
    w.layer_table = table_handle.get("LAYER", "")
    w.style_table = table_handle.get("STYLE", "")
    new_layers = sum(f"FLOORCHECK-{s.upper()}" not in w.layers for s in _COLOURS)
    for name, added in (("LAYER", new_layers), ("STYLE", int(_STYLE.upper() not in w.styles))):
        line = count_line.get(name)
        if line is not None and added:
            try:
                n = int(lines[line].strip())
            except ValueError:
                continue
            w.counts[line] = f"{n + added}".encode() + w.eol
    return w


class _Writer:
    """Tags for floorcheck's additions, in the file's version, encoding and line ending."""

    def __init__(
        self,
        where: _Where,
        unit: float,
        encoding: str,
        origin: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        self.w = where
        self.unit = unit  # drawing units per metre
        # the plan's (0, 0) in drawing units: the marks are made in the plan's frame (precise
        # however far the plan lies from the drawing's origin), then moved by it
        self.offset = (origin[0] * unit, origin[1] * unit)
        self.encoding = encoding
        self.next_handle = where.max_handle + 1

    # -- tags ------------------------------------------------------------------------------------
    def _tags(self, pairs: Iterable[tuple[int, object]]) -> bytes:
        eol = self.w.eol
        out = bytearray()
        for code, value in pairs:
            out += f"{code:>3}".encode() + eol
            out += (value if isinstance(value, bytes) else str(value).encode("ascii")) + eol
        return bytes(out)

    def _handle(self) -> list[tuple[int, object]]:
        if not self.w.handles:
            return []
        h = f"{self.next_handle:X}"
        self.next_handle += 1
        return [(5, h)]

    def _text(self, s: str) -> bytes:
        """Text as the file stores it: in its own encoding (UTF-8 from R2007, else its code
        page: GBK for ANSI_936 …), and \\U+XXXX for a character the code page lacks."""
        s = s.replace("\r", " ").replace("\n", " ")
        out = bytearray()
        for c in s:
            try:
                out += c.encode(self.encoding)
            except UnicodeEncodeError:
                out += f"\\U+{ord(c):04X}".encode("ascii")
        return bytes(out)

    def _entity(self, kind: str, layer: str, subclass: str) -> list[tuple[int, object]]:
        pairs: list[tuple[int, object]] = [(0, kind), *self._handle()]
        if self.w.modern:
            if self.w.model_space:
                pairs.append((330, self.w.model_space))
            pairs += [(100, "AcDbEntity"), (8, layer), (100, subclass)]
        else:
            pairs.append((8, layer))
        return pairs

    # -- tables ----------------------------------------------------------------------------------
    def layer(self, name: str, colour: int) -> bytes:
        if name.upper() in self.w.layers:
            return b""
        pairs: list[tuple[int, object]] = [(0, "LAYER"), *self._handle()]
        if self.w.modern:
            if self.w.layer_table:
                pairs.append((330, self.w.layer_table))
            pairs += [(100, "AcDbSymbolTableRecord"), (100, "AcDbLayerTableRecord")]
        pairs += [(2, name), (70, 0), (62, colour), (6, "CONTINUOUS")]
        return self._tags(pairs)

    def style(self) -> bytes:
        pairs: list[tuple[int, object]] = [(0, "STYLE"), *self._handle()]
        if self.w.modern:
            if self.w.style_table:
                pairs.append((330, self.w.style_table))
            pairs += [(100, "AcDbSymbolTableRecord"), (100, "AcDbTextStyleTableRecord")]
        pairs += [(2, _STYLE), (70, 0), (40, 0.0), (41, 1.0), (50, 0.0), (71, 0), (42, 2.5)]
        pairs += [(3, _FONT), (4, "")]
        return self._tags(pairs)

    # -- one finding -----------------------------------------------------------------------------
    def finding(self, number: int, f: Finding) -> bytes:
        shape = _shape(f)
        if shape is None:
            return b""
        layer = f"FLOORCHECK-{f.severity.upper()}"
        u = self.unit
        ring = [(x * u, y * u) for x, y in list(shape.exterior.coords)[:-1]]
        perimeter = shape.length * u
        segment = max(0.5 * u, perimeter / _MAX_ARCS)
        pts = cloud_points(ring, segment, bulge=REQUIRED_BULGE)
        sign = -1.0 if _clockwise(ring) else 1.0
        ox, oy = self.offset
        pts = [(x + ox, y + oy, s, e, sign * b) for x, y, s, e, b in pts]
        x0, _, _, y1 = shape.bounds
        lines = [f"{number}. {f.rule} {f.severity} {f.clause}"]
        if f.message_zh:
            lines.append(caption(f, "zh", located=False))
        lines.append(caption(f, "en", located=False))
        at = (x0 * u + ox, (y1 + 0.1) * u + oy)
        return self._cloud(layer, pts) + self._note(layer, at, lines)

    def _cloud(self, layer: str, pts: Sequence[Sequence[float]]) -> bytes:
        if self.w.modern:
            pairs = self._entity("LWPOLYLINE", layer, "AcDbPolyline")
            pairs += [(90, len(pts)), (70, 1)]
            for x, y, _s, _e, b in pts:
                pairs += [(10, _num(x)), (20, _num(y)), (42, _num(b))]
            return self._tags(pairs)
        # R12: POLYLINE, a VERTEX per point, SEQEND
        out = self._tags(
            [*self._entity("POLYLINE", layer, ""), (66, 1), (10, 0), (20, 0), (30, 0), (70, 1)]
        )
        for x, y, _s, _e, b in pts:
            out += self._tags(
                [
                    *self._entity("VERTEX", layer, ""),
                    (10, _num(x)),
                    (20, _num(y)),
                    (30, 0),
                    (42, _num(b)),
                ]
            )
        return out + self._tags(self._entity("SEQEND", layer, ""))

    def _note(self, layer: str, at: tuple[float, float], lines: list[str]) -> bytes:
        height = _TEXT_HEIGHT_M * self.unit
        if self.w.modern:
            pairs = self._entity("MTEXT", layer, "AcDbMText")
            pairs += [(10, _num(at[0])), (20, _num(at[1])), (30, 0), (40, _num(height))]
            pairs += [(41, _num(_NOTE_WIDTH_M * self.unit)), (71, 7), (72, 1)]
            text = b"\\P".join(self._text(line) for line in lines)
            chunks = _chunks(text, 250)
            pairs += [(3, c) for c in chunks[:-1]] + [(1, chunks[-1]), (7, _STYLE)]
            return self._tags(pairs)
        out = b""
        y = at[1]
        for line in lines:
            for piece in _wrap(line, _R12_LINE):
                pairs = self._entity("TEXT", layer, "")
                pairs += [(10, _num(at[0])), (20, _num(y)), (30, 0), (40, _num(height))]
                pairs += [(1, self._text(piece)), (7, _STYLE)]
                out += self._tags(pairs)
                y -= height * 1.6
        return out


_CODE_PAGES = {
    "ANSI_936": "gbk",
    "ANSI_950": "big5",
    "ANSI_932": "cp932",
    "ANSI_949": "cp949",
    **{f"ANSI_{n}": f"cp{n}" for n in range(1250, 1259)},
}


def _encoding(data: bytes, where: _Where) -> str:
    """How the file's text is stored: UTF-8 from R2007 (or when its bytes are UTF-8 whatever
    the header says — exporters do that), else the code page of $DWGCODEPAGE, else ASCII (and
    every other character as \\U+XXXX)."""
    if where.utf8:
        return "utf-8"
    try:
        data.decode("utf-8")
        if any(b > 127 for b in data[:2_000_000]):
            return "utf-8"
    except UnicodeDecodeError:
        pass
    return _CODE_PAGES.get(where.code_page.upper(), "ascii")


def _shape(f: Finding) -> Polygon | None:
    """The outline to cloud: around the finding's geometry, else a disc at its location; None
    when the finding has no place, or no finite one."""
    g = f.geometry
    if g is not None and not g.is_empty and g.area > 0:
        shape = g.envelope.buffer(0.3, join_style="mitre")
    elif f.location is not None:
        shape = Point(f.location).buffer(0.8, quad_segs=4)
    else:
        return None
    if not isinstance(shape, Polygon) or not bool(shapely.is_valid(shape)):
        return None
    if not all(math.isfinite(v) for v in shape.bounds):
        return None
    return shape


def _clockwise(ring: Sequence[tuple[float, float]]) -> bool:
    area = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        area += x0 * y1 - x1 * y0
    return area < 0


def _num(v: float) -> str:
    return repr(float(v)) if math.isfinite(v) else "0.0"


def _chunks(text: bytes, size: int) -> list[bytes]:
    """MTEXT content in pieces of at most ``size`` bytes, never splitting a UTF-8 character or a
    \\U+XXXX escape."""
    out: list[bytes] = []
    start = 0
    while len(text) - start > size:
        cut = start + size
        while cut > start and (text[cut] & 0xC0) == 0x80:  # inside a UTF-8 character
            cut -= 1
        escape = text.rfind(b"\\U+", max(start, cut - 6), cut)
        if escape != -1 and escape + 7 > cut:
            cut = escape
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _wrap(line: str, width: int) -> list[str]:
    return [line[i : i + width] for i in range(0, len(line), width)] or [""]


def _through_ezdxf(report: Report, source: str | Path) -> bytes:
    """For a binary DXF or a DWG: an ezdxf document of it (a DWG is converted), saved as ASCII
    DXF, with the same marks spliced in."""
    import io

    from ..readers import dxf_document

    doc = dxf_document(source)
    stream = io.StringIO()
    doc.write(stream)
    data = stream.getvalue().encode(doc.output_encoding, errors="replace")
    out = annotated_dxf_bytes(report, data)
    return out if out is not None else data


# -- proposed cameras ----------------------------------------------------------------------------

SUGGEST_LAYER = "FLOORCHECK-SUGGEST"
_SUGGEST_BLOCKS = {"fixed": "FC-SUGGEST-枪机", "ptz": "FC-SUGGEST-球机"}


def _proposed(report: Report) -> list[dict[str, Any]]:
    return list(((report.suggestions or {}).get("cameras") or {}).get("proposed") or [])


def _camera_blocks(doc: Any, unit: float) -> None:
    """The two proposed-camera blocks, in drawing units: a disc, the viewing direction along
    the block's +X and, for the fixed camera, the edges of its 90° field of view."""
    for kind, name in _SUGGEST_BLOCKS.items():
        if name in doc.blocks:
            continue
        blk = doc.blocks.new(name)
        blk.add_circle((0, 0), 0.15 * unit)
        blk.add_line((0, 0), (0.6 * unit, 0))
        if kind == "fixed":
            for a in (-45.0, 45.0):
                r = math.radians(a)
                blk.add_line((0, 0), (0.5 * unit * math.cos(r), 0.5 * unit * math.sin(r)))
        else:
            blk.add_circle((0, 0), 0.3 * unit)
        for tag, dy in (("FOV", -0.3), ("RANGE", -0.45), ("SUGGEST", 0.2)):
            blk.add_attdef(tag, (0, dy * unit), dxfattribs={"height": 0.1 * unit})


def with_suggested_cameras(report: Report, source: str | Path, camera_forward: str = "+X") -> bytes:
    """The drawing ``source`` as ASCII DXF bytes with the report's proposed cameras inserted
    (see the module doc). ``camera_forward`` is the mapping's convention ("+Y": a camera block
    looks along its +Y)."""
    import io

    from ..readers import dxf_document

    doc = dxf_document(source)
    scale = report.plan.units.scale_to_m if report.plan is not None else 1.0
    unit = 1.0 / (scale or 1.0)  # drawing units per metre
    if SUGGEST_LAYER not in doc.layers:
        doc.layers.add(SUGGEST_LAYER, color=6)
    _camera_blocks(doc, unit)
    turn = -90.0 if camera_forward.upper() == "+Y" else 0.0
    msp = doc.modelspace()
    for cam in _proposed(report):
        x, y = report.world(cam["position"])  # the drawing's frame (the plan may be local)
        ref = msp.add_blockref(
            _SUGGEST_BLOCKS[str(cam["kind"])],
            (x * unit, y * unit),
            dxfattribs={"layer": SUGGEST_LAYER, "rotation": (cam["direction_deg"] + turn) % 360},
        )
        ref.add_auto_attribs(
            {
                "FOV": f"{float(cam['fov_deg']):g}",
                "RANGE": f"{float(cam['range_m']):g}",
                "SUGGEST": str(cam["id"]),
            }
        )
    stream = io.StringIO()
    doc.write(stream)
    return stream.getvalue().encode(doc.output_encoding, errors="replace")


def write_suggested_dxf(
    report: Report, source: str | Path, target: str | Path, camera_forward: str = "+X"
) -> Path:
    """A copy of the drawing with the proposed cameras added (and nothing else), written whole
    or not at all; ``source`` is never written."""
    data = with_suggested_cameras(report, source, camera_forward)
    target = Path(target)
    with atomic_path(target, [source]) as tmp:
        tmp.write_bytes(data)
    return target
