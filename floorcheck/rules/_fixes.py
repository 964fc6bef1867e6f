"""What a fix names: the wall or the piece of furniture in the way, in both languages.

Rules that compute a fix (FC205, FC501 …) say which thing to move; this finds it and names it.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..model import Plan
from ..terms import Term

__all__ = ["Thing", "THING_NAMES", "Things"]

# obstacle kind → (Chinese, English)
THING_NAMES: dict[str, tuple[str, str]] = {
    "wall": ("墙", "wall"),
    "column": ("柱", "column"),
    "counter": ("柜台", "counter"),
    "furniture": ("固定家具", "fixed furniture"),
    "seat": ("座椅", "seat row"),
    "terminal": ("自助终端", "self-service terminal"),
    "fixture": ("洁具", "fixture"),
    "door": ("门", "door"),
    "camera": ("摄像头", "camera"),
    "sign": ("标识牌", "sign"),
    "floor-edge": ("大厅边界", "edge of the floor"),
}


@dataclass(frozen=True)
class Thing:
    """Something in the way: its kind, names and geometry."""

    kind: str
    geometry: BaseGeometry
    label: str = ""

    @property
    def zh(self) -> str:
        name = THING_NAMES.get(self.kind, (self.kind, self.kind))[0]
        return f"{name}「{self.label}」" if self.label and self.label != name else name

    @property
    def en(self) -> str:
        return THING_NAMES.get(self.kind, (self.kind, self.kind))[1]

    @property
    def term(self) -> Term:
        """The thing named in each language (a label from the drawing quoted as drawn)."""
        name_zh, name_en = THING_NAMES.get(self.kind, (self.kind, self.kind))
        if self.label and self.label != name_zh:
            return Term(f"{name_en} 「{self.label}」", f"{name_zh}「{self.label}」")
        return Term(name_en, name_zh)

    def near(self, xy: tuple[float, float]) -> tuple[float, float]:
        """The point of the thing nearest ``xy`` (where to look for it on the plan)."""
        line = shapely.shortest_line(self.geometry, Point(xy))
        x, y = shapely.get_coordinates(line)[0]
        return (round(float(x), 2), round(float(y), 2))


class Things:
    """Walls and obstacles of a plan as things a fix may name, with a spatial index."""

    def __init__(self, plan: Plan, skip_kinds: tuple[str, ...] = ()) -> None:
        self.items = [Thing("wall", w) for w in plan.walls]
        self.items += [
            Thing(o.kind, o.geometry, o.label) for o in plan.obstacles if o.kind not in skip_kinds
        ]
        self.tree = shapely.STRtree([t.geometry for t in self.items]) if self.items else None

    def nearest(self, xy: tuple[float, float], prefer_movable_within: float = 0.0) -> Thing | None:
        """The thing nearest ``xy``; a movable one (not a wall) when one lies within
        ``prefer_movable_within`` of the nearest distance."""
        if self.tree is None:
            return None
        p = Point(xy)
        idx, dist = self.tree.query_nearest(p, return_distance=True)
        best, d = int(idx[0]), float(dist[0])
        if self.items[best].kind != "wall" or prefer_movable_within <= 0:
            return self.items[best]
        near = self.tree.query(p, predicate="dwithin", distance=d + prefer_movable_within)
        movable = [int(k) for k in near if self.items[int(k)].kind != "wall"]
        if movable:
            return self.items[min(movable, key=lambda k: self.items[k].geometry.distance(p))]
        return self.items[best]
