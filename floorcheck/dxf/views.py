"""The views on a sheet: which clusters of drawing are floor plans, and which are sections,
elevations, details, roof or site plans, by the titles written under or beside them.

A real sheet often holds a plan with its sections and elevations, or every floor side by side.
Only floor plans are checked: a room name written in a section (消防水泵房 in 1-1剖面图) is not a
room of the plan. A cluster is a group of drawn geometry (walls, boundaries, columns, door
blocks) whose boxes lie within a few metres of each other
(:func:`floorcheck.geometry.regions.clusters`); its title is the largest title text
(一层平面图, 1-1剖面图, SECTION A-A, GROUND FLOOR …) nearest it, under, above or beside it. A
cluster with no title is a floor plan.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..geometry.regions import Bounds, clusters
from ..model import View
from .labels import PlacedLabels
from .names import view_kind

__all__ = ["find_views", "VIEW_KINDS", "in_bounds"]

# What each kind of view is called in the reports (English, Chinese).
VIEW_KINDS: dict[str, tuple[str, str]] = {
    "plan": ("floor plan", "平面图"),
    "section": ("section", "剖面图"),
    "elevation": ("elevation", "立面图"),
    "detail": ("detail", "详图"),
    "roof": ("roof plan", "屋顶平面图"),
    "site": ("site plan", "总平面图"),
}

# Clusters of drawing further apart than this (m) are separate views.
VIEW_GAP_M = 3.0
# A title belongs to the cluster it is nearest, when it is at most this share of the cluster's
# larger side away from its box (titles stand under, above or beside their view, the plan's
# dimension lines between them) …
TITLE_REACH_SHARE = 0.5
# … and at least this far (m), for small views (a detail of a wall).
TITLE_REACH_MIN_M = 3.0
# A text this many times taller than the labels' typical height is a title when it names no
# view kind itself ("Program", "Circulation Network" over a view).
TITLE_HEIGHT_FACTOR = 4.0


def find_views(
    geoms: Sequence[BaseGeometry],
    labels: PlacedLabels,
    kinds: Sequence[str],
    heights: np.ndarray,
    gap: float = VIEW_GAP_M,
) -> tuple[list[View], set[int]]:
    """The views of a sheet: the clusters of ``geoms`` (metres), each with the title found
    for it and the kind of view the title names; and the labels taken as titles. ``kinds`` is
    each label's :func:`~floorcheck.dxf.names.text_kind`, ``heights`` their text heights in
    metres. A title stands outside its view (inside, a text naming a detail is a note that
    refers to it)."""
    boxes = clusters(geoms, gap)
    if not boxes:
        return [], set()
    titles = _titles(labels, kinds, heights)
    found: dict[int, list[tuple[float, float, str]]] = {}
    used: set[int] = set()
    if titles:
        polys = shapely.box(*np.array(boxes).T)
        for li, height in titles:
            x, y = labels.xy[li]
            d = shapely.distance(polys, shapely.points(x, y))
            k = int(np.argmin(d))
            x0, y0, x1, y1 = boxes[k]
            reach = max(TITLE_REACH_MIN_M, TITLE_REACH_SHARE * max(x1 - x0, y1 - y0))
            text = labels.text(li)
            if d[k] > reach or d[k] <= 0:
                # a title stands outside its view: inside, "详见…大样图" is a note
                continue
            found.setdefault(k, []).append((float(d[k]), -height, text))
            used.add(li)
    views = []
    for k, bounds in enumerate(boxes):
        kind, title = "plan", ""
        named = sorted(found.get(k, []))
        for _, _, text in named:
            vk = view_kind(text)
            if vk is not None:
                kind, title = vk, text
                break
        if not title and named:
            title = named[0][2]
        views.append(View(k + 1, bounds, kind, title))
    return views, used


def _titles(
    labels: PlacedLabels, kinds: Sequence[str], heights: np.ndarray
) -> list[tuple[int, float]]:
    """The labels that are titles of views: (label index, height), tallest first."""
    if not len(labels):
        return []
    typical = float(np.median(heights)) if len(heights) else 0.0
    out = []
    for i, lb in enumerate(labels.labels):
        if lb.source != "text":
            continue
        big = typical > 0 and heights[i] >= TITLE_HEIGHT_FACTOR * typical
        if kinds[i] == "title" or (big and kinds[i] == "name"):
            out.append((i, float(heights[i])))
    out.sort(key=lambda t: -t[1])
    return out


def in_bounds(xy: np.ndarray, bounds: Bounds) -> np.ndarray:
    """Which rows of ``xy`` (n, 2) lie in ``bounds``."""
    x0, y0, x1, y1 = bounds
    return (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
