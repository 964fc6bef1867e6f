"""The hall's usable area: the drawn outline, or the union of its zones (FC007).

The union of every zone is plan-wide work (FC007, FC101, FC205, the report and the rendered plan
all ask for it): it is made once per plan and kept as long as the plan lives.
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..model import Plan

__all__ = ["hall_area", "hall_geometry", "hall_near", "unknown_rooms"]

# id(plan) → what was built for it; an entry goes when its plan is collected
_BUILT: dict[int, dict[object, Any]] = {}


# Zones that do not touch are united apart (shapely >= 2.1): a grid of 6,400 walled rooms, each
# apart from the next, unites in 0.01 s instead of 0.35 s, and the time grows with the rooms.
_union = getattr(shapely, "disjoint_subset_union_all", shapely.union_all)


def _cache(plan: Plan) -> dict[object, Any]:
    key = id(plan)
    built = _BUILT.get(key)
    if built is None:
        built = _BUILT[key] = {}
        weakref.finalize(plan, _BUILT.pop, key, None)
    return built


def hall_geometry(plan: Plan):
    """The usable-area polygon: the drawn hall outline, else the union of all zones."""
    if plan.hall_outline is not None and not plan.hall_outline.is_empty:
        return plan.hall_outline
    built = _cache(plan)
    if "union" not in built:
        built["union"] = _union([z.geometry for z in plan.zones if z.type != "hall"])
    return built["union"]


def hall_near(plan: Plan, bounds: tuple[float, float, float, float], grow_m: float = 0.0):
    """The hall (:func:`hall_geometry`) grown by ``grow_m``, as far as it meets the box
    ``bounds``: its parts that do, from an STRtree (the hall grown once per plan, not once per
    question). Inside the box it is the whole grown hall."""
    built = _cache(plan)
    key = ("grown", round(grow_m * 1e6))
    if key not in built:
        # each part grown on its own: GEOS grows a multipolygon of 6,400 rooms as one and
        # assembles the result in time growing with the square of the rooms (5.5 s)
        parts = shapely.get_parts(hall_geometry(plan))
        grown = shapely.buffer(parts, grow_m) if grow_m else parts
        built[key] = (grown, shapely.STRtree(grown))
    parts, tree = built[key]
    hits = np.sort(tree.query(shapely.box(*bounds)))
    if not len(hits):
        return shapely.Polygon()
    # grown parts may overlap: their union is the grown hall there
    return parts[hits[0]] if len(hits) == 1 else shapely.union_all(parts[hits])


def hall_area(plan: Plan) -> tuple[float, str]:
    """(usable area in m², "drawn" | "zones")."""
    geom: BaseGeometry | None = hall_geometry(plan)
    kind = "drawn" if plan.hall_outline is not None else "zones"
    return (0.0 if geom is None or geom.is_empty else float(geom.area)), kind


def unknown_rooms(plan: Plan) -> tuple[int, float]:
    """(how many, m²) of the zones summed into the usable area are rooms whose names are no
    zone type of the guide (type ``unknown``). They count: without a drawn outline the usable
    area is the union of every zone, named or not; with one, the outline is the area and
    every room inside it is part of it."""
    unknown = [z.geometry for z in plan.zones if z.type == "unknown"]
    if plan.hall_outline is not None or not unknown:
        return 0, 0.0
    return len(unknown), float(shapely.union_all(unknown).area)
