"""Labels: TEXT, MTEXT and ATTRIB entities as the texts people read, placed at their middle.

A label's point is the middle of the text as drawn (not its insertion point, which for
left-aligned text is its lower left corner), so that a name written from the inside edge of a
room is found inside that room.
"""

from __future__ import annotations

import math

from .affine import ocs_affine, point
from .collected import Label
from .tags import Record, TextDecoder, tag_float
from .text import clean_text

__all__ = ["text_label", "mtext_label", "attrib_label", "text_width"]

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
