"""DXF → Plan: the walker (walker.py) sorts what the drawing holds by meaning; :func:`build_plan`
turns what it collected into zones, doors, windows, cameras … in metres.

Coordinates stay in drawing units until the unit is known, then everything is scaled at once.
Each step takes what it needs as arguments and returns what it found; findings about the
drawing (FC0xx diagnostics) are appended to one list, in the order the steps run.
"""

from __future__ import annotations

import math
from typing import Any, cast

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from ..model import Diagnostic, Plan, Zone
from ..vocab import match_zone_type
from .collected import Collected, Ring, Thing
from .document import source_from_doc
from .labels import PlacedLabels
from .mapping import Mapping
from .metadata import drawing_units, plan_metadata
from .options import ReadLimits, ReadOptions
from .rooms import doorway_width, rooms_from_walls, unplaced_labels
from .tags import DxfSource
from .things import (
    read_cameras,
    read_doors,
    read_obstacles,
    read_seats,
    read_signs,
    read_terminals,
    read_windows,
)
from .walker import Walker
from .zones import boundary_polygons, number_zones, polygon, zones_from_boundaries

__all__ = ["read_plan", "build_plan", "local_origin"]

# A plan is read relative to a multiple of this (m) near its middle: plans within half of it of
# their drawing's origin (nearly all) keep their coordinates; plans drawn at site coordinates
# or far away keep a micrometre's precision (float64 holds ~16 digits: at 1e12 m, a tenth of a
# millimetre).
_ORIGIN_GRID_M = 10_000.0


def read_plan(
    doc: Any,
    source: str,
    mapping: Mapping,
    units: str | None = None,
    layout: str | None = None,
    repairs: list[str] | tuple[str, ...] = (),
    limits: ReadLimits | None = None,
    options: ReadOptions | None = None,
) -> Plan:
    """Recognise zones, windows, doors, cameras … in an ezdxf document or a :class:`DxfSource`
    whose modelspace entities were kept."""
    if isinstance(doc, DxfSource):
        src, records = doc, doc.entities
    else:
        src, records = source_from_doc(doc, layout, source)
    found = Walker(src, mapping, limits or ReadLimits()).walk(records)
    return build_plan(found, src, mapping, source, units, repairs, options)


def build_plan(
    found: Collected,
    src: DxfSource,
    mapping: Mapping,
    source: str,
    units: str | None = None,
    repairs: list[str] | tuple[str, ...] = (),
    options: ReadOptions | None = None,
) -> Plan:
    """The plan (metres) from what a walk over the drawing ``src`` collected (``found``);
    ``repairs`` are what reading the file had to repair (FC009)."""
    opts = options or ReadOptions()
    diagnostics: list[Diagnostic] = []
    info, guessed = drawing_units(src, found, units)
    if guessed is not None:
        diagnostics.append(guessed)
    # each repair is described by ezdxf, in English only: the Chinese says what it means
    diagnostics.extend(
        Diagnostic(
            "FC009",
            text,
            message_zh="文件已损坏，读取时已自动修复一处问题（修复记录原文为英文，可用 --lang en 查看）",
        )
        for text in repairs
    )
    s = info.scale_to_m
    ox, oy = local_origin(found, s)
    if ox or oy:
        found.translate(-ox, -oy)
    walls = [LineString(a * s) for a in found.wall_lines if len(a) >= 2]
    columns = [p for p in (polygon(a * s) for a in found.column_rings) if p is not None]
    labels = PlacedLabels(found.labels, s)
    blocks = found.blocks
    door_blocks = [b for b in blocks if b.kind == "door"]
    zones, hall = _zones(
        found.rings, door_blocks, s, labels, walls, columns, mapping, opts, diagnostics
    )
    hall_shape = (
        hall
        if hall is not None
        else (shapely.union_all([z.geometry for z in zones]) if zones else None)
    )
    diagnostics.extend(_reading_notes(found, hidden=not zones and not walls))
    diagnostics.extend(_thinning_note(found, s))
    diagnostics.extend(_decoding_notes(src))
    return Plan(
        zones=tuple(zones),
        windows=tuple(read_windows(blocks, s, labels, zones, mapping, opts)),
        doors=tuple(read_doors(door_blocks, s, labels, hall_shape, mapping, opts)),
        cameras=tuple(read_cameras(blocks, s, mapping)),
        terminals=tuple(read_terminals(blocks, s, labels, opts)),
        signs=tuple(read_signs(blocks, s)),
        obstacles=tuple(read_obstacles(columns, found.furniture_rings, blocks, s)),
        seats=tuple(read_seats(blocks, s)),
        walls=tuple(walls) + tuple(c.exterior for c in columns),
        # a repaired outline can be a MultiPolygon: Plan.hall_outline is typed narrower
        hall_outline=cast("Polygon | None", hall),
        metadata=plan_metadata(src, source),
        units=info,
        source=source,
        mapping=mapping.name,
        diagnostics=tuple(diagnostics),
        origin=(ox * s, oy * s),
    )


def local_origin(found: Collected, s: float) -> tuple[float, float]:
    """The round point (drawing units; a multiple of :data:`_ORIGIN_GRID_M` in a power of ten
    of units) nearest the middle of what was collected: the median of the boundary and wall
    vertices (else of the labels and blocks), which a few wild points do not move. (0, 0) for
    plans near their drawing's origin.

    >>> from floorcheck.dxf.collected import Ring
    >>> far = Collected(rings=[Ring(np.array([[1e15, 1e15], [1e15 + 9e3, 1e15 + 5]]), True, "A")])
    >>> local_origin(far, 0.001), local_origin(Collected(), 0.001)
    ((1000000000000000.0, 1000000000000000.0), (0.0, 0.0))
    """
    arrays = [r.xy for r in found.rings] + found.wall_lines
    if not arrays:
        arrays = [
            np.array([[lb.x, lb.y] for lb in found.labels] + [[t.x, t.y] for t in found.blocks])
        ]
    pts = np.concatenate([a.reshape(-1, 2) for a in arrays]) if arrays else np.zeros((0, 2))
    pts = pts[np.isfinite(pts).all(axis=1)]
    if not len(pts) or not (math.isfinite(s) and s > 0):
        return 0.0, 0.0
    step = 10.0 ** round(math.log10(_ORIGIN_GRID_M / s))
    mx, my = np.median(pts, axis=0)
    ox, oy = round(mx / step) * step, round(my / step) * step
    return (ox if math.isfinite(ox) else 0.0), (oy if math.isfinite(oy) else 0.0)


def _zones(
    rings: list[Ring],
    door_blocks: list[Thing],
    s: float,
    labels: PlacedLabels,
    walls: list[LineString],
    columns: list[Polygon],
    mapping: Mapping,
    opts: ReadOptions,
    diagnostics: list[Diagnostic],
) -> tuple[list[Zone], BaseGeometry | None]:
    """The zones, numbered, and the hall outline: drawn boundaries first, then rooms closed
    from the walls for the labels in no boundary (FC003 for those still without one)."""
    hall, polys = boundary_polygons(rings, s, mapping, opts, diagnostics)
    types = [match_zone_type(lb.text, mapping.labels) for lb in labels.labels]
    zones, orphans, hall = zones_from_boundaries(polys, hall, labels, types, mapping, diagnostics)
    bridge_m = doorway_width(door_blocks, s, opts)
    open_ends = np.zeros((0, 2))
    if orphans and walls:
        # columns are part of the enclosure: walls often stop at them
        enclosure = walls + [c.exterior for c in columns]
        recovered, orphans, open_ends = rooms_from_walls(
            enclosure, door_blocks, s, labels, types, orphans, zones, bridge_m, opts, diagnostics
        )
        zones.extend(recovered)
    diagnostics.extend(unplaced_labels(orphans, labels, open_ends, bridge_m, opts))
    return number_zones(zones), hall


def _reading_notes(found: Collected, hidden: bool) -> list[Diagnostic]:
    """What the walk could not read: custom objects without proxy graphics (FC010; ``hidden``:
    nothing else shows walls or rooms), custom objects read from their proxy graphics (FC010),
    entities at NaN or infinite coordinates and malformed entities (FC009)."""
    out = []
    unread = found.proxies - found.proxy_shown
    if unread:
        out.append(
            Diagnostic(
                "FC010",
                f"{unread} TArch custom objects (ACAD_PROXY_ENTITY/TCH_*) carry no proxy "
                "graphics and cannot be read"
                + ("; they hide the walls and rooms" if hidden else "")
                + ": in TArch use 「图形导出」 (export to T3), or EXPLODE in AutoCAD, then save as "
                "DXF",
                message_zh=f"{unread} 个天正自定义对象没有代理图形，无法读取"
                + ("，墙体和房间因此不可见" if hidden else "")
                + "：请在天正中用「图形导出」导出为 T3 格式，或在 AutoCAD 中分解（EXPLODE）后另存为 DXF",
            )
        )
    if found.proxy_shown:
        n = found.proxy_shown
        out.append(
            Diagnostic(
                "FC010",
                f"{n} TArch custom objects were read from their proxy graphics (the picture CAD "
                "stores for them): walls and openings are lines, not objects; for an exact "
                "reading use 「图形导出」 (export to T3) in TArch",
                message_zh=f"{n} 个天正自定义对象按其代理图形读取（墙体、门窗仅为线条）；"
                "如需精确读取，请在天正中用「图形导出」导出为 T3 格式",
            )
        )
    if found.nonfinite:
        n = found.nonfinite
        out.append(
            Diagnostic(
                "FC009",
                f"{'1 entity has' if n == 1 else f'{n:,} entities have'} NaN or infinite "
                f"coordinates and {'was' if n == 1 else 'were'} left out; the CAD program or "
                "exporter wrote invalid numbers: check the drawing in CAD (AUDIT)",
                message_zh=f"{n:,} 个图元的坐标为 NaN 或无穷大，已忽略；导出程序写入了无效数值："
                "请在 CAD 中检查图纸（AUDIT）",
            )
        )
    if found.skipped:
        out.append(
            Diagnostic(
                "FC009",
                f"{found.skipped} malformed entities could not be read and were skipped",
                message_zh=f"{found.skipped} 个损坏的图元无法读取，已跳过",
            )
        )
    return out


def _thinning_note(found: Collected, s: float) -> list[Diagnostic]:
    """Curves thinned on reading because they had more vertices than any rule should spend its
    time on (FC009, with how far they may have moved)."""
    if not found.thinned:
        return []
    n, most, moved = found.thinned, found.thinned_from, found.thinned_moved * s * 1000
    mm = f"{moved:,.0f} mm" if moved >= 10 else f"{moved:.2g} mm"
    curves = "1 curve" if n == 1 else f"{n:,} curves"
    return [
        Diagnostic(
            "FC009",
            f"{curves} had more vertices than floorcheck reads (up to {most:,}): thinned on "
            f"reading, no point moving by more than {mm}; simplify in CAD (PEDIT, OVERKILL) "
            "if that matters",
            message_zh=f"{n:,} 条曲线顶点过多（最多 {most:,} 个），已抽稀读取，任一点偏移不超过 "
            f"{mm}；如有影响请在 CAD 中简化（PEDIT、OVERKILL）",
        )
    ]


def _decoding_notes(src: DxfSource) -> list[Diagnostic]:
    """Texts that were not in the drawing's encoding (FC009): read in the fallback (GBK in an
    R2007+ file, which must hold UTF-8), or shown with U+FFFD for bytes valid in neither."""
    out = []
    if src.recoded:
        fb = (src.fallback or "").upper()
        out.append(
            Diagnostic(
                "FC009",
                f"{_texts(src.recoded)} {'is' if src.recoded == 1 else 'are'} {fb}, not the UTF-8 "
                f"the file's DXF version requires: read as {fb}; save the drawing again as DXF "
                "from CAD",
                message_zh=f"{src.recoded:,} 个文字为 {fb} 编码，而非该 DXF 版本规定的 UTF-8："
                f"已按 {fb} 读取；请在 CAD 中重新另存为 DXF",
            )
        )
    if src.undecodable:
        enc = src.encoding.upper() + (f" or {src.fallback.upper()}" if src.fallback else "")
        out.append(
            Diagnostic(
                "FC009",
                f"{_texts(src.undecodable)} {'holds' if src.undecodable == 1 else 'hold'} bytes "
                f"that are not valid {enc}: those characters are shown as \ufffd; check the "
                "labels and the drawing's code page in CAD",
                message_zh=f"{src.undecodable:,} 个文字含有不符合 {enc} 编码的字节，"
                "这些字符显示为 \ufffd；请在 CAD 中检查标注和图纸代码页",
            )
        )
    return out


def _texts(n: int) -> str:
    return "1 text" if n == 1 else f"{n:,} texts"
