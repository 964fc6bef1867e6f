"""Plan geometry from IFC meshes: footprints (projection onto the floor), horizontal sections
(a floor plan's cut through walls and columns), and an element's extent in its own axes.

ifcopenshell.geom triangulates every element in world coordinates, in metres. All three
operations work on the whole triangle array at once (numpy, shapely's vectorised calls).
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = ["Mesh", "footprint", "section", "section_polygons", "local_box"]


class Mesh:
    """Triangles of one element: ``verts`` (n, 3) metres, ``faces`` (m, 3) vertex indices."""

    __slots__ = ("verts", "faces")

    def __init__(self, verts: np.ndarray, faces: np.ndarray) -> None:
        self.verts = verts
        self.faces = faces

    @property
    def zrange(self) -> tuple[float, float]:
        z = self.verts[:, 2]
        return float(z.min()), float(z.max())


def footprint(mesh: Mesh) -> BaseGeometry | None:
    """The area the element covers seen from above: the union of its triangles projected.

    >>> v = np.array([[0, 0, 0], [4, 0, 0], [4, 3, 0], [0, 3, 0], [0, 0, 3], [4, 0, 3]], float)
    >>> f = np.array([[0, 1, 2], [0, 2, 3], [0, 1, 5], [0, 5, 4]])
    >>> round(footprint(Mesh(v, f)).area, 6)
    12.0
    """
    if not len(mesh.faces):
        return None
    tri = mesh.verts[mesh.faces][:, :, :2]
    ab, ac = tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]
    area = 0.5 * np.abs(ab[:, 0] * ac[:, 1] - ab[:, 1] * ac[:, 0])
    tri = tri[area > 1e-9]  # vertical faces project to nothing
    if not len(tri):
        return None
    polys = shapely.polygons(np.concatenate([tri, tri[:, :1]], axis=1))
    union = shapely.union_all(shapely.make_valid(polys), grid_size=1e-6)
    parts = [p for p in shapely.get_parts(union) if p.geom_type == "Polygon" and p.area > 1e-6]
    if not parts:
        return None
    # a triangulation leaves hairline slivers along shared edges: close them
    return (
        shapely.union_all(parts).buffer(1e-4, join_style="mitre").buffer(-1e-4, join_style="mitre")
    )


def section(mesh: Mesh, z: float) -> list[LineString]:
    """Where the horizontal plane at height ``z`` cuts the element's surface: line pieces.

    >>> v = np.array([[0, 0, 0], [1, 0, 0], [0, 0, 2]], float)
    >>> [sorted(g.coords) for g in section(Mesh(v, np.array([[0, 1, 2]])), 1.0)]
    [[(0.0, 0.0), (0.5, 0.0)]]
    """
    if not len(mesh.faces):
        return []
    tri = mesh.verts[mesh.faces]  # (m, 3, 3)
    d = tri[:, :, 2] - z
    d = np.where(np.abs(d) < 1e-9, 1e-9, d)  # a vertex on the plane counts as just above it
    pts = []
    for a, b in ((0, 1), (1, 2), (2, 0)):
        da, db = d[:, a], d[:, b]
        cross = (da * db) < 0
        t = np.where(cross, da / np.where(cross, da - db, 1.0), 0.0)
        p = tri[:, a, :2] + (tri[:, b, :2] - tri[:, a, :2]) * t[:, None]
        pts.append((cross, p))
    segments = []
    crossing = np.stack([c for c, _ in pts], axis=1)
    keep = crossing.sum(axis=1) == 2
    for i in np.flatnonzero(keep):
        ends = [p[i] for (c, p) in pts if c[i]]
        if np.hypot(*(ends[0] - ends[1])) > 1e-7:
            segments.append(ends)
    if not segments:
        return []
    merged = shapely.line_merge(shapely.union_all(shapely.linestrings(np.array(segments))))
    return [g for g in shapely.get_parts(merged) if g.length > 1e-6]


def section_polygons(lines: list[LineString]) -> list[Polygon]:
    """The closed regions a section's lines bound (a column's cut)."""
    if not lines:
        return []
    faces = shapely.get_parts(shapely.polygonize(lines))
    return [p for p in faces if p.area > 1e-6]


def local_box(
    mesh: Mesh | None, origin: np.ndarray, u: np.ndarray, v: np.ndarray
) -> tuple[float, float, float, float] | None:
    """The element's extent on its own axes ``u``, ``v`` (unit vectors in plan) from
    ``origin``: (x0, y0, x1, y1), as the DXF reader measures a block from its insert point."""
    if mesh is None or not len(mesh.verts):
        return None
    rel = mesh.verts[:, :2] - origin
    x, y = rel @ u, rel @ v
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())
