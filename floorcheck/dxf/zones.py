"""Zones, in metres, from the boundaries drawn on zone layers (closed polylines, hatches …),
each named by the labels inside it; the hall outline among them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from ..model import Diagnostic, Zone
from ..vocab import match_zone_type
from .collected import Ring
from .labels import PlacedLabels, label_owners, name_region
from .mapping import Mapping, layer_key
from .options import ReadOptions
from .text import parse_area, without_area

__all__ = ["polygon", "boundary_polygons", "zones_from_boundaries", "number_zones", "Boundary"]

# Polygons smaller than this (m²) are numerical dust, not geometry.
_MIN_AREA_M2 = 1e-6

Boundary = tuple[BaseGeometry, str]  # a polygon and the layer it was drawn on


def polygon(xy: np.ndarray, holes: list[np.ndarray] | None = None) -> Polygon | None:
    """A polygon from a ring of points (metres), None when it is degenerate."""
    if len(xy) < 3:
        return None
    try:
        poly = Polygon(xy, [h for h in (holes or []) if len(h) >= 3])
    except (ValueError, shapely.errors.GEOSException):
        return None
    if poly.is_empty or poly.area <= _MIN_AREA_M2:
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
) -> tuple[BaseGeometry | None, list[Boundary]]:
    """The hall outline (the largest boundary on a hall layer) and the other boundaries, from
    the rings of zone layers scaled by ``s``. Invalid boundaries are repaired (FC005), ones
    drawn twice kept once."""
    hall: list[BaseGeometry] = []
    polys: list[Boundary] = []
    for ring in rings:
        xy = ring.xy * s
        if not ring.closed:
            if len(xy) < 3 or np.hypot(*(xy[0] - xy[-1])) > options.snap_m:
                continue
        poly = polygon(xy, [h * s for h in ring.holes])
        if poly is None:
            continue
        shape = poly if poly.is_valid else _repaired(poly, ring.layer, diagnostics)
        if shape is None:
            continue
        if mapping.layer_is("hall", ring.layer):
            hall.append(shape)
        else:
            polys.append((shape, ring.layer))
    polys = _dedupe(polys, options)
    outline = max(hall, key=lambda p: p.area) if hall else None
    return outline, polys


def _repaired(poly: Polygon, layer: str, diagnostics: list[Diagnostic]) -> BaseGeometry | None:
    fixed = _repair(poly)
    if fixed is None:
        return None
    p = poly.representative_point()
    diagnostics.append(
        Diagnostic(
            "FC005",
            f"invalid boundary on layer {layer} repaired ({shapely.is_valid_reason(poly)})",
            message_zh=f"图层 {layer} 上的无效边界（自相交等）已修复",
            location=(round(p.x, 3), round(p.y, 3)),
            geometry=fixed,
        )
    )
    return fixed


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
    mapping: Mapping,
    diagnostics: list[Diagnostic],
) -> tuple[list[Zone], list[int], BaseGeometry | None]:
    """Zones from the drawn boundaries, each named by the labels inside it (``types``: the
    zone type each label names). Returns the zones, the labels that name a zone type but lie in
    no boundary, and the hall outline — a boundary whose name is the hall replaces a smaller
    one drawn on a hall layer."""
    owner = label_owners(labels, types, [p for p, _ in polys])
    by_poly: dict[int, list[int]] = {}
    for li, g in owner.items():
        by_poly.setdefault(g, []).append(li)
    zones: list[Zone] = []
    for g, (poly, layer) in enumerate(polys):
        inside = by_poly.get(g, [])
        type_id, label = _boundary_name(poly, layer, inside, labels, types, mapping, diagnostics)
        if type_id == "hall":
            if hall is None or poly.area > hall.area:
                hall = poly
            continue
        stated = next(
            (parse_area(labels.text(li)) for li in inside if parse_area(labels.text(li))), None
        )
        zones.append(Zone("", type_id, poly, label=label, layer=layer, stated_area_m2=stated))
    orphans = [
        li
        for li, t in enumerate(types)
        if t and t != "hall" and li not in owner and labels.labels[li].source == "text"
    ]
    return zones, orphans, hall


def _boundary_name(
    poly: BaseGeometry,
    layer: str,
    inside: list[int],
    labels: PlacedLabels,
    types: Sequence[str | None],
    mapping: Mapping,
    diagnostics: list[Diagnostic],
) -> tuple[str, str]:
    """(zone type, label) of one boundary: its layer's type if the mapping gives one, else the
    label inside nearest its middle, else its layer name; "unknown" when none names a type."""
    named = [(li, types[li]) for li in inside if types[li]]
    type_id = mapping.layer_type(layer)
    label = ""
    if type_id is None and named:
        where = (f"one boundary on layer {layer}", f"图层 {layer} 上的一个边界内")
        li, type_id = name_region(named, poly, labels, where, diagnostics)
        label = without_area(labels.text(li))
    if type_id is None:
        type_id = match_zone_type(layer_key(layer), mapping.labels)
    if type_id is None:
        return "unknown", next(
            (labels.text(li) for li in inside if not parse_area(labels.text(li))), ""
        )
    return type_id, label


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
