"""Several floor plans in one drawing: find them, and cut one out.

Architects often put every floor (and sections, elevations) side by side in one modelspace. A
*region* is a cluster of drawn geometry — walls, zones, the hall outline — whose boxes lie within
``gap`` metres of each other. ``floorcheck zones`` lists them; ``--region N`` checks one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from ..errors import ConfigError, with_zh, zh_of
from ..model import Plan
from .entrance import names_main_entrance, with_main_entrance

__all__ = ["Region", "find_regions", "clusters", "crop", "parse_region", "region_arg", "Bounds"]

Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class Region:
    index: int  # 1-based, top row first, left to right
    bounds: tuple[float, float, float, float]  # metres
    zones: int

    @property
    def text(self) -> str:
        x0, y0, x1, y1 = self.bounds
        return f"{x0:.1f},{y0:.1f},{x1:.1f},{y1:.1f}"


def find_regions(plan: Plan, gap: float = 3.0) -> list[Region]:
    """Clusters of the plan's geometry separated by more than ``gap`` metres; for a plan read
    from a drawing, the floor-plan views the reader found on its sheet.

    >>> from floorcheck.model import Zone
    >>> a = Zone("Z1", "waiting", box(0, 0, 10, 10)); b = Zone("Z2", "waiting", box(30, 0, 40, 10))
    >>> [r.bounds for r in find_regions(Plan(zones=(a, b)))]
    [(0.0, 0.0, 10.0, 10.0), (30.0, 0.0, 40.0, 10.0)]
    """
    rec = plan.recognition
    if rec is not None and rec.views:
        # the reader found the views of the sheet (with the lines of windows and doors, and the
        # titles): its floor plans are the regions, numbered as --region numbers them
        return [Region(v.index, v.bounds, v.zones) for v in rec.views if v.floor_plan]
    geoms = [z.geometry for z in plan.zones] + list(plan.walls)
    if plan.hall_outline is not None:
        geoms.append(plan.hall_outline)
    found = clusters(geoms, gap)
    centres = (
        shapely.get_coordinates(
            shapely.point_on_surface(np.array([z.geometry for z in plan.zones], dtype=object))
        )
        if plan.zones
        else None
    )
    out = []
    for i, bounds in enumerate(found, 1):
        n = 0
        if centres is not None:
            n = int(shapely.contains_xy(box(*bounds), centres[:, 0], centres[:, 1]).sum())
        out.append(Region(i, bounds, n))
    return out


def clusters(geoms: Sequence[BaseGeometry], gap: float = 3.0) -> list[Bounds]:
    """The boxes (metres) of the clusters of ``geoms`` whose boxes lie within ``gap`` of each
    other, numbered as a reader reads a sheet: the top row first, left to right. Boxes never
    overlap (an L-shaped cluster whose box reaches over another's takes that one in).

    >>> clusters([box(0, 0, 10, 10), box(11, 0, 12, 1), box(30, 0, 40, 10), box(0, 30, 5, 35)])
    [(0.0, 30.0, 5.0, 35.0), (0.0, 0.0, 12.0, 10.0), (30.0, 0.0, 40.0, 10.0)]
    """
    if not len(geoms):
        return []
    b = shapely.bounds(np.array(geoms, dtype=object))
    b = b[np.isfinite(b).all(axis=1)]
    if not len(b):
        return []
    boxes = shapely.box(b[:, 0] - gap / 2, b[:, 1] - gap / 2, b[:, 2] + gap / 2, b[:, 3] + gap / 2)
    # clusters of touching boxes: pairs from one STRtree query, then connected components
    i, j = shapely.STRtree(boxes).query(boxes, predicate="intersects")
    g: nx.Graph[int] = nx.Graph()
    g.add_nodes_from(range(len(boxes)))
    keep = i < j
    g.add_edges_from(zip(i[keep].tolist(), j[keep].tolist(), strict=True))
    groups = [np.fromiter(c, dtype=np.int64) for c in nx.connected_components(g)]
    env = [
        (
            b[k, 0].min() - gap / 2,
            b[k, 1].min() - gap / 2,
            b[k, 2].max() + gap / 2,
            b[k, 3].max() + gap / 2,
        )
        for k in groups
    ]
    parts = [box(*e) for e in env]
    # a cluster's box can overlap another cluster's box (an L-shaped cluster): merge until stable
    changed = True
    while changed and len(parts) > 1:
        changed = False
        merged = list(shapely.get_parts(shapely.union_all(parts)))
        merged = [box(*p.bounds) for p in merged]
        if len(merged) < len(parts):
            parts, changed = merged, True
    out = []
    for p in parts:
        x0, y0, x1, y1 = p.bounds
        out.append((x0 + gap / 2, y0 + gap / 2, x1 - gap / 2, y1 - gap / 2))
    height = max(r[3] - r[1] for r in out)
    out.sort(key=lambda r: (-round(r[3] / max(height, 1e-9)), r[0]))
    return [(round(x0, 6), round(y0, 6), round(x1, 6), round(y1, 6)) for x0, y0, x1, y1 in out]


def parse_region(value: str) -> int | tuple[float, float, float, float]:
    """``"2"`` → region 2; ``"x0,y0,x1,y1"`` → a window in metres.

    >>> parse_region("2"), parse_region("0,0,40,30.5")
    (2, (0.0, 0.0, 40.0, 30.5))
    """
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 1 and parts[0].isdigit() and int(parts[0]) >= 1:
        return int(parts[0])
    if len(parts) == 4:
        x0, y0, x1, y1 = (float(p) for p in parts)
        if x1 > x0 and y1 > y0:
            return (x0, y0, x1, y1)
    raise with_zh(
        ValueError(f"{value!r} is neither a region number (1, 2 …) nor x0,y0,x1,y1 in metres"),
        f"{value!r} 既不是区域编号（1、2 …），也不是以米为单位的 x0,y0,x1,y1",
    )


def region_arg(
    region: int | str | tuple[float, float, float, float], path: str
) -> int | tuple[float, float, float, float]:
    """A ``--region`` value as given (a number, a window, or either as text), checked: text
    that is neither is a :class:`~floorcheck.ConfigError` naming ``path``."""
    if not isinstance(region, str):
        return region
    try:
        return parse_region(region)
    except ValueError as exc:
        raise ConfigError(
            str(exc),
            path,
            "use --region 2, or --region x0,y0,x1,y1 (m)",
            message_zh=zh_of(exc),
            hint_zh="请写 --region 2，或 --region x0,y0,x1,y1（单位 m）",
        ) from None


def crop(plan: Plan, bounds: tuple[float, float, float, float]) -> Plan:
    """The part of ``plan`` inside ``bounds`` (metres): zones and obstacles by an inner point,
    walls that reach into it, and everything placed at a point inside."""
    window = box(*bounds)

    def inside(xy: Sequence[float]) -> bool:
        return bounds[0] <= xy[0] <= bounds[2] and bounds[1] <= xy[1] <= bounds[3]

    def holds(g: BaseGeometry | None) -> bool:
        return g is not None and inside(g.representative_point().coords[0])

    walls = tuple(plan.walls)
    if walls:
        hit = shapely.intersects(np.array(walls, dtype=object), window)
        walls = tuple(w for w, h in zip(walls, hit, strict=True) if h)
    doors = [d for d in plan.doors if inside(d.position)]
    if doors and not any(d.main for d in doors):
        # the drawing's main entrance was in another region: this one's is chosen by the
        # reader's rule, from what a door keeps of its labels
        doors = with_main_entrance(doors, lambda d: names_main_entrance(d.label))
    return plan.with_(
        zones=tuple(z for z in plan.zones if holds(z.geometry)),
        windows=tuple(w for w in plan.windows if inside(w.position)),
        doors=tuple(doors),
        cameras=tuple(c for c in plan.cameras if inside(c.position)),
        terminals=tuple(t for t in plan.terminals if inside(t.position)),
        signs=tuple(s for s in plan.signs if inside(s.position)),
        seats=tuple(s for s in plan.seats if inside(s.position)),
        obstacles=tuple(o for o in plan.obstacles if holds(o.geometry)),
        walls=walls,
        hall_outline=plan.hall_outline if holds(plan.hall_outline) else None,
        diagnostics=tuple(d for d in plan.diagnostics if d.location is None or inside(d.location)),
    )
