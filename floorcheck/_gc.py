"""Pause Python's cyclic garbage collector while a plan is read or checked, and keep the garbage
cycles of late imports away from the caller's frames.

Reading a 100 MB drawing creates millions of long-lived objects (tags, records, points); every
generation-2 pass of the collector walks all of them again, a quarter of the reading time.
Reference counting still frees everything as usual; reference cycles made meanwhile are
collected once the collector runs again.

Those cycles must therefore hold nothing large. A module imported for the first time in the
middle of reading (ezdxf, for the first spline) can leave cycles that hold frames: pyparsing,
which ezdxf imports, keeps exceptions whose tracebacks hold the frames they were raised in, and
every frame holds its caller (``f_back``) and, once that caller returns, the caller's locals —
the reader's, with the file's bytes and every record. :func:`import_aside` imports in a thread
of its own, whose frames lead back to nothing of the caller's.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused", "import_aside"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """``with gc_paused(): …`` — nested uses leave the collector as the outermost found it.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_imported: set[str] = set()
_lock = threading.Lock()


def import_aside(*names: str) -> None:
    """Import the modules ``names`` (once per process) in a thread of its own, so that whatever
    garbage their import leaves refers to that thread's frames, not to the caller's; an import
    error is raised here, in the caller.

    >>> import_aside("json", "email.parser")
    >>> "email.parser" in sys.modules
    True
    """
    wanted = [n for n in names if n not in _imported]
    if not wanted:
        return
    with _lock:
        wanted = [n for n in wanted if n not in _imported]
        if not wanted:
            return
        failed: list[BaseException] = []

        def run() -> None:
            try:
                for name in wanted:
                    importlib.import_module(name)
            except BaseException as exc:  # noqa: BLE001 - raised again in the caller
                failed.append(exc)

        if all(n in sys.modules for n in wanted):
            run()  # imported before (by the caller's own code): nothing is imported now
        else:
            worker = threading.Thread(target=run, name="floorcheck-import", daemon=True)
            worker.start()
            worker.join()
        if failed:
            raise failed[0]
        _imported.update(wanted)
