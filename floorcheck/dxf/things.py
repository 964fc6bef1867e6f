"""The things a plan holds, in metres: doors and entrances, service windows, cameras,
self-service terminals, signs, seats and obstacles — from the blocks the walk kept whole
(:class:`~floorcheck.dxf.collected.Thing`) and the labels around them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..geometry.entrance import names_main_entrance, with_main_entrance
from ..model import Camera, Door, Obstacle, Seat, Sign, Terminal, Window, Zone
from ..vocab import match_window_kind, match_zone_type
from .collected import Thing
from .labels import PlacedLabels
from .mapping import Mapping
from .options import ReadOptions
from .zones import polygon

__all__ = [
    "read_doors",
    "read_windows",
    "read_cameras",
    "read_terminals",
    "read_signs",
    "read_seats",
    "read_obstacles",
    "door_tag_width",
    "number",
]

_DOOR_TAG = re.compile(
    r"^(?:FM|TLM|ZM|JLM|LM|JM|M|MLC|MC)[甲乙丙]?[-_ ]?(\d{2})(\d{2})", re.IGNORECASE
)
_STAFF = re.compile(r"员工|内部|职工|工作人员|STAFF|办公专用", re.IGNORECASE)
_AUTO = re.compile(r"自动|AUTO|感应", re.IGNORECASE)
_EXIT = re.compile(r"安全出口|紧急出口|疏散|EXIT", re.IGNORECASE)
_WINDOW_TEXT = re.compile(r"窗口|跨省通办|帮办代办|办不成事")
_PTZ = re.compile(r"球机|PTZ|动点|SPEED\s*DOME|DOME", re.IGNORECASE)
_FLOOR_SIGN = re.compile(r"楼层指示|楼层导视|楼层索引|FLOOR\s*DIRECTORY", re.IGNORECASE)
# Block kinds whose footprint is a fixed obstacle on the floor.
_SOLID = ("furniture", "seat", "terminal", "counter")
# Footprints smaller than this (m²) are degenerate blocks, not obstacles.
_MIN_AREA_M2 = 1e-6


# -- doors ----------------------------------------------------------------------------------------


def read_doors(
    blocks: Sequence[Thing],
    s: float,
    labels: PlacedLabels,
    hall_shape: BaseGeometry | None,
    mapping: Mapping,
    options: ReadOptions,
) -> list[Door]:
    """Doors from door blocks, numbered D1, D2 … from the top down. A door on the hall's
    outline is an entrance; one main entrance is chosen (:func:`with_main_entrance`)."""
    outline = None
    if hall_shape is not None and not hall_shape.is_empty:
        r = options.outline_close_m
        closed = hall_shape.buffer(r, join_style="mitre").buffer(-r, join_style="mitre")
        outline = closed.boundary if not closed.is_empty else hall_shape.boundary
        shapely.prepare(outline)  # a door's distance to it: indexed, not every vertex per door
    pos = [(b.axis_mid[0] * s, b.axis_mid[1] * s) for b in blocks]
    xy = np.array(pos, dtype=float).reshape(-1, 2)
    near = labels.near_each(xy, options.door_label_m)  # one query for all doors
    around = labels.near_each(xy, options.entrance_label_m)
    doors = with_main_entrance(
        [
            _door(b, p, n, a, s, outline, mapping, options)
            for b, p, n, a in zip(blocks, pos, near, around, strict=True)
        ]
    )
    doors.sort(key=lambda d: (-d.position[1], d.position[0]))
    return [Door(**{**d.__dict__, "id": f"D{i}"}) for i, d in enumerate(doors, 1)]


def _door(
    b: Thing,
    pos: tuple[float, float],
    near: list[str],
    around: list[str],
    s: float,
    outline: BaseGeometry | None,
    mapping: Mapping,
    options: ReadOptions,
) -> Door:
    """One door block at ``pos`` (m), with the labels ``near`` it (within
    ``door_label_m``) and ``around`` it (within ``entrance_label_m``), nearest first."""
    text = " ".join([b.text, *near[: options.door_labels]])
    width = (
        _attrib_width(b.attribs, options.width_mm_above)
        or door_tag_width(text)
        or (b.local_width * s)
    )
    angle = math.degrees(math.atan2(b.x_axis[1], b.x_axis[0]))
    wide = around[: options.entrance_labels]
    label_text = " ".join([b.text, *wide])
    entrance = outline is not None and _on_outline(
        outline, pos, angle, width, options.outline_tol_m
    )
    main = names_main_entrance(" ".join([*b.attribs.values(), *wide]))
    return Door(
        id="",
        position=pos,
        width_m=round(float(width), 3),
        angle_deg=angle,
        entrance=entrance or main,
        main=main,
        staff_only=bool(_STAFF.search(label_text)) or mapping.layer_is("staff", b.layer),
        automatic=bool(_AUTO.search(text)) or bool(re.search(r"(^|\W)ZM", b.name, re.IGNORECASE)),
        exit=entrance or bool(_EXIT.search(label_text)),
        label=next((t for t in around if names_main_entrance(t) or door_tag_width(t)), ""),
    )


def _on_outline(
    outline: BaseGeometry, pos: tuple[float, float], angle_deg: float, width_m: float, tol_m: float
) -> bool:
    """A door is on the hall outline when both ends of its opening lie near it (so a door in an
    inner wall that merely ends near the façade is not an entrance)."""
    a = math.radians(angle_deg)
    dx, dy = math.cos(a) * width_m / 2, math.sin(a) * width_m / 2
    ends = (Point(pos[0] - dx, pos[1] - dy), Point(pos[0] + dx, pos[1] + dy))
    return all(bool(shapely.dwithin(outline, p, tol_m)) for p in ends)


def door_tag_width(text: str) -> float | None:
    """Width in metres from a Chinese door tag: M1021 → 1.0 m, FM甲1022 → 1.0 m.

    >>> door_tag_width("M0921")
    0.9
    >>> door_tag_width("FM甲1222")
    1.2
    >>> door_tag_width("DOOR") is None
    True
    """
    for word in re.split(r"[\s,;/|]+", text):
        m = _DOOR_TAG.match(word)
        if m:
            return int(m.group(1)) / 10.0
    return None


def _attrib_width(attribs: dict[str, str], mm_above: float) -> float | None:
    """A door width attribute in metres (values above ``mm_above`` are millimetres)."""
    for tag in ("WIDTH", "宽度", "门宽", "W"):
        v = number(attribs.get(tag))
        if v and v > 0:
            return v / 1000.0 if v > mm_above else v
    return None


def number(value: object) -> float | None:
    """The first number written in ``value``, or None.

    >>> number("FOV 90°"), number(None), number("n/a")
    (90.0, None, None)
    """
    if value is None:
        return None
    m = re.search(r"-?\d+(?:\.\d+)?", str(value))
    if not m:
        return None
    v = float(m.group(0))
    return v if math.isfinite(v) else None


# -- service windows ------------------------------------------------------------------------------


def read_windows(
    blocks: Sequence[Thing],
    s: float,
    labels: PlacedLabels,
    zones: Sequence[Zone],
    mapping: Mapping,
    options: ReadOptions,
) -> list[Window]:
    """Service windows: counter blocks, then window texts (1号窗口, 跨省通办 …) that no counter
    block or terminal already stands at; numbered W1, W2 … from the top down."""
    windows = [
        _counter_window(b, s, labels, mapping, options) for b in blocks if b.kind == "counter"
    ]
    taken = np.array([w.position for w in windows]) if windows else np.zeros((0, 2))
    terminals = (
        np.array([(b.x * s, b.y * s) for b in blocks if b.kind == "terminal"])
        if any(b.kind == "terminal" for b in blocks)
        else np.zeros((0, 2))
    )
    reach = options.window_text_taken_m
    for i, lb in enumerate(labels.labels):
        if (
            lb.source != "text"
            or not _WINDOW_TEXT.search(lb.text)
            or match_zone_type(lb.text, mapping.labels)
        ):
            continue
        x, y = labels.xy[i]
        if len(taken) and np.hypot(taken[:, 0] - x, taken[:, 1] - y).min() <= reach:
            continue
        if len(terminals) and np.hypot(terminals[:, 0] - x, terminals[:, 1] - y).min() <= reach:
            continue
        windows.append(_text_window(lb.text, x, y, zones))
        taken = np.vstack([taken, [x, y]])
    windows.sort(key=lambda w: (-round(w.position[1], 1), w.position[0]))
    return [
        Window(f"W{i}", w.kind, w.position, w.facing_deg, w.label, w.width_m)
        for i, w in enumerate(windows, 1)
    ]


def _counter_window(
    b: Thing, s: float, labels: PlacedLabels, mapping: Mapping, options: ReadOptions
) -> Window:
    """A counter block: at its footprint's middle, facing its public side, its kind from an
    attribute or the labels beside it."""
    x, y = b.x * s, b.y * s
    if b.footprint is not None:
        x, y = (float(v) for v in (b.footprint * s).mean(axis=0))
    kind = None
    for tag in ("TYPE", "类型", "KIND", "窗口类型"):
        if tag in b.attribs:
            kind = match_window_kind(b.attribs[tag])
            break
    if kind is None:
        near = labels.near(x, y, options.window_label_m)[: options.window_labels]
        kind = next(
            (
                k
                for k in map(match_window_kind, (*b.attribs.values(), *near))
                if k and k != "undifferentiated"
            ),
            None,
        )
    sign = -1.0 if mapping.counter_public_side == "-Y" else 1.0
    facing = math.degrees(math.atan2(sign * b.y_axis[1], sign * b.y_axis[0]))
    width = b.local_width * s if b.local_width else options.counter_width_m
    label = b.attribs.get("NAME") or b.attribs.get("NO") or b.attribs.get("编号") or ""
    return Window("", kind or "undifferentiated", (x, y), facing, label, round(width, 3))


def _text_window(text: str, x: float, y: float, zones: Sequence[Zone]) -> Window:
    """A window written as text: facing the middle of the zone it stands in (else +Y)."""
    facing = 90.0
    home = next((z for z in zones if z.geometry.contains(Point(x, y))), None)
    if home is not None:
        c = home.geometry.centroid
        if c.distance(Point(x, y)) > 1e-6:
            facing = math.degrees(math.atan2(c.y - y, c.x - x))
    return Window("", match_window_kind(text) or "undifferentiated", (x, y), facing, text)


# -- cameras, terminals, signs, seats, obstacles ---------------------------------------------------


def read_cameras(blocks: Sequence[Thing], s: float, mapping: Mapping) -> list[Camera]:
    """Camera blocks: PTZ (球机 …) or fixed, looking along the block's forward axis."""
    forward = 1 if mapping.camera_forward == "+Y" else 0
    cams: list[Camera] = []
    for b in blocks:
        if b.kind != "camera":
            continue
        ptz = _PTZ.search(b.text) and not re.search(r"半球", b.text)
        kind: Literal["fixed", "ptz"] = "ptz" if ptz else "fixed"
        axis = b.y_axis if forward else b.x_axis
        cams.append(
            Camera(
                f"C{len(cams) + 1}",
                kind,
                (b.x * s, b.y * s),
                math.degrees(math.atan2(axis[1], axis[0])),
                fov_deg=number(b.attribs.get("FOV")),
                range_m=number(b.attribs.get("RANGE")),
            )
        )
    return cams


def read_terminals(
    blocks: Sequence[Thing], s: float, labels: PlacedLabels, options: ReadOptions
) -> list[Terminal]:
    """Self-service terminals; one named or labelled 跨省通办 is the 跨省通办 point."""
    out: list[Terminal] = []
    for b in blocks:
        if b.kind != "terminal":
            continue
        x, y = b.x * s, b.y * s
        near = labels.near(x, y, options.terminal_label_m)
        cross = "跨省通办" in b.text or any("跨省通办" in t for t in near)
        out.append(Terminal(f"T{len(out) + 1}", (x, y), cross, b.name))
    return out


def read_signs(blocks: Sequence[Thing], s: float) -> list[Sign]:
    """Floor directories and emergency exit signs (other signs are not read)."""
    out: list[Sign] = []
    for b in blocks:
        if b.kind != "sign":
            continue
        kind: Literal["floor_directory", "emergency_exit"]
        if _FLOOR_SIGN.search(b.text):
            kind = "floor_directory"
        elif _EXIT.search(b.text):
            kind = "emergency_exit"
        else:
            continue
        out.append(Sign(f"S{len(out) + 1}", kind, (b.x * s, b.y * s)))
    return out


def read_seats(blocks: Sequence[Thing], s: float) -> list[Seat]:
    """Seat blocks; a SEATS (座位数) attribute counts a bench's places."""
    out = []
    for b in blocks:
        if b.kind == "seat":
            n = number(b.attribs.get("SEATS") or b.attribs.get("座位数"))
            out.append(Seat((b.x * s, b.y * s), int(n) if n and n > 0 else 1))
    return out


def read_obstacles(
    columns: Sequence[BaseGeometry],
    furniture_rings: Sequence[np.ndarray],
    blocks: Sequence[Thing],
    s: float,
) -> list[Obstacle]:
    """Columns, closed furniture outlines, and the footprints of furniture, seat, terminal and
    counter blocks."""
    obstacles = [Obstacle(c, "column") for c in columns]
    for ring in furniture_rings:
        p = polygon(ring * s)
        if p is not None:
            obstacles.append(Obstacle(p, "furniture"))
    solid = [b for b in blocks if b.kind in _SOLID and b.footprint is not None]
    if solid:
        # one vectorised call for all footprints (200,000 desks in a big centre)
        rings = np.stack([b.footprint for b in solid if b.footprint is not None]) * s
        ok = np.all(np.isfinite(rings), axis=(1, 2))
        polys = np.asarray(shapely.polygons(np.where(ok[:, None, None], rings, 0.0)))
        areas = np.asarray(shapely.area(polys))
        obstacles.extend(
            Obstacle(p, b.kind, b.name)
            for p, b, a, good in zip(polys, solid, areas, ok, strict=True)
            if good and a > _MIN_AREA_M2
        )
    return obstacles
