"""A word with an English and a Chinese form: the value type of every name a text prints.

Zone types, hall levels, window kinds, severities … are :class:`Term` values; a message template
(:mod:`floorcheck.messages`) prints a Term in its own language, and every reporter picks the
form of the language it writes. This module imports nothing, so every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Term", "in_lang", "layer_term"]


@dataclass(frozen=True)
class Term:
    """A word or name with an English and a Chinese form; ``str()`` is the English one.

    >>> Term("waiting area", "休息等候区").text("zh")
    '休息等候区'
    """

    en: str
    zh: str

    def __str__(self) -> str:
        return self.en

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def in_lang(value: object, lang: str) -> str:
    """``value`` as text in ``lang``: a :class:`Term` in that language, anything else as str.

    >>> in_lang(Term("error", "错误"), "zh"), in_lang(3, "zh")
    ('错误', '3')
    """
    return value.text(lang) if isinstance(value, Term) else str(value)


# A zone closed from the walls around its name keeps the name's layer with this mark.
WALLS_MARK = " (walls)"


def layer_term(layer: str) -> Term:
    """A zone's layer as texts name it: a room closed from the walls (``"A-NOTE (walls)"``)
    says so in each language.

    >>> layer_term("图层5 (walls)").text("zh"), layer_term("").text("en")
    ('图层5（墙体围合）', '-')
    """
    if layer.endswith(WALLS_MARK):
        base = layer[: -len(WALLS_MARK)]
        return Term(layer, f"{base}（墙体围合）")
    return Term(layer or "-", layer or "-")
