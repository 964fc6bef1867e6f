"""The plan as pure data: what the reader produces and the rules consume.

Everything is in metres, in the drawing's world frame. A designer can build a :class:`Plan` in
code from shapely polygons without any DXF::

    from shapely.geometry import box
    from floorcheck.model import Plan, Zone
    plan = Plan(zones=(Zone("Z1", "waiting", box(0, 0, 10, 8)),))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from .errors import with_zh
from .terms import Term
from .vocab import (
    CAMERA_KINDS,
    WINDOW_KINDS,
    ZONE_TYPES,
    camera_kind_id,
    window_kind_id,
    zone_type,
    zone_type_id,
)

__all__ = [
    "Zone",
    "Window",
    "Door",
    "Camera",
    "Terminal",
    "Sign",
    "Obstacle",
    "Seat",
    "Metadata",
    "UnitsInfo",
    "TextMark",
    "View",
    "Recognition",
    "Plan",
    "XY",
]

XY = tuple[float, float]


def _xy(p: XY | Point) -> XY:
    if isinstance(p, Point):
        return (float(p.x), float(p.y))
    return (float(p[0]), float(p[1]))


@dataclass(frozen=True)
class Zone:
    """A functional zone: a polygon with a zone type of :mod:`floorcheck.vocab`.

    ``type`` may be given as an id (``"waiting"``), a 中文 name (``"休息等候区"``), an English
    name or a synonym, in any case; it is kept as the id. A name no table knows raises
    ValueError with the name that was probably meant (``"waitng"`` → ``'waiting'``).
    """

    id: str
    type: str
    geometry: BaseGeometry
    label: str = ""
    layer: str = ""
    stated_area_m2: float | None = None  # area text drawn beside the name ("85.3㎡")
    guid: str = ""  # the IfcSpace's GlobalId when the plan was read from an IFC model

    def __post_init__(self) -> None:
        if self.type not in ZONE_TYPES:
            object.__setattr__(self, "type", zone_type_id(self.type))

    @property
    def area_m2(self) -> float:
        return float(self.geometry.area)

    @property
    def public(self) -> bool:
        return zone_type(self.type).public

    @property
    def name(self) -> str:
        return self.label or zone_type(self.type).zh

    @property
    def term(self) -> Term:
        """The zone as texts name it: its label as drawn, else its type's name (in each
        language)."""
        return Term(self.label, self.label) if self.label else zone_type(self.type).term

    @property
    def centroid(self) -> XY:
        c = self.geometry.representative_point() if not self.geometry.is_empty else Point(0, 0)
        return (round(c.x, 3), round(c.y, 3))


@dataclass(frozen=True)
class Window:
    """A service window (counter position). ``facing_deg`` points from staff to public side.
    ``kind`` takes the same names as a zone's type (id, 中文, synonyms) and keeps the id."""

    id: str
    kind: str
    position: XY
    facing_deg: float = 90.0
    label: str = ""
    width_m: float = 1.6

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _xy(self.position))
        if self.kind not in WINDOW_KINDS:
            object.__setattr__(self, "kind", window_kind_id(self.kind))

    @property
    def comprehensive(self) -> bool:
        return WINDOW_KINDS[self.kind].comprehensive

    def side_point(self, side: Literal["public", "staff"], distance_m: float) -> XY:
        """The point ``distance_m`` in front of (public) or behind (staff) the counter."""
        sign = 1.0 if side == "public" else -1.0
        a = math.radians(self.facing_deg)
        return (
            self.position[0] + sign * distance_m * math.cos(a),
            self.position[1] + sign * distance_m * math.sin(a),
        )


@dataclass(frozen=True)
class Door:
    """A door or opening; ``angle_deg`` is the direction along the wall it sits in."""

    id: str
    position: XY
    width_m: float
    angle_deg: float = 0.0
    entrance: bool = False
    main: bool = False
    staff_only: bool = False
    automatic: bool = False
    exit: bool = False
    label: str = ""
    guid: str = ""  # the IfcDoor's GlobalId when the plan was read from an IFC model

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _xy(self.position))


@dataclass(frozen=True)
class Camera:
    """A surveillance camera: fixed (定点) or PTZ (动点); direction in degrees from +X."""

    id: str
    kind: Literal["fixed", "ptz"]
    position: XY
    direction_deg: float = 0.0
    fov_deg: float | None = None
    range_m: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _xy(self.position))
        if self.kind not in CAMERA_KINDS:
            object.__setattr__(self, "kind", camera_kind_id(self.kind))
        if self.fov_deg is None:
            object.__setattr__(self, "fov_deg", 360.0 if self.kind == "ptz" else 90.0)
        if self.range_m is None:
            object.__setattr__(self, "range_m", 30.0 if self.kind == "ptz" else 15.0)

    @property
    def fov(self) -> float:
        """The field of view in degrees (the kind's default when none was given)."""
        return float(self.fov_deg if self.fov_deg is not None else 90.0)

    @property
    def reach_m(self) -> float:
        """The range in metres (the kind's default when none was given)."""
        return float(self.range_m if self.range_m is not None else 15.0)


@dataclass(frozen=True)
class Terminal:
    """A self-service terminal (自助终端); ``cross_province`` marks the 跨省通办 point."""

    id: str
    position: XY
    cross_province: bool = False
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _xy(self.position))


@dataclass(frozen=True)
class Sign:
    """A sign block: ``floor_directory`` (楼层指示牌) or ``emergency_exit`` (紧急出口)."""

    id: str
    kind: Literal["floor_directory", "emergency_exit"]
    position: XY

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _xy(self.position))


@dataclass(frozen=True)
class Obstacle:
    """A fixed obstacle on the floor: column, counter, fixed furniture, kiosk, fixture."""

    geometry: BaseGeometry
    kind: str = "furniture"
    label: str = ""


@dataclass(frozen=True)
class Seat:
    """A seat block (a row block counts several seats)."""

    position: XY
    count: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _xy(self.position))


@dataclass(frozen=True)
class Metadata:
    """What the drawing cannot show: level, population, staff, floor … (None = not given)."""

    level: str | None = None
    population: int | None = None
    floor: int | None = None
    elevator: bool | None = None
    storeys: int | None = None
    staff: int | None = None
    staff_male: int | None = None
    staff_female: int | None = None
    peak_visitors: int | None = None
    crowded: bool = False
    existing_building: bool = False

    def merged(self, **overrides: Any) -> Metadata:
        """A copy where every override that is not None wins."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise with_zh(
                TypeError(f"unknown plan metadata: {', '.join(sorted(unknown))}"),
                f"未知的图纸信息项：{'、'.join(repr(k) for k in sorted(unknown))}",
            )
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True)
class UnitsInfo:
    unit: str = "m"
    source: str = "given"  # "$INSUNITS", "guessed", "--units", "given"
    scale_to_m: float = 1.0
    note: str = ""
    note_zh: str = ""


@dataclass(frozen=True)
class TextMark:
    """A text of the drawing, where it stands (metres)."""

    text: str
    position: XY
    layer: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _xy(self.position))


@dataclass(frozen=True)
class View:
    """One cluster of drawing on a sheet: a floor plan, or a view that is not one (a section,
    an elevation, a detail, a roof or site plan), with the title written under or beside it.
    ``index`` is its number for ``--region`` (1 = top left); ``zones`` the zones read in it."""

    index: int
    bounds: tuple[float, float, float, float]
    kind: str = "plan"  # plan | section | elevation | detail | roof | site
    title: str = ""
    zones: int = 0

    @property
    def floor_plan(self) -> bool:
        return self.kind == "plan"

    @property
    def text(self) -> str:
        x0, y0, x1, y1 = self.bounds
        return f"{x0:.1f},{y0:.1f},{x1:.1f},{y1:.1f}"


@dataclass(frozen=True)
class Recognition:
    """What the reader saw and what became of it: the story behind "0 zones".

    ``labels`` texts were read; ``named`` of them named a zone. ``unnamed`` are the texts that
    could be room names but named no zone (no room closes around them, or they share a room
    with a better name); ``not_names`` counts the texts that are no room names, by kind
    (:data:`floorcheck.dxf.names.TEXT_KINDS`: dimension, level, note …). ``closed_from_walls``
    rooms were closed from the walls; ``open_rooms`` are closed, room-sized spaces that no text
    names (drawn outlined); ``rejected`` counts the spaces refused as rooms, by reason.
    ``views`` are the clusters of drawing on the sheet (floor plans and the views left out),
    ``unmatched_mapping`` the entries of the user's mapping file that match nothing,
    ``linework`` the lines of windows and doors that closed rooms but are no walls."""

    labels: int = 0
    named: int = 0
    outside: int = 0  # texts of the sheet outside every floor plan (titles, notes, sections)
    unnamed: tuple[TextMark, ...] = ()
    not_names: tuple[tuple[str, int], ...] = ()
    closed_from_walls: int = 0
    outline_layers: tuple[str, ...] = ()  # layers of no meaning whose outlines were rooms
    open_rooms: tuple[BaseGeometry, ...] = ()
    rejected: tuple[tuple[str, int], ...] = ()
    views: tuple[View, ...] = ()
    unmatched_mapping: tuple[str, ...] = ()
    # lines that are no walls but close rooms (windows, door leaves): drawn thin on the plan
    linework: tuple[BaseGeometry, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A floor plan of a service hall, in metres.

    ``walls`` holds wall lines and outlines (shapely lines or polygons) that separate zones and
    block sight; ``hall_outline`` is the drawn usable-area outline or None.
    """

    zones: tuple[Zone, ...] = ()
    windows: tuple[Window, ...] = ()
    doors: tuple[Door, ...] = ()
    cameras: tuple[Camera, ...] = ()
    terminals: tuple[Terminal, ...] = ()
    signs: tuple[Sign, ...] = ()
    obstacles: tuple[Obstacle, ...] = ()
    seats: tuple[Seat, ...] = ()
    walls: tuple[BaseGeometry, ...] = ()
    hall_outline: Polygon | None = None
    metadata: Metadata = field(default_factory=Metadata)
    units: UnitsInfo = field(default_factory=UnitsInfo)
    source: str = ""
    # Which plan of the file this is, when a file holds several (a storey of an IFC model, a
    # region of a sheet): "" for the only one.
    part: str = ""
    mapping: str = "default"  # which layer mapping the reader used ("tarch", "aia+office" …)
    # The floor level of the storey in the model's world (m), when the plan is an IFC storey:
    # where a BCF viewpoint looks down from.
    elevation_m: float | None = None
    # What the reader found wrong with the drawing; the FC0xx rules report them.
    diagnostics: tuple[Diagnostic, ...] = ()
    # What the reader saw and what became of it (`floorcheck zones`, the render of what was
    # read); None for a plan built in code or read from a model.
    recognition: Recognition | None = None
    # The point of the drawing's world frame (m) that is the plan's (0, 0). A plan drawn far
    # from its drawing's origin (site coordinates; a plan moved by 1e15 mm) is read relative to
    # a round point near it, so that its geometry keeps a micrometre's precision; the reports
    # add the origin back: their coordinates are the drawing's.
    origin: tuple[float, float] = (0.0, 0.0)

    def __post_init__(self) -> None:
        for name in (
            "zones",
            "windows",
            "doors",
            "cameras",
            "terminals",
            "signs",
            "obstacles",
            "seats",
            "walls",
            "diagnostics",
        ):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def zones_of(self, *types: str) -> list[Zone]:
        return [z for z in self.zones if z.type in types]

    def zone(self, zone_id: str) -> Zone:
        for z in self.zones:
            if z.id == zone_id:
                return z
        raise KeyError(zone_id)

    @property
    def main_entrance(self) -> Door | None:
        for d in self.doors:
            if d.main:
                return d
        return None

    @property
    def entrances(self) -> list[Door]:
        return [d for d in self.doors if d.entrance]

    def with_(self, **changes: Any) -> Plan:
        """A changed copy (plans are immutable): ``plan.with_(zones=…)``."""
        return replace(self, **changes)


@dataclass(frozen=True)
class Diagnostic:
    """Something the reader noticed in the drawing, reported by an FC0xx rule."""

    code: str
    message: str
    location: XY | None = None
    geometry: BaseGeometry | None = None
    zones: tuple[str, ...] = ()
    measured: float | None = None
    required: float | None = None
    message_zh: str = ""


__all__.append("Diagnostic")
