"""FC7xx — video surveillance (§九): windows, PTZ cameras, coverage, privacy."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import Point

from ..findings import Finding
from ..model import Window
from ..vocab import PRIVATE_ZONE_TYPES
from .base import Option, Rule, Skip, fmt_m2, register


def _need_cameras(rule: Rule) -> None:
    if not rule.plan.cameras:
        raise Skip(
            "no cameras drawn (camera blocks on *CCTV*/*监控* layers, or named 枪机/球机/CAMERA)"
        )


def _facing(a: Window, b: Window, max_gap_m: float = 4.0) -> bool:
    """Two counters face each other across the public space (§九: they may share a camera)."""
    turn = abs((a.facing_deg - b.facing_deg + 180) % 360 - 180)
    gap = Point(a.position).distance(Point(b.position))
    return turn >= 150 and gap <= max_gap_m


@register
class WindowCameras(Rule):
    """Every comprehensive window has a fixed camera covering staff and public.

    ## What it checks
    Each comprehensive window (无差别 and 分类综合受理) is assigned a fixed camera of its own whose
    view (field of view, range, walls blocking sight) holds both a point `staff_offset_m` behind
    the counter and a point `public_offset_m` in front of it. Two windows facing each other across
    the hall may share one camera. The assignment is a maximum matching, so one camera is not
    counted for two windows side by side.

    ## Why
    §九: 「每个综合窗口设置一个定点数字高清摄像头，面对面综合窗口可共用一个定点数字高清摄像头和拾音器，
    摄像头安装位置应同时覆盖到综合窗口工作人员及办事群众」 — one fixed camera per comprehensive
    window (facing windows may share), seeing both the staff member and the visitor.

    ## Example
    Fails: a window whose only camera is behind a partition, or six windows and four cameras.
    Passes: a fixed camera above the public side of each window, looking at the counter.

    ## Options
    - `staff_offset_m` (default 0.4): distance of the staff point behind the counter.
    - `public_offset_m` (default 0.6): distance of the visitor point in front of it.
    """

    code = "FC701"
    name = "window-cameras"
    severity = "error"
    clause = "§九"
    options = (
        Option("staff_offset_m", 0.4, "staff point behind the counter (m)"),
        Option("public_offset_m", 0.6, "visitor point in front of the counter (m)"),
    )

    def check(self) -> Iterator[Finding]:
        windows = [w for w in self.plan.windows if w.comprehensive]
        if not windows:
            raise Skip("no comprehensive windows in the plan")
        _need_cameras(self)
        views = self.ctx.analysis.views.polygons
        fixed = [c for c in self.plan.cameras if c.kind == "fixed"]
        covers: dict[str, set[str]] = {w.id: set() for w in windows}
        if fixed:
            # One STRtree query for every staff and visitor point of every window.
            tree = shapely.STRtree([views[c.id] for c in fixed])
            pts = []
            for w in windows:
                pts.append(w.side_point("staff", self.opts["staff_offset_m"]))
                pts.append(w.side_point("public", self.opts["public_offset_m"]))
            pi, ci = tree.query(shapely.points(pts), predicate="dwithin", distance=1e-6)
            seen: dict[int, set[str]] = {}
            for p, c in zip(pi.tolist(), ci.tolist(), strict=True):
                seen.setdefault(p, set()).add(fixed[c].id)
            for k, w in enumerate(windows):
                covers[w.id] = seen.get(2 * k, set()) & seen.get(2 * k + 1, set())
        # Facing windows that one camera covers together form one unit.
        units: list[tuple[Window, ...]] = []
        paired: set[str] = set()
        near = shapely.STRtree([Point(w.position) for w in windows])
        for i, a in enumerate(windows):
            if a.id in paired:
                continue
            close = sorted(
                int(k) for k in near.query(Point(a.position), predicate="dwithin", distance=4.0)
            )
            mate = next(
                (
                    windows[k]
                    for k in close
                    if k > i
                    and windows[k].id not in paired
                    and _facing(a, windows[k])
                    and covers[a.id] & covers[windows[k].id]
                ),
                None,
            )
            if mate is not None:
                paired.update({a.id, mate.id})
                units.append((a, mate))
            else:
                units.append((a,))
        g = nx.Graph()
        for k, unit in enumerate(units):
            g.add_node(("u", k))
            for cam in set.intersection(*(covers[w.id] for w in unit)):
                g.add_edge(("u", k), ("c", cam))
        matching = (
            nx.bipartite.maximum_matching(g, top_nodes=[("u", k) for k in range(len(units))])
            if g.edges
            else {}
        )
        for k, unit in enumerate(units):
            if ("u", k) in matching:
                continue
            for w in unit:
                shared = covers[w.id]
                why = (
                    f"its camera(s) {', '.join(sorted(shared))} also serve other windows"
                    if shared
                    else "no fixed camera sees both the staff member and the visitor"
                )
                yield self.finding(
                    f"window {w.id} ({w.kind}) has no fixed camera of its own: {why}",
                    location=w.position,
                    geometry=Point(w.position).buffer(0.8),
                    zh=f"窗口 {w.id} 没有专属的定点摄像头："
                    + (
                        f"其摄像头 {', '.join(sorted(shared))} 已用于其他窗口"
                        if shared
                        else "没有定点摄像头能同时拍到工作人员和办事群众"
                    ),
                )


@register
class PtzCameras(Rule):
    """At least one PTZ camera with 4 or more comprehensive windows.

    ## What it checks
    With `min_windows` or more comprehensive windows, at least one PTZ (动点, 球机) camera is drawn.

    ## Why
    §九: 「综合窗口数量多于4个(含)的，结合实际情况增加1至2个动点数字高清摄像头」 — halls with four or
    more comprehensive windows add one or two PTZ cameras.

    ## Example
    Fails: eight windows and only fixed cameras.
    Passes: the same hall with one 球机 in the waiting area.

    ## Options
    - `min_windows` (default 4): comprehensive windows from which a PTZ camera is required.
    """

    code = "FC702"
    name = "ptz-cameras"
    severity = "error"
    clause = "§九"
    options = (
        Option("min_windows", 4, "comprehensive windows from which PTZ cameras are required"),
    )

    def check(self) -> Iterator[Finding]:
        n = sum(1 for w in self.plan.windows if w.comprehensive)
        if n < self.opts["min_windows"]:
            raise Skip(
                f"{n} comprehensive window(s): fewer than {self.opts['min_windows']}, no PTZ camera required"
            )
        ptz = sum(1 for c in self.plan.cameras if c.kind == "ptz")
        if ptz == 0:
            yield self.finding(
                f"{n} comprehensive windows and no PTZ (动点) camera; the guide asks for 1–2",
                measured=0.0,
                required=1.0,
                zh=f"综合窗口 {n} 个，但无动点摄像头；指南要求增加 1 至 2 个",
            )


@register
class PublicCoverage(Rule):
    """The cameras see every public zone: no blind spots.

    ## What it checks
    The union of all cameras' views covers every public zone except the private ones (toilets,
    无障碍卫生间, 母婴室, locker rooms). Uncovered floor in pieces larger than
    `min_spot_m2` is a blind spot; the rule fails when blind spots add up to more than
    `tolerance_m2`. Each blind spot is reported with its area and location and drawn on the plan.

    ## Why
    §九: 「监控范围为办事大厅各功能分区及公共区域」，「动点数字高清摄像头覆盖其他公共服务区域，实现
    全覆盖、无死角」 — surveillance covers every zone and public area, with no blind spot.

    ## Example
    Fails: a corner of the waiting area hidden behind a wall from the only PTZ camera.
    Passes: a second camera looking into that corner.

    ## Options
    - `tolerance_m2` (default 1.0): total blind area accepted (drawing and sampling noise).
    - `min_spot_m2` (default 0.2): smaller uncovered pieces are not counted as spots.
    """

    code = "FC703"
    name = "public-coverage"
    severity = "error"
    clause = "§九"
    options = (
        Option("tolerance_m2", 1.0, "total blind area accepted (m²)"),
        Option("min_spot_m2", 0.2, "uncovered pieces below this are ignored (m²)"),
    )

    def check(self) -> Iterator[Finding]:
        _need_cameras(self)
        zones = [
            z
            for z in self.plan.zones
            if z.public and z.type not in PRIVATE_ZONE_TYPES | {"hall", "unknown"}
        ]
        if not zones:
            raise Skip("no public zones to cover")
        # Each zone against the views that reach it, not against the union of all views: the
        # plan-wide union grows with the hall and made this quadratic.
        views = np.asarray(list(self.ctx.analysis.views.polygons.values()), dtype=object)
        tree = shapely.STRtree(views)
        spots = []
        for z in zones:
            hits = tree.query(z.geometry, predicate="intersects")
            # clip the views that reach the zone to its bounding box first (no topology work),
            # so the union and the difference see only the zone's neighbourhood
            reaching = views[hits]
            try:
                clipped = shapely.clip_by_rect(reaching, *z.geometry.bounds)
                blind = (
                    z.geometry.difference(shapely.union_all(clipped)) if len(hits) else z.geometry
                )
            except shapely.errors.GEOSException:
                # clip_by_rect is fast but may build a degenerate ring from a sliver of a view;
                # the exact intersection is slower and always sound
                box = shapely.box(*z.geometry.bounds)
                blind = z.geometry.difference(
                    shapely.union_all(shapely.intersection(reaching, box))
                )
            for part in shapely.get_parts(blind):
                if part.area >= self.opts["min_spot_m2"]:
                    spots.append((z, part))
        total = sum(p.area for _, p in spots)
        if total <= self.opts["tolerance_m2"]:
            return
        for z, part in sorted(spots, key=lambda s: -s[1].area):
            c = part.representative_point()
            yield self.finding(
                f"blind spot of {fmt_m2(part.area)} in {z.name} ({z.id}) at ({c.x:.1f}, {c.y:.1f}); no camera sees it "
                f"(blind spots total {fmt_m2(total)})",
                zones=(z.id,),
                location=(c.x, c.y),
                measured=part.area,
                required=0.0,
                geometry=part,
                role="blind-spot",
                zh=f"{z.name} ({z.id}) 在 ({c.x:.1f}, {c.y:.1f}) 处有 {fmt_m2(part.area)} 的监控盲区（盲区合计 {fmt_m2(total)}）",
            )


@register
class CameraPrivacy(Rule):
    """No camera looks into a toilet, 无障碍卫生间, 母婴室 or locker room.

    ## What it checks
    No camera's view (through doorways included) reaches more than `tolerance_m2` into a
    private room: toilets, the accessible toilet, the mother-and-baby room, locker rooms.

    ## Why
    §九 asks for full coverage of the *public* areas; filming toilets, nursing mothers or
    changing staff is not surveillance of service but an intrusion the law forbids (个人信息保护法
    第二十六条: cameras in public places only as public safety needs).

    ## Example
    Fails: a PTZ camera in the waiting area facing the open door of the 母婴室.
    Passes: the same camera with the door moved round a corner, out of its line of sight.

    ## Options
    - `tolerance_m2` (default 0.1): area of a private room a camera may graze through a doorway.
    """

    code = "FC704"
    name = "camera-privacy"
    severity = "error"
    clause = "§九"
    options = (Option("tolerance_m2", 0.1, "private floor a camera may graze (m²)"),)

    def check(self) -> Iterator[Finding]:
        _need_cameras(self)
        private = [z for z in self.plan.zones if z.type in PRIVATE_ZONE_TYPES]
        if not private:
            raise Skip("no private rooms (toilets, 母婴室, locker rooms) in the plan")
        views = self.ctx.analysis.views.polygons
        tree = shapely.STRtree([z.geometry for z in private])
        for cam in self.plan.cameras:
            view = views[cam.id]
            for k in tree.query(view, predicate="intersects"):
                z = private[int(k)]
                seen = view.intersection(z.geometry)
                if seen.area > self.opts["tolerance_m2"]:
                    yield self.finding(
                        f"camera {cam.id} ({cam.kind}) sees {fmt_m2(seen.area)} of {z.name} ({z.id}); cameras must not "
                        "look into private rooms",
                        zones=(z.id,),
                        location=cam.position,
                        measured=seen.area,
                        required=0.0,
                        geometry=seen,
                        zh=f"摄像头 {cam.id} 可拍到 {z.name} ({z.id}) 内 {fmt_m2(seen.area)}；摄像头不得拍摄隐私场所",
                    )
