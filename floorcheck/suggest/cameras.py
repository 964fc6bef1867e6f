"""Where to add cameras so that FC701–FC704 pass.

1. The camera rules are run on the plan; what fails says what is needed: a fixed camera of its
   own for each window FC701 names, one PTZ camera when FC702 asks for it, the blind spots of
   FC703 covered (every public zone when no camera is drawn at all).
2. Candidates: mounting points along every wall, column and the hall's outline (``offset_m``
   off the face, every ``spacing_m`` and at every corner), and for a window's camera also the
   ceiling in front of its counter. From each point one visibility polygon (360°, the PTZ
   range, walls and columns blocking sight: :mod:`floorcheck.geometry.visibility`) gives every
   camera there — the PTZ view is the polygon, a fixed camera looking at θ is the polygon
   within the FOV sector round θ and its shorter range (``directions`` per point). A candidate
   whose view reaches into a toilet, the 母婴室 or a locker room (FC704) is dropped.
3. Elements: sample points of the blind floor on a ``cell_m`` grid (plus one in every piece
   too thin for the grid), one per window needing a camera, one for the PTZ camera. Each
   candidate covers the elements its view holds; a window's element only by a fixed camera
   that sees its staff and its visitor point (a pair of facing windows by one that sees all
   four).
4. The fewest candidates covering every element: an exact set cover by HiGHS, checked against the
   greedy cover (:mod:`floorcheck.suggest.cover`, which says why and what the bounds are).
5. The chosen cameras are added to the plan and FC701–FC704 run again. Where a sliver of blind
   floor between the samples is left, its points join the elements and the cover is solved
   again (``rounds`` times at most). What still fails is reported, never hidden.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..config import Config
from ..engine import check as engine_check
from ..findings import Report
from ..geometry.hall import hall_geometry
from ..geometry.visibility import visibility_polygon, wall_segments
from ..model import Camera, Plan, Window
from ..vocab import PRIVATE_ZONE_TYPES
from .cover import CoverResult, Incidence, solve_cover

__all__ = [
    "CAMERA_RULES",
    "SuggestOptions",
    "ProposedCamera",
    "CameraSuggestions",
    "suggest_cameras",
    "candidate_views",
]

CAMERA_RULES = ("FC701", "FC702", "FC703", "FC704")
_FIXED = Camera("_", "fixed", (0.0, 0.0))
_PTZ = Camera("_", "ptz", (0.0, 0.0))
# Sector and range kept a hair inside the camera's own so that a sample counted as seen is seen
# by the rule's polygon too (its range arc is a chord of 1° steps).
_ANGLE_MARGIN_DEG = 0.5
_RANGE_MARGIN_M = 0.05
_TIE_BREAK = 1e-3  # cost = 1 + tie-break · (1 − share of what the best candidate covers)


@dataclass(frozen=True)
class SuggestOptions:
    """How candidates are made and how long the solver may take."""

    spacing_m: float = 1.0  # mounting points along walls, columns and the outline
    offset_m: float = 0.2  # from the wall face
    max_mounts: int = 1500  # the spacing grows on large plans to stay below this
    directions: int = 12  # directions tried per point for a fixed camera
    cell_m: float = 1.0  # grid of sample points on the blind floor (finer where floor is left)
    max_cells: int = 12000  # the grid coarsens on large plans to stay below this
    time_limit_s: float = 10.0  # for HiGHS
    rounds: int = 4  # re-solves with the leftover blind floor added
    privacy_margin_m2: float = 0.02  # a candidate may graze a private room by this much at most


@dataclass(frozen=True)
class ProposedCamera:
    """One camera to add: where, looking where, and what it is for."""

    id: str
    kind: str  # "fixed" | "ptz"
    position: tuple[float, float]
    direction_deg: float
    fov_deg: float
    range_m: float
    mount: str  # "wall" | "column" | "ceiling"
    windows: tuple[str, ...] = ()  # FC701: the windows it is the camera of
    covers_m2: float = 0.0  # FC703: blind floor it sees (in the plan before any is added)
    zones: tuple[str, ...] = ()  # zones whose blind floor it sees
    for_ptz: bool = False  # FC702: it is the PTZ camera the rule asks for

    def camera(self) -> Camera:
        kind: Literal["fixed", "ptz"] = "ptz" if self.kind == "ptz" else "fixed"
        return Camera(self.id, kind, self.position, self.direction_deg, self.fov_deg, self.range_m)

    @property
    def rules(self) -> tuple[str, ...]:
        out = []
        if self.windows:
            out.append("FC701")
        if self.for_ptz:
            out.append("FC702")
        if self.covers_m2 > 0:
            out.append("FC703")
        return tuple(out)

    def describe(self, lang: str = "en") -> str:
        x, y = self.position
        what = []
        if lang == "zh":
            kind = "定点摄像头(枪机)" if self.kind == "fixed" else "动点摄像头(球机)"
            mount = {"wall": "墙面", "column": "柱面", "ceiling": "吊顶"}[self.mount]
            if self.windows:
                what.append(f"窗口 {', '.join(self.windows)} 的专属摄像头")
            if self.for_ptz:
                what.append("动点摄像头")
            if self.covers_m2 > 0:
                what.append(f"覆盖盲区 {self.covers_m2:.1f} m²（{', '.join(self.zones)}）")
            return (
                f"{self.id} {kind} 装于{mount} ({x:.2f}, {y:.2f})，朝向 {self.direction_deg:.0f}°，"
                f"视角 {self.fov_deg:.0f}°，距离 {self.range_m:.0f} m：{'；'.join(what)}"
            )
        if self.windows:
            what.append(f"own camera of window {', '.join(self.windows)}")
        if self.for_ptz:
            what.append("the PTZ camera")
        if self.covers_m2 > 0:
            what.append(f"sees {self.covers_m2:.1f} m² of blind floor ({', '.join(self.zones)})")
        return (
            f"{self.id} {self.kind} on the {self.mount} at ({x:.2f}, {y:.2f}) looking "
            f"{self.direction_deg:.0f}°, FOV {self.fov_deg:.0f}°, range {self.range_m:.0f} m: "
            + "; ".join(what)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "position": [round(self.position[0], 3), round(self.position[1], 3)],
            "direction_deg": round(self.direction_deg, 1),
            "fov_deg": self.fov_deg,
            "range_m": self.range_m,
            "mount": self.mount,
            "windows": list(self.windows),
            "covers_m2": round(self.covers_m2, 2),
            "zones": list(self.zones),
            "rules": list(self.rules),
        }


@dataclass
class CameraSuggestions:
    """The proposal, the bound that comes with it, and what the rules say once it is applied."""

    cameras: list[ProposedCamera]
    failing_before: list[str]  # camera rules failing on the plan as drawn
    failing_after: list[str]  # … with the proposed cameras added
    method: str = "none"  # "ilp" | "greedy" | "none" (nothing to add)
    optimal: bool = True
    lower_bound: int = 0  # no choice among the candidates needs fewer cameras
    greedy_count: int = 0
    greedy_factor: float = 0.0
    candidates: int = 0
    blind_before_m2: float = 0.0
    blind_after_m2: float = 0.0
    unreachable_m2: float = 0.0  # blind floor no candidate sees
    windows_without_candidate: list[str] = field(default_factory=list)
    privacy: list[str] = field(default_factory=list)  # FC704 findings of drawn cameras
    seconds: float = 0.0
    rounds: int = 0
    # camera rules that could not run on the plan (with the proposal), and why
    not_run: dict[str, str] = field(default_factory=dict)

    @property
    def ran(self) -> list[str]:
        return [code for code in CAMERA_RULES if code not in self.not_run]

    @property
    def passes(self) -> bool:
        return not self.failing_after

    @property
    def bound(self) -> str:
        if self.method == "none":
            return "no camera needs to be added"
        if self.optimal:
            return (
                f"{len(self.cameras)} is the fewest: no choice of fewer among the "
                f"{self.candidates} candidate cameras sees every sample of the blind floor and "
                "gives every window its camera (exact set cover, HiGHS)"
            )
        return (
            f"at most {len(self.cameras) - self.lower_bound} more than the fewest: no choice "
            f"among the {self.candidates} candidates has fewer than {self.lower_bound} "
            f"(greedy bound: {len(self.cameras)} ≤ H(Δ) = {self.greedy_factor:.2f} × the fewest)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "proposed": [c.to_dict() for c in self.cameras],
            "count": len(self.cameras),
            "method": self.method,
            "optimal": self.optimal,
            "lower_bound": self.lower_bound,
            "greedy_count": self.greedy_count,
            "greedy_factor": round(self.greedy_factor, 3),
            "bound": self.bound,
            "candidates": self.candidates,
            "failing_before": list(self.failing_before),
            "failing_after": list(self.failing_after),
            "passes": self.passes,
            "blind_before_m2": round(self.blind_before_m2, 2),
            "blind_after_m2": round(self.blind_after_m2, 2),
            "unreachable_m2": round(self.unreachable_m2, 2),
            "windows_without_candidate": list(self.windows_without_candidate),
            "privacy": list(self.privacy),
            "not_run": dict(self.not_run),
            "seconds": round(self.seconds, 2),
        }

    def text(self, lang: str = "en") -> str:
        lines = [c.describe(lang) for c in self.cameras]
        if lang == "zh":
            head = f"建议增设 {len(self.cameras)} 个摄像头" if self.cameras else "无需增设摄像头"
            tail = (
                f"{'增设后 ' if self.cameras else ''}{_rule_span(self.ran)} 全部通过"
                if self.passes
                else f"增设后仍不通过：{', '.join(self.failing_after)}"
            )
            bound = (
                f"在 {self.candidates} 个候选位置中已是最少（HiGHS 精确求解）"
                if self.optimal
                else f"最多比最少方案多 {len(self.cameras) - self.lower_bound} 个（下界 {self.lower_bound}）"
            )
            lines = [head + ("：" if lines else ""), *("  " + x for x in lines)]
            if self.cameras:
                lines.append(bound)
        else:
            head = (
                f"{len(self.cameras)} camera(s) to add"
                if self.cameras
                else "no camera needs to be added"
            )
            tail = (
                f"{'with them ' if self.cameras else ''}{_rule_span(self.ran)} pass"
                if self.passes
                else f"still failing with them: {', '.join(self.failing_after)}"
            )
            lines = [head + (":" if lines else ""), *("  " + x for x in lines)]
            if self.cameras:
                lines.append(self.bound)
        if self.unreachable_m2 > 0:
            lines.append(
                f"{self.unreachable_m2:.1f} m² of blind floor is seen from no mounting point"
                if lang != "zh"
                else f"{self.unreachable_m2:.1f} m² 盲区无任何安装位置可见"
            )
        for w in self.windows_without_candidate:
            lines.append(
                f"window {w}: no mounting point sees both its staff and its visitor point"
                if lang != "zh"
                else f"窗口 {w}：无安装位置能同时拍到工作人员和办事群众"
            )
        lines.extend(self.privacy)
        for code, why in self.not_run.items():
            lines.append(f"{code} {'未运行' if lang == 'zh' else 'not run'}: {why}")
        if self.ran or not self.passes:
            lines.append(tail)
        return "\n".join(lines) + "\n"


def _rule_span(codes: list[str]) -> str:
    return "FC701–FC704" if list(codes) == list(CAMERA_RULES) else ", ".join(codes)


# -- what the rules ask for ----------------------------------------------------------------------


def _option(config: Config, code: str, name: str) -> Any:
    from ..rules import RULES

    default = next(o.default for o in RULES[code].options if o.name == name)
    return config.rule_options.get(code, {}).get(name, default)


def _camera_check(plan: Plan, config: Config) -> Report:
    return engine_check(plan, config=config.updated(select=CAMERA_RULES, ignore=None))


def _not_run(report: Report) -> dict[str, str]:
    return {s["rule"]: s["reason"] for s in report.skipped if s["rule"] in CAMERA_RULES}


def _failing(report: Report) -> list[str]:
    return sorted({f.rule for f in report.findings if f.rule in CAMERA_RULES})


def _public_targets(plan: Plan) -> list[BaseGeometry]:
    return [
        z.geometry
        for z in plan.zones
        if z.public and z.type not in PRIVATE_ZONE_TYPES | {"hall", "unknown"}
    ]


def _blind_pieces(plan: Plan, report: Report, config: Config) -> list[tuple[str, BaseGeometry]]:
    """(zone id, blind piece) that FC703 reports, or every public zone when no camera is drawn
    (FC703 is skipped then) and together they exceed the rule's tolerance."""
    if plan.cameras:
        return [
            (f.zones[0] if f.zones else "", f.geometry)
            for f in report.findings
            if f.rule == "FC703" and f.geometry is not None and not f.geometry.is_empty
        ]
    zones = [
        z for z in plan.zones if z.public and z.type not in PRIVATE_ZONE_TYPES | {"hall", "unknown"}
    ]
    if sum(z.area_m2 for z in zones) <= _option(config, "FC703", "tolerance_m2"):
        return []
    return [(z.id, z.geometry) for z in zones]


def _windows_needing(plan: Plan, report: Report) -> list[Window]:
    comprehensive = [w for w in plan.windows if w.comprehensive]
    if not plan.cameras:
        return comprehensive
    at = {(round(w.position[0], 3), round(w.position[1], 3)): w for w in comprehensive}
    out = []
    for f in report.findings:
        if f.rule == "FC701" and f.location is not None:
            w = at.get((round(f.location[0], 3), round(f.location[1], 3)))
            if w is not None and w not in out:
                out.append(w)
    return out


def _facing(a: Window, b: Window) -> bool:
    turn = abs((a.facing_deg - b.facing_deg + 180) % 360 - 180)
    return turn >= 150 and Point(a.position).distance(Point(b.position)) <= 4.0


# -- candidates ----------------------------------------------------------------------------------


@dataclass
class _Mount:
    xy: np.ndarray  # (n, 2)
    kind: list[str]  # "wall" | "column" | "ceiling"
    vis: list[Polygon | None]  # 360° visibility at the PTZ range
    normal: np.ndarray  # degrees, away from the face it is mounted on (NaN on the ceiling)


def _mount_points(plan: Plan, floor: BaseGeometry, opts: SuggestOptions) -> _Mount:
    columns = [o.geometry for o in plan.obstacles if o.kind in ("column", "wall")]
    blockers = list(plan.walls) + columns
    if floor is not None and not floor.is_empty:
        blockers.append(floor.boundary)
    if not blockers:
        return _Mount(np.zeros((0, 2)), [], [], np.zeros(0))
    thick = shapely.union_all(
        shapely.buffer(
            np.asarray(blockers, dtype=object),
            opts.offset_m,
            cap_style="square",
            join_style="mitre",
        )
    )
    ring = thick.boundary
    length = float(ring.length)
    spacing = max(opts.spacing_m, length / max(opts.max_mounts, 1))
    xy = shapely.get_coordinates(shapely.segmentize(ring, spacing))
    if not len(xy):
        return _Mount(np.zeros((0, 2)), [], [], np.zeros(0))
    xy = np.unique(np.round(xy, 3), axis=0)
    keep = (
        shapely.contains_xy(floor, xy[:, 0], xy[:, 1])
        if floor is not None
        else np.ones(len(xy), bool)
    )
    private = [z.geometry for z in plan.zones if z.type in PRIVATE_ZONE_TYPES]
    if private:
        keep &= ~shapely.contains_xy(
            shapely.union_all(private).buffer(opts.offset_m), xy[:, 0], xy[:, 1]
        )
    xy = _thinned(xy[keep], opts.spacing_m, opts.max_mounts)
    kind = ["wall"] * len(xy)
    if columns and len(xy):
        near = shapely.dwithin(shapely.union_all(columns), shapely.points(xy), opts.offset_m * 1.5)
        kind = ["column" if n else "wall" for n in np.atleast_1d(near)]
    # the direction straight away from the nearest face: a fixed camera whose field of view
    # has one edge along the wall sees the floor beside it, and nothing through a door in it
    normal = np.full(len(xy), np.nan)
    if len(xy):
        faces = shapely.union_all(np.asarray(blockers, dtype=object))
        foot = shapely.get_coordinates(shapely.shortest_line(shapely.points(xy), faces))
        foot = foot.reshape(-1, 2, 2)[:, 1, :]
        normal = np.degrees(np.arctan2(xy[:, 1] - foot[:, 1], xy[:, 0] - foot[:, 0]))
    return _Mount(xy, kind, [None] * len(xy), normal)


def _thinned(xy: np.ndarray, spacing: float, most: int) -> np.ndarray:
    """At most ``most`` points, one per grid square, the square growing until they fit (many
    short walls give many corners)."""
    cell = spacing
    while len(xy) > most:
        _, first = np.unique(np.floor(xy / cell).astype(np.int64), axis=0, return_index=True)
        if len(first) <= most:
            return xy[np.sort(first)]
        cell *= 1.25
    return xy


def _ceiling_points(
    windows: list[Window], floor: BaseGeometry, plan: Plan, opts: SuggestOptions
) -> tuple[np.ndarray, list[int]]:
    """Points on the ceiling in front of each window's counter (the guide's usual place)."""
    pts, owner = [], []
    private = [z.geometry for z in plan.zones if z.type in PRIVATE_ZONE_TYPES]
    ugly = shapely.union_all(private) if private else None
    for k, w in enumerate(windows):
        a = math.radians(w.facing_deg)
        for d in (1.5, 2.5, 3.5):
            for lateral in (0.0, -1.0, 1.0):
                x = w.position[0] + d * math.cos(a) - lateral * math.sin(a)
                y = w.position[1] + d * math.sin(a) + lateral * math.cos(a)
                if floor is not None and not floor.contains(Point(x, y)):
                    continue
                if ugly is not None and ugly.distance(Point(x, y)) < opts.offset_m:
                    continue
                pts.append((x, y))
                owner.append(k)
    return np.array(pts, dtype=float).reshape(-1, 2), owner


def _sector(xy: tuple[float, float], direction: float, fov: float, r: float) -> Polygon:
    a = np.radians(np.linspace(direction - fov / 2, direction + fov / 2, 48))
    ring = np.vstack([[xy], np.column_stack([xy[0] + r * np.cos(a), xy[1] + r * np.sin(a)])])
    return Polygon(ring)


def _angle_diff(a: np.ndarray, b: float) -> np.ndarray:
    return np.abs((a - b + 180.0) % 360.0 - 180.0)


@dataclass
class _Candidate:
    kind: str
    mount_index: int
    direction: float
    cells: np.ndarray  # indices into the sample points
    windows: tuple[int, ...] = ()  # indices into the windows needing a camera
    ptz: bool = False


@dataclass
class _Problem:
    plan: Plan
    config: Config
    opts: SuggestOptions
    floor: BaseGeometry
    segments: np.ndarray
    seg_tree: shapely.STRtree | None
    private: BaseGeometry | None
    mounts: _Mount
    windows: list[Window]
    need_ptz: bool
    pieces: list[tuple[str, BaseGeometry]]
    cells: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    cell_zone: list[str] = field(default_factory=list)
    cell_area: np.ndarray = field(default_factory=lambda: np.zeros(0))
    candidates: list[_Candidate] = field(default_factory=list)
    window_pts: np.ndarray = field(default_factory=lambda: np.zeros((0, 2, 2)))
    private_seen: dict[int, tuple[Any, Any]] = field(default_factory=dict)
    private_dir: dict[tuple[int, float], bool] = field(default_factory=dict)

    # geometry of one mounting point
    def vis(self, i: int) -> Polygon:
        v = self.mounts.vis[i]
        if v is None:
            x, y = self.mounts.xy[i]
            segs = self.segments
            if self.seg_tree is not None:
                hits = self.seg_tree.query(Point(x, y).buffer(_PTZ.range_m or 30.0))
                segs = self.segments[np.sort(hits)]
            v = visibility_polygon((x, y), 0.0, 360.0, _PTZ.range_m or 30.0, segs, step_deg=2.0)
            self.mounts.vis[i] = v
        return v

    def fixed_view(self, i: int, direction: float) -> BaseGeometry:
        xy = (float(self.mounts.xy[i][0]), float(self.mounts.xy[i][1]))
        return self.vis(i).intersection(
            _sector(xy, direction, _FIXED.fov_deg or 90.0, _FIXED.range_m or 15.0)
        )

    def private_ok(self, i: int, direction: float | None) -> bool:
        """Whether a camera at mounting point ``i`` (PTZ: ``direction`` None) keeps out of the
        private rooms."""
        if self.private is None:
            return True
        if i not in self.private_seen:
            v = self.vis(i)
            seen = v.intersection(self.private) if v.intersects(self.private) else None
            if seen is not None and seen.area <= self.opts.privacy_margin_m2:
                seen = None
            span = None
            if seen is not None:
                # the angles under which the private floor is seen, relative to their mean
                mx, my = self.mounts.xy[i]
                xy = shapely.get_coordinates(seen)
                a = np.degrees(np.arctan2(xy[:, 1] - my, xy[:, 0] - mx))
                ref = math.degrees(
                    math.atan2(np.sin(np.radians(a)).mean(), np.cos(np.radians(a)).mean())
                )
                rel = (a - ref + 180.0) % 360.0 - 180.0
                span = (ref, float(rel.min()), float(rel.max()))
            self.private_seen[i] = (seen, span)
        seen, span = self.private_seen[i]
        if seen is None:
            return True
        if direction is None:
            return False
        key = (i, round(direction, 3))
        hit = self.private_dir.get(key)
        if hit is None:
            half = (_FIXED.fov_deg or 90.0) / 2 + 1.0
            ref, lo, hi = span
            mid = (direction - ref + 180.0) % 360.0 - 180.0
            if hi - lo < 180.0 and (mid + half < lo or mid - half > hi):
                hit = True  # the private floor lies outside the field of view
            else:
                at = (float(self.mounts.xy[i][0]), float(self.mounts.xy[i][1]))
                sector = _sector(at, direction, _FIXED.fov_deg or 90.0, _FIXED.range_m or 15.0)
                hit = bool(seen.intersection(sector).area <= self.opts.privacy_margin_m2)
            self.private_dir[key] = hit
        return hit


def _cells_of(pieces: list[tuple[str, BaseGeometry]], opts: SuggestOptions):
    """Sample points of the blind floor: a grid, and a point in every piece the grid misses."""
    if not pieces:
        return np.zeros((0, 2)), [], np.zeros(0)
    total = sum(g.area for _, g in pieces)
    step = max(opts.cell_m, math.sqrt(total / max(opts.max_cells, 1)))
    pts, zone, area = [], [], []
    for zid, g in pieces:
        x0, y0, x1, y1 = g.bounds
        gx = np.arange(x0 + step / 2, x1, step)
        gy = np.arange(y0 + step / 2, y1, step)
        if len(gx) and len(gy):
            xx, yy = np.meshgrid(gx, gy)
            xs, ys = xx.ravel(), yy.ravel()
            inside = shapely.contains_xy(g, xs, ys)
            xs, ys = xs[inside], ys[inside]
        else:
            xs = ys = np.zeros(0)
        for part in shapely.get_parts(g):
            if not len(xs) or not shapely.contains_xy(part, xs, ys).any():
                p = part.representative_point()
                xs, ys = np.append(xs, p.x), np.append(ys, p.y)
        n = len(xs)
        if n:
            pts.append(np.column_stack([xs, ys]))
            zone.extend([zid] * n)
            area.extend([g.area / n] * n)
    return np.vstack(pts), zone, np.asarray(area)


_FIXED_R = (_FIXED.range_m or 15.0) - _RANGE_MARGIN_M
_HALF = (_FIXED.fov_deg or 90.0) / 2 - _ANGLE_MARGIN_DEG
_PTZ_R = (_PTZ.range_m or 30.0) - _RANGE_MARGIN_M


def _points(xy: np.ndarray) -> np.ndarray:
    return cast(np.ndarray, shapely.points(xy))


def _relevant_mounts(prob: _Problem) -> tuple[np.ndarray, bool]:
    """Mounting points near a sample or a window (all of them when only the PTZ camera is
    asked for: then the second value is True)."""
    xy = prob.mounts.xy
    relevant = np.zeros(len(xy), dtype=bool)
    if not len(xy):
        return relevant, False
    tree = shapely.STRtree(_points(xy))
    flat_w = prob.window_pts.reshape(-1, 2)
    for pts, reach in ((prob.cells, _PTZ_R), (flat_w, _FIXED_R)):
        if len(pts):
            hit = tree.query(_points(pts), predicate="dwithin", distance=reach)[1]
            relevant[np.unique(hit)] = True
    if prob.need_ptz and not relevant.any():
        relevant[:] = True
        return relevant, True
    return relevant, False


@dataclass
class _Seen:
    """What one mounting point sees: sample indices with their distance and bearing, and
    whether each window's two points are in its view and range (with their bearings)."""

    cells: np.ndarray
    dist: np.ndarray
    ang: np.ndarray
    w_inside: np.ndarray  # (windows, 2) both in the polygon and within the fixed range
    w_ang: np.ndarray  # (windows, 2)


def _seen_from(prob: _Problem, i: int, cell_tree: shapely.STRtree | None) -> _Seen:
    mx, my = prob.mounts.xy[i]
    v = prob.vis(i)
    seen = (
        np.asarray(cell_tree.query(v, predicate="contains"), dtype=np.int64)
        if cell_tree is not None
        else np.zeros(0, dtype=np.int64)
    )
    dx, dy = prob.cells[seen, 0] - mx, prob.cells[seen, 1] - my
    wpts = prob.window_pts
    flat_w = wpts.reshape(-1, 2)
    inside = np.zeros((len(wpts), 2), dtype=bool)
    if len(flat_w):
        inside = np.asarray(shapely.contains_xy(v, flat_w[:, 0], flat_w[:, 1])).reshape(-1, 2)
        inside &= np.hypot(wpts[:, :, 0] - mx, wpts[:, :, 1] - my) <= _FIXED_R
    w_ang = np.degrees(np.arctan2(wpts[:, :, 1] - my, wpts[:, :, 0] - mx))
    return _Seen(seen, np.hypot(dx, dy), np.degrees(np.arctan2(dy, dx)), inside, w_ang)


def _aims(prob: _Problem, i: int, seen: _Seen) -> list[tuple[float, tuple[int, ...]]]:
    """Directions to try for a fixed camera at mounting point ``i``: the fan, the wall-aligned
    ones, and one aimed at each window whose two points fit in the field of view."""
    aims: list[tuple[float, tuple[int, ...]]] = []
    if prob.mounts.kind[i] != "ceiling":
        fan = np.arange(prob.opts.directions) * 360.0 / prob.opts.directions
        aims.extend((float(d), ()) for d in fan)
        n = float(prob.mounts.normal[i])
        if math.isfinite(n):
            edge = (_FIXED.fov_deg or 90.0) / 2 - 90.0 + _ANGLE_MARGIN_DEG
            aims.extend(((n + t) % 360.0, ()) for t in (0.0, edge, -edge, 22.5, -22.5))
    for k in np.flatnonzero(seen.w_inside.all(axis=1)):
        a = seen.w_ang[k]
        if _angle_diff(a[0:1], float(a[1]))[0] > 2 * _HALF:
            continue
        mid = math.degrees(math.atan2(np.sin(np.radians(a)).sum(), np.cos(np.radians(a)).sum()))
        aims.append((mid, (int(k),)))
    return aims


def _fixed_candidates(
    prob: _Problem, i: int, seen: _Seen, direction: float, own: tuple[int, ...]
) -> list[_Candidate]:
    sees = seen.cells[(seen.dist <= _FIXED_R) & (_angle_diff(seen.ang, direction) <= _HALF)]
    # the windows this direction sees whole (both points in the sector and range)
    served = list(own)
    if not own and len(seen.w_inside):
        whole = seen.w_inside & (_angle_diff(seen.w_ang, direction) <= _HALF)
        served = [int(k) for k in np.flatnonzero(whole.all(axis=1))]
    if (not len(sees) and not served) or not prob.private_ok(i, direction):
        return []
    if not served:
        return [_Candidate("fixed", i, direction, sees)]
    # one camera is the own camera of one window, or of a pair facing each other
    out = [_Candidate("fixed", i, direction, sees, (k,)) for k in served]
    for a_i, k in enumerate(served):
        for m in served[a_i + 1 :]:
            if _facing(prob.windows[k], prob.windows[m]):
                out.append(_Candidate("fixed", i, direction, sees, (k, m)))
    return out


def _build_candidates(prob: _Problem) -> None:
    """Every camera worth considering, with the samples and windows it covers."""
    cell_tree = shapely.STRtree(_points(prob.cells)) if len(prob.cells) else None
    relevant, ptz_only = _relevant_mounts(prob)
    publics = _public_targets(prob.plan)
    public = shapely.union_all(publics) if publics else None
    for i in (int(k) for k in np.flatnonzero(relevant)):
        mx, my = prob.mounts.xy[i]
        if ptz_only and (public is None or not public.contains(Point(mx, my))):
            continue
        seen = _seen_from(prob, i, cell_tree)
        # PTZ: the whole polygon, on walls and columns only (the ceiling points serve windows)
        if (
            prob.mounts.kind[i] != "ceiling"
            and (len(seen.cells) or prob.need_ptz)
            and prob.private_ok(i, None)
        ):
            ptz_cells = seen.cells[seen.dist <= _PTZ_R]
            prob.candidates.append(_Candidate("ptz", i, 0.0, ptz_cells, ptz=prob.need_ptz))
        for direction, own in _aims(prob, i, seen):
            prob.candidates.extend(_fixed_candidates(prob, i, seen, direction, own))


def _add_cells(prob: _Problem, add: np.ndarray, zones: list[str]) -> None:
    """New samples (of blind floor the first ones missed): every candidate learns which of them
    it sees, from the views already computed."""
    first = len(prob.cells)
    prob.cells = np.vstack([prob.cells, add])
    prob.cell_zone = prob.cell_zone + zones
    prob.cell_area = np.concatenate([prob.cell_area, np.zeros(len(add))])
    by_mount: dict[int, list[_Candidate]] = {}
    for c in prob.candidates:
        by_mount.setdefault(c.mount_index, []).append(c)
    for i, cands in by_mount.items():
        mx, my = prob.mounts.xy[i]
        inside = shapely.contains_xy(prob.vis(i), add[:, 0], add[:, 1])
        dist = np.hypot(add[:, 0] - mx, add[:, 1] - my)
        ang = np.degrees(np.arctan2(add[:, 1] - my, add[:, 0] - mx))
        for c in cands:
            if c.kind == "ptz":
                hit = inside & (dist <= _PTZ_R)
            else:
                hit = inside & (dist <= _FIXED_R) & (_angle_diff(ang, c.direction) <= _HALF)
            if hit.any():
                c.cells = np.concatenate([c.cells, first + np.flatnonzero(hit)])


def _incidence(prob: _Problem) -> tuple[Incidence, int, np.ndarray]:
    """Elements: the samples some candidate sees, then one per window, then the PTZ camera."""
    n_cells = len(prob.cells)
    n_w = len(prob.windows)
    ptz_el = n_cells + n_w
    sets: list[np.ndarray] = []
    for c in prob.candidates:
        el = [c.cells, np.asarray(c.windows, dtype=np.int64) + n_cells]
        if c.ptz:
            el.append(np.array([ptz_el]))
        sets.append(np.unique(np.concatenate(el)).astype(np.int64))
    sizes = np.array([len(s) for s in sets], dtype=float)
    best = sizes.max() if len(sizes) else 1.0
    cost = 1.0 + _TIE_BREAK * (1.0 - sizes / max(best, 1.0))
    # variants of one pose (serving one window or another) exclude each other: two cameras in
    # one place looking one way would be one camera
    pose: dict[tuple[int, str, float], int] = {}
    groups = np.array(
        [
            pose.setdefault((c.mount_index, c.kind, round(c.direction % 360.0, 1)), len(pose))
            for c in prob.candidates
        ],
        dtype=np.int64,
    )
    inc = Incidence.from_sets(sets, cost, ptz_el + (1 if prob.need_ptz else 0), groups)
    seen = np.zeros(inc.n_elements, dtype=bool)
    if len(inc.indices):
        seen[inc.indices] = True
    return inc, n_cells, seen


def _prepare(
    plan: Plan, config: Config, opts: SuggestOptions, report: Report | None
) -> tuple[Report, _Problem | None, CameraSuggestions]:
    """Check the camera rules (unless ``report`` did), read what they ask for, and make the
    candidates; the problem is None when nothing needs adding."""
    if (
        report is None
        or report.plan is None
        or not all(
            code in report.passed
            or code in {s["rule"] for s in report.skipped}
            or any(f.rule == code for f in report.findings)
            for code in CAMERA_RULES
        )
    ):
        report = _camera_check(plan, config)
    assert report.plan is not None
    plan = report.plan
    before = _failing(report)
    privacy = [f.message for f in report.findings if f.rule == "FC704"]
    windows = _windows_needing(plan, report)
    need_ptz = any(f.rule == "FC702" for f in report.findings)
    pieces = _blind_pieces(plan, report, config)
    if not plan.cameras and windows:
        before = sorted({*before, "FC701"})
    if not plan.cameras and pieces:
        before = sorted({*before, "FC703"})
    blind_before = float(sum(g.area for _, g in pieces))
    result = CameraSuggestions([], before, before, privacy=privacy, blind_before_m2=blind_before)
    if not windows and not need_ptz and not pieces:
        return report, None, result
    floor = hall_geometry(plan)
    segments = wall_segments(plan)
    seg_tree = (
        shapely.STRtree(cast(np.ndarray, shapely.linestrings(segments.reshape(-1, 2, 2))))
        if len(segments)
        else None
    )
    private_geoms = [z.geometry for z in plan.zones if z.type in PRIVATE_ZONE_TYPES]
    mounts = _mount_points(plan, floor, opts)
    ceiling, _owner = _ceiling_points(windows, floor, plan, opts)
    if len(ceiling):
        mounts = _Mount(
            np.vstack([mounts.xy, ceiling]),
            mounts.kind + ["ceiling"] * len(ceiling),
            mounts.vis + [None] * len(ceiling),
            np.concatenate([mounts.normal, np.full(len(ceiling), np.nan)]),
        )
    staff_off = _option(config, "FC701", "staff_offset_m")
    public_off = _option(config, "FC701", "public_offset_m")
    wpts = np.array(
        [[w.side_point("staff", staff_off), w.side_point("public", public_off)] for w in windows],
        dtype=float,
    ).reshape(-1, 2, 2)
    cells, cell_zone, cell_area = _cells_of(pieces, opts)
    prob = _Problem(
        plan,
        config,
        opts,
        floor,
        segments,
        seg_tree,
        shapely.union_all(private_geoms) if private_geoms else None,
        mounts,
        windows,
        need_ptz,
        pieces,
        cells,
        cell_zone,
        cell_area,
        window_pts=wpts,
    )
    _build_candidates(prob)
    return report, prob, result


def candidate_views(
    plan: Plan, *, config: Config | None = None, options: SuggestOptions | None = None
) -> tuple[list[tuple[Camera, BaseGeometry]], list[BaseGeometry]]:
    """Every candidate camera with its view, and the blind floor to cover: what the set cover
    chooses from (for tests that search all choices, and for looking at)."""
    config = config or Config()
    _, prob, _ = _prepare(plan, config, options or SuggestOptions(), None)
    if prob is None:
        return [], []
    out: list[tuple[Camera, BaseGeometry]] = []
    for k, c in enumerate(prob.candidates):
        xy = (float(prob.mounts.xy[c.mount_index][0]), float(prob.mounts.xy[c.mount_index][1]))
        if c.kind == "ptz":
            out.append((Camera(f"K{k}", "ptz", xy), prob.vis(c.mount_index)))
        else:
            view = prob.fixed_view(c.mount_index, c.direction)
            out.append((Camera(f"K{k}", "fixed", xy, c.direction % 360.0), view))
    return out, [g for _, g in prob.pieces]


def suggest_cameras(
    plan: Plan,
    level: str | None = None,
    *,
    config: Config | None = None,
    options: SuggestOptions | None = None,
    report: Report | None = None,
) -> CameraSuggestions:
    """Cameras to add to ``plan`` so that FC701–FC704 pass (see the module doc).

    ``report`` is a check of the same plan that ran the camera rules (its plan and findings are
    reused); without it the camera rules are run here.
    """
    t0 = time.perf_counter()
    config = config or Config()
    opts = options or SuggestOptions()
    if level is not None:
        config = config.updated(metadata={"level": level})
    report, prob, result = _prepare(plan, config, opts, report)
    if prob is None:
        result.not_run = _not_run(report)
        result.seconds = time.perf_counter() - t0
        return result
    plan = prob.plan
    chosen_plan = plan
    cover: CoverResult | None = None
    proposed: list[ProposedCamera] = []
    after_report = report
    for round_ in range(1, opts.rounds + 1):
        inc, n_cells, seen = _incidence(prob)
        cover = solve_cover(inc, opts.time_limit_s)
        proposed = _proposals(prob, cover)
        chosen_plan = plan.with_(cameras=plan.cameras + tuple(p.camera() for p in proposed))
        after_report = _camera_check(chosen_plan, config)
        result.rounds = round_
        left = [
            (f.zones[0] if f.zones else "", f.geometry)
            for f in after_report.findings
            if f.rule == "FC703" and f.geometry is not None
        ]
        if not left or round_ == opts.rounds:
            break
        # blind floor the samples missed: its own, finer samples join the problem (with no area
        # of their own: what a camera covers is counted on the first samples)
        add, add_zone, _ = _cells_of(left, SuggestOptions(cell_m=opts.cell_m / 4))
        if not len(add):
            break
        _add_cells(prob, add, add_zone)
    assert cover is not None
    inc, n_cells, seen = _incidence(prob)
    result.cameras = proposed
    result.failing_after = _failing(after_report)
    result.not_run = _not_run(after_report)
    result.method = cover.method
    result.optimal = cover.optimal
    result.lower_bound = cover.lower_bound
    result.greedy_count = cover.greedy_size
    result.greedy_factor = cover.greedy_factor
    result.candidates = len(prob.candidates)
    result.unreachable_m2 = float(prob.cell_area[~seen[:n_cells]].sum())
    result.blind_after_m2 = float(
        sum(f.geometry.area for f in after_report.findings if f.rule == "FC703" and f.geometry)
    )
    covered_w = {k for c in prob.candidates for k in c.windows}
    result.windows_without_candidate = [
        w.id for k, w in enumerate(prob.windows) if k not in covered_w
    ]
    result.seconds = time.perf_counter() - t0
    return result


def _proposals(prob: _Problem, cover: CoverResult) -> list[ProposedCamera]:
    """The chosen candidates as cameras, numbered S1, S2 … in reading order, each with the
    blind floor its view holds (of the plan as drawn) and the windows it serves."""
    chosen = [prob.candidates[j] for j in cover.chosen]
    served: set[int] = set()
    ptz_taken = False
    raw = []
    for c in chosen:
        x, y = (float(v) for v in prob.mounts.xy[c.mount_index])
        # a window two chosen cameras could serve is listed with the first
        windows = tuple(prob.windows[k].id for k in c.windows if k not in served)
        served.update(c.windows)
        view = (
            prob.vis(c.mount_index)
            if c.kind == "ptz"
            else prob.fixed_view(c.mount_index, c.direction)
        )
        area, zones = 0.0, []
        for zid, piece in prob.pieces:
            if view.intersects(piece):
                a = view.intersection(piece).area
                if a > 1e-3:
                    area += a
                    if zid and zid not in zones:
                        zones.append(zid)
        for_ptz = c.ptz and not ptz_taken
        ptz_taken = ptz_taken or for_ptz
        cam = _PTZ if c.kind == "ptz" else _FIXED
        raw.append(
            (
                (-round(y, 1), x),
                c.kind,
                (round(x, 3), round(y, 3)),
                round(c.direction % 360.0, 1) if c.kind == "fixed" else 0.0,
                float(cam.fov_deg or 0.0),
                float(cam.range_m or 0.0),
                prob.mounts.kind[c.mount_index],
                windows,
                area,
                tuple(sorted(zones, key=lambda z: (len(z), z))),
                for_ptz,
            )
        )
    raw.sort(key=lambda r: r[0])
    return [ProposedCamera(f"S{k}", *r[1:]) for k, r in enumerate(raw, 1)]
