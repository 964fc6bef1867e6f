"""Zones, in metres, from the boundaries drawn on zone layers (closed polylines, hatches …),
each named by the labels inside it; the hall outline among them."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from ..model import Diagnostic, Zone
from ..vocab import match_zone_type
from .collected import Ring
from .labels import PlacedLabels, label_owners
from .mapping import Mapping, layer_key
from .options import ReadOptions
from .rooms import name_room
from .text import parse_area, without_area

__all__ = ["polygon", "boundary_polygons", "zones_from_boundaries", "number_zones", "Boundary"]

# Polygons smaller than this (m²) are numerical dust, not geometry.
_MIN_AREA_M2 = 1e-6

Boundary = tuple[BaseGeometry, str]  # a polygon and the layer it was drawn on


def polygon(
    xy: np.ndarray, holes: list[np.ndarray] | None = None, keep_invalid: bool = False
) -> Polygon | None:
    """A polygon from a ring of points (metres), None when it is degenerate. With
    ``keep_invalid`` a polygon that crosses itself is returned to be repaired, whatever its
    signed area: a symmetric bow-tie's is zero, yet it encloses two triangles.

    >>> bow_tie = np.array([(0, 0), (10, 10), (10, 0), (0, 10)], float)
    >>> polygon(bow_tie) is None, polygon(bow_tie, keep_invalid=True).is_valid
    (True, False)
    """
    if len(xy) < 3:
        return None
    try:
        poly = Polygon(xy, [h for h in (holes or []) if len(h) >= 3])
    except (ValueError, shapely.errors.GEOSException):
        return None
    if poly.is_empty:
        return None
    if keep_invalid and not poly.is_valid:
        return poly
    if poly.area <= _MIN_AREA_M2:
        return None
    return poly


def _repair(poly: Polygon) -> BaseGeometry | None:
    fixed = shapely.make_valid(poly)
    parts = [
        p for p in shapely.get_parts(fixed) if p.geom_type == "Polygon" and p.area > _MIN_AREA_M2
    ]
    if not parts:
        return None
    return max(parts, key=lambda p: p.area) if len(parts) == 1 else shapely.union_all(parts)


def boundary_polygons(
    rings: Sequence[Ring],
    s: float,
    mapping: Mapping,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
) -> tuple[list[BaseGeometry], list[Boundary]]:
    """The boundaries drawn on hall layers (a plan's hall outline is the largest of its own)
    and the other boundaries, from the rings of zone layers scaled by ``s``. Invalid boundaries
    are repaired (FC005), ones drawn twice kept once."""
    hall: list[BaseGeometry] = []
    polys: list[Boundary] = []
    for ring in rings:
        xy = ring.xy * s
        if not ring.closed:
            if len(xy) < 3 or np.hypot(*(xy[0] - xy[-1])) > options.snap_m:
                continue
        poly = polygon(xy, [h * s for h in ring.holes], keep_invalid=True)
        if poly is None:
            continue
        shape = poly if poly.is_valid else _repaired(poly, ring.layer, diagnostics)
        if shape is None:
            continue
        if mapping.layer_is("hall", ring.layer):
            hall.append(shape)
        else:
            polys.append((shape, ring.layer))
    return hall, _dedupe(polys, options)


_WHERE = re.compile(r"^(.*?)\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)")


def _repaired(poly: Polygon, layer: str, diagnostics: list[Diagnostic]) -> BaseGeometry | None:
    """``poly`` made valid (a bow-tie becomes its two triangles), reported (FC005) at the point
    where it crosses itself."""
    fixed = _repair(poly)
    if fixed is None:
        return None
    reason = shapely.is_valid_reason(poly)
    m = _WHERE.match(reason)
    if m:
        what, x, y = m.group(1).strip().lower() or "invalid", float(m.group(2)), float(m.group(3))
    else:
        p = fixed.representative_point()
        what, x, y = reason.lower(), p.x, p.y
    diagnostics.append(
        Diagnostic(
            "FC005",
            f"boundary on layer {layer} crosses itself ({what} at ({x:.2f}, {y:.2f})); "
            f"repaired into {_parts(fixed)} of {fixed.area:.1f} m² — redraw it as a simple "
            "outline",
            message_zh=f"图层 {layer} 上的边界自相交（位于 ({x:.2f}, {y:.2f})），已修复为 "
            f"{_parts(fixed, 'zh')}，面积 {fixed.area:.1f} m²；请重新绘制为简单闭合轮廓",
            location=(round(x, 3), round(y, 3)),
            geometry=fixed,
        )
    )
    return fixed


def _parts(shape: BaseGeometry, lang: str = "en") -> str:
    n = len(shapely.get_parts(shape))
    if lang == "zh":
        return f"{n} 个多边形" if n > 1 else "一个多边形"
    return f"{n} polygons" if n > 1 else "one polygon"


def _dedupe(polys: list[Boundary], options: ReadOptions) -> list[Boundary]:
    """Drop boundaries drawn twice (a HATCH over its own LWPOLYLINE is common)."""
    if len(polys) < 2:
        return polys
    geoms = [p for p, _ in polys]
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    keep = a < b
    drop: set[int] = set()
    for i, j in zip(a[keep], b[keep], strict=True):
        gi, gj = geoms[i], geoms[j]
        big = max(gi.area, gj.area)
        if (
            abs(gi.area - gj.area) <= options.duplicate_area_share * big
            and gi.intersection(gj).area >= options.duplicate_overlap * big
        ):
            drop.add(int(j))
    return [p for k, p in enumerate(polys) if k not in drop]


def zones_from_boundaries(
    polys: Sequence[Boundary],
    hall: BaseGeometry | None,
    labels: PlacedLabels,
    types: Sequence[str | None],
    names: set[int],
    mapping: Mapping,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
) -> tuple[list[Zone], list[int], BaseGeometry | None, set[int], int]:
    """Zones from the drawn boundaries, each named by the room name inside it (``names``: the
    labels that can name a room; ``types``: the zone type each label names). A boundary's type
    is its layer's when the mapping gives one, else its name's, else its layer name's, else
    ``unknown``; its label is always the drawing's own name for it.

    A boundary that no text names and no mapped layer types, too small or too thin for a
    person to stand in (a partition drawn as a closed outline), is no zone.

    Returns the zones, the room names that lie in no boundary, the hall outline — a boundary
    whose name is the hall replaces a smaller one drawn on a hall layer — the labels that
    named a zone, and how many boundaries were too small for a room."""
    owner = label_owners(labels, types, [p for p, _ in polys])
    by_poly: dict[int, list[int]] = {}
    for li, g in owner.items():
        by_poly.setdefault(g, []).append(li)
    zones: list[Zone] = []
    named: set[int] = set()
    small = _too_small([p for p, _ in polys], options)
    dropped = 0
    for g, (poly, layer) in enumerate(polys):
        inside = by_poly.get(g, [])
        where = (f"one boundary on layer {layer}", f"图层 {layer} 上的一个边界内")
        candidates = [li for li in inside if li in names]
        label, type_id = "", mapping.layer_type(layer)
        if small[g] and not candidates and type_id is None:
            dropped += 1
            continue
        if candidates:
            li = name_room(candidates, poly, labels, types, where, diagnostics)
            named.add(li)
            label = without_area(labels.text(li))
            type_id = type_id or types[li]
        if type_id is None:
            type_id = match_zone_type(layer_key(layer), mapping.labels) or "unknown"
        if type_id == "hall":
            if hall is None or poly.area > hall.area:
                hall = poly
            continue
        stated = next(
            (parse_area(labels.text(li)) for li in inside if parse_area(labels.text(li))), None
        )
        zones.append(Zone("", type_id, poly, label=label, layer=layer, stated_area_m2=stated))
    orphans = [li for li in sorted(names) if li not in owner]
    return zones, orphans, hall, named, dropped


def _too_small(polys: list[BaseGeometry], options: ReadOptions) -> np.ndarray:
    """Which boundaries no person could stand in: smaller than a room, or thinner."""
    if not polys:
        return np.zeros(0, dtype=bool)
    geoms = np.array(polys, dtype=object)
    thin = shapely.is_empty(shapely.buffer(geoms, -options.room_min_width_m / 2))
    return np.asarray(thin | (shapely.area(geoms) < options.room_min_m2))


def number_zones(zones: list[Zone]) -> list[Zone]:
    """Zones numbered Z1, Z2 … from the top row down, left to right."""

    def key(z: Zone) -> tuple[float, float]:
        c = z.geometry.representative_point()
        return (-round(c.y, 1), round(c.x, 1))

    zones = sorted(zones, key=key)
    return [
        Zone(f"Z{i}", z.type, z.geometry, z.label, z.layer, z.stated_area_m2)
        for i, z in enumerate(zones, 1)
    ]
