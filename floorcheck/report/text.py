"""The terminal report: what was recognised, findings by severity, a one-line summary.

Every word comes from :mod:`floorcheck.i18n`, in the language asked for; names quoted from the
drawing (zone labels, layers) stay as drawn. Each finding is one line: code, clause, text (with
its location when the text does not already say it), the other rules its cause also breaks;
then, indented, the limit it was held to and whose number that is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import click

from ..findings import SEVERITIES, Finding, Report, Unreadable
from ..i18n import (
    caption,
    clause,
    level_name,
    limit_line,
    window_kind_name,
    word,
    zone_type_name,
)
from ..messages import Lang, fmt_list

__all__ = ["format_reports", "format_report", "summary_line", "summary_table", "finding_line"]

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_HEADINGS = {"error": "errors", "warning": "warnings", "info": "infos"}
_UNIT_SOURCES = {
    "given": "units_given",
    "guessed": "units_guessed",
    "--units": "units_option",
    "$INSUNITS": "units_header",
}


def summary_line(report: Report, lang: str = "en", fail_on: str = "error") -> str:
    """Verdict, plan, and the counts: problems (causes) by severity, rules by outcome."""
    verdict = word("fail", lang) if report.fails(fail_on) else word("pass", lang)
    counts = word("summary", lang).format(
        e=report.count("error"),
        w=report.count("warning"),
        i=report.count("info"),
        f=len(report.failed),
        p=len(report.passed),
        s=len(report.skipped),
    )
    if lang == "zh":
        return f"{verdict}：{report.title}；{counts}"
    return f"{verdict}: {report.title} — {counts}"


def finding_line(f: Finding, lang: str = "en", origin: tuple[float, float] = (0.0, 0.0)) -> str:
    """A finding as one line (without its code and clause): the text, where (``origin``: the
    plan's, see ``Report.origin``), and the rules its cause also breaks."""
    return caption(f, lang, origin=origin)


def _header(report: Report, lang: str) -> list[str]:
    """The lines on what was recognised: level, area, units, zones, windows, doors, cameras."""
    sep = "：" if lang == "zh" else ": "
    semi = "；" if lang == "zh" else "; "
    level = level_name(report.level).text(lang) if report.level else word("not_given", lang)
    if report.level and lang == "en":
        level = f"{report.level} ({level})"
    outline = word(
        "outline_drawn" if report.hall.get("outline") == "drawn" else "outline_zones", lang
    )
    unit_source = str(report.units.get("source", ""))
    source = word(_UNIT_SOURCES[unit_source], lang) if unit_source in _UNIT_SOURCES else unit_source
    area = report.hall.get("usable_area_m2", 0)
    lines = [
        f"  {word('level', lang)}{sep}{level}{semi}{word('usable_area', lang)}{sep}{area:.1f} m²"
        f"{_paren(outline, lang)}{semi}{word('units', lang)}{sep}{report.units.get('unit')}"
        f"{_paren(source, lang)}"
    ]
    by_type = Counter(z["type"] for z in report.zones)
    zones = [
        zone_type_name(t).text(lang) + (f"×{n}" if n > 1 else "")
        for t, n in sorted(by_type.items())
    ]
    lines.append(
        f"  {word('zones', lang)}{_paren(str(len(report.zones)), lang)}{sep}"
        + (fmt_list(zones, _lang(lang)) or "-")
    )
    kinds = Counter(x["kind"] for x in report.windows)
    windows = fmt_list(
        [f"{window_kind_name(k).text(lang)} {n}" for k, n in sorted(kinds.items())], _lang(lang)
    )
    mains = [d for d in report.doors if d.get("main")]
    main = (
        _paren(
            f"{word('main_entrance', lang)} {mains[0]['id']}{'，' if lang == 'zh' else ', '}"
            f"{mains[0]['width_m']:.2f} m",
            lang,
        )
        if mains
        else ""
    )
    lines.append(
        f"  {len(report.windows)} {word('windows', lang)}{_paren(windows or '-', lang)}{semi}"
        f"{len(report.doors)} {word('doors', lang)}{main}{semi}"
        f"{len(report.cameras)} {word('cameras', lang)}"
    )
    return lines


def _lang(lang: str) -> Lang:
    return "zh" if lang == "zh" else "en"


def _paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def format_report(
    report: Report,
    lang: str = "en",
    color: bool = False,
    fail_on: str = "error",
    quiet: bool = False,
) -> str:
    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    sep = "：" if lang == "zh" else ": "
    lines: list[str] = []
    if not quiet:
        lines.append(style(f"{word('plan', lang)}{sep}{report.title}", bold=True))
        lines += _header(report, lang)
        lines.append("")
    for severity in SEVERITIES:
        found = [f for f in report.findings if f.severity == severity]
        if not found or (quiet and severity == "info"):
            continue
        heading = f"{word(_HEADINGS[severity], lang)}{_paren(str(len(found)), lang)}"
        lines.append(style(heading, fg=_COLOURS[severity], bold=True))
        for f in found:
            code = style(f.rule, fg=_COLOURS[severity])
            lines.append(
                f"  {code} [{clause(f.clause, lang)}] {finding_line(f, lang, report.origin)}"
            )
            limit = limit_line(f, lang) if not quiet else None
            if limit:
                lines.append(style(f"      {limit}", dim=True))
            if f.fix:
                lines.append(f"      → {f.fix_text(lang)}")
        lines.append("")
    if report.skipped and not quiet:
        lines.append(
            style(f"{word('skipped', lang)}{_paren(str(len(report.skipped)), lang)}", dim=True)
        )
        for s in report.skipped:
            reason = s.get("reason_zh", s["reason"]) if lang == "zh" else s["reason"]
            lines.append(style(f"  {s['rule']}{sep}{reason}", dim=True))
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
    head = tuple(word("table_head", lang).split("|"))
    rows = [
        (
            r.title,
            (level_name(r.level).text(lang) if lang == "zh" else r.level) if r.level else "-",
            str(r.count("error")),
            str(r.count("warning")),
            word("fail", lang) if r.fails(fail_on) else word("pass", lang),
        )
        for r in reports
    ] + [(u.file, "-", "-", "-", word("unreadable", lang)) for u in failures]
    widths = [max(_width(str(x)) for x in col) for col in zip(head, *rows, strict=True)]

    def fmt(row: tuple[str, ...]) -> str:
        cells = []
        for i, (c, n) in enumerate(zip(row, widths, strict=True)):
            pad = " " * (n - _width(c))
            cells.append(c + pad if i < 2 or i == 4 else pad + c)
        return "  ".join(cells).rstrip()

    return "\n".join([fmt(head), *(fmt(r) for r in rows)]) + "\n"


def _width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
