"""The command line: ``main(argv) -> int``. Parsing and dispatch only; the work lives elsewhere."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Config, find_config, load_config
from .errors import ConfigError, InputError
from .vocab import LEVELS

__all__ = ["main", "cli"]

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _echo_error(message: str) -> None:
    click.echo(f"floorcheck: error: {message}", err=True)


def _expand(paths: Sequence[str]) -> list[Path]:
    """Plan files named on the command line; folders give the DXF files in them (recursively)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".dxf")
            if not found:
                raise ConfigError(
                    "no .dxf files in this folder", raw, "name DXF files or a folder holding them"
                )
            out.extend(found)
        else:
            out.append(p)
    return out


def _output_for(template: str | None, plan: Path, many: bool) -> Path | None:
    """With several plans, ``out.png`` becomes ``out-<plan stem>.png``."""
    if template is None:
        return None
    t = Path(template)
    return t.with_name(f"{t.stem}-{plan.stem}{t.suffix}") if many else t


@dataclass(frozen=True)
class _Job:
    path: str
    config: Config
    explicit_config: bool
    png: str | None
    pdf: str | None
    annotated_dxf: str | None
    lang: str
    dpi: int
    layout: str | None
    region: str | None = None


def _run_job(job: _Job) -> tuple[str, Any, str | None]:
    """Check one plan; returns (path, report or None, error line or None). Runs in a worker too."""
    from .engine import check

    try:
        config = job.config
        if not job.explicit_config:
            found = find_config(Path(job.path))
            if found is not None:
                base = load_config(found)
                config = base.updated(
                    metadata=config.metadata,
                    select=config.select,
                    ignore=config.ignore,
                    rule_options={**base.rule_options, **config.rule_options} or None,
                    mapping=config.mapping,
                    units=config.units,
                )
        from .dxf import load

        plan = load(
            job.path,
            mapping=config.mapping,
            units=config.units,
            layout=job.layout,
            region=job.region,
        )
        report = check(plan, config=config)
        if job.png:
            from .render import render_png

            render_png(report, job.png, dpi=job.dpi, lang=job.lang)
        if job.pdf:
            from .report.pdf import write_pdf

            write_pdf(report, job.pdf, lang=job.lang)
        if job.annotated_dxf:
            from .report.annotated_dxf import write_annotated_dxf

            write_annotated_dxf(report, job.path, job.annotated_dxf)
        if os.environ.get("FLOORCHECK_WORKER"):  # outputs are written; send back data only
            report.plan = report.analysis = None
        return job.path, report, None
    except InputError as exc:
        return job.path, None, str(exc)
    except MemoryError:
        return (
            job.path,
            None,
            f"{job.path}: the drawing is too large to check in memory — check one floor at a time",
        )


def _worker_init() -> None:
    os.environ["FLOORCHECK_WORKER"] = "1"


class _Group(click.Group):
    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_paragraph()
        formatter.write_text(
            "Exit status: 0 no finding at or above --fail-on; 1 findings; 2 unusable input or options."
        )


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="floorcheck")
def cli() -> None:
    """Check DXF floor plans of government service halls against the Changchun guide
    (长春市政务服务中心、便民服务中心（站）标准化建设指南 2022)."""


@cli.command()
@click.argument("plans", nargs=-1, required=True)
@click.option(
    "--level",
    type=click.Choice(list(LEVELS)),
    help="Hall level (default: FC_LEVEL in the drawing or config).",
)
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
@click.option(
    "--units",
    type=click.Choice(["mm", "cm", "m", "in", "ft", "dm"]),
    help="Override the drawing's units.",
)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False),
    help="Mapping TOML for your office's layers and blocks.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file (default: floorcheck.toml found beside the plan).",
)
@click.option("--layout", help="Read this paperspace layout or block instead of modelspace.")
@click.option(
    "--region",
    help="Check one of several plans drawn side by side: its number in 'floorcheck zones' "
    "(1 = top left), or x0,y0,x1,y1 in metres.",
)
@click.option("--select", help="Only these rules, comma-separated (FC4 = the whole family).")
@click.option("--ignore", help="Skip these rules, comma-separated.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "junit"]),
    default="text",
    show_default=True,
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
    help="Write a copy of the DXF with the findings marked.",
)
@click.option("--dpi", type=click.IntRange(50, 1200), default=150, show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
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
    """Check one or more DXF plans (or folders of them) and print a report."""
    sys.exit(_check(plans, **opts))


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip().upper() for v in value.split(",") if v.strip()) if value else ()


def _check(plans: tuple[str, ...], **opts: Any) -> int:
    from .report import format_reports

    try:
        base = load_config(Path(opts["config_path"])) if opts["config_path"] else Config()
        meta_keys = (
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
        config = base.updated(
            metadata={k: opts[k] for k in meta_keys},
            select=_split(opts["select"]),
            ignore=_split(opts["ignore"]),
            mapping=Path(opts["mapping"]) if opts["mapping"] else None,
            units=opts["units"],
            fail_on=opts["fail_on"],
        )
        if config.mapping is not None and not config.mapping.is_file():
            raise ConfigError(
                "mapping file not found", str(config.mapping), "check the --mapping path"
            )
        from .engine import select_rules

        select_rules(
            config.select, config.ignore
        )  # unknown codes are a usage error before any work
        files = _expand(plans)
    except InputError as exc:
        _echo_error(str(exc))
        return EXIT_INPUT
    many = len(files) > 1
    jobs = [
        _Job(
            str(f),
            config,
            bool(opts["config_path"]),
            str(_output_for(opts["png"], f, many)) if opts["png"] else None,
            str(_output_for(opts["pdf"], f, many)) if opts["pdf"] else None,
            str(_output_for(opts["annotated_dxf"], f, many)) if opts["annotated_dxf"] else None,
            opts["lang"],
            opts["dpi"],
            opts["layout"],
            opts["region"],
        )
        for f in files
    ]
    results = _run_all(jobs, opts["jobs"], quiet=opts["quiet"])
    reports = [r for _, r, _ in results if r is not None]
    errors = [e for _, _, e in results if e is not None]
    for line in errors:
        _echo_error(line)
    fail_on = opts["fail_on"] or config.fail_on
    if reports:
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
        if fmt == "text" and many:
            from .report.text import summary_table

            text += "\n" + summary_table(reports, opts["lang"], fail_on)
        if opts["output"]:
            from .io import write_text

            write_text(opts["output"], text)
        else:
            click.echo(text, nl=False)
    if errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if any(r.fails(fail_on) for r in reports) else EXIT_OK


def _run_all(jobs: list[_Job], workers: int, quiet: bool) -> list[tuple[str, Any, str | None]]:
    terminal = not quiet and sys.stderr.isatty()
    show = terminal and len(jobs) > 1
    if terminal and len(jobs) == 1:
        # one plan: a spinner while it is read and checked (large drawings take seconds)
        from rich.console import Console

        with Console(stderr=True).status(f"checking {jobs[0].path} …"):
            return [_run_job(jobs[0])]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
            it = pool.map(_run_job, jobs)
            return _progress(it, len(jobs), show)
    return _progress((_run_job(j) for j in jobs), len(jobs), show)


def _progress(results, total: int, show: bool) -> list:
    if not show:
        return list(results)
    from rich.progress import Progress

    out = []
    with Progress(transient=True) as progress:
        task = progress.add_task("checking plans", total=total)
        for r in results:
            out.append(r)
            progress.advance(task)
    return out


@cli.command()
@click.argument("plan")
@click.option("--units", type=click.Choice(["mm", "cm", "m", "in", "ft", "dm"]))
@click.option("--mapping", type=click.Path(dir_okay=False))
@click.option("--layout")
@click.option("--region", help="Only this plan region (number or x0,y0,x1,y1 in metres).")
def zones(
    plan: str, units: str | None, mapping: str | None, layout: str | None, region: str | None
) -> None:
    """Show what was recognised: zones, windows, doors, entrances, cameras, with areas; and the
    separate plans (regions) when the drawing holds several."""
    from .dxf import load
    from .geometry.regions import find_regions
    from .report.zones import format_plan

    try:
        p = load(plan, mapping=mapping, units=units, layout=layout, region=region)
    except InputError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_INPUT)
    click.echo(format_plan(p))
    found = find_regions(p)
    if len(found) > 1:
        click.echo(f"\nThis drawing holds {len(found)} separate plans (check one with --region N):")
        for r in found:
            click.echo(f"  {r.index:>3}  {r.text:<32} {r.zones} zones")


@cli.command()
@click.argument("plan")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="PNG (or .pdf/.svg) to write.",
)
@click.option("--level", type=click.Choice(list(LEVELS)))
@click.option("--units", type=click.Choice(["mm", "cm", "m", "in", "ft", "dm"]))
@click.option("--mapping", type=click.Path(dir_okay=False))
@click.option("--dpi", type=click.IntRange(50, 1200), default=150, show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--region", help="Only this plan region (number or x0,y0,x1,y1 in metres).")
def render(
    plan: str,
    output: str,
    level: str | None,
    units: str | None,
    mapping: str | None,
    dpi: int,
    lang: str,
    region: str | None,
) -> None:
    """Draw the annotated plan alone."""
    from .dxf import load
    from .engine import check as run_check
    from .render import render_png

    try:
        report = run_check(load(plan, mapping=mapping, units=units, region=region), level=level)
        render_png(report, output, dpi=dpi, lang=lang)
    except InputError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_INPUT)
    click.echo(f"wrote {output}")


@cli.command(name="rules")
def rules_cmd() -> None:
    """List the rules."""
    from .rules import RULES

    for code in sorted(RULES):
        r = RULES[code]
        title = r.doc().splitlines()[0] if r.doc() else r.name
        click.echo(f"{code}  {r.severity:<7}  {r.clause:<14}  {title}")


@cli.command(name="rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Explain one rule: what it checks, the clause, examples, options."""
    from .rules import RULES

    rule = RULES.get(code.upper())
    if rule is None:
        _echo_error(f"no rule {code!r}; see 'floorcheck rules'")
        sys.exit(EXIT_INPUT)
    click.echo(f"{rule.code} {rule.name} ({rule.severity}, {rule.clause})\n")
    click.echo(rule.doc())


@cli.command()
@click.argument("plan")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: stdout)."
)
@click.option("--units", type=click.Choice(["mm", "cm", "m", "in", "ft", "dm"]))
@click.option("--mapping", type=click.Path(dir_okay=False))
def graph(plan: str, fmt: str, output: str | None, units: str | None, mapping: str | None) -> None:
    """Write the zone adjacency graph (open / door / wall boundaries) as JSON or GraphML."""
    from .dxf import load
    from .geometry.adjacency import graph_to_graphml, graph_to_json
    from .geometry.analysis import Analysis

    try:
        g = Analysis(load(plan, mapping=mapping, units=units)).graph
    except InputError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_INPUT)
    text = graph_to_graphml(g) if fmt == "graphml" else graph_to_json(g)
    if output:
        from .io import write_text

        write_text(output, text)
    else:
        click.echo(text)


@cli.command(name="init-mapping")
@click.argument("plan")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Mapping file to write (default: stdout).",
)
def init_mapping(plan: str, output: str | None) -> None:
    """Draft a mapping file from a drawing's layers and labels, to edit for your CAD standard."""
    from .dxf.draft import draft_mapping

    try:
        text = draft_mapping(plan)
    except InputError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_INPUT)
    if output:
        from .io import write_text

        if Path(output).exists():
            _echo_error(f"{output} exists; not overwriting a mapping you may have edited")
            sys.exit(EXIT_INPUT)
        write_text(output, text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status instead of exiting."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="floorcheck",
            standalone_mode=False,
        )
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_INPUT
    except click.exceptions.Abort:
        _echo_error("interrupted")
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
