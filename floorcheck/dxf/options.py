"""What the reader may spend (:class:`ReadLimits`) and how it recognises a plan (:class:`ReadOptions`).

Both are frozen: pass your own to :func:`floorcheck.dxf.load` to change one value::

    from floorcheck.dxf import ReadOptions, load
    plan = load("hall.dxf", options=ReadOptions(doorway_max_m=3.0))
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReadLimits"]


@dataclass(frozen=True)
class ReadLimits:
    """Guards against drawings that would never finish (nested 10,000 deep, cycles, floods)."""

    max_depth: int = 32
    max_entities: int = 3_000_000
    max_vertices: int = 2_000_000
