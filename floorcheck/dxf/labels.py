"""Labels: TEXT, MTEXT and ATTRIB entities as the texts people read, placed at their middle;
then, in metres, which region each label lies in and which labels lie near a point.

A label's point is the middle of the text as drawn (not its insertion point, which for
left-aligned text is its lower left corner), so that a name written from the inside edge of a
room is found inside that room.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import cast

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from .affine import ocs_affine, point
from .collected import Label
from .tags import Record, TextDecoder, tag_float
from .text import clean_text

__all__ = [
    "text_label",
    "mtext_label",
    "attrib_label",
    "text_width",
    "PlacedLabels",
    "label_owners",
    "merge_stacked",
    "point_array",
]

# Latin letters and digits are about 0.6 of the text height wide; CJK characters are square.
_LATIN_WIDTH = 0.6
_CJK_FROM = 0x2E80  # first code point of the CJK radicals and everything wider after it


def text_width(text: str, height: float) -> float:
    """The drawn width of ``text`` at ``height``, estimated (no font at hand).

    >>> text_width("休息区 A1", 1.0)
    4.8
    """
    return sum(height if ord(ch) > _CJK_FROM else _LATIN_WIDTH * height for ch in text)


def text_label(d: dict[int, bytes], layer: str, text: TextDecoder) -> Label | None:
    """A TEXT entity (its values ``d``) as a label, or None when it holds no text."""
    value = clean_text(text(d.get(1, b"")))
    if not value:
        return None
    align = int(tag_float(d, 72)) or int(tag_float(d, 73))
    if align and 11 in d:
        x, y = tag_float(d, 11), tag_float(d, 21)
    else:
        x, y = tag_float(d, 10), tag_float(d, 20)
    ocs = ocs_affine(d)
    if ocs is not None:
        x, y = point(ocs, x, y)
    height = tag_float(d, 40)
    if not align:  # left-aligned: the text runs to the right of its insertion point
        rot = math.radians(tag_float(d, 50))
        half = text_width(value, height) / 2
        x += half * math.cos(rot) - height / 2 * math.sin(rot)
        y += half * math.sin(rot) + height / 2 * math.cos(rot)
    return Label(value, x, y, layer, height, "text")


def mtext_label(rec: Record, d: dict[int, bytes], layer: str, text: TextDecoder) -> Label | None:
    """An MTEXT entity as a label, moved from its attachment point to its middle."""
    chunks = [v for c, v in rec.tags if c == 3]
    value = clean_text(text(b"".join(chunks) + d.get(1, b"")), mtext=True)
    if not value:
        return None
    x, y = tag_float(d, 10), tag_float(d, 20)
    height = tag_float(d, 40)
    attach = int(tag_float(d, 71, 1.0))
    if not 1 <= attach <= 9:
        attach = 1
    width = min(text_width(value, height), tag_float(d, 41) or 1e300)
    col, row = (attach - 1) % 3, (attach - 1) // 3
    rot = math.radians(tag_float(d, 50))
    dx = (0.5 - col / 2) * width
    dy = (row / 2 - 0.5) * height
    x, y = (
        x + dx * math.cos(rot) - dy * math.sin(rot),
        y + dx * math.sin(rot) + dy * math.cos(rot),
    )
    return Label(value, x, y, layer, height, "text")


def attrib_label(
    d: dict[int, bytes], layer: str, text: TextDecoder
) -> tuple[str, str, Label | None]:
    """An ATTRIB entity: (its tag, its text, the label it makes — None when it is empty).
    Attributes are placed at their insertion point."""
    value = clean_text(text(d.get(1, b"")))
    tag = text(d.get(2, b"")).strip().upper()
    if not value:
        return tag, value, None
    label = Label(value, tag_float(d, 10), tag_float(d, 20), layer, tag_float(d, 40), "attrib")
    return tag, value, label


def point_array(xy: np.ndarray) -> npt.NDArray[np.object_]:
    """shapely points of an (n, 2) array. (shapely's stub cannot tell an array of points from
    the coordinates of one point, and types the result as either.)"""
    return cast("npt.NDArray[np.object_]", shapely.points(xy))


class PlacedLabels:
    """The walk's labels with their points in metres (``xy``, one row per label)."""

    def __init__(self, labels: list[Label], scale_to_m: float) -> None:
        s = scale_to_m
        self.labels = labels
        self.xy = np.array([[lb.x * s, lb.y * s] for lb in labels]) if labels else np.zeros((0, 2))
        self._tree: shapely.STRtree | None = None

    def __len__(self) -> int:
        return len(self.labels)

    def text(self, i: int) -> str:
        return self.labels[i].text

    def near(self, x: float, y: float, radius: float) -> list[str]:
        """Texts of the labels within ``radius`` of (x, y), nearest first (one STRtree query).

        >>> placed = PlacedLabels([Label("M1021", 1.0, 0.0, "0", 0.3, "text")], 1.0)
        >>> placed.near(0, 0, 1.5), placed.near(0, 0, 0.5)
        (['M1021'], [])
        """
        if not len(self.labels):
            return []
        if self._tree is None:
            self._tree = shapely.STRtree(point_array(self.xy))
        hits = self._tree.query(Point(x, y), predicate="dwithin", distance=radius)
        if not len(hits):
            return []
        d = np.hypot(self.xy[hits, 0] - x, self.xy[hits, 1] - y)
        return [self.labels[int(hits[i])].text for i in np.lexsort((hits, d))]

    def near_each(self, xy: np.ndarray, radius: float) -> list[list[str]]:
        """:meth:`near` for each point of an (n, 2) array, in one STRtree query.

        >>> placed = PlacedLabels([Label("A", 1.0, 0.0, "0", 0.3, "text"),
        ...                        Label("B", 0.5, 0.0, "0", 0.3, "text")], 1.0)
        >>> placed.near_each(np.array([[0.0, 0.0], [9.0, 9.0], [1.2, 0.0]]), 1.5)
        [['B', 'A'], [], ['A', 'B']]
        """
        out: list[list[str]] = [[] for _ in range(len(xy))]
        if not len(self.labels) or not len(xy):
            return out
        if self._tree is None:
            self._tree = shapely.STRtree(point_array(self.xy))
        pi, li = self._tree.query(point_array(xy), predicate="dwithin", distance=radius)
        d = np.hypot(self.xy[li, 0] - xy[pi, 0], self.xy[li, 1] - xy[pi, 1])
        for k in np.lexsort((li, d, pi)):  # by point, then nearest first, as near() orders
            out[int(pi[k])].append(self.labels[int(li[k])].text)
        return out


def label_owners(
    labels: PlacedLabels, types: Sequence[str | None], regions: Sequence[BaseGeometry]
) -> dict[int, int]:
    """For each label inside one of ``regions``: the index of the smallest region holding it —
    the largest for a label naming the hall (``types[i] == "hall"``), which names the outermost
    boundary."""
    owner: dict[int, int] = {}
    if not len(labels) or not regions:
        return owner
    tree = shapely.STRtree(regions)
    pi, gi = tree.query(point_array(labels.xy), predicate="within")
    areas = shapely.area(regions)
    for li_, g_ in zip(pi, gi, strict=True):
        li, g = int(li_), int(g_)
        largest = types[li] == "hall"
        cur = owner.get(li)
        if cur is None or (areas[g] > areas[cur] if largest else areas[g] < areas[cur]):
            owner[li] = g
    return owner


# Two lines of one name: the lower one starts between these many text heights below the upper.
_STACK_GAP = (0.9, 2.2)
# … and its middle lies within this share of the wider line's width of the upper's middle.
_STACK_SHIFT = 0.5
# Texts of one style differ in height by less than this share.
_SAME_STYLE = 0.02


def merge_stacked(labels: list[Label], names: Sequence[bool]) -> tuple[list[Label], list[int]]:
    """Room names written on two or three lines as separate texts ("MASTER" over "BEDROOM",
    "COVERED" over "PORCH") as one label each, at the middle of its lines. Only texts that
    can be names (``names``) of one layer and one height, set one under the other, are joined.

    Returns the labels, and for each the index of the first of the labels it was made of.

    >>> a = Label("MASTER", 10.0, 10.0, "A-NOTE", 1.0, "text")
    >>> b = Label("BEDROOM", 10.2, 8.6, "A-NOTE", 1.0, "text")
    >>> c = Label("13'8 x 14'", 10.0, 7.0, "A-NOTE", 0.8, "text")
    >>> merged, origin = merge_stacked([a, b, c], [True, True, False])
    >>> [(lb.text, lb.y) for lb in merged], origin
    ([('MASTER BEDROOM', 9.3), ("13'8 x 14'", 7.0)], [0, 2])
    """
    out = list(labels)
    origin = list(range(len(labels)))
    ok = list(names)
    for _ in range(2):  # a third line joins the two already joined
        below = _stacked_pairs(out, ok)
        if not below:
            break
        joined: list[Label] = []
        new_origin: list[int] = []
        new_ok: list[bool] = []
        gone = set(below.values())
        for i, lb in enumerate(out):
            if i in gone:
                continue
            j = below.get(i)
            if j is not None:
                lo = out[j]
                lb = Label(
                    f"{lb.text} {lo.text}",
                    (lb.x + lo.x) / 2,
                    (lb.y + lo.y) / 2,
                    lb.layer,
                    lb.height,
                    lb.source,
                )
            joined.append(lb)
            new_origin.append(origin[i])
            new_ok.append(ok[i])
        out, origin, ok = joined, new_origin, new_ok
    return out, origin


def _stacked_pairs(labels: list[Label], names: Sequence[bool]) -> dict[int, int]:
    """upper label → the label written right under it as the next line of the same name."""
    idx = [i for i, lb in enumerate(labels) if names[i] and lb.source == "text" and lb.height > 0]
    if len(idx) < 2:
        return {}
    xy = np.array([[labels[i].x, labels[i].y] for i in idx])
    reach = max(labels[i].height for i in idx) * _STACK_GAP[1]
    tree = shapely.STRtree(point_array(xy))
    a, b = tree.query(point_array(xy), predicate="dwithin", distance=reach)
    pairs = []
    for p, q in zip(a.tolist(), b.tolist(), strict=True):
        up, lo = labels[idx[p]], labels[idx[q]]
        h = up.height
        if up.layer != lo.layer or abs(up.height - lo.height) > _SAME_STYLE * h:
            continue
        dy = up.y - lo.y
        if not (_STACK_GAP[0] * h <= dy <= _STACK_GAP[1] * h):
            continue
        width = max(text_width(up.text, h), text_width(lo.text, h))
        if abs(up.x - lo.x) > _STACK_SHIFT * width:
            continue
        pairs.append((dy, idx[p], idx[q]))
    below: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if i in used or j in used:
            continue
        below[i] = j
        used.update((i, j))
    return below
