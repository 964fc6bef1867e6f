"""Rooms closed from the walls, in metres, for labels that lie in no drawn boundary: door
openings and wall gaps are bridged, the lines noded and polygonized, and each unplaced label
takes the smallest face that holds it."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from ..model import Diagnostic, Zone
from .collected import Thing
from .labels import PlacedLabels, name_region, point_array
from .options import ReadOptions

__all__ = ["doorway_width", "rooms_from_walls", "unplaced_labels", "door_closures", "gap_bridges"]

_DEFAULTS = ReadOptions()

Segment = tuple[tuple[float, float], tuple[float, float]]


def doorway_width(door_blocks: Sequence[Thing], s: float, options: ReadOptions) -> float:
    """The widest wall gap bridged as an opening (m): the default, or wider for wide doors."""
    widths = [b.local_width * s for b in door_blocks if b.local_width > 0]
    return max([options.doorway_max_m, *(options.doorway_per_door_width * w for w in widths)])


def rooms_from_walls(
    walls: list[LineString],
    door_blocks: Sequence[Thing],
    s: float,
    labels: PlacedLabels,
    types: Sequence[str | None],
    orphans: list[int],
    zones: Sequence[Zone],
    bridge_m: float,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
) -> tuple[list[Zone], list[int], np.ndarray]:
    """Close rooms implied only by walls: bridge door and window openings (each door block's
    threshold, and every gap up to ``bridge_m`` between wall ends that continue each other in
    line), node the lines, polygonize, and take the smallest face that holds each label.

    Returns the recovered zones, the labels still without a room, and the wall ends left open
    (for the finding that says where a room leaks)."""
    lines = list(walls)
    lines.extend(door_closures(walls, _thresholds(door_blocks, s), options))
    bridges, open_ends = gap_bridges(walls, bridge_m, options)
    lines.extend(bridges)
    noded = shapely.unary_union(shapely.set_precision(lines, options.node_grid_m))
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))))
    if not faces:
        return [], orphans, open_ends
    in_face, left = _faces_of_labels(faces, orphans, labels, zones, options)
    recovered = []
    for key, lis in in_face.items():
        face = faces[key]
        named = [(i, types[i]) for i in lis]
        where = ("one room closed from the walls", "由墙体围合的一个房间内")
        li, type_id = name_region(named, face, labels, where, diagnostics)
        lb = labels.labels[li]
        recovered.append(
            Zone("", type_id or "unknown", face, label=lb.text, layer=f"{lb.layer} (walls)")
        )
    return recovered, left, open_ends


def _thresholds(door_blocks: Sequence[Thing], s: float) -> list[Segment]:
    """Each door block's opening (m): its X extent on its X axis."""
    out: list[Segment] = []
    for b in door_blocks:
        n = math.hypot(*b.x_axis)
        if b.local_width <= 0 or n <= 0:
            continue
        ux, uy = b.x_axis[0] / n, b.x_axis[1] / n
        half = b.local_width / 2
        mx, my = b.axis_mid
        out.append(
            (
                ((mx - ux * half) * s, (my - uy * half) * s),
                ((mx + ux * half) * s, (my + uy * half) * s),
            )
        )
    return out


def _faces_of_labels(
    faces: list[BaseGeometry],
    orphans: list[int],
    labels: PlacedLabels,
    zones: Sequence[Zone],
    options: ReadOptions,
) -> tuple[dict[int, list[int]], list[int]]:
    """The labels of each face that becomes a room (the smallest face holding the label, of a
    room's size, not mostly covered by drawn zones), and the labels left without one."""
    tree = shapely.STRtree(faces)
    in_face: dict[int, list[int]] = {}
    left = []
    taken = shapely.union_all([z.geometry for z in zones]) if zones else None
    for li in orphans:
        hits = tree.query(Point(labels.xy[li]), predicate="within")
        if not len(hits):
            left.append(li)
            continue
        key = int(min(hits, key=lambda i: faces[i].area))
        face = faces[key]
        if not (options.room_min_m2 <= face.area <= options.room_max_m2) or (
            taken is not None
            and face.intersection(taken).area > options.room_taken_share * face.area
        ):
            left.append(li)
            continue
        in_face.setdefault(key, []).append(li)
    return in_face, left


def unplaced_labels(
    orphans: list[int],
    labels: PlacedLabels,
    open_ends: np.ndarray,
    bridge_m: float,
    options: ReadOptions,
) -> list[Diagnostic]:
    """FC003 for each label that names a zone type but lies in no zone; when a wall end is left
    open nearby, where the room around it leaks."""
    out = []
    for i in orphans:
        lb = labels.labels[i]
        x, y = labels.xy[i]
        why, why_zh = "", ""
        if len(open_ends):
            d = np.hypot(open_ends[:, 0] - x, open_ends[:, 1] - y)
            k = int(np.argmin(d))
            if d[k] <= options.open_end_report_m:
                ex, ey = open_ends[k]
                why = (
                    f"; no room closes around it from the walls: the nearest open wall end is "
                    f"at ({ex:.2f}, {ey:.2f}), {d[k]:.1f} m away (gaps up to {bridge_m:.1f} m "
                    "are bridged as doorways)"
                )
                why_zh = (
                    f"；墙线未围合成房间：最近的墙线断头位于 ({ex:.2f}, {ey:.2f})，"
                    f"距标注 {d[k]:.1f} m（不超过 {bridge_m:.1f} m 的缺口按门洞封闭）"
                )
        out.append(
            Diagnostic(
                "FC003",
                f"label {lb.text!r} (layer {lb.layer}) lies in no zone boundary" + why,
                message_zh=f"标注「{lb.text}」（图层 {lb.layer}）不在任何区域边界内" + why_zh,
                location=(round(x, 3), round(y, 3)),
            )
        )
    return out


def door_closures(
    walls: list[LineString],
    thresholds: list[Segment],
    options: ReadOptions = _DEFAULTS,
) -> list[LineString]:
    """Lines that close each door opening where the room ends: the threshold (the door block's
    opening on its own axis) and its copies moved onto the wall faces, found from the jambs —
    wall vertices in line with the opening's two ends. A room then measures to the wall faces,
    not into the opening (without jambs, only the threshold closes it).

    >>> walls = [LineString([(-1, -0.1), (0, -0.1), (0, 0.1), (-1, 0.1)]),
    ...          LineString([(3, -0.1), (1, -0.1), (1, 0.1), (3, 0.1)])]
    >>> sorted(round(g.coords[0][1], 2) for g in door_closures(walls, [((0, 0), (1, 0))]))
    [-0.1, 0.0, 0.1]
    """
    if not thresholds:
        return []
    out = [LineString(t) for t in thresholds]
    verts = np.vstack([np.asarray(w.coords)[:, :2] for w in walls]) if walls else np.zeros((0, 2))
    if not len(verts):
        return out
    tree = shapely.STRtree(point_array(verts))
    for a_, b_ in thresholds:
        a, b = np.asarray(a_, float), np.asarray(b_, float)
        length = float(np.hypot(*(b - a)))
        if length <= 0:
            continue
        u = (b - a) / length
        n = np.array([-u[1], u[0]])
        offsets = []
        for end in (a, b):
            near = tree.query(Point(end), predicate="dwithin", distance=options.jamb_search_m)
            rel = verts[near] - end
            du, dn = rel @ u, rel @ n
            jamb = dn[(np.abs(du) <= options.jamb_inline_m) & (np.abs(dn) <= options.jamb_search_m)]
            offsets.append(jamb)
        if not (len(offsets[0]) and len(offsets[1])):
            continue
        lo = max(offsets[0].min(), offsets[1].min())
        hi = min(offsets[0].max(), offsets[1].max())
        for t in {round(float(lo), 4), round(float(hi), 4)}:
            if abs(t) > 1e-3:  # a face this close to the threshold is the threshold
                out.append(LineString([a + n * t, b + n * t]))
    return out


def gap_bridges(
    walls: list[LineString], max_gap: float, options: ReadOptions = _DEFAULTS
) -> tuple[list[LineString], np.ndarray]:
    """Segments that close openings between wall ends continuing each other in line (a door or
    window left as a gap in single- or double-line walls), each end to its nearest partner;
    and the wall ends that stay open (touching nothing).

    >>> a = LineString([(0, 0), (4, 0)]); b = LineString([(5, 0), (9, 0)])
    >>> [list(g.coords) for g in gap_bridges([a, b], 2.4)[0]]
    [[(4.0, 0.0), (5.0, 0.0)]]
    """
    coords = [np.asarray(w.coords)[:, :2] for w in walls]
    coords = [c for c in coords if len(c) >= 2]
    if not coords:
        return [], np.zeros((0, 2))
    ends = np.array([c[k] for c in coords for k in (0, -1)])
    back = np.array([c[k] for c in coords for k in (1, -2)])
    out = ends - back
    norm = np.hypot(out[:, 0], out[:, 1])
    ok = norm > 1e-9
    out[ok] /= norm[ok, None]
    pts = point_array(ends)
    i, j, d = _facing_pairs(ends, out, ok, pts, max_gap, options)
    taken = np.zeros(len(ends), dtype=bool)
    bridges = []
    for k in np.argsort(d, kind="stable"):
        a, b = int(i[k]), int(j[k])
        if taken[a] or taken[b]:
            continue
        taken[a] = taken[b] = True
        bridges.append(LineString([ends[a], ends[b]]))
    # ends that touch no other wall line and were not bridged: where a room can leak
    wall_tree = shapely.STRtree(walls)
    pi, _ = wall_tree.query(pts, predicate="dwithin", distance=options.wall_touch_m)
    touching = np.bincount(pi, minlength=len(ends))
    open_ends = ends[(touching <= 1) & ~taken]
    return bridges, open_ends


def _facing_pairs(
    ends: np.ndarray,
    out: np.ndarray,
    ok: np.ndarray,
    pts: np.ndarray,
    max_gap: float,
    options: ReadOptions,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i, j, distance) of wall ends up to ``max_gap`` apart that continue each other:
    both point at each other (``out``: each end's outward direction), and the far end lies on
    the near line's extension."""
    tree = shapely.STRtree(pts)
    i, j = tree.query(pts, predicate="dwithin", distance=max_gap)
    keep = (i < j) & ok[i] & ok[j]
    i, j = i[keep], j[keep]
    v = ends[j] - ends[i]
    d = np.hypot(v[:, 0], v[:, 1])
    good = d > 1e-6
    i, j, v, d = i[good], j[good], v[good], d[good]
    u = v / d[:, None]
    cos = math.cos(math.radians(options.gap_angle_deg))
    lateral = np.abs(v[:, 0] * out[i][:, 1] - v[:, 1] * out[i][:, 0])
    inline = (
        (np.einsum("ij,ij->i", u, out[i]) > cos)
        & (np.einsum("ij,ij->i", u, out[j]) < -cos)
        & (lateral <= options.gap_lateral_m)
    )
    return i[inline], j[inline], d[inline]
