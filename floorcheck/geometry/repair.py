"""Repair what no rule should meet: invalid or degenerate zone and obstacle polygons.

Coordinates finer than a micrometre (1e-213 has been seen from a fuzzer, and from buggy exporters)
break GEOS's robustness; no floor plan needs them, so geometry is snapped to a 1 µm grid. A zone
that is invalid (a bow-tie boundary, a self-touching ring) is made valid and FC005 says where; a
zone left without area is dropped and FC005 says so.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from ..model import Diagnostic, Obstacle, Plan, Zone

__all__ = ["repaired", "polygonal", "GRID_M"]

GRID_M = 1e-6
_MIN_AREA_M2 = 1e-9


def polygonal(geom: BaseGeometry | None) -> BaseGeometry | None:
    """The polygonal parts of ``geom`` with area (one polygon, or their union), else None."""
    if geom is None:
        return None
    parts = [
        p
        for p in shapely.get_parts(geom)
        if p.geom_type in ("Polygon", "MultiPolygon") and p.area > _MIN_AREA_M2
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def repaired(plan: Plan) -> Plan:
    """The plan with invalid zone and obstacle polygons made valid (FC005 says which) and zones
    without area dropped, so that no rule meets a self-intersecting polygon. The same plan object
    when nothing needed repair."""
    zones, notes, zones_changed = _repaired_zones(plan.zones)
    obstacles, obstacles_changed = _repaired_obstacles(plan.obstacles)
    if not (zones_changed or obstacles_changed):
        return plan
    return plan.with_(zones=zones, obstacles=obstacles, diagnostics=plan.diagnostics + notes)


def _repaired_zones(
    zones: tuple[Zone, ...],
) -> tuple[tuple[Zone, ...], tuple[Diagnostic, ...], bool]:
    if not zones:
        return zones, (), False
    grid = shapely.set_precision(
        np.asarray([z.geometry for z in zones], dtype=object), GRID_M, mode="pointwise"
    )
    out: list[Zone] = []
    notes: list[Diagnostic] = []
    changed = False
    for z, geom in zip(zones, grid, strict=True):
        if not geom.equals_exact(z.geometry, 0.0):
            changed = True
            z = _with_geometry(z, geom)
        if geom is None or geom.is_empty or not geom.is_valid or geom.area <= 0:
            changed = True
            fixed = polygonal(shapely.make_valid(geom)) if geom is not None else None
            if fixed is None or fixed.area <= _MIN_AREA_M2:
                notes.append(_no_area(z))
                continue
            notes.append(_was_invalid(z, geom, fixed))
            z = _with_geometry(z, fixed)
        out.append(z)
    return tuple(out), tuple(notes), changed


def _with_geometry(z: Zone, geom: BaseGeometry) -> Zone:
    return replace(z, geometry=geom)  # every other field (the IFC GlobalId too) stays


def _no_area(z: Zone) -> Diagnostic:
    return Diagnostic(
        "FC005",
        f"zone {z.id} ({z.name}) has no area and was ignored",
        message_zh=f"区域 {z.id}（{z.name}）面积为零，已忽略",
        zones=(z.id,),
    )


def _was_invalid(z: Zone, geom: BaseGeometry, fixed: BaseGeometry) -> Diagnostic:
    p = fixed.representative_point()
    return Diagnostic(
        "FC005",
        f"zone {z.id} ({z.name}) was invalid ({explain_validity(geom)}) and was repaired",
        message_zh=f"区域 {z.id}（{z.name}）的边界无效（自相交等），已修复",
        location=(p.x, p.y),
        geometry=fixed,
        zones=(z.id,),
    )


def _repaired_obstacles(obstacles: tuple[Obstacle, ...]) -> tuple[tuple[Obstacle, ...], bool]:
    """One vectorised pass: a large centre has 200,000 desks, almost all of them fine. Only
    obstacles with sub-micrometre coordinates or invalid rings are snapped: snapping every desk to
    the grid makes the union of 200,000 of them twice as slow (coincident edges) for no gain."""
    if not obstacles:
        return obstacles, False
    geoms = np.asarray([o.geometry for o in obstacles], dtype=object)
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    tiny = (np.abs(coords) > 0) & (np.abs(coords) < GRID_M)
    suspect = np.zeros(len(geoms), dtype=bool)
    suspect[owner[tiny.any(axis=1)]] = True
    suspect |= ~shapely.is_valid(geoms)
    idx = np.flatnonzero(suspect)
    if not len(idx):
        return obstacles, False
    snapped = shapely.set_precision(geoms[idx], GRID_M, mode="pointwise")
    out: list[Obstacle | None] = list(obstacles)
    for k, i in enumerate(idx):
        o = obstacles[i]
        geom = (
            snapped[k]
            if shapely.is_valid(snapped[k])
            else polygonal(shapely.make_valid(snapped[k]))
        )
        out[i] = None if geom is None else Obstacle(geom, o.kind, o.label)
    return tuple(o for o in out if o is not None), True
