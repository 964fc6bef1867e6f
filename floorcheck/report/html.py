"""The interactive report: one self-contained HTML file (inline SVG, CSS and a small script; no
network, no CDN), so it opens from an e-mail attachment.

The plan comes from the render Scene (``render/svg.py``); the findings list, the summary and
every word of the page are in English and Chinese at once, and a switch shows one language.
Clicking a finding highlights its geometry and zooms to it; clicking the plan lists the
findings there; layers and filters (severity, rule family) show and hide; printing gives an A3
sheet.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

from ..findings import Finding, Report
from ..i18n import caption, clause, level_name, limit_line, window_kind_name
from ..io import write_text
from ..render.scene import build_scene, parse_layers, zone_name
from ..render.styles import LAYER_NAMES, OPTIONAL_LAYERS, SEVERITY_COLOURS, STYLES
from ..render.svg import legend_swatch, scene_svg
from ..vocab import LEVELS

__all__ = ["html_report", "write_html", "FAMILIES"]

# Rule families by the code's first digit (floorcheck/rules/*.py), for the family filter.
FAMILIES: dict[str, tuple[str, str]] = {
    "FC0": ("Drawing", "图纸"),
    "FC1": ("Area", "面积"),
    "FC2": ("Windows", "窗口"),
    "FC3": ("Zones", "功能分区"),
    "FC4": ("Placement", "布局"),
    "FC5": ("Accessibility", "无障碍"),
    "FC6": ("Staff", "工作人员"),
    "FC7": ("Cameras", "监控"),
    "FC8": ("Signage", "标识"),
}

_WORDS: dict[str, tuple[str, str]] = {
    "pass": ("PASS", "通过"),
    "fail": ("FAIL", "不通过"),
    "level": ("Level", "级别"),
    "area": ("Usable area", "使用面积"),
    "minimum": ("minimum", "最低要求"),
    "no_minimum": ("no minimum in the guide", "指南未规定"),
    "windows": ("Service windows", "服务窗口"),
    "counts": (
        "{e} errors · {w} warnings · {i} information",
        "错误 {e} 项 · 警告 {w} 项 · 提示 {i} 项",
    ),
    "findings": ("Findings", "问题清单"),
    "layers": ("Layers", "图层"),
    "severity": ("Severity", "严重程度"),
    "families": ("Rule family", "规则类别"),
    "error": ("error", "错误"),
    "warning": ("warning", "警告"),
    "info": ("information", "提示"),
    "reset": ("Whole plan", "全图"),
    "print": ("Print", "打印"),
    "here": ("Findings at this spot", "此处的问题"),
    "none_here": ("No finding at this spot", "此处没有问题"),
    "show_all": ("Show all", "显示全部"),
    "not_on_plan": ("not located on the plan", "图上无位置"),
    "legend": ("Legend", "图例"),
    "passed": ("Rules passed", "通过的规则"),
    "skipped": ("Rules skipped", "未检查的规则"),
    "measured": ("measured {m} / required {r}", "实测 {m} / 要求 {r}"),
    "standard": (
        "Checked against the Changchun guide for government service and convenience service "
        "centres (2022 revision)",
        "依据：长春市政务服务中心、便民服务中心（站）标准化建设指南（2022年修订）",
    ),
    "hint": (
        "Click a finding to see it on the plan; click the plan to list the findings there; "
        "scroll to zoom, drag to move.",
        "点击问题可在图上定位；点击平面图列出该处的问题；滚轮缩放，拖动平移。",
    ),
    "simplified": ("Simplified for the screen", "为屏幕显示已简化"),
}


def _t(en: str, zh: str) -> str:
    """Both languages; the page shows one."""
    if en == zh:
        return html.escape(en)
    return f'<span class="en">{html.escape(en)}</span><span class="zh">{html.escape(zh)}</span>'


def _w(key: str, **fmt: object) -> str:
    en, zh = _WORDS[key]
    return _t(en.format(**fmt), zh.format(**fmt))


def _summary(report: Report, failed: bool) -> str:
    level = LEVELS.get(report.level or "")
    area = float(report.hall.get("usable_area_m2", 0.0) or 0.0)
    if level and level.min_area_m2:
        minimum = _t(f"minimum {level.min_area_m2:.0f} m²", f"最低要求 {level.min_area_m2:.0f} m²")
    else:
        minimum = _w("no_minimum")
    kinds = Counter(x.get("kind", "") for x in report.windows)
    windows = ", ".join(
        _t(f"{window_kind_name(k).en} {n}", f"{window_kind_name(k).zh} {n}")
        for k, n in sorted(kinds.items())
    )
    verdict = _w("fail" if failed else "pass")
    level_term = level_name(level.id) if level else None
    counts = _w(
        "counts", e=report.count("error"), w=report.count("warning"), i=report.count("info")
    )
    return (
        f'<div class="summary"><span class="verdict {"fail" if failed else "pass"}" id="verdict">'
        f"{verdict}</span>"
        f"<span><b>{_w('level')}</b> {_t(level_term.en, level_term.zh) if level_term else '-'}</span>"
        f"<span><b>{_w('area')}</b> {area:.1f} m² ({minimum})</span>"
        f"<span><b>{_w('windows')}</b> {len(report.windows)}{' — ' + windows if windows else ''}</span>"
        f'<span class="counts">{counts}</span></div>'
    )


def _finding_item(n: int, f: Finding, drawn: set[int]) -> str:
    family = f.rule[:3] if f.rule[:3] in FAMILIES else "other"
    measure = ""
    limits = (limit_line(f, "en"), limit_line(f, "zh"))
    if limits[0] and limits[1]:
        m = "" if f.measured is None else f"{round(f.measured, 2):g}"
        measured = (f"measured {m}; " if m else "", f"实测 {m}；" if m else "")
        measure = (
            f'<div class="measure">{_t(measured[0] + limits[0], measured[1] + limits[1])}</div>'
        )
    where = "" if n in drawn else f'<div class="nowhere">{_w("not_on_plan")}</div>'
    zones = html.escape(" ".join(f.zones))
    return (
        f'<li id="f{n}" data-n="{n}" data-sev="{f.severity}" data-fam="{family}" '
        f'data-zones="{zones}" tabindex="0" style="border-left-color:{SEVERITY_COLOURS[f.severity]}">'
        f'<span class="num" style="background:{SEVERITY_COLOURS[f.severity]}">{n}</span>'
        f'<span class="rule">{html.escape(f.rule)}</span> <span class="sev">{_w(f.severity)}</span> '
        f'<span class="clause">{_t(clause(f.clause, "en"), f.clause)}</span>'
        f'<div class="msg">{_t(caption(f, "en", False), caption(f, "zh", False))}</div>'
        f"{measure}{where}</li>"
    )


def _checkbox(group: str, value: str, label: str, checked: bool = True, colour: str = "") -> str:
    dot = f'<i style="background:{colour}"></i>' if colour else ""
    return (
        f'<label><input type="checkbox" data-{group}="{value}"{" checked" if checked else ""}>'
        f"{dot}{label}</label>"
    )


def _controls(findings: list[tuple[int, Finding]], layers: frozenset[str]) -> str:
    layer_boxes = "".join(
        _checkbox("layer", name, _t(*LAYER_NAMES[name]), name in layers) for name in OPTIONAL_LAYERS
    )
    sevs = "".join(
        _checkbox("sev", s, _w(s), colour=SEVERITY_COLOURS[s]) for s in ("error", "warning", "info")
    )
    present = sorted({f.rule[:3] for _, f in findings if f.rule[:3] in FAMILIES})
    fams = "".join(_checkbox("fam", code, f"{code} {_t(*FAMILIES[code])}") for code in present)
    return (
        '<div class="controls" role="toolbar">'
        '<span class="lang"><button type="button" data-setlang="en">EN</button>'
        '<button type="button" data-setlang="zh">中文</button></span>'
        f"<fieldset><legend>{_w('layers')}</legend>{layer_boxes}</fieldset>"
        f"<fieldset><legend>{_w('severity')}</legend>{sevs}</fieldset>"
        + (f"<fieldset><legend>{_w('families')}</legend>{fams}</fieldset>" if fams else "")
        + f'<button type="button" id="reset">{_w("reset")}</button>'
        f'<button type="button" id="print">{_w("print")}</button></div>'
    )


def _legend(report: Report, scene_roles: Iterable[str], zone_types: list[str]) -> str:
    from ..render.scene import LegendEntry
    from ..render.styles import EXTRA_COLOUR, ZONE_COLOURS

    items = []
    for role in sorted(set(scene_roles) - {"zone"}, key=lambda r: (STYLES[r].z, r)):
        words = STYLES[role].legend
        if words is None:
            continue
        entry = LegendEntry(role, words[0])
        items.append(
            f'<li data-layer="{STYLES[role].layer}">{legend_swatch(entry)}{_t(*words)}</li>'
        )
    for t in zone_types:
        entry = LegendEntry("zone", "", ZONE_COLOURS.get(t, EXTRA_COLOUR))
        items.append(f"<li>{legend_swatch(entry)}{_t(zone_name(t, 'en'), zone_name(t, 'zh'))}</li>")
    return f'<details class="legend" open><summary>{_w("legend")}</summary><ul>{"".join(items)}</ul></details>'


def _rules_lists(report: Report) -> str:
    from ..rules import RULES

    passed = "".join(
        f"<li><b>{html.escape(c)}</b> {_t(RULES[c].title('en'), RULES[c].title('zh'))}</li>"
        for c in report.passed
        if c in RULES
    )
    skipped = "".join(
        f"<li><b>{html.escape(s.get('rule', ''))}</b> "
        f"{_t(s.get('reason', ''), s.get('reason_zh', s.get('reason', '')))}</li>"
        for s in report.skipped
    )
    return (
        f'<details class="rules"><summary>{_w("passed")} ({len(report.passed)})</summary>'
        f"<ul>{passed}</ul></details>"
        f'<details class="rules"><summary>{_w("skipped")} ({len(report.skipped)})</summary>'
        f"<ul>{skipped}</ul></details>"
    )


def _asset(name: str) -> str:
    return (files("floorcheck.report") / "assets" / name).read_text(encoding="utf-8")


def html_report(
    report: Report,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | Iterable[str] | None = None,
) -> str:
    """The report as one HTML document (a string)."""
    scene = build_scene(report, lang, fail_on, None)  # every layer; the page hides the unticked
    shown = parse_layers(layers)
    plan = scene_svg(scene)
    drawn = {n for s in scene.shapes for n in s.numbers} | {
        n for m in scene.markers for n in m.numbers
    }
    zone_types: list[str] = []
    if report.plan is not None:
        for z in report.plan.zones:
            if z.type not in zone_types and z.type != "unknown":
                zone_types.append(z.type)
    items = "".join(_finding_item(n, f, drawn) for n, f in scene.findings)
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in plan.notes)
    notes_html = f'<ul class="notes" id="notes">{notes}</ul>' if notes else ""
    hidden = " ".join(f"hide-{name}" for name in OPTIONAL_LAYERS if name not in shown)
    title = html.escape(f"floorcheck — {report.title}")
    data = json.dumps({"lang": lang, "none_here": _WORDS["none_here"]}, ensure_ascii=False).replace(
        "</", "<\\/"
    )
    return (
        f'<!doctype html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}" data-lang="{lang}">'
        f'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="floorcheck {html.escape(report.version)}">'
        f"<title>{title}</title><style>{_asset('report.css')}</style></head>"
        f'<body class="{hidden}">'
        f"<header><h1>{title}</h1>{_summary(report, scene.failed)}"
        f'<p class="standard">{_w("standard")}</p>{_controls(scene.findings, shown)}</header>'
        f'<main><section class="plan-pane"><div class="plan-box">{plan.svg}</div>'
        f'<p class="hint">{_w("hint")}</p>{notes_html}'
        f"{_legend(report, scene.roles(), zone_types)}</section>"
        f'<aside class="list-pane"><h2>{_w("findings")} ({len(scene.findings)})</h2>'
        f'<div id="here" hidden><b>{_w("here")}</b> <span id="here-list"></span> '
        f'<button type="button" id="show-all">{_w("show_all")}</button></div>'
        f'<ol id="findings">{items}</ol>{_rules_lists(report)}</aside></main>'
        f'<script type="application/json" id="fc-data">{data}</script>'
        f"<script>{_asset('report.js')}</script></body></html>\n"
    )


def write_html(
    report: Report,
    path: str | Path,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | Iterable[str] | None = None,
) -> Path:
    """Write the HTML report whole or not at all."""
    return write_text(path, html_report(report, lang, fail_on, layers))
