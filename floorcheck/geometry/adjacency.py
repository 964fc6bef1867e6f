"""The zone adjacency graph: which zones touch, along how much boundary, and through what.

Two zones are adjacent when their boundaries run within the wall tolerance of each other for at
least the minimum contact length (RULES.md: 0.40 m and 0.5 m by default). The boundary between
them is ``open`` (no wall along a stretch of at least ``min_open_m``), ``door`` (closed by walls
except for doors) or ``wall``. Entrances are nodes too (``ENTRANCE:D1``), joined to the zone they
open into. Candidate pairs come from an STRtree; no pair of zones is tested blindly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import shapely
from shapely import wkt
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from ..config import GEOMETRY_SETTINGS
from ..model import Door, Plan, Zone
from .index import ZoneIndex

__all__ = [
    "AdjacencyOptions",
    "build_graph",
    "door_sides",
    "graph_to_json",
    "graph_to_graphml",
    "entrance_node",
]


@dataclass(frozen=True)
class AdjacencyOptions:
    """The ``[geometry]`` settings (defaults in :data:`floorcheck.config.GEOMETRY_SETTINGS`)."""

    wall_tolerance_m: float = GEOMETRY_SETTINGS["wall_tolerance_m"]
    min_contact_m: float = GEOMETRY_SETTINGS["min_contact_m"]
    min_open_m: float = GEOMETRY_SETTINGS["min_open_m"]


def entrance_node(door: Door) -> str:
    return f"ENTRANCE:{door.id}"


def door_sides(door: Door, index: ZoneIndex, reach_m: float) -> tuple[Zone | None, Zone | None]:
    """The zones on either side of a door (None where the door opens onto no zone)."""
    a = math.radians(door.angle_deg)
    nx_, ny_ = -math.sin(a), math.cos(a)
    x, y = door.position
    left = index.zone_at((x + nx_ * reach_m, y + ny_ * reach_m))
    right = index.zone_at((x - nx_ * reach_m, y - ny_ * reach_m))
    return left, right


def straight_runs(
    contact: BaseGeometry, min_length_m: float, max_turn_deg: float = 30.0
) -> BaseGeometry:
    """The runs of ``contact`` that go on straight (or gently curved) for more than ``min_length_m``.

    A zone's boundary inside its neighbour's tolerance band also holds short legs where the
    boundary turns away (at corners, at the ends of a shared wall); those legs are at most the
    tolerance long and are dropped, so zones that touch only at a corner are not adjacent.

    >>> from shapely.geometry import LineString
    >>> round(straight_runs(LineString([(0, 0.4), (0, 0), (0.4, 0)]), 0.41).length, 3)
    0.0
    >>> round(straight_runs(LineString([(0, 0.4), (0, 0), (3, 0), (3, 0.4)]), 0.41).length, 3)
    3.0
    """
    return straight_runs_many(np.asarray([contact], dtype=object), min_length_m, max_turn_deg)[0]


def straight_runs_many(
    contacts: np.ndarray, min_length_m: float, max_turn_deg: float = 30.0
) -> np.ndarray:
    """:func:`straight_runs` for an array of contacts at once, in numpy (no loop over pairs)."""
    n = len(contacts)
    out = np.array([LineString()] * n, dtype=object)
    if n == 0:
        return out
    merged = shapely.line_merge(shapely.force_2d(contacts))
    parts, owner = shapely.get_parts(merged, return_index=True)
    lines = shapely.get_type_id(parts) == 1
    parts, owner = parts[lines], owner[lines]
    if not len(parts):
        return out
    xy, part_of = shapely.get_coordinates(parts, return_index=True)
    same = part_of[1:] == part_of[:-1]
    seg_start, seg_end = xy[:-1][same], xy[1:][same]
    seg_part = part_of[:-1][same]
    vec = seg_end - seg_start
    length = np.hypot(vec[:, 0], vec[:, 1])
    ok = length > 1e-9
    seg_start, seg_end, seg_part, vec, length = (
        seg_start[ok],
        seg_end[ok],
        seg_part[ok],
        vec[ok],
        length[ok],
    )
    if not len(length):
        return out
    unit = vec / length[:, None]
    new_run = np.ones(len(length), dtype=bool)
    cont = seg_part[1:] == seg_part[:-1]
    straight = np.einsum("ij,ij->i", unit[:-1], unit[1:]) >= math.cos(math.radians(max_turn_deg))
    new_run[1:] = ~(cont & straight)
    run = np.cumsum(new_run) - 1
    run_len = np.bincount(run, weights=length)
    keep_run = run_len > min_length_m
    keep = keep_run[run]
    if not keep.any():
        return out
    run_k, start_k, end_k = run[keep], seg_start[keep], seg_end[keep]
    last = np.ones(len(run_k), dtype=bool)
    last[:-1] = run_k[1:] != run_k[:-1]
    # every segment's start point, and the end point after the last segment of each run
    pts = np.vstack([start_k, end_k[last]])
    ids = np.concatenate([run_k, run_k[last]])
    order = np.lexsort(
        (np.concatenate([np.arange(len(run_k)), np.full(last.sum(), len(run_k) + 1)]), ids)
    )
    runs_unique, run_index = np.unique(ids[order], return_inverse=True)
    run_lines = np.asarray(shapely.linestrings(pts[order], indices=run_index))
    run_owner = owner[seg_part[keep][last]]
    # runs come grouped by contact (parts keep their order): split at each change of owner
    order = np.argsort(run_owner, kind="stable")
    owners, starts = np.unique(run_owner[order], return_index=True)
    for contact_index, mine in zip(
        owners.tolist(), np.split(run_lines[order], starts[1:]), strict=True
    ):
        out[contact_index] = mine[0] if len(mine) == 1 else shapely.multilinestrings(mine)
    return out


def _wall_cover(walls: Sequence[BaseGeometry], tol: float):
    """An STRtree over the walls widened by half the tolerance, and the widened walls."""
    if not walls:
        return None, []
    widened = list(shapely.buffer(np.asarray(walls, dtype=object), tol / 2, cap_style="flat"))
    return shapely.STRtree(widened), widened


def build_graph(
    plan: Plan, options: AdjacencyOptions | None = None, index: ZoneIndex | None = None
) -> nx.Graph[str]:
    """Build the adjacency graph of ``plan`` (see the module doc)."""
    opt = options or AdjacencyOptions()
    index = index or ZoneIndex(plan.zones)
    g: nx.Graph[str] = nx.Graph()
    for z in index.zones:
        c = z.geometry.representative_point()
        g.add_node(
            z.id,
            kind="zone",
            type=z.type,
            public=z.public,
            area_m2=round(z.area_m2, 2),
            x=c.x,
            y=c.y,
        )
    if index.zones:
        _add_contacts(g, plan, index, opt)
        _add_doors(g, plan, index, opt.wall_tolerance_m)
    return g


def _add_contacts(g: nx.Graph[str], plan: Plan, index: ZoneIndex, opt: AdjacencyOptions) -> None:
    """An edge for each pair of zones sharing a straight run of boundary, open where no wall or
    door covers it: one STRtree query and vectorised overlays for all pairs."""
    tol = opt.wall_tolerance_m
    zones = index.zones
    geoms = np.asarray([z.geometry for z in zones], dtype=object)
    grown = shapely.buffer(geoms, tol)
    left, right = index.tree.query(grown, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if not len(left):
        return
    raw = shapely.intersection(shapely.boundary(geoms)[left], grown[right])
    ok = shapely.length(raw) >= opt.min_contact_m
    left, right = left[ok], right[ok]
    contacts = straight_runs_many(raw[ok], tol + 1e-6)
    lengths = shapely.length(contacts)
    ok = lengths >= opt.min_contact_m
    left, right, contacts, lengths = left[ok], right[ok], contacts[ok], lengths[ok]
    open_parts = contacts.copy()
    # subtract the walls along each contact, one wall per round, vectorised over contacts
    wall_tree, widened = _wall_cover(plan.walls, tol)
    if wall_tree is not None and len(contacts):
        ci, wi = wall_tree.query(contacts, predicate="intersects")
        _subtract_in_rounds(open_parts, ci, np.asarray(widened, dtype=object)[wi])
    doors_at = _doors_along(plan.doors, contacts, open_parts, tol)
    open_lengths = shapely.length(open_parts)
    mids = shapely.line_interpolate_point(contacts, 0.5, normalized=True)
    for k, (i, j) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        doors_here = doors_at.get(k, [])
        open_len = float(open_lengths[k])
        kind = "open" if open_len >= opt.min_open_m else ("door" if doors_here else "wall")
        _add_edge(
            g,
            zones[i].id,
            zones[j].id,
            kind=kind,
            length_m=round(float(lengths[k]), 3),
            open_length_m=round(open_len, 3),
            doors=[d.id for d in doors_here],
            door_widths=[d.width_m for d in doors_here],
            staff_only=bool(doors_here) and all(d.staff_only for d in doors_here),
            x=float(shapely.get_x(mids[k])),
            y=float(shapely.get_y(mids[k])),
            geometry=contacts[k],
            open_geometry=open_parts[k] if open_len > 0 else None,
        )


def _doors_along(
    doors: Sequence[Door], contacts: np.ndarray, open_parts: np.ndarray, tol: float
) -> dict[int, list[Door]]:
    """The doors on each contact (by index); their openings are cut out of ``open_parts``."""
    doors_at: dict[int, list[Door]] = {}
    if not doors or not len(contacts):
        return doors_at
    tree = shapely.STRtree([Point(d.position) for d in doors])
    ci, di = tree.query(contacts, predicate="dwithin", distance=tol)
    for c, d in zip(ci.tolist(), di.tolist(), strict=True):
        doors_at.setdefault(c, []).append(doors[d])
    if len(di):
        discs = shapely.buffer(
            shapely.points([doors[d].position for d in di]),
            np.array([doors[d].width_m / 2 + tol / 2 for d in di]),
        )
        _subtract_in_rounds(open_parts, ci, discs)
    return doors_at


def _add_doors(g: nx.Graph[str], plan: Plan, index: ZoneIndex, tol: float) -> None:
    """Doors join the zones on their two sides even where the contact is short; entrances join
    the outside to the zone they open into."""
    sides = _all_door_sides(plan.doors, index, tol / 2 + 0.3)
    for d, (a, b) in zip(plan.doors, sides, strict=True):
        if a is not None and b is not None and a.id != b.id:
            if g.has_edge(a.id, b.id):
                _join_door(g.edges[a.id, b.id], d)
            else:
                _door_edge(g, a.id, b.id, d)
        if d.entrance:
            inside = a or b or index.zone_at(d.position, tolerance=tol + 0.5)
            node = entrance_node(d)
            g.add_node(
                node, kind="entrance", main=d.main, x=d.position[0], y=d.position[1], door=d.id
            )
            if inside is not None:
                _door_edge(g, node, inside.id, d)


def _join_door(e: dict[str, Any], d: Door) -> None:
    """Add a door to an existing edge: a wall with a door becomes a door edge."""
    if d.id in e["doors"]:
        return
    first = not e["doors"]
    e["doors"].append(d.id)
    e["door_widths"].append(d.width_m)
    e["staff_only"] = d.staff_only if first else (e["staff_only"] and d.staff_only)
    if e["kind"] == "wall":
        e["kind"] = "door"


def _subtract_in_rounds(targets: np.ndarray, owner: np.ndarray, cutters: np.ndarray) -> None:
    """targets[owner[k]] -= cutters[k] for every k, vectorised: one cutter per target per round."""
    if not len(owner):
        return
    order = np.argsort(owner, kind="stable")
    owner, cutters = owner[order], cutters[order]
    first = np.r_[True, owner[1:] != owner[:-1]]
    rank = np.arange(len(owner)) - np.maximum.accumulate(np.where(first, np.arange(len(owner)), 0))
    for r in range(int(rank.max()) + 1):
        sel = rank == r
        idx = owner[sel]
        targets[idx] = shapely.difference(targets[idx], cutters[sel])


def _all_door_sides(
    doors: Sequence[Door], index: ZoneIndex, reach_m: float
) -> list[tuple[Zone | None, Zone | None]]:
    """:func:`door_sides` for every door at once (one vectorised point-in-zone query)."""
    if not doors:
        return []
    pts = []
    for d in doors:
        a = math.radians(d.angle_deg)
        nx_, ny_ = -math.sin(a) * reach_m, math.cos(a) * reach_m
        pts += [
            (d.position[0] + nx_, d.position[1] + ny_),
            (d.position[0] - nx_, d.position[1] - ny_),
        ]
    found = index.zones_at(pts)
    return [(found[2 * k], found[2 * k + 1]) for k in range(len(doors))]


def _door_edge(g: nx.Graph[str], a: str, b: str, d: Door) -> None:
    """An edge made by one door alone (no shared boundary long enough to count)."""
    _add_edge(
        g,
        a,
        b,
        kind="door",
        length_m=d.width_m,
        open_length_m=0.0,
        doors=[d.id],
        door_widths=[d.width_m],
        staff_only=d.staff_only,
        x=d.position[0],
        y=d.position[1],
        geometry=Point(d.position),
        open_geometry=None,
    )


def _add_edge(g: nx.Graph[str], a: str, b: str, **attrs: object) -> None:
    g.add_edge(a, b, **attrs)


def _plain(value: object) -> object:
    if isinstance(value, BaseGeometry):
        return wkt.dumps(value, rounding_precision=3)
    if isinstance(value, float):
        return round(value, 3)
    return value


def graph_to_json(g: nx.Graph[str]) -> str:
    """Nodes and edges as JSON (geometry as WKT), for designers' scripts."""
    data = {
        "nodes": [
            {"id": n, **{k: _plain(v) for k, v in attrs.items()}} for n, attrs in g.nodes(data=True)
        ],
        "edges": [
            {"source": a, "target": b, **{k: _plain(v) for k, v in attrs.items() if v is not None}}
            for a, b, attrs in g.edges(data=True)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def graph_to_graphml(g: nx.Graph[str]) -> str:
    """GraphML (lists joined with commas, geometry as WKT), readable by Gephi, yEd, networkx."""
    h: nx.Graph[str] = nx.Graph()
    for n, attrs in g.nodes(data=True):
        h.add_node(n, **{k: _plain(v) for k, v in attrs.items()})
    for a, b, attrs in g.edges(data=True):
        clean = {}
        for k, v in attrs.items():
            if v is None:
                continue
            if isinstance(v, list):
                v = ",".join(str(x) for x in v)
            clean[k] = _plain(v)
        h.add_edge(a, b, **clean)
    return "\n".join(nx.generate_graphml(h))
