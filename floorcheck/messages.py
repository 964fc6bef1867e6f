"""Message templates in English and Chinese, declared once and checked when declared.

A :class:`Message` holds an English and a Chinese template with *named* fields, in
:meth:`str.format` syntax. Numbers with units are formatted by the named specs of
:data:`FORMATS` (``{distance:m}``, ``{width:w}``, ``{area:m2}``, ``{at:xy}``), and lists by ``{names:list}``
(joined with ", " in English and "、" in Chinese), so that both languages print a value the same
way. A value that is a word rather than a number — a zone type, a hall level, a window kind — is
a :class:`~floorcheck.terms.Term`, which prints in the language of the text it goes into. The
two templates must name the same fields with the same format specs: neither language leaves a
value out. Anything else is a :class:`MessageError` when
the message is made (in practice: when a rule module is imported), never a ``KeyError`` in front
of a user.

>>> m = Message(en="{zone} is {d:m} away", zh="{zone} 距离 {d:m}")
>>> m.render(zone="Z1", d=12.345)
('Z1 is 12.3 m away', 'Z1 距离 12.3 m')
>>> Message(en="{zone} is {d:m} away", zh="{zone} 距离 {dist:m}")
Traceback (most recent call last):
...
floorcheck.messages.MessageError: en and zh templates name different fields: en only {'d'}; zh only {'dist'}

This module imports only :mod:`floorcheck.terms`, so the reader's diagnostics can use it too.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .terms import Term, in_lang

__all__ = [
    "FORMATS",
    "Lang",
    "Message",
    "MessageError",
    "LIST_LIMIT",
    "Term",
    "fmt_list",
    "fmt_m",
    "fmt_m2",
    "fmt_width",
    "fmt_xy",
    "in_lang",
]

Lang = Literal["en", "zh"]


class MessageError(ValueError):
    """A message template, or the values given to it, do not fit together (a programming error)."""


def fmt_m(value: float) -> str:
    """A length as findings print it: one decimal, two below a metre.

    >>> fmt_m(12.345), fmt_m(0.8)
    ('12.3 m', '0.80 m')
    """
    return f"{value:.1f} m" if value >= 1 else f"{value:.2f} m"


def fmt_width(value: float) -> str:
    """A clear width (a door, a passage) to the centimetre, as drawings and codes state them.

    >>> fmt_width(1.8), fmt_width(0.9)
    ('1.80 m', '0.90 m')
    """
    return f"{value:.2f} m"


def fmt_m2(value: float) -> str:
    """An area as findings print it: one decimal, two below 10 m² — where a room of 3.96 m² must
    not read as the "4.0 m²" it falls short of.

    >>> fmt_m2(88.04), fmt_m2(3.96)
    ('88.0 m²', '3.96 m²')
    """
    return f"{value:.2f} m²" if abs(value) < 10 else f"{value:.1f} m²"


def fmt_xy(value: tuple[float, float]) -> str:
    """A point of the plan, in metres to one decimal.

    >>> fmt_xy((5.0, 12.345))
    '(5.0, 12.3)'
    """
    x, y = value
    return f"({x:.1f}, {y:.1f})"


# A list field names at most this many items and counts the rest: a drawing can put 100,000
# labels in one boundary, and a message must stay a line a person reads.
LIST_LIMIT = 12


def fmt_list(values: Iterable[object], lang: Lang, limit: int = LIST_LIMIT) -> str:
    """Items of an enumeration, joined as each language writes them; past ``limit`` items the
    rest are counted.

    >>> fmt_list([1, 2], "en"), fmt_list([1, 2], "zh")
    ('1, 2', '1、2')
    >>> fmt_list(range(1300), "en", limit=2), fmt_list(range(1300), "zh", limit=2)
    ('0, 1 … and 1,298 more', '0、1 等，另有 1,298 项')
    """
    if isinstance(values, (str, bytes)):
        raise MessageError(f"a list field needs a list of items, not the string {values!r}")
    items = list(values)
    shown = ("、" if lang == "zh" else ", ").join(in_lang(v, lang) for v in items[:limit])
    rest = len(items) - limit
    if rest <= 0:
        return shown
    return f"{shown} 等，另有 {rest:,} 项" if lang == "zh" else f"{shown} … and {rest:,} more"


# Format specs with a name: the same value prints the same way in every language.
FORMATS: dict[str, Callable[[Any], str]] = {
    "m": fmt_m,
    "w": fmt_width,
    "m2": fmt_m2,
    "xy": fmt_xy,
}
_LIST_SPEC = "list"


class _Formatter(string.Formatter):
    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in FORMATS:
            return FORMATS[format_spec](value)
        if format_spec == _LIST_SPEC:
            return fmt_list(value, self.lang)
        if isinstance(value, Term):
            value = value.text(self.lang)
        return str(super().format_field(value, format_spec))


_FORMATTERS: dict[Lang, _Formatter] = {"en": _Formatter("en"), "zh": _Formatter("zh")}


def _fields(template: str, lang: Lang) -> dict[str, str]:
    """The named fields of a template with their conversion and format spec: {name: "!r:.1f"}."""
    found: dict[str, str] = {}
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise MessageError(f"{lang} template {template!r}: {exc}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            raise MessageError(
                f"{lang} template {template!r}: field {{{name}}} must be a plain name "
                "(no positions, attributes or indexes)"
            )
        if spec and "{" in spec:
            raise MessageError(f"{lang} template {template!r}: nested fields are not allowed")
        how = (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        if found.setdefault(name, how) != how:
            raise MessageError(f"{lang} template {template!r} formats {{{name}}} two ways")
    return found


@dataclass(frozen=True)
class Message:
    """One message of a rule: English and Chinese templates with the same named fields, each
    formatted the same way in both."""

    en: str
    zh: str
    fields: frozenset[str] = field(init=False, repr=False, compare=False)
    # the fields printed as points of the plan ({at:xy}): a rule adds the plan's origin to them
    points: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        en, zh = _fields(self.en, "en"), _fields(self.zh, "zh")
        if en.keys() != zh.keys():
            raise MessageError(
                "en and zh templates name different fields: "
                f"en only {set(en.keys() - zh.keys()) or '{}'}; zh only {set(zh.keys() - en.keys()) or '{}'}"
            )
        for name in en:
            if en[name] != zh[name]:
                raise MessageError(
                    f"field {{{name}}} is formatted {en[name] or 'plainly'} in en but "
                    f"{zh[name] or 'plainly'} in zh"
                )
        object.__setattr__(self, "fields", frozenset(en))
        object.__setattr__(self, "points", frozenset(k for k, how in en.items() if how == ":xy"))

    def render(self, **values: Any) -> tuple[str, str]:
        """(English, Chinese) text; ``values`` must be exactly the template's fields."""
        self.check_values(values)
        return (
            _FORMATTERS["en"].vformat(self.en, (), values),
            _FORMATTERS["zh"].vformat(self.zh, (), values),
        )

    def check_values(self, values: Mapping[str, Any]) -> None:
        missing = self.fields - values.keys()
        extra = values.keys() - self.fields
        if missing or extra:
            raise MessageError(
                f"message {self.en!r} needs the fields {sorted(self.fields)}"
                + (f"; missing {sorted(missing)}" if missing else "")
                + (f"; unknown {sorted(extra)}" if extra else "")
            )
