"""DWG → an ezdxf document in memory, through ezdwg's decoder; and an account of what it could
not decode.

ezdwg (MIT, a Rust core) decodes the DWG's objects into dictionaries much like ezdxf's ``dxf``
namespace. This module rebuilds from them an ezdxf document holding the layers, the block
definitions (with their base points) and the modelspace entities floorcheck reads — so that the
DXF reader's one walker turns a DWG into a plan exactly as it turns the same drawing saved as
DXF. ezdwg's own ``to_dxf`` is not used: it prunes entities by heuristics tuned to particular
files, which would drop data without saying so.

Every entity of the file is counted by type from the DWG's object map; what ezdwg could not
decode (types it does not know, custom objects of TArch and other applications, entities whose
decoding failed) is returned in :class:`Decoded` for the reader to report.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BudgetExceeded, InputError, UnreadableDwg, UnsupportedDwg, detail_zh

__all__ = ["Decoded", "read_dwg", "VERSIONS"]

# DWG version strings (the file's first six bytes) and their release names.
VERSIONS = {
    "AC1.2": "R1.2",
    "AC1.40": "R1.40",
    "AC1.50": "R2.05",
    "AC2.10": "R2.10",
    "AC1001": "R2.22",
    "AC1002": "R2.5",
    "AC1003": "R2.6",
    "AC1004": "R9",
    "AC1006": "R10",
    "AC1009": "R11/R12",
    "AC1012": "R13",
    "AC1014": "R14",
    "AC1015": "R2000",
    "AC1018": "R2004",
    "AC1021": "R2007",
    "AC1024": "R2010",
    "AC1027": "R2013",
    "AC1032": "R2018",
}
EXPERIMENTAL = frozenset({"AC1012", "AC1014"})  # ezdwg decodes R13/R14 as "experimental"

# The entity types floorcheck reads from a drawing (as the DXF reader does), by ezdwg's names.
USED = frozenset(
    {
        "LINE",
        "ARC",
        "CIRCLE",
        "LWPOLYLINE",
        "POLYLINE_2D",
        "ELLIPSE",
        "SPLINE",
        "TEXT",
        "MTEXT",
        "INSERT",
        "MINSERT",
        "ATTRIB",
        "HATCH",
    }
)
# Objects of the object map that are structure, not drawing content.
_STRUCTURE = frozenset({"BLOCK", "ENDBLK", "SEQEND", "ATTDEF", "VIEWPORT"})
# ezdwg reports dimensions by their DWG subtype; its decoded entities say DIMENSION.
_DIMENSIONS = frozenset(
    {
        "DIM_LINEAR",
        "DIM_ALIGNED",
        "DIM_ANG3PT",
        "DIM_ANG2LN",
        "DIM_RADIUS",
        "DIM_DIAMETER",
        "DIM_ORDINATE",
    }
)
_MAX_ENTITIES = 3_000_000


@dataclass
class Decoded:
    """What reading the DWG found beside the drawing itself."""

    version: str
    release: str
    # Entities the decoder does not know, by type (MULTILEADER, WIPEOUT, ACAD_TABLE …).
    unknown: Counter[str] = field(default_factory=Counter)
    # Custom objects of CAD applications: TArch (TCH_*), ACAD_PROXY_ENTITY, AEC objects …
    custom: Counter[str] = field(default_factory=Counter)
    # Entities of a type floorcheck reads that the decoder failed on, by type.
    failed: Counter[str] = field(default_factory=Counter)
    # Entities decoded but not rebuilt (malformed values), by type.
    dropped: Counter[str] = field(default_factory=Counter)
    codepage: str | None = None

    @property
    def experimental(self) -> bool:
        return self.version in EXPERIMENTAL


def _version(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(6)
    except OSError as exc:
        raise UnreadableDwg(
            f"cannot be read ({exc.strerror or exc})",
            str(path),
            "check its permissions",
            message_zh=f"无法读取（{detail_zh(exc.strerror or str(exc))}）",
            hint_zh="请检查文件权限",
        ) from None
    return head.decode("ascii", errors="replace")


def read_dwg(path: str | Path) -> tuple[Any, Decoded]:
    """The DWG as an ezdxf document (layers, blocks, modelspace; ``$INSUNITS`` set) and what
    could not be decoded. Raises :class:`~floorcheck.errors.InputError` subclasses with one line.
    """
    import ezdwg

    path = Path(path)
    name = str(path)
    version = _version(path)
    release = VERSIONS.get(version)
    if release is None:
        raise UnsupportedDwg(
            f"is a DWG of an unknown version ({version!r})",
            name,
            "save it as DWG 2000–2018 or as DXF",
            message_zh=f"是未知版本的 DWG 图纸（{version!r}）",
            hint_zh="请在 CAD 中另存为 DWG 2000–2018 或 DXF",
        )
    try:
        doc = ezdwg.read(name)
    except ValueError:
        raise UnsupportedDwg(
            f"is a DWG of version {release} ({version}), which the DWG reader cannot decode",
            name,
            "save it as DWG 2000–2018 or as DXF (SAVEAS)",
            message_zh=f"是 {release} 版本（{version}）的 DWG 图纸，DWG 读取器无法解码",
            hint_zh="请在 CAD 中用 SAVEAS 另存为 DWG 2000–2018 或 DXF",
        ) from None
    decoded = Decoded(version, release)
    ezdwg.clear_decode_caches()  # ezdwg caches by path: never reuse a previous file's decode
    try:
        out = _convert(doc, decoded)
    except InputError:
        raise
    except MemoryError:
        raise BudgetExceeded(
            "is too large to read in memory",
            name,
            "check one floor at a time",
            message_zh="图纸过大，内存中无法读取",
            hint_zh="请每次只检查一层",
        ) from None
    except Exception as exc:  # noqa: BLE001 - any decoder failure is a damaged or odd file
        detail = f"{exc.__class__.__name__}: {str(exc).strip()[:120]}"
        raise UnreadableDwg(
            f"could not be decoded ({detail})",
            name,
            "open it in CAD, run AUDIT, and save it again as DWG 2000–2018 or as DXF",
            message_zh=f"已损坏，无法解码（解码器报告：{detail_zh(detail)}）",
            hint_zh="请在 CAD 中打开，运行 AUDIT，再另存为 DWG 2000–2018 或 DXF",
        ) from None
    finally:
        ezdwg.clear_decode_caches()
    return out, decoded


def _object_counts(path: str) -> tuple[Counter[str], set[str]]:
    """Entities of the object map by type, and the types that are custom classes."""
    from ezdwg import raw

    counts: Counter[str] = Counter()
    custom: set[str] = set()
    for _index, _offset, _size, code, type_name, kind in raw.list_object_headers_with_type(path):
        if kind != "E":
            continue
        type_name = str(type_name).split("|", 1)[0].strip() or f"type {code}"
        counts[type_name] += 1
        if code >= 500 or code == 498:  # application classes; 498 = ACAD_PROXY_ENTITY
            custom.add(type_name)
    return counts, custom


def _account(
    decoded: Decoded, counts: Counter[str], custom_types: set[str], got: Counter[str]
) -> None:
    """Sort what the object map holds but the decoder did not give into ``decoded``."""
    from ezdwg import document as ezdwg_document

    known = set(ezdwg_document.SUPPORTED_ENTITY_TYPES)
    for type_name, n in counts.items():
        if type_name in _STRUCTURE or type_name in _DIMENSIONS or type_name.startswith("VERTEX"):
            continue
        if type_name in custom_types and type_name not in known:
            tarch = type_name == "ACAD_PROXY_ENTITY" or type_name.upper().startswith("TCH_")
            if not tarch and _is_autodesk_class(type_name):
                decoded.unknown[type_name] += n
            else:
                decoded.custom[type_name] += n
        elif type_name not in known:
            decoded.unknown[type_name] += n
        elif type_name in USED and got[type_name] < n:
            decoded.failed[type_name] += n - got[type_name]


def _layer_names(doc: Any) -> dict[int, str]:
    names: dict[int, str] = {}
    for layer in doc.layers:
        try:
            names[int(layer.handle)] = str(layer.name)
        except (TypeError, ValueError, AttributeError):
            continue
    return names


def _convert(doc: Any, decoded: Decoded) -> Any:
    import ezdxf

    path = str(doc.decode_path or doc.path)
    counts, custom_types = _object_counts(path)
    if sum(counts.values()) > _MAX_ENTITIES:
        raise BudgetExceeded(
            f"has more than {_MAX_ENTITIES:,} entities",
            path,
            "check one floor at a time (save it as several drawings)",
            message_zh=f"图元超过 {_MAX_ENTITIES:,} 个",
            hint_zh="请每次只检查一层（将图纸拆分保存为多个文件）",
        )
    entities = list(doc.entities().query())
    _account(decoded, counts, custom_types, Counter(e.dxftype for e in entities))
    out = ezdxf.new("R2018")
    out.header["$INSUNITS"] = int(doc.insunits or 0)
    layers = _layer_names(doc)
    for layer_name in sorted(set(layers.values())):
        if layer_name not in out.layers:
            try:
                out.layers.add(layer_name)
            except Exception:  # noqa: BLE001 - a name ezdxf refuses stays on layer 0
                continue
    blocks, model_owners = _blocks(out, path)
    placed = _placements(doc, entities, out.modelspace(), blocks, model_owners)
    attribs: dict[int, list[Any]] = {}
    for e in entities:
        owner = e.dxf.get("owner_handle") if e.dxftype == "ATTRIB" else None
        if owner is not None:
            attribs.setdefault(int(owner), []).append(e)
    for e, target in placed:
        layer = layers.get(int(e.dxf.get("layer_handle") or -1), "0")
        try:
            _add(target, e, layer, attribs.get(int(e.handle), ()))
        except Exception:  # noqa: BLE001 - one malformed entity must not stop the plan
            decoded.dropped[e.dxftype] += 1
    return out


def _blocks(out: Any, path: str) -> tuple[dict[int, Any], set[int]]:
    """Block definitions (by block-record handle) created in ``out``; modelspace's handles."""
    from ezdwg import raw

    blocks: dict[int, Any] = {}
    model_owners: set[int] = set()
    for row in raw.decode_write_blocks(path):
        handle, block_name = int(row["handle"]), str(row["name"])
        upper = block_name.upper()
        if upper.startswith("*MODEL_SPACE"):
            model_owners.add(handle)
        elif not upper.startswith("*PAPER_SPACE"):
            base = row.get("base_point") or (0.0, 0.0, 0.0)
            if block_name not in out.blocks:
                out.blocks.new(block_name, base_point=tuple(float(v) for v in base))
            blocks[handle] = out.blocks.get(block_name)
    return blocks, model_owners


def _placements(
    doc: Any, entities: list[Any], msp: Any, blocks: dict[int, Any], model_owners: set[int]
) -> list[tuple[Any, Any]]:
    """Each entity floorcheck reads with the layout it belongs to (modelspace or a block);
    paperspace and orphans are not the plan."""
    placed: list[tuple[Any, Any]] = []
    for e in entities:
        if e.dxftype not in USED or e.dxftype == "ATTRIB":
            continue
        owner = e.dxf.get("owner_handle")
        if owner is None:
            placement = doc.entity_placement(e.handle)
            if placement is None or placement[0] == 2:
                placed.append((e, msp))
                continue
            if placement[0] == 1:
                continue
            owner = placement[1]
        owner = int(owner or 0)
        if owner in model_owners:
            placed.append((e, msp))
        elif owner in blocks:
            placed.append((e, blocks[owner]))
    return placed


# Object classes of AutoCAD itself (not of a vertical application) that the decoder skips.
_AUTODESK_CLASSES = frozenset(
    {
        "MULTILEADER",
        "WIPEOUT",
        "ACAD_TABLE",
        "MESH",
        "PDFUNDERLAY",
        "DWFUNDERLAY",
        "DGNUNDERLAY",
        "HELIX",
        "LIGHT",
        "SURFACE",
        "PLANESURFACE",
        "EXTRUDEDSURFACE",
        "LOFTEDSURFACE",
        "REVOLVEDSURFACE",
        "SWEPTSURFACE",
        "NURBSURFACE",
        "SECTIONOBJECT",
        "POINTCLOUD",
        "POINTCLOUDEX",
        "GEOPOSITIONMARKER",
        "CAMERA",
        "ARC_DIMENSION",
        "LARGE_RADIAL_DIMENSION",
        "RTEXT",
        "ARCALIGNEDTEXT",
        "IMAGE",
    }
)


def _is_autodesk_class(name: str) -> bool:
    return name.upper() in _AUTODESK_CLASSES


def _xy(p: Any) -> tuple[float, float]:
    return (float(p[0]), float(p[1]))


def _xyz(p: Any) -> tuple[float, float, float]:
    return (float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 0.0)


def _ocs(e: Any) -> dict[str, Any]:
    ext = e.dxf.get("extrusion")
    if ext is None:
        return {}
    ext = _xyz(ext)
    return {} if ext == (0.0, 0.0, 1.0) else {"extrusion": ext}


def _line(target: Any, e: Any, base: dict[str, Any]) -> None:
    target.add_line(_xyz(e.dxf["start"]), _xyz(e.dxf["end"]), dxfattribs=base)


def _arc(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    target.add_arc(
        _xyz(d["center"]),
        float(d["radius"]),
        float(d["start_angle"]),
        float(d["end_angle"]),
        dxfattribs={**base, **_ocs(e)},
    )


def _circle(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    target.add_circle(_xyz(d["center"]), float(d["radius"]), dxfattribs={**base, **_ocs(e)})


def _lwpolyline(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    pts = [p[:2] for p in d["points"]]
    bulges = list(d.get("bulges") or [0.0] * len(pts))
    target.add_lwpolyline(
        [(x, y, 0.0, 0.0, b) for (x, y), b in zip(pts, bulges, strict=False)],
        format="xyseb",
        close=bool(d.get("closed")),
        dxfattribs={**base, **_ocs(e), "elevation": float(d.get("elevation") or 0.0)},
    )


def _polyline2d(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    pts = [_xy(p) for p in d["points"]]
    bulges = list(d.get("bulges") or [0.0] * len(pts))
    poly = target.add_polyline2d(pts, close=bool(d.get("closed")), dxfattribs={**base, **_ocs(e)})
    for v, b in zip(poly.vertices, bulges, strict=False):
        v.dxf.bulge = float(b)


def _ellipse(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    target.add_ellipse(
        _xyz(d["center"]),
        _xyz(d["major_axis"]),
        float(d["axis_ratio"]),
        float(d.get("start_angle", 0.0)),
        float(d.get("end_angle", math.tau)),
        dxfattribs={**base, **_ocs(e)},
    )


def _add(target: Any, e: Any, layer: str, attribs: Any) -> None:
    """Add one ezdwg entity to an ezdxf layout (modelspace or a block)."""
    base = {"layer": layer}
    if e.dxftype in ("INSERT", "MINSERT"):
        _insert(target, e, base, attribs)
    else:
        _ADD[e.dxftype](target, e, base)


def _spline(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    ctrl = [_xyz(p) for p in d.get("control_points") or []]
    fit = [_xyz(p) for p in d.get("fit_points") or []]
    if ctrl:
        spline = target.add_open_spline(
            ctrl, degree=int(d.get("degree", 3)), knots=d.get("knots") or None, dxfattribs=base
        )
        weights = d.get("weights") or []
        if weights:
            spline.weights = [float(w) for w in weights]
        if d.get("closed"):
            spline.closed = True
    elif fit:
        target.add_spline(fit, degree=int(d.get("degree", 3)), dxfattribs=base)
    else:
        raise ValueError("spline without points")


def _text(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    attribs = {
        **base,
        "insert": _xyz(d["insert"]),
        "height": float(d.get("height") or 1.0),
        "rotation": float(d.get("rotation") or 0.0),
        "halign": int(d.get("halign") or 0),
        "valign": int(d.get("valign") or 0),
    }
    if d.get("align_point") is not None:
        attribs["align_point"] = _xyz(d["align_point"])
    ext = d.get("extrusion")
    if ext is not None and _xyz(ext) != (0.0, 0.0, 1.0):
        attribs["extrusion"] = _xyz(ext)
    target.add_text(str(d.get("text") or ""), dxfattribs=attribs)


def _mtext(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    attribs = {
        **base,
        "insert": _xyz(d["insert"]),
        "char_height": float(d.get("char_height") or 1.0),
        "attachment_point": int(d.get("attachment_point") or 1),
        "width": float(d.get("rect_width") or 0.0),
    }
    direction = d.get("text_direction")
    if direction is not None:
        attribs["text_direction"] = _xyz(direction)
    raw = d.get("raw_text")
    target.add_mtext(str(raw if raw is not None else d.get("text") or ""), dxfattribs=attribs)


def _insert(target: Any, e: Any, base: dict[str, Any], attribs: Any) -> None:
    d = e.dxf
    name = d.get("name")
    if not name:
        raise ValueError("insert without a block name")
    attribs_dxf = {
        **base,
        **_ocs(e),
        "xscale": float(d.get("xscale") or 1.0),
        "yscale": float(d.get("yscale") or 1.0),
        "zscale": float(d.get("zscale") or 1.0),
        "rotation": float(d.get("rotation") or 0.0),
    }
    if e.dxftype == "MINSERT":
        attribs_dxf.update(
            column_count=int(d.get("column_count") or 1),
            row_count=int(d.get("row_count") or 1),
            column_spacing=float(d.get("column_spacing") or 0.0),
            row_spacing=float(d.get("row_spacing") or 0.0),
        )
    ref = target.add_blockref(str(name), _xyz(d["insert"]), dxfattribs=attribs_dxf)
    for a in attribs:
        ad = a.dxf
        ref.add_attrib(
            str(ad.get("tag") or ""),
            str(ad.get("text") or ""),
            insert=_xyz(ad.get("insert") or d["insert"]),
            dxfattribs={"height": float(ad.get("height") or 1.0), "layer": base["layer"]},
        )


def _hatch(target: Any, e: Any, base: dict[str, Any]) -> None:
    d = e.dxf
    hatch = target.add_hatch(
        dxfattribs={**base, "elevation": (0.0, 0.0, float(d.get("elevation") or 0.0))}
    )
    ext = d.get("extrusion")
    if ext is not None and _xyz(ext) != (0.0, 0.0, 1.0):
        hatch.dxf.extrusion = _xyz(ext)
    for path in d.get("paths") or []:
        pts = [_xy(p) for p in path.get("points") or []]
        if len(pts) < 3:
            continue
        bulges = path.get("bulges") or [0.0] * len(pts)
        hatch.paths.add_polyline_path(
            [(x, y, float(b)) for (x, y), b in zip(pts, bulges, strict=False)],
            is_closed=bool(path.get("closed", True)),
        )
    if not hatch.paths:
        raise ValueError("hatch without a boundary")


_ADD = {
    "LINE": _line,
    "ARC": _arc,
    "CIRCLE": _circle,
    "LWPOLYLINE": _lwpolyline,
    "POLYLINE_2D": _polyline2d,
    "ELLIPSE": _ellipse,
    "SPLINE": _spline,
    "TEXT": _text,
    "MTEXT": _mtext,
    "HATCH": _hatch,
}
