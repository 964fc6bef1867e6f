"""floorcheck's one exception family: everything the user can fix raises an InputError.

Each error carries its text in English and in Chinese: ``str()`` is the English line (what the
library's callers, logs and the tests read); :meth:`InputError.text` gives the line in either
language, so that ``--lang zh`` prints the error in Chinese too.

>>> e = UnreadableFile("no such file", "a.dxf", "check the path",
...                    message_zh="文件不存在", hint_zh="请检查路径")
>>> str(e), e.text("zh")
('a.dxf: no such file — check the path', 'a.dxf：文件不存在——请检查路径')
"""

from __future__ import annotations

import copy
from typing import TypeVar

__all__ = [
    "InputError",
    "UnreadableFile",
    "NotADxf",
    "BrokenDxf",
    "ConfigError",
    "BudgetExceeded",
    "UnreadableDwg",
    "UnsupportedDwg",
    "BrokenIfc",
    "UnsupportedFormat",
    "with_zh",
    "zh_of",
    "one_line",
    "detail_zh",
]


def one_line(path: str | None, message: str, hint: str, lang: str = "en") -> str:
    """The one line of an error: which file, what, what to do — punctuated for ``lang``.

    >>> one_line("a.dxf", "is empty", "export it again")
    'a.dxf: is empty — export it again'
    >>> one_line(None, "文件为空", "请重新导出", "zh")
    '文件为空——请重新导出'
    """
    colon, dash = ("：", "——") if lang == "zh" else (": ", " — ")
    text = f"{path}{colon}{message}" if path else message
    return f"{text}{dash}{hint}" if hint else text


def detail_zh(text: str) -> str:
    """A detail in English (a parser's or the system's own words) quoted inside a Chinese line.

    >>> detail_zh("unexpected EOF")
    '“unexpected EOF”'
    """
    return f"“{text.replace('”', '″')}”"


class InputError(Exception):
    """A file or an option that floorcheck cannot use. ``str()`` is one line: what, which, what to
    do (English); :meth:`text` is the same line in English or Chinese (``message_zh``,
    ``hint_zh``; each falls back to the English when not given)."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        hint: str = "",
        *,
        message_zh: str = "",
        hint_zh: str = "",
    ) -> None:
        self.path = path
        self.hint = hint
        self.reason = message
        self.message_zh = message_zh
        self.hint_zh = hint_zh
        super().__init__(one_line(path, message, hint))

    def text(self, lang: str = "en") -> str:
        """The one line in ``lang`` (``en`` or ``zh``)."""
        if lang != "zh":
            return str(self)
        hint = (self.hint_zh or self.hint) if self.hint else ""
        return one_line(self.path, self.message_zh or self.reason, hint, "zh")

    def at(self, path: str) -> InputError:
        """The same error, naming ``path`` (for errors raised before the file's name was
        known); both languages are kept."""
        new = copy.copy(self)
        new.path = path
        new.args = (one_line(path, self.reason, self.hint),)
        return new

    def __reduce__(self) -> tuple[object, ...]:  # keeps the Chinese through a process pool
        return (
            _rebuild,
            (type(self), self.reason, self.path, self.hint, self.message_zh, self.hint_zh),
        )


def _rebuild(
    cls: type[InputError], message: str, path: str | None, hint: str, zh: str, hint_zh: str
) -> InputError:
    return cls(message, path, hint, message_zh=zh, hint_zh=hint_zh)


E = TypeVar("E", bound=BaseException)


def with_zh(exc: E, message_zh: str) -> E:
    """``exc`` (a ValueError, KeyError … raised below the CLI) carrying its text in Chinese too,
    for the :class:`ConfigError` that names the file or option it came from.

    >>> zh_of(with_zh(ValueError("bad"), "有误")), zh_of(ValueError("bad"))
    ('有误', '“bad”')
    """
    exc.message_zh = message_zh  # type: ignore[attr-defined]
    return exc


def zh_of(exc: BaseException) -> str:
    """The Chinese text an exception carries (``message_zh``), else a quoted detail of its
    English text."""
    zh = getattr(exc, "message_zh", "")
    return zh or detail_zh(str(exc))


class UnreadableFile(InputError):
    """The file does not exist or cannot be opened."""


class NotADxf(InputError):
    """The file is not a DXF drawing (a DWG, a PDF, an image, random bytes …)."""


class BrokenDxf(InputError):
    """A DXF broken beyond what ezdxf's recover can mend, or one that would never finish."""


class BudgetExceeded(BrokenDxf):
    """The drawing exceeds a size, depth or time guard."""


class ConfigError(InputError):
    """A configuration or mapping file, or a command-line value, that cannot be used."""


class UnreadableDwg(InputError):
    """A DWG drawing that the DWG reader cannot decode (damaged, truncated)."""


class UnsupportedDwg(UnreadableDwg):
    """A DWG of a version the DWG reader does not know (R12 and older, or unknown)."""


class BrokenIfc(InputError):
    """An IFC model that cannot be parsed, or holds no storey or space to check."""


class UnsupportedFormat(InputError):
    """A file that is none of the formats floorcheck reads (DXF, DWG, IFC)."""
