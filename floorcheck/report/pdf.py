"""The PDF report an architect hands on: summary, annotated plan, findings, rules passed/skipped.

Text is set in Noto Sans CJK SC (from mplfonts) and embedded as Type 42, so Chinese prints and
can be searched and copied out of the PDF.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Report
from ..io import atomic_path
from ..render.text import wrap
from ..vocab import LEVELS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["write_pdf"]

A4 = (8.27, 11.69)
_WORDS = {
    "en": {
        "title": "floorcheck report",
        "verdict": "Verdict",
        "pass": "PASS",
        "fail": "FAIL",
        "file": "Plan",
        "level": "Hall level",
        "area": "Usable area",
        "minimum": "minimum",
        "none": "no minimum in the guide",
        "windows": "Service windows",
        "findings": "Findings",
        "counts": "{e} errors, {w} warnings, {i} information",
        "passed": "Rules passed",
        "skipped": "Rules skipped",
        "table": "Findings",
        "measured": "measured {m} / required {r}",
        "standard": "Checked against 长春市政务服务中心、便民服务中心（站）标准化建设指南（2022年修订）",
    },
    "zh": {
        "title": "floorcheck 检查报告",
        "verdict": "结论",
        "pass": "通过",
        "fail": "不通过",
        "file": "图纸",
        "level": "大厅级别",
        "area": "使用面积",
        "minimum": "最低要求",
        "none": "指南未规定",
        "windows": "服务窗口",
        "findings": "检查结果",
        "counts": "错误 {e} 项，警告 {w} 项，提示 {i} 项",
        "passed": "通过的规则",
        "skipped": "未检查的规则",
        "table": "问题清单",
        "measured": "实测 {m} / 要求 {r}",
        "standard": "依据：长春市政务服务中心、便民服务中心（站）标准化建设指南（2022年修订）",
    },
}


def _text_page(
    lines: Sequence[tuple[str, float, str]],
) -> tuple[Figure, Sequence[tuple[str, float, str]]]:
    """A page of (text, size, colour) lines; returns the figure and the lines that did not fit."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4)
    y = 0.95
    rest = list(lines)
    while rest:
        text, size, colour = rest[0]
        height = (text.count("\n") + 1) * size * 1.45 / 72 / A4[1]
        if y - height < 0.05:
            break
        fig.text(0.08, y, text, fontsize=size, va="top", color=colour)
        y -= height + 0.004
        rest.pop(0)
    return fig, rest


def write_pdf(
    report: Report,
    path: str | Path,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | Iterable[str] | None = None,
) -> Path:
    """Write the PDF report whole or not at all: an A4 summary, the annotated plan on A3
    sheets, then the findings with what was measured and required, rules passed and skipped."""
    from matplotlib.backends.backend_pdf import PdfPages

    from ..render import build_scene
    from ..render.mpl import cjk_style, plan_sheets
    from ..render.scene import SEVERITY_COLOURS, number_findings

    w = _WORDS[lang]
    level = LEVELS.get(report.level or "")
    failed = report.fails(fail_on)
    area = report.hall.get("usable_area_m2", 0.0)
    minimum = f"{level.min_area_m2:.0f} m²" if level and level.min_area_m2 else w["none"]
    kinds = Counter(x["kind"] for x in report.windows)
    summary: list[tuple[str, float, str]] = [
        (w["title"], 20, "#000000"),
        (w["standard"], 8, "#555555"),
        ("", 6, "#000000"),
        (
            f"{w['verdict']}: {w['fail'] if failed else w['pass']}",
            16,
            SEVERITY_COLOURS["error"] if failed else "#2ca02c",
        ),
        (f"{w['file']}: {report.title}", 10, "#000000"),
        (f"{w['level']}: {level.zh + ' (' + level.id + ')' if level else '-'}", 10, "#000000"),
        (f"{w['area']}: {area:.1f} m² ({w['minimum']}: {minimum})", 10, "#000000"),
        (
            f"{w['windows']}: {len(report.windows)} — "
            + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
            10,
            "#000000",
        ),
        (
            f"{w['findings']}: "
            + w["counts"].format(
                e=report.count("error"), w=report.count("warning"), i=report.count("info")
            ),
            10,
            "#000000",
        ),
    ]
    table: list[tuple[str, float, str]] = [(w["table"], 14, "#000000")]
    for n, f in number_findings(report.findings):  # numbered as on the plan
        head = f"{n}. {f.rule}  {f.severity}  {f.clause}"
        body = "\n".join(wrap(f.text(lang), 58))
        if f.measured is not None or f.required is not None:
            body += "\n" + w["measured"].format(
                m="-" if f.measured is None else f"{round(f.measured, 2):g}",
                r="-" if f.required is None else f"{round(f.required, 2):g}",
            )
        table.append((head, 9, SEVERITY_COLOURS[f.severity]))
        table.append((body, 8, "#000000"))
    table.append(("", 6, "#000000"))
    table.append((w["passed"], 12, "#000000"))
    table.append(("\n".join(wrap(", ".join(report.passed) or "-", 58)), 8, "#000000"))
    table.append((w["skipped"], 12, "#000000"))
    for s in report.skipped:
        table.append(("\n".join(wrap(f"{s['rule']}: {s['reason']}", 58)), 8, "#555555"))
    path = Path(path)
    with cjk_style(), atomic_path(path) as tmp:
        with PdfPages(
            tmp, metadata={"Title": f"floorcheck — {report.title}", "Creator": "floorcheck"}
        ) as pdf:
            page, _ = _text_page(summary)
            pdf.savefig(page)
            if report.plan is not None:  # A3 sheets: the plan, and the findings it numbers
                for sheet in plan_sheets(build_scene(report, lang, fail_on, layers)):
                    pdf.savefig(sheet)
            rest: Sequence[tuple[str, float, str]] = table
            while rest:
                page, rest = _text_page(rest)
                pdf.savefig(page)
    return path
