"""FC8xx — signage (§八): floor directories and emergency exit signs."""

from __future__ import annotations

from collections.abc import Iterator

from shapely.geometry import Point

from ..findings import Finding
from .base import Message, Option, Rule, Skip, register


@register
class FloorDirectory(Rule):
    """A multi-storey hall has a floor directory at its entrance.

    ## What it checks
    When the hall spans several storeys (`--storeys N`, or FC_STOREYS in the drawing), a floor
    directory sign block (楼层指示牌) stands in the entrance hall, or within `max_distance_m` of
    the main entrance when no entrance hall is drawn.

    ## Why
    §八: 「办事大厅内设置各类办公区域指示牌，多层建筑设置楼层指示牌」 — multi-storey halls have
    floor directory signs.

    ## Example
    Fails: `--storeys 3` and no 楼层指示牌 block near the entrance.
    Passes: a 楼层指示牌 block in the 门厅.

    ## Options
    - `max_distance_m` (default 10.0): distance from the main entrance without an entrance hall.
    """

    code = "FC801"
    name = "floor-directory"
    severity = "warning"
    clause = "§八"
    options = (
        Option(
            "max_distance_m", 10.0, "distance from the main entrance without an entrance hall (m)"
        ),
    )
    messages = {
        "none-in-entrance-hall": Message(
            en="a {storeys}-storey hall with no floor directory sign (楼层指示牌) at the entrance hall",
            zh="{storeys} 层的大厅在门厅处没有楼层指示牌",
        ),
        "none-at-main-entrance": Message(
            en="a {storeys}-storey hall with no floor directory sign (楼层指示牌) at the main entrance",
            zh="{storeys} 层的大厅在主入口处没有楼层指示牌",
        ),
    }

    def check(self) -> Iterator[Finding]:
        storeys = self.ctx.meta.storeys
        if storeys is None:
            raise Skip(
                "number of storeys not given (use --storeys N, or FC_STOREYS in the drawing)"
            )
        if storeys <= 1:
            raise Skip("single-storey hall: no floor directory needed")
        signs = [s for s in self.plan.signs if s.kind == "floor_directory"]
        halls = self.ctx.zones("entrance_hall")
        door = self.plan.main_entrance
        for s in signs:
            p = Point(s.position)
            if any(h.geometry.buffer(0.5).contains(p) for h in halls):
                return
            if (
                not halls
                and door is not None
                and p.distance(Point(door.position)) <= self.opts["max_distance_m"]
            ):
                return
        yield self.report(
            "none-in-entrance-hall" if halls else "none-at-main-entrance",
            location=door.position if door else None,
            zones=tuple(h.id for h in halls),
            storeys=storeys,
        )


@register
class ExitSigns(Rule):
    """Every exit door is marked with an emergency exit sign.

    ## What it checks
    Each exit door (doors on the hall outline, and doors labelled 安全出口/紧急出口/EXIT) has an
    emergency exit sign block (紧急出口/安全出口/EXIT) within `max_distance_m`.

    ## Why
    §八: 「安全标志的使用应符合GB/T 2893.1和GB 2894-2008的要求，包括……提示标志（如“紧急出口”……）」
    — exits carry the emergency exit sign.

    ## Example
    Fails: a side door on the façade with no 紧急出口 sign.
    Passes: a 紧急出口 sign block above every exit door.

    ## Options
    - `max_distance_m` (default 3.0): how far the sign may be from its door.
    """

    code = "FC802"
    name = "exit-signs"
    severity = "warning"
    clause = "§八"
    options = (Option("max_distance_m", 3.0, "distance between an exit door and its sign (m)"),)
    messages = {
        "no-sign": Message(
            en="exit door {door} is not marked: no exit sign; a 紧急出口 sign should be within "
            "{limit:m}",
            zh="安全出口 {door} 未设「紧急出口」标志；应在 {limit:m} 以内",
        ),
        "sign-too-far": Message(
            en="exit door {door} is not marked: the nearest exit sign is {distance:m} away; a "
            "紧急出口 sign should be within {limit:m}",
            zh="安全出口 {door} 未设「紧急出口」标志（最近的标志距 {distance:m}）；应在 {limit:m} 以内",
        ),
    }

    def check(self) -> Iterator[Finding]:
        exits = [d for d in self.plan.doors if d.exit]
        if not exits:
            raise Skip("no exit doors found (doors on the hall outline or labelled 安全出口)")
        signs = [Point(s.position) for s in self.plan.signs if s.kind == "emergency_exit"]
        for d in exits:
            p = Point(d.position)
            near = min((p.distance(s) for s in signs), default=None)
            limit = self.opts["max_distance_m"]
            if near is None:
                yield self.report(
                    "no-sign", location=d.position, required=limit, door=d.id, limit=limit
                )
            elif near > limit:
                yield self.report(
                    "sign-too-far",
                    location=d.position,
                    measured=near,
                    required=limit,
                    door=d.id,
                    distance=near,
                    limit=limit,
                )
