"""What to draw (the frontend): a Scene of plain primitives made from a Report and its Plan.

The backends (``mpl.py`` for PNG/PDF, ``svg.py`` for the HTML report) know how to draw; tests
read the Scene instead of comparing pixels, as ezdxf's drawing add-on does with its recording
backend. How each kind of thing looks, its layer and its legend text live in ``styles.py``.

The Scene is laid out for a plan drawn ``PLAN_BOX_IN`` inches large (the plan's place on an A3
sheet): ``scene.pt`` is the number of metres one typographic point covers there, so text and
markers have sizes in metres and the Scene can keep numbers off each other and off zone names.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import shapely
from shapely.geometry.base import BaseGeometry

from ..errors import with_zh
from ..findings import Finding, Report
from ..i18n import level_name
from ..model import Plan, Zone
from ..vocab import LEVELS, ZONE_TYPES, normalise_label, zone_type
from .place import Box, BoxIndex, place_box
from .styles import (
    EXTRA_COLOUR,
    FAIL_COLOUR,
    OPTIONAL_LAYERS,
    PASS_COLOUR,
    SEVERITY_COLOURS,
    STYLES,
    ZONE_COLOURS,
    Style,
    style,
)
from .text import compact_numbers, text_width_em

__all__ = [
    "Scene",
    "Shape",
    "Label",
    "Marker",
    "LegendEntry",
    "build_scene",
    "number_findings",
    "parse_layers",
    "zone_name",
    "zone_title",
    "ZONE_COLOURS",
    "SEVERITY_COLOURS",
    "PLAN_BOX_IN",
    "MAX_LABELS",
    "MAX_NUMBERED",
]

# The plan's place on the A3 landscape sheet (inches): what ``scene.pt`` is measured against.
PLAN_BOX_IN = (10.9, 8.0)
# Beyond these counts, text on the plan is unreadable at any sheet size: only the largest zones
# keep their names, and findings keep a dot at their spot without a number (the list still gives
# every finding). The Scene says so in ``notes``.
MAX_LABELS = 600
MAX_NUMBERED = 600
LABEL_PT = 6.5
UNREAD_COLOUR = "#7f7f7f"  # texts that named no zone
MARKER_PT = 6.5
MAX_MARKER_CHARS = 9  # "12,14–19": longer runs of numbers at one spot get a marker each


@dataclass(frozen=True)
class Shape:
    """A polygon or line to draw. ``role`` names its style; ``face``/``edge`` override the
    style's colours (zones by type, findings by severity). ``numbers`` are the findings it shows,
    ``key`` the id of what it is (zone, camera, door)."""

    geometry: BaseGeometry
    role: str
    face: str | None = None
    edge: str | None = None
    numbers: tuple[int, ...] = ()
    key: str = ""

    @property
    def style(self) -> Style:
        return style(self.role)

    @property
    def face_colour(self) -> str | None:
        return self.face if self.face is not None else self.style.face

    @property
    def edge_colour(self) -> str:
        return self.edge if self.edge is not None else self.style.edge


@dataclass(frozen=True)
class Label:
    """Text centred on (x, y); ``size`` in points."""

    x: float
    y: float
    text: str
    role: str
    size: float = LABEL_PT
    colour: str = "#000000"
    key: str = ""

    def box(self, pt: float) -> Box:
        lines = self.text.count("\n") + 1
        w = text_width_em(self.text) * self.size * pt
        h = lines * self.size * 1.25 * pt
        return (self.x - w / 2, self.y - h / 2, self.x + w / 2, self.y + h / 2)


@dataclass(frozen=True)
class Marker:
    """A symbol at (x, y). Finding markers carry the ``numbers`` they stand for and, when they
    had to move off their spot, the ``anchor`` the leader line goes to."""

    x: float
    y: float
    role: str
    numbers: tuple[int, ...] = ()
    colour: str | None = None
    angle_deg: float = 0.0
    anchor: tuple[float, float] | None = None
    size: float = MARKER_PT  # points: the type size of the numbers, or the symbol's size
    show_text: bool = True
    key: str = ""

    @property
    def number(self) -> int | None:
        """The first number (markers for one finding have just one)."""
        return self.numbers[0] if self.numbers else None

    @property
    def text(self) -> str:
        return compact_numbers(self.numbers) if self.show_text else ""

    @property
    def fill(self) -> str:
        return self.colour or style(self.role).face or "#000000"

    def extent(self, pt: float) -> tuple[float, float]:
        """Width and height in metres."""
        h = self.size * 1.75 * pt
        if not self.text:
            return (h * 0.6, h * 0.6) if self.numbers else (h, h)
        return max(h, (text_width_em(self.text) * self.size + self.size * 0.9) * pt), h

    def box(self, pt: float) -> Box:
        w, h = self.extent(pt)
        return (self.x - w / 2, self.y - h / 2, self.x + w / 2, self.y + h / 2)


@dataclass(frozen=True)
class LegendEntry:
    role: str
    text: str
    colour: str | None = None  # zone types: their fill


@dataclass
class Scene:
    title: list[str] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    findings: list[tuple[int, Finding]] = field(default_factory=list)  # numbered, as on the plan
    bounds: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)
    view: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)  # what the sheet shows
    pt: float = 0.01  # metres per typographic point at the sheet's scale
    verdict: str = ""
    failed: bool = False
    lang: str = "en"
    layers: frozenset[str] = frozenset(OPTIONAL_LAYERS)
    notes: list[str] = field(default_factory=list)

    def roles(self) -> set[str]:
        return (
            {s.role for s in self.shapes}
            | {m.role for m in self.markers}
            | {lb.role for lb in self.labels}
        )

    def shows(self, role: str) -> bool:
        layer = style(role).layer
        return layer not in OPTIONAL_LAYERS or layer in self.layers

    def add_shape(self, shape: Shape) -> None:
        if self.shows(shape.role) and not shape.geometry.is_empty:
            self.shapes.append(shape)

    def add_marker(self, marker: Marker) -> None:
        if self.shows(marker.role):
            self.markers.append(marker)

    def add_label(self, label: Label) -> None:
        if self.shows(label.role):
            self.labels.append(label)

    def drawn(self, role: str) -> list[Shape]:
        return [s for s in self.shapes if s.role == role]

    @property
    def verdict_colour(self) -> str:
        return FAIL_COLOUR if self.failed else PASS_COLOUR


_WORDS = {
    "en": {
        "level": "Level",
        "errors": "errors",
        "warnings": "warnings",
        "pass": "PASS",
        "fail": "FAIL",
        "area": "usable area",
        "unlabelled": "{n} small zones are not named on the plan (their colour gives the type)",
        "unnumbered": "{n} findings are marked by a dot without their number (see the list)",
    },
    "zh": {
        "level": "级别",
        "errors": "错误",
        "warnings": "警告",
        "pass": "通过",
        "fail": "不通过",
        "area": "使用面积",
        "unlabelled": "{n} 个较小分区未标注名称（以颜色区分类型）",
        "unnumbered": "{n} 项问题仅以圆点标出位置，未标编号（见问题清单）",
    },
}


def zone_name(type_id: str, lang: str) -> str:
    zt = zone_type(type_id)
    return zt.zh if lang == "zh" else f"{zt.zh} {zt.en}"


def parse_layers(value: str | Iterable[str] | None) -> frozenset[str]:
    """The optional layers to show: ``None`` or "all" = every one, "none" = none, a list names
    them, and a list of ``-name`` items takes those away from all. Raises ValueError naming an
    unknown layer."""
    if value is None:
        return frozenset(OPTIONAL_LAYERS)
    items = [v.strip() for v in (value.split(",") if isinstance(value, str) else value)]
    items = [v for v in items if v]
    if items in (["all"], []):
        return frozenset(OPTIONAL_LAYERS)
    if items == ["none"]:
        return frozenset()
    unknown = [v for v in items if v.lstrip("-+") not in OPTIONAL_LAYERS]
    if unknown:
        raise with_zh(
            ValueError(
                f"unknown layer {unknown[0]!r}; layers: {', '.join(OPTIONAL_LAYERS)} "
                "(or all, none, or -name to hide one)"
            ),
            f"未知的显示图层 {unknown[0]!r}；可用：{'、'.join(repr(n) for n in OPTIONAL_LAYERS)}"
            "（或 'all'、'none'，或用 '-名称' 隐藏其一）",
        )
    if all(v.startswith("-") for v in items):
        return frozenset(OPTIONAL_LAYERS) - {v[1:] for v in items}
    return frozenset(v.lstrip("+") for v in items if not v.startswith("-"))


def number_findings(findings: Iterable[Finding]) -> list[tuple[int, Finding]]:
    """Every finding, numbered: errors first, then warnings, then information, each in the
    report's order. The plan, the lists and the HTML report use these numbers."""
    rank = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(enumerate(findings), key=lambda t: (rank[t[1].severity], t[0]))
    return [(n, f) for n, (_, f) in enumerate(ordered, 1)]


def build_scene(
    report: Report,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | Iterable[str] | None = None,
) -> Scene:
    """Everything the annotated plan shows, in drawing coordinates (metres)."""
    plan: Plan | None = report.plan
    if plan is None:
        raise ValueError(
            "this report was read back from JSON and has no plan to draw; check the DXF again"
        )
    scene = Scene(lang=lang, layers=parse_layers(layers))
    _title(scene, report, fail_on)
    _frame(scene, plan)
    scene.findings = number_findings(report.findings)
    _zones(scene, plan)
    _read(scene, plan)
    _failing_zones(scene, plan)
    _structure(scene, plan)
    _cameras(scene, plan, report)
    _proposed_cameras(scene, plan, report)
    _finding_shapes(scene)
    _finding_markers(scene)
    _legend(scene, plan)
    return scene


def _title(scene: Scene, report: Report, fail_on: str) -> None:
    words = _WORDS[scene.lang]
    level = LEVELS.get(report.level or "")
    scene.failed = report.fails(fail_on)
    scene.verdict = words["fail"] if scene.failed else words["pass"]
    sep = "：" if scene.lang == "zh" else ": "
    counts = (
        f"{words['errors']} {report.count('error')} 项，{words['warnings']} "
        f"{report.count('warning')} 项"
        if scene.lang == "zh"
        else f"{report.count('error')} {words['errors']}, "
        f"{report.count('warning')} {words['warnings']}"
    )
    scene.title = [
        f"floorcheck — {report.title}",
        f"{words['level']}{sep}{level_name(level.id).text(scene.lang) if level else '-'} · "
        f"{words['area']} "
        f"{report.hall.get('usable_area_m2', 0):.1f} m² · {date.today().isoformat()}",
        f"{scene.verdict}{sep}{counts}",
    ]


def _frame(scene: Scene, plan: Plan) -> None:
    geoms = [z.geometry for z in plan.zones] + list(plan.walls)
    if plan.hall_outline is not None:
        geoms.append(plan.hall_outline)
    if plan.recognition is not None:
        geoms += [*plan.recognition.linework, *plan.recognition.open_rooms]
    if geoms:
        b = shapely.total_bounds(geoms).tolist()
        if all(math.isfinite(v) for v in b):
            scene.bounds = (b[0], b[1], b[2], b[3])
    x0, y0, x1, y1 = scene.bounds
    pad = max(x1 - x0, y1 - y0) * 0.04 + 0.5
    # room below the plan for the scale bar, and right of it for the north arrow
    vx0, vy0, vx1, vy1 = x0 - pad, y0 - pad * 2.2, x1 + pad, y1 + pad
    # widen the short side so that the view has the sheet's proportions: one scale both ways
    scene.pt = max((vx1 - vx0) / (PLAN_BOX_IN[0] * 72), (vy1 - vy0) / (PLAN_BOX_IN[1] * 72))
    gx = (PLAN_BOX_IN[0] * 72 * scene.pt - (vx1 - vx0)) / 2
    gy = (PLAN_BOX_IN[1] * 72 * scene.pt - (vy1 - vy0)) / 2
    scene.view = (vx0 - gx, vy0 - gy, vx1 + gx, vy1 + gy)


def _zones(scene: Scene, plan: Plan) -> None:
    for z in plan.zones:
        if z.type == "unknown":
            scene.add_shape(Shape(z.geometry, "unknown-zone", key=z.id))
        else:
            face = ZONE_COLOURS.get(z.type, EXTRA_COLOUR)
            scene.add_shape(Shape(z.geometry, "zone", face, key=z.id))
    zones = list(plan.zones)
    if len(zones) > MAX_LABELS:
        zones = sorted(zones, key=lambda z: -z.area_m2)[:MAX_LABELS]
        scene.notes.append(_WORDS[scene.lang]["unlabelled"].format(n=len(plan.zones) - MAX_LABELS))
    for z in zones:
        c = z.geometry.representative_point()
        area = f"{z.area_m2:.2f}" if z.area_m2 < 10 else f"{z.area_m2:.1f}"
        scene.add_label(Label(c.x, c.y, f"{zone_title(z)}\n{area} m²", "zone-label", key=z.id))


def zone_title(z: Zone) -> str:
    r"""What a zone is called on the plan: the drawing's own name, and under it the zone type
    when that is not what the name says ("配电房" over "(设备间)").

    >>> from shapely.geometry import box
    >>> zone_title(Zone("Z1", "equipment", box(0, 0, 1, 1), label="配电房"))
    '配电房\n(设备间)'
    >>> zone_title(Zone("Z2", "waiting", box(0, 0, 1, 1), label="休息等候区"))
    '休息等候区'
    >>> zone_title(Zone("Z3", "unknown", box(0, 0, 1, 1), label="KITCHEN"))
    'KITCHEN'
    """
    kind = zone_type(z.type).zh
    if z.type == "unknown":
        return z.label or "?"
    if not z.label or normalise_label(z.label) == normalise_label(kind):
        return kind
    return f"{z.label}\n({kind})"


def _read(scene: Scene, plan: Plan) -> None:
    """What the reader read but could not make a zone of, so that a plan where little was
    recognised still shows what floorcheck saw: the lines of windows and doors that closed
    rooms, closed spaces no text names (outlined), and every text that could be a room's name
    but named no zone (in grey, where it stands)."""
    rec = plan.recognition
    if rec is None:
        return
    for line in rec.linework:
        scene.add_shape(Shape(line, "linework"))
    for room in rec.open_rooms:
        scene.add_shape(Shape(room, "open-room"))
    for mark in rec.unnamed[:MAX_LABELS]:
        x, y = mark.position
        scene.add_label(Label(x, y, mark.text, "unread-label", size=5.0, colour=UNREAD_COLOUR))


def _failing_zones(scene: Scene, plan: Plan) -> None:
    numbers: dict[str, list[int]] = {}
    for n, f in scene.findings:
        if f.severity != "info":
            for zone_id in f.zones:
                numbers.setdefault(zone_id, []).append(n)
    for z in plan.zones:
        if z.id in numbers:
            # drawn just inside the zone, so that it reads apart from a neighbour's outline
            inset = z.geometry.buffer(-style("failing-zone").width * scene.pt, join_style="mitre")
            geom = inset if not inset.is_empty else z.geometry
            scene.add_shape(Shape(geom, "failing-zone", numbers=tuple(numbers[z.id]), key=z.id))


def _structure(scene: Scene, plan: Plan) -> None:
    if plan.hall_outline is not None:
        scene.add_shape(Shape(plan.hall_outline, "hall"))
    for o in plan.obstacles:
        scene.add_shape(Shape(o.geometry, "obstacle", key=o.kind))
    for wall in plan.walls:
        scene.add_shape(Shape(wall, "wall"))
    for d in plan.doors:
        a = math.radians(d.angle_deg)
        dx, dy = math.cos(a) * d.width_m / 2, math.sin(a) * d.width_m / 2
        x, y = d.position
        line = shapely.linestrings([[x - dx, y - dy], [x + dx, y + dy]])
        scene.add_shape(Shape(line, "staff-door" if d.staff_only else "door", key=d.id))
        if d.main:
            scene.add_marker(Marker(x, y, "main-entrance", size=9, key=d.id))
    for w in plan.windows:
        scene.add_marker(
            Marker(w.position[0], w.position[1], "window", angle_deg=w.facing_deg, size=5, key=w.id)
        )


def _cameras(scene: Scene, plan: Plan, report: Report) -> None:
    for cam in plan.cameras:
        scene.add_marker(
            Marker(cam.position[0], cam.position[1], f"camera-{cam.kind}", size=6, key=cam.id)
        )
    if not plan.cameras or report.analysis is None or not scene.shows("camera-view"):
        return
    from ..geometry.hall import hall_geometry

    floor = hall_geometry(plan)
    # the views the check computed (built now if no rule needed them)
    for cam_id, view in report.analysis.views.polygons.items():
        clipped = view.intersection(floor) if floor is not None and not floor.is_empty else view
        scene.add_shape(Shape(clipped, "camera-view", key=cam_id))


def _proposed_cameras(scene: Scene, plan: Plan, report: Report) -> None:
    """The cameras ``floorcheck suggest cameras`` proposes (``report.suggestions``): a symbol,
    their number and the outline of the view each would have, walls blocking sight."""
    proposed = ((report.suggestions or {}).get("cameras") or {}).get("proposed") or []
    if not proposed or not scene.shows("camera-proposed-fixed"):
        return
    from ..geometry.hall import hall_geometry
    from ..geometry.visibility import Views
    from ..model import Camera

    cams = [
        Camera(
            str(c["id"]),
            "ptz" if c["kind"] == "ptz" else "fixed",
            (float(c["position"][0]), float(c["position"][1])),
            float(c["direction_deg"]),
            float(c["fov_deg"]),
            float(c["range_m"]),
        )
        for c in proposed
    ]
    floor = hall_geometry(plan)
    views = Views(plan.with_(cameras=tuple(cams))).polygons
    for cam in cams:
        view = views[cam.id]
        if floor is not None and not floor.is_empty:
            view = view.intersection(floor)
        scene.add_shape(Shape(view.boundary, "camera-proposed-view", key=cam.id))
        x, y = cam.position
        scene.add_marker(Marker(x, y, f"camera-proposed-{cam.kind}", size=9, key=cam.id))
        scene.add_label(
            Label(x, y + 0.6, cam.id, "camera-proposed-label", 6.0, "#e7298a", key=cam.id)
        )


def _drawn_role(f: Finding) -> str:
    return f.role if f.role in STYLES else "finding"


def _finding_shapes(scene: Scene) -> None:
    for n, f in scene.findings:
        if f.geometry is None or f.geometry.is_empty:
            continue
        role = _drawn_role(f)
        if role == "finding" and f.severity == "info":
            continue  # a measurement's geometry is in the JSON; the plan shows its number
        edge = SEVERITY_COLOURS[f.severity] if role == "finding" else None
        scene.add_shape(Shape(f.geometry, role, edge=edge, numbers=(n,)))


def _anchor(f: Finding) -> tuple[float, float] | None:
    """The spot a finding's number points at: along a route near its end (the zone it reaches),
    else the finding's location."""
    if _drawn_role(f) == "route" and f.geometry is not None and not f.geometry.is_empty:
        p = f.geometry.interpolate(0.88, normalized=True)
        return (p.x, p.y)
    return f.location


def _groups(scene: Scene) -> list[tuple[tuple[float, float], str, list[int]]]:
    """Findings at one spot (within a third of a marker) share a marker, in runs short enough to
    read; each run takes the colour of its most severe finding."""
    tol = MARKER_PT * 0.6 * scene.pt
    spots: dict[tuple[int, int, str], list[int]] = {}
    where: dict[tuple[int, int, str], tuple[float, float]] = {}
    for n, f in scene.findings:
        a = _anchor(f)
        if a is None or not (math.isfinite(a[0]) and math.isfinite(a[1])):
            continue
        kind = "route" if _drawn_role(f) == "route" else "spot"
        key = (round(a[0] / tol), round(a[1] / tol), kind)
        spots.setdefault(key, []).append(n)
        where.setdefault(key, a)
    severity = {n: f.severity for n, f in scene.findings}
    out = []
    for key, numbers in spots.items():
        for run in _runs(numbers):
            worst = min((severity[n] for n in run), key=("error", "warning", "info").index)
            out.append((where[key], SEVERITY_COLOURS[worst], run))
    return out


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = [[]]
    for n in sorted(numbers):
        if runs[-1] and len(compact_numbers([*runs[-1], n])) > MAX_MARKER_CHARS:
            runs.append([])
        runs[-1].append(n)
    return runs


def _finding_markers(scene: Scene) -> None:
    groups = _groups(scene)
    if len(groups) > MAX_NUMBERED:
        for (x, y), colour, run in groups:
            scene.add_marker(
                Marker(x, y, "finding-marker", tuple(run), colour, size=4, show_text=False)
            )
        scene.notes.append(_WORDS[scene.lang]["unnumbered"].format(n=len(scene.findings)))
        return
    pt = scene.pt
    index = BoxIndex(MARKER_PT * 4 * pt)
    index.add_all(lb.box(pt) for lb in scene.labels)
    index.add_all(m.box(pt) for m in scene.markers if m.role == "main-entrance")
    # most severe first: errors keep their own spot, information moves aside
    rank = {SEVERITY_COLOURS[s]: i for i, s in enumerate(("error", "warning", "info"))}
    for (x, y), colour, run in sorted(groups, key=lambda g: (rank[g[1]], g[2][0])):
        probe = Marker(x, y, "finding-marker", tuple(run), colour)
        w, h = probe.extent(pt)
        cx, cy = place_box(index, (x, y), w, h, scene.view)
        moved = math.hypot(cx - x, cy - y) > 1e-9
        if moved:
            leader = shapely.linestrings([[x, y], [cx, cy]])
            scene.add_shape(Shape(leader, "leader", edge=colour, numbers=tuple(run)))
        scene.add_marker(
            Marker(cx, cy, "finding-marker", tuple(run), colour, anchor=(x, y) if moved else None)
        )


def _legend(scene: Scene, plan: Plan) -> None:
    i = 0 if scene.lang == "en" else 1
    entries = []
    for role in sorted(scene.roles() - {"zone"}, key=lambda r: (STYLES[r].z, r)):
        words = STYLES[role].legend
        if words is not None:
            entries.append(LegendEntry(role, words[i]))
    used: list[str] = []
    for z in plan.zones:
        if z.type not in used and z.type in ZONE_TYPES and z.type != "unknown":
            used.append(z.type)
    entries += [
        LegendEntry("zone", zone_name(t, scene.lang), ZONE_COLOURS.get(t, EXTRA_COLOUR))
        for t in used
    ]
    scene.legend = entries
