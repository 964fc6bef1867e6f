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

import networkx as nx
import numpy as np
import shapely
from shapely import wkt
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

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
    wall_tolerance_m: float = 0.40
    min_contact_m: float = 0.5
    min_open_m: float = 0.5


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
    runs: list[LineString] = []
    cos_max = math.cos(math.radians(max_turn_deg))
    for part in shapely.get_parts(
        shapely.line_merge(contact) if contact.geom_type == "MultiLineString" else contact
    ):
        if part.geom_type != "LineString" or part.length <= 0:
            continue
        xy = np.asarray(part.coords)[:, :2]
        seg = np.diff(xy, axis=0)
        lengths = np.hypot(seg[:, 0], seg[:, 1])
        ok = lengths > 1e-9
        xy = np.vstack([xy[:1], xy[1:][ok]])
        seg, lengths = seg[ok], lengths[ok]
        if not len(seg):
            continue
        unit = seg / lengths[:, None]
        turns = np.einsum("ij,ij->i", unit[:-1], unit[1:]) < cos_max
        breaks = np.flatnonzero(turns) + 1
        start = 0
        for end in [*breaks.tolist(), len(seg)]:
            if lengths[start:end].sum() > min_length_m:
                runs.append(LineString(xy[start : end + 1]))
            start = end
    return shapely.multilinestrings(runs) if runs else LineString()


def _wall_cover(walls: Sequence[BaseGeometry], tol: float):
    """An STRtree over the walls widened by half the tolerance, and the widened walls."""
    if not walls:
        return None, []
    widened = list(shapely.buffer(np.asarray(walls, dtype=object), tol / 2, cap_style="flat"))
    return shapely.STRtree(widened), widened


def build_graph(
    plan: Plan, options: AdjacencyOptions | None = None, index: ZoneIndex | None = None
) -> nx.Graph:
    """Build the adjacency graph of ``plan`` (see the module doc)."""
    opt = options or AdjacencyOptions()
    tol = opt.wall_tolerance_m
    index = index or ZoneIndex(plan.zones)
    zones = index.zones
    g = nx.Graph()
    for z in zones:
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
    if not zones:
        return g
    geoms = [z.geometry for z in zones]
    boundaries = shapely.boundary(np.asarray(geoms, dtype=object))
    grown = shapely.buffer(np.asarray(geoms, dtype=object), tol)
    left, right = index.tree.query(grown, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    wall_tree, widened = _wall_cover(plan.walls, tol)
    door_points = [Point(d.position) for d in plan.doors]
    door_tree = shapely.STRtree(door_points) if door_points else None
    if len(left):
        contacts = shapely.intersection(boundaries[left], grown[right])
        for i, j, raw in zip(left, right, contacts, strict=True):
            if raw.length < opt.min_contact_m:
                continue
            contact = straight_runs(raw, tol + 1e-6)
            length = contact.length
            if length < opt.min_contact_m:
                continue
            open_part = contact
            if wall_tree is not None:
                hits = wall_tree.query(contact, predicate="intersects")
                if len(hits):
                    open_part = contact.difference(shapely.union_all([widened[k] for k in hits]))
            doors_here: list[Door] = []
            if door_tree is not None:
                for k in door_tree.query(contact, predicate="dwithin", distance=tol):
                    doors_here.append(plan.doors[int(k)])
            for d in doors_here:
                open_part = open_part.difference(Point(d.position).buffer(d.width_m / 2 + tol / 2))
            open_len = float(open_part.length)
            kind = "open" if open_len >= opt.min_open_m else ("door" if doors_here else "wall")
            mid = contact.interpolate(0.5, normalized=True)
            _add_edge(
                g,
                zones[i].id,
                zones[j].id,
                kind=kind,
                length_m=round(float(length), 3),
                open_length_m=round(open_len, 3),
                doors=[d.id for d in doors_here],
                door_widths=[d.width_m for d in doors_here],
                staff_only=bool(doors_here) and all(d.staff_only for d in doors_here),
                x=mid.x,
                y=mid.y,
                geometry=contact,
                open_geometry=open_part if open_len > 0 else None,
            )
    # Doors join the zones on their two sides even where the contact is short; entrances join
    # the outside to the zone they open into.
    reach = tol / 2 + 0.3
    for d in plan.doors:
        a, b = door_sides(d, index, reach)
        if a is not None and b is not None and a.id != b.id:
            if g.has_edge(a.id, b.id):
                e = g.edges[a.id, b.id]
                if d.id not in e["doors"]:
                    first = not e["doors"]
                    e["doors"].append(d.id)
                    e["door_widths"].append(d.width_m)
                    e["staff_only"] = d.staff_only if first else (e["staff_only"] and d.staff_only)
                    if e["kind"] == "wall":
                        e["kind"] = "door"
            else:
                _add_edge(
                    g,
                    a.id,
                    b.id,
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
        if d.entrance:
            inside = a or b or index.zone_at(d.position, tolerance=tol + 0.5)
            node = entrance_node(d)
            g.add_node(
                node, kind="entrance", main=d.main, x=d.position[0], y=d.position[1], door=d.id
            )
            if inside is not None:
                _add_edge(
                    g,
                    node,
                    inside.id,
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
    return g


def _add_edge(g: nx.Graph, a: str, b: str, **attrs: object) -> None:
    g.add_edge(a, b, **attrs)


def _plain(value: object) -> object:
    if isinstance(value, BaseGeometry):
        return wkt.dumps(value, rounding_precision=3)
    if isinstance(value, float):
        return round(value, 3)
    return value


def graph_to_json(g: nx.Graph) -> str:
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


def graph_to_graphml(g: nx.Graph) -> str:
    """GraphML (lists joined with commas, geometry as WKT), readable by Gephi, yEd, networkx."""
    h = nx.Graph()
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
