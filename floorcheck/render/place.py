"""Where to put a finding's number so that it hides no other number and no zone name.

Greedy placement on rings around each spot: the spot itself when it is free, else the nearest
free position on rings of growing radius (a leader line then joins number and spot). Boxes are in
drawing units; a grid of cells keeps each test local, so placing n markers costs about n times
the candidates tried, not n².
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

__all__ = ["Box", "BoxIndex", "place_box", "overlaps"]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class BoxIndex:
    """Boxes in a uniform grid: ``free(box)`` looks only at the cells the box touches."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1e-9)
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for k in self._keys(box):
            self.cells.setdefault(k, []).append(box)

    def add_all(self, boxes: Iterable[Box]) -> None:
        for b in boxes:
            self.add(b)

    def free(self, box: Box) -> bool:
        return not any(overlaps(box, b) for k in self._keys(box) for b in self.cells.get(k, ()))


def _candidates(x: float, y: float, step: float, rings: int) -> Iterator[tuple[float, float]]:
    yield x, y
    for k in range(1, rings + 1):
        n = 8 + 4 * (k - 1)
        r = k * step
        for i in range(n):
            a = math.pi / 4 + 2 * math.pi * i / n  # up-right first: numbers read above the spot
            yield x + r * math.cos(a), y + r * math.sin(a)


def place_box(
    index: BoxIndex,
    anchor: tuple[float, float],
    w: float,
    h: float,
    within: Box,
    rings: int = 24,
) -> tuple[float, float]:
    """The centre nearest ``anchor`` where a ``w`` × ``h`` box is free (and inside ``within``);
    the box is added to ``index``. Falls back to the anchor when every candidate is taken."""
    step = max(w, h) * 0.75
    for cx, cy in _candidates(anchor[0], anchor[1], step, rings):
        box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        if box[0] < within[0] or box[1] < within[1] or box[2] > within[2] or box[3] > within[3]:
            continue
        if index.free(box):
            index.add(box)
            return cx, cy
    index.add((anchor[0] - w / 2, anchor[1] - h / 2, anchor[0] + w / 2, anchor[1] + h / 2))
    return anchor
