"""FC5xx — accessible routes, doors and the accessible toilet (§七(一); GB 55019-2021, GB 50763-2012)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any, cast

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from ..findings import Finding
from ..model import Door
from ._fixes import Things
from .base import Basis, Message, Option, Rule, register

_ROUTE_BASIS = Basis(
    "GB 55019-2021 2.2.2",
    quote="无障碍通道的通行净宽不应小于1.20m，人员密集的公共场所的通行净宽不应小于1.80m",
    gloss="an accessible route is at least 1.20 m clear, 1.80 m in crowded public places",
)
_DOOR_BASIS = Basis(
    "GB 55019-2021 2.5.4",
    quote="新建和扩建建筑的门开启后的通行净宽不应小于900mm，既有建筑改造或改建的门开启后的通行净宽"
    "不应小于800mm",
    gloss="doors of new buildings open to at least 900 mm clear, of renovated ones 800 mm",
)
_AUTOMATIC_DOOR_BASIS = Basis(
    "GB 55019-2021 2.5.5",
    quote="自动门开启后的通行净宽不应小于1.00m",
    gloss="automatic doors open to at least 1.00 m clear",
)
_TOILET_BASIS = Basis(
    "GB 50763-2012 3.9.3",
    quote="面积不应小于4.00m²；内部应设直径不小于1.50m的轮椅回转空间",
    gloss="an accessible toilet has at least 4.00 m² and a 1.50 m wheelchair turning circle",
)

# Zones that FC504 checks by name; FC501 leaves them to it so one fault is reported once.
_FACILITIES = ("accessible_toilet", "mother_baby")


def _route_width(rule: Rule) -> float:
    width: float = rule.opts["crowded_route_width_m" if rule.ctx.meta.crowded else "route_width_m"]
    return width


def _route_option(rule: Rule) -> str:
    return "crowded_route_width_m" if rule.ctx.meta.crowded else "route_width_m"


def _main(rule: Rule) -> Door:
    door = rule.plan.main_entrance
    if door is None:
        raise rule.skip("no-main-entrance")
    return door


_WIDTH_OPTIONS = (
    Option(
        "route_width_m",
        1.2,
        "clear width of an accessible route (GB 55019-2021 2.2.2)",
        "无障碍通道的通行净宽（m）",
        basis=_ROUTE_BASIS,
    ),
    Option(
        "crowded_route_width_m",
        1.8,
        "route width in a crowded public place (--crowded)",
        "人员密集的公共场所的通行净宽（m，--crowded）",
        basis=_ROUTE_BASIS,
    ),
)


class _RouteRule(Rule):
    """Base of the rules that follow the wheelchair disc from the main entrance (FC501, FC504)."""

    basis = _ROUTE_BASIS
    messages = {
        "no-route": Message(
            en="no route at all leads from the main entrance {door} to {zone} ({zone_id}): walls "
            "or obstacles close it off, or its doors are staff-only",
            zh="从主入口 {door} 无法到达{zone}（{zone_id}）：墙体或障碍物阻断，或其门均为员工专用",
        ),
        "narrow": Message(
            en="the accessible route from the main entrance {door} to {zone} ({zone_id}) narrows "
            "to {width:w} at {at:xy}; a wheelchair route needs {need:w} clear",
            zh="从主入口 {door} 到{zone}（{zone_id}）的无障碍通道在 {at:xy} 处净宽仅 {width:w}；"
            "轮椅通行需净宽 {need:w}",
        ),
        "fix-narrow": Message(
            en="move the {thing} at {at:xy} {move:m} away from the route ({need:w} clear)",
            zh="将 {at:xy} 处的{thing}向通道外移动 {move:m}（净宽达到 {need:w}）",
        ),
    }
    skips = {
        "no-targets": Message(en="no zones of this kind in the plan", zh="图纸中没有此类功能区"),
    }

    def _unreached(self, type_filter: Callable[[str], bool]) -> Iterator[Finding]:
        door = _main(self)
        width = _route_width(self)
        limit = self.limit(_route_option(self))
        walkable = self.ctx.analysis.walkable
        targets = [z for z in walkable.public_zones if type_filter(z.type)]
        if not targets:
            raise self.skip("no-targets")
        things: Things | None = None
        for z in targets:
            if walkable.reaches(door, z, width):
                continue
            pinch = walkable.pinch(door, z, width)
            if pinch is None:
                yield self.report(
                    "no-route",
                    zones=(z.id,),
                    geometry=z.geometry,
                    measured=0.0,
                    limit=limit,
                    door=door.id,
                    zone=z.term,
                    zone_id=z.id,
                )
                continue
            things = things or Things(self.plan)
            yield self.report(
                "narrow",
                fix=self._fix(things, pinch.location, pinch.width_m, width),
                zones=(z.id,),
                location=pinch.location,
                measured=pinch.width_m,
                limit=limit,
                geometry=pinch.geometry,
                role="pinch",
                door=door.id,
                zone=z.term,
                zone_id=z.id,
                width=pinch.width_m,
                at=pinch.location,
                need=width,
            )

    def _fix(
        self, things: Things, at: tuple[float, float], width: float, need: float
    ) -> tuple[str, dict[str, object]] | None:
        """What narrows the route at ``at`` — an obstacle rather than a wall where one bounds the
        same gap (no farther than the gap is wide) — and how far to move it."""
        thing = things.nearest(at, prefer_movable_within=1.25 * width + 0.1)
        if thing is None or need - width <= 0:
            return None
        values = {"thing": thing.term, "at": thing.near(at)}
        return ("fix-narrow", {**values, "move": need - width, "need": need})


@register
class AccessibleRoute(_RouteRule):
    """An accessible route leads from the main entrance to every public zone.

    ## What it checks
    A wheelchair disc as wide as the route (`route_width_m`, 1.20 m; `crowded_route_width_m`,
    1.80 m, when the hall is configured as a crowded public place with `--crowded`) can travel
    from the main entrance into every public zone through the floor left between walls, columns
    and fixed furniture (counters, seat rows, kiosks). Doorways are judged by their clear width in
    FC502, not by the disc. Where it fails, the finding gives the pinch point: the widest disc
    that still gets through, and where the route narrows. Ordinary toilets are exempt; the
    accessible toilet and the mother-and-baby room are FC504's.

    ## Why
    §七(一): 「同时提供母婴室、无障碍通道、无障碍卫生间等便民设施」 — halls provide accessible
    routes. GB 55019-2021 2.2.2: 「无障碍通道的通行净宽不应小于1.20m，人员密集的公共场所的通行
    净宽不应小于1.80m」 — their clear width is 1.20 m, 1.80 m in crowded public places.

    ## Example
    Fails: a 1.5 m corridor narrowed by a column to 1.1 m.
    Passes: the same corridor with the column moved into the wall line (1.5 m clear).

    ## Options
    - `route_width_m` (default 1.2): clear width of an accessible route.
    - `crowded_route_width_m` (default 1.8): route width with `--crowded`.
    """

    code = "FC501"
    name = "accessible-route"
    severity = "error"
    clause = "§七(一); GB 55019-2021 2.2.2"
    options = _WIDTH_OPTIONS
    title_zh = "无障碍通道从主入口通往每个公共功能区"
    summary_zh = (
        "与通道同宽的轮椅圆盘（route_width_m，1.20 m；以 --crowded 设为人员密集的公共场所时为 "
        "crowded_route_width_m，1.80 m）能在墙体、柱子和固定家具（柜台、排椅、自助终端）之间的地面上，"
        "从主入口到达每个公共功能区。门洞按其净宽由 FC502 判断，不按圆盘。不通过时给出卡点：仍能通过的"
        "最大圆盘及通道变窄之处。普通卫生间除外；无障碍卫生间和母婴室由 FC504 检查。"
    )

    def check(self) -> Iterator[Finding]:
        yield from self._unreached(
            lambda t: t not in _FACILITIES and t not in ("toilet", "unknown")
        )


@register
class AccessibleDoors(Rule):
    """Doors on accessible routes are wide enough.

    ## What it checks
    Every door a visitor passes (not staff-only, joining public zones or an entrance) has a clear
    width of at least `door_width_m` (0.90 m, new buildings), `existing_door_width_m` (0.80 m,
    with `--existing-building`), and automatic doors at least `automatic_door_width_m` (1.00 m).
    Widths come from the WIDTH attribute, the door tag (M1021 → 1.0 m) or the block's geometry.

    ## Why
    §七(一) asks for accessible routes (「无障碍通道」); GB 55019-2021 2.5.4: 「新建和扩建建筑的门
    开启后的通行净宽不应小于900mm，既有建筑改造或改建的门开启后的通行净宽不应小于800mm」 —
    doors open to 0.90 m clear in new buildings, 0.80 m in renovated ones; 2.5.5: automatic
    doors 1.00 m.

    ## Example
    Fails: an `M0821` door (0.8 m) into the toilet suite of a new building.
    Passes: an `M1021` door there, or `--existing-building`.

    ## Options
    - `door_width_m` (default 0.9): clear width of a door in a new building.
    - `existing_door_width_m` (default 0.8): clear width in a renovated existing building.
    - `automatic_door_width_m` (default 1.0): clear width of an automatic door.
    """

    code = "FC502"
    name = "accessible-doors"
    severity = "error"
    clause = "§七(一); GB 55019-2021 2.5.4–2.5.5"
    title_zh = "无障碍通道上的门净宽足够"
    summary_zh = (
        "群众经过的每扇门（非员工专用，连接公共功能区或出入口）的净宽不小于 door_width_m（0.90 m，新建"
        "建筑）、existing_door_width_m（0.80 m，以 --existing-building 设为既有建筑改造时），自动门不小于 "
        "automatic_door_width_m（1.00 m）。门宽取自 WIDTH 属性、门编号（M1021 → 1.0 m）或图块几何。"
    )
    basis = _DOOR_BASIS
    options = (
        Option(
            "door_width_m",
            0.9,
            "clear width of doors in new buildings (m)",
            "新建建筑门的通行净宽（m）",
            basis=_DOOR_BASIS,
        ),
        Option(
            "existing_door_width_m",
            0.8,
            "clear width in renovated buildings (m)",
            "既有建筑改造的门的通行净宽（m）",
            basis=_DOOR_BASIS,
        ),
        Option(
            "automatic_door_width_m",
            1.0,
            "clear width of automatic doors (m)",
            "自动门的通行净宽（m）",
            basis=_AUTOMATIC_DOOR_BASIS,
        ),
    )
    messages = {
        "narrow-door": Message(
            en="door {door} on an accessible route is {width:w} wide; a door needs {need:w} clear",
            zh="无障碍通道上的门 {door} 宽 {width:w}；门净宽应不小于 {need:w}",
        ),
        "narrow-renovated-door": Message(
            en="door {door} on an accessible route is {width:w} wide; a door in a renovated "
            "building needs {need:w} clear",
            zh="无障碍通道上的门 {door} 宽 {width:w}；改造建筑的门净宽应不小于 {need:w}",
        ),
        "narrow-automatic-door": Message(
            en="door {door} on an accessible route is {width:w} wide; an automatic door needs "
            "{need:w} clear",
            zh="无障碍通道上的门 {door} 宽 {width:w}；自动门净宽应不小于 {need:w}",
        ),
        "fix-widen": Message(
            en="widen door {door} at {at:xy} by {more:w} (to {need:w} clear)",
            zh="将 {at:xy} 处的门 {door} 加宽 {more:w}（净宽达到 {need:w}）",
        ),
    }

    skips = {"no-doors": Message(en="no doors in the plan", zh="图纸中没有门")}

    def check(self) -> Iterator[Finding]:
        if not self.plan.doors:
            raise self.skip("no-doors")
        public = {z.id for z in self.plan.zones if z.public}
        g = self.ctx.analysis.graph
        on_route: set[str] = set()
        for a, b, e in g.edges(data=True):
            if (a in public or a.startswith("ENTRANCE:")) and (
                b in public or b.startswith("ENTRANCE:")
            ):
                on_route.update(e["doors"])
        for d in self.plan.doors:
            if d.id not in on_route or d.staff_only:
                continue
            if d.automatic:
                option, message = "automatic_door_width_m", "narrow-automatic-door"
            elif self.ctx.meta.existing_building:
                option, message = "existing_door_width_m", "narrow-renovated-door"
            else:
                option, message = "door_width_m", "narrow-door"
            need = self.opts[option]
            if d.width_m + 1e-6 < need:
                widen = {"door": d.id, "at": d.position, "more": need - d.width_m, "need": need}
                yield self.report(
                    message,
                    fix=("fix-widen", widen),
                    location=d.position,
                    measured=d.width_m,
                    limit=self.limit(option),
                    geometry=Point(d.position),
                    door=d.id,
                    width=d.width_m,
                    need=need,
                )


@register
class AccessibleToiletSize(Rule):
    """The accessible toilet holds a 1.50 m turning circle and is at least 4.0 m².

    ## What it checks
    Each accessible toilet has an area of at least `min_area_m2` and a free circle of
    `turning_diameter_m` that no fixture, wall or obstacle drawn inside it cuts into.

    ## Why
    §七(一) requires an accessible toilet; GB 50763-2012 3.9.3: 「面积不应小于4.00m²」 and
    「内部应设直径不小于1.50m的轮椅回转空间」 — at least 4.00 m², with a 1.50 m wheelchair
    turning circle.

    ## Example
    Fails: a toilet 1.4 m wide (no 1.5 m circle fits), or one of 3.2 m².
    Passes: a 2.0 m × 2.2 m toilet with the basin in a corner.

    ## Options
    - `turning_diameter_m` (default 1.5): diameter of the wheelchair turning circle.
    - `min_area_m2` (default 4.0): minimum floor area.
    """

    code = "FC503"
    name = "accessible-toilet-size"
    severity = "error"
    clause = "§七(一); GB 50763-2012 3.9.3"
    title_zh = "无障碍卫生间不小于 4.0 m² 且有 1.50 m 轮椅回转空间"
    summary_zh = (
        "每个无障碍卫生间面积不小于 min_area_m2，且内部有直径 turning_diameter_m 的空圆，不被其中绘制的"
        "洁具、墙体或障碍物侵占。"
    )
    basis = _TOILET_BASIS
    options = (
        Option(
            "turning_diameter_m",
            1.5,
            "diameter of the turning circle (m)",
            "轮椅回转空间的直径（m）",
            basis=_TOILET_BASIS,
        ),
        Option("min_area_m2", 4.0, "minimum area (m²)", "最小面积（m²）", basis=_TOILET_BASIS),
    )
    messages = {
        "too-small": Message(
            en="{zone} ({zone_id}) is {area:m2}; an accessible toilet needs {minimum:m2}",
            zh="{zone}（{zone_id}）面积 {area:m2}；无障碍卫生间面积应不小于 {minimum:m2}",
        ),
        "no-turning-circle": Message(
            en="{zone} ({zone_id}): the largest free circle is {diameter:w} across; a wheelchair "
            "needs a {need:w} turning circle",
            zh="{zone}（{zone_id}）内最大回转圆直径仅 {diameter:w}；应有直径 {need:w} 的轮椅回转空间",
        ),
    }

    def check(self) -> Iterator[Finding]:
        toilets = self.need_zones("accessible_toilet")
        walkable = self.ctx.analysis.walkable
        for z in toilets:
            if z.area_m2 + 1e-6 < self.opts["min_area_m2"]:
                yield self.report(
                    "too-small",
                    zones=(z.id,),
                    measured=z.area_m2,
                    limit=self.limit("min_area_m2"),
                    geometry=z.geometry,
                    zone=z.term,
                    zone_id=z.id,
                    area=z.area_m2,
                    minimum=self.opts["min_area_m2"],
                )
            # What stands in this toilet, not the whole plan's walls and furniture. Normalised:
            # a toilet longer than the circle has many largest circles, and GEOS picks one by
            # the order of the ring's vertices; this way by the toilet's shape alone.
            blocked = walkable.blocked_near(z.geometry)
            free = shapely.normalize(
                z.geometry.difference(blocked) if not blocked.is_empty else z.geometry
            )
            if free.is_empty:
                diameter = 0.0
                centre = z.geometry.representative_point()
            else:
                # a zone less the blocked floor: areas less areas are areas
                circle = shapely.maximum_inscribed_circle(cast(Polygon | MultiPolygon, free), 0.01)
                diameter = 2 * circle.length
                centre = Point(circle.coords[0])
            if diameter + 1e-3 < self.opts["turning_diameter_m"]:
                yield self.report(
                    "no-turning-circle",
                    zones=(z.id,),
                    location=(centre.x, centre.y),
                    measured=diameter,
                    limit=self.limit("turning_diameter_m"),
                    geometry=centre.buffer(max(diameter / 2, 0.05)),
                    zone=z.term,
                    zone_id=z.id,
                    diameter=diameter,
                    need=self.opts["turning_diameter_m"],
                )


@register
class RouteToFacilities(_RouteRule):
    """The accessible route reaches the accessible toilet and the mother-and-baby room.

    ## What it checks
    The wheelchair disc of FC501 travels from the main entrance into every accessible toilet and
    mother-and-baby room. The finding names the pinch point, as in FC501.

    ## Why
    §七(一): 「同时提供母婴室、无障碍通道、无障碍卫生间等便民设施」 — the accessible toilet and the
    mother-and-baby room are of use only at the end of an accessible route.

    ## Example
    Fails: an accessible toilet reached through a 1.0 m passage behind the seats.
    Passes: the same toilet off a 1.5 m corridor.

    ## Options
    - `route_width_m` (default 1.2): clear width of an accessible route.
    - `crowded_route_width_m` (default 1.8): route width with `--crowded`.
    """

    code = "FC504"
    name = "route-to-facilities"
    severity = "error"
    clause = "§七(一); GB 55019-2021 2.2.2"
    options = _WIDTH_OPTIONS
    title_zh = "无障碍通道通往无障碍卫生间和母婴室"
    summary_zh = "FC501 的轮椅圆盘从主入口到达每个无障碍卫生间和母婴室。不通过时如 FC501 给出卡点。"
    skips = {
        **_RouteRule.skips,
        "no-facilities": Message(
            en="no accessible toilet or mother-and-baby room in the plan (FC302, FC303 report it)",
            zh="图纸中没有无障碍卫生间或母婴室（由 FC302、FC303 报告）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        if not self.ctx.zones(*_FACILITIES):
            raise self.skip("no-facilities")
        yield from self._unreached(lambda t: t in _FACILITIES)


@register
class RouteMeasurements(Rule):
    """Route length and narrowest width to each public zone (a measurement).

    ## What it checks
    For each public zone the accessible route reaches: the length of the shortest route from the
    main entrance that keeps the route width clear, and the narrowest clear width along it as
    walked, doors included, with its location. The width is that of the narrowest passage the
    route goes through: the shortest straight line across the floor, from edge to edge, that the
    route crosses — a doorway from jamb to jamb (at its own clear width, however wide the disc
    of FC501 was allowed through it), a corridor from wall to wall, a gap between a column and a
    counter. One info finding per zone; the routes are drawn on the annotated plan.

    ## Why
    §七(一) asks for accessible routes (「无障碍通道」): reviewers ask how far the facilities are
    and how tight the route is; GB 55019-2021 2.2.2 sets the width the route keeps.

    ## Example
    Reports: "route to the accessible toilet (Z14): 27.9 m, narrowest 1.00 m at door D6
    (5.6, 16.4)".

    ## Options
    - `route_width_m` (default 1.2): clear width the measured routes keep.
    - `crowded_route_width_m` (default 1.8): route width with `--crowded`.
    - `grid_m` (default 0.3): spacing of the route grid (smaller is slower and closer).
    """

    code = "FC505"
    name = "route-measurements"
    severity = "info"
    clause = "§七(一); GB 55019-2021 2.2.2"
    title_zh = "至各公共功能区的路线长度与最窄宽度（测量）"
    summary_zh = (
        "对无障碍通道可到达的每个公共功能区：从主入口出发、保持通道宽度的最短路线的长度，以及沿实际行走"
        "路线（含门洞）的最窄净宽及其位置。净宽为路线穿过的最窄通道：路线所穿过的、两端落在地面边缘上的"
        "最短直线——门洞按其自身净宽从门框到门框，走廊从墙到墙，柱子与柜台之间的空隙。每个功能区一条提示；"
        "路线画在平面图上。"
    )
    basis = _ROUTE_BASIS
    options = (
        *_WIDTH_OPTIONS,
        Option(
            "grid_m",
            0.3,
            "spacing of the route grid (m)",
            "路线网格的间距（m；越小越慢越精确）",
            tolerance=True,
        ),
    )
    messages = {
        "route": Message(
            en="route to {zone} ({zone_id}): {length:.1f} m, narrowest {narrowest:w} at {at:xy}",
            zh="至{zone}（{zone_id}）的无障碍路线 {length:.1f} m，最窄处 {narrowest:w}，位于 {at:xy}",
        ),
        "route-door": Message(
            en="route to {zone} ({zone_id}): {length:.1f} m, narrowest {narrowest:w} at door {door} "
            "{at:xy}",
            zh="至{zone}（{zone_id}）的无障碍路线 {length:.1f} m，最窄处 {narrowest:w}，位于门 {door} "
            "{at:xy}",
        ),
        "route-wide": Message(
            en="route to {zone} ({zone_id}): {length:.1f} m, at least {reach:m} clear all along",
            zh="至{zone}（{zone_id}）的无障碍路线 {length:.1f} m，全程净宽不小于 {reach:m}",
        ),
    }
    skips = {
        "none-reached": Message(
            en="no zone can be reached by the accessible route (FC501 reports where)",
            zh="无障碍通道无法到达任何功能区（由 FC501 报告位置）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        door = _main(self)
        walkable = self.ctx.analysis.walkable
        zones = [z for z in walkable.public_zones if z.type not in ("unknown",)]
        routes = walkable.routes(door, zones, _route_width(self), self.opts["grid_m"])
        if not routes:
            raise self.skip("none-reached")
        for z in zones:
            r = routes.get(z.id)
            if r is None:
                continue
            where: dict[str, Any] = {"zone": z.term, "zone_id": z.id, "length": r.length_m}
            common: dict[str, Any] = {
                "zones": (z.id,),
                "measured": r.length_m,
                "geometry": r.path,
                "role": "route",
            }
            if not math.isfinite(r.narrowest_m):
                yield self.report("route-wide", **common, reach=10.0, **where)
                continue
            at = r.narrowest_at
            through = _door_at(self.plan.doors, at)
            extra: dict[str, Any] = {"door": through.id} if through is not None else {}
            yield self.report(
                "route-door" if through is not None else "route",
                location=at,
                narrowest=r.narrowest_m,
                at=at,
                **common,
                **where,
                **extra,
            )


def _door_at(doors: tuple[Door, ...], at: tuple[float, float]) -> Door | None:
    """The door whose opening ``at`` (the middle of the narrowest chord) lies in."""
    for d in doors:
        if math.dist(d.position, at) <= max(0.25, d.width_m / 4):
            return d
    return None
