"""Geometry several rules share, built lazily and once per checked plan."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import networkx as nx

from ..config import check_geometry
from ..model import Plan
from .adjacency import AdjacencyOptions, build_graph
from .index import ZoneIndex
from .visibility import Views
from .walkable import Walkable
from .walking import WalkGraph

__all__ = ["Analysis"]


class Analysis:
    """Adjacency graph, walking graphs and other shared geometry of one plan.

    ``geometry`` holds the ``[geometry]`` settings of the config: ``wall_tolerance_m`` (0.40),
    ``min_contact_m`` (0.5), ``min_open_m`` (0.5).
    """

    def __init__(self, plan: Plan, geometry: dict[str, Any] | None = None) -> None:
        self.plan = plan
        self.adjacency_options = AdjacencyOptions(**check_geometry(geometry or {}))

    @cached_property
    def index(self) -> ZoneIndex:
        return ZoneIndex(self.plan.zones)

    @cached_property
    def graph(self) -> nx.Graph[str]:
        return build_graph(self.plan, self.adjacency_options, self.index)

    @cached_property
    def walk(self) -> WalkGraph:
        """Walking through every door, staff-only ones included (staff routes)."""
        return WalkGraph(self.plan, self.graph, self.index, staff_doors=True)

    @cached_property
    def public_walk(self) -> WalkGraph:
        """Walking as a visitor: staff-only doors are shut."""
        return WalkGraph(self.plan, self.graph, self.index, staff_doors=False)

    @cached_property
    def walkable(self) -> Walkable:
        """The floor a wheelchair can use (public zones less walls and obstacles, doors open)."""
        return Walkable(self.plan, self.adjacency_options.wall_tolerance_m)

    @cached_property
    def views(self) -> Views:
        """Each camera's visibility polygon, walls and columns blocking sight."""
        return Views(self.plan)

    def edge(self, a: str, b: str) -> dict[str, Any] | None:
        return self.graph.edges[a, b] if self.graph.has_edge(a, b) else None
