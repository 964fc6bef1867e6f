"""FC4xx — where zones stand relative to each other (§七(一), §七(二)), on the adjacency graph.

Walking distances go through open boundaries and doors (``geometry/walking.py``); adjacency and
the kind of each shared boundary come from ``geometry/adjacency.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx
import shapely
from shapely.geometry import Point

from ..findings import Finding
from ..model import XY, Door, Plan, Zone
from ..terms import Term
from .base import (
    DEFAULT,
    GUIDE,
    Basis,
    Message,
    Option,
    Rule,
    near_points,
    opening,
    overlap,
    overlaps,
    register,
)

if TYPE_CHECKING:
    from ..geometry.analysis import Analysis
    from ..geometry.walking import Walk


def _need_main(rule: Rule) -> Door:
    door = rule.plan.main_entrance
    if door is None:
        raise rule.skip("no-main-entrance")
    return door


def _distance(help_en: str, help_zh: str, default: float) -> Option:
    """A walking or straight-line distance the guide states only in words ("near", "at"): a
    floorcheck default."""
    return Option("max_distance_m", default, help_en, help_zh, basis=Basis(DEFAULT))


def _known_public(plan: Plan) -> set[str]:
    """The zones known to be public: rooms whose names are no zone type of the guide
    (``unknown``: a 档案室, an IT room …) may be staff rooms as well, so separation rules
    (FC405, FC410) assert nothing about openings onto them."""
    return {z.id for z in plan.zones if z.public and z.type not in ("hall", "unknown")}


def _open_edges(rule: Rule, zone: Zone, others: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    g = rule.ctx.analysis.graph
    for nb in g.neighbors(zone.id):
        e = g.edges[zone.id, nb]
        if nb in others and e["kind"] == "open":
            yield nb, e


def _open_boundary(what: str, what_zh: str) -> Message:
    """Message "open-boundary" of the separation rules: two zones share an open boundary."""
    return Message(
        en="{zone} ({zone_id}) and {other} ({other_id}) share an open boundary of {length:m} "
        "at {at:xy}; " + what,
        zh="{zone}（{zone_id}）与{other}（{other_id}）之间有 {length:m} 的开敞边界，位于 {at:xy}；"
        + what_zh,
    )


def _open_boundary_finding(rule: Rule, a: Zone, b: Zone, e: dict[str, Any]) -> Finding:
    """An open boundary between ``a`` and ``b``: one opening, whichever rule reports it (its
    cause groups the findings of FC404, FC405, FC408 and FC410 into one)."""
    geom = e.get("open_geometry") or e["geometry"]
    mid = geom.interpolate(0.5, normalized=True) if geom.geom_type != "Point" else geom
    return rule.report(
        "open-boundary",
        zones=(a.id, b.id),
        location=(mid.x, mid.y),
        measured=e["open_length_m"],
        limit=rule.fixed_limit(0.0, "m"),
        geometry=geom,
        cause=opening(a.id, b.id),
        zone=a.term,
        zone_id=a.id,
        other=b.term,
        other_id=b.id,
        length=e["open_length_m"],
        at=(mid.x, mid.y),
    )


def _walk_over_limit(
    rule: Rule, zone: Zone, walk: Walk | None, location: XY, **values: Any
) -> Finding:
    """The walking-distance family (FC401, FC402, FC406, FC407): the shortest ``walk`` to
    ``zone`` from where the zone should be is longer than the rule's ``max_distance_m`` (message
    "too-far"), or there
    is none (``walk`` None, message "unreachable"). ``values`` fill the rest of the message (e.g.
    the door walked from). The finding carries the limit when its text states it.
    """
    limit = rule.limit("max_distance_m")
    if walk is None:
        fields: dict[str, Any] = {"zone": zone.term, "zone_id": zone.id, **values}
        states_limit = "limit_m" in rule.messages["unreachable"].fields
        if states_limit:
            fields["limit_m"] = limit.value
        return rule.report(
            "unreachable",
            zones=(zone.id,),
            location=location,
            limit=limit if states_limit else None,
            **fields,
        )
    return rule.report(
        "too-far",
        fix=_cut(rule, zone, walk, limit.value),
        zones=(zone.id,),
        location=location,
        measured=walk.length_m,
        limit=limit,
        geometry=walk.path,
        zone=zone.term,
        zone_id=zone.id,
        distance=walk.length_m,
        limit_m=limit.value,
        **values,
    )


_FIX_TOO_FAR = Message(
    en="{cut:m} too far: {zone} ({zone_id}) must reach {at:xy}, {limit_m:m} along the walk",
    zh="超出 {cut:m}：{zone}（{zone_id}）应延伸至 {at:xy}（沿步行路线 {limit_m:m} 处）",
)


def _cut(rule: Rule, zone: Zone, walk: Walk, limit: float) -> tuple[str, dict[str, Any]] | None:
    """The distance to cut, and the point of the walk at the limit: where the zone (its nearest
    edge) would have to be. Only for rules whose table has "fix-too-far"."""
    if "fix-too-far" not in rule.messages or walk.length_m <= limit:
        return None
    path = walk.path
    if path.geom_type != "LineString" or path.length <= 0:
        return None
    coords = shapely.get_coordinates(path)
    start, end = Point(coords[0]), Point(coords[-1])
    # the walk runs from where the zone should be to the zone: start at the end far from it
    if zone.geometry.distance(start) < zone.geometry.distance(end):
        path = shapely.reverse(path)
    p = path.interpolate(limit / walk.length_m * path.length)
    return (
        "fix-too-far",
        {
            "cut": walk.length_m - limit,
            "zone": zone.term,
            "zone_id": zone.id,
            "at": (round(p.x, 2), round(p.y, 2)),
            "limit_m": limit,
        },
    )


def _natural(zone_id: str) -> tuple[int, str]:
    """Sort key putting Z2 before Z10."""
    return len(zone_id), zone_id


def _touches_hall(a: Analysis, zone: Zone, halls: set[str], door: Door) -> bool:
    """The zone shares a door or an open boundary with an entrance hall, or touches the door."""
    for h in halls:
        e = a.edge(zone.id, h)
        if e and e["kind"] != "wall":
            return True
    return zone.geometry.distance(Point(door.position)) <= a.adjacency_options.wall_tolerance_m


@register
class ConsultationAtEntrance(Rule):
    """The consultation area stands at the main entrance.

    ## What it checks
    The consultation zone touches the entrance hall or the main entrance itself, or its
    nearest point is within `max_distance_m` walking distance of the main entrance.

    ## Why
    §七(二)1: 「咨询服务台的位置要置于主要入口处，保证与进口人流有直接接触面」 — the consultation
    desk stands at the main entrance, in direct contact with the incoming flow.

    ## Example
    Fails: the consultation zone at the back of the hall, 18 m from the main door.
    Passes: the consultation zone beside the entrance hall.

    ## Options
    - `max_distance_m` (default 6.0): walking distance from the main entrance (a floorcheck
      default, not a number of the guide: a finding against it is a warning unless the rule's
      severity or the distance is set in floorcheck.toml).
    """

    code = "FC401"
    name = "consultation-at-entrance"
    severity = "error"
    clause = "§七(二)1"
    title_zh = "咨询导服区位于主入口处"
    summary_zh = (
        "咨询导服区与门厅或主入口相接，或其最近点距主入口的步行距离在 max_distance_m 以内。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)1",
        "咨询服务台的位置要置于主要入口处，保证与进口人流有直接接触面",
        "the consultation desk stands at the main entrance, in direct contact with the incoming "
        "flow",
    )
    options = (
        _distance("walking distance from the main entrance (m)", "距主入口的步行距离（m）", 6.0),
    )
    messages = {
        "too-far": Message(
            en="{zone} ({zone_id}) is {distance:m} walking from the main entrance {door}; it should "
            "touch the entrance hall or be within {limit_m:m}",
            zh="{zone}（{zone_id}）距主入口 {door} 步行 {distance:m}；应与门厅相接或在 {limit_m:m} 以内",
        ),
        "unreachable": Message(
            en="{zone} ({zone_id}) cannot be reached from the main entrance {door}",
            zh="从主入口 {door} 无法到达{zone}（{zone_id}）",
        ),
        "fix-too-far": _FIX_TOO_FAR,
    }

    def check(self) -> Iterator[Finding]:
        zones = self.need_zones("consultation")
        door = _need_main(self)
        a = self.ctx.analysis
        halls = {z.id for z in self.ctx.zones("entrance_hall")}
        walks = a.public_walk.from_door(door)
        if any(_touches_hall(a, z, halls, door) for z in zones):
            return
        best = min(zones, key=lambda z: walks[z.id].length_m if z.id in walks else float("inf"))
        walk = walks.get(best.id)
        if walk is None or walk.length_m > self.opts["max_distance_m"]:
            yield _walk_over_limit(self, best, walk, door.position, door=door.id)


@register
class WaitingNextToWindows(Rule):
    """The waiting area stands next to the windows.

    ## What it checks
    Every waiting zone is adjacent to the acceptance area with an open boundary, or lies within
    `max_distance_m` walking distance of the nearest service window (from the window's public
    side). A waiting area split in two parts is checked part by part.

    ## Why
    §七(二)3: 「休息等候区。应设在综合窗口附近，以便于清楚看到叫号提示屏」 — the waiting area
    stands near the windows so that the queue display can be seen.

    ## Example
    Fails: a waiting room behind a wall, 9.4 m from the nearest window.
    Passes: a waiting area opening onto the counters.

    ## Options
    - `max_distance_m` (default 5.0): walking distance from the nearest window (a floorcheck
      default, not a number of the guide: a finding against it is a warning unless set).
    """

    code = "FC402"
    name = "waiting-next-to-windows"
    severity = "error"
    clause = "§七(二)3"
    title_zh = "休息等候区靠近综合窗口"
    summary_zh = (
        "每个休息等候区与综合受理区有开敞边界相接，或距最近窗口（从窗口服务侧起算）的步行距离在 "
        "max_distance_m 以内。分为两部分的等候区逐部分检查。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)3",
        "休息等候区。应设在综合窗口附近，以便于清楚看到叫号提示屏",
        "the waiting area stands near the windows so that the queue display can be seen",
    )
    options = (
        _distance("walking distance from the nearest window (m)", "距最近窗口的步行距离（m）", 5.0),
    )
    messages = {
        "too-far": Message(
            en="{zone} ({zone_id}) is {distance:m} from the nearest window; it should be within "
            "{limit_m:m} or open onto the acceptance area",
            zh="{zone}（{zone_id}）距最近窗口 {distance:m}；应在 {limit_m:m} 以内或与综合受理区开敞相连",
        ),
        "no-window-reachable": Message(
            en="{zone} ({zone_id}) has no open boundary with the acceptance area and no window can "
            "be reached from it",
            zh="{zone}（{zone_id}）与综合受理区无开敞边界，且无法到达任何窗口",
        ),
        "fix-too-far": _FIX_TOO_FAR,
    }
    skips = {
        "no-counters": Message(
            en="neither an acceptance area nor service windows in the plan",
            zh="图纸中既无综合受理区也无服务窗口",
        ),
    }

    def check(self) -> Iterator[Finding]:
        waiting = self.need_zones("waiting")
        acceptance = {z.id for z in self.ctx.zones("acceptance")}
        windows = [w for w in self.plan.windows if w.comprehensive] or list(self.plan.windows)
        if not acceptance and not windows:
            raise self.skip("no-counters")
        walk = self.ctx.analysis.public_walk
        index = self.ctx.analysis.index
        points = [w.side_point("public", 0.6) for w in windows]
        starts = [(xy, index.zone_at(xy, tolerance=1.0)) for xy in points]
        from_windows = walk.distances_from_points(starts) if starts else {}
        for z in waiting:
            if any(True for _ in _open_edges(self, z, acceptance)):
                continue
            best = from_windows.get(z.id)
            if best is None:
                yield self.report(
                    "no-window-reachable",
                    zones=(z.id,),
                    geometry=z.geometry,
                    zone=z.term,
                    zone_id=z.id,
                )
            elif best.length_m > self.opts["max_distance_m"]:
                yield _walk_over_limit(self, z, best, z.centroid)


@register
class WaitingAwayFromEntrances(Rule):
    """The waiting area stands away from entrances and main passages.

    ## What it checks
    No entrance door lies within `min_distance_m` (straight line) of a waiting zone, and no
    waiting zone overlaps a corridor zone by more than `overlap_tolerance_m2`.

    ## Why
    §七(二)3: 「不宜设置在人流密集的过道和出入口区域」 — the waiting area should not be placed in
    busy passages or at the entrances.

    ## Example
    Fails: a waiting area whose edge is 1.5 m from the main door.
    Passes: the same waiting area moved 8 m into the hall.

    ## Options
    - `min_distance_m` (default 3.0): clearance from every entrance (a floorcheck default).
    - `overlap_tolerance_m2` (default 0.5): overlap with a corridor ignored as drawing noise.
    """

    code = "FC403"
    name = "waiting-away-from-entrances"
    severity = "warning"
    clause = "§七(二)3"
    title_zh = "休息等候区远离出入口和主要过道"
    summary_zh = (
        "任何出入口与休息等候区的直线距离不小于 min_distance_m，且休息等候区与走廊重叠不超过 "
        "overlap_tolerance_m2。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)3",
        "不宜设置在人流密集的过道和出入口区域",
        "the waiting area should not be in busy passages or at the entrances",
    )
    options = (
        Option(
            "min_distance_m",
            3.0,
            "straight-line clearance from entrances (m)",
            "与出入口的直线距离（m）",
            basis=Basis(DEFAULT),
        ),
        Option(
            "overlap_tolerance_m2",
            0.5,
            "overlap with corridors ignored (m²)",
            "可忽略的与走廊重叠面积（m²）",
            tolerance=True,
        ),
    )
    messages = {
        "near-entrance": Message(
            en="{zone} ({zone_id}) is {distance:m} from entrance {door}; keep it at least "
            "{limit_m:m} away from entrances",
            zh="{zone}（{zone_id}）距出入口 {door} 仅 {distance:m}；不宜设在出入口区域（应不少于 {limit_m:m}）",
        ),
        "in-corridor": Message(
            en="{zone} ({zone_id}) overlaps the corridor {corridor} by {area:m2}; waiting areas "
            "should not sit in passages",
            zh="{zone}（{zone_id}）与通道 {corridor} 重叠 {area:m2}；休息等候区不宜设在过道",
        ),
    }
    skips = {
        "no-entrances": Message(
            en="no entrance doors found (FC008)", zh="未找到出入口（见 FC008）"
        ),
    }

    def check(self) -> Iterator[Finding]:
        waiting = self.need_zones("waiting")
        entrances = self.plan.entrances
        if not entrances:
            raise self.skip("no-entrances")
        corridors = self.ctx.zones("corridor")
        near = near_points(waiting, [d.position for d in entrances], self.opts["min_distance_m"])
        overlapping = overlaps(waiting, corridors, self.opts["overlap_tolerance_m2"])
        for k, z in enumerate(waiting):
            for j, dist in near.get(k, []):
                d = entrances[j]
                if dist < self.opts["min_distance_m"]:
                    yield self.report(
                        "near-entrance",
                        zones=(z.id,),
                        location=d.position,
                        measured=dist,
                        limit=self.limit("min_distance_m"),
                        geometry=shapely.shortest_line(z.geometry, Point(d.position)),
                        zone=z.term,
                        zone_id=z.id,
                        distance=dist,
                        door=d.id,
                        limit_m=self.opts["min_distance_m"],
                    )
            for j, shared in overlapping.get(k, []):
                c = corridors[j]
                if shared.area > self.opts["overlap_tolerance_m2"]:
                    yield self.report(
                        "in-corridor",
                        zones=(z.id, c.id),
                        measured=shared.area,
                        limit=self.limit("overlap_tolerance_m2"),
                        geometry=shared,
                        cause=overlap(z.id, c.id),
                        zone=z.term,
                        zone_id=z.id,
                        corridor=c.id,
                        area=shared.area,
                    )


@register
class BackOfficeSeparatedFromCounters(Rule):
    """The back office is physically separated from the acceptance and certificate areas.

    ## What it checks
    No back-office zone shares an *open* boundary with an acceptance or certificate-issue zone:
    only walls, or walls with doors, may stand between them. An opening that breaks other rules
    too (FC405, FC408, FC410) is one finding, of this rule, that lists them.

    ## Why
    §七(二)4: 「与综合受理区、制证出证区物理分设」 — the back office is physically separate from the
    acceptance and certificate areas.

    ## Example
    Fails: back office and counters drawn as one open floor with no wall line between them.
    Passes: a wall with a staff door between them.

    ## Options
    None (adjacency tolerances are the `[geometry]` settings).
    """

    code = "FC404"
    name = "back-office-separated"
    severity = "error"
    clause = "§七(二)4"
    title_zh = "后台协同区与综合受理区、制证出证区物理分设"
    summary_zh = "后台协同区与综合受理区、制证出证区之间没有开敞边界：其间只能是墙，或带门的墙。"
    basis = Basis(
        GUIDE,
        "§七(二)4",
        "与综合受理区、制证出证区物理分设，不宜直接与行政相对人接触",
        "the back office is physically separate from the acceptance and certificate areas",
    )
    messages = {
        "open-boundary": _open_boundary(
            "the back office must be physically separate",
            "后台协同区应与综合受理区、制证出证区物理分设",
        ),
    }

    def check(self) -> Iterator[Finding]:
        backs = self.need_zones("back_office")
        fronts = {z.id for z in self.ctx.zones("acceptance", "certificate_issue")}
        for z in backs:
            for nb, e in _open_edges(self, z, fronts):
                yield _open_boundary_finding(self, z, self.plan.zone(nb), e)


@register
class BackOfficeNoPublicContact(Rule):
    """The back office has no direct contact with the public.

    ## What it checks
    No back-office zone has an open boundary with any public zone, and every door between a
    back-office zone and a public zone is marked staff-only (a label 「员工」, 「内部」 or
    「STAFF」, a staff layer, or the mapping).

    ## Why
    §七(二)4: 「不宜直接与行政相对人接触」 — the back office should not be in direct contact with
    the people being served.

    ## Example
    Fails: an ordinary door from the waiting area into the back office.
    Passes: the same door labelled 「员工通道」 (staff only).

    ## Options
    None.
    """

    code = "FC405"
    name = "back-office-no-public-contact"
    severity = "error"
    clause = "§七(二)4"
    title_zh = "后台协同区不与办事群众直接接触"
    summary_zh = (
        "后台协同区与任何公共功能区之间没有开敞边界，且后台协同区与公共功能区之间的每扇门都标注为员工"
        "专用（标注“员工”“内部”或“STAFF”，员工图层，或映射文件）。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)4",
        "不宜直接与行政相对人接触",
        "the back office should not be in direct contact with the people being served",
    )
    messages = {
        "open-boundary": _open_boundary(
            "the back office must not open onto public space", "后台协同区不宜与办事群众直接接触"
        ),
        "public-door": Message(
            en="door {door} ({width:.2f} m) joins {zone} ({zone_id}) to {other} ({other_id}) and "
            "is not marked staff-only",
            zh="门 {door}（{width:.2f} m）连接{zone}（{zone_id}）与{other}（{other_id}），但未标注为员工专用",
        ),
        "public-door-to-outside": Message(
            en="door {door} ({width:.2f} m) joins {zone} ({zone_id}) to the outside and is not "
            "marked staff-only",
            zh="门 {door}（{width:.2f} m）连接{zone}（{zone_id}）与室外，但未标注为员工专用",
        ),
    }

    def check(self) -> Iterator[Finding]:
        backs = self.need_zones("back_office")
        public = _known_public(self.plan)
        g = self.ctx.analysis.graph
        doors = {d.id: d for d in self.plan.doors}
        for z in backs:
            for nb in g.neighbors(z.id):
                e = g.edges[z.id, nb]
                is_entrance = nb.startswith("ENTRANCE:")
                if nb not in public and not is_entrance:
                    continue
                if e["kind"] == "open" and not is_entrance:
                    yield _open_boundary_finding(self, z, self.plan.zone(nb), e)
                    continue
                yield from self._public_doors(z, nb, [doors[i] for i in e["doors"]])

    def _public_doors(self, z: Zone, nb: str, doors: list[Door]) -> Iterator[Finding]:
        """Doors between back office ``z`` and ``nb`` (a public zone or the outside) that are
        not marked staff-only."""
        for d in doors:
            if d.staff_only:
                continue
            where: dict[str, Any] = {
                "door": d.id,
                "width": d.width_m,
                "zone": z.term,
                "zone_id": z.id,
            }
            if nb.startswith("ENTRANCE:"):
                yield self.report(
                    "public-door-to-outside", zones=(z.id,), location=d.position, **where
                )
            else:
                other = self.plan.zone(nb)
                yield self.report(
                    "public-door",
                    zones=(z.id, nb),
                    location=d.position,
                    other=other.term,
                    other_id=nb,
                    **where,
                )


@register
class BackOfficeConcentrated(Rule):
    """The back office is concentrated and close to the acceptance area.

    ## What it checks
    The back-office zones form one connected group (adjacent to each other through walls, doors
    or open boundaries), and the group is within `max_distance_m` walking distance (staff doors
    included) of the acceptance area.

    ## Why
    §七(二)4: 「后台办公区应相对集中，在综合受理区遇到疑难问题时，及时进行业务指导」 — the back
    office is concentrated, so it can help the counters promptly.

    ## Example
    Fails: two back-office rooms at opposite ends of the building.
    Passes: back-office rooms side by side behind the counters.

    ## Options
    - `max_distance_m` (default 15.0): walking distance to the acceptance zone (a floorcheck
      default).
    """

    code = "FC406"
    name = "back-office-concentrated"
    severity = "warning"
    clause = "§七(二)4"
    title_zh = "后台协同区相对集中并靠近综合受理区"
    summary_zh = (
        "各后台协同区连成一组（通过墙、门或开敞边界彼此相邻），且该组距综合受理区的步行距离（含员工门）"
        "在 max_distance_m 以内。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)4",
        "后台办公区应相对集中，在综合受理区遇到疑难问题时，及时进行业务指导",
        "the back office is concentrated, so that it can help the counters promptly",
    )
    options = (
        _distance(
            "walking distance to the acceptance zone (m)", "距综合受理区的步行距离（m）", 15.0
        ),
    )
    messages = {
        "split": Message(
            en="the back office is split into {groups} separate groups ({parts}); keep it together",
            zh="后台协同区分散为 {groups} 处（{parts}）；应相对集中",
        ),
        "too-far": Message(
            en="{zone} ({zone_id}) is {distance:m} from the acceptance area; it should be within "
            "{limit_m:m}",
            zh="{zone}（{zone_id}）距综合受理区 {distance:m}；应在 {limit_m:m} 以内",
        ),
        "unreachable": Message(
            en="{zone} ({zone_id}) cannot reach the acceptance area; it should be within "
            "{limit_m:m}",
            zh="{zone}（{zone_id}）无法到达综合受理区；应在 {limit_m:m} 以内",
        ),
    }

    def check(self) -> Iterator[Finding]:
        backs = self.need_zones("back_office")
        g = self.ctx.analysis.graph
        ids = [z.id for z in backs]
        # sorted (Z2 before Z10) so that the same plan always gives the same text
        groups = sorted(
            (sorted(grp, key=_natural) for grp in nx.connected_components(g.subgraph(ids))),
            key=lambda grp: _natural(grp[0]),
        )
        if len(groups) > 1:
            yield self.report(
                "split",
                zones=tuple(ids),
                measured=float(len(groups)),
                limit=self.fixed_limit(1, "count"),
                geometry=shapely.union_all([z.geometry for z in backs]),
                groups=len(groups),
                parts=Term(
                    "; ".join(", ".join(grp) for grp in groups),
                    "；".join("、".join(grp) for grp in groups),
                ),
            )
        acceptance = [z.id for z in self.ctx.zones("acceptance")]
        if not acceptance:
            return
        dists = self.ctx.analysis.walk.distances_from_zones(acceptance)
        for z in backs:
            best = dists.get(z.id)
            if best is None or best.length_m > self.opts["max_distance_m"]:
                yield _walk_over_limit(self, z, best, z.centroid)


@register
class CertificateBesideAcceptance(Rule):
    """The certificate issuing area stands beside the acceptance area.

    ## What it checks
    Every certificate-issue zone is adjacent to the acceptance area (through any boundary) or
    within `max_distance_m` walking distance of it.

    ## Why
    §七(二)8: 「宜设在综合受理区旁，集中对外服务」 — the certificate-issue area should be beside
    the acceptance area.

    ## Example
    Fails: certificates issued from a room 12 m across the hall from the counters.
    Passes: the certificate counter at the end of the counter row.

    ## Options
    - `max_distance_m` (default 3.0): walking distance to the acceptance zone (a floorcheck
      default).
    """

    code = "FC407"
    name = "certificate-beside-acceptance"
    severity = "warning"
    clause = "§七(二)8"
    title_zh = "制证出证区设在综合受理区旁"
    summary_zh = (
        "每个制证出证区与综合受理区相邻（任何边界），或距其步行距离在 max_distance_m 以内。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)8",
        "宜设在综合受理区旁，集中对外服务",
        "the certificate issuing area should be beside the acceptance area",
    )
    options = (
        _distance(
            "walking distance to the acceptance zone (m)", "距综合受理区的步行距离（m）", 3.0
        ),
    )
    messages = {
        "too-far": Message(
            en="{zone} ({zone_id}) is {distance:m} from the acceptance area; it should stand "
            "beside it (within {limit_m:m})",
            zh="{zone}（{zone_id}）距综合受理区 {distance:m}；宜设在综合受理区旁（{limit_m:m} 以内）",
        ),
        "unreachable": Message(
            en="{zone} ({zone_id}) is not reachable from the acceptance area; it should stand "
            "beside it (within {limit_m:m})",
            zh="{zone}（{zone_id}）无法到达综合受理区；宜设在综合受理区旁（{limit_m:m} 以内）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        certs = self.need_zones("certificate_issue")
        acceptance = [z.id for z in self.need_zones("acceptance")]
        a = self.ctx.analysis
        dists = a.public_walk.distances_from_zones(acceptance)
        acc_ids = set(acceptance)
        for z in certs:
            if any(nb in acc_ids for nb in a.graph.neighbors(z.id)):  # beside one already
                continue
            best = dists.get(z.id)
            if best is None or best.length_m > self.opts["max_distance_m"]:
                yield _walk_over_limit(self, z, best, z.centroid)


@register
class CertificateApart(Rule):
    """The certificate issuing area is clearly apart from the consultation area and the back office.

    ## What it checks
    No certificate-issue zone overlaps the consultation zone or the back office by more than
    `overlap_tolerance_m2`, and none shares an open boundary with the back office.

    ## Why
    §七(二)8: 「与咨询引导区、后台办公区做出明显区分」 — clearly distinguished from the
    consultation area and the back office.

    ## Example
    Fails: a certificate counter drawn inside the consultation zone.
    Passes: the certificate zone as a zone of its own beside the counters.

    ## Options
    - `overlap_tolerance_m2` (default 0.05): overlap ignored as drawing noise.
    """

    code = "FC408"
    name = "certificate-apart"
    severity = "error"
    clause = "§七(二)8"
    title_zh = "制证出证区与咨询导服区、后台协同区明显区分"
    summary_zh = (
        "制证出证区与咨询导服区或后台协同区的重叠不超过 overlap_tolerance_m2，且与后台协同区之间没有"
        "开敞边界。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)8",
        "与咨询引导区、后台办公区做出明显区分",
        "clearly distinguished from the consultation area and the back office",
    )
    options = (
        Option(
            "overlap_tolerance_m2",
            0.05,
            "overlap ignored (m²)",
            "可忽略的重叠面积（m²）",
            tolerance=True,
        ),
    )
    messages = {
        "overlap": Message(
            en="{zone} ({zone_id}) overlaps {other} ({other_id}) by {area:m2}; they must be "
            "clearly apart",
            zh="{zone}（{zone_id}）与{other}（{other_id}）重叠 {area:m2}；应明显区分",
        ),
        "open-boundary": _open_boundary(
            "it must be clearly apart from the back office", "制证出证区应与后台协同区明显区分"
        ),
    }

    def check(self) -> Iterator[Finding]:
        certs = self.need_zones("certificate_issue")
        others = self.ctx.zones("consultation", "back_office")
        backs = {z.id for z in others if z.type == "back_office"}
        overlapping = overlaps(certs, others, self.opts["overlap_tolerance_m2"])
        for k, z in enumerate(certs):
            for j, shared in overlapping.get(k, []):
                o = others[j]
                if shared.area > self.opts["overlap_tolerance_m2"]:
                    yield self.report(
                        "overlap",
                        zones=(z.id, o.id),
                        measured=shared.area,
                        limit=self.limit("overlap_tolerance_m2"),
                        geometry=shared,
                        cause=overlap(z.id, o.id),
                        zone=z.term,
                        zone_id=z.id,
                        other=o.term,
                        other_id=o.id,
                        area=shared.area,
                    )
            for nb, e in _open_edges(self, z, backs):
                yield _open_boundary_finding(self, z, self.plan.zone(nb), e)


@register
class SelfService24hOwnDoor(Rule):
    """A 24-hour self-service area has its own door to the outside.

    ## What it checks
    Every zone of type `self_service_24h` has an entrance door of its own (a door on the hall
    outline opening into it), so it can open while the hall is closed.

    ## Why
    §七(二)6: 「有条件的地区应设置“24小时”自助服务区，提供“24小时”不间断服务和取件服务」 — a
    round-the-clock service is reachable when the hall is shut.

    ## Example
    Fails: a 24-hour self-service area reached only through the hall.
    Passes: the same zone with a door in the façade.

    ## Options
    None.
    """

    code = "FC409"
    name = "self-service-24h-own-door"
    severity = "warning"
    clause = "§七(二)6"
    title_zh = "24 小时自助服务区有直通室外的独立出入口"
    summary_zh = (
        "每个 24 小时自助服务区有一扇自己的出入口（大厅轮廓上通向该区的门），大厅关闭时也能开放。"
    )
    basis = Basis(
        GUIDE,
        "§七(二)6",
        "有条件的地区应设置“24小时”自助服务区，提供“24小时”不间断服务和取件服务",
        "a round-the-clock service is reachable when the hall is shut",
    )
    messages = {
        "no-own-door": Message(
            en="{zone} ({zone_id}) has no door of its own to the outside; it cannot open while the "
            "hall is closed",
            zh="{zone}（{zone_id}）没有直通室外的独立出入口，大厅关闭时无法开放",
        ),
    }
    skips = {
        "no-24h": Message(
            en="no 24-hour self-service area in the plan", zh="图纸中没有 24 小时自助服务区"
        ),
    }

    def check(self) -> Iterator[Finding]:
        zones = self.ctx.zones("self_service_24h")
        if not zones:
            raise self.skip("no-24h")
        g = self.ctx.analysis.graph
        for z in zones:
            if not any(nb.startswith("ENTRANCE:") for nb in g.neighbors(z.id)):
                yield self.report(
                    "no-own-door", zones=(z.id,), geometry=z.geometry, zone=z.term, zone_id=z.id
                )


@register
class OfficeSeparatedFromService(Rule):
    """Internal office and external service are separated.

    ## What it checks
    No staff-only zone (back office, material circulation, locker rooms, equipment rooms, staff
    corridors) shares an open boundary with a public zone. Rooms whose names are no zone type
    of the guide (type ``unknown``: an archive, a duty room …) are not taken as public: nothing is said
    about openings onto them until a mapping names what they are.

    ## Why
    §七(一): 「应按服务功能相对集中、内部办公和外部服务相对分离……的原则进行空间划分」 — internal
    office and external service are kept apart.

    ## Example
    Fails: the material circulation area drawn open to the waiting area.
    Passes: a wall with a staff door between them.

    ## Options
    None.
    """

    code = "FC410"
    name = "office-separated-from-service"
    severity = "error"
    clause = "§七(一)"
    title_zh = "内部办公与外部服务相对分离"
    summary_zh = "任何员工区域（后台协同区、物料流转区、更衣室、设备间、内部通道）与公共功能区之间都没有开敞边界。"
    basis = Basis(
        GUIDE,
        "§七(一)",
        "应按服务功能相对集中、内部办公和外部服务相对分离……的原则进行空间划分",
        "internal office and external service are kept apart",
    )
    messages = {
        "open-boundary": _open_boundary(
            "staff-only space must be separated from public space", "内部办公与外部服务应相对分离"
        ),
    }
    skips = {
        "no-staff-zones": Message(en="no staff-only zones in the plan", zh="图纸中没有员工区域"),
    }

    def check(self) -> Iterator[Finding]:
        if not self.plan.zones:
            raise self.skip("no-zones")
        staff = [z for z in self.plan.zones if not z.public]
        if not staff:
            raise self.skip("no-staff-zones")
        public = _known_public(self.plan)
        for z in staff:
            for nb, e in _open_edges(self, z, public):
                yield _open_boundary_finding(self, z, self.plan.zone(nb), e)
