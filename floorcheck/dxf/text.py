"""Text as CAD writes it → text as people read it.

Handles MTEXT formatting codes, ``%%`` control codes, ``\\U+XXXX`` and ``\\M+nXXXX`` escapes,
caret escapes (``^J``), full-width digits and the ``㎡`` sign.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "decode_escapes", "sniff_encoding", "parse_area", "without_area"]

_UNICODE_ESCAPE = re.compile(r"\\U\+([0-9A-Fa-f]{4})")
# \M+nXXXX: n selects a DBCS code page (AutoCAD's "multibyte" escapes of old drawings).
_MBCS_ESCAPE = re.compile(r"\\M\+([1-5])([0-9A-Fa-f]{4})")
_MBCS_CODEPAGES = {"1": "cp932", "2": "big5", "3": "cp949", "4": "johab", "5": "gbk"}
_CARET = re.compile(r"\^([@-_])")
_STACK = re.compile(r"\\S([^;^/#]*)[\^/#]([^;]*);")


# MTEXT inline codes (AutoCAD's MTEXT reference): a code with an argument ends at ";".
_MTEXT_CODE = re.compile(
    r"\\(?P<esc>[\\{}])"  # \\ \{ \}: the literal character
    r"|\\(?P<brk>[PN])"  # paragraph or column break
    r"|\\(?P<sp>~)"  # non-breaking space
    r"|\\[ACcFfHQTWpa][^;]*;"  # formatting with an argument: dropped
    r"|\\[LlOoKkX]"  # underline, overline, strike-through toggles: dropped
    r"|(?P<brace>[{}])"  # grouping: dropped
)
_SPECIAL = {"c": "Ø", "d": "°", "p": "±", "%": "%"}
_PERCENT = re.compile(r"%%(.)")


def _mtext_sub(m: re.Match[str]) -> str:
    if m.group("esc"):
        return m.group("esc")
    if m.group("brk") or m.group("sp"):
        return "\n" if m.group("brk") == "P" else " "
    return ""


def plain_mtext(text: str) -> str:
    r"""MTEXT content without its inline codes (``\P`` becomes a line break).

    >>> plain_mtext(r"{\fSimSun|b0|i0;休息}\P{\H2.5x;\C1;85.3}㎡ \{x\}")
    '休息\n85.3㎡ {x}'
    """
    return plain_text(_MTEXT_CODE.sub(_mtext_sub, text))


def plain_text(text: str) -> str:
    """TEXT/ATTRIB content without ``%%`` codes: %%c %%d %%p become Ø ° ±, %%u %%o %%k go.

    >>> plain_text("%%u1号窗口 %%c800 90%%d 100%%%")
    '1号窗口 Ø800 90° 100%'
    """
    return _PERCENT.sub(lambda m: _SPECIAL.get(m.group(1).lower(), ""), text)


def _decode_mbcs(m: re.Match[str]) -> str:
    try:
        return bytes.fromhex(m.group(2)).decode(_MBCS_CODEPAGES[m.group(1)])
    except (UnicodeDecodeError, LookupError):
        return "\ufffd"


def decode_escapes(raw: str) -> str:
    r"""``\U+XXXX`` and ``\M+nXXXX`` escapes as the characters they stand for. CAD writes
    them into pre-R2007 files for every character the file's code page lacks — in texts, and in
    layer and block names too.

    >>> decode_escapes(r"E-CCTV-\U+7403\U+673a"), decode_escapes(r"\M+5D0DD"), decode_escapes("A1")
    ('E-CCTV-球机', '休', 'A1')
    """
    if "\\" not in raw:
        return raw
    text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    return _MBCS_ESCAPE.sub(_decode_mbcs, text)


def clean_text(raw: str, mtext: bool = False) -> str:
    r"""Plain, NFKC-folded text of a TEXT, MTEXT or ATTRIB value.

    >>> clean_text(r"{\fSimSun|b0|i0;休息等候区}\P85.3㎡", mtext=True)
    '休息等候区 85.3m2'
    >>> clean_text("%%u1号窗口")
    '1号窗口'
    >>> clean_text(r"\U+4F11\U+606F")
    '休息'
    >>> clean_text(r"\M+5D0DD")
    '休'
    """
    if not raw:
        return ""
    text = decode_escapes(raw)
    if mtext:
        text = _STACK.sub(lambda m: f"{m.group(1)}/{m.group(2)}", text)
        try:
            text = plain_mtext(text)
        except Exception:  # noqa: BLE001 - unbalanced braces and other broken MTEXT: strip what we can
            text = re.sub(r"\\[A-Za-z][^;\\{}]*;|[{}]|\\P", " ", text)
    else:
        try:
            text = plain_text(text)
        except Exception:  # noqa: BLE001 - a broken %% code: keep the text, drop the codes
            text = text.replace("%%", "")
    text = _CARET.sub(" ", text)
    text = text.replace("㎡", "m2").replace("m²", "m2")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()


_AREA = re.compile(r"(\d+(?:\.\d+)?)\s*(?:m2|平方米|平米)", re.IGNORECASE)


def parse_area(text: str) -> float | None:
    """The area a label states ("85.3m2", "S=120平方米"), or None.

    >>> parse_area("休息等候区 85.3m2")
    85.3
    >>> parse_area("M1021") is None
    True
    """
    m = _AREA.search(text)
    return float(m.group(1)) if m else None


def without_area(text: str) -> str:
    """A label without the area written in it.

    >>> without_area("后台协同区 96.0m2")
    '后台协同区'
    """
    return re.sub(r"\s+", " ", _AREA.sub("", text)).strip(" ,:：=") or text


def sniff_encoding(data: bytes, declared: str | None) -> str:
    """The encoding a pre-R2007 DXF's text really uses, whatever ``$DWGCODEPAGE`` claims.

    Plans drawn in China are GBK (ANSI_936) or, from newer exporters, UTF-8; headers lie both ways.
    Non-ASCII bytes that decode as UTF-8 are UTF-8 (GBK text almost never does); otherwise GBK when
    they decode as GBK and hold CJK; otherwise the declared code page.

    >>> sniff_encoding("休息".encode("utf-8"), "cp1252")
    'utf-8'
    >>> sniff_encoding("休息".encode("gbk"), "cp1252")
    'gbk'
    >>> sniff_encoding(b"plain ascii", "cp1252")
    'cp1252'
    """
    high = re.findall(rb"[\x80-\xff][\x00-\xff]{0,64}", data[: 4 * 1024 * 1024])
    if not high:
        return declared or "cp1252"
    sample = data if len(data) < 8 * 1024 * 1024 else data[: 8 * 1024 * 1024]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if len(sample) < len(data) and exc.start >= len(sample) - 4:  # sample cut mid-character
            return "utf-8"
    if declared and declared.lower() in ("gbk", "gb2312", "cp936", "gb18030"):
        return "gbk"
    text = sample.decode("gbk", errors="replace")
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    bad = text.count("\ufffd")
    if cjk > 0 and bad <= cjk // 10:
        return "gbk"
    return declared or "cp1252"
