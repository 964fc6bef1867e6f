"""Write an ezdxf document as a DWG (R2000, AC1015) with ezdwg's native writer.

The tests and benchmarks build the sample halls with samples/make_samples.py (an ezdxf
document) and save the same drawing as DXF and as DWG, so that both readers can be compared on
one drawing. Covers what the samples draw: LINE, ARC, CIRCLE, LWPOLYLINE, TEXT, MTEXT, HATCH
(polyline paths), INSERT with attributes, block definitions with ATTDEFs, layers and
``$INSUNITS``. DXF custom properties (FC_LEVEL …) have no place in ezdwg's writer; a test gives
them on the command line instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["save_as_dwg", "dwg_drawing"]


def _xyz(p: Any) -> tuple[float, float, float]:
    return (float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 0.0)


def _text(dst: Any, e: Any, a: dict[str, Any]) -> None:
    extra = {}
    if e.dxf.halign or e.dxf.valign:
        extra = {
            "halign": e.dxf.halign,
            "valign": e.dxf.valign,
            "align_point": _xyz(e.dxf.align_point),
        }
    dst.add_text(
        e.dxf.text, _xyz(e.dxf.insert), height=e.dxf.height, rotation=e.dxf.rotation, **extra, **a
    )


def _insert(dst: Any, e: Any, a: dict[str, Any]) -> None:
    ref = dst.add_blockref(
        e.dxf.name,
        _xyz(e.dxf.insert),
        scale=(e.dxf.xscale, e.dxf.yscale, e.dxf.zscale),
        rotation=e.dxf.rotation,
        **a,
    )
    for att in e.attribs:
        dst.add_attrib(
            ref,
            att.dxf.tag,
            att.dxf.text,
            _xyz(att.dxf.insert),
            height=att.dxf.height,
            layer=att.dxf.layer,
        )


_COPY = {
    "LINE": lambda dst, e, a: dst.add_line(_xyz(e.dxf.start), _xyz(e.dxf.end), **a),
    "ARC": lambda dst, e, a: dst.add_arc(
        _xyz(e.dxf.center),
        radius=e.dxf.radius,
        start_angle=e.dxf.start_angle,
        end_angle=e.dxf.end_angle,
        **a,
    ),
    "CIRCLE": lambda dst, e, a: dst.add_circle(_xyz(e.dxf.center), radius=e.dxf.radius, **a),
    "LWPOLYLINE": lambda dst, e, a: dst.add_lwpolyline(
        [(x, y) for x, y, *_ in e.get_points("xy")],
        closed=bool(e.closed),
        bulges=[b for *_, b in e.get_points("xyb")],
        **a,
    ),
    "TEXT": _text,
    "MTEXT": lambda dst, e, a: dst.add_mtext(
        e.text,
        _xyz(e.dxf.insert),
        char_height=e.dxf.char_height,
        attachment_point=e.dxf.attachment_point,
        **a,
    ),
    "HATCH": lambda dst, e, a: dst.add_hatch(
        [[(v[0], v[1]) for v in p.vertices] for p in e.paths], **a
    ),
    "INSERT": _insert,
    "ATTDEF": lambda dst, e, a: dst.add_attdef(
        e.dxf.tag, "", insert=_xyz(e.dxf.insert), height=e.dxf.height
    ),
}


def _copy(src: Any, dst: Any) -> None:
    for e in src:
        kind = e.dxftype()
        if kind not in _COPY:
            raise ValueError(f"dwg_writer: no DWG counterpart for {kind}")
        _COPY[kind](dst, e, {"layer": e.dxf.layer} if e.dxf.hasattr("layer") else {})


def _referenced(doc: Any) -> set[str]:
    """The blocks modelspace inserts, directly or through other blocks."""
    todo = [e.dxf.name for e in doc.modelspace().query("INSERT")]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(e.dxf.name for e in doc.blocks.get(name).query("INSERT"))
    return seen


def dwg_drawing(doc: Any) -> Any:
    """An ezdwg Drawing holding ``doc``'s layers, blocks and modelspace."""
    import ezdwg

    drawing = ezdwg.new()
    drawing.header["insunits"] = int(doc.header.get("$INSUNITS", 0))
    for layer in doc.layers:
        if layer.dxf.name != "0":
            drawing.layers[layer.dxf.name] = {"color_index": abs(layer.dxf.color) or 7}
    used = _referenced(doc)
    for block in doc.blocks:
        name = block.name
        if name not in used:
            continue
        base = block.block.dxf.base_point
        new = drawing.blocks.new(name, base_point=_xyz(base))
        _copy(block, new)
    _copy(doc.modelspace(), drawing.modelspace())
    return drawing


def save_as_dwg(doc: Any, path: str | Path) -> Path:
    """Save ``doc`` (an ezdxf document) as an R2000 DWG; fails on anything it would lose."""
    result = dwg_drawing(doc).save(str(path), strict=True)
    if result.skipped_entities:
        raise ValueError(f"dwg_writer: skipped {result.skipped_by_type}")
    return Path(path)
