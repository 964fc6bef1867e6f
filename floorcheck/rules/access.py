"""FC5xx — accessible routes, doors and the accessible toilet (§七(一); GB 55019-2021, GB 50763-2012)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import cast

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from ..findings import Finding
from ..model import Door
from ._fixes import Things
from .base import Message, Option, Rule, Skip, register

# Zones that FC504 checks by name; FC501 leaves them to it so one fault is reported once.
_FACILITIES = ("accessible_toilet", "mother_baby")


def _route_width(rule: Rule) -> float:
    width: float = rule.opts["crowded_route_width_m" if rule.ctx.meta.crowded else "route_width_m"]
    return width


def _main(rule: Rule) -> Door:
    door = rule.plan.main_entrance
    if door is None:
        raise Skip("no main entrance found (FC008)")
    return door


_WIDTH_OPTIONS = (
    Option("route_width_m", 1.2, "clear width of an accessible route (GB 55019-2021 2.2.2)"),
    Option("crowded_route_width_m", 1.8, "route width in a crowded public place (--crowded)"),
)


class _RouteRule(Rule):
    """Base of the rules that follow the wheelchair disc from the main entrance (FC501, FC504)."""

    messages = {
        "no-route": Message(
            en="no route at all leads from the main entrance {door} to {zone} ({zone_id}): walls "
            "or obstacles close it off, or its doors are staff-only",
            zh="从主入口 {door} 无法到达 {zone} ({zone_id})：墙体或障碍物阻断，或其门均为员工专用",
        ),
        "narrow": Message(
            en="the accessible route from the main entrance {door} to {zone} ({zone_id}) narrows "
            "to {width:m} at {at:xy}; a wheelchair route needs {need:m} clear",
            zh="从主入口 {door} 到 {zone} ({zone_id}) 的无障碍通道在 {at:xy} 处净宽仅 {width:m}；"
            "轮椅通行需净宽 {need:m}",
        ),
        "fix-narrow": Message(
            en="move the {thing_en} ({thing}) at {at:xy} {move:m} away from the route "
            "({need:m} clear)",
            zh="将 {at:xy} 处的{thing}向通道外移动 {move:m}（净宽达到 {need:m}）",
            en_only=("thing_en",),
        ),
    }

    def _unreached(self, type_filter: Callable[[str], bool]) -> Iterator[Finding]:
        door = _main(self)
        width = _route_width(self)
        walkable = self.ctx.analysis.walkable
        targets = [z for z in walkable.public_zones if type_filter(z.type)]
        if not targets:
            raise Skip("no zones of this kind in the plan")
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
                    required=width,
                    door=door.id,
                    zone=z.name,
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
                required=width,
                geometry=pinch.geometry,
                role="pinch",
                door=door.id,
                zone=z.name,
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
        values = {"thing": thing.zh, "thing_en": thing.en, "at": thing.near(at)}
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
    routes. GB 55019-2021 2.2.2 sets their clear width: 1.20 m, 1.80 m in crowded public places.

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
    §七(一) asks for 无障碍通道; GB 55019-2021 2.5.4: 「新建和扩建建筑的门开启后的通行净宽不应小于
    900mm，既有建筑改造或改建的门开启后的通行净宽不应小于800mm」; 2.5.5: automatic doors
    ≥ 1.00 m.

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
    options = (
        Option("door_width_m", 0.9, "clear width of doors in new buildings (m)"),
        Option("existing_door_width_m", 0.8, "clear width in renovated buildings (m)"),
        Option("automatic_door_width_m", 1.0, "clear width of automatic doors (m)"),
    )
    messages = {
        "narrow-door": Message(
            en="door {door} on an accessible route is {width:m} wide; a door needs {need:m} clear",
            zh="无障碍通道上的门 {door} 宽 {width:m}；门净宽应不小于 {need:m}",
        ),
        "narrow-renovated-door": Message(
            en="door {door} on an accessible route is {width:m} wide; a door in a renovated "
            "building needs {need:m} clear",
            zh="无障碍通道上的门 {door} 宽 {width:m}；改造建筑的门净宽应不小于 {need:m}",
        ),
        "narrow-automatic-door": Message(
            en="door {door} on an accessible route is {width:m} wide; an automatic door needs "
            "{need:m} clear",
            zh="无障碍通道上的门 {door} 宽 {width:m}；自动门净宽应不小于 {need:m}",
        ),
        "fix-widen": Message(
            en="widen door {door} at {at:xy} by {more:m} (to {need:m} clear)",
            zh="将 {at:xy} 处的门 {door} 加宽 {more:m}（净宽达到 {need:m}）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        if not self.plan.doors:
            raise Skip("no doors in the plan")
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
                need, message = self.opts["automatic_door_width_m"], "narrow-automatic-door"
            elif self.ctx.meta.existing_building:
                need, message = self.opts["existing_door_width_m"], "narrow-renovated-door"
            else:
                need, message = self.opts["door_width_m"], "narrow-door"
            if d.width_m + 1e-6 < need:
                widen = {"door": d.id, "at": d.position, "more": need - d.width_m, "need": need}
                yield self.report(
                    message,
                    fix=("fix-widen", widen),
                    location=d.position,
                    measured=d.width_m,
                    required=need,
                    geometry=Point(d.position),
                    door=d.id,
                    width=d.width_m,
                    need=need,
                )


@register
class AccessibleToiletSize(Rule):
    """The 无障碍卫生间 holds a 1.50 m turning circle and is at least 4.0 m².

    ## What it checks
    Each accessible toilet has an area of at least `min_area_m2` and a free circle of
    `turning_diameter_m` that no fixture, wall or obstacle drawn inside it cuts into.

    ## Why
    §七(一) requires a 无障碍卫生间; GB 50763-2012 3.9.3: 「面积不应小于4.00m²」 and 「内部应
    设直径不小于1.50m的轮椅回转空间」.

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
    options = (
        Option("turning_diameter_m", 1.5, "diameter of the turning circle (m)"),
        Option("min_area_m2", 4.0, "minimum area (m²)"),
    )
    messages = {
        "too-small": Message(
            en="{zone} ({zone_id}) is {area:.1f} m²; an accessible toilet needs {minimum:g} m²",
            zh="{zone} ({zone_id}) 面积 {area:.1f} m²；无障碍卫生间面积应不小于 {minimum:g} m²",
        ),
        "no-turning-circle": Message(
            en="{zone} ({zone_id}): the largest free circle is {diameter:m} across; a wheelchair "
            "needs a {need:m} turning circle",
            zh="{zone} ({zone_id}) 内最大回转圆直径仅 {diameter:m}；应有直径 {need:m} 的轮椅回转空间",
        ),
    }

    def check(self) -> Iterator[Finding]:
        toilets = self.ctx.zones("accessible_toilet")
        if not toilets:
            raise Skip("no 无障碍卫生间 in the plan (FC303 reports it)")
        walkable = self.ctx.analysis.walkable
        for z in toilets:
            if z.area_m2 + 1e-6 < self.opts["min_area_m2"]:
                yield self.report(
                    "too-small",
                    zones=(z.id,),
                    measured=z.area_m2,
                    required=self.opts["min_area_m2"],
                    geometry=z.geometry,
                    zone=z.name,
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
                    required=self.opts["turning_diameter_m"],
                    geometry=centre.buffer(max(diameter / 2, 0.05)),
                    zone=z.name,
                    zone_id=z.id,
                    diameter=diameter,
                    need=self.opts["turning_diameter_m"],
                )


@register
class RouteToFacilities(_RouteRule):
    """The accessible route reaches the 无障碍卫生间 and the 母婴室.

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

    def check(self) -> Iterator[Finding]:
        if not self.ctx.zones(*_FACILITIES):
            raise Skip("no 无障碍卫生间 or 母婴室 in the plan (FC302/FC303 report it)")
        yield from self._unreached(lambda t: t in _FACILITIES)


@register
class RouteMeasurements(Rule):
    """Route length and narrowest width to each public zone (a measurement).

    ## What it checks
    For each public zone the accessible route reaches: the length of the shortest route from the
    main entrance that keeps the route width clear, and the narrowest clear width along it, with
    its location. One info finding per zone; the routes are drawn on the annotated plan.

    ## Why
    §七(一) 无障碍通道: reviewers ask how far the facilities are and how tight the route is;
    GB 55019-2021 2.2.2 sets the width the route keeps.

    ## Example
    Reports: "route to 无障碍卫生间 (Z14): 27.9 m, narrowest 1.60 m at (5.6, 16.4)".

    ## Options
    - `route_width_m` (default 1.2): clear width the measured routes keep.
    - `crowded_route_width_m` (default 1.8): route width with `--crowded`.
    - `grid_m` (default 0.3): spacing of the route grid (smaller is slower and closer).
    """

    code = "FC505"
    name = "route-measurements"
    severity = "info"
    clause = "§七(一); GB 55019-2021 2.2.2"
    options = (*_WIDTH_OPTIONS, Option("grid_m", 0.3, "spacing of the route grid (m)"))
    messages = {
        "route": Message(
            en="route to {zone} ({zone_id}): {length:.1f} m, narrowest {narrowest:.2f} m at {at:xy}",
            zh="至 {zone} ({zone_id}) 的无障碍路线 {length:.1f} m，最窄处 {narrowest:.2f} m，位于 {at:xy}",
        ),
    }

    def check(self) -> Iterator[Finding]:
        door = _main(self)
        walkable = self.ctx.analysis.walkable
        zones = [z for z in walkable.public_zones if z.type not in ("unknown",)]
        routes = walkable.routes(door, zones, _route_width(self), self.opts["grid_m"])
        if not routes:
            raise Skip("no zone can be reached by the accessible route (FC501 reports where)")
        for z in zones:
            r = routes.get(z.id)
            if r is None:
                continue
            yield self.report(
                "route",
                zones=(z.id,),
                location=r.narrowest_at,
                measured=r.length_m,
                geometry=r.path,
                role="route",
                zone=z.name,
                zone_id=z.id,
                length=r.length_m,
                narrowest=r.narrowest_m,
                at=r.narrowest_at,
            )
