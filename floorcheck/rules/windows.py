"""FC2xx — service windows (§六, §七(二)1–2, §七(二)5, §七(三)2)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from ..findings import Finding
from ..geometry.hall import hall_geometry, hall_near
from ..geometry.index import ZoneIndex
from ..model import Window
from ..vocab import WINDOW_KINDS, zone_type
from ._fixes import Thing
from .base import GUIDE, Basis, Message, Option, Rule, register


@register
class UndifferentiatedWindowCount(Rule):
    """Enough undifferentiated comprehensive windows for the level.

    ## What it checks
    The number of windows of kind `undifferentiated` is at least the level's minimum: a
    government service centre 5, a convenience service centre 2, a community station 2, a
    village station 1.

    ## Why
    §六: 「政务服务中心无差别综合受理窗口数量不少于5个……便民服务中心无差别综合受理窗口数量不少于2个；
    社区便民服务站无差别综合受理窗口数量不少于2个，村便民服务站至少设置1个无差别综合受理窗口。」
    — the minimum number of undifferentiated comprehensive windows of each level.

    ## Example
    Fails: a county hall with 4 undifferentiated windows (1 short).
    Passes: the same hall with 5.

    ## Options
    None (the minimums are the guide's).
    """

    code = "FC201"
    name = "undifferentiated-window-count"
    severity = "error"
    clause = "§六"
    title_zh = "无差别综合受理窗口数量满足本级别要求"
    summary_zh = (
        "无差别综合受理窗口数量不少于本级别的最低要求：政务服务中心 5 个，"
        "便民服务中心 2 个，社区便民服务站 2 个，村便民服务站 1 个。"
    )
    basis = Basis(
        GUIDE,
        "§六",
        "政务服务中心无差别综合受理窗口数量不少于5个……便民服务中心无差别综合受理窗口数量不少于2个；"
        "社区便民服务站无差别综合受理窗口数量不少于2个，村便民服务站至少设置1个无差别综合受理窗口",
        "centres have at least 5 undifferentiated windows, convenience centres and community "
        "stations 2, village stations 1",
    )
    messages = {
        "too-few": Message(
            en="{count} undifferentiated comprehensive windows < {need} required for a {level}; "
            "{short} short",
            zh="无差别综合受理窗口 {count} 个，{level}应不少于 {need} 个；差 {short} 个",
        ),
    }

    def check(self) -> Iterator[Finding]:
        level = self.require_level()
        count = sum(1 for w in self.plan.windows if w.kind == "undifferentiated")
        need = level.min_undifferentiated_windows
        if count < need:
            yield self.report(
                "too-few",
                measured=float(count),
                limit=self.fixed_limit(need, "count"),
                count=count,
                need=need,
                level=level.term,
                short=need - count,
            )


_MISSING_WINDOW = Message(
    en="no {kind} found; the guide requires one",
    zh="未设{kind}；指南要求设置",
)

# The messages of a special window that must also stand in a given zone (FC203, FC204).
_PLACED_WINDOW_MESSAGES = {
    "missing": _MISSING_WINDOW,
    "misplaced": Message(
        en="the {kind} {window} stands in {zone} ({zone_id}); at county level and above it must "
        "stand in the {target}",
        zh="{kind} {window} 位于{zone}（{zone_id}）；县级以上应设在{target}",
    ),
    "outside-zones": Message(
        en="the {kind} {window} stands outside every zone; at county level and above it must "
        "stand in the {target}",
        zh="{kind} {window} 位于功能区之外；县级以上应设在{target}",
    ),
}


class _SpecialWindow(Rule):
    """A window kind that must exist, and at county level and above stand in a given zone."""

    kind: str
    zone_type: str | None = None
    messages = {"missing": _MISSING_WINDOW}

    def check(self) -> Iterator[Finding]:
        level = self.require_level()
        kind = WINDOW_KINDS[self.kind]
        windows = [w for w in self.plan.windows if w.kind == self.kind]
        if not windows:
            yield self.report("missing", kind=kind.term)
            return
        if self.zone_type is None or not level.county_or_above:
            return
        index = ZoneIndex(self.plan.zones)
        target = zone_type(self.zone_type)
        placed = [(w, index.window_zone(w)) for w in windows]
        if any(z is not None and z.type == self.zone_type for _, z in placed):
            return
        w, z = placed[0]
        where: dict[str, Any] = {"kind": kind.term, "window": w.id, "target": target.term}
        if z is None:
            yield self.report("outside-zones", location=w.position, **where)
        else:
            yield self.report(
                "misplaced",
                zones=(z.id,),
                location=w.position,
                zone=z.term,
                zone_id=z.id,
                **where,
            )


@register
class AssistedWindow(_SpecialWindow):
    """An assisted-service window for the elderly and disabled exists.

    ## What it checks
    At least one window of kind `assisted`.

    ## Why
    §六: 「应设置为老年人、残疾人等特殊群体提供帮办代办服务的服务窗口」 — a window offering
    assisted service to the elderly, the disabled and other special groups.

    ## Example
    Fails: a hall whose windows are all undifferentiated.
    Passes: one counter block with the attribute 「TYPE=帮办代办」.

    ## Options
    None.
    """

    code = "FC202"
    name = "assisted-window"
    severity = "error"
    clause = "§六"
    kind = "assisted"
    title_zh = "设有帮办代办窗口"
    summary_zh = "至少设有一个帮办代办窗口，为老年人、残疾人等特殊群体服务。"
    basis = Basis(
        GUIDE,
        "§六",
        "应设置为老年人、残疾人等特殊群体提供帮办代办服务的服务窗口",
        "a window offers assisted service to the elderly, the disabled and other groups",
    )


@register
class CrossProvinceWindow(_SpecialWindow):
    """A cross-province window exists; at county level and above it stands in the acceptance area.

    ## What it checks
    At least one window of kind `cross_province`; for city and county halls, one of them serves
    the comprehensive acceptance area (its public side lies in that zone).

    ## Why
    §六: 「设置“跨省通办”窗口，为企业和群众提供异地办事服务」 — a cross-province window serves
    people from other provinces; §七(二)2: 「县级以上政务服务中心应设置“跨省通办”服务窗口」 —
    county centres and above set it up in the acceptance area.

    ## Example
    Fails: a county hall whose cross-province window stands in the consultation area.
    Passes: the same window moved among the counters of the acceptance area.

    ## Options
    None.
    """

    code = "FC203"
    name = "cross-province-window"
    severity = "error"
    clause = "§六, §七(二)2"
    kind = "cross_province"
    zone_type = "acceptance"
    messages = _PLACED_WINDOW_MESSAGES
    title_zh = "设有跨省通办窗口；县级以上设在综合受理区"
    summary_zh = (
        "至少设有一个跨省通办窗口；市级、县级大厅中其一服务于综合受理区（服务侧位于该区内）。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)2",
        "县级以上政务服务中心应设置“跨省通办”服务窗口",
        "county centres and above set up a cross-province window",
    )


@register
class ComplaintWindow(_SpecialWindow):
    """A complaints window exists; at county level and above it stands in the consultation area.

    ## What it checks
    At least one window of kind `complaint`; for city and county halls, one of them stands in
    (serves) the consultation and guidance area.

    ## Why
    §六: 「设置“办不成事”反映窗口，提供兜底服务」 — a window for matters that could not be done;
    §七(二)1: 「县级以上政务服务中心设置“办不成事”反映窗口」 — county centres and above set it up
    in the consultation area.

    ## Example
    Fails: a county hall with no complaints window, or with one among the acceptance counters.
    Passes: a counter labelled 「办不成事反映窗口」 inside the consultation area.

    ## Options
    None.
    """

    code = "FC204"
    name = "complaint-window"
    severity = "error"
    clause = "§六, §七(二)1"
    kind = "complaint"
    zone_type = "consultation"
    messages = _PLACED_WINDOW_MESSAGES
    title_zh = "设有“办不成事”反映窗口；县级以上设在咨询导服区"
    summary_zh = "至少设有一个“办不成事”反映窗口；市级、县级大厅中其一位于咨询导服区。"
    basis = Basis(
        GUIDE,
        "§七(二)1",
        "县级以上政务服务中心设置”办不成事”反映窗口",
        "county centres and above set up a complaints window",
    )


@register
class OneMetreLine(Rule):
    """A one-metre waiting line fits in front of every window.

    ## What it checks
    In front of every window, on its public side, a strip `depth_m` deep and `strip_width_m`
    wide is free of walls and fixed furniture (the window's own counter excluded) and lies on
    the hall's floor.

    ## Why
    §七(三)2: 「综合受理区……设置一米等候线」 — a one-metre waiting line in front of the counters.
    The depth of 1.0 m is the guide's; the strip's width is floorcheck's.

    ## Example
    Fails: a window whose public side faces a wall 0.6 m away.
    Passes: the same window with 3 m of open floor in front.

    ## Options
    - `depth_m` (default 1.0): clear depth in front of the counter.
    - `strip_width_m` (default 0.8): width of the strip checked (about one person).
    """

    code = "FC205"
    name = "one-metre-line"
    severity = "warning"
    clause = "§七(三)2"
    title_zh = "每个窗口前可设一米等候线"
    summary_zh = (
        "每个窗口服务侧前方 depth_m 深、strip_width_m 宽的条带内没有墙体和固定家具（窗口本身的柜台"
        "除外），且位于大厅地面上。"
    )
    basis = Basis(
        GUIDE,
        "§七(三)2",
        "综合受理区……设置一米等候线",
        "a one-metre waiting line in front of the counters",
    )
    options = (
        Option(
            "depth_m",
            1.0,
            "clear depth required in front of each window (m)",
            "每个窗口前所需的净深（m）",
        ),
        Option(
            "strip_width_m",
            0.8,
            "width of the checked strip (m)",
            "检查条带的宽度（m）",
            tolerance=True,
        ),
    )
    messages = {
        "too-shallow": Message(
            en="window {window}: only {clear:m} clear in front of the counter; a one-metre waiting "
            "line needs {depth:m}",
            zh="窗口 {window} 前仅有 {clear:m} 净深；一米等候线需 {depth:m}",
        ),
        "fix-too-shallow": Message(
            en="the {thing} at {at:xy} is {clear:m} from window {window}: move it "
            "{move:m} further away ({depth:m} clear)",
            zh="{at:xy} 处的{thing}距窗口 {window} 仅 {clear:m}：需再移开 {move:m}（净深 {depth:m}）",
        ),
    }
    skips = {
        "no-floor": Message(
            en="the plan has no floor (no zones or hall outline)",
            zh="图纸中没有地面（既无功能区也无大厅轮廓）",
        ),
    }

    def _strip(self, w: Window, depth_m: float) -> Polygon:
        a = math.radians(w.facing_deg)
        fx, fy = math.cos(a), math.sin(a)
        sx, sy = -fy, fx
        half = self.opts["strip_width_m"] / 2
        near, far = 0.05, depth_m
        x, y = w.position
        return Polygon(
            [
                (x + fx * near + sx * half, y + fy * near + sy * half),
                (x + fx * far + sx * half, y + fy * far + sy * half),
                (x + fx * far - sx * half, y + fy * far - sy * half),
                (x + fx * near - sx * half, y + fy * near - sy * half),
            ]
        )

    def check(self) -> Iterator[Finding]:
        if not self.plan.windows:
            raise self.skip("no-windows")
        floor = hall_geometry(self.plan)
        if floor is None or floor.is_empty:
            raise self.skip("no-floor")
        blockers = list(self.plan.walls) + [
            o.geometry for o in self.plan.obstacles if o.kind not in ("counter",)
        ]
        tree = shapely.STRtree(blockers) if blockers else None
        things = [Thing("wall", g) for g in self.plan.walls] + [
            Thing(o.kind, o.geometry, o.label)
            for o in self.plan.obstacles
            if o.kind not in ("counter",)
        ]
        strips = [self._strip(w, self.opts["depth_m"]) for w in self.plan.windows]
        for w, strip in zip(self.plan.windows, strips, strict=True):
            blocked = None
            hits: list[int] = []
            if tree is not None:
                hits = [int(i) for i in tree.query(strip, predicate="intersects")]
                if hits:
                    blocked = shapely.union_all([blockers[i] for i in hits])
            # the floor grown by 5 cm near this strip only (growing the whole floor once per
            # window made this rule quadratic in the windows)
            floor_near = hall_near(self.plan, strip.bounds, 0.05)
            off_floor = strip.difference(floor_near)
            if blocked is None and off_floor.area < 0.01:
                continue
            clear = self._clear_depth(w, blocked, floor_near)
            yield self.report(
                "too-shallow",
                fix=self._fix(w, clear, [things[i] for i in hits], off_floor),
                location=w.position,
                measured=clear,
                limit=self.limit("depth_m"),
                geometry=strip,
                window=w.id,
                clear=clear,
                depth=self.opts["depth_m"],
            )

    def _fix(
        self, w: Window, clear: float, hits: list[Thing], off_floor: BaseGeometry
    ) -> tuple[str, dict[str, Any]] | None:
        """The thing in the strip nearest the counter (or the edge of the floor) and how far it
        must move for the full depth."""
        depth = self.opts["depth_m"]
        if clear >= depth:
            return None
        a = math.radians(w.facing_deg)
        fx, fy = math.cos(a), math.sin(a)
        strip = self._strip(w, depth)

        def ahead(g: BaseGeometry) -> float:
            xy = shapely.get_coordinates(g.intersection(strip))
            if not len(xy):
                return math.inf
            return float(((xy[:, 0] - w.position[0]) * fx + (xy[:, 1] - w.position[1]) * fy).min())

        candidates = [(ahead(t.geometry), t) for t in hits]
        if not off_floor.is_empty and off_floor.area >= 0.01:
            candidates.append((ahead(off_floor), Thing("floor-edge", off_floor)))
        candidates = [c for c in candidates if math.isfinite(c[0])]
        if not candidates:
            return None
        _, thing = min(candidates, key=lambda c: c[0])
        at = w.side_point("public", clear)
        return (
            "fix-too-shallow",
            {
                "thing": thing.term,
                "at": thing.near(at),
                "clear": clear,
                "window": w.id,
                "move": depth - clear,
                "depth": depth,
            },
        )

    def _clear_depth(self, w: Window, blocked: BaseGeometry | None, floor: BaseGeometry) -> float:
        """How deep the strip can go before it meets a blocker or leaves the floor (5 cm steps);
        ``floor`` is the floor grown by 5 cm."""
        depth = 0.0
        while depth + 0.05 <= self.opts["depth_m"] + 1e-9:
            strip = self._strip(w, depth + 0.05)
            if (blocked is not None and strip.intersects(blocked)) or strip.difference(
                floor
            ).area >= 0.01:
                break
            depth += 0.05
        return depth


@register
class CrossProvinceSelfService(Rule):
    """A cross-province self-service point stands in the self-declaration area.

    ## What it checks
    At least one self-service terminal marked as cross-province (block name, attribute or nearby
    label 「跨省通办」) stands inside a self-declaration area.

    ## Why
    §七(二)5: 「各级办事大厅应在此区域设置“跨省通办”自助服务区」 — every hall sets up a
    cross-province self-service point in the self-declaration zone.

    ## Example
    Fails: terminals in the self-declaration area but none marked cross-province; or the
    cross-province kiosk in the waiting area.
    Passes: a 「自助终端」 block with the attribute 「跨省通办」 inside the self-declaration area.

    ## Options
    None.
    """

    code = "FC206"
    name = "cross-province-self-service"
    severity = "error"
    clause = "§七(二)5"
    title_zh = "自助申报区设有跨省通办自助服务点"
    summary_zh = "至少有一台标注为跨省通办（图块名、属性或附近标注）的自助终端位于自助申报区内。"
    basis = Basis(
        GUIDE,
        "§七(二)5",
        "各级办事大厅应在此区域设置“跨省通办”自助服务区",
        "every hall sets up a cross-province self-service point in the self-declaration area",
    )
    messages = {
        "missing": Message(
            en="no cross-province self-service terminal found ({terminals} terminal(s) in the "
            "plan); mark one as cross-province in the self-declaration area",
            zh="未找到跨省通办自助终端（图中共 {terminals} 台终端）；应在自助申报区设置",
        ),
        "misplaced": Message(
            en="the cross-province terminal {terminal} stands in {zone}, not in a "
            "self-declaration area",
            zh="跨省通办自助终端 {terminal} 位于{zone}，而非自助申报区",
        ),
        "outside-zones": Message(
            en="the cross-province terminal {terminal} stands in no zone, not in a "
            "self-declaration area",
            zh="跨省通办自助终端 {terminal} 位于功能区之外，而非自助申报区",
        ),
    }

    def check(self) -> Iterator[Finding]:
        points = [t for t in self.plan.terminals if t.cross_province]
        if not points:
            yield self.report("missing", terminals=len(self.plan.terminals))
            return
        zones = self.ctx.zones("self_declaration")
        index = ZoneIndex(zones)
        if any(index.zone_at(t.position) is not None for t in points):
            return
        t = points[0]
        where = ZoneIndex(self.plan.zones).zone_at(t.position)
        if where is None:
            yield self.report("outside-zones", location=t.position, terminal=t.id)
        else:
            yield self.report(
                "misplaced", location=t.position, zones=(where.id,), terminal=t.id, zone=where.term
            )
