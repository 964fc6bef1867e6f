"""The hall's usable area: the drawn outline, or the union of its zones (FC007)."""

from __future__ import annotations

import shapely

from ..model import Plan

__all__ = ["hall_area", "hall_geometry"]


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
