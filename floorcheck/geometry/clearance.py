"""The clear width of a route as walked: the narrowest passage it goes through, doors included.

*Definition.* The floor is the walkable floor with every door open at its own clear width (not
widened to the route, as the floor the wheelchair disc travels on is). A *chord* is a straight
segment inside the floor with both ends on its edge. The clear width along a route is the length
of the shortest chord the route crosses an odd number of times: a doorway's chord from jamb to
jamb, a corridor's from wall to wall, the gap between a column and a counter. (A route that dips
into the corner of a room and out again crosses the corner's diagonal twice; it has not passed
through anything that narrow.) ``tests/route_width_oracle.py`` measures the same thing by brute
force, and the tests hold the two together on the samples and on random plans.

*Measurement.* Three kinds of chord, each only where it can beat the best one found so far:

1. across the floor at points of the route: from the nearest edge, through the point, to the
   edge behind it (cheap, and a first bound);
2. between two corners of the floor near the route (a gap between two thin wall ends, or a door
   in a wall drawn as a single line, is only a chord between its two corners);
3. through points of the route in ``directions`` directions, at the points whose distance to the
   edge is less than half the best so far (a chord through a point is at least twice that
   distance long), each ray cast only as far as the best so far allows; the best one is then
   refined around its point and direction.

Rays meet only the edges an STRtree returns for them; nothing loops over pairs blindly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

__all__ = ["Clearance", "Narrowest"]

_EPS = 1e-9
# Fans of chords are cast to the next multiple of this beyond the bound asked for (reuse).
_FAN_STEP_M = 0.5


@dataclass(frozen=True)
class Narrowest:
    """The narrowest chord a route crosses: its length, its middle, the chord itself."""

    width_m: float
    at: tuple[float, float]
    chord: LineString


def _edges(floor: BaseGeometry) -> np.ndarray:
    """The straight edges of a (multi)polygon's rings, as rows (x0, y0, x1, y1)."""
    rings = shapely.get_rings(shapely.get_parts(floor))
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    same = ring[1:] == ring[:-1]
    return np.hstack([xy[:-1][same], xy[1:][same]])


class Clearance:
    """Clear widths on one floor; build it once and measure every route on it."""

    def __init__(self, floor: BaseGeometry, *, step_m: float = 0.1, directions: int = 90) -> None:
        self.floor = floor
        self.step_m = step_m
        self.directions = directions
        self._inside = floor.buffer(1e-6, join_style="mitre")  # a hair of tolerance, cheaply
        shapely.prepare(self._inside)
        self._edges = _edges(floor) if not floor.is_empty else np.zeros((0, 4))
        self._lines = np.asarray(shapely.linestrings(self._edges.reshape(-1, 2, 2)), dtype=object)
        self._tree = shapely.STRtree(self._lines)
        corners = np.unique(self._edges[:, :2], axis=0) if len(self._edges) else np.zeros((0, 2))
        self._corners = corners
        self._corner_tree = shapely.STRtree(_array(shapely.points(corners)))
        # each point's fan of chords, once cast: (how far it was cast, forward, backward)
        self._fans_cast: dict[tuple[int, int], tuple[float, np.ndarray, np.ndarray]] = {}
        # each point's distance to the nearest edge, and the foot on it
        self._near: dict[tuple[int, int], tuple[float, np.ndarray]] = {}

    # -- rays ----------------------------------------------------------------------------------
    def _hits(self, origins: np.ndarray, dirs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Distance from each origin along its direction to the first edge within ``lengths``
        (inf where none)."""
        out = np.full(len(origins), np.inf)
        if not len(origins) or not len(self._edges):
            return out
        ends = origins + dirs * lengths[:, None]
        rays = shapely.linestrings(np.stack([origins, ends], axis=1))
        ri, ei = self._tree.query(rays)
        if not len(ri):
            return out
        p, d = origins[ri], dirs[ri]
        a, b = self._edges[ei, :2], self._edges[ei, 2:]
        e = b - a
        den = d[:, 0] * e[:, 1] - d[:, 1] * e[:, 0]
        ap = a - p
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (ap[:, 0] * e[:, 1] - ap[:, 1] * e[:, 0]) / den
            u = (ap[:, 0] * d[:, 1] - ap[:, 1] * d[:, 0]) / den
        ok = (np.abs(den) > 1e-12) & (t > _EPS) & (u >= -1e-9) & (u <= 1 + 1e-9)
        ok &= t <= lengths[ri] + 1e-9
        np.minimum.at(out, ri[ok], t[ok])
        return out

    def _chords(
        self, points: np.ndarray, angles: np.ndarray, cap: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each point and angle (flattened), the chord's length and its two half lengths."""
        dirs = np.column_stack([np.cos(angles), np.sin(angles)])
        fwd = self._hits(points, dirs, cap)
        back = self._hits(points, -dirs, cap)
        return fwd + back, fwd, back

    def _fans(
        self, points: np.ndarray, angles: np.ndarray, cap: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Both half lengths of the chords through each point in each direction (rows: points),
        inf beyond ``cap``. Routes to different zones share their first stretch: each point's fan
        is cast once and kept (cast a little further than asked, so that the next route, whose
        bound differs a little, can use it too)."""
        k = len(angles)
        keys = _keys(points)
        todo = [i for i, key in enumerate(keys) if self._fans_cast.get(key, (0.0,))[0] < cap]
        if todo:
            reach = math.ceil(cap / _FAN_STEP_M) * _FAN_STEP_M
            grid_pts = np.repeat(points[todo], k, axis=0)
            grid_ang = np.tile(angles, len(todo))
            _, fwd, back = self._chords(grid_pts, grid_ang, np.full(len(grid_pts), reach))
            for n, i in enumerate(todo):
                self._fans_cast[keys[i]] = (
                    reach,
                    fwd[n * k : (n + 1) * k],
                    back[n * k : (n + 1) * k],
                )
        fwd_all = np.stack([self._fans_cast[key][1] for key in keys])
        back_all = np.stack([self._fans_cast[key][2] for key in keys])
        beyond = (fwd_all > cap) | (back_all > cap)
        return np.where(beyond, np.inf, fwd_all), np.where(beyond, np.inf, back_all)

    def _nearest(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each point's distance to the nearest edge and the foot on it (kept per point, as
        the fans are)."""
        keys = _keys(points)
        todo = [i for i, key in enumerate(keys) if key not in self._near]
        if todo:
            pts = _array(shapely.points(points[todo]))
            (pi, ei), dist = self._tree.query_nearest(pts, return_distance=True, all_matches=False)
            feet = shapely.get_coordinates(
                shapely.get_point(shapely.shortest_line(pts[pi], self._lines[ei]), 1)
            )
            for i, d, foot in zip(pi.tolist(), dist.tolist(), feet, strict=True):
                self._near[keys[todo[i]]] = (d, foot)
        return (
            np.array([self._near[key][0] for key in keys]),
            np.array([self._near[key][1] for key in keys]).reshape(-1, 2),
        )

    # -- the measurement -----------------------------------------------------------------------
    def _samples(self, route: LineString) -> np.ndarray:
        n = max(2, int(math.ceil(route.length / self.step_m)) + 1)
        dist = np.linspace(0.0, route.length, n)
        pts = shapely.get_coordinates(shapely.line_interpolate_point(route, dist))
        pts = np.vstack([pts, shapely.get_coordinates(route)])
        keep = shapely.contains_xy(self._inside, pts[:, 0], pts[:, 1])
        return pts[keep]

    def narrowest(self, route: LineString, reach_m: float = 10.0) -> Narrowest | None:
        """The shortest chord (shorter than ``reach_m``) that ``route`` crosses an odd number of
        times; None when the floor is wider than ``reach_m`` all along it."""
        if route.is_empty or not len(self._edges):
            return None
        pts = self._samples(route)
        if not len(pts):
            return None
        shapely.prepare(route)
        best: tuple[float, LineString | None] = (reach_m, None)
        best = self._across(route, pts, best)
        best = self._between_corners(route, best)
        best = self._through(route, pts, best)
        width, chord = best
        if chord is None:
            return None
        mid = chord.interpolate(0.5, normalized=True)
        return Narrowest(width, (mid.x, mid.y), chord)

    def _first_valid(
        self, route: LineString, chords: np.ndarray, best: tuple[float, LineString | None]
    ) -> tuple[float, LineString | None]:
        """The shortest of ``chords`` (LineStrings, any order) shorter than the best that the
        route crosses an odd number of times."""
        if not len(chords):
            return best
        lengths = shapely.length(chords)
        order = np.argsort(lengths, kind="stable")
        for k in order:
            if lengths[k] >= best[0]:
                break
            if lengths[k] > 1e-6 and _crossed_odd(route, chords[k]):
                return float(lengths[k]), chords[k]
        return best

    def _across(
        self, route: LineString, pts: np.ndarray, best: tuple[float, LineString | None]
    ) -> tuple[float, LineString | None]:
        """Chords across the floor through each point, away from its nearest edge."""
        near, foot = self._nearest(pts)
        away = pts - foot
        norm = np.hypot(away[:, 0], away[:, 1])
        ok = norm > 1e-9
        pi = np.flatnonzero(ok)
        foot, away, near = foot[ok], away[ok] / norm[ok, None], near[ok]
        back = self._hits(pts[pi], away, np.maximum(best[0] - near, 0.0))
        found = np.isfinite(back)
        chords = _array(
            shapely.linestrings(
                np.stack([foot[found], pts[pi][found] + away[found] * back[found, None]], axis=1)
            )
        )
        return self._first_valid(route, chords, best)

    def _between_corners(
        self, route: LineString, best: tuple[float, LineString | None]
    ) -> tuple[float, LineString | None]:
        """Chords between two corners of the floor: the gap between two thin wall ends."""
        if len(self._corners) < 2:
            return best
        near = self._corner_tree.query(route, predicate="dwithin", distance=best[0])
        if len(near) < 2:
            return best
        pts = _array(shapely.points(self._corners[near]))
        left, right = shapely.STRtree(pts).query(pts, predicate="dwithin", distance=best[0])
        keep = left < right
        left, right = near[left[keep]], near[right[keep]]
        segs = _array(
            shapely.linestrings(np.stack([self._corners[left], self._corners[right]], axis=1))
        )
        segs = segs[shapely.intersects(segs, route)]
        segs = segs[shapely.covers(self._inside, segs)] if len(segs) else segs
        return self._first_valid(route, segs, best)

    def _through(
        self, route: LineString, pts: np.ndarray, best: tuple[float, LineString | None]
    ) -> tuple[float, LineString | None]:
        """Chords through points of the route in every direction, where one can be short."""
        d1, _ = self._nearest(pts)
        cand = pts[2 * d1 < best[0]]
        if not len(cand):
            return best
        k = self.directions
        angles = np.linspace(0.0, math.pi, k, endpoint=False)
        fwd, back = self._fans(cand, angles, best[0])
        length = fwd + back
        # every local minimum over the directions: the shortest may be a corner's diagonal,
        # crossed twice, and the next one the passage itself
        local = (length <= np.roll(length, 1, axis=1)) & (length <= np.roll(length, -1, axis=1))
        local &= length < best[0]
        i, j = np.nonzero(local)
        if not len(i):
            return best
        chords = _chord_lines(cand[i], angles[j], fwd[i, j], back[i, j])
        found = self._first_valid(route, chords, best)
        if found[1] is None or found is best:
            return best
        return self._refine(route, found, cand, angles)

    def _refine(
        self,
        route: LineString,
        found: tuple[float, LineString | None],
        cand: np.ndarray,
        angles: np.ndarray,
    ) -> tuple[float, LineString | None]:
        """Finer directions and positions around the best chord through a point."""
        chord = found[1]
        assert chord is not None
        (x0, y0), (x1, y1) = chord.coords
        angle = math.atan2(y1 - y0, x1 - x0) % math.pi
        step = math.pi / self.directions
        crossing = shapely.get_parts(route.intersection(chord))[0]
        along = route.project(crossing)
        offsets = np.linspace(-self.step_m, self.step_m, 11)
        pts = shapely.get_coordinates(
            shapely.line_interpolate_point(route, np.clip(along + offsets, 0, route.length))
        )
        turns = angle + np.linspace(-step, step, 41)
        grid_pts = np.repeat(pts, len(turns), axis=0)
        grid_ang = np.tile(turns, len(pts))
        length, fwd, back = self._chords(grid_pts, grid_ang, np.full(len(grid_pts), found[0]))
        ok = np.isfinite(length) & (length < found[0])
        chords = _chord_lines(grid_pts[ok], grid_ang[ok], fwd[ok], back[ok])
        return self._first_valid(route, chords, found)


def _chord_lines(
    points: np.ndarray, angles: np.ndarray, fwd: np.ndarray, back: np.ndarray
) -> np.ndarray:
    dirs = np.column_stack([np.cos(angles), np.sin(angles)])
    a = points - dirs * back[:, None]
    b = points + dirs * fwd[:, None]
    return _array(shapely.linestrings(np.stack([a, b], axis=1)))


def _keys(points: np.ndarray) -> list[tuple[int, int]]:
    """Points to the millimetre, as keys of what is kept per point."""
    return [(x, y) for x, y in np.rint(points * 1000).astype(np.int64).tolist()]


def _array(geoms: object) -> np.ndarray:
    """shapely's vectorised constructors, typed as the object arrays they return."""
    return np.asarray(geoms, dtype=object)


def _crossed_odd(route: LineString, chord: LineString) -> bool:
    """The route crosses the chord an odd number of times (touching it where it starts counts
    once; running along it does not count as crossing)."""
    hit = route.intersection(chord)
    if hit.is_empty:
        return False
    parts = shapely.get_parts(hit)
    if any(p.geom_type != "Point" for p in parts):
        return False
    points = {(round(p.x, 6), round(p.y, 6)) for p in parts}
    return len(points) % 2 == 1
