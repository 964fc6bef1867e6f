"""FC3xx — required functional zones and facilities (§七(一), §七(三))."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..vocab import EXTRA_ZONE_TYPES, zone_type
from .base import GUIDE, Basis, Message, Rule, register


def _present(rule: Rule, type_id: str) -> bool:
    types = {z.type for z in rule.plan.zones}
    # A 24h self-service zone is a self-service zone.
    if type_id == "self_service":
        return bool(types & {"self_service", "self_service_24h"})
    return type_id in types


@register
class RequiredZones(Rule):
    """Every zone of the level's required set exists.

    ## What it checks
    The hall has each functional zone its level requires: a government service centre (city,
    county) the nine zones of set A; a convenience service centre (street, township) set A
    without the self-service area; a convenience service station (community, village) the
    acceptance, waiting, self-declaration and material circulation areas. One finding per
    missing zone.

    ## Why
    §七(一)1: 「政务服务中心。应设置咨询导服区、综合受理区、休息等候区、后台协同区、自助申报区、
    自助服务区、物料流转区、制证出证区、宣传展示区等功能区域。」 — a government service centre
    has these nine areas. §七(一)2 and 3 give the sets of the convenience service centres and
    stations.

    ## Example
    Fails: a county hall without a material circulation area.
    Passes: the same hall with a room labelled 「物料流转区」.

    ## Options
    None (the sets are the guide's).
    """

    code = "FC301"
    name = "required-zones"
    severity = "error"
    clause = "§七(一)"
    title_zh = "具备本级别要求的全部功能区"
    summary_zh = (
        "大厅具备其级别要求的每个功能区：政务服务中心（市级、县级）为 A 组九个功能区；便民服务中心"
        "（街道、乡镇）为 A 组去掉自助服务区；便民服务站（社区、村）为综合受理区、休息等候区、"
        "自助申报区、物料流转区。每缺一个功能区报告一项。"
    )
    basis = Basis(
        GUIDE,
        "§七(一)1",
        "政务服务中心。应设置咨询导服区、综合受理区、休息等候区、后台协同区、自助申报区、"
        "自助服务区、物料流转区、制证出证区、宣传展示区等功能区域。",
        "a government service centre has these nine functional areas",
    )
    messages = {
        "missing": Message(
            en="no {zone_type} in the plan; a {level} must have one",
            zh="未设{zone_type}；{level}应设置",
        ),
    }

    def check(self) -> Iterator[Finding]:
        level = self.require_level()
        for type_id in level.required_zones:
            if not _present(self, type_id):
                yield self.report("missing", zone_type=zone_type(type_id).term, level=level.term)


class _Facility(Rule):
    """A facility every level of hall provides (FC302, FC303)."""

    type_id: str
    basis = Basis(
        GUIDE,
        "§七(一)",
        "同时提供母婴室、无障碍通道、无障碍卫生间等便民设施",
        "halls also provide a mother-and-baby room, accessible routes and an accessible toilet",
    )
    messages = {
        "missing": Message(
            en="no {zone_type} in the plan; every level of hall must provide one",
            zh="未设{zone_type}；各级办事大厅均应提供",
        ),
    }

    def check(self) -> Iterator[Finding]:
        if not self.plan.zones:
            raise self.skip("no-zones")
        if not _present(self, self.type_id):
            yield self.report("missing", zone_type=zone_type(self.type_id).term)


@register
class MotherBabyRoom(_Facility):
    """A mother-and-baby room exists.

    ## What it checks
    A zone of type `mother_baby` exists, at every level.

    ## Why
    §七(一): 「同时提供母婴室、无障碍通道、无障碍卫生间等便民设施」 — halls provide a
    mother-and-baby room, accessible routes and an accessible toilet.

    ## Example
    Fails: a plan with no room labelled 「母婴室」.
    Passes: a 6 m² room labelled 「母婴室」.

    ## Options
    None.
    """

    code = "FC302"
    name = "mother-baby-room"
    severity = "error"
    clause = "§七(一)"
    type_id = "mother_baby"
    title_zh = "设有母婴室"
    summary_zh = "各级大厅均设有母婴室（功能区类型 mother_baby）。"


@register
class AccessibleToilet(_Facility):
    """An accessible toilet exists.

    ## What it checks
    A zone of type `accessible_toilet` exists, at every level (its size is FC503).

    ## Why
    §七(一): 「同时提供母婴室、无障碍通道、无障碍卫生间等便民设施」 — halls provide an
    accessible toilet.

    ## Example
    Fails: toilets labelled 「男厕」 and 「女厕」 only.
    Passes: a room labelled 「无障碍卫生间」.

    ## Options
    None.
    """

    code = "FC303"
    name = "accessible-toilet"
    severity = "error"
    clause = "§七(一)"
    type_id = "accessible_toilet"
    title_zh = "设有无障碍卫生间"
    summary_zh = "各级大厅均设有无障碍卫生间（其尺寸由 FC503 检查）。"


@register
class SelfService24h(Rule):
    """The self-service area of a government service centre is a 24-hour one.

    ## What it checks
    For city and county halls: the self-service zone is a 24-hour self-service area. Info only:
    the guide asks it 「有条件的地区」 (where conditions allow).

    ## Why
    §七(一)1: 「有条件的地区应将自助服务区升级为24小时自助服务区」 — where conditions allow,
    the self-service area becomes a 24-hour one.

    ## Example
    Fails (info): a county hall with a self-service area labelled 「自助服务区」.
    Passes: the zone labelled 「24小时自助服务区」.

    ## Options
    None.
    """

    code = "FC304"
    name = "self-service-24h"
    severity = "info"
    clause = "§七(一)1"
    title_zh = "政务服务中心的自助服务区为 24 小时自助服务区"
    summary_zh = (
        "市级、县级大厅的自助服务区为 24 小时自助服务区。仅为提示：指南要求「有条件的地区」设置。"
    )
    basis = Basis(
        GUIDE,
        "§七(一)1",
        "有条件的地区应将自助服务区升级为24小时自助服务区",
        "where conditions allow, the self-service area becomes a 24-hour one",
    )
    messages = {
        "not-24h": Message(
            en="the self-service area is not a 24-hour one; where conditions allow, the guide asks "
            "for a 24-hour self-service area",
            zh="自助服务区不是 24 小时自助服务区；有条件的地区应升级为 24 小时自助服务区",
        ),
    }
    skips = {
        "not-a-centre": Message(
            en="applies to government service centres (city, county) only, not to a {level}",
            zh="仅适用于政务服务中心（市级、县级），不适用于{level}",
        ),
    }

    def check(self) -> Iterator[Finding]:
        level = self.require_level()
        if not level.county_or_above:
            raise self.skip("not-a-centre", level=level.term)
        if self.ctx.zones("self_service_24h"):
            return
        zones = self.need_zones("self_service")
        yield self.report("not-24h", zones=tuple(z.id for z in zones))


@register
class EncouragedExtras(Rule):
    """Which encouraged extra zones exist (a measurement).

    ## What it checks
    Lists the encouraged extra zones present (self-storage, catering, project negotiation,
    reading, service experience, project assistance) as one info finding, with their count as
    the measured value; a count of 0 is reported too, because this is a measurement, not a
    requirement.

    ## Why
    §七(一)1: 「鼓励各级政务服务中心在上述功能分区基础上创新更多便民服务功能，包括但不限于自助储物、
    餐饮贩卖、项目洽谈、休息阅读、办事体验、项目帮办等便企利民功能区域」 — centres are encouraged
    to add these service areas.

    ## Example
    Reports: "2 of 6 encouraged extra zones: reading area, project assistance area".
    Skips: a plan with no zones.

    ## Options
    None.
    """

    code = "FC305"
    name = "encouraged-extras"
    severity = "info"
    clause = "§七(一)1"
    title_zh = "鼓励设置的便民功能区（测量）"
    summary_zh = (
        "列出已设置的鼓励性便民功能区（自助储物、餐饮贩卖、项目洽谈、休息阅读、办事体验、项目帮办），"
        "以其数量为测量值；数量为 0 也报告，因为这是测量而非要求。"
    )
    messages = {
        "extras": Message(
            en="{count} of {total} encouraged extra zones: {names:list}",
            zh="鼓励设置的便民功能区 {count}/{total} 个：{names:list}",
        ),
        "no-extras": Message(
            en="0 of {total} encouraged extra zones: none",
            zh="鼓励设置的便民功能区 0/{total} 个：无",
        ),
    }

    def check(self) -> Iterator[Finding]:
        if not self.plan.zones:
            raise self.skip("no-zones")
        present = [t for t in EXTRA_ZONE_TYPES if _present(self, t)]
        total = len(EXTRA_ZONE_TYPES)
        if not present:
            yield self.report("no-extras", measured=0.0, total=total)
            return
        yield self.report(
            "extras",
            measured=float(len(present)),
            count=len(present),
            total=total,
            names=[zone_type(t).term for t in present],
        )
