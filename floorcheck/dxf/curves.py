"""Curves as vertex arrays: lines, polylines with bulges, arcs and circles, ellipses and splines,
hatch boundaries — in the entity's own drawing units, flattened to a chord error far below
drawing precision."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .affine import to_wcs
from .tags import Record, TextDecoder, tag_float

__all__ = [
    "CURVES",
    "arc_points",
    "bulge_polyline",
    "flatten",
    "hatch_rings",
    "ezdxf_entity",
    "flat_xy",
    "chain",
    "shoelace",
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


def arc_points(
    cx: float, cy: float, r: float, start: float, sweep: float, closed_circle: bool = False
) -> np.ndarray:
    """Points on an arc (radians, counter-clockwise sweep), sagitta ≤ r/1000.

    >>> arc_points(0, 0, 1, 0, math.pi / 2).shape
    (19, 2)
    """
    step = 2.0 * math.acos(1.0 - _ARC_SAGITTA)
    n = max(2, int(math.ceil(abs(sweep) / step)) + 1)
    if closed_circle:
        n = max(n, _CIRCLE_MIN_POINTS)
    t = start + np.linspace(0.0, sweep, n)
    return np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)])


def bulge_polyline(xy: list[tuple[float, float]], bulges: list[float], closed: bool) -> np.ndarray:
    """A polyline's vertices with each bulged segment replaced by its arc.

    >>> pts = bulge_polyline([(0, 0), (2, 0)], [1.0, 0.0], False)  # bulge 1: a half circle
    >>> len(pts), pts[18].round(6).tolist()
    (37, [1.0, -1.0])
    """
    if not any(bulges):
        return np.asarray(xy, dtype=float).reshape(-1, 2)
    out: list[np.ndarray] = []
    n = len(xy)
    last = n if closed else n - 1
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


def flatten(rec: Record, d: dict[int, bytes], text: TextDecoder) -> Curve | None:
    """A curve entity (one of :data:`CURVES`) as world-coordinate vertices and whether it is
    closed; None when it has no usable geometry. A curve that ends where it starts is closed,
    whatever its flag says, and its last vertex dropped."""
    curve = _READERS[rec.type](rec, d, text)
    if curve is None:
        return None
    pts, closed = curve
    if len(pts) < 2 or not np.isfinite(pts).all():
        return None
    if len(pts) > 2 and abs(pts[0] - pts[-1]).max() <= 1e-9 * (1.0 + abs(pts[0]).max()):
        closed = True
        pts = pts[:-1]
    return pts, closed


def _line(rec: Record, d: dict[int, bytes], text: TextDecoder) -> Curve | None:
    f = tag_float
    return np.array([[f(d, 10), f(d, 20)], [f(d, 11), f(d, 21)]]), False


def _lwpolyline(rec: Record, d: dict[int, bytes], text: TextDecoder) -> Curve | None:
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
    return to_wcs(d, bulge_polyline(xy, bulges, closed)), closed


def _polyline(rec: Record, d: dict[int, bytes], text: TextDecoder) -> Curve | None:
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
    pts = bulge_polyline(xy, bulges, closed)
    if not flags & 8:  # 2-D polylines are in OCS
        pts = to_wcs(d, pts)
    return pts, closed


def _circle(rec: Record, d: dict[int, bytes], text: TextDecoder) -> Curve | None:
    r = tag_float(d, 40)
    if not r > 0:
        return None
    pts = arc_points(tag_float(d, 10), tag_float(d, 20), r, 0.0, 2 * math.pi, True)[:-1]
    return to_wcs(d, pts), True


def _arc(rec: Record, d: dict[int, bytes], text: TextDecoder) -> Curve | None:
    r = tag_float(d, 40)
    if not r > 0:
        return None
    a0, a1 = math.radians(tag_float(d, 50)), math.radians(tag_float(d, 51))
    sweep = (a1 - a0) % (2 * math.pi) or 2 * math.pi
    return to_wcs(d, arc_points(tag_float(d, 10), tag_float(d, 20), r, a0, sweep)), False


def _ezdxf_curve(rec: Record, d: dict[int, bytes], text: TextDecoder) -> Curve | None:
    """ELLIPSE and SPLINE, through ezdxf's construction tools."""
    from ezdxf import path as ezpath

    entity = ezdxf_entity(rec, text)
    p = ezpath.make_path(entity)
    if len(p) == 0 and rec.type != "ELLIPSE":
        return None
    return flat_xy(p), bool(p.is_closed or getattr(entity, "closed", False))


_READERS: dict[str, Callable[[Record, dict[int, bytes], TextDecoder], Curve | None]] = {
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
    from ezdxf.entities import factory
    from ezdxf.lldxf.extendedtags import ExtendedTags
    from ezdxf.lldxf.tagger import tag_compiler
    from ezdxf.lldxf.types import DXFTag

    raw = [DXFTag(0, rec.type)] + [DXFTag(c, text(v)) for c, v in rec.tags]
    return factory.load(ExtendedTags(tag_compiler(iter(raw))))


def hatch_rings(rec: Record, text: TextDecoder) -> list[np.ndarray]:
    """The boundary loops of a HATCH. Edge paths whose edges are stored out of order or only
    nearly touch (common in exports) come out of ezdxf as several open pieces; they are chained
    end to end here instead of being read as separate, wrong loops."""
    from ezdxf.entities.boundary_paths import EdgePath
    from ezdxf.path import converter

    entity = ezdxf_entity(rec, text)
    ocs = entity.ocs()
    elevation = entity.dxf.elevation.z
    rings: list[np.ndarray] = []
    for boundary in entity.paths:
        if isinstance(boundary, EdgePath) and len(boundary.edges) > 1:
            pieces = _edge_pieces(boundary, ocs, elevation)
        else:
            p = converter.from_hatch_boundary_path(boundary, ocs, elevation=elevation)
            parts = list(p.sub_paths()) if p.has_sub_paths else [p]
            pieces = [flat_xy(sp) for sp in parts]
        pieces = [x for x in pieces if len(x) >= 2 and np.isfinite(x).all()]
        rings.extend(r for r in chain(pieces) if len(r) >= 3)
    return rings


def _edge_pieces(boundary: Any, ocs: Any, elevation: float) -> list[np.ndarray]:
    """An edge path edge by edge: ezdxf would join its edges in stored order with straight
    jumps."""
    from ezdxf.entities.boundary_paths import EdgePath
    from ezdxf.path import converter

    pieces = []
    for edge in boundary.edges:
        one = EdgePath()
        one.edges = [edge]
        xy = flat_xy(converter.from_hatch_edge_path(one, ocs, elevation))
        full = abs(getattr(edge, "end_angle", 0) - getattr(edge, "start_angle", 0))
        if len(xy) >= 3 and full < 359.999 and np.allclose(xy[-1], xy[0]):
            xy = xy[:-1]  # the converter closes every path; one edge is not closed
        pieces.append(xy)
    return pieces


def flat_xy(p: Any) -> np.ndarray:
    """An ezdxf path's vertices as an (n, 2) array; curves flattened to a chord error of 1/500
    of the path's size (below drawing precision), straight paths taken as they are."""
    if not p.has_curves:
        return np.array([(v.x, v.y) for v in p.control_vertices()], dtype=float).reshape(-1, 2)
    cv = np.array([(v.x, v.y) for v in p.control_vertices()], dtype=float)
    size = float(np.ptp(cv, axis=0).max()) if len(cv) else 1.0
    chord = max(size * _PATH_CHORD, 1e-9) if np.isfinite(size) else 1.0
    return np.array([(v.x, v.y) for v in p.flattening(distance=chord)], dtype=float).reshape(-1, 2)


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
