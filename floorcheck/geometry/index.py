"""Spatial look-ups over zones with an STRtree (never a loop over all pairs)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import Point

from ..model import XY, Window, Zone

__all__ = ["ZoneIndex"]


class ZoneIndex:
    """Which zone holds a point; which zones lie near a geometry."""

    def __init__(self, zones: Sequence[Zone]) -> None:
        self.zones = [z for z in zones if z.type != "hall"]
        self.tree = shapely.STRtree([z.geometry for z in self.zones])

    def zone_at(self, xy: XY, tolerance: float = 0.0) -> Zone | None:
        """The smallest zone containing ``xy``; else the nearest within ``tolerance``."""
        if not self.zones:
            return None
        p = Point(xy)
        hits = self.tree.query(p, predicate="intersects")
        if len(hits):
            return min((self.zones[i] for i in hits), key=lambda z: z.area_m2)
        if tolerance > 0:
            near = self.tree.query_nearest(p, max_distance=tolerance)
            if len(near):
                return self.zones[int(near[0])]
        return None

    def zones_at(self, points: Sequence[XY]) -> list[Zone | None]:
        """Vectorised :meth:`zone_at` (no tolerance) for many points."""
        if not self.zones or not len(points):
            return [None] * len(points)
        pts = shapely.points(np.asarray(points, dtype=float))
        pairs = self.tree.query(pts, predicate="intersects")
        best: dict[int, Zone] = {}
        for pi, zi in zip(pairs[0], pairs[1], strict=True):
            z = self.zones[zi]
            if pi not in best or z.area_m2 < best[pi].area_m2:
                best[int(pi)] = z
        return [best.get(i) for i in range(len(points))]

    def window_zone(self, window: Window) -> Zone | None:
        """The zone a window serves: where its public side lies, else where the counter stands."""
        return self.zone_at(window.side_point("public", 0.6)) or self.zone_at(
            window.position, tolerance=1.0
        )
