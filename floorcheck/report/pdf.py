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
from ..i18n import caption, clause, level_name, limit_line, severity, window_kind_name, word
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
        "counts": "{e} errors, {w} warnings, {i} information (problems); rules: {f} failed, "
        "{p} passed, {s} skipped",
        "table": "Findings",
        "measured": "measured {m}",
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
        "counts": "问题：错误 {e} 项，警告 {w} 项，提示 {i} 项；规则：未通过 {f} 条，通过 {p} 条，"
        "未检查 {s} 条",
        "table": "问题清单",
        "measured": "实测 {m}",
    },
}


# Lines this large are headings: one is never the last line of a page (it goes over with what
# it heads).
_HEADING_PT = 12


def _height(line: tuple[str, float, str]) -> float:
    text, size, _ = line
    return (text.count("\n") + 1) * size * 1.45 / 72 / A4[1] + 0.004


def _text_page(
    lines: Sequence[tuple[str, float, str]],
) -> tuple[Figure, Sequence[tuple[str, float, str]]]:
    """A page of (text, size, colour) lines; returns the figure and the lines that did not fit.
    A heading whose first line below does not fit goes to the next page with it."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4)
    y = 0.95
    rest = list(lines)
    placed = 0
    while rest:
        text, size, colour = rest[0]
        height = _height(rest[0])
        if y - height < 0.05:
            break
        if (
            placed
            and size >= _HEADING_PT
            and len(rest) > 1
            and y - height - _height(rest[1]) < 0.05
        ):
            break
        fig.text(0.08, y, text, fontsize=size, va="top", color=colour)
        y -= height
        rest.pop(0)
        placed += 1
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
    sep = "：" if lang == "zh" else ": "
    level = LEVELS.get(report.level or "")
    failed = report.fails(fail_on)
    area = report.hall.get("usable_area_m2", 0.0)
    minimum = f"{level.min_area_m2:.0f} m²" if level and level.min_area_m2 else w["none"]
    kinds = Counter(x["kind"] for x in report.windows)
    kinds_text = ("、" if lang == "zh" else ", ").join(
        f"{window_kind_name(k).text(lang)} {n}" for k, n in sorted(kinds.items())
    )
    counts = w["counts"].format(
        e=report.count("error"),
        w=report.count("warning"),
        i=report.count("info"),
        f=len(report.failed),
        p=len(report.passed),
        s=len(report.skipped),
    )
    summary: list[tuple[str, float, str]] = [
        (w["title"], 20, "#000000"),
        (word("standard", lang), 8, "#555555"),
        ("", 6, "#000000"),
        (
            f"{w['verdict']}{sep}{w['fail'] if failed else w['pass']}",
            16,
            SEVERITY_COLOURS["error"] if failed else "#2ca02c",
        ),
        (f"{w['file']}{sep}{report.title}", 10, "#000000"),
        (f"{w['level']}{sep}{level_name(level.id).text(lang) if level else '-'}", 10, "#000000"),
        (
            f"{w['area']}{sep}{area:.1f} m²（{w['minimum']}{sep}{minimum}）"
            if lang == "zh"
            else f"{w['area']}{sep}{area:.1f} m² ({w['minimum']}{sep}{minimum})",
            10,
            "#000000",
        ),
        (
            f"{w['windows']}{sep}{len(report.windows)}"
            + (f" — {kinds_text}" if kinds_text else ""),
            10,
            "#000000",
        ),
        (f"{w['findings']}{sep}{counts}", 10, "#000000"),
    ]
    table: list[tuple[str, float, str]] = [(w["table"], 14, "#000000")]
    for n, f in number_findings(report.findings):  # numbered as on the plan
        sev = severity(f.severity).text(lang)
        head = f"{n}. {f.rule}  {sev}  {clause(f.clause, lang)}"
        body = "\n".join(wrap(caption(f, lang), 58))
        limit = limit_line(f, lang)
        if f.measured is not None and limit:
            limit = (
                w["measured"].format(m=f"{round(f.measured, 2):g}")
                + ("；" if lang == "zh" else "; ")
                + limit
            )
        if limit:
            body += "\n" + "\n".join(wrap(limit, 58))
        table.append((head, 9, SEVERITY_COLOURS[f.severity]))
        table.append((body, 8, "#000000"))
    table.append(("", 6, "#000000"))
    table += _rules_passed_and_skipped(report, lang)
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


def _rules_passed_and_skipped(report: Report, lang: str) -> list[tuple[str, float, str]]:
    """The rules that passed, each with its title, and those skipped with their reasons; a list
    with nothing in it says so rather than leaving its heading alone."""
    from ..rules import RULES

    sep = "：" if lang == "zh" else ": "
    out: list[tuple[str, float, str]] = [(word("rules_passed", lang), 12, "#000000")]
    # one line each: a page breaks between them
    out += [
        (f"{c}  {RULES[c].title(lang) if c in RULES else ''}", 8, "#000000") for c in report.passed
    ] or [("-", 8, "#000000")]
    out.append((word("rules_skipped", lang), 12, "#000000"))
    if not report.skipped:
        out.append(("-", 8, "#555555"))
    for s in report.skipped:
        reason = s.get("reason_zh", s["reason"]) if lang == "zh" else s["reason"]
        out.append(("\n".join(wrap(f"{s['rule']}{sep}{reason}", 58)), 8, "#555555"))
    return out
