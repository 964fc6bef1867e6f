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

from ..messages import fmt_list
from ..model import Diagnostic
from .affine import ocs_affine, point
from .collected import Label
from .tags import Record, TextDecoder, tag_float
from .text import clean_text, without_area

__all__ = [
    "text_label",
    "mtext_label",
    "attrib_label",
    "text_width",
    "PlacedLabels",
    "label_owners",
    "name_region",
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


def name_region(
    named: Sequence[tuple[int, str | None]],
    region: BaseGeometry,
    labels: PlacedLabels,
    where: tuple[str, str],
    diagnostics: list[Diagnostic],
) -> tuple[int, str | None]:
    """(label index, zone type) naming ``region``: of its ``named`` labels (index, type), the
    one nearest its middle. A region holding labels of several zone types is reported (FC006)
    in ``diagnostics``; ``where`` says which region, in English and Chinese."""
    c = region.representative_point()
    idx = np.fromiter((n[0] for n in named), dtype=np.int64, count=len(named))
    nearest = int(np.argmin(np.hypot(labels.xy[idx, 0] - c.x, labels.xy[idx, 1] - c.y)))
    li, type_id = named[nearest]
    distinct = {t for _, t in named}
    if len(distinct) > 1:
        label = without_area(labels.text(li))
        # each text once, at most LIST_LIMIT of them named (a boundary can hold 100,000 labels)
        names = list(dict.fromkeys(labels.text(i) for i, _ in named))
        diagnostics.append(
            Diagnostic(
                "FC006",
                f"{where[0]} holds labels of {len(distinct)} zone types "
                f"({fmt_list(names, 'en')}); taken as {label!r}",
                message_zh=f"{where[1]}有 {len(distinct)} 种功能区标注（{fmt_list(names, 'zh')}），"
                f"按「{label}」处理",
                location=(round(c.x, 3), round(c.y, 3)),
                geometry=region,
            )
        )
    return li, type_id
