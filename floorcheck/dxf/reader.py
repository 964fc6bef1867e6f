"""DXF → Plan: the walker (walker.py) sorts what the drawing holds by meaning; :func:`build_plan`
turns what it collected into zones, doors, windows, cameras … in metres.

Coordinates stay in drawing units until the unit is known, then everything is scaled at once.
Each step takes what it needs as arguments and returns what it found; findings about the
drawing (FC0xx diagnostics) are appended to one list, in the order the steps run.
"""

from __future__ import annotations

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

__all__ = ["read_plan", "build_plan"]


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
    )


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
    malformed entities (FC009)."""
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
    if found.skipped:
        out.append(
            Diagnostic(
                "FC009",
                f"{found.skipped} malformed entities could not be read and were skipped",
                message_zh=f"{found.skipped} 个损坏的图元无法读取，已跳过",
            )
        )
    return out
