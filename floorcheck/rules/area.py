"""FC1xx — area and location of the hall (§三, §七(三))."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import shapely

from ..findings import Finding
from ..geometry.hall import hall_area, unknown_rooms
from ..vocab import POPULOUS
from .base import DEFAULT, GUIDE, Basis, Message, Option, Rule, register

# The guide's words for each level's minimum usable area (§三).
_AREA_BASIS = {
    "city": Basis(
        GUIDE,
        "§三",
        "市级政务服务中心办事大厅使用面积不少于2000 m²",
        "the hall of a city centre has a usable area of at least 2000 m²",
    ),
    "county": Basis(
        GUIDE,
        "§三",
        "各县(市)区、开发区政务服务中心办事大厅使用面积不少于1000 m²",
        "the hall of a county centre has a usable area of at least 1000 m²",
    ),
    "street": Basis(
        GUIDE,
        "§三",
        "街道便民服务中心办事大厅使用面积不低于150 m²",
        "the hall of a street centre has a usable area of at least 150 m²",
    ),
    "street-populous": Basis(
        GUIDE,
        "§三",
        "常住人口超过3万人的街道，办事大厅使用面积不低于200 m²",
        "a street of more than 30,000 residents has a hall of at least 200 m²",
    ),
    "township": Basis(
        GUIDE,
        "§三",
        "乡镇便民服务中心……原则上不低于100 m²",
        "the hall of a township centre has, in principle, at least 100 m²",
    ),
}


@register
class HallUsableArea(Rule):
    """Hall usable area at least the level's minimum.

    ## What it checks
    The usable area of the hall (drawn outline, else the union of zones, see FC007 — rooms whose
    names are no zone type of the guide included, and the finding says so) is at least the
    minimum of its level: city 2000 m², county 1000 m², street 150 m² (200 m² when the
    resident population exceeds 30,000), township 100 m² (「原则上」, in principle: a warning).
    Community and village stations have no minimum in this guide; the rule then says so in
    `skipped`.

    ## Why
    §三: 「市级政务服务中心办事大厅使用面积不少于2000 m²，各县(市)区、开发区政务服务中心办事大厅
    使用面积不少于1000 m²。街道便民服务中心办事大厅使用面积不低于150 m²，常住人口超过3万人的街道，
    办事大厅使用面积不低于200 m²。乡镇便民服务中心……原则上不低于100 m²。」 — the minimum usable
    area of each level.

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
    title_zh = "办事大厅使用面积不低于本级别的最低要求"
    summary_zh = (
        "办事大厅使用面积（按大厅轮廓，未绘制时按各功能区合计，见 FC007）不低于其级别的最低要求："
        "市级 2000 m²，县级 1000 m²，街道 150 m²（常住人口超过 3 万人时 200 m²），乡镇 100 m²"
        "（「原则上」，为警告）。社区、村便民服务站指南未规定最低面积。"
    )
    basis = _AREA_BASIS["county"]
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
            zh="办事大厅使用面积 {area:m2}，低于{level}（常住人口 {population:,} 人，超过 "
            "{populous:,} 人）要求的 {minimum:.0f} m²；差 {short:m2}",
        ),
    }
    skips = {
        "no-minimum": Message(
            en="the guide sets no minimum usable area for a {level}",
            zh="指南未规定{level}的最低使用面积",
        ),
        "nothing-to-measure": Message(
            en="the plan has neither zones nor a hall outline to measure",
            zh="图纸中既无功能区也无大厅轮廓，无法测量面积",
        ),
    }

    def check(self) -> Iterator[Finding]:
        level = self.require_level()
        if level.min_area_m2 is None:
            raise self.skip("no-minimum", level=level.term)
        if not self.plan.zones and self.plan.hall_outline is None:
            raise self.skip("nothing-to-measure")
        required = level.min_area_m2
        basis = _AREA_BASIS[level.id]
        message = "too-small"
        values: dict[str, Any] = {}
        if level.min_area_populous_m2 is not None:
            population = self.ctx.meta.population
            if population is not None and population > POPULOUS:
                required = level.min_area_populous_m2
                basis = _AREA_BASIS[f"{level.id}-populous"]
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
                limit=self.fixed_limit(required, "m²", basis),
                severity="warning" if level.area_is_guideline else None,
                area=area,
                minimum=required,
                level=level.term,
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
    title_zh = "办事大厅位于一层或有电梯的楼层"
    summary_zh = "根据图纸属性（--floor、--elevator）：大厅位于一层，或其所在楼层有电梯。未提供楼层时不检查。"
    basis = Basis(
        GUIDE,
        "§三",
        "各级办事大厅宜设置在主体建筑一层或有电梯的楼层",
        "halls should be on the ground floor or on a floor with a lift",
    )
    messages = {
        "upper-floor": Message(
            en="the hall is on floor {floor} with no elevator; it should be on the ground floor "
            "or on a floor served by an elevator",
            zh="办事大厅位于 {floor} 层且无电梯；宜设在主体建筑一层或有电梯的楼层",
        ),
    }

    skips = {
        "no-floor": Message(
            en="floor not given (use --floor N, or FC_FLOOR in the drawing)",
            zh="未提供楼层（可用 --floor N 或图纸属性 FC_FLOOR 指定）",
        ),
        "elevator-unknown": Message(
            en="the hall is on floor {floor}; say whether it has an elevator "
            "(--elevator/--no-elevator)",
            zh="大厅位于 {floor} 层；请说明是否有电梯（--elevator 或 --no-elevator）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        meta = self.ctx.meta
        if meta.floor is None:
            raise self.skip("no-floor")
        if meta.floor == 1:
            return
        if meta.elevator is None:
            raise self.skip("elevator-unknown", floor=meta.floor)
        if not meta.elevator:
            yield self.report("upper-floor", measured=float(meta.floor), floor=meta.floor)


@register
class WaitingCapacity(Rule):
    """Waiting area matches the expected flow.

    ## What it checks
    With the expected peak of waiting visitors (`--peak-visitors`): the seats drawn in the
    waiting area (seat blocks; a row block with a SEATS attribute counts that many) are at least
    the peak. Without seat blocks, the waiting area must be at least peak × `area_per_visitor_m2`.

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
    title_zh = "休息等候区与人流量相匹配"
    summary_zh = (
        "给定预计高峰等候人数（--peak-visitors）时：休息等候区内绘制的座位数（座椅图块；带 SEATS "
        "属性的排椅按其数量计）不少于高峰人数；未绘制座椅时，休息等候区面积不小于高峰人数 × "
        "area_per_visitor_m2。"
    )
    basis = Basis(
        GUIDE,
        "§七(三)",
        "休息等候区大小与办事大厅人流量相匹配，确保等候的行政相对人有座位",
        "the waiting area matches the flow and every waiting visitor has a seat",
    )
    options = (
        Option(
            "area_per_visitor_m2",
            1.0,
            "waiting floor per visitor without seat blocks (m²)",
            "未绘制座椅时每位等候者所需面积（m²）",
            basis=Basis(DEFAULT),
        ),
    )
    messages = {
        "too-few-seats": Message(
            en="{seats} seats in the waiting area for an expected peak of {peak} waiting visitors; "
            "{short} short",
            zh="休息等候区座位 {seats} 个，预计高峰等候 {peak} 人；差 {short} 个",
        ),
        "too-small": Message(
            en="the waiting area is {area:m2} for an expected peak of {peak} visitors; at "
            "{per:g} m² each it needs {needed:m2} ({short:m2} short; no seat blocks drawn)",
            zh="休息等候区面积 {area:m2}，预计高峰等候 {peak} 人，按每人 {per:g} m² 需 {needed:m2}"
            "（差 {short:m2}，未绘制座椅）",
        ),
    }
    skips = {
        "no-peak": Message(
            en="expected peak waiting visitors not given (use --peak-visitors N)",
            zh="未提供预计高峰等候人数（可用 --peak-visitors N 指定）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        peak = self.ctx.meta.peak_visitors
        if peak is None:
            raise self.skip("no-peak")
        waiting = self.need_zones("waiting")
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
                    limit=self.fixed_limit(peak, "count"),
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
                limit=replace(
                    self.limit("area_per_visitor_m2"), value=math.ceil(required * 10) / 10
                ),
                geometry=union,
                area=area,
                peak=peak,
                per=self.opts["area_per_visitor_m2"],
                needed=required,
                short=required - area,
            )
