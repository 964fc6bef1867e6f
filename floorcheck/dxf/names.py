"""Which texts of a drawing can be the name of a room, and what the others are.

A real sheet holds far more text than room names: dimensions, levels (±0.000), scales (1:100),
axis bubbles (A, 3), door and window tags (M1021, C1518), sizes written under a name
("13'8 x 14'"), notes, the titles of its views (一层平面图, 1-1剖面图, SECTION A-A) and the title
block. :func:`text_kind` sorts a label into one of these; only a ``name`` can name a room.
What a name is *not* is decided by its form alone, never by a list of room names: a room called
配电房, KITCHEN or B12 is a name although no zone type of the guide has it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..vocab import MAIN_ENTRANCE, match_window_kind
from .text import parse_area, without_area

__all__ = [
    "text_kind",
    "view_kind",
    "name_rank",
    "TEXT_KINDS",
    "NOT_NAMES",
]

# The kinds of text, in the order the recognition report lists them; every kind but "name"
# names no room.
TEXT_KINDS: dict[str, tuple[str, str]] = {
    "name": ("room names", "房间名称"),
    "title": ("view and sheet titles", "图名"),
    "level": ("levels (±0.000)", "标高"),
    "scale": ("scales (1:100)", "比例"),
    "dimension": ("dimensions and sizes", "尺寸"),
    "area": ("areas", "面积"),
    "tag": ("door, window and axis tags", "门窗、轴号编号"),
    "note": ("notes", "说明文字"),
    "thing": ("names of windows, entrances and devices", "窗口、出入口、设备名称"),
}
NOT_NAMES = tuple(k for k in TEXT_KINDS if k != "name")

# a level mark: ±0.000, -0.300, 3.600, +4.20, EL. 3.00, 标高 3.600, 3.600m
_LEVEL = re.compile(
    r"^(?:EL\.?|ELEV\.?|标高)?\s*[±+\-]?\s*\d{1,3}\.\d{2,3}\s*(?:M)?$|^±", re.IGNORECASE
)
_SCALE = re.compile(r"^(?:SCALE|比例)?\s*[:：]?\s*1\s*[:：/]\s*\d+(?:\.\d+)?$", re.IGNORECASE)
# numbers, sizes and dimensions: 3600, 1000X1000(mm), 200*200mm, 0.8M, 13'8 x 14', 2'-8",
# i=2%, 1%, Ø110, 5050 XO (a US window size with its kind), C20 (concrete grade)
_NUMERIC = re.compile(
    r"^[\s(（]*(?:[Øø⌀Φφ]|I\s*=|R\s*=?)?\s*[\d.,'\"’”\-+/~～]+\s*"
    r"(?:(?:[xX×*]\s*[\d.,'\"’”\-]+\s*)*)[(（]?(?:MM|CM|M|%|°|‰|XO|SH|O\.?H\.?|S\.?G\.?D\.?)?"
    r"[\s)）]*$",
    re.IGNORECASE,
)
_SIZE_WORDS = re.compile(r"^[\d'\"’” \-]+\s*[xX×]\s*[\d'\"’” \-]+$")
# door, window and opening tags of Chinese drawings: M1021, FM甲1022, C1518, MLC2427, TLM1521,
# GC0606 (high window), BYC (shutter), JLM (rolling door), DK (opening)
_OPENING_TAG = re.compile(
    r"^(?:FM|TLM|ZM|JLM|LM|JM|M|MLC|MC|C|GC|TC|LC|BYC|DK|MD)[甲乙丙]?[-_ ]?\d{3,4}[A-Z]?$",
    re.IGNORECASE,
)
# an axis bubble or a short reference: A, 3, 1/A, 2B, A6, A-1, E-1; a short mark in brackets
# ((1F), (RF)). A letter with two digits or more is a room number (B12), not a tag.
_AXIS = re.compile(
    r"^(?:[A-Z]|\d{1,3}|[A-Z]\d|\d{1,2}[A-Z])(?:\s*[-/]\s*(?:[A-Z]{1,2}|\d{1,3}))?$"
    r"|^[(（][^()（）]{1,4}[)）]$",
    re.IGNORECASE,
)
# a number of four digits or more before words: a door or window size (16070 O.H. DOOR)
_SIZE_FIRST = re.compile(r"^\d{4,}\b")
# a section mark: 1-1, A-A, 2-2'
_SECTION_MARK = re.compile(r"^([A-Z0-9]{1,2})\s*[-—–]\s*\1['’]?$", re.IGNORECASE)
# view titles: plans, sections, elevations, details, and the sheet's own titles
_TITLE = re.compile(
    r"(?:平面图|平面布置图|立面图|剖面图|详图|大样图?|节点图|示意图|总图|目录|说明$|"
    r"\bFLOOR\s*PLAN\b|\bPLAN$|\bSECTION\b|\bELEVATION\b|\bDETAIL\b|"
    r"^(?:GROUND|FIRST|SECOND|THIRD|TOP|\d+(?:ST|ND|RD|TH))\s+FLOOR\b|"
    r"\bFLOOR$|^[-B]?\d{1,3}F$|^\d{1,3}层$)",
    re.IGNORECASE,
)
_FLOOR_TITLE = re.compile(r"^(?:[-B]?\d{1,3}F|\d{1,3}层)$", re.IGNORECASE)
_SECTION = re.compile(r"剖面|SECTION", re.IGNORECASE)
_ELEVATION = re.compile(r"立面|ELEVATION", re.IGNORECASE)
_DETAIL = re.compile(r"详图|大样|节点|DETAIL", re.IGNORECASE)
_PLAN = re.compile(r"平面|PLAN|FLOOR|^[-B]?\d{1,3}F$|层$", re.IGNORECASE)
_ROOF = re.compile(r"屋顶|屋面|ROOF", re.IGNORECASE)
_SITE = re.compile(r"总图|总平面|SITE", re.IGNORECASE)
# what names a thing, not a room: a service window, an entrance or exit, a kiosk
_THING = re.compile(
    r"窗口|跨省通办|帮办代办|办不成事|出口|入口|EXIT|自助终端|自助机|KIOSK|一体机"
    r"|^(?:员工|内部|职工|工作人员|STAFF)\s*(?:专用|ONLY|入口|出入口|门)?$",
    re.IGNORECASE,
)
# a text that gives a size inside it (溢流口200*200mm, 底部距离完成面250mm), or cites a
# standard or a drawing (《…》, A-03-01): a note, not a name
_MEASURED = re.compile(
    r"\d\s*(?:mm|cm)\b|\d+\s*[*xX×]\s*\d+|[《》]|^[A-Z]{1,2}-\d{2}-\d{2}$", re.IGNORECASE
)
# what a note looks like: sentence punctuation, a numbered item, or many words
_NOTE_PUNCT = re.compile(
    r"[。；;，,：:！!？?、]|^\s*(?:\d+[.、]|[一二三四五六七八九十]+、|NOTE)", re.I
)
_NAME_MAX_CHARS = 24
_NAME_MAX_WORDS = 4
_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f\u3400-\u9fff]")


def text_kind(text: str) -> str:
    """What a text of the drawing is: ``name`` (it can name a room) or one of
    :data:`NOT_NAMES`.

    >>> [text_kind(t) for t in ("配电房", "KITCHEN", "B12", "Office C", "W.C")]
    ['name', 'name', 'name', 'name', 'name']
    >>> [text_kind(t) for t in ("±0.000", "3.600", "1:100", "3600", "13'8 x 14'", "1000X1000(mm)")]
    ['level', 'level', 'scale', 'dimension', 'dimension', 'dimension']
    >>> [text_kind(t) for t in ("M1021", "A", "12", "1/A", "1-1", "286.73m2", "FLOOR PLAN")]
    ['tag', 'tag', 'tag', 'tag', 'tag', 'area', 'title']
    >>> [text_kind(t) for t in ("一层平面图", "1-1剖面图", "GROUND FLOOR", "21F", "1. 承重墙、柱:见结构施工图。")]
    ['title', 'title', 'title', 'title', 'note']
    >>> text_kind("休息等候区 85.3m2")
    'name'
    >>> [text_kind(t) for t in ("溢流口200*200mm", "本层建筑面积:", "A-03-01", "《室外工程》-02J003")]
    ['note', 'note', 'note', 'note']
    >>> [text_kind(t) for t in ("1号窗口", "跨省通办", "MAIN ENTRANCE", "安全出口", "员工")]
    ['thing', 'thing', 'thing', 'thing', 'thing']
    """
    t = text.strip()
    if not t:
        return "note"
    for kind, test in _BY_FORM:
        if test(t):
            return kind
    return _kind_of_words(t)


def _kind_of_words(t: str) -> str:
    """The kind of a text that is no number, level, scale or tag: a note, a title, the name of
    a thing (a window, an entrance) or a name."""
    core = without_area(t)
    if len(core) > _NAME_MAX_CHARS or _NOTE_PUNCT.search(t) or _MEASURED.search(t):
        return "note"
    if _TITLE.search(t):
        return "title"
    if len(core.split()) > _NAME_MAX_WORDS:
        return "note"
    if not _LETTERS.search(core):
        return "dimension"
    if (
        _THING.search(core)
        or MAIN_ENTRANCE.search(core)
        or (match_window_kind(core) and len(core) <= 8 and re.search(r"\d", core))
    ):
        return "thing"
    if len(core) == 1:  # one character: a fragment of a note written letter by letter
        return "note"
    return "name"


def _is_area_only(text: str) -> bool:
    """A text that states an area and nothing else ("286.73m2", "S=120平方米")."""
    if parse_area(text) is None:
        return False
    rest = re.sub(r"(?:\d+(?:\.\d+)?)\s*(?:m2|平方米|平米)", "", text, flags=re.IGNORECASE)
    return not re.sub(r"[\s=:：,，()（）]|S|面积|AREA", "", rest, flags=re.IGNORECASE)


# What a text is by its form alone, tested in this order (the first that holds).
_BY_FORM: tuple[tuple[str, Callable[[str], object]], ...] = (
    ("area", lambda t: _is_area_only(t)),
    ("level", _LEVEL.search),
    ("scale", _SCALE.match),
    ("title", _FLOOR_TITLE.match),
    ("tag", lambda t: _SECTION_MARK.match(t) or _OPENING_TAG.match(t) or _AXIS.match(t)),
    ("dimension", lambda t: _NUMERIC.match(t) or _SIZE_WORDS.match(t) or _SIZE_FIRST.match(t)),
)


def view_kind(title: str) -> str | None:
    """The kind of view a title names: ``plan``, ``section``, ``elevation``, ``detail``,
    ``roof`` or ``site``; None when it names none.

    >>> [view_kind(t) for t in ("一层平面图", "1-1剖面图", "①-⑧轴立面图", "SECTION A-A", "屋顶平面图")]
    ['plan', 'section', 'elevation', 'section', 'roof']
    >>> [view_kind(t) for t in ("GROUND FLOOR", "21F", "墙身大样图", "总平面图", "KITCHEN")]
    ['plan', 'plan', 'detail', 'site', None]
    """
    if _SECTION.search(title):
        return "section"
    if _ELEVATION.search(title):
        return "elevation"
    if _DETAIL.search(title):
        return "detail"
    if _SITE.search(title):
        return "site"
    if _ROOF.search(title):
        return "roof"
    if _TITLE.search(title) and _PLAN.search(title):
        return "plan"
    return None


def name_rank(text: str) -> int:
    """How well a name names a room, when one room holds several: words (Chinese characters or
    Latin words) beat codes (B12, T002). Higher is better.

    >>> name_rank("配电房") > name_rank("B12"), name_rank("KITCHEN") > name_rank("T002")
    (True, True)
    """
    core = without_area(text)
    words = len(re.findall(r"[\u3400-\u9fff]|[A-Za-z\u00c0-\u024f]{3,}", core))
    return 2 if words else 1
