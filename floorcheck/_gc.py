"""Pause Python's cyclic garbage collector while a plan is read or checked.

Reading a 100 MB drawing creates millions of long-lived objects (tags, records, points); every
generation-2 pass of the collector walks all of them again, a quarter of the reading time.
Reference counting still frees everything as usual; reference cycles made meanwhile are
collected once the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


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
