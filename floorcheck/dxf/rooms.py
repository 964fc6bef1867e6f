"""Rooms closed from the walls, in metres, for labels that lie in no drawn boundary: door
openings and wall gaps are bridged, the lines noded and polygonized, and each unplaced label
takes the smallest face that holds it."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..messages import fmt_list
from ..model import Diagnostic, Zone
from ..vocab import normalise_label, zone_type
from .collected import Ring, Thing
from .labels import PlacedLabels, point_array
from .names import name_rank
from .options import ReadOptions
from .text import parse_area, without_area

__all__ = [
    "doorway_width",
    "rooms_from_walls",
    "rooms_from_outlines",
    "Rooms",
    "name_room",
    "unplaced_labels",
    "door_closures",
    "gap_bridges",
    "ROOM_MAX_M2",
]

# The largest a room of each zone type can plausibly be (m²): a face closed from the walls and
# named so, but larger, is a yard or a wing that leaked in through an open wall. Types not listed
# (the hall's own zones: waiting, acceptance …) may be as large as ReadOptions.room_max_m2.
ROOM_MAX_M2: dict[str, float] = {
    "toilet": 80.0,
    "accessible_toilet": 30.0,
    "mother_baby": 60.0,
    "locker": 200.0,
    "locker_male": 200.0,
    "locker_female": 200.0,
    "equipment": 600.0,
    "material_circulation": 600.0,
    "unknown": 1500.0,
}
# A name written at less than this share of the height of the drawing's room names is a note
# or a symbol's text, not a room's name.
_SMALL_NAME_SHARE = 0.5
# A face whose outline encloses this share of what the outermost line encloses is that outline.
_OUTERMOST = 0.98
# Names written within this share of the tallest one are written alike (one text style).
_SAME_HEIGHT = 0.98

_DEFAULTS = ReadOptions()

Segment = tuple[tuple[float, float], tuple[float, float]]


def doorway_width(door_blocks: Sequence[Thing], s: float, options: ReadOptions) -> float:
    """The widest wall gap bridged as an opening (m): the default, or wider for wide doors."""
    widths = [b.local_width * s for b in door_blocks if b.local_width > 0]
    return max([options.doorway_max_m, *(options.doorway_per_door_width * w for w in widths)])


@dataclass
class Rooms:
    """What closing rooms from the walls gave: the rooms (zones, unnumbered), the hall outline
    when a room is named 办事大厅, the candidate labels left without a room, the wall ends left
    open (where rooms leak), the closed room-sized spaces no text names, and the spaces
    refused as rooms by reason."""

    zones: list[Zone] = field(default_factory=list)
    hall: BaseGeometry | None = None
    left: list[int] = field(default_factory=list)
    open_ends: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    open_rooms: list[BaseGeometry] = field(default_factory=list)
    rejected: Counter[str] = field(default_factory=Counter)
    named: set[int] = field(default_factory=set)
    reported: set[int] = field(default_factory=set)  # left labels already given an FC003


def rooms_from_walls(
    walls: list[LineString],
    door_blocks: Sequence[Thing],
    s: float,
    labels: PlacedLabels,
    types: Sequence[str | None],
    orphans: list[int],
    zones: Sequence[Zone],
    bridge_m: float,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
) -> Rooms:
    """Close rooms implied only by walls: bridge door and window openings (each door block's
    threshold, and every gap up to ``bridge_m`` between wall ends that continue each other in
    line), node the lines, polygonize, and take the smallest face that holds each label of
    ``orphans`` (the room names that lie in no drawn boundary).

    A face is refused as a room (FC003, saying where it leaks) when it surrounds part of the
    drawing (the outside of a building inside a sheet frame), or is far larger than a room of
    its type can be, or than the other rooms of the plan; a face holding the names of several
    rooms is reported (FC006) and named by the label nearest its middle."""
    out = Rooms()
    lines = list(walls)
    lines.extend(door_closures(walls, _thresholds(door_blocks, s), options))
    bridges, out.open_ends = gap_bridges(walls, bridge_m, options)
    lines.extend(bridges)
    if not lines:
        out.left = list(orphans)
        return out
    noded = shapely.unary_union(shapely.set_precision(lines, options.node_grid_m))
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))))
    if not faces:
        out.left = list(orphans)
        return out
    in_face, out.left = _faces_of_labels(faces, orphans, labels, zones, options)
    typical = _typical_room(faces, in_face, options)
    ctx = _Closing(
        labels,
        types,
        options,
        diagnostics,
        out,
        typical,
        _name_height(labels, types),
        max(Polygon(f.exterior).area for f in faces),
        Counter(labels.labels[i].layer for i in orphans),
    )
    work, spare = ctx.candidates(faces, in_face, shapely.get_parts(noded), bridge_m)
    for face, lis, partitioned in work:
        ctx.room(face, lis, partitioned)
    unnamed = [f for k, f in enumerate(faces) if k not in in_face] + spare
    out.open_rooms = _open_rooms(unnamed, zones, out.zones, typical, options)
    return out


@dataclass
class _Closing:
    """What naming the faces closed from the walls needs, and what it gives (``out``)."""

    labels: PlacedLabels
    types: Sequence[str | None]
    options: ReadOptions
    diagnostics: list[Diagnostic]
    out: Rooms
    typical: float  # the typical named room of the plan (m²), 0: unknown
    reference: float  # the height room names are written at (drawing units), 0: unknown
    outermost: float  # the area inside the drawing's outermost line (m²)
    name_layers: Counter[str]  # how many room names each layer holds

    def refused(
        self, face: BaseGeometry, names: Sequence[int]
    ) -> tuple[str, tuple[str, str]] | None:
        return _refused(
            face,
            _type_of(names, self.types),
            self.typical,
            self.options,
            _points(self.labels, names),
            self.outermost,
        )

    def candidates(
        self,
        faces: list[BaseGeometry],
        in_face: dict[int, list[int]],
        pieces: np.ndarray,
        bridge_m: float,
    ) -> tuple[list[tuple[BaseGeometry, list[int], bool]], list[BaseGeometry]]:
        """The faces to name as rooms, with their labels and whether walls end inside them; a
        face that holds several names, is refused, or holds a partition is split where its
        walls allow first. Also the unnamed spaces split off."""
        work: list[tuple[BaseGeometry, list[int], bool]] = []
        spare: list[BaseGeometry] = []
        inner = _inner_walls(faces, list(in_face), pieces)
        for key, lis in in_face.items():
            face = faces[key]
            names = _room_names(lis, self.labels, self.types, self.reference)
            refused = bool(names) and self.refused(face, names) is not None
            partitioned = inner[key] >= _partitioned(face, self.options)
            if len(names) >= 2 or refused or partitioned:
                split = _split(
                    face,
                    pieces,
                    lis,
                    names,
                    self.labels,
                    self.types,
                    self.typical,
                    bridge_m,
                    self.options,
                    refused,
                )
                if split is not None:
                    work.extend((p, ls, False) for p, ls in split[0])
                    spare.extend(split[1])
                    continue
            work.append((face, lis, partitioned and bool(names)))
        return work, spare

    def room(self, face: BaseGeometry, lis: list[int], partitioned: bool) -> None:
        """Name one face as a room (or the hall), or refuse it (FC003)."""
        out, labels, types = self.out, self.labels, self.types
        names = _room_names(lis, labels, types, self.reference)
        if not names:
            out.left.extend(lis)
            return
        why = self.refused(face, names)
        if why is not None:
            out.rejected[why[0]] += 1
            out.left.extend(lis)
            out.reported.update(lis)
            self.diagnostics.append(
                _refusal(face, names, labels, why[1], out.open_ends, self.options)
            )
            return
        where = ("one room closed from the walls", "由墙体围合的一个房间内")
        li = name_room(names, face, labels, types, where, self.diagnostics, self.name_layers)
        lb = labels.labels[li]
        out.named.add(li)
        if partitioned:
            self.diagnostics.append(_partitions(face, labels.text(li)))
        # the room's other texts are no orphans: they lie in a room
        out.left.extend(i for i in lis if i != li)
        out.reported.update(i for i in lis if i != li)
        if types[li] == "hall":
            if out.hall is None or face.area > out.hall.area:
                out.hall = face
            return
        stated = next((parse_area(labels.text(i)) for i in lis if parse_area(labels.text(i))), None)
        out.zones.append(
            Zone(
                "",
                types[li] or "unknown",
                face,
                label=without_area(lb.text),
                layer=f"{lb.layer} (walls)",
                stated_area_m2=stated,
            )
        )


def _points(labels: PlacedLabels, which: Sequence[int]) -> list[tuple[float, float]]:
    return [(float(labels.xy[i][0]), float(labels.xy[i][1])) for i in which]


def _type_of(names: Sequence[int], types: Sequence[str | None]) -> str | None:
    return next((types[i] for i in names if types[i]), None)


def _inner_walls(
    faces: list[BaseGeometry], keys: list[int], pieces: np.ndarray
) -> dict[int, float]:
    """For each face of ``keys``: the length of the longest wall inside it that ends in the
    open (its outline excluded) — a partition of rooms whose doors were not closed."""
    out = {k: 0.0 for k in keys}
    if not keys or not len(pieces):
        return out
    tree = shapely.STRtree(pieces)
    geoms = [faces[k] for k in keys]
    fi, pi = tree.query(np.array(geoms, dtype=object), predicate="intersects")
    if not len(fi):
        return out
    cores = np.array([geoms[i].buffer(-0.01) for i in fi], dtype=object)
    lengths = shapely.length(shapely.intersection(pieces[pi], cores))
    for i, length in zip(fi.tolist(), lengths.tolist(), strict=True):
        out[keys[i]] = max(out[keys[i]], float(length))
    return out


def _partitioned(face: BaseGeometry, options: ReadOptions) -> float:
    """The length of an open wall inside a face above which it may be several rooms: a wall
    across a good part of it (a counter, a screen, a pipe drawn on the wall layer is shorter)."""
    return max(options.partition_min_m, options.partition_share * math.sqrt(face.area))


def _partitions(face: BaseGeometry, name: str) -> Diagnostic:
    c = face.representative_point()
    return Diagnostic(
        "FC006",
        f"one room closed from the walls ({name!r}, {face.area:.0f} m²) holds walls that end "
        "inside it: it may be several rooms whose doors were left open; close them in the "
        "drawing or draw the rooms as closed outlines",
        message_zh=f"由墙体围合的一个房间（「{name}」，{face.area:.0f} m²）内有未闭合的墙体："
        "可能是门洞未封闭的多个房间；请在图中封闭，或将房间绘制为闭合轮廓",
        location=(round(c.x, 3), round(c.y, 3)),
        geometry=face,
    )


def _split(
    face: BaseGeometry,
    pieces: np.ndarray,
    lis: list[int],
    names: list[int],
    labels: PlacedLabels,
    types: Sequence[str | None],
    typical: float,
    reach: float,
    options: ReadOptions,
    refused: bool = False,
) -> tuple[list[tuple[BaseGeometry, list[int]]], list[BaseGeometry]] | None:
    """Split a face that holds the names of several rooms, or is too large to be one room,
    where its walls allow: each wall inside it that ends in the open (a partition stopping
    short of the wall it meets, a door left open beside it) is drawn on in its own direction
    up to ``reach`` metres, to the first line it meets. Returns the pieces that hold labels
    (with their labels) and the unnamed pieces — None when that separates nothing."""
    tree = shapely.STRtree(pieces)
    inside = pieces[tree.query(face, predicate="intersects")]
    boundary = face.boundary
    lines = [g for g in shapely.get_parts(shapely.intersection(inside, face)) if g.length > 0]
    lines = [g for g in lines if g.geom_type == "LineString"]
    if not lines:
        return None
    extensions = _extensions(lines, boundary, reach, options)
    if not extensions:
        return None
    grid = options.node_grid_m
    found = shapely.get_parts(
        shapely.polygonize(
            shapely.get_parts(
                shapely.unary_union(shapely.set_precision([*lines, boundary, *extensions], grid))
            )
        )
    )
    parts = [p for p in found if p.area > options.room_min_m2 / 100]
    if len(parts) < 2:
        return None
    ptree = shapely.STRtree(parts)
    held: dict[int, list[int]] = {}
    for li in lis:
        hits = ptree.query(Point(labels.xy[li]), predicate="within")
        if len(hits):
            held.setdefault(int(hits[0]), []).append(li)
    named = [k for k, ls in held.items() if any(i in names for i in ls)]
    rooms = [p for p in parts if p.area >= options.room_min_m2]
    if refused:
        better = len(named) >= 2 or any(
            _refused(
                parts[k], _type_of([i for i in held[k] if i in names], types), typical, options
            )
            is None
            for k in named
        )
    else:
        better = len(named) >= 2 or (len(named) == 1 and len(rooms) >= 2)
    if not better:
        return None
    return [(parts[k], ls) for k, ls in held.items()], [
        p for k, p in enumerate(parts) if k not in held
    ]


def _extensions(
    lines: list[BaseGeometry], boundary: BaseGeometry, reach: float, options: ReadOptions
) -> list[LineString]:
    """For each end of ``lines`` that touches nothing (a wall ending in the open), the segment
    from it, on in its own direction, to the first line or the boundary it meets within
    ``reach``."""
    ends, dirs, own = _line_ends(lines)
    if not len(ends):
        return []
    tree = shapely.STRtree(lines)
    pts = point_array(ends)
    pi, _ = tree.query(pts, predicate="dwithin", distance=options.wall_touch_m)
    touching = np.bincount(pi, minlength=len(ends))
    near_edge = shapely.distance(boundary, pts) <= options.wall_touch_m
    out = []
    others = [*lines, boundary]
    otree = shapely.STRtree(others)
    for k in np.flatnonzero((touching <= 1) & ~near_edge):
        a, u = ends[k], dirs[k]
        ray = LineString([a + u * options.wall_touch_m * 2, a + u * reach])
        hits = [int(j) for j in otree.query(ray, predicate="intersects") if j != own[k]]
        d = _first_hit(ray, [others[j] for j in hits], a)
        if d is not None:
            # a little past the line it meets, so that the two are noded where they cross
            out.append(LineString([a, a + u * (d + 10 * options.node_grid_m)]))
    return out


def _line_ends(lines: list[BaseGeometry]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Both ends of every line, each with its outward direction and the line it ends."""
    ends, dirs, own = [], [], []
    for k, g in enumerate(lines):
        xy = np.asarray(g.coords)[:, :2]
        if len(xy) < 2:
            continue
        for a, b in ((xy[0], xy[1]), (xy[-1], xy[-2])):
            d = a - b
            n = float(np.hypot(*d))
            if n > 1e-9:
                ends.append(a)
                dirs.append(d / n)
                own.append(k)
    return np.array(ends).reshape(-1, 2), np.array(dirs).reshape(-1, 2), own


def _first_hit(ray: LineString, targets: list[BaseGeometry], start: np.ndarray) -> float | None:
    """How far from ``start`` the ray first meets one of ``targets``; None if it meets none."""
    best = None
    for t in targets:
        pts = shapely.get_coordinates(ray.intersection(t))
        if len(pts):
            d = float(np.hypot(pts[:, 0] - start[0], pts[:, 1] - start[1]).min())
            best = d if best is None else min(best, d)
    return best


def _typical_room(
    faces: list[BaseGeometry], in_face: dict[int, list[int]], options: ReadOptions
) -> float:
    """The typical size (m²) of the named rooms of this plan: the median of the faces that hold
    a label; 0 when there are too few to say."""
    areas = [faces[k].area for k in in_face]
    if len(areas) < options.typical_rooms_min:
        return 0.0
    return float(np.median(areas))


def _name_height(labels: PlacedLabels, types: Sequence[str | None]) -> float:
    """The height (drawing units) room names are written at in this drawing, judged from the
    labels that name a zone type of the guide: the median of their heights; 0 when none does."""
    hs = [labels.labels[i].height for i, t in enumerate(types) if t]
    return float(np.median(hs)) if hs else 0.0


def _room_names(
    lis: list[int], labels: PlacedLabels, types: Sequence[str | None], reference: float
) -> list[int]:
    """Of the labels in one face, those that can name it: a label naming a zone type always;
    another name unless it is written much smaller than the room names of the drawing (a
    device tag, a fire extinguisher's note), or repeated in the same room (the text of a
    symbol: TP.O at every desk)."""
    counts = Counter(normalise_label(labels.text(i)) for i in lis)
    out = []
    for i in lis:
        if types[i]:
            out.append(i)
            continue
        lb = labels.labels[i]
        if reference > 0 and lb.height < _SMALL_NAME_SHARE * reference:
            continue
        if counts[normalise_label(lb.text)] > 1:
            continue
        out.append(i)
    return out


def name_room(
    names: Sequence[int],
    region: BaseGeometry,
    labels: PlacedLabels,
    types: Sequence[str | None],
    where: tuple[str, str],
    diagnostics: list[Diagnostic],
    layers: Mapping[str, int] | None = None,
) -> int:
    """The label that names ``region`` among ``names`` (label indices): one naming a zone type
    before any other; then the tallest (a room's name is written larger than the notes in it:
    "2 CAR GARAGE" over "GAS"), of those the ones on the layer most room names are on
    (``layers``: how many names each layer holds), words before codes (B12), and the one
    nearest the region's middle. A region holding labels of several zone types, or several names written as large,
    is reported (FC006): it may be two rooms drawn as one, or rooms whose walls do not close."""
    c = region.representative_point()
    typed = [i for i in names if types[i]]
    tier = typed or list(names)
    tallest = max(labels.labels[i].height for i in tier)
    top = [i for i in tier if labels.labels[i].height >= _SAME_HEIGHT * tallest]
    if layers:  # of names written alike, those on the layer the drawing writes names on
        most = max(layers.get(labels.labels[i].layer, 0) for i in top)
        top = [i for i in top if layers.get(labels.labels[i].layer, 0) == most]

    def key(i: int) -> tuple[int, float]:
        x, y = labels.xy[i]
        return (-name_rank(labels.text(i)), math.hypot(x - c.x, y - c.y))

    best = min(top, key=key)
    kinds = {types[i] for i in typed}
    distinct = list(dict.fromkeys(without_area(labels.text(i)) for i in top))
    folded = {normalise_label(t) for t in distinct}
    if len(kinds) > 1 or (not typed and len(folded) > 1):
        label = without_area(labels.text(best))
        shown = (
            list(dict.fromkeys(without_area(labels.text(i)) for i in names)) if typed else distinct
        )
        n = len(kinds) if len(kinds) > 1 else len(folded)
        what, what_zh = ("zone types", "种功能区") if len(kinds) > 1 else ("rooms", "个房间")
        diagnostics.append(
            Diagnostic(
                "FC006",
                f"{where[0]} holds labels of {n} {what} ({fmt_list(shown, 'en')}); "
                f"taken as {label!r}",
                message_zh=f"{where[1]}有 {n} {what_zh}的标注（{fmt_list(shown, 'zh')}），"
                f"按「{label}」处理",
                location=(round(c.x, 3), round(c.y, 3)),
                geometry=region,
            )
        )
    return best


def _refused(
    face: BaseGeometry,
    type_id: str | None,
    typical: float,
    options: ReadOptions,
    name_at: Sequence[tuple[float, float]] = (),
    outermost: float = 0.0,
) -> tuple[str, tuple[str, str]] | None:
    """Why a face is no room: (reason key, (English, Chinese) explanation), or None.
    ``name_at``: where the names that could name it stand; ``outermost``: the area inside the
    outermost line of the drawing (a face whose outline it is, around the rest, is the outside
    of the building in a frame or a site boundary)."""
    area = face.area
    holes = (
        float(sum(Polygon(r).area for r in face.interiors)) if isinstance(face, Polygon) else 0.0
    )
    shell = area + holes
    around = outermost > 0 and shell >= _OUTERMOST * outermost and type_id != "hall"
    if holes >= options.outside_hole_m2 and (around or holes >= options.outside_hole_share * shell):
        return "outside", (
            f"its {area:.0f} m² surround {holes:.0f} m² of the drawing: it is the outside of "
            "the building",
            f"该空间（{area:.0f} m²）包围了 {holes:.0f} m² 的图形，是建筑的外部",
        )
    limit = min(ROOM_MAX_M2.get(type_id or "unknown", options.room_max_m2), options.room_max_m2)
    if area > limit:
        kind = zone_type(type_id).zh if type_id else "房间"
        return "too large", (
            f"{area:.0f} m² is far larger than a {'room' if not type_id else type_id} can be "
            f"(at most {limit:.0f} m²)",
            f"面积 {area:.0f} m²，远大于{kind}的合理面积（不超过 {limit:.0f} m²）",
        )
    if typical > 0 and area > options.edge_size_factor * typical and area > options.edge_large_m2:
        core = face.buffer(-options.edge_core_share * math.sqrt(area))
        if name_at and (core.is_empty or not any(core.contains(Point(p)) for p in name_at)):
            return "larger than the plan's rooms", (
                f"{area:.0f} m² is more than {options.edge_size_factor:g} times the typical room "
                f"of this plan ({typical:.0f} m²) and its name stands at its edge: the walls "
                "leak into the space beyond the room",
                f"面积 {area:.0f} m²，超过本图典型房间（{typical:.0f} m²）的 "
                f"{options.edge_size_factor:g} 倍，且名称位于其边缘：墙线未闭合，房间与外部空间连通",
            )
    if typical > 0 and area > options.room_size_factor * typical and area > options.room_large_m2:
        return "larger than the plan's rooms", (
            f"{area:.0f} m² is more than {options.room_size_factor:g} times the typical room of "
            f"this plan ({typical:.0f} m²): it is a yard or a wing, not a room",
            f"面积 {area:.0f} m²，超过本图典型房间（{typical:.0f} m²）的 "
            f"{options.room_size_factor:g} 倍，是院落或整翼而非房间",
        )
    return None


def _refusal(
    face: BaseGeometry,
    names: Sequence[int],
    labels: PlacedLabels,
    why: tuple[str, str],
    open_ends: np.ndarray,
    options: ReadOptions,
) -> Diagnostic:
    """FC003 for the labels of a face refused as a room: why, and where it leaks (the open wall
    end on its outline or inside it nearest the label)."""
    li = names[0]
    lb = labels.labels[li]
    x, y = labels.xy[li]
    texts = ", ".join(repr(labels.text(i)) for i in names)
    texts_zh = "、".join(f"「{labels.text(i)}」" for i in names)
    where, where_zh = "", ""
    if len(open_ends):
        # a wall ending in the open on the face's outline or inside it: where it leaks
        near = shapely.distance(face, point_array(open_ends)) <= options.leak_on_edge_m
        ends = open_ends[near]
        if len(ends):
            d = np.hypot(ends[:, 0] - x, ends[:, 1] - y)
            ex, ey = ends[int(np.argmin(d))]
            where = f"; it leaks at ({ex:.2f}, {ey:.2f}), where a wall ends open"
            where_zh = f"；墙线在 ({ex:.2f}, {ey:.2f}) 处未闭合，空间由此外泄"
    return Diagnostic(
        "FC003",
        f"label {texts} (layer {lb.layer}) lies in no room: the space closed from the walls "
        f"around it is not one — {why[0]}{where}",
        message_zh=f"标注{texts_zh}（图层 {lb.layer}）不在任何房间内：其周围由墙体围合的空间不是房间——"
        f"{why[1]}{where_zh}",
        location=(round(float(x), 3), round(float(y), 3)),
        geometry=face,
    )


def _open_rooms(
    unnamed: list[BaseGeometry],
    drawn: Sequence[Zone],
    rooms: Sequence[Zone],
    typical: float,
    options: ReadOptions,
) -> list[BaseGeometry]:
    """Closed spaces of a room's size that no text names: shown outlined on the plan, so that
    a user sees the rooms floorcheck closed but could not name. Wall bodies (too thin to stand
    in) and spaces covered by zones are not."""
    if not unnamed:
        return []
    geoms = np.array(unnamed, dtype=object)
    areas = shapely.area(geoms)
    limit = (
        max(options.room_large_m2, options.room_size_factor * typical)
        if typical
        else options.room_max_m2
    )
    ok = (areas >= options.room_min_m2) & (areas <= limit)
    thick = ~shapely.is_empty(shapely.buffer(geoms, -options.room_min_width_m / 2))
    ok &= thick
    covered = [z.geometry for z in (*drawn, *rooms)]
    if covered and ok.any():
        taken = shapely.union_all(covered)
        inter = shapely.area(shapely.intersection(geoms[ok], taken))
        idx = np.flatnonzero(ok)
        ok[idx[inter > options.room_taken_share * areas[ok]]] = False
    return [g for g, keep in zip(geoms, ok, strict=True) if keep]


def rooms_from_outlines(
    rings: Sequence[Ring],
    s: float,
    labels: PlacedLabels,
    types: Sequence[str | None],
    candidates: Sequence[int],
    zones: Sequence[Zone],
    options: ReadOptions,
    diagnostics: list[Diagnostic],
) -> tuple[list[Zone], set[int], list[str]]:
    """Rooms drawn as closed polylines on layers that mean nothing to floorcheck (a layer per
    room type, "00_Offices"; outlines on layer 0): for the room names in no zone yet, the
    smallest room-sized outline around each. Only layers whose outlines are rooms count: at
    least two of them hold a name, or a quarter of them do (a furniture layer whose desk
    happens to hold a label is no room layer); an outline around rooms already found (the
    building's footprint) is none.

    Returns the rooms (zones, unnumbered), the labels that named them and the layers read as
    room outlines."""
    if not rings or not candidates:
        return [], set(), []
    polys: list[Polygon] = []
    layers: list[str] = []
    for r in rings:
        p = _polygon(r.xy * s)
        if p is not None:
            polys.append(p)
            layers.append(r.layer)
    if not polys:
        return [], set(), []
    geoms = np.array(polys, dtype=object)
    roomy = _roomy(geoms, zones, options)
    by_ring = _smallest_around(geoms, roomy, labels, candidates)
    held = Counter(layers[g] for g in by_ring)
    total = Counter(layer for layer, ok in zip(layers, roomy, strict=True) if ok)
    room_layers = {
        layer for layer, n in held.items() if n >= 2 or n >= options.outline_share * total[layer]
    }
    found: list[Zone] = []
    named: set[int] = set()
    for g, lis in by_ring.items():
        if layers[g] not in room_layers:
            continue
        where = (f"one outline on layer {layers[g]}", f"图层 {layers[g]} 上的一个轮廓内")
        li = name_room(lis, polys[g], labels, types, where, diagnostics)
        named.add(li)
        stated = next((parse_area(labels.text(i)) for i in lis if parse_area(labels.text(i))), None)
        found.append(
            Zone(
                "",
                types[li] or "unknown",
                polys[g],
                label=without_area(labels.text(li)),
                layer=layers[g],
                stated_area_m2=stated,
            )
        )
    return found, named, sorted(room_layers)


def _roomy(geoms: np.ndarray, zones: Sequence[Zone], options: ReadOptions) -> np.ndarray:
    """Which outlines could be rooms: a person fits in them, and they hold no zone already
    found (an outline around rooms is the building's footprint)."""
    roomy = ~shapely.is_empty(shapely.buffer(geoms, -options.room_min_width_m / 2))
    roomy &= shapely.area(geoms) >= options.room_min_m2
    if zones:
        inner = point_array(
            shapely.get_coordinates(
                shapely.point_on_surface(np.array([z.geometry for z in zones], dtype=object))
            )
        )
        around, _ = shapely.STRtree(inner).query(geoms, predicate="contains")
        roomy[np.unique(around)] = False
    return np.asarray(roomy)


def _smallest_around(
    geoms: np.ndarray, roomy: np.ndarray, labels: PlacedLabels, candidates: Sequence[int]
) -> dict[int, list[int]]:
    """For each outline, the candidate labels it is the smallest room-sized outline around."""
    li_, gi_ = shapely.STRtree(geoms).query(
        point_array(labels.xy[list(candidates)]), predicate="within"
    )
    areas = shapely.area(geoms)
    owner: dict[int, int] = {}
    for k, g in zip(li_.tolist(), gi_.tolist(), strict=True):
        li = candidates[k]
        if roomy[g] and (li not in owner or areas[g] < areas[owner[li]]):
            owner[li] = g
    by_ring: dict[int, list[int]] = {}
    for li, g in owner.items():
        by_ring.setdefault(g, []).append(li)
    return by_ring


def _polygon(xy: np.ndarray) -> Polygon | None:
    if len(xy) < 3:
        return None
    try:
        p = Polygon(xy)
    except (ValueError, shapely.errors.GEOSException):
        return None
    if p.is_empty or not p.is_valid:
        return None
    return p


def _thresholds(door_blocks: Sequence[Thing], s: float) -> list[Segment]:
    """Each door block's opening (m): its X extent on its X axis."""
    out: list[Segment] = []
    for b in door_blocks:
        n = math.hypot(*b.x_axis)
        if b.local_width <= 0 or n <= 0:
            continue
        ux, uy = b.x_axis[0] / n, b.x_axis[1] / n
        half = b.local_width / 2
        mx, my = b.axis_mid
        out.append(
            (
                ((mx - ux * half) * s, (my - uy * half) * s),
                ((mx + ux * half) * s, (my + uy * half) * s),
            )
        )
    return out


def _faces_of_labels(
    faces: list[BaseGeometry],
    orphans: list[int],
    labels: PlacedLabels,
    zones: Sequence[Zone],
    options: ReadOptions,
) -> tuple[dict[int, list[int]], list[int]]:
    """The labels of each face that may become a room (the face holding the label, not a wall
    body, not mostly covered by drawn zones), and the labels left without one."""
    tree = shapely.STRtree(faces)
    in_face: dict[int, list[int]] = {}
    left = []
    taken = shapely.union_all([z.geometry for z in zones]) if zones else None
    for li in orphans:
        hits = tree.query(Point(labels.xy[li]), predicate="within")
        if not len(hits):
            left.append(li)
            continue
        key = int(min(hits, key=lambda i: faces[i].area))
        face = faces[key]
        if face.area < options.room_min_m2 or (
            taken is not None
            and face.intersection(taken).area > options.room_taken_share * face.area
        ):
            left.append(li)
            continue
        in_face.setdefault(key, []).append(li)
    return in_face, left


def unplaced_labels(
    orphans: list[int],
    labels: PlacedLabels,
    open_ends: np.ndarray,
    bridge_m: float,
    options: ReadOptions,
) -> list[Diagnostic]:
    """FC003 for each label that names a zone type but lies in no zone; when a wall end is left
    open nearby, where the room around it leaks."""
    out = []
    for i in orphans:
        lb = labels.labels[i]
        x, y = labels.xy[i]
        why, why_zh = "", ""
        if len(open_ends):
            d = np.hypot(open_ends[:, 0] - x, open_ends[:, 1] - y)
            k = int(np.argmin(d))
            if d[k] <= options.open_end_report_m:
                ex, ey = open_ends[k]
                why = (
                    f"; no room closes around it from the walls: the nearest open wall end is "
                    f"at ({ex:.2f}, {ey:.2f}), {d[k]:.1f} m away (gaps up to {bridge_m:.1f} m "
                    "are bridged as doorways)"
                )
                why_zh = (
                    f"；墙线未围合成房间：最近的墙线断头位于 ({ex:.2f}, {ey:.2f})，"
                    f"距标注 {d[k]:.1f} m（不超过 {bridge_m:.1f} m 的缺口按门洞封闭）"
                )
        out.append(
            Diagnostic(
                "FC003",
                f"label {lb.text!r} (layer {lb.layer}) lies in no zone boundary" + why,
                message_zh=f"标注「{lb.text}」（图层 {lb.layer}）不在任何区域边界内" + why_zh,
                location=(round(float(x), 3), round(float(y), 3)),
            )
        )
    return out


def door_closures(
    walls: list[LineString],
    thresholds: list[Segment],
    options: ReadOptions = _DEFAULTS,
) -> list[LineString]:
    """Lines that close each door opening where the room ends: the threshold (the door block's
    opening on its own axis) and its copies moved onto the wall faces, found from the jambs —
    wall vertices in line with the opening's two ends. A room then measures to the wall faces,
    not into the opening (without jambs, only the threshold closes it).

    >>> walls = [LineString([(-1, -0.1), (0, -0.1), (0, 0.1), (-1, 0.1)]),
    ...          LineString([(3, -0.1), (1, -0.1), (1, 0.1), (3, 0.1)])]
    >>> sorted(round(g.coords[0][1], 2) for g in door_closures(walls, [((0, 0), (1, 0))]))
    [-0.1, 0.0, 0.1]
    """
    if not thresholds:
        return []
    out = [LineString(t) for t in thresholds]
    verts = np.vstack([np.asarray(w.coords)[:, :2] for w in walls]) if walls else np.zeros((0, 2))
    if not len(verts):
        return out
    tree = shapely.STRtree(point_array(verts))
    for a_, b_ in thresholds:
        a, b = np.asarray(a_, float), np.asarray(b_, float)
        length = float(np.hypot(*(b - a)))
        if length <= 0:
            continue
        u = (b - a) / length
        n = np.array([-u[1], u[0]])
        offsets = []
        for end in (a, b):
            near = tree.query(Point(end), predicate="dwithin", distance=options.jamb_search_m)
            rel = verts[near] - end
            du, dn = rel @ u, rel @ n
            jamb = dn[(np.abs(du) <= options.jamb_inline_m) & (np.abs(dn) <= options.jamb_search_m)]
            offsets.append(jamb)
        if not (len(offsets[0]) and len(offsets[1])):
            continue
        lo = max(offsets[0].min(), offsets[1].min())
        hi = min(offsets[0].max(), offsets[1].max())
        for t in {round(float(lo), 4), round(float(hi), 4)}:
            if abs(t) > 1e-3:  # a face this close to the threshold is the threshold
                out.append(LineString([a + n * t, b + n * t]))
    return out


def gap_bridges(
    walls: list[LineString], max_gap: float, options: ReadOptions = _DEFAULTS
) -> tuple[list[LineString], np.ndarray]:
    """Segments that close openings between wall ends continuing each other in line (a door or
    window left as a gap in single- or double-line walls), each end to its nearest partner;
    then, of the ends still touching nothing, each pair nearest each other within a door's
    width (``ReadOptions.corner_gap_m``: a door in a corner, between a wall and a partition
    meeting it at an angle); and the wall ends that stay open (touching nothing).

    >>> a = LineString([(0, 0), (4, 0)]); b = LineString([(5, 0), (9, 0)])
    >>> [list(g.coords) for g in gap_bridges([a, b], 2.4)[0]]
    [[(4.0, 0.0), (5.0, 0.0)]]
    >>> c = LineString([(0, 5), (4, 5)]); d = LineString([(5, 4), (5, 0.5)])
    >>> [list(g.coords) for g in gap_bridges([c, d], 2.4)[0]]
    [[(4.0, 5.0), (5.0, 4.0)]]
    """
    coords = [np.asarray(w.coords)[:, :2] for w in walls]
    # a closed outline (a door's opening drawn as a rectangle, a column) has no ends
    coords = [c for c in coords if len(c) >= 2 and not np.array_equal(c[0], c[-1])]
    if not coords:
        return [], np.zeros((0, 2))
    ends = np.array([c[k] for c in coords for k in (0, -1)])
    back = np.array([c[k] for c in coords for k in (1, -2)])
    out = ends - back
    norm = np.hypot(out[:, 0], out[:, 1])
    ok = norm > 1e-9
    # a stub shorter than a wall is thick (a jamb drawn across a wall's end) bridges no more
    # than a door leaf: two jambs of doors facing each other across a room are not bridged
    lengths = np.repeat([float(np.hypot(*np.diff(c, axis=0).T).sum()) for c in coords], 2)
    stub = lengths < options.bridge_stub_m
    out[ok] /= norm[ok, None]
    pts = point_array(ends)
    i, j, d = _facing_pairs(ends, out, ok, pts, max_gap, options)
    short = ~(stub[i] | stub[j]) | (d <= options.stub_gap_m)
    i, j, d = i[short], j[short], d[short]
    taken = np.zeros(len(ends), dtype=bool)
    bridges = []
    for k in np.argsort(d, kind="stable"):
        a, b = int(i[k]), int(j[k])
        if taken[a] or taken[b]:
            continue
        taken[a] = taken[b] = True
        bridges.append(LineString([ends[a], ends[b]]))
    # ends that touch no other wall line and were not bridged: where a room can leak
    wall_tree = shapely.STRtree(walls)
    pi, _ = wall_tree.query(pts, predicate="dwithin", distance=options.wall_touch_m)
    touching = np.bincount(pi, minlength=len(ends))
    loose = np.flatnonzero((touching <= 1) & ~taken)
    if len(loose) >= 2 and options.corner_gap_m > 0:
        # a door in a corner: two loose ends, each the other's nearest, a door's width apart
        lt = shapely.STRtree(pts[loose])
        a, b = lt.query(pts[loose], predicate="dwithin", distance=options.corner_gap_m)
        keep = a != b
        a, b = a[keep], b[keep]
        if len(a):
            dist = np.hypot(*(ends[loose[a]] - ends[loose[b]]).T)
            nearest: dict[int, tuple[float, int]] = {}
            for p, q, dd in zip(a.tolist(), b.tolist(), dist.tolist(), strict=True):
                if p not in nearest or dd < nearest[p][0]:
                    nearest[p] = (dd, q)
            for p, (_, q) in sorted(nearest.items()):
                if p < q and nearest.get(q, (0.0, -1))[1] == p:
                    u, v = loose[p], loose[q]
                    taken[u] = taken[v] = True
                    bridges.append(LineString([ends[u], ends[v]]))
    open_ends = ends[(touching <= 1) & ~taken]
    return bridges, open_ends


def _facing_pairs(
    ends: np.ndarray,
    out: np.ndarray,
    ok: np.ndarray,
    pts: np.ndarray,
    max_gap: float,
    options: ReadOptions,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i, j, distance) of wall ends up to ``max_gap`` apart that continue each other:
    both point at each other (``out``: each end's outward direction), and the far end lies on
    the near line's extension."""
    tree = shapely.STRtree(pts)
    i, j = tree.query(pts, predicate="dwithin", distance=max_gap)
    keep = (i < j) & ok[i] & ok[j]
    i, j = i[keep], j[keep]
    v = ends[j] - ends[i]
    d = np.hypot(v[:, 0], v[:, 1])
    good = d > 1e-6
    i, j, v, d = i[good], j[good], v[good], d[good]
    u = v / d[:, None]
    cos = math.cos(math.radians(options.gap_angle_deg))
    lateral = np.abs(v[:, 0] * out[i][:, 1] - v[:, 1] * out[i][:, 0])
    inline = (
        (np.einsum("ij,ij->i", u, out[i]) > cos)
        & (np.einsum("ij,ij->i", u, out[j]) < -cos)
        & (lateral <= options.gap_lateral_m)
    )
    return i[inline], j[inline], d[inline]
