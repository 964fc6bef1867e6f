"""FC6xx — staff numbers and locker rooms (§二, §七(一))."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import shapely

from ..findings import Finding
from ..messages import fmt_m
from ..model import Zone
from ..terms import Term
from ..vocab import LOCKER_TYPES, zone_type
from .base import GUIDE, Basis, Message, Option, Rule, register


def _window_count(rule: Rule) -> int:
    return len(rule.plan.windows)


def staff_count(rule: Rule, ratio: float) -> tuple[int, bool]:
    """(staff count, given?) — without metadata, ceil(ratio × windows), as the guide's ratio."""
    meta = rule.ctx.meta
    if meta.staff is not None:
        return meta.staff, True
    if meta.staff_male is not None and meta.staff_female is not None:
        return meta.staff_male + meta.staff_female, True
    return math.ceil(ratio * _window_count(rule)), False


@register
class StaffPerWindow(Rule):
    """Staff count at least 1.5 × the number of windows.

    ## What it checks
    The staff count (`--staff`, or `--staff-male` + `--staff-female`) is at least `ratio` × the
    number of service windows drawn. Without a staff count floorcheck assumes
    ceil(1.5 × windows), says so in an info finding, and the locker-room rule uses that number.

    ## Why
    §二: 「工作人员数量原则上应为各功能分区窗口数量的1.5倍」 — staff should number 1.5 times the
    windows of the functional zones.

    ## Example
    Fails: 10 windows and `--staff 12` (15 required).
    Passes: 10 windows and `--staff 15`.

    ## Options
    - `ratio` (default 1.5): staff per window (the guide's number).
    """

    code = "FC601"
    name = "staff-per-window"
    severity = "warning"
    clause = "§二"
    title_zh = "工作人员数量不少于窗口数的 1.5 倍"
    summary_zh = (
        "工作人员数量（--staff，或 --staff-male 与 --staff-female 之和）不少于所绘服务窗口数的 1.5 倍"
        "（倍数可在选项中设置）。未提供人数时按窗口数 × 1.5 向上取整估算，以提示说明，更衣室规则沿用"
        "该估算。"
    )
    basis = Basis(
        GUIDE,
        "§二",
        "工作人员数量原则上应为各功能分区窗口数量的1.5倍",
        "staff should number 1.5 times the windows of the functional areas",
    )
    options = (Option("ratio", 1.5, "staff per service window", "每个服务窗口的工作人员数"),)
    messages = {
        "assumed": Message(
            en="staff count not given; assuming ceil({ratio:g} × {windows} windows) = {needed} "
            "(use --staff N)",
            zh="未提供工作人员数量；按 {windows} 个窗口 × {ratio:g} 估算为 {needed} 人"
            "（可用 --staff 指定）",
        ),
        "too-few": Message(
            en="{staff} staff for {windows} windows; {ratio:g} × windows = {needed} ({short} short)",
            zh="工作人员 {staff} 人，窗口 {windows} 个；应为窗口数的 {ratio:g} 倍即 {needed} 人"
            "（差 {short} 人）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        windows = _window_count(self)
        if not windows:
            raise self.skip("no-windows")
        required = math.ceil(self.opts["ratio"] * windows)
        staff, given = staff_count(self, self.opts["ratio"])
        ratio = self.opts["ratio"]
        if not given:
            yield self.report(
                "assumed",
                measured=float(staff),
                severity="info",
                ratio=ratio,
                windows=windows,
                needed=required,
            )
        elif staff < required:
            yield self.report(
                "too-few",
                measured=float(staff),
                limit=replace(self.limit("ratio"), value=float(required), unit="count"),
                staff=staff,
                windows=windows,
                ratio=ratio,
                needed=required,
                short=required - staff,
            )


@register
class SeparateLockerRooms(Rule):
    """Separate male and female locker rooms exist.

    ## What it checks
    A men's and a women's locker room both exist. Info only: the guide asks it of halls
    「有条件的」 (where conditions allow).

    ## Why
    §七(一): 「有条件的办事大厅应按人均0.6 m²的标准分设男女更衣室」 — halls that can should
    provide separate men's and women's locker rooms at 0.6 m² per person.

    ## Example
    Fails (info): one room labelled 「更衣室」.
    Passes: rooms labelled 「男更衣室」 and 「女更衣室」.

    ## Options
    None.
    """

    code = "FC602"
    name = "separate-locker-rooms"
    severity = "info"
    clause = "§七(一)"
    title_zh = "分设男女更衣室"
    summary_zh = "男更衣室和女更衣室均已设置。仅为提示：指南要求「有条件的」大厅设置。"
    basis = Basis(
        GUIDE,
        "§七(一)",
        "有条件的办事大厅应按人均0.6 m²的标准分设男女更衣室",
        "halls that can provide separate men's and women's locker rooms at 0.6 m² per person",
    )
    messages = {
        "missing": Message(
            en="no {room}; where conditions allow, the guide asks for separate men's and women's "
            "locker rooms",
            zh="未设{room}；有条件的应分设男女更衣室",
        ),
        "missing-both": Message(
            en="no men's and no women's locker room; where conditions allow, the guide asks for "
            "separate men's and women's locker rooms",
            zh="未设男更衣室、女更衣室；有条件的应分设男女更衣室",
        ),
    }

    def check(self) -> Iterator[Finding]:
        if not self.plan.zones:
            raise self.skip("no-zones")
        missing = [
            zone_type(t).term for t in ("locker_male", "locker_female") if not self.ctx.zones(t)
        ]
        if len(missing) == 2:
            yield self.report("missing-both")
        elif missing:
            yield self.report("missing", room=missing[0])


@register
class LockerRoomArea(Rule):
    """Locker rooms large enough: 0.6 m² per staff member.

    ## What it checks
    Where locker rooms are drawn: their total area is at least `area_per_staff_m2` × the staff
    count (FC601's number). When the male/female split is given, each gender's room is at least
    0.6 m² × that gender's staff. The message gives measured and required m².

    ## Why
    §七(一): 「有条件的办事大厅应按人均0.6 m²的标准分设男女更衣室，配置物品柜……物品柜一人一柜」.

    ## Example
    Fails: 30 staff and locker rooms of 8 + 8 m² (18 m² required).
    Passes: 30 staff and rooms of 10 + 10 m².

    ## Options
    - `area_per_staff_m2` (default 0.6): locker floor per staff member (the guide's number).
    """

    code = "FC603"
    name = "locker-room-area"
    severity = "warning"
    clause = "§七(一)"
    title_zh = "更衣室面积按人均 0.6 m² 配置"
    summary_zh = (
        "已绘制更衣室时：其总面积不小于 area_per_staff_m2 × 工作人员数（FC601 的人数）；给定男女人数时，"
        "男、女更衣室各不小于 0.6 m² × 对应人数。提示中给出实测与所需面积。"
    )
    basis = Basis(
        GUIDE,
        "§七(一)",
        "有条件的办事大厅应按人均0.6 m²的标准分设男女更衣室",
        "locker rooms at 0.6 m² per person",
    )
    options = (
        Option(
            "area_per_staff_m2",
            0.6,
            "locker-room floor per staff member (m²)",
            "每位工作人员的更衣室面积（m²）",
        ),
    )
    messages = {
        "too-small": Message(
            en="locker rooms total {total:m2} for {staff} staff; {per:g} m² each needs "
            "{needed:m2} ({short:m2} short)",
            zh="更衣室合计 {total:m2}，工作人员 {staff} 人；按人均 {per:g} m² 需 {needed:m2}"
            "（差 {short:m2}）",
        ),
        "too-small-assumed-staff": Message(
            en="locker rooms total {total:m2} for {staff} staff (staff not given: assumed "
            "{staff} = 1.5 × {windows} windows); {per:g} m² each needs {needed:m2} "
            "({short:m2} short)",
            zh="更衣室合计 {total:m2}，工作人员 {staff} 人（未提供人数，按 {windows} 个窗口 × 1.5 "
            "估算）；按人均 {per:g} m² 需 {needed:m2}（差 {short:m2}）",
        ),
        "room-too-small": Message(
            en="the {room} is {area:m2} for {count} staff; needs {needed:m2} ({short:m2} short)",
            zh="{room}面积 {area:m2}，对应 {count} 人；需 {needed:m2}（差 {short:m2}）",
        ),
        "fix-enlarge": Message(
            en="{needed:m2} of locker room for {staff} staff: push one long wall out by "
            "{pushes:list}",
            zh="{staff} 人需更衣室 {needed:m2}：将一面长墙外移 {pushes:list}",
        ),
    }
    skips = {
        "no-lockers": Message(
            en="no locker rooms drawn (FC602 reports it)",
            zh="未绘制更衣室（由 FC602 报告）",
        ),
        "no-staff": Message(
            en="no staff count given and no windows to estimate it from (use --staff N)",
            zh="未提供工作人员数量，也没有可用于估算的窗口（可用 --staff N 指定）",
        ),
    }

    @staticmethod
    def _pushes(rooms: list[Zone], short: float) -> list[Term]:
        """The shortfall shared among the rooms by their area, as the depth each gains when one
        of its long walls moves out: "男更衣室 0.45 m" (each room named in both languages)."""
        total = sum(z.area_m2 for z in rooms) or 1.0
        out = []
        for z in rooms:
            rect = z.geometry.minimum_rotated_rectangle
            xy = shapely.get_coordinates(rect)
            sides = [math.dist(xy[k], xy[k + 1]) for k in range(min(4, len(xy) - 1))]
            long_side = max(sides) if sides else 0.0
            if long_side <= 0:
                continue
            share = short * (z.area_m2 / total if total > 0 else 1.0 / len(rooms))
            depth = fmt_m(math.ceil(share / long_side * 100) / 100)
            out.append(Term(f"{z.term.en} {depth}", f"{z.term.zh} {depth}"))
        return out

    def check(self) -> Iterator[Finding]:
        lockers = [z for z in self.plan.zones if z.type in LOCKER_TYPES]
        if not lockers:
            raise self.skip("no-lockers")
        per = self.opts["area_per_staff_m2"]
        staff, given = staff_count(self, 1.5)
        if staff == 0:
            raise self.skip("no-staff")
        total = sum(z.area_m2 for z in lockers)
        if total + 1e-6 < per * staff:
            assumed: dict[str, Any] = {} if given else {"windows": _window_count(self)}
            pushes = self._pushes(lockers, per * staff - total)
            fix = ("fix-enlarge", {"needed": per * staff, "staff": staff, "pushes": pushes})
            yield self.report(
                "too-small" if given else "too-small-assumed-staff",
                fix=fix if pushes else None,
                zones=tuple(z.id for z in lockers),
                measured=total,
                limit=replace(self.limit("area_per_staff_m2"), value=per * staff),
                total=total,
                staff=staff,
                per=per,
                needed=per * staff,
                short=per * staff - total,
                **assumed,
            )
        meta = self.ctx.meta
        for type_id, count in (
            ("locker_male", meta.staff_male),
            ("locker_female", meta.staff_female),
        ):
            rooms = self.ctx.zones(type_id)
            if count is None or not rooms:
                continue
            area = sum(z.area_m2 for z in rooms)
            if area + 1e-6 < per * count:
                pushes = self._pushes(rooms, per * count - area)
                fix = ("fix-enlarge", {"needed": per * count, "staff": count, "pushes": pushes})
                yield self.report(
                    "room-too-small",
                    fix=fix if pushes else None,
                    zones=tuple(z.id for z in rooms),
                    measured=area,
                    limit=replace(self.limit("area_per_staff_m2"), value=per * count),
                    room=zone_type(type_id).term,
                    area=area,
                    count=count,
                    needed=per * count,
                    short=per * count - area,
                )
