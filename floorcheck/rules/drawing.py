"""FC0xx — diagnostics about the drawing itself (what the reader could not read cleanly)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import shapely

from ..findings import Finding
from ..terms import layer_term
from .base import GUIDE, Basis, Message, Option, Rule, overlap, register


def _diagnostics(rule: Rule) -> Iterator[Finding]:
    """The reader's (or the engine's) diagnostics of this rule's code, as findings: their text
    is made where the fault was seen."""
    for d in rule.plan.diagnostics:
        if d.code == rule.code:
            yield rule.finding(
                d.message,
                zones=d.zones,
                location=d.location,
                geometry=d.geometry,
                measured=d.measured,
                required=d.required,
                zh=d.message_zh,
            )


class _ReaderDiagnostic(Rule):
    """Base of rules that report what the DXF reader noticed (Plan.diagnostics)."""

    needs_zones = False

    def check(self) -> Iterator[Finding]:
        if not self.plan.source:
            raise self.skip("built-in-code")
        yield from _diagnostics(self)


@register
class UnitsGuessed(_ReaderDiagnostic):
    """Drawing units unknown and guessed.

    ## What it checks
    The drawing's `$INSUNITS` header is unset or unitless, so floorcheck guessed the unit from
    the size of the drawing (a hall is 10–200 m across, a door 0.7–1.5 m wide). The finding says
    the guess and how it was made; every area in the report depends on it.

    ## Why
    Every threshold of the guide is in metres: 「市级政务服务中心办事大厅使用面积不少于2000 m²」
    (§三, the hall's usable area must be at least 2000 m²). A plan in millimetres read as metres
    is a million times too large.

    ## Example
    Fails: a DXF with `$INSUNITS = 0` whose hall is 40,000 units wide (guessed: mm).
    Passes: the same DXF with `$INSUNITS = 4`, or checked with `--units mm`.

    ## Options
    None.
    """

    code = "FC001"
    name = "units-guessed"
    severity = "warning"
    clause = "§三"
    title_zh = "图纸单位未知，已推测"
    summary_zh = (
        "图纸头部变量 $INSUNITS 未设置或为无单位，floorcheck 按图纸尺寸推测单位（大厅 10–200 m 宽，"
        "门 0.7–1.5 m 宽）。提示说明推测结果及依据；报告中的每个面积都取决于它。"
    )


@register
class UnlabelledZone(Rule):
    """Closed boundary on a zone layer with no recognisable label.

    ## What it checks
    Every zone boundary carries a label (TEXT, MTEXT, attribute) or a mapped layer that names
    one of the zone types of the guide. A boundary that names nothing is an *unclassified zone*:
    the placement and area rules cannot use it.

    ## Why
    The guide divides the hall into named functional zones (§七(一)):
    「应按服务功能相对集中、内部办公和外部服务相对分离……的原则进行空间划分」 — space is divided
    by function; a zone whose function is unknown cannot be checked.

    ## Example
    Fails: a closed polyline on A-AREA containing only the text 「房间 12」.
    Passes: the same polyline containing 「休息等候区」.

    ## Options
    None.
    """

    needs_zones = False
    code = "FC002"
    name = "unlabelled-zone"
    severity = "warning"
    clause = "§七(一)"
    title_zh = "区域边界没有可识别的名称"
    summary_zh = (
        "功能区图层上的每个边界带有标注（TEXT、MTEXT、属性）或经映射的图层，指明指南中的某种功能区类型。"
        "无法识别的边界为未分类区域：布局和面积规则无法使用它。"
    )
    messages = {
        "unlabelled": Message(
            en="zone {zone_id} ({area:m2}, layer {layer}) has no recognisable label; name it or "
            "map its layer",
            zh="区域 {zone_id}（{area:m2}，图层 {layer}）无可识别的名称；请标注名称或映射其图层",
        ),
        "unrecognised-label": Message(
            en="zone {zone_id} ({area:m2}, layer {layer}) is named 「{label}」, which is no zone "
            "type of the guide; map the name to one in a mapping file (floorcheck init-mapping), "
            "or leave it if the room is none",
            zh="区域 {zone_id}（{area:m2}，图层 {layer}）的名称「{label}」不是指南中的功能区类型；"
            "请在映射文件中将其映射为功能区（floorcheck init-mapping），如该房间不属于任何功能区可不处理",
        ),
    }

    def check(self) -> Iterator[Finding]:
        for d in self.plan.diagnostics:
            if d.code == self.code:
                yield self.finding(
                    d.message, zones=d.zones, location=d.location, geometry=d.geometry
                )
        reported = {z for d in self.plan.diagnostics if d.code == self.code for z in d.zones}
        for z in self.plan.zones:
            if z.type != "unknown" or z.id in reported:
                continue
            where: dict[str, Any] = {
                "zone_id": z.id,
                "area": z.area_m2,
                "layer": layer_term(z.layer),
            }
            if z.label:
                yield self.report(
                    "unrecognised-label", zones=(z.id,), geometry=z.geometry, label=z.label, **where
                )
            else:
                yield self.report("unlabelled", zones=(z.id,), geometry=z.geometry, **where)


@register
class OrphanLabel(_ReaderDiagnostic):
    """Zone label that lies in no boundary.

    ## What it checks
    A text that names a zone type but lies inside no zone boundary (and, for walls-only plans,
    inside no room that could be closed from the walls). The zone it names is then missing
    from the plan, which usually makes FC301 fail too. Also a room name whose space, closed
    from the walls, is refused as a room: the outside of the building, a space far larger
    than a room of its type can be (a yard, a wing), or one its name stands at the edge of;
    the finding says why and where a wall ends open.

    ## Why
    Zones are checked as drawn (§七(一), 「功能区设置」); a name without an outline has no area.

    ## Example
    Fails: MTEXT 「自助申报区」 placed outside every polyline of A-AREA.
    Passes: the same MTEXT moved inside its polyline.

    ## Options
    None.
    """

    code = "FC003"
    name = "orphan-label"
    severity = "warning"
    clause = "§七(一)"
    title_zh = "功能区标注不在任何边界内"
    summary_zh = (
        "指明某种功能区类型的标注不在任何功能区边界内（对仅有墙线的图纸，也不在可由墙线围合的房间内）。"
        "它所指的功能区因此缺失，通常会同时导致 FC301 不通过。"
    )


@register
class OverlappingZones(Rule):
    """Two zones overlap by more than the tolerance.

    ## What it checks
    No two zones (other than the hall outline) share more than `tolerance_m2` of floor. Pairs are
    found with an STRtree, not by testing every pair.

    ## Why
    Zones are distinct spaces (§七(一): 「相对集中、相互对应」); a double-counted floor corrupts
    the area checks (§三) and the separation rules.

    ## Example
    Fails: a waiting area `box(0,0,10,10)` and an acceptance area `box(8,0,18,10)` (20 m²
    overlap).
    Passes: the two boxes touching along x = 10.

    ## Options
    - `tolerance_m2` (default 0.05): overlap area below which two zones are taken as touching.
    """

    needs_zones = False
    code = "FC004"
    name = "overlapping-zones"
    severity = "error"
    clause = "§七(一)"
    title_zh = "两个功能区重叠超过容差"
    summary_zh = (
        "任何两个功能区（大厅轮廓除外）的重叠面积不超过 tolerance_m2。重叠对由 STRtree 查找。"
    )
    basis = Basis(
        GUIDE,
        "§七(一)",
        "应按服务功能相对集中、内部办公和外部服务相对分离、相互对应和方便服务的原则进行空间划分",
        "the hall is divided into distinct functional spaces",
    )
    options = (
        Option(
            "tolerance_m2",
            0.05,
            "overlap area ignored as drawing noise (m²)",
            "视为绘图误差而忽略的重叠面积（m²）",
            tolerance=True,
        ),
    )
    messages = {
        "overlap": Message(
            en="{zone} ({zone_id}) and {other} ({other_id}) overlap by {area:m2}",
            zh="{zone}（{zone_id}）与{other}（{other_id}）重叠 {area:m2}",
        ),
    }

    def check(self) -> Iterator[Finding]:
        zones = [z for z in self.plan.zones if z.type != "hall" and not z.geometry.is_empty]
        if len(zones) < 2:
            return
        tolerance = self.opts["tolerance_m2"]
        geoms = shapely.make_valid(np.asarray([z.geometry for z in zones], dtype=object))
        left, right = _overlap_candidates(geoms, tolerance)
        if not len(left):
            return
        overlaps = shapely.intersection(geoms[left], geoms[right])
        areas = shapely.area(overlaps)
        for i, j, shared, area in zip(left, right, overlaps, areas, strict=True):
            if area > tolerance:
                a, b = zones[i], zones[j]
                yield self.report(
                    "overlap",
                    zones=(a.id, b.id),
                    geometry=shared,
                    measured=float(area),
                    limit=self.limit("tolerance_m2"),
                    cause=overlap(a.id, b.id),
                    zone=a.term,
                    zone_id=a.id,
                    other=b.term,
                    other_id=b.id,
                    area=area,
                )


def _overlap_candidates(geoms: np.ndarray, tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of zones (i < j) that may overlap by more than ``tolerance`` m². An overlap lies in
    the box both zones' boxes share, so a shared box of less than the tolerance — two rooms side
    by side, touching along a wall, the common case — rules the pair out without overlaying
    their outlines (which costs more than linear time for long ones).

    >>> from shapely.geometry import box
    >>> left, right = _overlap_candidates(
    ...     np.array([box(0, 0, 10, 10), box(10, 0, 20, 10), box(8, 0, 18, 10)]), 0.05)
    >>> list(zip(left.tolist(), right.tolist()))
    [(0, 2), (1, 2)]
    """
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    bounds = shapely.bounds(geoms)
    lo = np.maximum(bounds[left, :2], bounds[right, :2])
    hi = np.minimum(bounds[left, 2:], bounds[right, 2:])
    shared = np.prod(np.clip(hi - lo, 0.0, None), axis=1)
    keep = shared > tolerance
    return left[keep], right[keep]


@register
class InvalidGeometry(Rule):
    """Invalid zone geometry (self-intersection, spike) repaired.

    ## What it checks
    Zone boundaries that cross themselves, have spikes or repeated points are repaired (shapely
    `make_valid`) when read, or before checking a plan built in code; zones with no area are
    ignored. The finding says where, so the drawing can be fixed at the source.

    ## Why
    Areas of self-intersecting polygons are wrong, and every area threshold of §三 depends on them
    (「使用面积不少于……」, the usable area of each level).

    ## Example
    Fails: a bow-tie polyline `POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))` as a zone.
    Passes: the same zone drawn as a simple rectangle.

    ## Options
    None.
    """

    needs_zones = False
    code = "FC005"
    name = "invalid-geometry"
    severity = "warning"
    clause = "§三"
    title_zh = "无效的区域几何（自相交、尖刺）已修复"
    summary_zh = (
        "自相交、有尖刺或重复点的区域边界在读取时（或对代码构建的平面在检查前）用 shapely make_valid "
        "修复；面积为零的区域被忽略。提示给出位置，以便在源图纸中修正。"
    )

    def check(self) -> Iterator[Finding]:
        # The reader repairs what it reads; the engine repairs plans built in code. Both leave
        # a diagnostic for each repair.
        yield from _diagnostics(self)


@register
class AmbiguousZone(_ReaderDiagnostic):
    """One boundary holds labels of different zone types.

    ## What it checks
    A boundary that contains labels naming two or more different zone types, or a room closed
    from the walls that holds the names of several rooms (written alike) or a wall that ends
    inside it, where its walls do not allow splitting it. floorcheck takes the label naming a
    zone type, else the tallest name nearest the centre, and reports the others, because the
    zone may really be two zones drawn as one.

    ## Why
    Each functional zone of §七(一) must be identifiable; a back office inside a boundary labelled
    as the acceptance area would hide a separation failure (§七(二)4, 「物理分设」).

    ## Example
    Fails: one polyline holding both 「休息等候区」 and 「自助申报区」.
    Passes: two polylines, one label each.

    ## Options
    None.
    """

    code = "FC006"
    name = "ambiguous-zone"
    severity = "warning"
    clause = "§七(一)"
    title_zh = "一个边界内有不同功能区类型的标注"
    summary_zh = (
        "一个边界内含有指明两种及以上功能区类型的标注。floorcheck 采用离边界中心最近的标注并报告其余标注，"
        "因为该区域可能实为画成一个的两个功能区。"
    )


@register
class NoHallOutline(Rule):
    """No hall outline drawn; usable area is the union of the zones.

    ## What it checks
    Whether the plan has a drawn outline of the hall's usable area (a layer named like HALL or
    「大厅」, or a boundary labelled 「办事大厅」). Without one, floorcheck measures the usable area
    as the union of all zones and says so; walls and unzoned circulation are then not counted.
    Rooms whose names are no zone type of the guide (type `unknown`: 「档案室」, 「配电房」 …)
    are zones too and are counted; the finding says how many and how large, so that an outline
    can be drawn when they are not part of the hall. With an outline, the outline is the usable
    area and every room inside it counts.

    ## Why
    §三 sets the minimum 「办事大厅使用面积」 (usable area of the hall); the outline is what an
    architect declares as that area.

    ## Example
    Fails (info): a plan with zones only. When the drawing holds several plans side by side
    (floors, or plan and sections), the finding says so: their zones would be added up into one
    hall, so check one at a time with `--region N` (`floorcheck zones` lists the regions).
    Passes: the same plan with a closed polyline on A-AREA-HALL.

    ## Options
    None.
    """

    needs_zones = False
    code = "FC007"
    name = "no-hall-outline"
    severity = "info"
    clause = "§三"
    title_zh = "未绘制大厅轮廓，使用面积按各功能区合计"
    summary_zh = (
        "图纸是否绘制了大厅使用面积轮廓（名称含“HALL”或“大厅”的图层，或标注为“办事大厅”的边界）。未绘制时，"
        "floorcheck 以全部功能区的并集作为使用面积并予以说明；墙体和未划分功能区的交通面积不计入。"
        "图纸中并列有多个平面时，提示要求用 --region N 逐个检查。"
    )
    messages = {
        "no-outline": Message(
            en="no hall outline drawn; usable area taken as the union of the zones: {area:m2}",
            zh="未绘制大厅轮廓；使用面积按各功能区合计：{area:m2}",
        ),
        "no-outline-rooms": Message(
            en="no hall outline drawn; usable area taken as the union of the {count} zones: "
            "{area:m2}, {unknown} of them rooms whose names are no zone type of the guide "
            "({unknown_area:m2}); draw the hall outline (layer *HALL*) if they are not part "
            "of the hall",
            zh="未绘制大厅轮廓；使用面积按 {count} 个区域合计：{area:m2}，其中 {unknown} 个房间的"
            "名称非指南功能区（{unknown_area:m2}）；如其不属于办事大厅，请在大厅图层上绘制大厅轮廓",
        ),
        "no-outline-several-plans": Message(
            en="no hall outline drawn; usable area taken as the union of the zones: {area:m2}; "
            "the drawing holds {count} separate plans with zones (regions {regions:list}): check "
            "one at a time with --region N (see 'floorcheck zones')",
            zh="未绘制大厅轮廓；使用面积按各功能区合计：{area:m2}；图中有 {count} 个分开的平面（区域 "
            "{regions:list}），请用 --region N 逐个检查（见 floorcheck zones 命令）",
        ),
    }

    def check(self) -> Iterator[Finding]:
        if self.plan.hall_outline is None:
            from ..geometry.hall import hall_area
            from ..geometry.regions import find_regions

            area, _ = hall_area(self.plan)
            plans = [r for r in find_regions(self.plan) if r.zones]
            if len(plans) > 1:
                # floors drawn side by side would be added up into one hall
                yield self.report(
                    "no-outline-several-plans",
                    measured=area,
                    area=area,
                    count=len(plans),
                    regions=[r.index for r in plans],
                )
            else:
                from ..geometry.hall import unknown_rooms

                n, unknown_area = unknown_rooms(self.plan)
                if n:
                    yield self.report(
                        "no-outline-rooms",
                        measured=area,
                        area=area,
                        count=len(self.plan.zones),
                        unknown=n,
                        unknown_area=unknown_area,
                    )
                else:
                    yield self.report("no-outline", measured=area, area=area)


@register
class NoMainEntrance(Rule):
    """No main entrance found.

    ## What it checks
    A main entrance exists: a door labelled 「主入口」, 「入口」, 「出入口」 or 「ENTRANCE」, else
    the widest door on the hall outline. Without one the placement (FC401, FC403) and
    accessibility (FC5xx) rules cannot run and say so in `skipped`.

    ## Why
    「咨询服务台的位置要置于主要入口处」 (§七(二)1: the consultation desk stands at the main
    entrance); accessible routes start there (§七(一)).

    ## Example
    Fails: a plan with zones but no door blocks.
    Passes: a plan with an M1521 door on the hall outline labelled 「主入口」.

    ## Options
    None.
    """

    needs_zones = False
    code = "FC008"
    name = "no-main-entrance"
    severity = "error"
    clause = "§七(二)1"
    title_zh = "未找到主入口"
    summary_zh = (
        "存在主入口：标注为“主入口”“入口”“出入口”或“ENTRANCE”的门，否则为大厅轮廓上最宽的门。没有主入口"
        "时，布局（FC401、FC403）和无障碍（FC501 至 FC505）规则无法检查，并在未检查列表中说明。"
    )
    messages = {
        "no-main-entrance": Message(
            en="no main entrance found among {doors} door(s); label the entrance door 「主入口」 "
            "or ENTRANCE, or draw the hall outline so doors on it count as entrances",
            zh="在 {doors} 个门中未找到主入口；请将入口门标注为「主入口」，或绘制大厅轮廓以识别入口",
        ),
    }

    def check(self) -> Iterator[Finding]:
        if not self.plan.zones:
            raise self.skip("no-zones")
        if self.plan.main_entrance is None:
            yield self.report("no-main-entrance", doors=len(self.plan.doors))


@register
class DrawingRepaired(_ReaderDiagnostic):
    """The file was damaged and repaired on reading.

    ## What it checks
    Whether the DXF could be read as it is. A damaged file (bad structure, broken handles,
    unreadable entities) is read through ezdxf's `recover` module; every repair it made, and every
    malformed entity that had to be skipped, is reported so the architect can fix the source file.

    ## Why
    A plan submitted for review must be the drawing the architect made (§三: the hall's
    measurements are checked as drawn); a silently repaired file may not be.

    ## Example
    Fails: a DXF whose ENTITIES section lacks its ENDSEC.
    Passes: the same file saved again from CAD.

    ## Options
    None.
    """

    code = "FC009"
    name = "drawing-repaired"
    severity = "warning"
    clause = "§三"
    title_zh = "文件已损坏，读取时已修复"
    summary_zh = (
        "DXF 能否按原样读取。损坏的文件（结构错误、句柄损坏、无法读取的图元）经读取库的修复功能读取；"
        "其所做的每处修复、每个因损坏而跳过的图元都予以报告，以便建筑师修正源文件。"
    )


@register
class TarchObjects(_ReaderDiagnostic):
    """TArch custom objects that cannot be read.

    ## What it checks
    Counts ACAD_PROXY_ENTITY and TCH_* objects, which TArch writes for its walls, doors and rooms
    and which no DXF reader can see without their proxy graphics. When they hide the walls and
    rooms the finding says so, with the fix: TArch's 「图形导出」 (export to a T3 drawing), or
    EXPLODE in AutoCAD, then save as DXF.

    ## Why
    Zones and walls hidden in proxy objects cannot be checked against §七(一) at all.

    ## Example
    Fails: a DXF saved from TArch with TCH_WALL and TCH_OPENING objects.
    Passes: the same plan exported with 「图形导出」.

    ## Options
    None.
    """

    code = "FC010"
    name = "tarch-objects"
    severity = "warning"
    clause = "§七(一)"
    title_zh = "天正自定义对象无法读取"
    summary_zh = (
        "统计天正为墙体、门窗和房间写入的 ACAD_PROXY_ENTITY 与 TCH_* 对象，没有代理图形时任何 DXF 读取器都"
        "看不到它们。它们遮蔽了墙体和房间时，提示说明修正方法：天正「图形导出」（导出为 T3 图纸），或在 "
        "AutoCAD 中 EXPLODE 分解后另存为 DXF。"
    )


@register
class StatedAreaMismatch(Rule):
    """Area written beside a zone's name differs from its measured area.

    ## What it checks
    Where a zone's label carries an area (「休息等候区 85.3㎡」), that number is within
    `tolerance_pct` of the area floorcheck measures from the boundary. A larger difference means
    the boundary or the annotation is out of date.

    ## Why
    Reviewers read the stated areas; §三's thresholds are checked on the measured ones. The two
    must agree.

    ## Example
    Fails: a 60 m² boundary labelled 「休息等候区 85㎡」.
    Passes: the same boundary labelled 「休息等候区 60㎡」.

    ## Options
    - `tolerance_pct` (default 2.0): allowed difference, in percent of the stated area.
    """

    needs_zones = False
    code = "FC011"
    name = "stated-area-mismatch"
    severity = "warning"
    clause = "§三"
    title_zh = "功能区标注面积与实测面积不符"
    summary_zh = (
        "功能区标注中带有面积（如「休息等候区 85.3㎡」）时，该数值与 floorcheck 按边界实测的面积相差不超过 "
        "tolerance_pct。相差更大说明边界或标注已过时。"
    )
    options = (
        Option(
            "tolerance_pct",
            2.0,
            "allowed difference between stated and measured area (%)",
            "标注面积与实测面积的允许差异（%）",
            tolerance=True,
        ),
    )
    messages = {
        "mismatch": Message(
            en="{zone} ({zone_id}) is labelled {stated:g} m² but measures {area:m2} "
            "({diff:.1f} % apart)",
            zh="{zone}（{zone_id}）标注面积 {stated:g} m²，实测 {area:m2}（相差 {diff:.1f}%）",
        ),
    }
    skips = {
        "no-stated-areas": Message(en="no zone label states an area", zh="没有功能区标注写明面积"),
    }

    def check(self) -> Iterator[Finding]:
        stated = [(z, z.stated_area_m2) for z in self.plan.zones if z.stated_area_m2]
        if not stated:
            raise self.skip("no-stated-areas")
        for z, label_m2 in stated:
            diff = abs(z.area_m2 - label_m2) / label_m2 * 100
            if diff > self.opts["tolerance_pct"]:
                yield self.report(
                    "mismatch",
                    zones=(z.id,),
                    geometry=z.geometry,
                    measured=z.area_m2,
                    zone=z.term,
                    zone_id=z.id,
                    stated=label_m2,
                    area=z.area_m2,
                    diff=diff,
                )


@register
class NothingToCheck(Rule):
    """The drawing holds no recognisable zones: nothing of the guide could be checked.

    ## What it checks
    At least one zone was recognised. A drawing with no zone boundaries, or whose zones all hide
    in TArch proxy objects or on layers floorcheck does not know, cannot pass a check: every rule
    about the hall is skipped, and this finding makes the run fail instead of passing silently.

    ## Why
    §七(一) names the functional zones every hall must have; a plan in which none can be found
    has not been checked at all, which a reviewer must not mistake for compliance.

    ## Example
    Fails: a DXF holding only walls and dimensions, or TArch objects without proxy graphics.
    Passes: any drawing in which floorcheck finds a zone (see `floorcheck zones`).

    ## Options
    None.
    """

    code = "FC012"
    name = "nothing-to-check"
    severity = "error"
    clause = "§七(一)"
    needs_zones = False
    title_zh = "图纸中没有可识别的功能区，无法检查"
    summary_zh = (
        "至少识别出一个功能区。没有功能区边界、功能区全部藏在天正代理对象中或位于 floorcheck 不认识的图层上"
        "的图纸无法通过检查：所有关于大厅的规则都被跳过，此项使检查不通过，而不是静默通过。"
    )
    messages = {
        "no-zones": Message(
            en="no zones recognised in the drawing, so the guide could not be checked: draw zone "
            "boundaries on a zone layer (A-AREA …) with their names, or draft a mapping of your "
            "layers with 'floorcheck init-mapping PLAN -o office.toml', edit it and check again "
            "with --mapping office.toml",
            zh="图纸中未识别出任何功能区，无法按指南检查：请在功能区图层（如 A-AREA）上绘制区域边界并标注"
            "名称，或用 floorcheck init-mapping 图纸.dxf -o office.toml 起草图层映射，修改后以 --mapping "
            "office.toml 重新检查",
        ),
    }

    def check(self) -> Iterator[Finding]:
        if not self.plan.zones:
            yield self.report("no-zones")
