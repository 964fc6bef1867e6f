"""``floorcheck check``: check plans (or folders of them) and print or write a report."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from ..api import CheckJob, JobResult, Outputs, run_jobs
from ..errors import ConfigError, InputError
from ._common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    base_config,
    config_option,
    echo_error,
    lang_option,
    level_option,
    mapping_option,
    region_option,
    storey_option,
    units_option,
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
    help="Write the report to this file (default: stdout).",
)
@click.option("--png", type=click.Path(dir_okay=False), help="Write the annotated plan as PNG.")
@click.option(
    "--pdf", type=click.Path(dir_okay=False), help="Write the PDF report (summary, plan, findings)."
)
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
    if opts["fmt"] == "bcf" and not opts["output"]:
        raise ConfigError(
            "--format bcf writes a zip file",
            hint="name it with -o findings.bcfzip",
        )
    annotated = opts["annotated_dxf"]
    if annotated and Path(annotated).suffix.lower() != ".dxf":
        raise ConfigError(
            "the annotated copy is written as DXF",
            annotated,
            "name it .dxf (a DWG input is converted; the DWG itself is never written)",
        )
    files = expand_paths(plans)
    outputs = Outputs(
        png=opts["png"],
        pdf=opts["pdf"],
        annotated_dxf=opts["annotated_dxf"],
        lang=opts["lang"],
        dpi=opts["dpi"],
        fail_on=opts["fail_on"] or config.fail_on,
    )
    many = len(files) > 1
    return [
        CheckJob(
            str(f),
            config,
            explicit_config=bool(opts["config_path"]),
            outputs=outputs.for_plan(f) if many else outputs,
            layout=opts["layout"],
            region=opts["region"],
            storey=opts["storey"],
        )
        for f in files
    ]


def _check(plans: tuple[str, ...], **opts: Any) -> int:
    from ..report import format_reports

    try:
        jobs = _jobs(plans, opts)
    except InputError as exc:
        echo_error(str(exc))
        return EXIT_INPUT
    results = _run_all(jobs, opts["jobs"], quiet=opts["quiet"])
    reports = [r.report for r in results if r.report is not None]
    errors = [r.error for r in results if r.error is not None]
    for line in errors:
        echo_error(line)
    fail_on = jobs[0].outputs.fail_on
    if reports and opts["fmt"] == "bcf":
        from ..report import write_report

        try:
            write_report("bcf", reports, opts["output"], lang=opts["lang"])
        except InputError as exc:
            echo_error(str(exc))
            return EXIT_INPUT
    elif reports:
        fmt = opts["fmt"]
        color = (
            fmt == "text"
            and opts["output"] is None
            and sys.stdout.isatty()
            and "NO_COLOR" not in os.environ
        )
        text = format_reports(
            fmt, reports, lang=opts["lang"], color=color, fail_on=fail_on, quiet=opts["quiet"]
        )
        if fmt == "text" and len(results) > 1:
            from ..report.text import summary_table

            text += "\n" + summary_table(reports, opts["lang"], fail_on)
        if opts["output"]:
            from ..io import write_text

            write_text(opts["output"], text)
        else:
            click.echo(text, nl=False)
    if errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if any(r.fails(fail_on) for r in reports) else EXIT_OK


def _run_all(jobs: list[CheckJob], workers: int, quiet: bool) -> list[JobResult]:
    terminal = not quiet and sys.stderr.isatty()
    results = run_jobs(jobs, workers, pause_gc=True)
    if terminal and len(jobs) == 1:
        # one plan: a spinner while it is read and checked (large drawings take seconds)
        from rich.console import Console

        with Console(stderr=True).status(f"checking {jobs[0].path} …"):
            return [r for rs in results for r in rs]
    return _progress(results, len(jobs), terminal and len(jobs) > 1)


def _progress(results: Iterable[list[JobResult]], total: int, show: bool) -> list[JobResult]:
    if not show:
        return [r for rs in results for r in rs]
    from rich.progress import Progress

    out: list[JobResult] = []
    with Progress(transient=True) as progress:
        task = progress.add_task("checking plans", total=total)
        for rs in results:
            out.extend(rs)
            progress.advance(task)
    return out
