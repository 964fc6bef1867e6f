"""``floorcheck check``: check plans (or folders of them) and print or write a report."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from ..api import CheckJob, JobResult, Outputs, plan_tags, run_jobs
from ..errors import ConfigError, InputError
from ..findings import Report, Unreadable
from ..io import STDOUT, check_output, write_text
from ._common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    base_config,
    check_layers,
    config_option,
    echo_error,
    lang_option,
    layers_option,
    level_option,
    mapping_option,
    region_option,
    storey_option,
    units_option,
    wrote,
)

__all__ = ["check", "expand_paths"]

_META_KEYS = (
    "level",
    "population",
    "staff",
    "staff_male",
    "staff_female",
    "floor",
    "storeys",
    "elevator",
    "peak_visitors",
    "crowded",
    "existing_building",
)


def expand_paths(paths: Sequence[str]) -> list[Path]:
    """Plan files named on the command line; folders give the DXF, DWG and IFC files in them
    (recursively)."""
    from ..readers import EXTENSIONS

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in EXTENSIONS
            )
            if not found:
                raise ConfigError(
                    "no .dxf, .dwg or .ifc files in this folder",
                    raw,
                    "name drawings or models, or a folder holding them",
                    message_zh="此文件夹中没有 .dxf、.dwg 或 .ifc 文件",
                    hint_zh="请指定图纸或模型，或存放它们的文件夹",
                )
            out.extend(found)
        else:
            out.append(p)
    return out


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip().upper() for v in value.split(",") if v.strip()) if value else ()


@click.command()
@click.argument("plans", nargs=-1, required=True)
@level_option
@click.option(
    "--population",
    type=click.IntRange(min=0),
    help="Resident population (street level: >30,000 needs 200 m²).",
)
@click.option("--staff", type=click.IntRange(min=0), help="Number of staff.")
@click.option("--staff-male", type=click.IntRange(min=0), help="Male staff (locker room split).")
@click.option(
    "--staff-female", type=click.IntRange(min=0), help="Female staff (locker room split)."
)
@click.option("--floor", type=int, help="Floor the hall is on (1 = ground floor).")
@click.option("--storeys", type=click.IntRange(min=1), help="Storeys of the hall (signage rules).")
@click.option(
    "--elevator/--no-elevator", default=None, help="Whether the hall's floor has an elevator."
)
@click.option(
    "--peak-visitors", type=click.IntRange(min=0), help="Expected peak of waiting visitors."
)
@click.option(
    "--crowded", is_flag=True, default=None, help="Crowded public place: 1.80 m routes (GB 55019)."
)
@click.option(
    "--existing-building",
    is_flag=True,
    default=None,
    help="Renovated existing building: 0.80 m doors.",
)
@units_option
@mapping_option
@config_option
@click.option("--layout", help="Read this paperspace layout or block instead of modelspace.")
@region_option
@storey_option
@click.option("--select", help="Only these rules, comma-separated (FC4 = the whole family).")
@click.option("--ignore", help="Skip these rules, comma-separated.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "junit", "bcf"]),
    default="text",
    show_default=True,
    help="Report format; bcf (BIM Collaboration Format 2.1, a zip: needs -o) opens the findings "
    "in BIM viewers.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (default: stdout; - is stdout).",
)
@click.option("--png", type=click.Path(dir_okay=False), help="Write the annotated plan as PNG.")
@click.option(
    "--pdf", type=click.Path(dir_okay=False), help="Write the PDF report (summary, plan, findings)."
)
@click.option(
    "--html",
    type=click.Path(dir_okay=False),
    help="Write the interactive HTML report: one self-contained file (plan, findings, filters).",
)
@layers_option
@click.option(
    "--annotated-dxf",
    type=click.Path(dir_okay=False),
    help="Write a copy of the drawing (DXF, or a DWG converted) as DXF with the findings marked.",
)
@click.option("--dpi", type=click.IntRange(50, 1200), default=150, show_default=True)
@lang_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Check plans in parallel.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that fails (default: error).",
)
@click.option(
    "--mkdir", is_flag=True, help="Create missing output folders (else they are an error)."
)
@click.option("--quiet", "-q", is_flag=True, help="Only findings and the summary; no progress.")
def check(plans: tuple[str, ...], **opts: Any) -> None:
    """Check one or more plans — DXF, DWG drawings or IFC models — (or folders of them) and
    print a report."""
    sys.exit(_check(plans, **opts))


def _jobs(plans: tuple[str, ...], opts: dict[str, Any]) -> list[CheckJob]:
    from ..engine import select_rules

    config = base_config(
        opts["config_path"],
        opts["mapping"],
        opts["units"],
        metadata={k: opts[k] for k in _META_KEYS},
        select=_split(opts["select"]),
        ignore=_split(opts["ignore"]),
        fail_on=opts["fail_on"],
    )
    select_rules(config.select, config.ignore)  # unknown codes are a usage error before any work
    if opts["fmt"] == "bcf" and opts["output"] in (None, STDOUT):
        raise ConfigError(
            "--format bcf writes a zip file",
            hint="name it with -o findings.bcfzip",
            message_zh="--format bcf 输出的是 zip 文件",
            hint_zh="请用 -o findings.bcfzip 指定文件名",
        )
    annotated = opts["annotated_dxf"]
    if annotated and Path(annotated).suffix.lower() != ".dxf":
        raise ConfigError(
            "the annotated copy is written as DXF",
            annotated,
            "name it .dxf (a DWG input is converted; the DWG itself is never written)",
            message_zh="批注副本以 DXF 格式写出",
            hint_zh="请以 .dxf 为扩展名（DWG 输入会被转换，DWG 原图从不改写）",
        )
    files = expand_paths(plans)
    outputs = Outputs(
        png=opts["png"],
        pdf=opts["pdf"],
        annotated_dxf=opts["annotated_dxf"],
        html=opts["html"],
        layers=check_layers(opts["layers"]),
        lang=opts["lang"],
        dpi=opts["dpi"],
        fail_on=opts["fail_on"] or config.fail_on,
        mkdir=opts["mkdir"],
    )
    per_plan = [outputs.for_plan(tag) for tag in plan_tags(files)] if len(files) > 1 else [outputs]
    # Refuse, before any work, an output over a drawing being read or in a missing folder.
    for out in per_plan:
        out.check(files)
    if opts["output"]:
        check_output(opts["output"], files, mkdir=opts["mkdir"])
    return [
        CheckJob(
            str(f),
            config,
            explicit_config=bool(opts["config_path"]),
            outputs=out,
            layout=opts["layout"],
            region=opts["region"],
            storey=opts["storey"],
            suggest=opts["fmt"] == "json" or bool(outputs.paths),
        )
        for f, out in zip(files, per_plan, strict=True)
    ]


def _check(plans: tuple[str, ...], **opts: Any) -> int:
    lang = opts["lang"]
    try:
        jobs = _jobs(plans, opts)
    except InputError as exc:
        echo_error(exc.text(lang), lang)
        return EXIT_INPUT
    results = _run_all(jobs, opts["jobs"], quiet=opts["quiet"], lang=lang)
    reports = [r.report for r in results if r.report is not None]
    failures = [
        Unreadable(r.path, r.error, r.error_zh or "")
        for r in results
        if r.error and r.report is None
    ]
    for r in results:
        error = r.error_text(lang)
        if error:
            echo_error(error, lang)
        if not opts["quiet"]:
            for path in r.written:
                wrote(path, lang)
    fail_on = jobs[0].outputs.fail_on
    try:
        _emit(reports, failures, opts, fail_on, batch=len(results) > 1)
    except InputError as exc:
        echo_error(exc.text(lang), lang)
        return EXIT_INPUT
    if any(r.error for r in results):
        return EXIT_INPUT
    return EXIT_FINDINGS if any(r.fails(fail_on) for r in reports) else EXIT_OK


def _emit(
    reports: list[Report],
    failures: list[Unreadable],
    opts: dict[str, Any],
    fail_on: str,
    batch: bool,
) -> None:
    """Print or write the report. Every file is accounted for: in a batch, or when the report
    goes to a file, a drawing that could not be read is an entry of its own (so that an old
    report file is never left in place); one failed file to stdout prints nothing there."""
    from ..report import format_reports

    fmt = opts["fmt"]
    if fmt == "bcf":  # a zip of topics; unreadable files were named on stderr
        if reports:
            from ..report import write_report

            write_report("bcf", reports, opts["output"], lang=opts["lang"], mkdir=opts["mkdir"])
            if not opts["quiet"]:
                wrote(opts["output"], opts["lang"])
        return
    if not reports and not (batch or opts["output"]):
        return
    color = (
        fmt == "text"
        and opts["output"] is None
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )
    text = format_reports(
        fmt,
        reports,
        lang=opts["lang"],
        color=color,
        fail_on=fail_on,
        quiet=opts["quiet"],
        failures=failures,
    )
    if fmt == "text" and batch:
        from ..report.text import summary_table

        text += "\n" + summary_table(reports, opts["lang"], fail_on, failures)
    if opts["output"] and opts["output"] != STDOUT:
        write_text(opts["output"], text, mkdir=opts["mkdir"])
        if not opts["quiet"]:
            wrote(opts["output"], opts["lang"])
    else:
        click.echo(text, nl=False)


def _run_all(jobs: list[CheckJob], workers: int, quiet: bool, lang: str = "en") -> list[JobResult]:
    terminal = not quiet and sys.stderr.isatty()
    results = run_jobs(jobs, workers, pause_gc=True)
    if terminal and len(jobs) == 1:
        # one plan: a spinner while it is read and checked (large drawings take seconds)
        from rich.console import Console

        checking = "正在检查 {path} …" if lang == "zh" else "checking {path} …"
        with Console(stderr=True).status(checking.format(path=jobs[0].path)):
            return [r for rs in results for r in rs]
    return _progress(results, len(jobs), terminal and len(jobs) > 1, lang)


def _progress(
    results: Iterable[list[JobResult]], total: int, show: bool, lang: str = "en"
) -> list[JobResult]:
    if not show:
        return [r for rs in results for r in rs]
    from rich.progress import Progress

    out: list[JobResult] = []
    with Progress(transient=True) as progress:
        task = progress.add_task("正在检查图纸" if lang == "zh" else "checking plans", total=total)
        for rs in results:
            out.extend(rs)
            progress.advance(task)
    return out
