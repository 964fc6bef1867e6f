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
from ..model import XY, Door, Zone
from ..vocab import zone_type
from .base import Message, Option, Rule, Skip, near_points, overlaps, register

if TYPE_CHECKING:
    from ..geometry.analysis import Analysis
    from ..geometry.walking import Walk


def _need(rule: Rule, type_id: str) -> list[Zone]:
    zones = rule.ctx.zones(type_id)
    if not zones:
        raise Skip(f"no {zone_type(type_id).zh} in the plan (FC301 reports it)")
    return zones


def _need_main(rule: Rule) -> Door:
    door = rule.plan.main_entrance
    if door is None:
        raise Skip("no main entrance found (FC008)")
    return door


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
        zh="{zone} ({zone_id}) 与 {other} ({other_id}) 之间有 {length:m} 的开敞边界，位于 {at:xy}；"
        + what_zh,
    )


def _open_boundary_finding(rule: Rule, a: Zone, b: Zone, e: dict[str, Any]) -> Finding:
    geom = e.get("open_geometry") or e["geometry"]
    mid = geom.interpolate(0.5, normalized=True) if geom.geom_type != "Point" else geom
    return rule.report(
        "open-boundary",
        zones=(a.id, b.id),
        location=(mid.x, mid.y),
        measured=e["open_length_m"],
        required=0.0,
        geometry=geom,
        zone=a.name,
        zone_id=a.id,
        other=b.name,
        other_id=b.id,
        length=e["open_length_m"],
        at=(mid.x, mid.y),
    )


def _walk_over_limit(
    rule: Rule, zone: Zone, walk: Walk | None, limit: float, location: XY, **values: Any
) -> Finding:
    """The walking-distance family (FC401, FC402, FC406, FC407): the shortest ``walk`` to
    ``zone`` from where the zone should be is longer than ``limit`` (message "too-far"), or there
    is none (``walk`` None, message "unreachable"). ``values`` fill the rest of the message (e.g.
    the door walked from). The finding carries the limit as ``required`` when its text states it.
    """
    if walk is None:
        fields: dict[str, Any] = {"zone": zone.name, "zone_id": zone.id, **values}
        states_limit = "limit" in rule.messages["unreachable"].fields
        if states_limit:
            fields["limit"] = limit
        return rule.report(
            "unreachable",
            zones=(zone.id,),
            location=location,
            required=limit if states_limit else None,
            **fields,
        )
    return rule.report(
        "too-far",
        fix=_cut(rule, zone, walk, limit),
        zones=(zone.id,),
        location=location,
        measured=walk.length_m,
        required=limit,
        geometry=walk.path,
        zone=zone.name,
        zone_id=zone.id,
        distance=walk.length_m,
        limit=limit,
        **values,
    )


_FIX_TOO_FAR = Message(
    en="{cut:m} too far: {zone} ({zone_id}) must reach {at:xy}, {limit:m} along the walk",
    zh="超出 {cut:m}：{zone} ({zone_id}) 应延伸至 {at:xy}（沿步行路线 {limit:m} 处）",
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
            "zone": zone.name,
            "zone_id": zone.id,
            "at": (round(p.x, 2), round(p.y, 2)),
            "limit": limit,
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
    """咨询导服区 at the main entrance.

    ## What it checks
    The consultation zone touches the entrance hall (门厅) or the main entrance itself, or its
    nearest point is within `max_distance_m` walking distance of the main entrance.

    ## Why
    §七(二)1: 「咨询服务台的位置要置于主要入口处，保证与进口人流有直接接触面」 — the consultation
    desk stands at the main entrance, in direct contact with the incoming flow.

    ## Example
    Fails: the consultation zone at the back of the hall, 18 m from the main door.
    Passes: the consultation zone beside the entrance hall.

    ## Options
    - `max_distance_m` (default 6.0): walking distance from the main entrance (a floorcheck
      default, not a number of the guide).
    """

    code = "FC401"
    name = "consultation-at-entrance"
    severity = "error"
    clause = "§七(二)1"
    options = (Option("max_distance_m", 6.0, "walking distance from the main entrance (m)"),)
    messages = {
        "too-far": Message(
            en="{zone} ({zone_id}) is {distance:m} walking from the main entrance {door}; it must "
            "touch the entrance hall or be within {limit:m}",
            zh="{zone} ({zone_id}) 距主入口 {door} 步行 {distance:m}；应与门厅相接或在 {limit:m} 以内",
        ),
        "unreachable": Message(
            en="{zone} ({zone_id}) cannot be reached from the main entrance {door}",
            zh="从主入口 {door} 无法到达 {zone} ({zone_id})",
        ),
        "fix-too-far": _FIX_TOO_FAR,
    }

    def check(self) -> Iterator[Finding]:
        zones = _need(self, "consultation")
        door = _need_main(self)
        a = self.ctx.analysis
        halls = {z.id for z in self.ctx.zones("entrance_hall")}
        walks = a.public_walk.from_door(door)
        if any(_touches_hall(a, z, halls, door) for z in zones):
            return
        best = min(zones, key=lambda z: walks[z.id].length_m if z.id in walks else float("inf"))
        walk = walks.get(best.id)
        limit = self.opts["max_distance_m"]
        if walk is None or walk.length_m > limit:
            yield _walk_over_limit(self, best, walk, limit, door.position, door=door.id)


@register
class WaitingNextToWindows(Rule):
    """休息等候区 next to the windows.

    ## What it checks
    Every waiting zone is adjacent to the 综合受理区 with an open boundary, or lies within
    `max_distance_m` walking distance of the nearest service window (from the window's public
    side). A waiting area split in two parts is checked part by part.

    ## Why
    §七(二)3: 「休息等候区。应设在综合窗口附近，以便于清楚看到叫号提示屏」 — the waiting area
    stands near the windows so that the queue display can be seen.

    ## Example
    Fails: a waiting room behind a wall, 9.4 m from the nearest window.
    Passes: a waiting area opening onto the counters.

    ## Options
    - `max_distance_m` (default 5.0): walking distance from the nearest window (floorcheck default).
    """

    code = "FC402"
    name = "waiting-next-to-windows"
    severity = "error"
    clause = "§七(二)3"
    options = (Option("max_distance_m", 5.0, "walking distance from the nearest window (m)"),)
    messages = {
        "too-far": Message(
            en="{zone} ({zone_id}) is {distance:m} from the nearest window; it must be within "
            "{limit:m} or open onto the 综合受理区",
            zh="{zone} ({zone_id}) 距最近窗口 {distance:m}；应在 {limit:m} 以内或与综合受理区开敞相连",
        ),
        "no-window-reachable": Message(
            en="{zone} ({zone_id}) has no open boundary with the 综合受理区 and no window can be "
            "reached from it",
            zh="{zone} ({zone_id}) 与综合受理区无开敞边界，且无法到达任何窗口",
        ),
        "fix-too-far": _FIX_TOO_FAR,
    }

    def check(self) -> Iterator[Finding]:
        waiting = _need(self, "waiting")
        acceptance = {z.id for z in self.ctx.zones("acceptance")}
        windows = [w for w in self.plan.windows if w.comprehensive] or list(self.plan.windows)
        if not acceptance and not windows:
            raise Skip("neither a 综合受理区 nor service windows in the plan")
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
                    zone=z.name,
                    zone_id=z.id,
                )
            elif best.length_m > self.opts["max_distance_m"]:
                yield _walk_over_limit(self, z, best, self.opts["max_distance_m"], z.centroid)


@register
class WaitingAwayFromEntrances(Rule):
    """休息等候区 away from entrances and main passages.

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
    - `min_distance_m` (default 3.0): clearance from every entrance (floorcheck default).
    - `overlap_tolerance_m2` (default 0.5): overlap with a corridor ignored as drawing noise.
    """

    code = "FC403"
    name = "waiting-away-from-entrances"
    severity = "warning"
    clause = "§七(二)3"
    options = (
        Option("min_distance_m", 3.0, "straight-line clearance from entrances (m)"),
        Option("overlap_tolerance_m2", 0.5, "overlap with corridors ignored (m²)"),
    )
    messages = {
        "near-entrance": Message(
            en="{zone} ({zone_id}) is {distance:m} from entrance {door}; keep it at least "
            "{limit:m} away from entrances",
            zh="{zone} ({zone_id}) 距出入口 {door} 仅 {distance:m}；不宜设在出入口区域（应不少于 {limit:m}）",
        ),
        "in-corridor": Message(
            en="{zone} ({zone_id}) overlaps the corridor {corridor} by {area:.1f} m²; waiting areas "
            "should not sit in passages",
            zh="{zone} ({zone_id}) 与通道 {corridor} 重叠 {area:.1f} m²；休息等候区不宜设在过道",
        ),
    }

    def check(self) -> Iterator[Finding]:
        waiting = _need(self, "waiting")
        entrances = self.plan.entrances
        if not entrances:
            raise Skip("no entrance doors found (FC008)")
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
                        required=self.opts["min_distance_m"],
                        geometry=shapely.shortest_line(z.geometry, Point(d.position)),
                        zone=z.name,
                        zone_id=z.id,
                        distance=dist,
                        door=d.id,
                        limit=self.opts["min_distance_m"],
                    )
            for j, overlap in overlapping.get(k, []):
                c = corridors[j]
                if overlap.area > self.opts["overlap_tolerance_m2"]:
                    yield self.report(
                        "in-corridor",
                        zones=(z.id, c.id),
                        measured=overlap.area,
                        required=0.0,
                        geometry=overlap,
                        zone=z.name,
                        zone_id=z.id,
                        corridor=c.id,
                        area=overlap.area,
                    )


@register
class BackOfficeSeparatedFromCounters(Rule):
    """后台协同区 physically separated from 综合受理区 and 制证出证区.

    ## What it checks
    No back-office zone shares an *open* boundary with an acceptance or certificate-issue zone:
    only walls, or walls with doors, may stand between them.

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
    messages = {
        "open-boundary": _open_boundary(
            "the back office must be physically separate",
            "后台协同区应与综合受理区、制证出证区物理分设",
        ),
    }

    def check(self) -> Iterator[Finding]:
        backs = _need(self, "back_office")
        fronts = {z.id for z in self.ctx.zones("acceptance", "certificate_issue")}
        for z in backs:
            for nb, e in _open_edges(self, z, fronts):
                yield _open_boundary_finding(self, z, self.plan.zone(nb), e)


@register
class BackOfficeNoPublicContact(Rule):
    """后台协同区 has no direct contact with the public.

    ## What it checks
    No back-office zone has an open boundary with any public zone, and every door between a
    back-office zone and a public zone is marked staff-only (label 员工/内部/STAFF, a staff layer,
    or the mapping).

    ## Why
    §七(二)4: 「不宜直接与行政相对人接触」 — the back office should not be in direct contact with
    the people being served.

    ## Example
    Fails: an ordinary door from the waiting area into the back office.
    Passes: the same door labelled 员工通道 (staff only).

    ## Options
    None.
    """

    code = "FC405"
    name = "back-office-no-public-contact"
    severity = "error"
    clause = "§七(二)4"
    messages = {
        "open-boundary": _open_boundary(
            "the back office must not open onto public space", "后台协同区不宜与办事群众直接接触"
        ),
        "public-door": Message(
            en="door {door} ({width:.2f} m) joins {zone} ({zone_id}) to {other} ({other_id}) and "
            "is not marked staff-only",
            zh="门 {door}（{width:.2f} m）连接 {zone} ({zone_id}) 与{other}，但未标注为员工专用",
            en_only=("other_id",),
        ),
        "public-door-to-outside": Message(
            en="door {door} ({width:.2f} m) joins {zone} ({zone_id}) to the outside and is not "
            "marked staff-only",
            zh="门 {door}（{width:.2f} m）连接 {zone} ({zone_id}) 与室外，但未标注为员工专用",
        ),
    }

    def check(self) -> Iterator[Finding]:
        backs = _need(self, "back_office")
        public = {z.id for z in self.plan.zones if z.public and z.type != "hall"}
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
                "zone": z.name,
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
                    other=other.name,
                    other_id=nb,
                    **where,
                )


@register
class BackOfficeConcentrated(Rule):
    """后台协同区 concentrated and close to the acceptance area.

    ## What it checks
    The back-office zones form one connected group (adjacent to each other through walls, doors
    or open boundaries), and the group is within `max_distance_m` walking distance (staff doors
    included) of the 综合受理区.

    ## Why
    §七(二)4: 「后台办公区应相对集中，在综合受理区遇到疑难问题时，及时进行业务指导」 — the back
    office is concentrated, so it can help the counters promptly.

    ## Example
    Fails: two back-office rooms at opposite ends of the building.
    Passes: back-office rooms side by side behind the counters.

    ## Options
    - `max_distance_m` (default 15.0): walking distance to the acceptance zone (floorcheck default).
    """

    code = "FC406"
    name = "back-office-concentrated"
    severity = "warning"
    clause = "§七(二)4"
    options = (Option("max_distance_m", 15.0, "walking distance to the acceptance zone (m)"),)
    messages = {
        "split": Message(
            en="the back office is split into {groups} separate groups ({parts}); keep it together",
            zh="后台协同区分散为 {groups} 处（{parts}）；应相对集中",
        ),
        "too-far": Message(
            en="{zone} ({zone_id}) is {distance:m} from the 综合受理区; it should be within {limit:m}",
            zh="{zone} ({zone_id}) 距综合受理区 {distance:m}；应在 {limit:m} 以内",
        ),
        "unreachable": Message(
            en="{zone} ({zone_id}) cannot reach the 综合受理区; it should be within {limit:m}",
            zh="{zone} ({zone_id}) 无法到达综合受理区；应在 {limit:m} 以内",
        ),
    }

    def check(self) -> Iterator[Finding]:
        backs = _need(self, "back_office")
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
                required=1.0,
                geometry=shapely.union_all([z.geometry for z in backs]),
                groups=len(groups),
                parts="; ".join(", ".join(grp) for grp in groups),
            )
        acceptance = [z.id for z in self.ctx.zones("acceptance")]
        if not acceptance:
            return
        dists = self.ctx.analysis.walk.distances_from_zones(acceptance)
        limit = self.opts["max_distance_m"]
        for z in backs:
            best = dists.get(z.id)
            if best is None or best.length_m > limit:
                yield _walk_over_limit(self, z, best, limit, z.centroid)


@register
class CertificateBesideAcceptance(Rule):
    """制证出证区 stands beside 综合受理区.

    ## What it checks
    Every certificate-issue zone is adjacent to the 综合受理区 (through any boundary) or within
    `max_distance_m` walking distance of it.

    ## Why
    §七(二)8: 「宜设在综合受理区旁，集中对外服务」 — the certificate-issue area should be beside
    the acceptance area.

    ## Example
    Fails: certificates issued from a room 12 m across the hall from the counters.
    Passes: the certificate counter at the end of the counter row.

    ## Options
    - `max_distance_m` (default 3.0): walking distance to the acceptance zone (floorcheck default).
    """

    code = "FC407"
    name = "certificate-beside-acceptance"
    severity = "warning"
    clause = "§七(二)8"
    options = (Option("max_distance_m", 3.0, "walking distance to the acceptance zone (m)"),)
    messages = {
        "too-far": Message(
            en="{zone} ({zone_id}) is {distance:m} from the 综合受理区; it should stand beside it "
            "(within {limit:m})",
            zh="{zone} ({zone_id}) 距综合受理区 {distance:m}；宜设在综合受理区旁（{limit:m} 以内）",
        ),
        "unreachable": Message(
            en="{zone} ({zone_id}) is not reachable from the 综合受理区; it should stand beside it "
            "(within {limit:m})",
            zh="{zone} ({zone_id}) 无法到达综合受理区；宜设在综合受理区旁（{limit:m} 以内）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        certs = _need(self, "certificate_issue")
        acceptance = [z.id for z in _need(self, "acceptance")]
        a = self.ctx.analysis
        dists = a.public_walk.distances_from_zones(acceptance)
        acc_ids = set(acceptance)
        for z in certs:
            if any(nb in acc_ids for nb in a.graph.neighbors(z.id)):  # beside one already
                continue
            best = dists.get(z.id)
            if best is None or best.length_m > self.opts["max_distance_m"]:
                yield _walk_over_limit(self, z, best, self.opts["max_distance_m"], z.centroid)


@register
class CertificateApart(Rule):
    """制证出证区 clearly apart from 咨询导服区 and 后台协同区.

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
    options = (Option("overlap_tolerance_m2", 0.05, "overlap ignored (m²)"),)
    messages = {
        "overlap": Message(
            en="{zone} ({zone_id}) overlaps {other} ({other_id}) by {area:.1f} m²; they must be "
            "clearly apart",
            zh="{zone} ({zone_id}) 与 {other} ({other_id}) 重叠 {area:.1f} m²；应明显区分",
        ),
        "open-boundary": _open_boundary(
            "it must be clearly apart from the back office", "制证出证区应与后台协同区明显区分"
        ),
    }

    def check(self) -> Iterator[Finding]:
        certs = _need(self, "certificate_issue")
        others = self.ctx.zones("consultation", "back_office")
        backs = {z.id for z in others if z.type == "back_office"}
        overlapping = overlaps(certs, others, self.opts["overlap_tolerance_m2"])
        for k, z in enumerate(certs):
            for j, overlap in overlapping.get(k, []):
                o = others[j]
                if overlap.area > self.opts["overlap_tolerance_m2"]:
                    yield self.report(
                        "overlap",
                        zones=(z.id, o.id),
                        measured=overlap.area,
                        required=0.0,
                        geometry=overlap,
                        zone=z.name,
                        zone_id=z.id,
                        other=o.name,
                        other_id=o.id,
                        area=overlap.area,
                    )
            for nb, e in _open_edges(self, z, backs):
                yield _open_boundary_finding(self, z, self.plan.zone(nb), e)


@register
class SelfService24hOwnDoor(Rule):
    """A 24-hour 自助服务区 has its own door to the outside.

    ## What it checks
    Every zone of type `self_service_24h` has an entrance door of its own (a door on the hall
    outline opening into it), so it can open while the hall is closed.

    ## Why
    §七(二)6: 「有条件的地区应设置“24小时”自助服务区，提供“24小时”不间断服务和取件服务」 — a
    round-the-clock service is reachable when the hall is shut.

    ## Example
    Fails: a 24小时自助服务区 reached only through the hall.
    Passes: the same zone with a door in the façade.

    ## Options
    None.
    """

    code = "FC409"
    name = "self-service-24h-own-door"
    severity = "warning"
    clause = "§七(二)6"
    messages = {
        "no-own-door": Message(
            en="{zone} ({zone_id}) has no door of its own to the outside; it cannot open while the "
            "hall is closed",
            zh="{zone} ({zone_id}) 没有直通室外的独立出入口，大厅关闭时无法开放",
        ),
    }

    def check(self) -> Iterator[Finding]:
        zones = self.ctx.zones("self_service_24h")
        if not zones:
            raise Skip("no 24小时自助服务区 in the plan")
        g = self.ctx.analysis.graph
        for z in zones:
            if not any(nb.startswith("ENTRANCE:") for nb in g.neighbors(z.id)):
                yield self.report(
                    "no-own-door", zones=(z.id,), geometry=z.geometry, zone=z.name, zone_id=z.id
                )


@register
class OfficeSeparatedFromService(Rule):
    """Internal office and external service are separated.

    ## What it checks
    No staff-only zone (back office, material circulation, locker rooms, equipment rooms, staff
    corridors) shares an open boundary with a public zone.

    ## Why
    §七(一): 「应按服务功能相对集中、内部办公和外部服务相对分离……的原则进行空间划分」 — internal
    office and external service are kept apart.

    ## Example
    Fails: the 物料流转区 drawn open to the waiting area.
    Passes: a wall with a staff door between them.

    ## Options
    None.
    """

    code = "FC410"
    name = "office-separated-from-service"
    severity = "error"
    clause = "§七(一)"
    messages = {
        "open-boundary": _open_boundary(
            "staff-only space must be separated from public space", "内部办公与外部服务应相对分离"
        ),
    }

    def check(self) -> Iterator[Finding]:
        if not self.plan.zones:
            raise Skip("the plan has no zones")
        staff = [z for z in self.plan.zones if not z.public]
        if not staff:
            raise Skip("no staff-only zones in the plan")
        public = {z.id for z in self.plan.zones if z.public and z.type != "hall"}
        for z in staff:
            for nb, e in _open_edges(self, z, public):
                yield _open_boundary_finding(self, z, self.plan.zone(nb), e)
