"""Every word floorcheck prints, in English and Chinese: one table the reporters, the renderers,
the CLI and the rules share.

Names of the vocabulary (zone types, window kinds, camera kinds, hall levels) come from
:mod:`floorcheck.vocab` as :class:`~floorcheck.terms.Term` values; this module adds the words of
the reports around them — severities, units, headings, labels — and the clause of the guide as
each language cites it. A reporter asks ``word("zones", lang)``; nothing retypes a word.

>>> word("error", "zh"), severity("warning").text("zh"), clause("§七(二)3", "en")
('错误', '警告', '§7(2)3')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .terms import Term
from .vocab import CAMERA_KINDS, LEVELS, WINDOW_KINDS, zone_type

if TYPE_CHECKING:
    from .findings import Finding

__all__ = [
    "LANGS",
    "caption",
    "limit_line",
    "WORDS",
    "word",
    "severity",
    "clause",
    "level_name",
    "zone_type_name",
    "window_kind_name",
    "camera_kind_name",
    "zone_name",
    "fmt_value",
]

LANGS = ("en", "zh")

WORDS: dict[str, Term] = {
    # severities, as a word and as a heading
    "error": Term("error", "错误"),
    "warning": Term("warning", "警告"),
    "info": Term("info", "提示"),
    "errors": Term("Errors", "错误"),
    "warnings": Term("Warnings", "警告"),
    "infos": Term("Information", "提示"),
    # the report's header
    "plan": Term("Plan", "图纸"),
    "level": Term("level", "级别"),
    "not_given": Term("not given", "未指定"),
    "usable_area": Term("usable area", "使用面积"),
    "outline_drawn": Term("drawn outline", "按大厅轮廓"),
    "outline_zones": Term("union of zones", "按功能区合计"),
    "units": Term("units", "单位"),
    "zones": Term("Zones", "功能区"),
    "windows": Term("windows", "窗口"),
    "doors": Term("doors", "门"),
    "cameras": Term("cameras", "摄像头"),
    "main_entrance": Term("main entrance", "主入口"),
    "skipped": Term("Skipped", "未检查"),
    "pass": Term("PASS", "通过"),
    "fail": Term("FAIL", "不通过"),
    "unreadable": Term("UNREADABLE", "无法读取"),
    "limit": Term("limit", "限值"),
    "also": Term("also: ", "同时违反："),
    "summary": Term(
        "problems: {e} error(s), {w} warning(s), {i} info; rules: {f} failed, {p} passed, "
        "{s} skipped",
        "问题：错误 {e} 项，警告 {w} 项，提示 {i} 项；规则：未通过 {f} 条，通过 {p} 条，未检查 {s} 条",
    ),
    "table_head": Term("file|level|errors|warnings|verdict", "图纸|级别|错误|警告|结论"),
    "rules_passed": Term("Rules passed", "通过的规则"),
    "rules_skipped": Term("Rules skipped", "未检查的规则"),
    "measured": Term("measured", "实测"),
    "standard": Term(
        "Checked against the Changchun guide for government service and convenience service "
        "centres (2022 revision)",
        "依据：长春市政务服务中心、便民服务中心（站）标准化建设指南（2022年修订）",
    ),
    "wrote": Term("wrote {path}", "已写入 {path}"),
    # where units came from
    "units_given": Term("given", "给定"),
    "units_guessed": Term("guessed", "推测"),
    "units_option": Term("--units", "--units"),
    "units_header": Term("$INSUNITS", "$INSUNITS"),
    # floorcheck zones
    "layer_mapping": Term("layer mapping", "图层映射"),
    "mapping_default": Term("default", "默认"),
    "hall_outline": Term("hall outline", "大厅轮廓"),
    "hall_outline_none": Term(
        "none drawn (usable area = union of zones)", "未绘制（使用面积按各功能区合计）"
    ),
    "stated": Term("stated", "标注面积"),
    "public": Term("public", "公共"),
    "staff": Term("staff", "内部"),
    "access_unknown": Term("?", "未知"),
    "layer": Term("layer", "图层"),
    "label": Term("label", "标注"),
    "at": Term("at", "位于"),
    "public_side": Term("public side", "服务朝向"),
    "looking": Term("looking", "朝向"),
    "fov": Term("field of view", "视角"),
    "range": Term("range", "范围"),
    "terminals": Term("terminals", "自助终端"),
    "cross_province": Term("跨省通办", "跨省通办"),
    "signs": Term("signs", "标志"),
    "seats": Term("seats", "座位"),
    "obstacles": Term("obstacles", "障碍物"),
    "wall_pieces": Term("wall pieces", "墙线"),
    "not_recognised": Term(
        "not recognised (write a mapping file for these):", "未识别（请为以下内容编写映射文件）："
    ),
    "unknown_layer": Term(
        'layer {layer}: {n} boundary(ies) with no zone type → [layer_types] "{layer}" = "…"',
        '图层 {layer}：{n} 个边界无法识别功能区类型 → [layer_types] "{layer}" = "…"',
    ),
    "reader_notes": Term("reader notes:", "读取说明："),
    "regions": Term(
        "This drawing holds {n} separate plans (check one with --region N):",
        "本图纸包含 {n} 个分开的平面（可用 --region N 检查其中之一）：",
    ),
    "region_zones": Term("{n} zones", "{n} 个功能区"),
    "door_main": Term("main", "主入口"),
    "door_entrance": Term("entrance", "出入口"),
    "door_staff_only": Term("staff-only", "员工专用"),
    "door_automatic": Term("automatic", "自动门"),
    "door_exit": Term("exit", "安全出口"),
    # floorcheck rules / rule
    "rule_what": Term("## What it checks", "## 检查内容"),
    "rule_why": Term("## Why", "## 依据"),
    "rule_options": Term("## Options", "## 选项"),
    "rule_messages": Term("## Messages", "## 提示文字"),
    "rule_skips": Term("## When it cannot run", "## 无法检查时"),
    "no_options": Term("None.", "无。"),
    "default": Term("default", "默认"),
    # graph
    "outside": Term("outside", "室外"),
}


def caption(
    f: Finding, lang: str, located: bool = True, origin: tuple[float, float] = (0.0, 0.0)
) -> str:
    """A finding's text as every output shows it: the message in ``lang``, where it is (when
    ``located`` and the text does not say it already; in the drawing's coordinates: ``origin``
    is the plan's, see ``Report.origin``), and the other rules its cause breaks."""
    from .messages import fmt_xy

    text = f.text(lang)
    at = None if f.location is None else (f.location[0] + origin[0], f.location[1] + origin[1])
    if located and at is not None and fmt_xy(at) not in text:
        where = fmt_xy(at)
        text += f"（位置 {where}）" if lang == "zh" else f" — at {where}"
    if f.related:
        codes = ("、" if lang == "zh" else ", ").join(r.rule for r in f.related)
        also = word("also", lang)
        text += f"（{also}{codes}）" if lang == "zh" else f" ({also}{codes})"
    return text


def limit_line(f: Finding, lang: str) -> str | None:
    """ "limit 6.0 m: floorcheck default …": the limit a finding was held to and whose it is."""
    if f.limit is None or not f.basis:
        return None
    sep = "：" if lang == "zh" else ": "
    return f"{word('limit', lang)} {fmt_value(f.limit, f.unit)}{sep}{f.basis_text(lang)}"


def word(key: str, lang: str) -> str:
    """A word of the reports in ``lang``."""
    return WORDS[key].text(lang)


def severity(sev: str) -> Term:
    return WORDS[sev]


_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7"}
_NUMERALS |= {"八": "8", "九": "9", "十": "10"}
_NUMERAL = "[一二三四五六七八九十]"
# A reference to a section of the guide: §七, §七(二), §七(二)3 (never the words of a quotation).
_CLAUSE = re.compile(rf"§{_NUMERAL}+(?:\({_NUMERAL}+\))?")


def clause(text: str, lang: str) -> str:
    """Clauses of the guide as ``lang`` cites them: §七(二)3 in Chinese, §7(2)3 in English (the
    section numbers are the guide's Chinese numerals); a text may hold several. National codes
    and quotations are left as they are.

    >>> clause("§六, §七(二)2", "en"), clause("§七(一); GB 55019-2021 2.2.2", "en")
    ('§6, §7(2)2', '§7(1); GB 55019-2021 2.2.2')
    >>> clause("§七(三)2: 「设置一米等候线」", "en")
    '§7(3)2: 「设置一米等候线」'
    """
    if lang == "zh":
        return text
    return _CLAUSE.sub(
        lambda m: re.sub(_NUMERAL, lambda n: _NUMERALS[n.group(0)], m.group(0)), text
    )


def level_name(level_id: str) -> Term:
    lv = LEVELS.get(level_id)
    return lv.term if lv else Term(level_id, level_id)


def zone_type_name(type_id: str) -> Term:
    return zone_type(type_id).term


def window_kind_name(kind: str) -> Term:
    w = WINDOW_KINDS.get(kind)
    return w.term if w else Term(kind, kind)


def camera_kind_name(kind: str) -> Term:
    c = CAMERA_KINDS.get(kind)
    return c.term if c else Term(kind, kind)


def zone_name(label: str, type_id: str) -> Term:
    """A zone as texts name it: its label as drawn (the same in both languages), or, when it has
    none, its type's name."""
    return Term(label, label) if label else zone_type_name(type_id)


def fmt_value(value: float, unit: str) -> str:
    """A limit or a measurement with its unit, as findings print it.

    >>> fmt_value(6.0, "m"), fmt_value(1000.0, "m²"), fmt_value(5.0, "count"), fmt_value(2.0, "%")
    ('6.0 m', '1000.0 m²', '5', '2 %')
    """
    from .messages import fmt_m, fmt_m2

    if value == 0 and unit in ("m", "m²"):
        return f"0 {unit}"
    if unit == "m":
        return fmt_m(value)
    if unit == "m²":
        return fmt_m2(value)
    if unit == "%":
        return f"{value:g} %"
    return f"{value:g}"
