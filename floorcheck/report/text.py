"""The terminal report: what was recognised, findings by severity, a one-line summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import click

from ..findings import SEVERITIES, Report, Unreadable
from ..vocab import LEVELS, ZONE_TYPES

__all__ = ["format_reports", "format_report", "summary_line", "summary_table"]

_WORDS = {
    "en": {
        "plan": "Plan",
        "level": "level",
        "none": "not given",
        "area": "usable area",
        "outline_drawn": "drawn outline",
        "outline_zones": "union of zones",
        "zones": "Zones",
        "windows": "windows",
        "doors": "doors",
        "cameras": "cameras",
        "error": "Errors",
        "warning": "Warnings",
        "info": "Information",
        "skipped": "Skipped",
        "pass": "PASS",
        "fail": "FAIL",
        "unreadable": "UNREADABLE",
        "summary": "{e} error(s), {w} warning(s), {i} info, {p} rule(s) passed, {s} skipped",
        "main": "main entrance",
    },
    "zh": {
        "plan": "图纸",
        "level": "级别",
        "none": "未指定",
        "area": "使用面积",
        "outline_drawn": "按大厅轮廓",
        "outline_zones": "按功能区合计",
        "zones": "功能区",
        "windows": "窗口",
        "doors": "门",
        "cameras": "摄像头",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "skipped": "未检查",
        "pass": "通过",
        "fail": "不通过",
        "unreadable": "无法读取",
        "summary": "错误 {e} 项，警告 {w} 项，提示 {i} 项，通过 {p} 条规则，未检查 {s} 条",
        "main": "主入口",
    },
}
_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def summary_line(report: Report, lang: str = "en", fail_on: str = "error") -> str:
    w = _WORDS[lang]
    verdict = w["fail"] if report.fails(fail_on) else w["pass"]
    counts = w["summary"].format(
        e=report.count("error"),
        w=report.count("warning"),
        i=report.count("info"),
        p=len(report.passed),
        s=len(report.skipped),
    )
    return f"{verdict}: {report.title}: {counts}"


def format_report(
    report: Report,
    lang: str = "en",
    color: bool = False,
    fail_on: str = "error",
    quiet: bool = False,
) -> str:
    w = _WORDS[lang]

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    lines: list[str] = []
    if not quiet:
        level = LEVELS.get(report.level or "")
        level_text = f"{report.level} ({level.zh})" if level else w["none"]
        outline = (
            w["outline_drawn"] if report.hall.get("outline") == "drawn" else w["outline_zones"]
        )
        lines.append(style(f"{w['plan']}: {report.title}", bold=True))
        lines.append(
            f"  {w['level']}: {level_text}; {w['area']}: {report.hall.get('usable_area_m2', 0):.1f} m² ({outline}); "
            f"units: {report.units.get('unit')} ({report.units.get('source')})"
        )
        by_type = Counter(z["type"] for z in report.zones)
        zone_text = ", ".join(
            f"{ZONE_TYPES[t].zh if t in ZONE_TYPES else t}×{n}"
            if n > 1
            else (ZONE_TYPES[t].zh if t in ZONE_TYPES else t)
            for t, n in sorted(by_type.items())
        )
        lines.append(f"  {w['zones']} ({len(report.zones)}): {zone_text or '-'}")
        kinds = Counter(x["kind"] for x in report.windows)
        mains = [d for d in report.doors if d.get("main")]
        lines.append(
            f"  {len(report.windows)} {w['windows']} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items())) or '-'}); "
            f"{len(report.doors)} {w['doors']}"
            + (f" ({w['main']} {mains[0]['id']}, {mains[0]['width_m']:.2f} m)" if mains else "")
            + f"; {len(report.cameras)} {w['cameras']}"
        )
        lines.append("")
    for severity in SEVERITIES:
        found = [f for f in report.findings if f.severity == severity]
        if not found or (quiet and severity == "info"):
            continue
        lines.append(style(f"{w[severity]} ({len(found)})", fg=_COLOURS[severity], bold=True))
        for f in found:
            at = report.world(f.location) if f.location else None
            where = f" @ ({at[0]:.1f}, {at[1]:.1f})" if at else ""
            lines.append(
                f"  {style(f.rule, fg=_COLOURS[severity])} [{f.clause}] {f.text(lang)}{where}"
            )
        lines.append("")
    if report.skipped and not quiet:
        lines.append(style(f"{w['skipped']} ({len(report.skipped)})", dim=True))
        for s in report.skipped:
            lines.append(style(f"  {s['rule']}: {s['reason']}", dim=True))
        lines.append("")
    verdict = summary_line(report, lang, fail_on)
    lines.append(style(verdict, fg="red" if report.fails(fail_on) else "green", bold=True))
    return "\n".join(lines)


def format_reports(
    reports: Sequence[Report],
    lang: str = "en",
    color: bool = False,
    fail_on: str = "error",
    quiet: bool = False,
    **_: object,
) -> str:
    return "\n\n".join(format_report(r, lang, color, fail_on, quiet) for r in reports) + "\n"


def summary_table(
    reports: Sequence[Report],
    lang: str = "en",
    fail_on: str = "error",
    failures: Sequence[Unreadable] = (),
) -> str:
    """One row per plan — file, level, errors, warnings, verdict — for batch runs; a file that
    could not be read has a row too."""
    w = _WORDS[lang]
    head = (
        ("file", "level", "errors", "warnings", "verdict")
        if lang == "en"
        else ("图纸", "级别", "错误", "警告", "结论")
    )
    rows = [
        (
            r.title,
            r.level or "-",
            str(r.count("error")),
            str(r.count("warning")),
            w["fail"] if r.fails(fail_on) else w["pass"],
        )
        for r in reports
    ] + [(u.file, "-", "-", "-", w["unreadable"]) for u in failures]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(n) if i < 2 or i == 4 else c.rjust(n)
            for i, (c, n) in enumerate(zip(row, widths, strict=True))
        )

    return "\n".join([fmt(head), *(fmt(r) for r in rows)]) + "\n"
