"""The PDF report an architect hands on: summary, annotated plan, findings, rules passed/skipped.

The text pages (an A4 summary, then the findings with what was measured and required, then the
rules passed and skipped) are set with fpdf2 in DejaVu Sans (from matplotlib) with SimHei (from
mplfonts) for Chinese, both embedded as subsets, so Chinese prints, and can be searched and
copied out of the PDF. Their cost is linear with a small constant: a
table of 6,000 findings takes about two seconds (matplotlib took 90 s to set the same text).
The annotated plan is matplotlib's vector A3 sheet (Noto Sans CJK SC, Type 42), put after the
summary with pypdf; its findings list continues in the table rather than on further sheets.

Pagination consumes at least one line per page, so no text — however long — can make it loop:
a finding taller than a page goes on over the next one, a heading never ends a page alone.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..findings import Report
from ..i18n import caption, clause, level_name, limit_line, severity, window_kind_name, word
from ..io import atomic_path
from ..render.styles import FAIL_COLOUR, PASS_COLOUR, SEVERITY_COLOURS
from ..render.text import wrap
from ..vocab import LEVELS

__all__ = ["write_pdf"]

_FONT_FILE = "SimHei.ttf"  # TrueType: fpdf2 embeds it with a ToUnicode map that readers extract
_PAGE_W_MM, _PAGE_H_MM, _MARGIN_MM = 210.0, 297.0, 15.0
_PT_MM = 25.4 / 72
_LINE = 1.35  # line height in font sizes
_EM_PER_MM = 1 / _PT_MM  # ems per mm at 1 pt

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


@dataclass(frozen=True)
class _Line:
    text: str
    size: float = 8.0
    colour: str = "#000000"
    indent_mm: float = 0.0
    keep_with_next: bool = False  # a heading: never the last line of a page

    @property
    def height_mm(self) -> float:
        return self.size * _PT_MM * _LINE


def _wrapped(
    text: str, size: float, colour: str = "#000000", indent_mm: float = 0.0
) -> list[_Line]:
    width_mm = _PAGE_W_MM - 2 * _MARGIN_MM - indent_mm
    width_em = width_mm * _EM_PER_MM / size * 0.97
    return [_Line(t, size, colour, indent_mm) for t in wrap(text, width_em)] or [_Line("", size)]


def _summary(report: Report, lang: str, fail_on: str) -> list[_Line]:
    w = _WORDS[lang]
    zh = lang == "zh"
    sep = "：" if zh else ": "
    level = LEVELS.get(report.level or "")
    failed = report.fails(fail_on)
    area = report.hall.get("usable_area_m2", 0.0)
    minimum = f"{level.min_area_m2:.0f} m²" if level and level.min_area_m2 else w["none"]
    kinds = Counter(x["kind"] for x in report.windows)
    kinds_text = ("、" if zh else ", ").join(
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
    lines = [
        _Line(w["title"], 20),
        *_wrapped(word("standard", lang), 8, "#555555"),
        _Line("", 6),
    ]
    lines.append(
        _Line(
            f"{w['verdict']}{sep}{w['fail'] if failed else w['pass']}",
            16,
            FAIL_COLOUR if failed else PASS_COLOUR,
        )
    )
    minimum_text = f"{w['minimum']}{sep}{minimum}"
    for text in (
        f"{w['file']}{sep}{report.title}",
        f"{w['level']}{sep}{level_name(level.id).text(lang) if level else '-'}",
        f"{w['area']}{sep}{area:.1f} m²" + (f"（{minimum_text}）" if zh else f" ({minimum_text})"),
        f"{w['windows']}{sep}{len(report.windows)}" + (f" — {kinds_text}" if kinds_text else ""),
        f"{w['findings']}{sep}{counts}",
    ):
        lines += _wrapped(text, 10)
    return lines


def _table(report: Report, lang: str) -> list[_Line]:
    from ..render.scene import number_findings
    from ..rules import RULES

    w = _WORDS[lang]
    lines = [_Line(w["table"], 14, keep_with_next=True)]
    sep = "：" if lang == "zh" else ": "
    for n, f in number_findings(report.findings):  # numbered as on the plan
        head = _Line(
            f"{n}. {f.rule}  {severity(f.severity).text(lang)}  {clause(f.clause, lang)}",
            9,
            SEVERITY_COLOURS[f.severity],
            keep_with_next=True,
        )
        body = _wrapped(caption(f, lang), 8, indent_mm=4)
        limit = limit_line(f, lang)
        if limit:
            if f.measured is not None:
                measured = w["measured"].format(m=f"{round(f.measured, 2):g}")
                limit = measured + ("；" if lang == "zh" else "; ") + limit
            body += _wrapped(limit, 8, "#555555", 4)
        if f.fix:
            body += _wrapped("→ " + f.fix_text(lang), 8, "#555555", 4)
        lines += [head, *body, _Line("", 3)]
    lines += [_Line("", 6), _Line(word("rules_passed", lang), 12, keep_with_next=True)]
    for code in report.passed:
        rule = RULES.get(code)
        lines += _wrapped(f"{code}  {rule.title(lang) if rule is not None else ''}", 8)
    if not report.passed:
        lines.append(_Line("-", 8))
    lines += [_Line("", 6), _Line(word("rules_skipped", lang), 12, keep_with_next=True)]
    for s in report.skipped:
        reason = s.get("reason_zh", s["reason"]) if lang == "zh" else s["reason"]
        lines += _wrapped(f"{s['rule']}{sep}{reason}", 8, "#555555")
    if not report.skipped:
        lines.append(_Line("-", 8))
    return lines


def _pages(lines: list[_Line]) -> Iterator[list[_Line]]:
    """Lines cut into pages: every page takes at least one line, a heading moves on with the
    line after it, blank lines do not start a page."""
    room = _PAGE_H_MM - 2 * _MARGIN_MM
    page: list[_Line] = []
    used = 0.0
    for i, line in enumerate(lines):
        if not page and not line.text:
            continue
        need = line.height_mm
        if line.keep_with_next and i + 1 < len(lines):
            need += lines[i + 1].height_mm
        if page and used + need > room:
            yield page
            page, used = [], 0.0
            if not line.text:
                continue
        page.append(line)
        used += line.height_mm
    if page:
        yield page


def _text_pdf(pages: Iterable[list[_Line]]) -> bytes:
    import matplotlib
    import mplfonts
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    latin = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf.add_font("latin", "", str(latin))
    pdf.add_font("cjk", "", str(Path(mplfonts.__file__).parent / "fonts" / _FONT_FILE))
    for page in pages:
        pdf.add_page()
        y = _MARGIN_MM
        for line in page:
            y += line.height_mm
            if line.text:
                pdf.set_text_color(*_rgb(line.colour))
                x = _MARGIN_MM + line.indent_mm
                for font, run in _runs(line.text):
                    pdf.set_font(font, size=line.size)
                    pdf.text(x, y - line.height_mm * 0.25, run)
                    x += pdf.get_string_width(run)
    return bytes(pdf.output())


def _runs(text: str) -> Iterator[tuple[str, str]]:
    """The text in runs of one font: Chinese (wide) characters in SimHei, the rest in DejaVu."""
    start, font = 0, ""
    for i, ch in enumerate(text):
        f = "cjk" if unicodedata.east_asian_width(ch) in ("W", "F") else "latin"
        if f != font:
            if i > start:
                yield font, text[start:i]
            start, font = i, f
    if text[start:]:
        yield font, text[start:]


def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _plan_pdf(report: Report, lang: str, fail_on: str, layers: str | Iterable[str] | None) -> bytes:
    """The first A3 sheet of the annotated plan (its list goes on in the findings table)."""
    from matplotlib.backends.backend_pdf import PdfPages

    from ..render import build_scene
    from ..render.mpl import cjk_style, plan_sheets

    out = io.BytesIO()
    with cjk_style(), PdfPages(out) as pdf:
        for sheet in plan_sheets(build_scene(report, lang, fail_on, layers), continued=False):
            pdf.savefig(sheet)
    return out.getvalue()


def write_pdf(
    report: Report,
    path: str | Path,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | Iterable[str] | None = None,
) -> Path:
    """Write the PDF report whole or not at all: an A4 summary, the annotated plan on an A3
    sheet, then the findings with what was measured and required, rules passed and skipped."""
    from pypdf import PdfReader, PdfWriter

    summary = list(_pages(_summary(report, lang, fail_on)))[:1]
    table = list(_pages(_table(report, lang)))
    text = PdfReader(io.BytesIO(_text_pdf(summary + table)))
    writer = PdfWriter()
    writer.add_page(text.pages[0])
    if report.plan is not None:
        for page in PdfReader(io.BytesIO(_plan_pdf(report, lang, fail_on, layers))).pages:
            writer.add_page(page)
    for page in text.pages[1:]:
        writer.add_page(page)
    writer.add_metadata({"/Title": f"floorcheck — {report.title}", "/Creator": "floorcheck"})
    path = Path(path)
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        writer.write(fh)
    return path
