"""FC4xx — where zones stand relative to each other (§七(一), §七(二)), on the adjacency graph.

Walking distances go through open boundaries and doors (``geometry/walking.py``); adjacency and
the kind of each shared boundary come from ``geometry/adjacency.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import shapely
from shapely.geometry import Point

from ..findings import Finding
from ..model import Zone
from ..vocab import zone_type
from .base import Option, Rule, Skip, fmt_m, near_points, overlaps, register


def _need(rule: Rule, type_id: str) -> list[Zone]:
    zones = rule.ctx.zones(type_id)
    if not zones:
        raise Skip(f"no {zone_type(type_id).zh} in the plan (FC301 reports it)")
    return zones


def _need_main(rule: Rule):
    door = rule.plan.main_entrance
    if door is None:
        raise Skip("no main entrance found (FC008)")
    return door


def _open_edges(rule: Rule, zone: Zone, others: set[str]) -> Iterator[tuple[str, dict]]:
    g = rule.ctx.analysis.graph
    for nb in g.neighbors(zone.id):
        e = g.edges[zone.id, nb]
        if nb in others and e["kind"] == "open":
            yield nb, e


def _boundary_finding(rule: Rule, a: Zone, b: Zone, e: dict, what: str, what_zh: str) -> Finding:
    geom = e.get("open_geometry") or e["geometry"]
    mid = geom.interpolate(0.5, normalized=True) if geom.geom_type != "Point" else geom
    return rule.finding(
        f"{a.name} ({a.id}) and {b.name} ({b.id}) share an open boundary of {fmt_m(e['open_length_m'])} "
        f"at ({mid.x:.1f}, {mid.y:.1f}); {what}",
        zones=(a.id, b.id),
        location=(mid.x, mid.y),
        measured=e["open_length_m"],
        required=0.0,
        geometry=geom,
        zh=f"{a.name} ({a.id}) 与 {b.name} ({b.id}) 之间有 {fmt_m(e['open_length_m'])} 的开敞边界，位于 ({mid.x:.1f}, {mid.y:.1f})；{what_zh}",
    )


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

    def check(self) -> Iterator[Finding]:
        zones = _need(self, "consultation")
        door = _need_main(self)
        a = self.ctx.analysis
        halls = {z.id for z in self.ctx.zones("entrance_hall")}
        walks = a.public_walk.from_door(door)
        for z in zones:
            touching = any(a.edge(z.id, h) and a.edge(z.id, h)["kind"] != "wall" for h in halls)
            if (
                touching
                or z.geometry.distance(Point(door.position)) <= a.adjacency_options.wall_tolerance_m
            ):
                return
        best = min(zones, key=lambda z: walks[z.id].length_m if z.id in walks else float("inf"))
        walk = walks.get(best.id)
        if walk is not None and walk.length_m <= self.opts["max_distance_m"]:
            return
        if walk is None:
            yield self.finding(
                f"{best.name} ({best.id}) cannot be reached from the main entrance {door.id}",
                zones=(best.id,),
                location=door.position,
                zh=f"从主入口 {door.id} 无法到达 {best.name} ({best.id})",
            )
            return
        yield self.finding(
            f"{best.name} ({best.id}) is {fmt_m(walk.length_m)} walking from the main entrance {door.id}; it must "
            f"touch the entrance hall or be within {fmt_m(self.opts['max_distance_m'])}",
            zones=(best.id,),
            measured=walk.length_m,
            required=self.opts["max_distance_m"],
            geometry=walk.path,
            location=door.position,
            zh=f"{best.name} ({best.id}) 距主入口 {door.id} 步行 {fmt_m(walk.length_m)}；应与门厅相接或在 {fmt_m(self.opts['max_distance_m'])} 以内",
        )


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
            if best is not None and best.length_m <= self.opts["max_distance_m"]:
                continue
            if best is None:
                yield self.finding(
                    f"{z.name} ({z.id}) has no open boundary with the 综合受理区 and no window can be reached from it",
                    zones=(z.id,),
                    geometry=z.geometry,
                    zh=f"{z.name} ({z.id}) 与综合受理区无开敞边界，且无法到达任何窗口",
                )
                continue
            yield self.finding(
                f"{z.name} ({z.id}) is {fmt_m(best.length_m)} from the nearest window; it must be within "
                f"{fmt_m(self.opts['max_distance_m'])} or open onto the 综合受理区",
                zones=(z.id,),
                measured=best.length_m,
                required=self.opts["max_distance_m"],
                geometry=best.path,
                location=z.centroid,
                zh=f"{z.name} ({z.id}) 距最近窗口 {fmt_m(best.length_m)}；应在 {fmt_m(self.opts['max_distance_m'])} 以内或与综合受理区开敞相连",
            )


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
                    yield self.finding(
                        f"{z.name} ({z.id}) is {fmt_m(dist)} from entrance {d.id}; keep it at least "
                        f"{fmt_m(self.opts['min_distance_m'])} away from entrances",
                        zones=(z.id,),
                        location=d.position,
                        measured=dist,
                        required=self.opts["min_distance_m"],
                        geometry=shapely.shortest_line(z.geometry, Point(d.position)),
                        zh=f"{z.name} ({z.id}) 距出入口 {d.id} 仅 {fmt_m(dist)}；不宜设在出入口区域（应不少于 {fmt_m(self.opts['min_distance_m'])}）",
                    )
            for j, overlap in overlapping.get(k, []):
                c = corridors[j]
                if overlap.area > self.opts["overlap_tolerance_m2"]:
                    yield self.finding(
                        f"{z.name} ({z.id}) overlaps the corridor {c.id} by {overlap.area:.1f} m²; waiting areas "
                        "should not sit in passages",
                        zones=(z.id, c.id),
                        measured=overlap.area,
                        required=0.0,
                        geometry=overlap,
                        zh=f"{z.name} ({z.id}) 与通道 {c.id} 重叠 {overlap.area:.1f} m²；休息等候区不宜设在过道",
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

    def check(self) -> Iterator[Finding]:
        backs = _need(self, "back_office")
        fronts = {z.id for z in self.ctx.zones("acceptance", "certificate_issue")}
        for z in backs:
            for nb, e in _open_edges(self, z, fronts):
                yield _boundary_finding(
                    self,
                    z,
                    self.plan.zone(nb),
                    e,
                    "the back office must be physically separate",
                    "后台协同区应与综合受理区、制证出证区物理分设",
                )


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
                    yield _boundary_finding(
                        self,
                        z,
                        self.plan.zone(nb),
                        e,
                        "the back office must not open onto public space",
                        "后台协同区不宜与办事群众直接接触",
                    )
                    continue
                for door_id in e["doors"]:
                    d = doors[door_id]
                    if not d.staff_only:
                        other = (
                            "the outside" if is_entrance else f"{self.plan.zone(nb).name} ({nb})"
                        )
                        yield self.finding(
                            f"door {d.id} ({d.width_m:.2f} m) joins {z.name} ({z.id}) to {other} and is not "
                            "marked staff-only",
                            zones=(z.id,) if is_entrance else (z.id, nb),
                            location=d.position,
                            zh=f"门 {d.id}（{d.width_m:.2f} m）连接 {z.name} ({z.id}) 与{'室外' if is_entrance else self.plan.zone(nb).name}，但未标注为员工专用",
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

    def check(self) -> Iterator[Finding]:
        backs = _need(self, "back_office")
        g = self.ctx.analysis.graph
        ids = [z.id for z in backs]
        # sorted (Z2 before Z10) so that the same plan always gives the same text
        natural = lambda zid: (len(zid), zid)  # noqa: E731
        groups = sorted(
            (sorted(grp, key=natural) for grp in nx.connected_components(g.subgraph(ids))),
            key=lambda grp: natural(grp[0]),
        )
        if len(groups) > 1:
            parts = "; ".join(", ".join(grp) for grp in groups)
            yield self.finding(
                f"the back office is split into {len(groups)} separate groups ({parts}); keep it together",
                zones=tuple(ids),
                measured=float(len(groups)),
                required=1.0,
                geometry=shapely.union_all([z.geometry for z in backs]),
                zh=f"后台协同区分散为 {len(groups)} 处（{parts}）；应相对集中",
            )
        acceptance = [z.id for z in self.ctx.zones("acceptance")]
        if not acceptance:
            return
        dists = self.ctx.analysis.walk.distances_from_zones(acceptance)
        for z in backs:
            best = dists.get(z.id)
            if best is None or best.length_m > self.opts["max_distance_m"]:
                measured = None if best is None else best.length_m
                text = "cannot reach" if best is None else f"is {fmt_m(best.length_m)} from"
                yield self.finding(
                    f"{z.name} ({z.id}) {text} the 综合受理区; it should be within {fmt_m(self.opts['max_distance_m'])}",
                    zones=(z.id,),
                    measured=measured,
                    required=self.opts["max_distance_m"],
                    geometry=None if best is None else best.path,
                    location=z.centroid,
                    zh=f"{z.name} ({z.id}) "
                    + (
                        "无法到达综合受理区"
                        if best is None
                        else f"距综合受理区 {fmt_m(best.length_m)}"
                    )
                    + f"；应在 {fmt_m(self.opts['max_distance_m'])} 以内",
                )


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
            if best is not None and best.length_m <= self.opts["max_distance_m"]:
                continue
            yield self.finding(
                f"{z.name} ({z.id}) is "
                + ("not reachable from" if best is None else f"{fmt_m(best.length_m)} from")
                + f" the 综合受理区; it should stand beside it (within {fmt_m(self.opts['max_distance_m'])})",
                zones=(z.id,),
                measured=None if best is None else best.length_m,
                required=self.opts["max_distance_m"],
                geometry=None if best is None else best.path,
                location=z.centroid,
                zh=f"{z.name} ({z.id}) "
                + ("无法到达综合受理区" if best is None else f"距综合受理区 {fmt_m(best.length_m)}")
                + f"；宜设在综合受理区旁（{fmt_m(self.opts['max_distance_m'])} 以内）",
            )


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

    def check(self) -> Iterator[Finding]:
        certs = _need(self, "certificate_issue")
        others = self.ctx.zones("consultation", "back_office")
        backs = {z.id for z in others if z.type == "back_office"}
        overlapping = overlaps(certs, others, self.opts["overlap_tolerance_m2"])
        for k, z in enumerate(certs):
            for j, overlap in overlapping.get(k, []):
                o = others[j]
                if overlap.area > self.opts["overlap_tolerance_m2"]:
                    yield self.finding(
                        f"{z.name} ({z.id}) overlaps {o.name} ({o.id}) by {overlap.area:.1f} m²; they must be clearly apart",
                        zones=(z.id, o.id),
                        measured=overlap.area,
                        required=0.0,
                        geometry=overlap,
                        zh=f"{z.name} ({z.id}) 与 {o.name} ({o.id}) 重叠 {overlap.area:.1f} m²；应明显区分",
                    )
            for nb, e in _open_edges(self, z, backs):
                yield _boundary_finding(
                    self,
                    z,
                    self.plan.zone(nb),
                    e,
                    "it must be clearly apart from the back office",
                    "制证出证区应与后台协同区明显区分",
                )


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

    def check(self) -> Iterator[Finding]:
        zones = self.ctx.zones("self_service_24h")
        if not zones:
            raise Skip("no 24小时自助服务区 in the plan")
        g = self.ctx.analysis.graph
        for z in zones:
            if not any(nb.startswith("ENTRANCE:") for nb in g.neighbors(z.id)):
                yield self.finding(
                    f"{z.name} ({z.id}) has no door of its own to the outside; it cannot open while the hall is closed",
                    zones=(z.id,),
                    geometry=z.geometry,
                    zh=f"{z.name} ({z.id}) 没有直通室外的独立出入口，大厅关闭时无法开放",
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

    def check(self) -> Iterator[Finding]:
        if not self.plan.zones:
            raise Skip("the plan has no zones")
        staff = [z for z in self.plan.zones if not z.public]
        if not staff:
            raise Skip("no staff-only zones in the plan")
        public = {z.id for z in self.plan.zones if z.public and z.type != "hall"}
        for z in staff:
            for nb, e in _open_edges(self, z, public):
                yield _boundary_finding(
                    self,
                    z,
                    self.plan.zone(nb),
                    e,
                    "staff-only space must be separated from public space",
                    "内部办公与外部服务应相对分离",
                )
