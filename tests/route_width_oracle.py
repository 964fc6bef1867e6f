"""A slow, direct measurement of the clear width along a route: the oracle FC505 is tested against.

The definition (docs/rules/FC505.md): the floor a visitor walks on is the public zones, less
walls and fixed obstacles, with every public door open at its clear width. A *chord* is a
straight segment inside that floor with both ends on its edge. The clear width along a route is
the length of the shortest chord the route crosses (an odd number of times: a route that dips
into a corner and out again has not passed through the corner's diagonal). Doors are crossed like
everything else, so a route through a 1.80 m door is at most 1.80 m wide.

This module builds the floor on its own (from the plan, not through floorcheck's Walkable) and
measures by brute force: chords through route points every ``step_m`` in every direction every
``degrees``, each cast against every edge of the floor, and every segment between two corners
of the floor. Nothing is indexed or pruned; it is slow and plain on purpose.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from floorcheck.model import Door, Plan

__all__ = ["clear_floor", "narrowest_by_brute_force"]


def _passage(door: Door, width: float, depth: float) -> Polygon:
    a = math.radians(door.angle_deg)
    ux, uy = math.cos(a), math.sin(a)
    nx, ny = -uy, ux
    x, y = door.position
    hw, hd = width / 2, depth / 2
    return Polygon(
        [
            (x - ux * hw - nx * hd, y - uy * hw - ny * hd),
            (x + ux * hw - nx * hd, y + uy * hw - ny * hd),
            (x + ux * hw + nx * hd, y + uy * hw + ny * hd),
            (x - ux * hw + nx * hd, y - uy * hw + ny * hd),
        ]
    )


def clear_floor(plan: Plan, tolerance_m: float = 0.40, hair_m: float = 0.005) -> BaseGeometry:
    """The public floor less walls (widened by ``hair_m``) and obstacles, every public door open
    at its own clear width."""
    zones = [z.geometry for z in plan.zones if z.public and z.type != "hall"]
    floor = shapely.union_all(zones)
    floor = floor.buffer(tolerance_m / 2, join_style="mitre").buffer(
        -tolerance_m / 2, join_style="mitre"
    )
    blocked = [shapely.buffer(w, hair_m, cap_style="flat") for w in plan.walls]
    blocked += [o.geometry for o in plan.obstacles]
    if blocked:
        floor = floor.difference(shapely.union_all(blocked))
    passages = [_passage(d, d.width_m, tolerance_m + 0.6) for d in plan.doors if not d.staff_only]
    return shapely.union_all([floor, *passages]) if passages else floor


def _edges(floor: BaseGeometry) -> np.ndarray:
    rings = []
    for poly in shapely.get_parts(floor):
        rings.append(np.asarray(poly.exterior.coords))
        rings.extend(np.asarray(r.coords) for r in poly.interiors)
    return np.concatenate([np.hstack([r[:-1], r[1:]]) for r in rings])


def _first_hits(points: np.ndarray, dirs: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Distance from each point along each direction to the first edge it meets (inf: none)."""
    px, py = points[:, None, 0:1], points[:, None, 1:2]  # (n, 1, 1)
    dx, dy = dirs[None, :, 0:1], dirs[None, :, 1:2]  # (1, k, 1)
    ax, ay, bx, by = (edges[None, None, :, i] for i in range(4))  # (1, 1, s)
    ex, ey = bx - ax, by - ay
    den = dx * ey - dy * ex
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((ax - px) * ey - (ay - py) * ex) / den
        u = ((ax - px) * dy - (ay - py) * dx) / den
    ok = (np.abs(den) > 1e-12) & (t > 1e-9) & (u >= -1e-9) & (u <= 1 + 1e-9)
    return np.where(ok, t, np.inf).min(axis=2)


def _crossed_odd(route: LineString, chord: LineString) -> bool:
    hit = route.intersection(chord)
    if hit.is_empty:
        return False
    points = {
        (round(p.x, 6), round(p.y, 6)) for p in shapely.get_parts(hit) if p.geom_type == "Point"
    }
    return len(points) % 2 == 1


def narrowest_by_brute_force(
    route: LineString, floor: BaseGeometry, step_m: float = 0.02, degrees: float = 1.0
) -> tuple[float, LineString | None]:
    """The shortest chord of ``floor`` that ``route`` crosses, by brute force."""
    edges = _edges(floor)
    inside = floor.buffer(1e-6)
    candidates: list[LineString] = []
    # chords through points of the route, in every direction
    n = max(2, int(math.ceil(route.length / step_m)) + 1)
    pts = np.array([route.interpolate(d).coords[0] for d in np.linspace(0, route.length, n)])
    pts = np.vstack([pts, np.asarray(route.coords)])
    pts = pts[shapely.contains_xy(inside, pts[:, 0], pts[:, 1])]
    angles = np.radians(np.arange(0.0, 180.0, degrees))
    dirs = np.column_stack([np.cos(angles), np.sin(angles)])
    for chunk in np.array_split(pts, max(1, len(pts) // 40)):
        fwd = _first_hits(chunk, dirs, edges)
        back = _first_hits(chunk, -dirs, edges)
        length = fwd + back
        # every local minimum over the directions (the shortest may be a corner's diagonal,
        # crossed twice; the next one may be the passage itself)
        local = (length <= np.roll(length, 1, axis=1)) & (length <= np.roll(length, -1, axis=1))
        for i, k in zip(*np.nonzero(local & np.isfinite(length)), strict=True):
            p, d = chunk[i], dirs[k]
            candidates.append(LineString([p - d * back[i, k], p + d * fwd[i, k]]))
    best, best_chord = _shortest_crossed(candidates, route, inside, math.inf, None)
    # segments between two corners of the floor, shorter than the best chord so far
    corners = np.unique(edges[:, :2], axis=0)
    gap = np.hypot(*(corners[:, None, :] - corners[None, :, :]).transpose(2, 0, 1))
    i, j = np.nonzero(np.triu(gap < best, k=1))
    pairs = [LineString([corners[a], corners[b]]) for a, b in zip(i, j, strict=True)]
    return _shortest_crossed(pairs, route, inside, best, best_chord)


def _shortest_crossed(
    candidates: list[LineString],
    route: LineString,
    inside: BaseGeometry,
    best: float,
    best_chord: LineString | None,
) -> tuple[float, LineString | None]:
    for chord in sorted(candidates, key=lambda c: c.length):
        if chord.length >= best:
            break
        if chord.length < 1e-6 or not inside.covers(chord):
            continue
        if _crossed_odd(route, chord):
            best, best_chord = chord.length, chord
    return best, best_chord
