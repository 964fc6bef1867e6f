"""Open a DXF file for reading, safely: never writes, never lets a parser traceback escape."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BrokenDxf, NotADxf, UnreadableFile, detail_zh
from .lazy import load_ezdxf
from .text import sniff_encoding

if TYPE_CHECKING:  # ezdxf loads in a quarter second: only the paths that need a document pay it
    from ezdxf.document import Drawing

__all__ = ["open_dxf", "checked_bytes", "check_file", "Checked", "ezdxf_log", "listed"]

_EXPORT_ZH = "请在 CAD 中将平面图导出为 DXF"
# What a file is by its first bytes, and what to do: (English, Chinese) each.
_MAGIC: dict[bytes, tuple[str, str, str, str]] = {
    b"AC10": (
        "a DWG drawing, not a DXF",
        "open it in your CAD and save as DXF (SAVEAS → DXF)",
        "是 DWG 图纸，不是 DXF",
        "请在 CAD 中打开并另存为 DXF（SAVEAS → DXF）",
    ),
    b"%PDF": (
        "a PDF document, not a DXF",
        "export the plan from CAD as DXF",
        "是 PDF 文档，不是 DXF",
        _EXPORT_ZH,
    ),
    b"\x89PNG": (
        "a PNG image, not a DXF",
        "export the plan from CAD as DXF",
        "是 PNG 图片，不是 DXF",
        _EXPORT_ZH,
    ),
    b"\xff\xd8\xff": (
        "a JPEG image, not a DXF",
        "export the plan from CAD as DXF",
        "是 JPEG 图片，不是 DXF",
        _EXPORT_ZH,
    ),
    b"PK\x03\x04": (
        "a ZIP archive, not a DXF",
        "unpack it and check the DXF inside",
        "是 ZIP 压缩包，不是 DXF",
        "请解压后检查其中的 DXF",
    ),
}
_BINARY_DXF = b"AutoCAD Binary DXF"
_CODEPAGES = {
    "ANSI_936": "gbk",
    "ANSI_950": "big5",
    "ANSI_932": "cp932",
    "ANSI_949": "cp949",
    "ANSI_1252": "cp1252",
}


def _version_and_codepage(head: bytes) -> tuple[str | None, str | None]:
    ver = re.search(rb"\$ACADVER\s*\r?\n\s*1\s*\r?\n\s*(AC\d{4})", head)
    cp = re.search(rb"\$DWGCODEPAGE\s*\r?\n\s*3\s*\r?\n\s*(\w+)", head)
    version = ver.group(1).decode() if ver else None
    codepage = _CODEPAGES.get(cp.group(1).decode().upper()) if cp else None
    return version, codepage


@dataclass
class Checked:
    """A file that looks like a whole DXF: its bytes (line ends made ``\\n`` when the file used
    bare ``\\r``), the encoding its text uses (None: binary, or R2007+ UTF-8), whether it is
    binary DXF, and ``fallback``: the encoding to read a text in when it is not valid in
    ``encoding`` (GBK in an R2007+ file, which should hold UTF-8 only)."""

    data: bytes
    encoding: str | None
    binary: bool
    fallback: str | None = None


def checked_bytes(path: str | Path) -> tuple[bytes, str | None, bool]:
    """The file's bytes once they look like a whole DXF: (data, text encoding, is binary); see
    :func:`check_file`."""
    checked = check_file(path)
    return checked.data, checked.encoding, checked.binary


def check_file(path: str | Path) -> Checked:
    """Read ``path`` and check that it is a whole DXF.

    The encoding is the one the text really uses: older drawings are sniffed, whatever
    ``$DWGCODEPAGE`` claims; R2007+ is UTF-8 by definition, but exporters write GBK into such
    files too: a text that is not valid UTF-8 is then read as GBK (and the reader says so). Line
    ends of bare ``\\r`` (classic Mac OS, which ezdxf reads too) are made ``\\n``. Raises
    :class:`~floorcheck.errors.InputError` subclasses with a one-line message.
    """
    path = Path(path)
    data = _read_bytes(path)
    if not data.startswith(_BINARY_DXF):
        data = _unix_line_ends(data)
    binary = _check_kind(data, str(path))
    if binary:
        return Checked(data, None, True)
    version, codepage = _version_and_codepage(data[:200_000])
    if version is None or version < "AC1021":
        return Checked(data, sniff_encoding(data, codepage), False)
    return Checked(data, None, False, fallback=None if _valid_utf8(data) else "gbk")


# Bytes decoded at a time when a file is checked for UTF-8: a copy of this size, not of the file.
_UTF8_CHUNK = 1 << 20


def _valid_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 throughout, decoded a megabyte at a time (an incremental
    decoder carries a character split between two pieces over; no copy of the whole file is
    made).

    >>> _valid_utf8("休息 a 区".encode()), _valid_utf8("休息".encode("gbk"))
    (True, False)
    >>> _valid_utf8("区".encode()[:2])  # cut inside a character
    False
    """
    if data.isascii():
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for at in range(0, len(data), _UTF8_CHUNK):
            decoder.decode(view[at : at + _UTF8_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _unix_line_ends(data: bytes) -> bytes:
    """``data`` with bare ``\\r`` line ends (no ``\\n`` anywhere near the start) as ``\\n``.

    >>> _unix_line_ends(b"  0\\rSECTION\\r"), _unix_line_ends(b"  0\\r\\nEOF\\r\\n")
    (b'  0\\nSECTION\\n', b'  0\\r\\nEOF\\r\\n')
    """
    head = data[:4096]
    if b"\n" in head or b"\r" not in head:
        return data
    return data.replace(b"\r", b"\n")


def _read_bytes(path: Path) -> bytes:
    """The whole file, or an :class:`~floorcheck.errors.UnreadableFile` saying why not."""
    name = str(path)
    if not path.exists():
        raise UnreadableFile(
            "no such file", name, "check the path", message_zh="文件不存在", hint_zh="请检查路径"
        )
    if path.is_dir():
        raise UnreadableFile(
            "is a folder, not a DXF file",
            name,
            "name a .dxf file, or use 'floorcheck check FOLDER'",
            message_zh="这是文件夹，不是 DXF 文件",
            hint_zh="请指定 .dxf 文件，或用 floorcheck check 检查整个文件夹",
        )
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise UnreadableFile(
            f"cannot be read ({exc.strerror or exc})",
            name,
            "check its permissions",
            message_zh=f"无法读取（{detail_zh(exc.strerror or str(exc))}）",
            hint_zh="请检查文件权限",
        ) from None


def _check_kind(data: bytes, name: str) -> bool:
    """Whether ``data`` is binary DXF; raises when it is not a whole DXF file at all."""
    if not data.strip():
        raise NotADxf(
            "is empty",
            name,
            "export the plan from CAD again",
            message_zh="文件为空",
            hint_zh="请在 CAD 中重新导出平面图",
        )
    for magic, (what, todo, what_zh, todo_zh) in _MAGIC.items():
        if data.startswith(magic):
            raise NotADxf(f"is {what}", name, todo, message_zh=what_zh, hint_zh=todo_zh)
    if data.startswith(_BINARY_DXF):
        return True
    first = data.lstrip()[:32].split(b"\n", 1)[0].strip()
    if first not in (b"0", b"999") or b"\x00" in data[:4096]:
        raise NotADxf(
            "is not a DXF file (it does not start with DXF group codes)",
            name,
            "export the plan from CAD as DXF",
            message_zh="不是 DXF 文件（开头没有 DXF 组码）",
            hint_zh=_EXPORT_ZH,
        )
    if not re.search(rb"(^|\n)\s*EOF\s*$", data[-64:]):
        raise BrokenDxf(
            "is truncated (it does not end with the DXF end-of-file marker)",
            name,
            "the upload or save was cut off: export the plan from CAD again",
            message_zh="文件不完整（结尾缺少 DXF 文件结束标记 EOF）",
            hint_zh="上传或保存被中断：请在 CAD 中重新导出平面图",
        )
    return False


def open_dxf(path: str | Path) -> tuple[Drawing, list[str]]:
    """Read a DXF with ezdxf; returns the document and what had to be repaired (empty when
    clean). Raises :class:`~floorcheck.errors.InputError` subclasses with a one-line message.
    What ezdxf logs while reading (a line per value its recover mends) is collected into the
    repairs, not printed.
    """
    load_ezdxf()
    from ezdxf import recover
    from ezdxf.filemanagement import readfile

    name = str(path)
    data, encoding, _ = checked_bytes(path)
    del data
    with ezdxf_log() as logged:
        try:
            doc = readfile(path, encoding=encoding) if encoding else readfile(path)
            return doc, listed([], logged)
        except Exception as first_error:  # noqa: BLE001 - any parser failure → ezdxf's recover
            first = _short(first_error)
        logged.clear()  # what the failed read logged is said by its error
        try:
            doc, auditor = recover.readfile(path)
        except Exception as exc:  # noqa: BLE001
            detail = f"{first}; recover: {_short(exc)}"
            raise BrokenDxf(
                f"is damaged beyond repair ({detail})",
                name,
                "open it in CAD, run AUDIT/RECOVER, and save as DXF again",
                message_zh=f"已损坏，无法修复（读取器报告：{detail_zh(detail)}）",
                hint_zh="请在 CAD 中打开，运行 AUDIT/RECOVER，再重新保存为 DXF",
            ) from None
    repairs = [f"the file was damaged ({first}); ezdxf recover repaired it"]
    repairs += [str(f.message) for f in auditor.fixes]
    repairs += [
        str(e.message) if str(e.message).startswith("recovered ") else f"unrepaired: {e.message}"
        for e in auditor.errors
    ]
    return doc, listed(repairs, logged)


# At most this many repairs are listed one by one; the rest are counted in one more line.
_REPAIRS_LISTED = 20


def listed(repairs: list[str], logged: list[str]) -> list[str]:
    """The repairs, then what ezdxf logged that they do not already say, the first
    :data:`_REPAIRS_LISTED` one by one and the rest counted (a list made so before keeps its
    count).

    >>> logged = [f"value {k} recovered" for k in range(31)]
    >>> listed(["a"], ["a", *logged])[-1]
    '… and 12 more repairs'
    >>> listed(listed(["a"], logged), ["b"])[-1]
    '… and 13 more repairs'
    """
    more = 0
    if repairs and repairs[-1].startswith(_MORE[0]) and repairs[-1].endswith(_MORE[1]):
        more = int(repairs[-1][len(_MORE[0]) : -len(_MORE[1])].replace(",", ""))
        repairs = repairs[:-1]
    out = list(dict.fromkeys(repairs))
    said = set(out)
    out += [m for m in dict.fromkeys(logged) if m not in said]
    rest = max(len(out) - _REPAIRS_LISTED, 0) + more
    if not rest:
        return out
    return out[:_REPAIRS_LISTED] + [f"{_MORE[0]}{rest:,}{_MORE[1]}"]


_MORE = ("… and ", " more repairs")


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


@contextmanager
def ezdxf_log() -> Iterator[list[str]]:
    """The warnings ezdxf logs meanwhile, collected instead of reaching stderr (without a
    handler of its own, Python prints them there; ezdxf's recover logs one per value it
    mends)."""
    logger = logging.getLogger("ezdxf")
    messages: list[str] = []
    handler = _Collect(messages)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return text[:160]
