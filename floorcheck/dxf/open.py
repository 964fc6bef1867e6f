"""Open a DXF file for reading, safely: never writes, never lets a parser traceback escape."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BrokenDxf, NotADxf, UnreadableFile
from .text import sniff_encoding

if TYPE_CHECKING:  # ezdxf loads in a quarter second: only the paths that need a document pay it
    from ezdxf.document import Drawing

__all__ = ["open_dxf", "checked_bytes"]

_MAGIC = {
    b"AC10": "a DWG drawing, not a DXF: open it in your CAD and save as DXF (SAVEAS → DXF)",
    b"%PDF": "a PDF document, not a DXF: export the plan from CAD as DXF",
    b"\x89PNG": "a PNG image, not a DXF: export the plan from CAD as DXF",
    b"\xff\xd8\xff": "a JPEG image, not a DXF: export the plan from CAD as DXF",
    b"PK\x03\x04": "a ZIP archive, not a DXF: unpack it and check the DXF inside",
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


def checked_bytes(path: str | Path) -> tuple[bytes, str | None, bool]:
    """The file's bytes once they look like a whole DXF: (data, text encoding, is binary).

    The encoding is the one the text really uses (R2007+ is always UTF-8; older drawings are
    sniffed, whatever ``$DWGCODEPAGE`` claims). Raises :class:`~floorcheck.errors.InputError`
    subclasses with a one-line message.
    """
    path = Path(path)
    data = _read_bytes(path)
    binary = _check_kind(data, str(path))
    encoding = None
    if not binary:
        version, codepage = _version_and_codepage(data[:200_000])
        if version is None or version < "AC1021":  # R2007+ is always UTF-8
            encoding = sniff_encoding(data, codepage)
    return data, encoding, binary


def _read_bytes(path: Path) -> bytes:
    """The whole file, or an :class:`~floorcheck.errors.UnreadableFile` saying why not."""
    name = str(path)
    if not path.exists():
        raise UnreadableFile("no such file", name, "check the path")
    if path.is_dir():
        raise UnreadableFile(
            "is a folder, not a DXF file",
            name,
            "name a .dxf file, or use 'floorcheck check FOLDER'",
        )
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise UnreadableFile(
            f"cannot be read ({exc.strerror or exc})", name, "check its permissions"
        ) from None


def _check_kind(data: bytes, name: str) -> bool:
    """Whether ``data`` is binary DXF; raises when it is not a whole DXF file at all."""
    if not data.strip():
        raise NotADxf("is empty", name, "export the plan from CAD again")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise NotADxf(f"is {what.split(':')[0]}", name, what.split(": ", 1)[1])
    if data.startswith(_BINARY_DXF):
        return True
    first = data.lstrip()[:32].split(b"\n", 1)[0].strip()
    if first not in (b"0", b"999") or b"\x00" in data[:4096]:
        raise NotADxf(
            "is not a DXF file (it does not start with DXF group codes)",
            name,
            "export the plan from CAD as DXF",
        )
    if not re.search(rb"(^|\n)\s*EOF\s*$", data[-64:]):
        raise BrokenDxf(
            "is truncated (it does not end with the DXF end-of-file marker)",
            name,
            "the upload or save was cut off: export the plan from CAD again",
        )
    return False


def open_dxf(path: str | Path) -> tuple[Drawing, list[str]]:
    """Read a DXF with ezdxf; returns the document and what had to be repaired (empty when
    clean). Raises :class:`~floorcheck.errors.InputError` subclasses with a one-line message.
    """
    from ezdxf import recover
    from ezdxf.filemanagement import readfile

    name = str(path)
    data, encoding, _ = checked_bytes(path)
    repairs: list[str] = []
    del data
    try:
        doc = readfile(path, encoding=encoding) if encoding else readfile(path)
    except Exception as first_error:  # noqa: BLE001 - any parser failure → try ezdxf's recover
        try:
            doc, auditor = recover.readfile(path)
        except Exception as exc:  # noqa: BLE001
            raise BrokenDxf(
                f"is damaged beyond repair ({_short(first_error)}; recover: {_short(exc)})",
                name,
                "open it in CAD, run AUDIT/RECOVER, and save as DXF again",
            ) from None
        repairs.append(f"the file was damaged ({_short(first_error)}); ezdxf recover repaired it")
        repairs.extend(str(f.message) for f in auditor.fixes[:20])
        if auditor.has_errors:
            repairs.extend(f"unrepaired: {e.message}" for e in auditor.errors[:20])
    return doc, repairs


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return text[:160]
