"""What to draw (the frontend): a Scene of plain primitives made from a Report and its Plan.

The backend (``mpl.py``) knows how to draw; tests read the Scene instead of comparing pixels,
as ezdxf's drawing add-on does with its recording backend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import shapely
from shapely.geometry.base import BaseGeometry

from ..findings import Finding, Report
from ..model import Plan
from ..vocab import LEVELS, ZONE_TYPES, zone_type

__all__ = ["Scene", "Shape", "Label", "Marker", "build_scene", "ZONE_COLOURS", "SEVERITY_COLOURS"]

# One palette for zone types, used by every picture floorcheck makes.
ZONE_COLOURS: dict[str, str] = {
    "consultation": "#8dd3c7",
    "acceptance": "#80b1d3",
    "waiting": "#ffffb3",
    "back_office": "#bebada",
    "self_declaration": "#b3de69",
    "self_service": "#ccebc5",
    "self_service_24h": "#a6d854",
    "material_circulation": "#d9d9d9",
    "certificate_issue": "#fdb462",
    "exhibition": "#fccde5",
    "mother_baby": "#f4a6c6",
    "accessible_toilet": "#9ecae1",
    "toilet": "#c6dbef",
    "entrance_hall": "#fff2ae",
    "corridor": "#f2f2f2",
    "staff_corridor": "#e0e0e0",
    "locker_male": "#b3cde3",
    "locker_female": "#decbe4",
    "locker": "#cbd5e8",
    "equipment": "#bdbdbd",
    "unknown": "#ffffff",
}
EXTRA_COLOUR = "#e6f5c9"
SEVERITY_COLOURS = {"error": "#d62728", "warning": "#ff7f0e", "info": "#1f77b4"}


@dataclass(frozen=True)
class Shape:
    """A polygon or line to draw; ``role`` says what it is (zone, wall, finding, route …)."""

    geometry: BaseGeometry
    role: str
    face: str | None = None
    edge: str = "#000000"
    width: float = 0.5
    alpha: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    role: str
    size: float = 7.0
    colour: str = "#000000"


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    role: str
    number: int | None = None
    colour: str = "#000000"
    symbol: str = "o"
    angle_deg: float = 0.0


@dataclass
class Scene:
    title: list[str] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, text)
    findings: list[tuple[int, Finding]] = field(default_factory=list)  # numbered, as on the plan
    bounds: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)
    verdict: str = ""
    lang: str = "en"

    def roles(self) -> set[str]:
        return (
            {s.role for s in self.shapes}
            | {m.role for m in self.markers}
            | {lb.role for lb in self.labels}
        )


_WORDS = {
    "en": {
        "level": "Level",
        "errors": "errors",
        "warnings": "warnings",
        "pass": "PASS",
        "fail": "FAIL",
        "area": "usable area",
    },
    "zh": {
        "level": "级别",
        "errors": "错误",
        "warnings": "警告",
        "pass": "通过",
        "fail": "不通过",
        "area": "使用面积",
    },
}


def zone_name(type_id: str, lang: str) -> str:
    zt = zone_type(type_id)
    return zt.zh if lang == "zh" else f"{zt.zh} {zt.en}"


def build_scene(report: Report, lang: str = "en", fail_on: str = "error") -> Scene:
    """Everything the annotated plan shows, in drawing coordinates (metres)."""
    plan: Plan | None = report.plan
    if plan is None:
        raise ValueError(
            "this report was read back from JSON and has no plan to draw; check the DXF again"
        )
    words = _WORDS[lang]
    scene = Scene(lang=lang)
    level = LEVELS.get(report.level or "")
    verdict = words["fail"] if report.fails(fail_on) else words["pass"]  # type: ignore[arg-type]
    scene.verdict = verdict
    scene.title = [
        f"floorcheck — {report.title}",
        f"{words['level']}: {level.zh if level else '-'} ({report.level or '-'}) · {words['area']} "
        f"{report.hall.get('usable_area_m2', 0):.1f} m² · {date.today().isoformat()}",
        f"{verdict}: {report.count('error')} {words['errors']}, {report.count('warning')} {words['warnings']}",
    ]
    geoms = [z.geometry for z in plan.zones] + list(plan.walls)
    if plan.hall_outline is not None:
        geoms.append(plan.hall_outline)
    if geoms:
        scene.bounds = tuple(shapely.total_bounds(geoms).tolist())  # type: ignore[assignment]
    if plan.hall_outline is not None:
        scene.shapes.append(Shape(plan.hall_outline, "hall", None, "#555555", 1.2))
    used_types: list[str] = []
    failing = {z for f in report.findings if f.severity != "info" for z in f.zones}
    for z in plan.zones:
        colour = ZONE_COLOURS.get(z.type, EXTRA_COLOUR)
        scene.shapes.append(
            Shape(
                z.geometry,
                "zone",
                colour,
                "#d62728" if z.id in failing else "#666666",
                1.6 if z.id in failing else 0.4,
                0.85,
            )
        )
        c = z.geometry.representative_point()
        name = zone_type(z.type).zh if z.type != "unknown" else (z.label or "?")
        scene.labels.append(Label(c.x, c.y, f"{name}\n{z.area_m2:.1f} m²", "zone-label", 6.5))
        if z.type not in used_types:
            used_types.append(z.type)
    scene.legend = [
        (ZONE_COLOURS.get(t, EXTRA_COLOUR), zone_name(t, lang))
        for t in used_types
        if t in ZONE_TYPES
    ]
    for w in plan.walls:
        scene.shapes.append(Shape(w, "wall", None, "#222222", 0.9))
    for o in plan.obstacles:
        scene.shapes.append(Shape(o.geometry, "obstacle", "#9e9e9e", "#616161", 0.3, 0.8))
    for d in plan.doors:
        a = math.radians(d.angle_deg)
        dx, dy = math.cos(a) * d.width_m / 2, math.sin(a) * d.width_m / 2
        x, y = d.position
        line = shapely.linestrings([[x - dx, y - dy], [x + dx, y + dy]])
        scene.shapes.append(
            Shape(line, "door", None, "#2ca02c" if not d.staff_only else "#8c564b", 2.5)
        )
        if d.main:
            scene.markers.append(Marker(x, y, "main-entrance", colour="#2ca02c", symbol="^"))
    for w in plan.windows:
        scene.markers.append(
            Marker(
                w.position[0],
                w.position[1],
                "window",
                colour="#1f4e79",
                symbol="s",
                angle_deg=w.facing_deg,
            )
        )
    views = None
    if plan.cameras:
        from ..geometry.hall import hall_geometry
        from ..geometry.visibility import Views

        floor = hall_geometry(plan)
        # the views the check already computed, if it did; the same polygons otherwise
        seen = report.analysis.views if report.analysis is not None else Views(plan)
        views = {
            k: v.intersection(floor) if floor is not None else v for k, v in seen.polygons.items()
        }
    for cam in plan.cameras:
        scene.markers.append(
            Marker(
                cam.position[0], cam.position[1], f"camera-{cam.kind}", colour="#6a3d9a", symbol="D"
            )
        )
        if views is not None:
            scene.shapes.append(
                Shape(views[cam.id], "camera-view", "#6a3d9a", "#6a3d9a", 0.2, 0.06)
            )
    number = 0
    for f in report.findings:
        if f.severity == "info" and f.rule != "FC505":
            continue
        colour = SEVERITY_COLOURS[f.severity]
        if f.geometry is not None and not f.geometry.is_empty:
            role = (
                "route" if f.rule == "FC505" else ("blind-spot" if f.rule == "FC703" else "finding")
            )
            face = colour if f.geometry.geom_type.endswith("Polygon") and role != "route" else None
            scene.shapes.append(
                Shape(
                    f.geometry,
                    role,
                    face,
                    colour,
                    1.4 if role != "route" else 0.8,
                    0.35,
                    role == "route",
                )
            )
        if f.severity == "info":
            continue
        number += 1
        scene.findings.append((number, f))
        if f.location is not None:
            scene.markers.append(Marker(f.location[0], f.location[1], "finding", number, colour))
    return scene
