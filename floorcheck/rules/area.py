"""FC1xx — area and location of the hall (§三, §七(三))."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import shapely

from ..findings import Finding
from ..geometry.hall import hall_area, unknown_rooms
from ..vocab import POPULOUS
from .base import Message, Option, Rule, Skip, register


@register
class HallUsableArea(Rule):
    """Hall usable area at least the level's minimum.

    ## What it checks
    The usable area of the hall (drawn outline, else the union of zones, see FC007 — rooms whose
    names are no zone type of the guide included, and the finding says so) is at least the
    minimum of its level: city 2000 m², county 1000 m², street 150 m² (200 m² when the
    resident population exceeds 30,000), township 100 m² (原则上: a warning). Community and
    village stations have no minimum in this guide; the rule then passes with nothing to check
    only after saying so in `skipped`.

    ## Why
    §三: 「市级政务服务中心办事大厅使用面积不少于2000 m²，各县(市)区、开发区政务服务中心办事大厅
    使用面积不少于1000 m²。街道便民服务中心办事大厅使用面积不低于150 m²，常住人口超过3万人的街道，
    办事大厅使用面积不低于200 m²。乡镇便民服务中心……原则上不低于100 m²。」 — minimum usable
    areas per level.

    ## Example
    Fails: a county hall whose outline measures 912.4 m² (87.6 m² short).
    Passes: the same hall at 1180 m².

    ## Options
    None (the minimums are the guide's).
    """

    code = "FC101"
    name = "hall-usable-area"
    severity = "error"
    clause = "§三"
    messages = {
        "too-small": Message(
            en="hall usable area {area:m2} < {minimum:.0f} m² required for a {level}; "
            "{short:m2} short",
            zh="办事大厅使用面积 {area:m2}，低于{level}要求的 {minimum:.0f} m²；差 {short:m2}",
        ),
        "too-small-rooms": Message(
            en="hall usable area {area:m2} (the union of {count} zones, {unknown} of them rooms "
            "whose names are no zone type of the guide, {unknown_area:m2}) < {minimum:.0f} m² "
            "required for a {level}; {short:m2} short",
            zh="办事大厅使用面积 {area:m2}（{count} 个区域合计，其中 {unknown} 个房间的名称非指南"
            "功能区，共 {unknown_area:m2}），低于{level}要求的 {minimum:.0f} m²；差 {short:m2}",
        ),
        "too-small-populous": Message(
            en="hall usable area {area:m2} < {minimum:.0f} m² required for a {level} (resident "
            "population {population:,} > {populous:,}); {short:m2} short",
            zh="办事大厅使用面积 {area:m2}，低于{level}要求的 {minimum:.0f} m²；差 {short:m2}",
            en_only=("population", "populous"),
        ),
    }

    def check(self) -> Iterator[Finding]:
        level = self.ctx.require_level()
        if level.min_area_m2 is None:
            raise Skip(f"the guide sets no minimum usable area for a {level.zh}")
        if not self.plan.zones and self.plan.hall_outline is None:
            raise Skip("the plan has neither zones nor a hall outline to measure")
        required = level.min_area_m2
        message = "too-small"
        values: dict[str, Any] = {}
        if level.min_area_populous_m2 is not None:
            population = self.ctx.meta.population
            if population is not None and population > POPULOUS:
                required = level.min_area_populous_m2
                message = "too-small-populous"
                values = {"population": population, "populous": POPULOUS}
        area, _ = hall_area(self.plan)
        n, unknown_area = unknown_rooms(self.plan)
        if n and message == "too-small":  # say what was summed
            message = "too-small-rooms"
            values = {"count": len(self.plan.zones), "unknown": n, "unknown_area": unknown_area}
        if area + 1e-6 < required:
            yield self.report(
                message,
                measured=area,
                required=required,
                severity="warning" if level.area_is_guideline else None,
                area=area,
                minimum=required,
                level=level.zh,
                short=required - area,
                **values,
            )


@register
class GroundFloorOrElevator(Rule):
    """Hall on the ground floor or on a floor with an elevator.

    ## What it checks
    From the plan metadata (`--floor`, `--elevator`): the hall is on floor 1, or its floor is
    served by an elevator. Skipped when the floor is not given.

    ## Why
    §三: 「各级办事大厅宜设置在主体建筑一层或有电梯的楼层」 — halls should be on the ground floor
    or a floor with a lift.

    ## Example
    Fails: `--floor 3 --no-elevator`.
    Passes: `--floor 1`, or `--floor 3 --elevator`.

    ## Options
    None.
    """

    code = "FC102"
    name = "ground-floor-or-elevator"
    severity = "warning"
    clause = "§三"
    messages = {
        "upper-floor": Message(
            en="the hall is on floor {floor} with no elevator; it should be on the ground floor "
            "or on a floor served by an elevator",
            zh="办事大厅位于 {floor} 层且无电梯；宜设在主体建筑一层或有电梯的楼层",
        ),
    }

    def check(self) -> Iterator[Finding]:
        meta = self.ctx.meta
        if meta.floor is None:
            raise Skip("floor not given (use --floor N, or FC_FLOOR in the drawing)")
        if meta.floor == 1:
            return
        if meta.elevator is None:
            raise Skip(
                f"the hall is on floor {meta.floor}; say whether it has an elevator (--elevator/--no-elevator)"
            )
        if not meta.elevator:
            yield self.report(
                "upper-floor", measured=float(meta.floor), required=1.0, floor=meta.floor
            )


@register
class WaitingCapacity(Rule):
    """Waiting area matches the expected flow.

    ## What it checks
    With the expected peak of waiting visitors (`--peak-visitors`): the seats drawn in the
    休息等候区 (seat blocks; a row block with a SEATS attribute counts that many) are at least the
    peak. Without seat blocks, the waiting area must be at least peak × `area_per_visitor_m2`.

    ## Why
    §七(三): 「休息等候区大小与办事大厅人流量相匹配，确保等候的行政相对人有座位」 — the waiting
    area matches the flow of people and every waiting visitor has a seat.

    ## Example
    Fails: `--peak-visitors 60` and a 40 m² waiting area with no seat blocks.
    Passes: the same with a 72 m² waiting area, or with 60 seats drawn.

    ## Options
    - `area_per_visitor_m2` (default 1.0): floor per waiting visitor when no seats are drawn
      (a floorcheck default, not a number of the guide).
    """

    code = "FC103"
    name = "waiting-capacity"
    severity = "warning"
    clause = "§七(三)"
    options = (
        Option("area_per_visitor_m2", 1.0, "waiting floor per visitor without seat blocks (m²)"),
    )
    messages = {
        "too-few-seats": Message(
            en="{seats} seats in 休息等候区 for an expected peak of {peak} waiting visitors; "
            "{short} short",
            zh="休息等候区座位 {seats} 个，预计高峰等候 {peak} 人；差 {short} 个",
        ),
        "too-small": Message(
            en="休息等候区 is {area:m2} for an expected peak of {peak} visitors; at {per:g} m² "
            "each it needs {needed:m2} ({short:m2} short; no seat blocks drawn)",
            zh="休息等候区面积 {area:m2}，预计高峰等候 {peak} 人，按每人 {per:g} m² 需 {needed:m2}"
            "（差 {short:m2}，未绘制座椅）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        peak = self.ctx.meta.peak_visitors
        if peak is None:
            raise Skip("expected peak waiting visitors not given (use --peak-visitors N)")
        waiting = self.ctx.zones("waiting")
        if not waiting:
            raise Skip("no 休息等候区 in the plan (FC301 reports it)")
        area = sum(z.area_m2 for z in waiting)
        union = shapely.union_all([z.geometry for z in waiting])
        seats = 0
        if self.plan.seats:
            xs, ys = zip(*(s.position for s in self.plan.seats), strict=True)
            inside = shapely.contains_xy(union, xs, ys)
            seats = sum(s.count for s, ok in zip(self.plan.seats, inside, strict=True) if ok)
        ids = tuple(z.id for z in waiting)
        if seats:
            if seats < peak:
                yield self.report(
                    "too-few-seats",
                    zones=ids,
                    measured=float(seats),
                    required=float(peak),
                    geometry=union,
                    seats=seats,
                    peak=peak,
                    short=peak - seats,
                )
            return
        required = peak * self.opts["area_per_visitor_m2"]
        if area + 1e-6 < required:
            yield self.report(
                "too-small",
                zones=ids,
                measured=area,
                required=math.ceil(required * 10) / 10,
                geometry=union,
                area=area,
                peak=peak,
                per=self.opts["area_per_visitor_m2"],
                needed=required,
                short=required - area,
            )
