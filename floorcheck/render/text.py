"""Text measures shared by every backend: how wide a string is, and wrapping that keeps a
coordinate pair ``(28.8, 18.0)`` or a number on one line.

Widths are in ems (multiples of the font size): a CJK character is one em, a Latin letter or a
digit about half of one. The estimate is what the Scene uses to keep markers off labels; the
backends set type in Noto Sans CJK SC, whose advance widths it follows.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["text_width_em", "wrap", "compact_numbers", "char_em"]

# (28.8, 18.0), (-3.25, 4), 12.5 m², 1.20 m, FC505 … — kept whole on one line
_UNBREAKABLE = re.compile(r"\(\s*-?\d[\d.]*\s*,\s*-?\d[\d.]*\s*\)|\d[\d.,]*\s?(?:m²|m2|m)\b")
_NARROW = set("il.,:;'|!()[]{} ")


def char_em(ch: str) -> float:
    """The advance width of one character, in ems."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in _NARROW:
        return 0.3
    if ch.isupper() or ch in "mwMW—–":
        return 0.68
    return 0.55


def text_width_em(text: str) -> float:
    """Width of the longest line of ``text``, in ems."""
    return max((sum(char_em(c) for c in line) for line in text.split("\n")), default=0.0)


def _tokens(text: str) -> list[str]:
    """Pieces that may not be split: coordinate pairs and measures whole, Latin words whole,
    each CJK character on its own (Chinese breaks between any two characters), spaces apart."""
    out: list[str] = []
    pos = 0
    for m in _UNBREAKABLE.finditer(text):
        out.extend(_plain_tokens(text[pos : m.start()]))
        out.append(m.group(0).replace(" ", "\u00a0"))
        pos = m.end()
    out.extend(_plain_tokens(text[pos:]))
    return out


_CLOSING = set("，。、；：！？）」』》,.;:!?)%")


def _plain_tokens(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        if ch == " ":
            if word:
                out.append(word)
                word = ""
            out.append(" ")
        elif wide and ch not in _CLOSING:
            if word:
                out.append(word)
            word = ch
        elif wide:  # closing punctuation stays with what it closes
            word += ch
        else:
            if (
                word
                and unicodedata.east_asian_width(word[-1]) in ("W", "F")
                and (word[-1] not in _CLOSING)
            ):
                out.append(word)
                word = ""
            word += ch
    if word:
        out.append(word)
    return out


@lru_cache(maxsize=65536)
def _token_width(token: str) -> float:
    return text_width_em(token)


def wrap(text: str, width_em: float, indent: str = "") -> list[str]:
    """Lines of at most ``width_em`` ems (a longer unbreakable piece gets a line of its own);
    continuation lines start with ``indent``. Non-breaking spaces inside coordinate pairs come
    out as plain spaces."""
    lines: list[str] = []
    line = ""
    width = 0.0
    for tok in _tokens(text):
        w = _token_width(tok)
        if tok == " " and not line.strip():
            continue
        if line.strip() and width + w > width_em and tok != " ":
            lines.append(line.rstrip())
            line, width = indent, text_width_em(indent)
        line += tok
        width += w
    if line.strip():
        lines.append(line.rstrip())
    return [ln.replace("\u00a0", " ") for ln in lines] or [""]


def compact_numbers(numbers: list[int] | tuple[int, ...]) -> str:
    """1, 3, 4, 5, 9 → "1,3–5,9"."""
    nums = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{nums[i]}–{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[i : j + 1])
        i = j + 1
    return ",".join(parts)
