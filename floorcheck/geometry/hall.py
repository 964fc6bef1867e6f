"""The hall's usable area: the drawn outline, or the union of its zones (FC007)."""

from __future__ import annotations

import shapely

from ..model import Plan

__all__ = ["hall_area", "hall_geometry", "unknown_rooms"]


def hall_geometry(plan: Plan):
    """The usable-area polygon: the drawn hall outline, else the union of all zones."""
    if plan.hall_outline is not None and not plan.hall_outline.is_empty:
        return plan.hall_outline
    return shapely.union_all([z.geometry for z in plan.zones if z.type != "hall"])


def hall_area(plan: Plan) -> tuple[float, str]:
    """(usable area in m², "drawn" | "zones")."""
    geom = hall_geometry(plan)
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
