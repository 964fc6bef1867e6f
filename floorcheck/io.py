"""Writing outputs whole or not at all, without ever destroying what was there.

Every file floorcheck writes goes through :func:`atomic_path`:

- a regular file (or a new one) is written to a temporary file beside it (``.name.XXXX.tmp``,
  so that a folder scan for drawings never picks it up) and renamed over the target only once
  complete; it gets the old file's permissions, or those the umask gives a new file;
- a symbolic link stays a link: the file it points to is replaced the same way;
- a device, a FIFO or a socket (``/dev/null``, ``/dev/stdout``, a pipe) is written in place —
  renaming a file over ``/dev/null`` would replace the device itself;
- ``-`` is standard output;
- a target that is one of the drawings being read is refused, as is a folder that does not exist
  (unless asked to create it): :class:`OutputError`, one line, exit status 2.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError, detail_zh

__all__ = [
    "OutputError",
    "STDOUT",
    "atomic_path",
    "check_output",
    "write_text",
    "write_bytes",
]

STDOUT = "-"


class OutputError(InputError):
    """An output that cannot be written where it was asked for."""


def _umask() -> int:
    try:  # Linux tells without changing anything
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_output(
    target: str | Path, protect: Iterable[str | Path] = (), *, mkdir: bool = False
) -> None:
    """Refuse, before any work is done, an output that would overwrite an input or land in a
    folder that does not exist. ``protect`` are the drawings being read."""
    if str(target) == STDOUT:
        return
    path = Path(target)
    for source in protect:
        if _same_file(path, Path(source)):
            raise OutputError(
                "is the drawing being checked; floorcheck never writes over its input",
                str(target),
                "name another output file",
                message_zh="是正在检查的图纸；floorcheck 从不改写输入文件",
                hint_zh="请另选输出文件名",
            )
    if path.is_dir():
        raise OutputError(
            "is a folder",
            str(target),
            "name a file to write",
            message_zh="这是文件夹",
            hint_zh="请指定要写入的文件",
        )
    folder = path.resolve().parent if path.is_symlink() else path.parent
    if not folder.is_dir() and not mkdir:
        raise OutputError(
            f"folder {str(folder) or '.'} does not exist",
            str(target),
            "create it, or add --mkdir",
            message_zh=f"文件夹 {str(folder) or '.'} 不存在",
            hint_zh="请先创建该文件夹，或加上 --mkdir",
        )


@contextlib.contextmanager
def atomic_path(
    target: str | Path, protect: Iterable[str | Path] = (), *, mkdir: bool = False
) -> Iterator[Path]:
    """Yield a temporary path to write; once the block ends without error its content becomes
    ``target`` (see the module doc for links, devices and ``-``). An interrupted or failed write
    leaves the old target untouched and no temporary file behind."""
    check_output(target, protect, mkdir=mkdir)
    special = str(target) == STDOUT or _is_special(Path(target))
    final = Path(target).resolve() if not special and Path(target).is_symlink() else Path(target)
    folder = (
        Path(tempfile.gettempdir())
        if special
        else (final.parent if str(final.parent) else Path("."))
    )
    try:
        if mkdir and not special:
            folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name or 'out'}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise _cannot(target, exc) from None
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if special:
            _copy_into(tmp_path, str(target))
        else:
            mode = stat.S_IMODE(final.stat().st_mode) if final.exists() else 0o666 & ~_umask()
            os.chmod(tmp_path, mode)
            os.replace(tmp_path, final)
    except OSError as exc:
        raise _cannot(target, exc) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def _is_special(path: Path) -> bool:
    """A device, FIFO or socket (also through a link): written in place, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _copy_into(tmp: Path, target: str) -> None:
    with open(tmp, "rb") as src:
        if target == STDOUT:
            sys.stdout.flush()
            shutil.copyfileobj(src, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)


def _cannot(target: str | Path, exc: OSError) -> OutputError:
    reason = exc.strerror or exc.__class__.__name__
    return OutputError(
        f"cannot be written ({reason})",
        str(target),
        "choose a file you can write",
        message_zh=f"无法写入（{detail_zh(reason)}）",
        hint_zh="请选择有写入权限的文件",
    )


def write_text(
    target: str | Path, text: str, protect: Iterable[str | Path] = (), *, mkdir: bool = False
) -> Path:
    with atomic_path(target, protect, mkdir=mkdir) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_bytes(
    target: str | Path, data: bytes, protect: Iterable[str | Path] = (), *, mkdir: bool = False
) -> Path:
    with atomic_path(target, protect, mkdir=mkdir) as tmp:
        tmp.write_bytes(data)
    return Path(target)
