"""Walking distance through the plan: through open boundaries and doors, never through walls.

The walking graph's nodes are *portals*: points where one can pass from a zone to the next — the
middle and both ends of every open stretch of boundary, and every door. Inside a zone, portals
are joined by straight lines (zones are rooms and open areas, nearly convex; a strongly concave
zone makes the distance slightly short, never long). A query point joins the portals of the zone
it stands in. Dijkstra (networkx) gives the distance and the path, which the renderer draws.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from functools import partial
from typing import Any

import networkx as nx
import shapely
import shapely.ops
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from ..model import XY, Door, Plan, Zone
from .index import ZoneIndex

__all__ = ["WalkGraph", "Walk"]


class Walk:
    """A walking route: its length in metres and its polyline.

    The polyline is built when first asked for: a plan of 8,000 zones has 8,000 walks from a
    door, each as long as the plan is wide, and only the few a finding shows are ever drawn.
    """

    __slots__ = ("length_m", "_path", "_points")

    def __init__(
        self,
        length_m: float,
        path: LineString | Point | None = None,
        points: Callable[[], list[XY]] | None = None,
    ) -> None:
        self.length_m = length_m
        self._path = path
        self._points = points

    @property
    def path(self) -> LineString | Point:
        if self._path is None:
            pts = self._points() if self._points is not None else []
            self._path = LineString(pts) if len(pts) > 1 else Point(pts[0])
        return self._path

    def __repr__(self) -> str:
        return f"Walk({self.length_m:.2f} m)"


class WalkGraph:
    def __init__(
        self, plan: Plan, graph: nx.Graph[str], index: ZoneIndex, staff_doors: bool = True
    ) -> None:
        """``graph`` is the adjacency graph. With ``staff_doors=False`` the walk is a visitor's:
        staff-only doors are shut and staff-only zones cannot be crossed."""
        self.plan = plan
        self.index = index
        self._zones_by_id = {z.id: z for z in index.zones}
        self.zone_portals: dict[str, list[int]] = {z.id: [] for z in index.zones}
        self.points: list[XY] = []
        self.g: nx.Graph[int | str] = nx.Graph()
        # zone id → [(neighbour id, open stretch)] for the first step of a walk
        self.open_stretches: dict[str, list[tuple[str, BaseGeometry]]] = {}
        doors = {d.id: d for d in plan.doors}
        public = {z.id for z in index.zones if z.public}
        for a, b, e in graph.edges(data=True):
            if a.startswith("ENTRANCE:") or b.startswith("ENTRANCE:"):
                continue
            if not staff_doors and not (a in public and b in public):
                continue
            if e["kind"] == "open" and e.get("open_geometry") is not None:
                self.open_stretches.setdefault(a, []).append((b, e["open_geometry"]))
                self.open_stretches.setdefault(b, []).append((a, e["open_geometry"]))
            passable = [doors[i] for i in e["doors"] if staff_doors or not doors[i].staff_only]
            for p in _edge_portals(e, passable):
                self._add_portal(p, (a, b))
        for zone_id, ids in self.zone_portals.items():
            for i, j in itertools.combinations(ids, 2):
                self.g.add_edge(i, j, weight=_dist(self.points[i], self.points[j]), zone=zone_id)

    def _add_portal(self, p: XY, zone_ids: tuple[str, ...]) -> int:
        k = len(self.points)
        self.points.append(p)
        self.g.add_node(k)
        for z in zone_ids:
            self.zone_portals.setdefault(z, []).append(k)
        return k

    def distances_from(self, start: XY, start_zone: Zone | None = None) -> dict[str, Walk]:
        """Walking distance from ``start`` to every zone it can reach (to the zone's nearest portal)."""
        zone = start_zone or self.index.zone_at(start, tolerance=1.0)
        return self.distances_from_points([(start, zone)])

    def distances_from_points(self, starts: list[tuple[XY, Zone | None]]) -> dict[str, Walk]:
        """Walking distance to every zone from the nearest of several start points (one Dijkstra).

        The first step may cross an open boundary anywhere: the nearest point of every open stretch
        of a start's zone is a portal for this query, so a zone next door is as near as it looks.
        """
        src = "SRC"
        n_points = len(self.points)
        via: dict[int, XY] = {}  # first portal → the start it was reached from
        self.g.add_node(src)

        def link(start: XY, k: int) -> None:
            w = _dist(start, self.points[k])
            if not self.g.has_edge(src, k) or w < self.g.edges[src, k]["weight"]:
                self.g.add_edge(src, k, weight=w)
                via[k] = start

        out: dict[str, Walk] = {}
        try:
            for start, zone in starts:
                if zone is None:
                    continue
                out[zone.id] = Walk(0.0, Point(start))
                for k in self.zone_portals.get(zone.id, []):
                    link(start, k)
                for other, stretch in self.open_stretches.get(zone.id, []):
                    link(start, self._step_across(start, other, stretch, n_points))
            pred, dist = nx.dijkstra_predecessor_and_distance(self.g, src, weight="weight")
            points = list(self.points)  # the temporary portals are gone when a path is drawn
            return self._per_zone(
                dist, pred, out, lambda path: [via[path[1]]] + [points[k] for k in path[1:]]
            )
        finally:
            self.g.remove_node(src)
            self._drop_portals_from(n_points)

    def _drop_portals_from(self, n_points: int) -> None:
        """Remove the temporary portals a query added (those numbered ``n_points`` and on)."""
        if len(self.points) == n_points:
            return
        self.g.remove_nodes_from(range(n_points, len(self.points)))
        for ids in self.zone_portals.values():
            while ids and ids[-1] >= n_points:
                ids.pop()
        del self.points[n_points:]

    def _step_across(self, start: XY, other: str, stretch: BaseGeometry, n_points: int) -> int:
        """A temporary portal at the point of an open stretch nearest ``start``, joined to the
        portals of the zone across (the first step of a walk may cross an open boundary
        anywhere)."""
        _, near = shapely.ops.nearest_points(Point(start), stretch)
        k = self._add_portal((near.x, near.y), (other,))
        for j in self.zone_portals[other]:
            if j != k and j < n_points:
                self.g.add_edge(k, j, weight=_dist(self.points[k], self.points[j]))
        return k

    def distances_from_zones(self, zone_ids: list[str]) -> dict[str, Walk]:
        """Walking distance from the nearest of several zones to every zone (one Dijkstra)."""
        sources = {k for z in zone_ids for k in self.zone_portals.get(z, [])}
        out = {z: Walk(0.0, self.index_zone(z).geometry.representative_point()) for z in zone_ids}
        if not sources:
            return out
        src = "SRC"
        self.g.add_node(src)
        try:
            self.g.add_edges_from((src, k, {"weight": 0.0}) for k in sources)
            pred, dist = nx.dijkstra_predecessor_and_distance(self.g, src, weight="weight")
        finally:
            self.g.remove_node(src)
        return self._per_zone(dist, pred, out, lambda path: [self.points[k] for k in path[1:]])

    def index_zone(self, zone_id: str) -> Zone:
        return self._zones_by_id[zone_id]

    def _per_zone(self, dist, pred, out: dict[str, Walk], points_of) -> dict[str, Walk]:
        """Each zone's walk from the search: its length now, its polyline when asked for.

        Predecessors, not paths: networkx's path dictionary copies a path for every node, which
        grows as zones × plan width; a path is traced back only for the walks a finding draws.
        """

        def trace(k: int) -> list[int | str]:
            # zero-length steps (portals at one point) make predecessors of each other: never
            # step back onto the path
            path: list[int | str] = [k]
            seen: set[int | str] = {k}
            while not isinstance(path[-1], str):  # the search's source "SRC" ends every path
                back = next((p for p in pred.get(path[-1], ()) if p not in seen), None)
                if back is None:
                    break
                path.append(back)
                seen.add(back)
            return path[::-1]

        for zone_id, ids in self.zone_portals.items():
            if zone_id in out:
                continue
            best = min((k for k in ids if k in dist), key=lambda k: dist[k], default=None)
            if best is None:
                continue
            out[zone_id] = Walk(
                float(dist[best]), points=partial(_points_of_trace, points_of, trace, best)
            )
        return out

    def from_door(self, door: Door) -> dict[str, Walk]:
        """Walking distances from a door (an entrance) into the plan."""
        from .adjacency import door_sides

        a, b = door_sides(door, self.index, 0.5)
        zone = a or b or self.index.zone_at(door.position, tolerance=1.0)
        return self.distances_from(door.position, zone)


def _dist(a: XY, b: XY) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _edge_portals(edge: dict[str, Any], doors: list[Door]) -> list[XY]:
    """Where a walk may cross an adjacency edge: three points along each open stretch of 0.3 m
    or more, and each passable door."""
    portals: list[XY] = []
    if edge["kind"] == "open" and edge.get("open_geometry") is not None:
        for part in shapely.get_parts(edge["open_geometry"]):
            if part.length < 0.3:
                continue
            for t in (0.5, 0.15, 0.85):
                p = part.interpolate(t, normalized=True)
                portals.append((p.x, p.y))
    portals.extend(d.position for d in doors)
    return portals


def _points_of_trace(
    points_of: Callable[[list[int | str]], list[XY]],
    trace: Callable[[int], list[int | str]],
    k: int,
) -> list[XY]:
    return points_of(trace(k))
