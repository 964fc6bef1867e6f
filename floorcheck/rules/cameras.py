"""FC7xx — video surveillance (§九): windows, PTZ cameras, coverage, privacy."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import Point

from ..findings import Finding
from ..model import Camera, Window
from ..vocab import CAMERA_KINDS, PRIVATE_ZONE_TYPES, WINDOW_KINDS
from .base import GUIDE, Basis, Message, Option, Rule, register

_NO_CAMERAS = Message(
    en="no cameras drawn (camera blocks on CCTV layers, or blocks named as cameras)",
    zh="未绘制摄像头（CCTV/监控图层上的摄像头图块，或名为枪机、球机的图块）",
)


def _need_cameras(rule: Rule) -> None:
    if not rule.plan.cameras:
        raise rule.skip("no-cameras")


def _facing(a: Window, b: Window, max_gap_m: float = 4.0) -> bool:
    """Two counters face each other across the public space (§九: they may share a camera)."""
    turn = abs((a.facing_deg - b.facing_deg + 180) % 360 - 180)
    gap = Point(a.position).distance(Point(b.position))
    return turn >= 150 and gap <= max_gap_m


@register
class WindowCameras(Rule):
    """Every comprehensive window has a fixed camera covering staff and public.

    ## What it checks
    Each comprehensive window (undifferentiated and categorized) is assigned a fixed camera of its own whose
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
    title_zh = "每个综合窗口有一个同时拍到工作人员和群众的定点摄像头"
    summary_zh = (
        "每个综合窗口（无差别、分类综合受理）分配到一个专属的定点摄像头，其视野（视角、范围、墙体遮挡）"
        "同时包含柜台后 staff_offset_m 处的工作人员点和柜台前 public_offset_m 处的群众点。面对面的两个"
        "窗口可共用一个摄像头。分配为最大匹配，因此一个摄像头不会被相邻两个窗口重复计算。"
    )
    basis = Basis(
        GUIDE,
        "§九",
        "每个综合窗口设置一个定点数字高清摄像头，面对面综合窗口可共用一个定点数字高清摄像头和拾音器，"
        "摄像头安装位置应同时覆盖到综合窗口工作人员及办事群众",
        "one fixed camera per comprehensive window, seeing both the staff member and the visitor",
    )
    options = (
        Option(
            "staff_offset_m",
            0.4,
            "staff point behind the counter (m)",
            "工作人员点在柜台后的距离（m）",
            tolerance=True,
        ),
        Option(
            "public_offset_m",
            0.6,
            "visitor point in front of the counter (m)",
            "群众点在柜台前的距离（m）",
            tolerance=True,
        ),
    )

    messages = {
        "shared-camera": Message(
            en="window {window} ({kind}) has no fixed camera of its own: its camera(s) "
            "{cameras:list} also serve other windows",
            zh="窗口 {window}（{kind}）没有专属的定点摄像头：其摄像头 {cameras:list} 已用于其他窗口",
        ),
        "no-camera": Message(
            en="window {window} ({kind}) has no fixed camera of its own: no fixed camera sees both "
            "the staff member and the visitor",
            zh="窗口 {window}（{kind}）没有专属的定点摄像头：没有定点摄像头能同时拍到工作人员和办事群众",
        ),
    }
    skips = {
        "no-cameras": _NO_CAMERAS,
        "no-comprehensive-windows": Message(
            en="no comprehensive windows in the plan", zh="图纸中没有综合窗口"
        ),
    }

    def check(self) -> Iterator[Finding]:
        windows = [w for w in self.plan.windows if w.comprehensive]
        if not windows:
            raise self.skip("no-comprehensive-windows")
        _need_cameras(self)
        fixed = [c for c in self.plan.cameras if c.kind == "fixed"]
        covers = self._covering_cameras(windows, fixed)
        units = _units(windows, covers)
        matched = _matched_units(units, covers)
        for k, unit in enumerate(units):
            if k in matched:
                continue
            for w in unit:
                at, ring = w.position, Point(w.position).buffer(0.8)
                if covers[w.id]:
                    yield self.report(
                        "shared-camera",
                        location=at,
                        geometry=ring,
                        window=w.id,
                        kind=WINDOW_KINDS[w.kind].term,
                        cameras=sorted(covers[w.id]),
                    )
                else:
                    yield self.report(
                        "no-camera",
                        location=at,
                        geometry=ring,
                        window=w.id,
                        kind=WINDOW_KINDS[w.kind].term,
                    )

    def _covering_cameras(self, windows: list[Window], fixed: list[Camera]) -> dict[str, set[str]]:
        """For each window, the fixed cameras whose view holds both its staff and visitor point:
        one STRtree query for every point of every window."""
        covers: dict[str, set[str]] = {w.id: set() for w in windows}
        if not fixed:
            return covers
        views = self.ctx.analysis.views.polygons
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
        return covers


def _units(windows: list[Window], covers: dict[str, set[str]]) -> list[tuple[Window, ...]]:
    """Windows grouped into units of one camera each: a window alone, or two facing windows that
    one camera covers together."""
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
    return units


def _matched_units(units: list[tuple[Window, ...]], covers: dict[str, set[str]]) -> set[int]:
    """The units (by index) that get a camera of their own in a maximum matching of units to the
    cameras covering all their windows.

    Nodes are integers — units 0..n-1, then the cameras in the order of their ids — so that the
    matching, and which window is reported when cameras are short, does not depend on the
    interpreter's string hashing (PYTHONHASHSEED).
    """
    cameras = sorted(set().union(*covers.values()))
    node = {cam: len(units) + j for j, cam in enumerate(cameras)}
    g: nx.Graph[int] = nx.Graph()
    g.add_nodes_from(range(len(units)))
    for k, unit in enumerate(units):
        for cam in sorted(set.intersection(*(covers[w.id] for w in unit))):
            g.add_edge(k, node[cam])
    if not g.edges:
        return set()
    matching = nx.bipartite.maximum_matching(g, top_nodes=range(len(units)))
    return {k for k in range(len(units)) if k in matching}


@register
class PtzCameras(Rule):
    """At least one PTZ camera with 4 or more comprehensive windows.

    ## What it checks
    With `min_windows` or more comprehensive windows, at least one PTZ camera (「动点」, a dome
    camera) is drawn.

    ## Why
    §九: 「综合窗口数量多于4个(含)的，结合实际情况增加1至2个动点数字高清摄像头」 — halls with four or
    more comprehensive windows add one or two PTZ cameras.

    ## Example
    Fails: eight windows and only fixed cameras.
    Passes: the same hall with one dome camera (「球机」) in the waiting area.

    ## Options
    - `min_windows` (default 4): comprehensive windows from which a PTZ camera is required.
    """

    code = "FC702"
    name = "ptz-cameras"
    severity = "error"
    clause = "§九"
    title_zh = "综合窗口 4 个及以上时至少有一个动点摄像头"
    summary_zh = "综合窗口达到 min_windows 个及以上时，至少绘制一个动点摄像头（球机）。"
    basis = Basis(
        GUIDE,
        "§九",
        "综合窗口数量多于4个(含)的，结合实际情况增加1至2个动点数字高清摄像头",
        "halls with four or more comprehensive windows add one or two PTZ cameras",
    )
    options = (
        Option(
            "min_windows",
            4,
            "comprehensive windows from which PTZ cameras are required",
            "需要动点摄像头的综合窗口数",
        ),
    )
    messages = {
        "no-ptz": Message(
            en="{windows} comprehensive windows and no PTZ camera; the guide asks for 1–2",
            zh="综合窗口 {windows} 个，但无动点摄像头；指南要求增加 1 至 2 个",
        ),
    }
    skips = {
        "few-windows": Message(
            en="{windows} comprehensive window(s): fewer than {minimum}, no PTZ camera required",
            zh="综合窗口 {windows} 个，少于 {minimum} 个，无需动点摄像头",
        ),
    }

    def check(self) -> Iterator[Finding]:
        n = sum(1 for w in self.plan.windows if w.comprehensive)
        if n < self.opts["min_windows"]:
            raise self.skip("few-windows", windows=n, minimum=self.opts["min_windows"])
        ptz = sum(1 for c in self.plan.cameras if c.kind == "ptz")
        if ptz == 0:
            yield self.report("no-ptz", measured=0.0, limit=self.fixed_limit(1, "count"), windows=n)


@register
class PublicCoverage(Rule):
    """The cameras see every public zone: no blind spots.

    ## What it checks
    The union of all cameras' views covers every public zone except the private ones (toilets,
    the accessible toilet, the mother-and-baby room, locker rooms). Uncovered floor in pieces larger than
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
    title_zh = "摄像头覆盖全部公共区域，无监控死角"
    summary_zh = (
        "所有摄像头的视野合起来覆盖除隐私场所（卫生间、无障碍卫生间、母婴室、更衣室）外的每个公共功能区。"
        "大于 min_spot_m2 的未覆盖部分为盲区；盲区合计超过 tolerance_m2 时不通过。每个盲区报告其面积与位置"
        "并画在平面图上。"
    )
    basis = Basis(
        GUIDE,
        "§九",
        "动点数字高清摄像头覆盖其他公共服务区域，实现全覆盖、无死角",
        "the cameras cover every public service area, with no blind spot",
    )
    options = (
        Option(
            "tolerance_m2",
            1.0,
            "total blind area accepted (m²)",
            "可接受的盲区总面积（m²）",
            tolerance=True,
        ),
        Option(
            "min_spot_m2",
            0.2,
            "uncovered pieces below this are ignored (m²)",
            "小于此面积的未覆盖部分忽略（m²）",
            tolerance=True,
        ),
    )
    messages = {
        "blind-spot": Message(
            en="blind spot of {area:m2} in {zone} ({zone_id}) at {at:xy}; no camera sees it "
            "(blind spots total {total:m2})",
            zh="{zone}（{zone_id}）在 {at:xy} 处有 {area:m2} 的监控盲区（盲区合计 {total:m2}）",
        ),
    }

    skips = {
        "no-cameras": _NO_CAMERAS,
        "no-public-zones": Message(en="no public zones to cover", zh="没有需要覆盖的公共功能区"),
    }

    def check(self) -> Iterator[Finding]:
        _need_cameras(self)
        zones = [
            z
            for z in self.plan.zones
            if z.public and z.type not in PRIVATE_ZONE_TYPES | {"hall", "unknown"}
        ]
        if not zones:
            raise self.skip("no-public-zones")
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
            yield self.report(
                "blind-spot",
                zones=(z.id,),
                location=(c.x, c.y),
                measured=part.area,
                limit=self.fixed_limit(0.0, "m²"),
                geometry=part,
                role="blind-spot",
                area=part.area,
                zone=z.term,
                zone_id=z.id,
                at=(c.x, c.y),
                total=total,
            )


@register
class CameraPrivacy(Rule):
    """No camera looks into a toilet, the accessible toilet, the mother-and-baby room or a locker room.

    ## What it checks
    No camera's view (through doorways included) reaches more than `tolerance_m2` into a
    private room: toilets, the accessible toilet, the mother-and-baby room, locker rooms.

    ## Why
    §九 asks for full coverage of the *public* areas; filming toilets, nursing mothers or
    changing staff is not surveillance of service but an intrusion the law forbids (Personal
    Information Protection Law, article 26: 「在公共场所安装图像采集、个人身份识别设备，应当为维护
    公共安全所必需」 — cameras in public places only as public safety needs).

    ## Example
    Fails: a PTZ camera in the waiting area facing the open door of the mother-and-baby room.
    Passes: the same camera with the door moved round a corner, out of its line of sight.

    ## Options
    - `tolerance_m2` (default 0.1): area of a private room a camera may graze through a doorway.
    """

    code = "FC704"
    name = "camera-privacy"
    severity = "error"
    clause = "§九"
    title_zh = "摄像头不拍摄卫生间、无障碍卫生间、母婴室和更衣室"
    summary_zh = (
        "任何摄像头的视野（包括透过门洞）伸入隐私场所（卫生间、无障碍卫生间、母婴室、更衣室）的面积"
        "不超过 tolerance_m2。"
    )
    basis = Basis(
        "PIPL art. 26",
        source_zh="《个人信息保护法》第二十六条",
        quote="在公共场所安装图像采集、个人身份识别设备，应当为维护公共安全所必需",
        gloss="image capture in public places only as far as public safety needs it "
        "(Personal Information Protection Law, article 26)",
    )
    options = (
        Option(
            "tolerance_m2",
            0.1,
            "private floor a camera may graze (m²)",
            "摄像头可略微扫到的隐私场所面积（m²）",
            tolerance=True,
        ),
    )
    messages = {
        "sees-private": Message(
            en="camera {camera} ({kind}) sees {area:m2} of {zone} ({zone_id}); cameras must not "
            "look into private rooms",
            zh="摄像头 {camera}（{kind}）可拍到{zone}（{zone_id}）内 {area:m2}；摄像头不得拍摄隐私场所",
        ),
    }
    skips = {
        "no-cameras": _NO_CAMERAS,
        "no-private-rooms": Message(
            en="no private rooms (toilets, mother-and-baby room, locker rooms) in the plan",
            zh="图纸中没有隐私场所（卫生间、母婴室、更衣室）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        _need_cameras(self)
        private = [z for z in self.plan.zones if z.type in PRIVATE_ZONE_TYPES]
        if not private:
            raise self.skip("no-private-rooms")
        views = self.ctx.analysis.views.polygons
        tree = shapely.STRtree([z.geometry for z in private])
        for cam in self.plan.cameras:
            view = views[cam.id]
            for k in tree.query(view, predicate="intersects"):
                z = private[int(k)]
                seen = view.intersection(z.geometry)
                if seen.area > self.opts["tolerance_m2"]:
                    yield self.report(
                        "sees-private",
                        zones=(z.id,),
                        location=cam.position,
                        measured=seen.area,
                        limit=self.fixed_limit(0.0, "m²"),
                        geometry=seen,
                        camera=cam.id,
                        kind=CAMERA_KINDS[cam.kind].term,
                        area=seen.area,
                        zone=z.term,
                        zone_id=z.id,
                    )
