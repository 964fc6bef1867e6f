"""Curves as vertex arrays: lines, polylines with bulges, arcs and circles, ellipses and splines,
hatch boundaries — in the entity's own drawing units, flattened to a chord error far below
drawing precision."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any, cast

import numpy as np

from .affine import NonFinite, to_wcs
from .lazy import load_ezdxf
from .tags import Record, TextDecoder, tag_float

__all__ = [
    "CURVES",
    "TooManyVertices",
    "arc_points",
    "bulge_polyline",
    "flatten",
    "hatch_rings",
    "ezdxf_entity",
    "flat_xy",
    "chain",
    "shoelace",
    "thin",
]

# Entity types read as curves (HATCH boundaries are read by :func:`hatch_rings`).
CURVES = frozenset({"LINE", "ARC", "CIRCLE", "LWPOLYLINE", "POLYLINE", "ELLIPSE", "SPLINE"})

# An arc is drawn with chords whose sagitta is at most this fraction of its radius (≈ 5.1° steps).
_ARC_SAGITTA = 1e-3
# A circle keeps at least this many points, however small: it must stay a polygon.
_CIRCLE_MIN_POINTS = 9
# ezdxf paths (ellipses, splines, hatch edges) are flattened to 1/500 of their size.
_PATH_CHORD = 1 / 500
# Hatch edges whose ends lie within 1 % of the boundary's size count as touching.
_CHAIN_TOLERANCE = 0.01

Curve = tuple[np.ndarray, bool]  # (n, 2) vertices, closed
# The angle an arc's chords span (sagitta ≤ r/1000).
_ARC_STEP = 2.0 * math.acos(1.0 - _ARC_SAGITTA)


class TooManyVertices(Exception):
    """Flattening a curve would make more vertices than the caller may spend; raised before
    they are made."""

    def __init__(self, needed: int) -> None:
        super().__init__(f"{needed:,} vertices")
        self.needed = needed


def _arc_count(sweep: float) -> int:
    """How many points :func:`arc_points` makes for an arc of ``sweep`` radians."""
    return max(2, int(math.ceil(abs(sweep) / _ARC_STEP)) + 1)


def arc_points(
    cx: float, cy: float, r: float, start: float, sweep: float, closed_circle: bool = False
) -> np.ndarray:
    """Points on an arc (radians, counter-clockwise sweep), sagitta ≤ r/1000.

    >>> arc_points(0, 0, 1, 0, math.pi / 2).shape
    (19, 2)
    """
    n = _arc_count(sweep)
    if closed_circle:
        n = max(n, _CIRCLE_MIN_POINTS)
    t = start + np.linspace(0.0, sweep, n)
    return np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)])


def bulge_polyline(
    xy: list[tuple[float, float]], bulges: list[float], closed: bool, limit: int | None = None
) -> np.ndarray:
    """A polyline's vertices with each bulged segment replaced by its arc; more than ``limit``
    vertices raise :class:`TooManyVertices` before any is made.

    >>> pts = bulge_polyline([(0, 0), (2, 0)], [1.0, 0.0], False)  # bulge 1: a half circle
    >>> len(pts), pts[18].round(6).tolist()
    (37, [1.0, -1.0])
    >>> bulge_polyline([(0, 0), (2, 0)], [1.0, 0.0], False, limit=20)
    Traceback (most recent call last):
    ...
    floorcheck.dxf.curves.TooManyVertices: 37 vertices
    """
    n = len(xy)
    last = n if closed else n - 1
    if limit is not None:
        arcs = sum(
            _arc_count(4.0 * math.atan(b)) - 2 for b in bulges[: max(last, 0)] if abs(b) >= 1e-12
        )
        if n + arcs > limit:
            raise TooManyVertices(n + arcs)
    if not any(bulges):
        return np.asarray(xy, dtype=float).reshape(-1, 2)
    out: list[np.ndarray] = []
    for i in range(last):
        p, q, bg = xy[i], xy[(i + 1) % n], bulges[i]
        if abs(bg) < 1e-12 or p == q:
            out.append(np.array([p]))
            continue
        theta = 4.0 * math.atan(bg)  # signed included angle
        chord = math.hypot(q[0] - p[0], q[1] - p[1])
        r = chord / (2.0 * math.sin(abs(theta) / 2.0))
        mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
        # signed distance from the chord's middle to the centre, along the chord's left normal
        h = math.copysign(1.0, bg) * r * math.cos(theta / 2.0)
        ux, uy = (q[0] - p[0]) / chord, (q[1] - p[1]) / chord
        cx, cy = mx - uy * h, my + ux * h
        a0 = math.atan2(p[1] - cy, p[0] - cx)
        pts = arc_points(cx, cy, r, a0, theta)
        out.append(pts[:-1])
    if not closed:
        out.append(np.array([xy[-1]]))
    return np.vstack(out)


def flatten(
    rec: Record, d: dict[int, bytes], text: TextDecoder, limit: int | None = None
) -> Curve | None:
    """A curve entity (one of :data:`CURVES`) as world-coordinate vertices and whether it is
    closed; None when it has no usable geometry. A curve that ends where it starts is closed,
    whatever its flag says, and its last vertex dropped. Raises :class:`NonFinite` for NaN or
    infinite coordinates and :class:`TooManyVertices` when it would have more than ``limit``
    vertices (polylines are counted before they are flattened)."""
    curve = _READERS[rec.type](rec, d, text, limit)
    if curve is None:
        return None
    pts, closed = curve
    if limit is not None and len(pts) > limit:
        raise TooManyVertices(len(pts))
    if not np.isfinite(pts).all():
        raise NonFinite(f"a {rec.type} with NaN or infinite coordinates")
    if len(pts) < 2:
        return None
    if len(pts) > 2 and abs(pts[0] - pts[-1]).max() <= _same_point(pts):
        closed = True
        pts = pts[:-1]
    return pts, closed


def _same_point(pts: np.ndarray) -> float:
    """How close two vertices of ``pts`` are when they are one point: a billionth of the curve's
    size — not of its distance from the drawing's origin, which for a plan drawn at 1e15 mm
    would make every vertex within a kilometre the same — or a few units in the last place.

    >>> _same_point(np.array([[1e15, 1e15], [1e15 + 1e4, 1e15]]))  # 4 ulp at 1e15
    0.5
    """
    size = float(np.ptp(pts, axis=0).max())
    return max(1e-9 * size, 4.0 * float(np.spacing(abs(pts[0]).max())))


def _line(
    rec: Record, d: dict[int, bytes], text: TextDecoder, limit: int | None = None
) -> Curve | None:
    f = tag_float
    return np.array([[f(d, 10), f(d, 20)], [f(d, 11), f(d, 21)]]), False


def _lwpolyline(
    rec: Record, d: dict[int, bytes], text: TextDecoder, limit: int | None = None
) -> Curve | None:
    xy: list[tuple[float, float]] = []
    bulges: list[float] = []
    x = None
    for code, value in rec.tags:
        if code == 10:
            x = float(value)
        elif code == 20 and x is not None:
            xy.append((x, float(value)))
            bulges.append(0.0)
            x = None
        elif code == 42 and bulges:
            bulges[-1] = float(value)
    closed = bool(int(tag_float(d, 70)) & 1)
    if not xy:
        return None
    return to_wcs(d, bulge_polyline(xy, bulges, closed, limit)), closed


def _polyline(
    rec: Record, d: dict[int, bytes], text: TextDecoder, limit: int | None = None
) -> Curve | None:
    flags = int(tag_float(d, 70))
    if flags & (16 | 64):  # polygon or polyface mesh: not plan linework
        return None
    xy: list[tuple[float, float]] = []
    bulges: list[float] = []
    for v in rec.children:
        vd = v.dxf()
        if int(tag_float(vd, 70)) & 16:  # spline frame control point
            continue
        xy.append((tag_float(vd, 10), tag_float(vd, 20)))
        bulges.append(tag_float(vd, 42))
    closed = bool(flags & 1)
    if not xy:
        return None
    pts = bulge_polyline(xy, bulges, closed, limit)
    if not flags & 8:  # 2-D polylines are in OCS
        pts = to_wcs(d, pts)
    return pts, closed


def _circle(
    rec: Record, d: dict[int, bytes], text: TextDecoder, limit: int | None = None
) -> Curve | None:
    r = tag_float(d, 40)
    if not r > 0:
        return None
    pts = arc_points(tag_float(d, 10), tag_float(d, 20), r, 0.0, 2 * math.pi, True)[:-1]
    return to_wcs(d, pts), True


def _arc(
    rec: Record, d: dict[int, bytes], text: TextDecoder, limit: int | None = None
) -> Curve | None:
    r = tag_float(d, 40)
    if not r > 0:
        return None
    a0, a1 = math.radians(tag_float(d, 50)), math.radians(tag_float(d, 51))
    sweep = (a1 - a0) % (2 * math.pi) or 2 * math.pi
    return to_wcs(d, arc_points(tag_float(d, 10), tag_float(d, 20), r, a0, sweep)), False


def _ezdxf_curve(
    rec: Record, d: dict[int, bytes], text: TextDecoder, limit: int | None = None
) -> Curve | None:
    """ELLIPSE and SPLINE, through ezdxf's construction tools."""
    load_ezdxf()
    from ezdxf import path as ezpath

    entity = ezdxf_entity(rec, text)
    try:
        p = ezpath.make_path(entity)
        if len(p) == 0 and rec.type != "ELLIPSE":
            return None
        return flat_xy(p, limit), bool(p.is_closed or getattr(entity, "closed", False))
    finally:
        entity.destroy()  # an ezdxf entity and its namespace refer to each other: a cycle


_Reader = Callable[[Record, dict[int, bytes], TextDecoder, "int | None"], "Curve | None"]
_READERS: dict[str, _Reader] = {
    "LINE": _line,
    "LWPOLYLINE": _lwpolyline,
    "POLYLINE": _polyline,
    "CIRCLE": _circle,
    "ARC": _arc,
    "ELLIPSE": _ezdxf_curve,
    "SPLINE": _ezdxf_curve,
}


def ezdxf_entity(rec: Record, text: TextDecoder) -> Any:
    """The record as an ezdxf entity (no document), for ezdxf's construction tools."""
    load_ezdxf()
    from ezdxf.entities import factory
    from ezdxf.lldxf.extendedtags import ExtendedTags
    from ezdxf.lldxf.tagger import tag_compiler
    from ezdxf.lldxf.types import DXFTag

    raw = [DXFTag(0, rec.type)] + [DXFTag(c, text(v)) for c, v in rec.tags]
    return factory.load(ExtendedTags(tag_compiler(iter(raw))))


def hatch_rings(rec: Record, text: TextDecoder, limit: int | None = None) -> list[np.ndarray]:
    """The boundary loops of a HATCH. Edge paths whose edges are stored out of order or only
    nearly touch (common in exports) come out of ezdxf as several open pieces; they are chained
    end to end here instead of being read as separate, wrong loops. Raises :class:`NonFinite`
    for a boundary at NaN or infinite coordinates and :class:`TooManyVertices` as soon as the
    loops would hold more than ``limit`` vertices.

    Boundaries that are all polylines of straight segments (a solid fill traced from a room's
    outline: nearly every hatch of a floor plan) are read from the tags directly, as ezdxf
    reads them; any other hatch goes through ezdxf's entity and path converter."""
    plain = _straight_polyline_paths(rec.tags)
    if plain is None:
        return _ezdxf_hatch_rings(rec, text, limit)
    rings: list[np.ndarray] = []
    for xy, closed in plain:
        left = None if limit is None else limit - sum(len(r) for r in rings)
        pieces = [_straight_path(xy, closed, left)]
        _add_loops(rings, pieces)
    return rings


def _add_loops(rings: list[np.ndarray], pieces: list[np.ndarray]) -> None:
    """The loops one boundary's pieces make, added to ``rings``."""
    if not all(np.isfinite(x).all() for x in pieces):
        raise NonFinite("a HATCH boundary with NaN or infinite coordinates")
    pieces = [x for x in pieces if len(x) >= 2]
    rings.extend(r for r in chain(pieces) if len(r) >= 3)


def _ezdxf_hatch_rings(rec: Record, text: TextDecoder, limit: int | None) -> list[np.ndarray]:
    """:func:`hatch_rings` through ezdxf: edge paths, bulges, hatches in an OCS."""
    entity = ezdxf_entity(rec, text)
    from ezdxf.entities.boundary_paths import EdgePath
    from ezdxf.path import converter

    try:
        ocs = entity.ocs()
        elevation = entity.dxf.elevation.z
        rings: list[np.ndarray] = []
        left = limit
        for boundary in entity.paths:
            if isinstance(boundary, EdgePath) and len(boundary.edges) > 1:
                pieces = _edge_pieces(boundary, ocs, elevation, left)
            else:
                p = converter.from_hatch_boundary_path(boundary, ocs, elevation=elevation)
                parts = list(p.sub_paths()) if p.has_sub_paths else [p]
                pieces = []
                for sp in parts:
                    pieces.append(flat_xy(sp, left))
                    left = None if left is None else left - len(pieces[-1])
            _add_loops(rings, pieces)
            if limit is not None:
                left = limit - sum(len(r) for r in rings)
        return rings
    finally:
        entity.destroy()  # an ezdxf entity and its namespace refer to each other: a cycle


# The group codes of a HATCH's boundary paths (ezdxf's ``PATH_CODES``; a point's 20 follows its
# 10): the paths are the run of these after the first group 91 of the AcDbHatch subclass.
_PATH_CODES = frozenset({10, 11, 12, 13, 40, 42, 50, 51, 72, 73, 74, 92, 93, 94, 95, 96, 97, 330})
# Bulges smaller than this are straight segments (ezdxf: "bulge values near 0 cause crashes").
_NO_BULGE = 1e-6
# Two ends this close (relative, per coordinate) are one point: ezdxf does not close such a path.
_SAME_END = 1e-10


def _straight_polyline_paths(
    tags: list[tuple[int, bytes]],
) -> list[tuple[list[tuple[float, float]], bool]] | None:
    """A HATCH's boundary paths as (vertices, closed) when every path is a polyline path of
    straight segments in the WCS; None for anything else (edge paths, bulges, an extrusion that
    is not +Z, a structure this reading does not expect), which ezdxf reads instead.

    >>> tags = [(100, b"AcDbHatch"), (91, b"1"), (92, b"2"), (72, b"0"), (73, b"1"),
    ...         (93, b"3"), (10, b"0"), (20, b"0"), (10, b"4"), (20, b"0"), (10, b"4"),
    ...         (20, b"3"), (97, b"0"), (75, b"0")]
    >>> _straight_polyline_paths(tags)
    [([(0.0, 0.0), (4.0, 0.0), (4.0, 3.0)], True)]
    >>> _straight_polyline_paths(tags[:6] + [(10, b"0"), (20, b"0"), (42, b"0.5")]) is None
    True
    """
    try:
        start = _paths_start(tags)
        groups = None if start is None else _path_groups(tags[start:])
        if groups is None:
            return None
        paths = [_straight_polyline(g) for g in groups]
    except ValueError:  # a number that is not one: ezdxf says what is wrong
        return None
    return None if any(p is None for p in paths) else cast("list[_Plain]", paths)


_Plain = tuple[list[tuple[float, float]], bool]


def _paths_start(tags: list[tuple[int, bytes]]) -> int | None:
    """Where a HATCH's boundary paths start: after the first group 91 of its AcDbHatch
    subclass; None when there is none, or when the hatch lies in an OCS that is not the WCS."""
    n = len(tags)
    i = 0
    while i < n and not (tags[i][0] == 100 and tags[i][1].strip() == b"AcDbHatch"):
        i += 1
    head = i + 1
    for i in range(head, n):
        code, value = tags[i]
        if code == 91:
            return i + 1
        if code == 100:
            return None
        if (code == 210 or code == 220) and float(value) != 0.0:
            return None
        if code == 230 and not float(value) > 0.0:
            return None
    return None


def _path_groups(tags: list[tuple[int, bytes]]) -> list[list[tuple[int, bytes]]] | None:
    """The run of boundary-path tags at the start of ``tags``, one list per path (from its
    group 92); None when path data comes before the first path or a point has a Z."""
    groups: list[list[tuple[int, bytes]]] = []
    prev = 0
    for code, value in tags:
        if code == 30 and prev == 20:
            return None
        if code not in _PATH_CODES and not (code == 20 and prev == 10):
            break  # the paths end here (hatch style, pattern …)
        if code == 92:
            groups.append([])
        elif not groups:
            return None
        groups[-1].append((code, value))
        prev = code
    return groups


def _straight_polyline(group: list[tuple[int, bytes]]) -> _Plain | None:
    """One boundary path (its tags from group 92) as (vertices, closed) when it is a polyline
    path of straight segments; None otherwise."""
    if not int(group[0][1]) & 2:
        return None  # an edge path
    xy: list[tuple[float, float]] = []
    closed = False
    x: float | None = None
    for code, value in group[1:]:
        if x is not None:  # a vertex's 10 waits for its 20
            if code != 20:
                return None
            xy.append((x, float(value)))
            x = None
        elif code == 10:
            x = float(value)
        elif code == 42:
            if not xy or abs(float(value)) >= _NO_BULGE:
                return None  # an arc (or a bulge before any vertex)
        elif code == 73:
            closed = bool(int(value))
        elif code not in (72, 93, 97, 330):
            return None  # edge or spline data
    return None if x is not None else (xy, closed)


def _straight_path(xy: list[tuple[float, float]], closed: bool, limit: int | None) -> np.ndarray:
    """A straight polyline path's vertices as ezdxf's path converter gives them: none for fewer
    than two, the start repeated at the end when the path is closed and does not end there."""
    if len(xy) < 2:
        return np.zeros((0, 2))
    (x0, y0), (x1, y1) = xy[0], xy[-1]
    if closed and not (_same(x0, x1) and _same(y0, y1)):
        xy = [*xy, xy[0]]
    if limit is not None and len(xy) > limit:
        raise TooManyVertices(len(xy))
    return np.array(xy, dtype=float).reshape(-1, 2)


def _same(a: float, b: float) -> bool:
    """ezdxf's test of two path ends (its compiled ``isclose``, no absolute tolerance)."""
    diff = abs(b - a)
    return diff <= abs(_SAME_END * b) or diff <= abs(_SAME_END * a) or diff <= 0.0


def _edge_pieces(boundary: Any, ocs: Any, elevation: float, limit: int | None) -> list[np.ndarray]:
    """An edge path edge by edge: ezdxf would join its edges in stored order with straight
    jumps."""
    from ezdxf.entities.boundary_paths import EdgePath
    from ezdxf.path import converter

    pieces = []
    for edge in boundary.edges:
        one = EdgePath()
        one.edges = [edge]
        xy = flat_xy(converter.from_hatch_edge_path(one, ocs, elevation), limit)
        limit = None if limit is None else limit - len(xy)
        full = abs(getattr(edge, "end_angle", 0) - getattr(edge, "start_angle", 0))
        if len(xy) >= 3 and full < 359.999 and np.allclose(xy[-1], xy[0]):
            xy = xy[:-1]  # the converter closes every path; one edge is not closed
        pieces.append(xy)
    return pieces


def flat_xy(p: Any, limit: int | None = None) -> np.ndarray:
    """An ezdxf path's vertices as an (n, 2) array; curves flattened to a chord error of 1/500
    of the path's size (below drawing precision), straight paths taken as they are. More than
    ``limit`` vertices raise :class:`TooManyVertices`: flattening stops at the first one over."""
    if not p.has_curves:
        verts = p.control_vertices()
        if limit is not None and len(verts) > limit:
            raise TooManyVertices(len(verts))
        return np.array([(v.x, v.y) for v in verts], dtype=float).reshape(-1, 2)
    cv = np.array([(v.x, v.y) for v in p.control_vertices()], dtype=float)
    size = float(np.ptp(cv, axis=0).max()) if len(cv) else 1.0
    chord = max(size * _PATH_CHORD, 1e-9) if np.isfinite(size) else 1.0
    points = p.flattening(distance=chord)
    if limit is not None:
        points = itertools.islice(points, max(limit, 0) + 1)
    out = np.array([(v.x, v.y) for v in points], dtype=float).reshape(-1, 2)
    if limit is not None and len(out) > limit:
        raise TooManyVertices(len(out))
    return out


def chain(pieces: list[np.ndarray]) -> list[np.ndarray]:
    """Join open polylines end to end (reversing where needed) into closed loops; ends closer
    than 1 % of the whole boundary's size count as touching.

    >>> a = np.array([[0.0, 0], [1, 0], [1, 1]]); b = np.array([[0.0, 0], [0, 1], [1, 1]])
    >>> [len(r) for r in chain([a, b])]
    [4]
    """
    if not pieces:
        return []
    allp = np.vstack(pieces)
    tol = max(float(np.ptp(allp, axis=0).max()) * _CHAIN_TOLERANCE, 1e-9)

    def gap(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.hypot(*(a - b)))

    rings = [p for p in pieces if len(p) >= 3 and gap(p[0], p[-1]) <= tol]
    rest = [p for p in pieces if not (len(p) >= 3 and gap(p[0], p[-1]) <= tol)]
    while rest:
        cur = rest.pop(0)
        while rest and gap(cur[0], cur[-1]) > tol:
            ends = [(gap(cur[-1], q[0]), i, False) for i, q in enumerate(rest)]
            ends += [(gap(cur[-1], q[-1]), i, True) for i, q in enumerate(rest)]
            d, i, flip = min(ends)
            if d > tol:
                break
            q = rest.pop(i)
            q = q[::-1] if flip else q
            cur = np.vstack([cur[:-1], q])  # ends that nearly touch meet at the next piece
        if len(cur) > 2 and gap(cur[0], cur[-1]) <= tol:
            cur = cur[:-1]
        if len(cur) >= 3:
            rings.append(cur)
    return rings


def shoelace(xy: np.ndarray) -> float:
    """Signed area of a ring (counter-clockwise positive).

    >>> shoelace(np.array([[0.0, 0], [2, 0], [2, 1], [0, 1]]))
    2.0
    """
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def thin(pts: np.ndarray, closed: bool, cap: int) -> tuple[np.ndarray, float]:
    """A curve of more than ``cap`` vertices with at most ``cap``, and how far (drawing units)
    the thinned curve may lie from the original: first repeated vertices and vertices exactly
    on the line through their neighbours go (nothing moves); if that is not enough, the curve
    keeps the first vertex of each run of consecutive vertices in one cell of a square grid,
    the grid doubling until the curve fits (every vertex left out lies in the cell of one kept,
    so nothing moves further than the cell's diagonal). Linear in the vertices per pass, with no
    recursion: a Douglas–Peucker simplification (GEOS's) is quadratic on a sawtooth and
    overflows its stack past about 100,000 teeth.

    >>> line = np.column_stack([np.linspace(0, 10, 1001), np.zeros(1001)])
    >>> out, moved = thin(line, False, 100); len(out), moved
    (2, 0.0)
    >>> zigzag = np.column_stack([np.arange(1000.0), np.arange(1000) % 2])
    >>> out, moved = thin(zigzag, False, 100); len(out) <= 100, 0 < moved < 30
    (True, True)
    """
    if len(pts) <= cap:
        return pts, 0.0
    pts = _drop_straight(pts, closed)
    if len(pts) <= cap:
        return pts, 0.0
    lo = pts.min(axis=0)
    extent = float((pts.max(axis=0) - lo).max()) or 1.0
    cell = extent * 1e-6
    while True:
        cells = np.floor((pts - lo) / cell).astype(np.int64)
        first = np.r_[True, (cells[1:] != cells[:-1]).any(axis=1)]
        if not closed:
            first[-1] = True  # an open curve keeps both its ends
        out = pts[first]
        if closed and len(out) > 1 and (cells[0] == cells[first][-1]).all():
            out = out[:-1]  # the last run is in the first one's cell
        if len(out) <= cap or cell > 2 * extent:
            return out, cell * math.sqrt(2.0)
        cell *= 2.0


def _drop_straight(pts: np.ndarray, closed: bool) -> np.ndarray:
    """``pts`` without repeated vertices and without vertices on the line through their
    neighbours (to rounding: 1e-12 of the segments' lengths, so that no run of them can bend)."""
    keep = np.r_[True, (np.diff(pts, axis=0) != 0).any(axis=1)]
    pts = pts[keep]
    if len(pts) < 3:
        return pts
    prev = np.roll(pts, 1, axis=0)
    nxt = np.roll(pts, -1, axis=0)
    a, b = pts - prev, nxt - pts
    cross = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]
    dot = (a * b).sum(axis=1)
    la, lb = np.hypot(a[:, 0], a[:, 1]), np.hypot(b[:, 0], b[:, 1])
    straight = (np.abs(cross) <= 1e-12 * la * lb) & (dot > 0)
    if not closed:
        straight[0] = straight[-1] = False
    if straight.all():  # a closed "ring" on one line: keep it as it is, a rule will say
        return pts
    return pts[~straight]
