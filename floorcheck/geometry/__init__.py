"""Plan geometry that rules share: zone index, adjacency graph, walking, walkable floor, views."""

from __future__ import annotations
