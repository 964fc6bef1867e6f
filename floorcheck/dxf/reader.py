"""DXF → Plans: the walker (walker.py) sorts what the drawing holds by meaning; :func:`build_plans`
turns what it collected into zones, doors, windows, cameras … in metres — one plan per floor
plan on the sheet.

Coordinates stay in drawing units until the unit is known, then everything is scaled at once.
The sheet is then cut into its views (views.py): floor plans are read, sections, elevations and
details are left out (and said so in :class:`~floorcheck.model.Recognition`). Each floor plan
that holds rooms becomes its own :class:`~floorcheck.model.Plan` (``Plan.part`` names it), so
that two floors are never added up into one hall. Each step takes what it needs as arguments and
returns what it found; findings about the drawing (FC0xx diagnostics) are appended to one list,
in the order the steps run.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box
from shapely.geometry.base import BaseGeometry

from ..errors import ConfigError
from ..geometry.regions import Bounds, region_arg
from ..model import Diagnostic, Plan, Recognition, TextMark, View, Zone
from ..vocab import match_zone_type, normalise_label
from .collected import Collected, Label, Ring, Thing
from .document import source_from_doc
from .labels import PlacedLabels, merge_stacked
from .mapping import Mapping, unmatched_entries
from .metadata import drawing_units, plan_metadata
from .names import name_rank, text_kind
from .options import ReadLimits, ReadOptions
from .rooms import (
    Rooms,
    doorway_width,
    rooms_from_outlines,
    rooms_from_walls,
    unplaced_labels,
)
from .tags import DxfSource
from .things import (
    read_cameras,
    read_doors,
    read_obstacles,
    read_seats,
    read_signs,
    read_terminals,
    read_windows,
)
from .views import VIEW_GAP_M, VIEW_KINDS, find_views, in_bounds
from .walker import Walker
from .zones import Boundary, boundary_polygons, number_zones, polygon, zones_from_boundaries

__all__ = ["read_plan", "read_plans", "build_plan", "build_plans", "Region", "local_origin"]

# A plan is read relative to a multiple of this (m) near its middle: plans within half of it of
# their drawing's origin (nearly all) keep their coordinates; plans drawn at site coordinates
# or far away keep a micrometre's precision (float64 holds ~16 digits: at 1e12 m, a tenth of a
# millimetre).
_ORIGIN_GRID_M = 10_000.0

# --region: a view's number (1 = top left), "N" or "x0,y0,x1,y1" as text, or a window in metres
# (in the drawing's own coordinates).
Region = int | str | tuple[float, float, float, float]


def read_plans(
    doc: Any,
    source: str,
    mapping: Mapping,
    units: str | None = None,
    layout: str | None = None,
    repairs: list[str] | tuple[str, ...] = (),
    limits: ReadLimits | None = None,
    options: ReadOptions | None = None,
    region: Region | None = None,
) -> list[Plan]:
    """Recognise zones, windows, doors, cameras … in an ezdxf document or a :class:`DxfSource`
    whose modelspace entities were kept: one plan per floor plan (see :func:`build_plans`)."""
    if isinstance(doc, DxfSource):
        src, records = doc, doc.entities
    else:
        src, records = source_from_doc(doc, layout, source)
    found = Walker(src, mapping, limits or ReadLimits(), outlines=True).walk(records)
    return build_plans(found, src, mapping, source, units, repairs, options, region)


def read_plan(
    doc: Any,
    source: str,
    mapping: Mapping,
    units: str | None = None,
    layout: str | None = None,
    repairs: list[str] | tuple[str, ...] = (),
    limits: ReadLimits | None = None,
    options: ReadOptions | None = None,
    region: Region | None = None,
) -> Plan:
    """The one plan of :func:`read_plans`; a sheet with several floor plans needs ``region``."""
    plans = read_plans(doc, source, mapping, units, layout, repairs, limits, options, region)
    return only_plan(plans, source)


def build_plan(
    found: Collected,
    src: DxfSource,
    mapping: Mapping,
    source: str,
    units: str | None = None,
    repairs: list[str] | tuple[str, ...] = (),
    options: ReadOptions | None = None,
    region: Region | None = None,
) -> Plan:
    """The one plan of :func:`build_plans`; a sheet with several floor plans needs ``region``."""
    return only_plan(
        build_plans(found, src, mapping, source, units, repairs, options, region), source
    )


def only_plan(plans: list[Plan], source: str) -> Plan:
    """The plan of a drawing that holds one; a clear error naming the regions otherwise."""
    if len(plans) == 1:
        return plans[0]
    listing = ", ".join(p.part for p in plans)
    listing_zh = "、".join(_part_zh(p.part) for p in plans)
    raise ConfigError(
        f"holds {len(plans)} floor plans ({listing})",
        source,
        "name one with --region N (see 'floorcheck zones'); 'floorcheck check' checks each",
        message_zh=f"包含 {len(plans)} 个平面图（{listing_zh}）",
        hint_zh="请用 --region N 指定其一（编号见 floorcheck zones 命令）；floorcheck check 会逐个检查",
    )


def _part_zh(part: str) -> str:
    """A plan's part as Chinese texts name it: "region 2 GROUND FLOOR" → "区域 2 'GROUND FLOOR'"
    (the title is the drawing's own words).

    >>> _part_zh("region 2 GROUND FLOOR"), _part_zh("region 1")
    ("区域 2 'GROUND FLOOR'", '区域 1')
    """
    head, _, rest = part.partition(" ")
    if head != "region":
        return part
    number, _, title = rest.partition(" ")
    return f"区域 {number}" + (f" {title!r}" if title else "")


def build_plans(
    found: Collected,
    src: DxfSource,
    mapping: Mapping,
    source: str,
    units: str | None = None,
    repairs: list[str] | tuple[str, ...] = (),
    options: ReadOptions | None = None,
    region: Region | None = None,
) -> list[Plan]:
    """The plans (metres) of a walk over the drawing ``src`` (``found``); ``repairs`` are what
    reading the file had to repair (FC009).

    The sheet's views are found first; only floor plans are read. Each floor plan holding zones
    is one plan, its ``part`` naming it ("region 2 GROUND FLOOR") when there are several; a
    sheet where no floor plan holds a zone gives one plan that says why (its
    :class:`~floorcheck.model.Recognition`). ``region`` reads one view (its number in
    ``floorcheck zones``) or a window ``(x0, y0, x1, y1)`` in metres — read as a floor plan
    whatever its title."""
    opts = options or ReadOptions()
    sheet = _Sheet.read(found, src, mapping, source, units, repairs, opts)
    targets = sheet.targets(region)
    if not targets:  # nothing on the sheet is a floor plan
        return [sheet.plan(None, None, opts)]
    plans = [(view, sheet.plan(view, bounds, opts)) for view, bounds in targets]
    with_zones = [(v, p) for v, p in plans if p.zones or p.hall_outline is not None]
    if len(plans) == 1:
        return [plans[0][1]]
    if len(with_zones) <= 1:
        # at most one floor plan holds rooms: one plan of them all (the others' stray names
        # are reported there), never two halls added up
        return [sheet.plan(None, None, opts)]
    # several floor plans: each that holds rooms is checked on its own, and so is each titled
    # as a floor plan whose room names made no room (so that its FC003 are not lost)
    named = [
        (v, p)
        for v, p in plans
        if p.zones or p.hall_outline is not None or (v is not None and v.title and _has_names(p))
    ]
    return [p.with_(part=_part(v)) for v, p in named]


def _has_names(plan: Plan) -> bool:
    rec = plan.recognition
    return rec is not None and (rec.named > 0 or bool(rec.unnamed))


@dataclass
class _Sheet:
    """The whole sheet in metres: what every plan cut out of it is read from."""

    source: str
    src: DxfSource
    mapping: Mapping
    found: Collected
    s: float
    info: Any
    notes: list[Diagnostic]  # about the whole drawing (units, repairs, unread objects)
    walls: list[LineString]
    openings: list[LineString]
    columns: list[Polygon]
    labels: PlacedLabels
    kinds: list[str]
    types: list[str | None]
    hall_polys: list[BaseGeometry]
    polys: list[Boundary]
    boundary_notes: list[Diagnostic]  # FC005 of the boundaries, with where
    views: list[View] = field(default_factory=list)
    unmatched: tuple[str, ...] = ()
    # the drawing's point (m) that is the plan's (0, 0): see local_origin
    origin: tuple[float, float] = (0.0, 0.0)
    _trees: dict[str, shapely.STRtree] = field(default_factory=dict)

    @classmethod
    def read(
        cls,
        found: Collected,
        src: DxfSource,
        mapping: Mapping,
        source: str,
        units: str | None,
        repairs: Sequence[str],
        opts: ReadOptions,
    ) -> _Sheet:
        notes: list[Diagnostic] = []
        info, guessed = drawing_units(src, found, units)
        if guessed is not None:
            notes.append(guessed)
        # each repair is described by ezdxf, in English only: the Chinese says what it means
        notes.extend(
            Diagnostic(
                "FC009",
                text,
                message_zh="文件已损坏，读取时已自动修复一处问题（修复记录原文为英文，可用 --lang en 查看）",
            )
            for text in repairs
        )
        s = info.scale_to_m
        ox, oy = local_origin(found, s)
        if ox or oy:
            found.translate(-ox, -oy)
        walls = [LineString(a * s) for a in found.wall_lines if len(a) >= 2]
        openings = [LineString(a * s) for a in found.opening_lines if len(a) >= 2]
        columns = [p for p in (polygon(a * s) for a in found.column_rings) if p is not None]
        texts = _once(found.labels)
        types, kinds = _read_texts(texts, mapping)
        merged, _ = merge_stacked(texts, [k == "name" for k in kinds])
        if len(merged) < len(texts):
            types, kinds = _read_texts(merged, mapping)
        _symbols(merged, types, kinds)
        labels = PlacedLabels(merged, s)
        boundary_notes: list[Diagnostic] = []
        halls, polys = boundary_polygons(found.rings, s, mapping, opts, boundary_notes)
        sheet = cls(
            source,
            src,
            mapping,
            found,
            s,
            info,
            notes,
            walls,
            openings,
            columns,
            labels,
            kinds,
            types,
            halls,
            polys,
            boundary_notes,
        )
        sheet.origin = (ox * s, oy * s)
        sheet.notes.extend(_reading_notes(found, hidden=not polys and not walls and not halls))
        sheet.notes.extend(_thinning_note(found, s))
        sheet.notes.extend(_decoding_notes(src))
        sheet.views = sheet._views()
        sheet.unmatched = tuple(
            unmatched_entries(
                mapping, src.layers, list(src.blocks), [lb.text for lb in labels.labels]
            )
        )
        return sheet

    # -- the views of the sheet ----------------------------------------------------------------
    def _views(self) -> list[View]:
        """The clusters of walls, boundaries, columns and door blocks, each with its title;
        the labels used as titles are no room names."""
        s = self.s
        geoms: list[BaseGeometry] = [*self.walls, *self.openings, *self.columns]
        geoms += [p for p, _ in self.polys] + self.hall_polys
        # boundaries left open are drawing too (a room whose outline was not closed)
        geoms += [LineString(r.xy * s) for r in self.found.rings if not r.closed and len(r.xy) >= 2]
        geoms += [shapely.points(b.x * s, b.y * s) for b in self.found.blocks if b.kind == "door"]
        heights = np.array([lb.height * s for lb in self.labels.labels])
        views, titles = find_views(geoms, self.labels, self.kinds, heights)
        for i in titles:
            self.kinds[i] = "title"
        return views

    def targets(self, region: Region | None) -> list[tuple[View | None, Bounds | None]]:
        """What to read as floor plans: the one ``region`` names, else every floor-plan view
        (the whole sheet when it has no views)."""
        if region is not None:
            return [self._region(region)]
        if not self.views:
            return [(None, None)]
        return [(v, v.bounds) for v in self.views if v.floor_plan]

    def _region(self, region: Region) -> tuple[View | None, Bounds]:
        region = region_arg(region, self.source)
        if isinstance(region, int):
            if not 1 <= region <= len(self.views):
                listing = "; ".join(f"{v.index}: {_view_text(v)}" for v in self.views)
                listing_zh = "；".join(f"{v.index}：{_view_text(v, 'zh')}" for v in self.views)
                raise ConfigError(
                    f"has {len(self.views)} plan region(s), not {region}",
                    self.source,
                    f"regions: {listing or 'none'}",
                    message_zh=f"只有 {len(self.views)} 个平面区域，没有第 {region} 个",
                    hint_zh=f"区域：{listing_zh or '无'}",
                )
            view = self.views[region - 1]
            return replace(view, kind="plan"), view.bounds
        # a window is given in the drawing's coordinates; the sheet is read relative to its origin
        x0, y0, x1, y1 = (float(v) for v in region)
        ox, oy = self.origin
        return None, (x0 - ox, y0 - oy, x1 - ox, y1 - oy)

    # -- one plan ------------------------------------------------------------------------------
    def plan(self, view: View | None, bounds: Bounds | None, opts: ReadOptions) -> Plan:
        """The plan inside ``bounds``; the whole sheet when None (its room names: the labels
        in its floor-plan views)."""
        s = self.s
        keep = self._label_mask(bounds)
        idx = np.flatnonzero(keep)
        labels = PlacedLabels([self.labels.labels[i] for i in idx], s)
        types = [self.types[i] for i in idx]
        kinds = [self.kinds[i] for i in idx]
        names = {k for k, i in enumerate(idx) if kinds[k] == "name"}
        window = box(*bounds) if bounds is not None else None
        walls = self._within("walls", window)
        openings = self._within("openings", window)
        columns = self._within("columns", window)
        polys = [(p, layer) for p, layer in self.polys if _holds(window, p)]
        hall = max(
            (h for h in self.hall_polys if _holds(window, h)), key=lambda h: h.area, default=None
        )
        if bounds is None and self.views:  # the sheet's floor plans only
            polys = [(p, layer) for p, layer in polys if self._in_plan(p)]
        blocks = self._blocks(bounds)
        door_blocks = [b for b in blocks if b.kind == "door"]
        diagnostics = list(self.notes)
        diagnostics += [d for d in self.boundary_notes if _located(window, d)]
        outline_rings = [r for r in self.found.outline_rings if _ring_at(window, r.xy, s)]
        zones, hall, named, rooms, outline_layers = self._zones(
            polys,
            hall,
            door_blocks,
            labels,
            types,
            names,
            walls + openings,
            columns,
            outline_rings,
            opts,
            diagnostics,
        )
        hall_shape = (
            hall
            if hall is not None
            else (shapely.union_all([z.geometry for z in zones]) if zones else None)
        )
        mp = self.mapping
        plan = Plan(
            zones=tuple(zones),
            windows=tuple(read_windows(blocks, s, labels, zones, mp, opts)),
            doors=tuple(read_doors(door_blocks, s, labels, hall_shape, mp, opts)),
            cameras=tuple(read_cameras(blocks, s, mp)),
            terminals=tuple(read_terminals(blocks, s, labels, opts)),
            signs=tuple(read_signs(blocks, s)),
            obstacles=tuple(
                read_obstacles(
                    columns,
                    [r for r in self.found.furniture_rings if _ring_at(window, r, s)],
                    blocks,
                    s,
                )
            ),
            seats=tuple(read_seats(blocks, s)),
            walls=tuple(walls) + tuple(c.exterior for c in columns),
            # a repaired outline can be a MultiPolygon: Plan.hall_outline is typed narrower
            hall_outline=cast("Polygon | None", hall),
            metadata=plan_metadata(self.src, self.source),
            units=self.info,
            source=self.source,
            mapping=mp.name,
            diagnostics=tuple(diagnostics),
            origin=self.origin,
        )
        return plan.with_(
            recognition=self._recognition(
                plan, labels, kinds, named, rooms, openings, outline_layers
            )
        )

    def _blocks(self, bounds: Bounds | None) -> list[Thing]:
        """The blocks that are things (doors at their opening's middle) inside ``bounds``."""
        things = self.found.blocks
        if bounds is None or not things:
            return list(things)
        xy = np.array([b.axis_mid if b.kind == "door" else (b.x, b.y) for b in things]) * self.s
        return [b for b, ok in zip(things, in_bounds(xy, bounds), strict=True) if ok]

    def _within(self, what: str, window: BaseGeometry | None) -> list[Any]:
        """The walls (openings, columns) of the sheet that reach into ``window``, in their
        order: one spatial index per kind for all the plans cut out of the sheet."""
        geoms: list[Any] = getattr(self, what)
        if window is None or not geoms:
            return list(geoms)
        tree = self._trees.get(what)
        if tree is None:
            tree = self._trees[what] = shapely.STRtree(geoms)
        hit = np.sort(tree.query(window, predicate="intersects"))
        return [geoms[int(i)] for i in hit]

    def _in_plan(self, g: BaseGeometry) -> bool:
        p = g.representative_point()
        return any(
            v.floor_plan and in_bounds(np.array([[p.x, p.y]]), v.bounds)[0] for v in self.views
        )

    def _label_mask(self, bounds: Bounds | None) -> np.ndarray:
        """The labels of a plan: those in its bounds or beside them (an entrance's name is
        written outside the building) — labels of no floor plan (titles, the title block, the
        sections) name no room."""
        xy = self.labels.xy
        if bounds is not None:
            return in_bounds(xy, _grown(bounds))
        if self.views:
            keep = np.zeros(len(xy), dtype=bool)
            for v in self.views:
                if v.floor_plan:
                    keep |= in_bounds(xy, _grown(v.bounds))
            return keep
        return np.ones(len(xy), dtype=bool)

    def _zones(
        self,
        polys: list[Boundary],
        hall: BaseGeometry | None,
        door_blocks: list[Thing],
        labels: PlacedLabels,
        types: list[str | None],
        names: set[int],
        enclosure_lines: list[BaseGeometry],
        columns: list[Polygon],
        outline_rings: list[Ring],
        opts: ReadOptions,
        diagnostics: list[Diagnostic],
    ) -> tuple[list[Zone], BaseGeometry | None, set[int], Rooms | None, list[str]]:
        """The zones, numbered, the hall outline and the labels that named them: drawn
        boundaries first, then rooms closed from the walls for the names in no boundary
        (FC003 for the zone names still without one)."""
        s = self.s
        zones, orphans, hall, named, small = zones_from_boundaries(
            polys, hall, labels, types, names, self.mapping, opts, diagnostics
        )
        bridge_m = doorway_width(door_blocks, s, opts)
        open_ends = np.zeros((0, 2))
        rooms = None
        if enclosure_lines and (orphans or not zones):
            # names to close rooms for; or nothing recognised yet: the rooms closed but not
            # named are still shown
            # columns are part of the enclosure: walls often stop at them
            enclosure = [*enclosure_lines, *(c.exterior for c in columns)]
            rooms = rooms_from_walls(
                cast("list[LineString]", enclosure),
                door_blocks,
                s,
                labels,
                types,
                orphans,
                zones,
                bridge_m,
                opts,
                diagnostics,
            )
            zones.extend(rooms.zones)
            named |= rooms.named
            orphans = [li for li in rooms.left if li not in rooms.reported]
            open_ends = rooms.open_ends
            if rooms.hall is not None and (hall is None or rooms.hall.area > hall.area):
                hall = rooms.hall
        outline_layers: list[str] = []
        if orphans and outline_rings:
            # names in no zone yet: a closed outline around them on a layer of no meaning
            inside = _inside_any(labels, orphans, [z.geometry for z in zones])
            free = [li for li in orphans if li not in inside]
            found, by_outline, outline_layers = rooms_from_outlines(
                outline_rings, s, labels, types, free, zones, opts, diagnostics
            )
            zones.extend(found)
            named |= by_outline
            orphans = [li for li in orphans if li not in by_outline]
        typed = [li for li in orphans if types[li] and types[li] != "hall"]
        diagnostics.extend(unplaced_labels(typed, labels, open_ends, bridge_m, opts))
        if small:
            rooms = rooms or Rooms()
            rooms.rejected["boundary too small or thin for a room"] += small
        return number_zones(zones), hall, named, rooms, outline_layers

    def _recognition(
        self,
        plan: Plan,
        labels: PlacedLabels,
        kinds: list[str],
        named: set[int],
        rooms: Rooms | None,
        openings: list[LineString],
        outline_layers: list[str],
    ) -> Recognition:
        not_names = Counter(k for k in kinds if k != "name")
        unnamed = tuple(
            TextMark(lb.text, (float(labels.xy[i][0]), float(labels.xy[i][1])), lb.layer)
            for i, lb in enumerate(labels.labels)
            if kinds[i] == "name" and i not in named
        )
        views = tuple(
            replace(v, zones=sum(1 for z in plan.zones if _holds(box(*v.bounds), z.geometry)))
            for v in self.views
        )
        return Recognition(
            labels=len(labels),
            named=len(named),
            outside=int((~self._label_mask(None)).sum()),
            unnamed=unnamed,
            not_names=tuple(not_names.most_common()),
            closed_from_walls=len(rooms.zones) if rooms is not None else 0,
            outline_layers=tuple(outline_layers),
            open_rooms=tuple(rooms.open_rooms) if rooms is not None else (),
            rejected=tuple(rooms.rejected.most_common()) if rooms is not None else (),
            views=views,
            unmatched_mapping=self.unmatched,
            linework=tuple(openings),
        )


def local_origin(found: Collected, s: float) -> tuple[float, float]:
    """The round point (drawing units; a multiple of :data:`_ORIGIN_GRID_M` in a power of ten
    of units) nearest the middle of what was collected: the median of the boundary and wall
    vertices (else of the labels and blocks), which a few wild points do not move. (0, 0) for
    plans near their drawing's origin.

    >>> from floorcheck.dxf.collected import Ring
    >>> far = Collected(rings=[Ring(np.array([[1e15, 1e15], [1e15 + 9e3, 1e15 + 5]]), True, "A")])
    >>> local_origin(far, 0.001), local_origin(Collected(), 0.001)
    ((1000000000000000.0, 1000000000000000.0), (0.0, 0.0))
    """
    arrays = [r.xy for r in found.rings] + found.wall_lines
    if not arrays:
        arrays = [
            np.array([[lb.x, lb.y] for lb in found.labels] + [[t.x, t.y] for t in found.blocks])
        ]
    pts = np.concatenate([a.reshape(-1, 2) for a in arrays]) if arrays else np.zeros((0, 2))
    pts = pts[np.isfinite(pts).all(axis=1)]
    if not len(pts) or not (math.isfinite(s) and s > 0):
        return 0.0, 0.0
    step = 10.0 ** round(math.log10(_ORIGIN_GRID_M / s))
    mx, my = np.median(pts, axis=0)
    ox, oy = round(mx / step) * step, round(my / step) * step
    return (ox if math.isfinite(ox) else 0.0), (oy if math.isfinite(oy) else 0.0)


def _once(labels: list[Label]) -> list[Label]:
    """The labels, each drawn twice (the same text, layer and place: a copy pasted in place)
    kept once."""
    seen: set[tuple[str, str, float, float]] = set()
    out = []
    for lb in labels:
        tol = max(lb.height, 1e-9) * 0.05
        key = (lb.text, lb.layer, round(lb.x / tol), round(lb.y / tol))
        if key not in seen:
            seen.add(key)
            out.append(lb)
    return out


def _read_texts(labels: list[Label], mapping: Mapping) -> tuple[list[str | None], list[str]]:
    """For each label: the zone type it names, and what kind of text it is
    (:func:`~floorcheck.dxf.names.text_kind`; a label naming a zone type is a name, a block's
    attribute never is)."""
    seen: dict[str, tuple[str | None, str]] = {}  # a drawing repeats its texts: each read once
    types: list[str | None] = []
    kinds: list[str] = []
    for lb in labels:
        if lb.source != "text":
            types.append(None)
            kinds.append("tag")
            continue
        known = seen.get(lb.text)
        if known is None:
            t = match_zone_type(lb.text, mapping.labels)
            known = seen[lb.text] = (t, "name" if t else text_kind(lb.text))
        types.append(known[0])
        kinds.append(known[1])
    return types, kinds


# A layer of at least this many names …
_SYMBOL_LAYER_MIN = 12
# … with at most this share of distinct texts (TP.O at every desk), or at least this share of
# codes (T001, D002 …), holds the texts of symbols and devices, not room names.
_SYMBOL_DISTINCT = 0.15
_SYMBOL_CODES = 0.8


def _symbols(labels: list[Label], types: list[str | None], kinds: list[str]) -> None:
    """Mark as tags (in ``kinds``) the names on layers that hold the texts of symbols: a few
    texts repeated at every device (TP.O, 165 L. 1H), or numbered codes (T001, D002 …)."""
    by_layer: dict[str, list[int]] = {}
    for i, lb in enumerate(labels):
        if kinds[i] == "name" and not types[i]:
            by_layer.setdefault(lb.layer, []).append(i)
    for idx in by_layer.values():
        if len(idx) < _SYMBOL_LAYER_MIN:
            continue
        texts = [normalise_label(labels[i].text) for i in idx]
        codes = [name_rank(labels[i].text) == 1 for i in idx]
        if len(set(texts)) <= _SYMBOL_DISTINCT * len(idx):
            for i in idx:
                kinds[i] = "tag"
        elif sum(codes) >= _SYMBOL_CODES * len(idx):
            for i, code in zip(idx, codes, strict=True):
                if code:
                    kinds[i] = "tag"


def _grown(bounds: Bounds) -> Bounds:
    """``bounds`` with the margin a view's labels may stand outside its drawing (half the gap
    between views, so that no label belongs to two)."""
    m = VIEW_GAP_M / 2
    return (bounds[0] - m, bounds[1] - m, bounds[2] + m, bounds[3] + m)


def _part(view: View | None) -> str:
    """The name a floor plan of several on a sheet goes by: its region and title."""
    if view is None:
        return ""
    return f"region {view.index}" + (f" {view.title}" if view.title else "")


def _view_text(v: View, lang: str = "en") -> str:
    kinds = VIEW_KINDS.get(v.kind, (v.kind, v.kind))
    title = f" {v.title!r}" if v.title else ""
    if lang == "zh":
        return f"{kinds[1]}{title}，位于 {v.text}"
    return f"{kinds[0]}{title} at {v.text}"


def _inside_any(labels: PlacedLabels, which: list[int], regions: list[BaseGeometry]) -> set[int]:
    """The labels of ``which`` that lie inside one of ``regions``."""
    if not which or not regions:
        return set()
    tree = shapely.STRtree(regions)
    li, _ = tree.query(shapely.points(labels.xy[which]), predicate="within")
    return {which[int(k)] for k in li}


def _holds(window: BaseGeometry | None, g: BaseGeometry) -> bool:
    if window is None:
        return True
    return bool(window.contains(g.representative_point()))


def _ring_at(window: BaseGeometry | None, ring: np.ndarray, s: float) -> bool:
    if window is None or not len(ring):
        return True
    x0, y0, x1, y1 = window.bounds
    x, y = ring[0] * s
    return bool(x0 <= x <= x1 and y0 <= y <= y1)


def _located(window: BaseGeometry | None, d: Diagnostic) -> bool:
    if window is None or d.location is None:
        return True
    x0, y0, x1, y1 = window.bounds
    return x0 <= d.location[0] <= x1 and y0 <= d.location[1] <= y1


def _reading_notes(found: Collected, hidden: bool) -> list[Diagnostic]:
    """What the walk could not read: custom objects without proxy graphics (FC010; ``hidden``:
    nothing else shows walls or rooms), custom objects read from their proxy graphics (FC010),
    malformed entities (FC009)."""
    out = []
    unread = found.proxies - found.proxy_shown
    if unread:
        out.append(
            Diagnostic(
                "FC010",
                f"{unread} TArch custom objects (ACAD_PROXY_ENTITY/TCH_*) carry no proxy "
                "graphics and cannot be read"
                + ("; they hide the walls and rooms" if hidden else "")
                + ": in TArch use 「图形导出」 (export to T3), or EXPLODE in AutoCAD, then save as "
                "DXF",
                message_zh=f"{unread} 个天正自定义对象没有代理图形，无法读取"
                + ("，墙体和房间因此不可见" if hidden else "")
                + "：请在天正中用「图形导出」导出为 T3 格式，或在 AutoCAD 中分解（EXPLODE）后另存为 DXF",
            )
        )
    if found.proxy_shown:
        n = found.proxy_shown
        out.append(
            Diagnostic(
                "FC010",
                f"{n} TArch custom objects were read from their proxy graphics (the picture CAD "
                "stores for them): walls and openings are lines, not objects; for an exact "
                "reading use 「图形导出」 (export to T3) in TArch",
                message_zh=f"{n} 个天正自定义对象按其代理图形读取（墙体、门窗仅为线条）；"
                "如需精确读取，请在天正中用「图形导出」导出为 T3 格式",
            )
        )
    if found.nonfinite:
        n = found.nonfinite
        out.append(
            Diagnostic(
                "FC009",
                f"{'1 entity has' if n == 1 else f'{n:,} entities have'} NaN or infinite "
                f"coordinates and {'was' if n == 1 else 'were'} left out; the CAD program or "
                "exporter wrote invalid numbers: check the drawing in CAD (AUDIT)",
                message_zh=f"{n:,} 个图元的坐标为 NaN 或无穷大，已忽略；导出程序写入了无效数值："
                "请在 CAD 中检查图纸（AUDIT）",
            )
        )
    if found.skipped:
        out.append(
            Diagnostic(
                "FC009",
                f"{found.skipped} malformed entities could not be read and were skipped",
                message_zh=f"{found.skipped} 个损坏的图元无法读取，已跳过",
            )
        )
    return out


def _thinning_note(found: Collected, s: float) -> list[Diagnostic]:
    """Curves thinned on reading because they had more vertices than any rule should spend its
    time on (FC009, with how far they may have moved)."""
    if not found.thinned:
        return []
    n, most, moved = found.thinned, found.thinned_from, found.thinned_moved * s * 1000
    mm = f"{moved:,.0f} mm" if moved >= 10 else f"{moved:.2g} mm"
    curves = "1 curve" if n == 1 else f"{n:,} curves"
    return [
        Diagnostic(
            "FC009",
            f"{curves} had more vertices than floorcheck reads (up to {most:,}): thinned on "
            f"reading, no point moving by more than {mm}; simplify in CAD (PEDIT, OVERKILL) "
            "if that matters",
            message_zh=f"{n:,} 条曲线顶点过多（最多 {most:,} 个），已抽稀读取，任一点偏移不超过 "
            f"{mm}；如有影响请在 CAD 中简化（PEDIT、OVERKILL）",
        )
    ]


def _decoding_notes(src: DxfSource) -> list[Diagnostic]:
    """Texts that were not in the drawing's encoding (FC009): read in the fallback (GBK in an
    R2007+ file, which must hold UTF-8), or shown with U+FFFD for bytes valid in neither."""
    out = []
    if src.recoded:
        fb = (src.fallback or "").upper()
        out.append(
            Diagnostic(
                "FC009",
                f"{_texts(src.recoded)} {'is' if src.recoded == 1 else 'are'} {fb}, not the UTF-8 "
                f"the file's DXF version requires: read as {fb}; save the drawing again as DXF "
                "from CAD",
                message_zh=f"{src.recoded:,} 个文字为 {fb} 编码，而非该 DXF 版本规定的 UTF-8："
                f"已按 {fb} 读取；请在 CAD 中重新另存为 DXF",
            )
        )
    if src.undecodable:
        enc = src.encoding.upper() + (f" or {src.fallback.upper()}" if src.fallback else "")
        out.append(
            Diagnostic(
                "FC009",
                f"{_texts(src.undecodable)} {'holds' if src.undecodable == 1 else 'hold'} bytes "
                f"that are not valid {enc}: those characters are shown as \ufffd; check the "
                "labels and the drawing's code page in CAD",
                message_zh=f"{src.undecodable:,} 个文字含有不符合 {enc} 编码的字节，"
                "这些字符显示为 \ufffd；请在 CAD 中检查标注和图纸代码页",
            )
        )
    return out


def _texts(n: int) -> str:
    return "1 text" if n == 1 else f"{n:,} texts"
