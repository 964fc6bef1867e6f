"""What a walk over a drawing's entities gathers, sorted by meaning, in drawing units.

:class:`Collected` is the walker's result and the plan builder's input: labels, zone boundary
rings, wall lines, column and furniture rings, the blocks that are one thing (:class:`Thing`),
door swing radii, and the counts the reader reports on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .affine import Affine, apply, point, vector

__all__ = ["Label", "Ring", "Thing", "Collected"]


@dataclass
class Label:
    """A text as people read it, at its visual middle."""

    text: str
    x: float
    y: float
    layer: str
    height: float
    source: str  # "text" | "attrib"


@dataclass
class Ring:
    """A curve on a zone layer: a zone or hall boundary once it is closed."""

    xy: np.ndarray  # (n, 2) drawing units
    closed: bool
    layer: str
    holes: list[np.ndarray] = field(default_factory=list)


@dataclass
class Thing:
    """An INSERT that is one thing (door, counter, camera …)."""

    kind: str
    name: str
    layer: str
    x: float
    y: float
    x_axis: tuple[float, float]
    y_axis: tuple[float, float]
    footprint: np.ndarray | None  # (4, 2) corners in drawing units
    local_width: float  # block's X extent × |x scale|, drawing units
    attribs: dict[str, str]
    axis_mid: tuple[float, float]  # middle of the block's X extent on its X axis (a door's opening)

    @property
    def text(self) -> str:
        return " ".join([self.name, *self.attribs.values()])


@dataclass(slots=True)
class Collected:
    """What a list of entities holds, in the coordinates of their container.

    ``count`` is the number of entities read with every block insert expanded (a block of ten
    lines inserted twice counts 2 + 20), ``vertices`` the curve vertices kept; ``proxies`` counts
    custom objects (TArch …), ``proxy_shown`` those read from their proxy graphics, ``skipped``
    malformed entities left out, ``nonfinite`` entities left out for NaN or infinite coordinates;
    ``thinned`` curves had more vertices than the reader keeps (the most ``thinned_from``) and
    were thinned, none moving by more than ``thinned_moved`` (drawing units).
    """

    labels: list[Label] = field(default_factory=list)
    rings: list[Ring] = field(default_factory=list)
    wall_lines: list[np.ndarray] = field(default_factory=list)
    # linework of window layers and the straight lines of door layers (leaves, frames, glazing):
    # not walls, but they close a room at its openings
    opening_lines: list[np.ndarray] = field(default_factory=list)
    # closed polylines of layers that mean nothing to floorcheck, kept when the walker was asked
    # to look for room outlines on any layer (Walker(outlines=True))
    outline_rings: list[Ring] = field(default_factory=list)
    column_rings: list[np.ndarray] = field(default_factory=list)
    furniture_rings: list[np.ndarray] = field(default_factory=list)
    blocks: list[Thing] = field(default_factory=list)
    door_arcs: list[float] = field(default_factory=list)  # radii of door swings on door layers
    proxies: int = 0
    proxy_shown: int = 0
    skipped: int = 0
    nonfinite: int = 0
    thinned: int = 0
    thinned_from: int = 0
    thinned_moved: float = 0.0
    count: int = 0
    vertices: int = 0

    def add(self, other: Collected, m: Affine) -> None:
        """Append ``other`` mapped by ``m``."""
        a, b, c, d, _, _ = m
        ysc = math.hypot(b, d)
        det = abs(a * d - b * c)
        for lb in other.labels:
            x, y = point(m, lb.x, lb.y)
            self.labels.append(Label(lb.text, x, y, lb.layer, lb.height * ysc, lb.source))
        for r in other.rings:
            self.rings.append(
                Ring(apply(m, r.xy), r.closed, r.layer, [apply(m, h) for h in r.holes])
            )
        self.wall_lines.extend(apply(m, xy) for xy in other.wall_lines)
        self.opening_lines.extend(apply(m, xy) for xy in other.opening_lines)
        self.outline_rings.extend(Ring(apply(m, r.xy), True, r.layer) for r in other.outline_rings)
        self.column_rings.extend(apply(m, xy) for xy in other.column_rings)
        self.furniture_rings.extend(apply(m, xy) for xy in other.furniture_rings)
        self.blocks.extend(_moved(t, m) for t in other.blocks)
        self.door_arcs.extend(r * math.sqrt(det) for r in other.door_arcs)
        self.proxies += other.proxies
        self.proxy_shown += other.proxy_shown
        self.skipped += other.skipped
        self.nonfinite += other.nonfinite
        if other.thinned:
            self.thinned += other.thinned
            self.thinned_from = max(self.thinned_from, other.thinned_from)
            self.thinned_moved = max(self.thinned_moved, other.thinned_moved * math.sqrt(det))
        self.count += other.count
        self.vertices += other.vertices

    def translate(self, dx: float, dy: float) -> None:
        """Move everything collected by (dx, dy), in place (new arrays: one array may be both
        a boundary ring and a wall line)."""
        d = np.array([dx, dy])
        for lb in self.labels:
            lb.x, lb.y = lb.x + dx, lb.y + dy
        for r in self.rings:
            r.xy = r.xy + d
            r.holes = [h + d for h in r.holes]
        for r in self.outline_rings:
            r.xy = r.xy + d
            r.holes = [h + d for h in r.holes]
        self.wall_lines = [a + d for a in self.wall_lines]
        self.opening_lines = [a + d for a in self.opening_lines]
        self.column_rings = [a + d for a in self.column_rings]
        self.furniture_rings = [a + d for a in self.furniture_rings]
        for t in self.blocks:
            t.x, t.y = t.x + dx, t.y + dy
            t.axis_mid = (t.axis_mid[0] + dx, t.axis_mid[1] + dy)
            if t.footprint is not None:
                t.footprint = t.footprint + d


def _moved(t: Thing, m: Affine) -> Thing:
    xa = vector(m, *t.x_axis)
    n0 = math.hypot(*t.x_axis)
    return Thing(
        t.kind,
        t.name,
        t.layer,
        *point(m, t.x, t.y),
        xa,
        vector(m, *t.y_axis),
        None if t.footprint is None else apply(m, t.footprint),
        t.local_width * (math.hypot(*xa) / n0 if n0 > 0 else 1.0),
        t.attribs,
        point(m, *t.axis_mid),
    )
