"""The walkable floor as floorcheck built it before issue 19: plan-wide, eagerly (one union of
every wall and obstacle, the floor of every public zone), clear widths measured as walked
(floorcheck.geometry.clearance) on the plan-wide floor with every door at its own width. Kept
here, and only here, as the reference the lazy, local floorcheck.geometry.walkable is compared
against (tests/test_walkable_equivalence.py); not part of the package. Verbatim but for this
docstring and its imports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

import networkx as nx
import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from floorcheck.geometry.clearance import Clearance
from floorcheck.model import Door, Plan, Zone

__all__ = ["Walkable", "Route", "Pinch"]


@dataclass(frozen=True)
class Route:
    """The shortest route of the disc to a zone, and the narrowest chord it crosses
    (:mod:`.clearance`; ``narrowest_m`` is inf where the floor is wider than 10 m all along)."""

    zone: str
    length_m: float
    path: LineString
    narrowest_m: float
    narrowest_at: tuple[float, float]
    narrowest_chord: LineString | None = None


@dataclass(frozen=True)
class Pinch:
    """Where a route of the required width is blocked, and how wide it is there."""

    width_m: float
    location: tuple[float, float]
    geometry: BaseGeometry


def _door_passage(door: Door, width: float, depth: float) -> Polygon:
    a = math.radians(door.angle_deg)
    ux, uy = math.cos(a), math.sin(a)
    nx_, ny_ = -uy, ux
    x, y = door.position
    hw, hd = width / 2, depth / 2
    return Polygon(
        [
            (x - ux * hw - nx_ * hd, y - uy * hw - ny_ * hd),
            (x + ux * hw - nx_ * hd, y + uy * hw - ny_ * hd),
            (x + ux * hw + nx_ * hd, y + uy * hw + ny_ * hd),
            (x - ux * hw + nx_ * hd, y - uy * hw + ny_ * hd),
        ]
    )


class Walkable:
    def __init__(
        self, plan: Plan, wall_tolerance_m: float = 0.40, wall_half_thickness_m: float = 0.005
    ) -> None:
        self.plan = plan
        self.public_zones = [z for z in plan.zones if z.public and z.type != "hall"]
        self.public_doors = [d for d in plan.doors if not d.staff_only]
        tol = wall_tolerance_m
        floor = (
            shapely.union_all([z.geometry for z in self.public_zones])
            if self.public_zones
            else Polygon()
        )
        # close wall gaps between zones without growing the hall outward
        floor = floor.buffer(tol / 2, join_style="mitre").buffer(-tol / 2, join_style="mitre")
        blocked = []
        if plan.walls:
            blocked.append(
                shapely.buffer(
                    np.asarray(plan.walls, dtype=object), wall_half_thickness_m, cap_style="flat"
                )
            )
        if plan.obstacles:
            blocked.append(np.asarray([o.geometry for o in plan.obstacles], dtype=object))
        # one cascaded union of walls and obstacles together (faster than union of unions)
        self.blocked = shapely.union_all(np.concatenate(blocked)) if blocked else Polygon()
        self.floor_without_doors = floor.difference(self.blocked) if blocked else floor
        self._tol = tol
        # Wall lines are widened a hair to become obstacles; the disc gives the hair back, so a
        # corridor drawn exactly 1.20 m between wall lines passes a 1.20 m route.
        self._hair = wall_half_thickness_m
        self._eroded: dict[tuple, BaseGeometry] = {}
        self._door_floors: dict[tuple, BaseGeometry] = {}
        self._floor_for: dict[int, BaseGeometry] = {}
        self._start: dict[tuple, BaseGeometry | None] = {}
        self._clear_floor: BaseGeometry | None = None

    def floor(self, route_width_m: float) -> BaseGeometry:
        """Walkable floor with door passages at least ``route_width_m`` wide."""
        key = round(route_width_m * 1000)
        if key not in self._floor_for:
            passages = [
                _door_passage(d, max(d.width_m, route_width_m) + 0.1, self._tol + 0.6)
                for d in self.public_doors
            ]
            f = self.floor_without_doors
            if passages:
                f = shapely.union_all([f, *passages])
            self._floor_for[key] = f
        return self._floor_for[key]

    def _door_floor(self, route_width_m: float, door: Door) -> BaseGeometry:
        """The connected part(s) of the floor that ``door`` opens onto: a disc from the door
        can go nowhere else, so only these are eroded (several halls or floors in one drawing
        would otherwise all be eroded for every disc size)."""
        key = (door.id, round(route_width_m * 1000))
        if key not in self._door_floors:
            f = self.floor(route_width_m)
            parts = shapely.get_parts(f)
            if len(parts) > 1:
                near = (
                    shapely.distance(parts, Point(door.position))
                    <= route_width_m / 2 + self._tol + 0.6
                )
                f = shapely.union_all(parts[near]) if near.any() else Polygon()
            self._door_floors[key] = f
        return self._door_floors[key]

    def eroded(
        self, route_width_m: float, disc_m: float | None = None, door: Door | None = None
    ) -> BaseGeometry:
        """Where the centre of a disc of diameter ``disc_m`` may go (doors ``route_width_m``
        wide); with ``door``, only on the floor that door opens onto."""
        disc = route_width_m if disc_m is None else disc_m
        key = (round(route_width_m * 1000), round(disc * 1000), None if door is None else door.id)
        if key not in self._eroded:
            floor = (
                self.floor(route_width_m) if door is None else self._door_floor(route_width_m, door)
            )
            self._eroded[key] = floor.buffer(-(disc / 2 - self._hair) + 1e-6, join_style="mitre")
        return self._eroded[key]

    def start_component(
        self, door: Door, route_width_m: float, disc_m: float | None = None
    ) -> BaseGeometry | None:
        key = (
            door.id,
            round(route_width_m * 1000),
            None if disc_m is None else round(disc_m * 1000),
        )
        if key not in self._start:
            self._start[key] = self._start_component(door, route_width_m, disc_m)
        return self._start[key]

    def _start_component(
        self, door: Door, route_width_m: float, disc_m: float | None
    ) -> BaseGeometry | None:
        eroded = self.eroded(route_width_m, disc_m, door)
        if eroded.is_empty:
            return None
        parts = list(shapely.get_parts(eroded))
        p = Point(door.position)
        dists = shapely.distance(parts, p)
        i = int(np.argmin(dists))
        reach = (disc_m if disc_m is not None else route_width_m) / 2 + self._tol + 0.6
        return parts[i] if dists[i] <= reach else None

    def reaches(
        self, door: Door, zone: Zone, route_width_m: float, disc_m: float | None = None
    ) -> bool:
        comp = self.start_component(door, route_width_m, disc_m)
        return comp is not None and comp.intersects(zone.geometry.buffer(-0.01))

    def pinch(self, door: Door, zone: Zone, route_width_m: float) -> Pinch | None:
        """The narrowest place that stops the disc: the widest disc that still gets through, and where
        the next wider one is stopped. None when no disc at all gets through (walled off)."""
        lo, hi = 0, int(round(route_width_m * 50))  # steps of 2 cm of diameter
        if not self.reaches(door, zone, route_width_m, 0.02):
            return None
        lo = 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.reaches(door, zone, route_width_m, mid * 0.02):
                lo = mid
            else:
                hi = mid
        width = lo * 0.02
        blocked_disc = hi * 0.02
        start = self.start_component(door, route_width_m, blocked_disc)
        eroded = self.eroded(route_width_m, blocked_disc, door)
        target_parts = [p for p in shapely.get_parts(eroded) if p.intersects(zone.geometry)]
        if start is None or not target_parts:
            c = zone.geometry.representative_point()
            return Pinch(width, (c.x, c.y), c)
        target = shapely.union_all(target_parts)
        a, b = shapely.ops.nearest_points(start, target)
        line = LineString([a, b])
        mid = line.interpolate(0.5, normalized=True)
        return Pinch(width, (mid.x, mid.y), line)

    def routes(
        self, door: Door, zones: list[Zone], route_width_m: float, grid_m: float = 0.3
    ) -> dict[str, Route]:
        """Shortest disc-clear routes from ``door`` to each zone it reaches (grid + Dijkstra)."""
        comp = self.start_component(door, route_width_m)
        if comp is None:
            return {}
        # Keep the grid near 250,000 cells: a coarser grid on a very large floor, never finer
        # than asked. The route length error grows with it (see the module doc).
        grid_m = max(grid_m, math.sqrt(comp.area / 250_000))
        x0, y0, x1, y1 = comp.bounds
        xs = np.arange(x0 + grid_m / 2, x1, grid_m)
        ys = np.arange(y0 + grid_m / 2, y1, grid_m)
        if not len(xs) or not len(ys):
            return {}
        gx, gy = np.meshgrid(xs, ys)
        inside = shapely.contains_xy(comp, gx, gy)
        idx = -np.ones(gx.shape, dtype=np.int64)
        idx[inside] = np.arange(int(inside.sum()))
        px, py = gx[inside], gy[inside]
        if not len(px):
            return {}
        g = nx.Graph()
        g.add_nodes_from(range(len(px)))
        rows, cols = gx.shape
        diagonal = grid_m * math.sqrt(2)
        for dr, dc, w in ((0, 1, grid_m), (1, 0, grid_m), (1, 1, diagonal), (1, -1, diagonal)):
            c0, c1 = max(0, -dc), cols - max(0, dc)
            a = idx[0 : rows - dr, c0:c1]
            b = idx[dr:rows, c0 + dc : c1 + dc]
            ok = (a >= 0) & (b >= 0)
            g.add_weighted_edges_from(
                zip(a[ok].tolist(), b[ok].tolist(), [w] * int(ok.sum()), strict=True)
            )
        d = np.hypot(px - door.position[0], py - door.position[1])
        src = int(np.argmin(d))
        # predecessors, not paths: keeping every path of a 250,000-cell grid costs gigabytes
        pred, dist = nx.dijkstra_predecessor_and_distance(g, src)
        reached = np.full(len(px), np.inf)
        keys = np.fromiter(dist.keys(), dtype=np.int64, count=len(dist))
        reached[keys] = np.fromiter(dist.values(), dtype=float, count=len(dist))
        # which zone each reached cell lies in: one STRtree query for all cells
        ok = np.flatnonzero(np.isfinite(reached))
        zone_tree = shapely.STRtree([z.geometry for z in zones])
        cell, zone_k = zone_tree.query(shapely.points(px[ok], py[ok]), predicate="within")
        if not len(cell):
            return {}
        cell = ok[cell]
        order = np.lexsort((reached[cell], zone_k))
        first = np.r_[True, zone_k[order][1:] != zone_k[order][:-1]]
        best_cell = dict(
            zip(zone_k[order][first].tolist(), cell[order][first].tolist(), strict=True)
        )
        chains: dict[int, list[int]] = {}
        for k_zone in best_cell:
            nodes = [best_cell[k_zone]]
            while nodes[-1] != src:
                nodes.append(pred[nodes[-1]][0])
            nodes.reverse()
            chains[k_zone] = nodes
        clearance = Clearance(self.clear_floor())
        out: dict[str, Route] = {}
        for k_zone, nodes in chains.items():
            z = zones[k_zone]
            pts = np.vstack([[door.position], np.column_stack([px[nodes], py[nodes]])])
            line = cast(LineString, LineString(pts).simplify(grid_m / 2))
            narrow = clearance.narrowest(line)
            out[z.id] = Route(
                z.id,
                float(d[src] + reached[nodes[-1]]),
                line,
                narrow.width_m if narrow is not None else math.inf,
                narrow.at if narrow is not None else (float(px[nodes[-1]]), float(py[nodes[-1]])),
                narrow.chord if narrow is not None else None,
            )
        return out

    def clear_floor(self) -> BaseGeometry:
        """The walkable floor with every public door open at its own clear width (not widened
        to the route): the floor clear widths are measured on (:mod:`.clearance`)."""
        if self._clear_floor is None:
            passages = [_door_passage(d, d.width_m, self._tol + 0.6) for d in self.public_doors]
            self._clear_floor = _with_passages(self.floor_without_doors, passages)
        return self._clear_floor


def _with_passages(floor: BaseGeometry, passages: list[Polygon]) -> BaseGeometry:
    """``floor`` united with the door ``passages``: only the parts of the floor a passage
    touches take part in the union (the others are apart from them and from each other)."""
    if not passages:
        return floor
    parts = np.asarray(shapely.get_parts(floor), dtype=object)
    opened = shapely.union_all(passages)
    touched = shapely.intersects(parts, opened) if len(parts) else np.zeros(0, dtype=bool)
    joined = shapely.union_all([*parts[touched], opened])
    if not (~touched).any():
        return joined
    # disjoint pieces: a multipolygon of them is valid without another overlay
    return shapely.multipolygons([*parts[~touched], *shapely.get_parts(joined)])
