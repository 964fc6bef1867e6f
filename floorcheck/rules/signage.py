"""FC8xx — signage (§八): floor directories and emergency exit signs."""

from __future__ import annotations

from collections.abc import Iterator

import shapely
from shapely.geometry import Point

from ..findings import Finding
from ..model import Door
from .base import DEFAULT, GUIDE, Basis, Message, Option, Rule, register


@register
class FloorDirectory(Rule):
    """A multi-storey hall has a floor directory at its entrance.

    ## What it checks
    When the hall spans several storeys (`--storeys N`, or FC_STOREYS in the drawing), a floor
    directory sign block (「楼层指示牌」) stands in the entrance hall, or within `max_distance_m`
    of the main entrance when no entrance hall is drawn.

    ## Why
    §八: 「办事大厅内设置各类办公区域指示牌，多层建筑设置楼层指示牌」 — multi-storey halls have
    floor directory signs.

    ## Example
    Fails: `--storeys 3` and no floor directory block near the entrance.
    Passes: a 「楼层指示牌」 block in the entrance hall.

    ## Options
    - `max_distance_m` (default 10.0): distance from the main entrance without an entrance hall
      (a floorcheck default, not a number of the guide).
    """

    code = "FC801"
    name = "floor-directory"
    severity = "warning"
    clause = "§八"
    title_zh = "多层大厅在入口处设有楼层指示牌"
    summary_zh = (
        "大厅跨多层时（--storeys N 或图纸属性 FC_STOREYS），门厅内设有楼层指示牌图块；未绘制门厅时，"
        "指示牌位于主入口 max_distance_m 以内。"
    )
    basis = Basis(
        GUIDE,
        "§八",
        "办事大厅内设置各类办公区域指示牌，多层建筑设置楼层指示牌",
        "multi-storey halls have floor directory signs",
    )
    options = (
        Option(
            "max_distance_m",
            10.0,
            "distance from the main entrance without an entrance hall (m)",
            "未绘制门厅时指示牌距主入口的距离（m）",
            basis=Basis(DEFAULT),
        ),
    )
    messages = {
        "none-in-entrance-hall": Message(
            en="a {storeys}-storey hall with no floor directory sign at the entrance hall",
            zh="{storeys} 层的大厅在门厅处没有楼层指示牌",
        ),
        "none-at-main-entrance": Message(
            en="a {storeys}-storey hall with no floor directory sign within {limit_m:m} of the "
            "main entrance",
            zh="{storeys} 层的大厅在主入口 {limit_m:m} 以内没有楼层指示牌",
        ),
    }
    skips = {
        "no-storeys": Message(
            en="number of storeys not given (use --storeys N, or FC_STOREYS in the drawing)",
            zh="未提供楼层数（可用 --storeys N 或图纸属性 FC_STOREYS 指定）",
        ),
        "single-storey": Message(
            en="single-storey hall: no floor directory needed", zh="单层大厅，无需楼层指示牌"
        ),
    }

    def check(self) -> Iterator[Finding]:
        storeys = self.ctx.meta.storeys
        if storeys is None:
            raise self.skip("no-storeys")
        if storeys <= 1:
            raise self.skip("single-storey")
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
        if halls:
            yield self.report(
                "none-in-entrance-hall", zones=tuple(h.id for h in halls), storeys=storeys
            )
        else:
            yield self.report(
                "none-at-main-entrance",
                location=door.position if door else None,
                limit=self.limit("max_distance_m"),
                storeys=storeys,
                limit_m=self.opts["max_distance_m"],
            )


@register
class ExitSigns(Rule):
    """Every exit door is marked with an emergency exit sign.

    ## What it checks
    Each exit door (doors on the hall outline, and doors labelled 「安全出口」, 「紧急出口」 or
    「EXIT」) has an emergency exit sign block within `max_distance_m`.

    ## Why
    §八: 「安全标志的使用应符合GB/T 2893.1和GB 2894-2008的要求，包括……提示标志（如“紧急出口”……）」
    — exits carry the emergency exit sign.

    ## Example
    Fails: a side door on the façade with no emergency exit sign.
    Passes: a 「紧急出口」 sign block above every exit door.

    ## Options
    - `max_distance_m` (default 3.0): how far the sign may be from its door (a floorcheck
      default, not a number of the guide).
    """

    code = "FC802"
    name = "exit-signs"
    severity = "warning"
    clause = "§八"
    title_zh = "每个安全出口设有紧急出口标志"
    summary_zh = (
        "每个安全出口（位于大厅轮廓上的门，以及标注为“安全出口”“紧急出口”或“EXIT”的门）在 max_distance_m "
        "以内设有紧急出口标志图块。"
    )
    basis = Basis(
        GUIDE,
        "§八",
        "安全标志的使用应符合GB/T 2893.1和GB 2894-2008的要求，包括……提示标志（如“紧急出口”……）",
        "safety signs follow GB/T 2893.1 and GB 2894-2008, including the emergency exit sign",
    )
    options = (
        Option(
            "max_distance_m",
            3.0,
            "distance between an exit door and its sign (m)",
            "安全出口与其标志的距离（m）",
            basis=Basis(DEFAULT),
        ),
    )
    messages = {
        "no-sign": Message(
            en="exit door {door} is not marked: no emergency exit sign within {limit_m:m}",
            zh="安全出口 {door} 未设「紧急出口」标志；应在 {limit_m:m} 以内",
        ),
        "sign-too-far": Message(
            en="exit door {door} is not marked: the nearest exit sign is {distance:m} away; an "
            "emergency exit sign should be within {limit_m:m}",
            zh="安全出口 {door} 未设「紧急出口」标志（最近的标志距 {distance:m}）；应在 {limit_m:m} 以内",
        ),
    }
    skips = {
        "no-exits": Message(
            en="no exit doors found (doors on the hall outline or labelled as exits)",
            zh="未找到安全出口（位于大厅轮廓上或标注为安全出口的门）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        exits = [d for d in self.plan.doors if d.exit]
        if not exits:
            raise self.skip("no-exits")
        signs = [Point(s.position) for s in self.plan.signs if s.kind == "emergency_exit"]
        # each exit's nearest sign: one STRtree query, not every exit against every sign
        nearest = [None] * len(exits) if not signs else _nearest(signs, exits)
        for d, near in zip(exits, nearest, strict=True):
            limit = self.opts["max_distance_m"]
            if near is None:
                yield self.report(
                    "no-sign",
                    location=d.position,
                    limit=self.limit("max_distance_m"),
                    door=d.id,
                    limit_m=limit,
                )
            elif near > limit:
                yield self.report(
                    "sign-too-far",
                    location=d.position,
                    measured=near,
                    limit=self.limit("max_distance_m"),
                    door=d.id,
                    distance=near,
                    limit_m=limit,
                )


def _nearest(signs: list[Point], doors: list[Door]) -> list[float | None]:
    """The distance from each door to its nearest sign."""
    tree = shapely.STRtree(signs)
    points = shapely.points([d.position for d in doors])
    (idx, _), dist = tree.query_nearest(points, return_distance=True, all_matches=False)
    out: list[float | None] = [None] * len(doors)
    for i, dd in zip(idx, dist, strict=True):
        out[int(i)] = float(dd)
    return out
