"""The main entrance among a plan's doors (DXF.md, "Doors and entrances"): the door labelled as
the main entrance, else the widest entrance. One rule for the DXF reader and for a region cut
out of a plan (:func:`floorcheck.geometry.regions.crop`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import Door
from ..vocab import MAIN_ENTRANCE

__all__ = ["names_main_entrance", "with_main_entrance"]


def names_main_entrance(text: str) -> bool:
    """Whether ``text`` names the main entrance.

    >>> names_main_entrance("主入口"), names_main_entrance("Main Entrance"), names_main_entrance("M1021")
    (True, True, False)
    """
    return MAIN_ENTRANCE.search(text) is not None


def _is_main(door: Door) -> bool:
    return door.main


def with_main_entrance(
    doors: Sequence[Door], labelled: Callable[[Door], bool] = _is_main
) -> list[Door]:
    """``doors`` with exactly one main entrance when there is one to choose: the first door
    ``labelled`` as the main entrance (by default: already marked ``main``), else the widest
    entrance (the first of equals); it is an entrance too. No door is main when none is
    labelled and none is an entrance.

    >>> doors = [Door("", (0, 0), 1.0, entrance=True), Door("", (9, 0), 1.8, entrance=True)]
    >>> [d.main for d in with_main_entrance(doors)]
    [False, True]
    >>> [d.main for d in with_main_entrance(doors, lambda d: d.position[0] == 0)]
    [True, False]
    """
    pick = next((d for d in doors if labelled(d)), None) or max(
        (d for d in doors if d.entrance), key=lambda d: d.width_m, default=None
    )
    return [replace(d, main=d is pick, entrance=d.entrance or d is pick) for d in doors]
