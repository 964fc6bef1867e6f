"""The floor a wheelchair can use, and the routes across it.

*Walkable floor*: the public zones, closed over wall gaps narrower than the wall tolerance, minus
walls and every fixed obstacle (columns, counters, seat rows, kiosks, furniture), plus a passage
at each public door. Doorways are judged by their clear width (FC502), not by the disc, so a
door's passage is made at least as wide as the route.

*Route check by the disc*: a disc of the route width passes wherever the walkable floor eroded
by half that width stays connected (Minkowski: the eroded floor is where the disc's centre may
be). A zone is reached when the entrance's component of the eroded floor touches it.

*The route itself*: a grid over the eroded floor (``grid_m``, 0.3 m by default) with 8-neighbour
steps, shortest paths by Dijkstra (networkx). A visibility graph would give exact shortest
paths but grows with the square of the obstacle corners (thousands of seats and kiosks in a big
hall); the grid grows with the floor area, and its paths are at most ~8 % longer than the true
shortest one (the 8-direction metric), which is well inside what a route length is used for.
The narrowest clear width along a route is measured as walked (``clearance.py``): the shortest
chord of the floor the route crosses, on the floor with every door open at its own clear width
— so a route through a 0.90 m door is 0.90 m wide there, whatever the disc was allowed.

*Built locally, and only where the entrance leads*: no floor is built for the whole plan. The
floor a door opens onto is grown outward from the door over square tiles; each tile is built
from the zones, walls, obstacles and passages near it alone (STRtree queries), and its pieces
join the door's floor when they overlap a piece that already has. Closing the wall gaps looks
at most 5 × the wall tolerance away (a mitred buffer reaches at most 5 × its distance), so a
tile that takes every zone within that margin is, inside the tile, exactly the plan-wide
floor. The door's floor is then built once from what its tiles took, by the same operations as
before, and everything above works on it: on a grid of 6,400 walled rooms of which the
entrance reaches a few dozen, nothing of the rest is built. Per-zone questions (does the disc
reach this zone, FC503's turning circle) look at the geometry near the zone only. The floor
clear widths are measured on is built from the same tiles' inputs, with the doors at their own
widths.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import cast

import networkx as nx
import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..model import Door, Plan, Zone
from .clearance import Clearance

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


# shapely's default mitre limit: a mitred corner reaches at most this many buffer distances out
_MITRE_LIMIT = 5.0
# Neighbouring tiles overlap by this much, so that two pieces of one floor across a seam share area
_OVERLAP_M = 0.05
# Pieces of floor smaller than this (m²) are overlay slivers, not floor
_SLIVER_M2 = 1e-9
# How many zones, walls, obstacles and passages a tile holds on average (see Walkable._tile_m)
_INPUTS_PER_TILE = 32


class Walkable:
    """The walkable floor of a plan, built only where a route from a door can go.

    Every piece is built on first use and kept: the floor a door opens onto (per route width),
    its erosions (per disc), their parts and where the door's disc starts.
    """

    def __init__(
        self, plan: Plan, wall_tolerance_m: float = 0.40, wall_half_thickness_m: float = 0.005
    ) -> None:
        self.plan = plan
        self.public_zones = [z for z in plan.zones if z.public and z.type != "hall"]
        self.public_doors = [d for d in plan.doors if not d.staff_only]
        self._tol = wall_tolerance_m
        # Wall lines are widened a hair to become obstacles; the disc gives the hair back, so a
        # corridor drawn exactly 1.20 m between wall lines passes a 1.20 m route.
        self._hair = wall_half_thickness_m
        # Closing wall gaps (a mitred buffer out by tol/2 and back) looks at most this far: each
        # of the two buffers reaches _MITRE_LIMIT × tol/2. A tile built from every zone within
        # this margin is, inside the tile, exactly the floor built from the whole plan.
        self._margin = _MITRE_LIMIT * wall_tolerance_m + 0.1
        self._passage_sets: dict[int, tuple[np.ndarray, shapely.STRtree]] = {}
        self._clear_passages: np.ndarray | None = None
        # per (door, route width): what the door's tiles took, and the box around them
        self._door_inputs: dict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray, tuple]] = {}
        self._clear_floors: dict[tuple, BaseGeometry] = {}
        self._eroded: dict[tuple, BaseGeometry] = {}
        self._parts: dict[tuple, tuple[np.ndarray, shapely.STRtree]] = {}
        self._door_floors: dict[tuple, BaseGeometry] = {}
        self._start: dict[tuple, BaseGeometry | None] = {}

    # -- the inputs, indexed -----------------------------------------------------------------
    @cached_property
    def _zone_geoms(self) -> np.ndarray:
        return np.asarray([z.geometry for z in self.public_zones], dtype=object)

    @cached_property
    def _zone_tree(self) -> shapely.STRtree:
        return shapely.STRtree(self._zone_geoms)

    @cached_property
    def _blockers(self) -> np.ndarray:
        """Walls (widened by the hair) and obstacles, in plan order."""
        parts = []
        if self.plan.walls:
            parts.append(
                shapely.buffer(
                    np.asarray(self.plan.walls, dtype=object), self._hair, cap_style="flat"
                )
            )
        if self.plan.obstacles:
            parts.append(np.asarray([o.geometry for o in self.plan.obstacles], dtype=object))
        return np.concatenate(parts) if parts else np.empty(0, dtype=object)

    @cached_property
    def _blocker_tree(self) -> shapely.STRtree:
        return shapely.STRtree(self._blockers)

    @cached_property
    def _tile_m(self) -> float:
        """Side of a tile: about _INPUTS_PER_TILE inputs to a tile where they are spread
        evenly, and never less than four closing margins. The cost of growing the floor then
        follows what is drawn, not the area: a site plan with one zone of a square kilometre
        is one tile, not ten thousand."""
        geoms = np.concatenate([self._zone_geoms, self._blockers])
        n = len(geoms) + len(self.public_doors)
        if not len(geoms):
            return 4 * self._margin
        b = shapely.bounds(geoms)
        b = b[np.isfinite(b).all(axis=1)]
        if not len(b):
            return 4 * self._margin
        area = (b[:, 2].max() - b[:, 0].min()) * (b[:, 3].max() - b[:, 1].min())
        return max(4 * self._margin, math.sqrt(area * _INPUTS_PER_TILE / n))

    def _passages(self, route_width_m: float) -> tuple[np.ndarray, shapely.STRtree]:
        """The passage through every public door for routes ``route_width_m`` wide."""
        key = round(route_width_m * 1000)
        if key not in self._passage_sets:
            geoms = np.asarray(
                [
                    _door_passage(d, max(d.width_m, route_width_m) + 0.1, self._tol + 0.6)
                    for d in self.public_doors
                ],
                dtype=object,
            )
            self._passage_sets[key] = (geoms, shapely.STRtree(geoms))
        return self._passage_sets[key]

    def blocked_near(self, geom: BaseGeometry) -> BaseGeometry:
        """The walls (widened by the hair) and obstacles that meet ``geom``, as one geometry:
        inside ``geom`` it is what blocks the floor."""
        idx = np.sort(self._blocker_tree.query(geom, predicate="intersects"))
        return shapely.union_all(self._blockers[idx]) if len(idx) else Polygon()

    # -- the floor ---------------------------------------------------------------------------
    def _floor(self, zones: np.ndarray, blockers: np.ndarray, passages: np.ndarray) -> BaseGeometry:
        """The floor these inputs make: the zones united and closed over wall gaps narrower
        than the wall tolerance (without growing the hall outward), less the walls and
        obstacles, plus the door passages."""
        tol = self._tol
        floor = shapely.union_all(zones) if len(zones) else Polygon()
        floor = floor.buffer(tol / 2, join_style="mitre").buffer(-tol / 2, join_style="mitre")
        if len(blockers):
            floor = floor.difference(shapely.union_all(blockers))
        if len(passages):
            floor = shapely.union_all([floor, *passages])
        return floor

    def _inputs(
        self, route_width_m: float, bounds: tuple[float, float, float, float]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Indices of the public zones within the closing margin of ``bounds``, and of the walls
        and obstacles and the door passages whose boxes meet it."""
        m = self._margin
        x0, y0, x1, y1 = bounds
        zi = self._zone_tree.query(shapely.box(x0 - m, y0 - m, x1 + m, y1 + m))
        area = shapely.box(x0, y0, x1, y1)
        bi = self._blocker_tree.query(area)
        pi = self._passages(route_width_m)[1].query(area)
        return zi, bi, pi

    def _floor_within(
        self,
        route_width_m: float,
        zi: np.ndarray,
        bi: np.ndarray,
        pi: np.ndarray,
        bounds: tuple[float, float, float, float],
        passages: np.ndarray | None = None,
    ) -> BaseGeometry:
        """The floor of the inputs ``zi``, ``bi``, ``pi`` (which hold every input near
        ``bounds``); exact inside ``bounds``. Zones reaching far beyond are cut twice the
        closing margin out (the cut is too far to change the floor inside). ``passages``: the
        door passages ``pi`` indexes (by default those for routes ``route_width_m`` wide)."""
        zi, bi, pi = np.unique(zi), np.unique(bi), np.unique(pi)
        zones = self._zone_geoms[zi]
        m = 2 * self._margin + 0.1
        x0, y0, x1, y1 = bounds
        zb = shapely.bounds(zones).reshape(-1, 4)
        far = (zb[:, 0] < x0 - m) | (zb[:, 1] < y0 - m) | (zb[:, 2] > x1 + m) | (zb[:, 3] > y1 + m)
        if far.any():
            zones = zones.copy()
            zones[far] = shapely.intersection(
                zones[far], shapely.box(x0 - m, y0 - m, x1 + m, y1 + m)
            )
        if passages is None:
            passages = self._passages(route_width_m)[0]
        return self._floor(zones, self._blockers[bi], passages[pi])

    def _door_floor(self, route_width_m: float, door: Door) -> BaseGeometry:
        """The connected part(s) of the walkable floor that ``door`` opens onto (those within
        reach of it), doors ``route_width_m`` wide: a disc from the door can go nowhere else.

        Grown from the door over square tiles (:class:`_Tiles`): a piece of a tile's floor
        belongs to the door's floor when it is near the door or overlaps a piece that does;
        a neighbouring tile is built only when such a piece reaches into it. The floor is then
        built once from the inputs of the tiles that were built, and its parts near the door
        are the door's floor, exactly as from the whole plan (every input near them was
        taken, and they lie inside the tiles)."""
        key = (door.id, round(route_width_m * 1000))
        if key in self._door_floors:
            return self._door_floors[key]
        reach = route_width_m / 2 + self._tol + 0.6
        tiles = _Tiles(self, route_width_m)
        door_pt = Point(door.position)
        queue = [
            (ij, k)
            for ij in tiles.covering(door.position, reach)
            for k in np.flatnonzero(shapely.distance(tiles.pieces(ij), door_pt) <= reach).tolist()
        ]
        found = set(queue)
        while queue:
            ij, k = queue.pop()
            p = tiles.pieces(ij)[k]
            for nij in tiles.neighbours(ij, p.bounds):
                qs = tiles.pieces(nij)
                for kk in np.flatnonzero(shapely.intersects(p, qs)).tolist():
                    # pieces of one floor share the seam's area; a touching corner is no link
                    if (nij, kk) not in found and shapely.intersection(p, qs[kk]).area > 0:
                        found.add((nij, kk))
                        queue.append((nij, kk))
        floor: BaseGeometry = Polygon()
        if found:
            zi, bi, pi = tiles.inputs()
            self._door_inputs[key] = (zi, bi, pi, tiles.bounds())
            parts = shapely.get_parts(self._floor_within(route_width_m, zi, bi, pi, tiles.bounds()))
            near = shapely.distance(parts, door_pt) <= reach
            if near.any():
                floor = shapely.union_all(parts[near])
        self._door_floors[key] = floor
        return floor

    def door_floor(self, route_width_m: float, door: Door) -> BaseGeometry:
        """The walkable floor ``door`` opens onto (doors ``route_width_m`` wide)."""
        return self._door_floor(route_width_m, door)

    def clear_floor(self, route_width_m: float, door: Door) -> BaseGeometry:
        """The walkable floor around what ``door`` opens onto, with every public door open at
        its own clear width (not widened to the route): the floor clear widths are measured on
        (:mod:`.clearance`). Built from the inputs of the tiles :meth:`door_floor` grew over —
        the clear floor holds no more than that floor (its passages are narrower), so inside
        those tiles it is the plan-wide clear floor."""
        key = (door.id, round(route_width_m * 1000))
        if key not in self._clear_floors:
            self._door_floor(route_width_m, door)
            taken = self._door_inputs.get(key)
            if taken is None:
                self._clear_floors[key] = Polygon()
            else:
                if self._clear_passages is None:
                    self._clear_passages = np.asarray(
                        [_door_passage(d, d.width_m, self._tol + 0.6) for d in self.public_doors],
                        dtype=object,
                    )
                zi, bi, pi, bounds = taken
                floor = self._floor_within(route_width_m, zi, bi, pi, bounds, self._clear_passages)
                # overlays leave slivers of no area (1e-31 m² seen) whose edges mean nothing and
                # whose hair of buffer divides by zero
                parts = _polygons(floor)
                keep = parts[shapely.area(parts) > _SLIVER_M2] if len(parts) else parts
                self._clear_floors[key] = keep[0] if len(keep) == 1 else MultiPolygon(list(keep))
        return self._clear_floors[key]

    def eroded(
        self, route_width_m: float, disc_m: float | None = None, door: Door | None = None
    ) -> BaseGeometry:
        """Where the centre of a disc of diameter ``disc_m`` may go on the floor ``door`` opens
        onto (doors ``route_width_m`` wide); the main entrance when no door is given."""
        door = door or self.plan.main_entrance
        if door is None:
            return Polygon()
        disc = route_width_m if disc_m is None else disc_m
        key = (round(route_width_m * 1000), round(disc * 1000), door.id)
        if key not in self._eroded:
            floor = self._door_floor(route_width_m, door)
            self._eroded[key] = floor.buffer(-(disc / 2 - self._hair) + 1e-6, join_style="mitre")
        return self._eroded[key]

    def _eroded_parts(
        self, route_width_m: float, disc_m: float, door: Door
    ) -> tuple[np.ndarray, shapely.STRtree]:
        """The parts of :meth:`eroded`, with an STRtree over them."""
        key = (round(route_width_m * 1000), round(disc_m * 1000), door.id)
        if key not in self._parts:
            parts = shapely.get_parts(self.eroded(route_width_m, disc_m, door))
            self._parts[key] = (parts, shapely.STRtree(parts))
        return self._parts[key]

    def start_component(
        self, door: Door, route_width_m: float, disc_m: float | None = None
    ) -> BaseGeometry | None:
        key = (
            door.id,
            round(route_width_m * 1000),
            None if disc_m is None else round(disc_m * 1000),
        )
        if key not in self._start:
            comp = self._start_component(door, route_width_m, disc_m)
            if comp is not None:
                shapely.prepare(comp)  # asked once per zone whether it reaches it
            self._start[key] = comp
        return self._start[key]

    def _start_component(
        self, door: Door, route_width_m: float, disc_m: float | None
    ) -> BaseGeometry | None:
        disc = disc_m if disc_m is not None else route_width_m
        parts, _ = self._eroded_parts(route_width_m, disc, door)
        if not len(parts):
            return None
        dists = shapely.distance(parts, Point(door.position))
        i = int(np.argmin(dists))
        reach = disc / 2 + self._tol + 0.6
        return parts[i] if dists[i] <= reach else None

    def reaches(
        self, door: Door, zone: Zone, route_width_m: float, disc_m: float | None = None
    ) -> bool:
        """Whether the disc (``disc_m``, else the route width) from ``door`` gets into ``zone``."""
        comp = self.start_component(door, route_width_m, disc_m)
        if comp is None:
            return False
        cx0, cy0, cx1, cy1 = comp.bounds
        zx0, zy0, zx1, zy1 = zone.geometry.bounds
        if cx1 < zx0 or cx0 > zx1 or cy1 < zy0 or cy0 > zy1:
            return False  # far away: no need to shrink the zone
        return bool(comp.intersects(zone.geometry.buffer(-0.01)))

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
        parts, tree = self._eroded_parts(route_width_m, blocked_disc, door)
        hits = np.sort(tree.query(zone.geometry, predicate="intersects"))
        if start is None or not len(hits):
            c = zone.geometry.representative_point()
            return Pinch(width, (c.x, c.y), c)
        target = shapely.union_all(parts[hits])
        a, b = shapely.ops.nearest_points(start, target)
        line = LineString([a, b])
        centre = line.interpolate(0.5, normalized=True)
        return Pinch(width, (centre.x, centre.y), line)

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
        g: nx.Graph = nx.Graph()
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
        done = np.flatnonzero(np.isfinite(reached))
        zone_tree = shapely.STRtree([z.geometry for z in zones])
        cell, zone_k = zone_tree.query(shapely.points(px[done], py[done]), predicate="within")
        if not len(cell):
            return {}
        cell = done[cell]
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
        clearance = Clearance(self.clear_floor(route_width_m, door))
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


TileKey = tuple[int, int]


class _Tiles:
    """The walkable floor for one route width in square tiles, each built on first use from
    the inputs near it alone (:meth:`Walkable._inputs`): inside its box a tile's floor is the
    plan-wide floor. Boxes overlap their neighbours by ``_OVERLAP_M``."""

    def __init__(self, walkable: Walkable, route_width_m: float) -> None:
        self.walkable = walkable
        self.width = route_width_m
        self.size = walkable._tile_m
        self._pieces: dict[TileKey, np.ndarray] = {}
        self._inputs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def box(self, ij: TileKey) -> tuple[float, float, float, float]:
        i, j = ij
        s, ov = self.size, _OVERLAP_M
        return (i * s - ov, j * s - ov, (i + 1) * s + ov, (j + 1) * s + ov)

    def pieces(self, ij: TileKey) -> np.ndarray:
        """The polygons of the floor inside tile ``ij``'s box."""
        if ij not in self._pieces:
            b = self.box(ij)
            zi, bi, pi = self.walkable._inputs(self.width, b)
            self._inputs.append((zi, bi, pi))
            f = self.walkable._floor_within(self.width, zi, bi, pi, b)
            self._pieces[ij] = _polygons(shapely.intersection(f, shapely.box(*b)))
        return self._pieces[ij]

    def covering(self, xy: tuple[float, float], radius: float) -> list[TileKey]:
        """The tiles that meet the square of half-side ``radius`` around ``xy``."""
        (x, y), s = xy, self.size
        return [
            (i, j)
            for i in range(math.floor((x - radius) / s), math.floor((x + radius) / s) + 1)
            for j in range(math.floor((y - radius) / s), math.floor((y + radius) / s) + 1)
        ]

    def neighbours(self, ij: TileKey, bounds: tuple[float, float, float, float]) -> list[TileKey]:
        """The eight tiles around ``ij`` whose boxes meet ``bounds`` (a piece of ``ij``)."""
        x0, y0, x1, y1 = bounds
        out = []
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                nij = (ij[0] + di, ij[1] + dj)
                bx0, by0, bx1, by1 = self.box(nij)
                if nij != ij and x1 >= bx0 and x0 <= bx1 and y1 >= by0 and y0 <= by1:
                    out.append(nij)
        return out

    def inputs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every input any built tile took (zones, walls and obstacles, passages)."""
        zi, bi, pi = (np.concatenate(a) for a in zip(*self._inputs, strict=True))
        return zi, bi, pi

    def bounds(self) -> tuple[float, float, float, float]:
        """The box around every built tile."""
        boxes = np.array([self.box(ij) for ij in self._pieces])
        return (
            float(boxes[:, 0].min()),
            float(boxes[:, 1].min()),
            float(boxes[:, 2].max()),
            float(boxes[:, 3].max()),
        )


def _polygons(geom: BaseGeometry) -> np.ndarray:
    """The polygons of ``geom`` (an overlay's result may hold lines and points too)."""
    parts = shapely.get_parts(geom)
    kinds = shapely.get_type_id(parts)
    if (kinds == 3).all():
        return parts[~shapely.is_empty(parts)]
    out = [p for p in parts[kinds == 3]]
    for p in parts[(kinds == 6) | (kinds == 7)]:
        out.extend(_polygons(p).tolist())
    return np.asarray([p for p in out if not p.is_empty], dtype=object)
