"""``floorcheck report``: the report to hand on, as one file (HTML or PDF by the suffix)."""

from __future__ import annotations

from pathlib import Path

import click

from ..api import check, config_for, load_plans, write_html, write_pdf
from ..errors import ConfigError, InputError
from ._common import (
    base_config,
    check_layers,
    config_option,
    fail,
    lang_option,
    layers_option,
    level_option,
    mapping_option,
    region_option,
    units_option,
    wrote,
)

__all__ = ["report_cmd"]

_WRITERS = {".html": write_html, ".htm": write_html, ".pdf": write_pdf}


@click.command(name="report")
@click.argument("plan")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="report.html (interactive, self-contained) or report.pdf.",
)
@level_option
@units_option
@mapping_option
@config_option
@lang_option
@layers_option
@region_option
def report_cmd(
    plan: str,
    output: str,
    level: str | None,
    units: str | None,
    mapping: str | None,
    config_path: str | None,
    lang: str,
    layers: str | None,
    region: str | None,
) -> None:
    """Check a plan and write the report to hand on: HTML (plan you can explore, findings,
    filters, 中文/English) or PDF, by the output's suffix."""
    try:
        writer = _WRITERS.get(Path(output).suffix.lower())
        if writer is None:
            raise ConfigError(
                "the report is written as .html or .pdf",
                output,
                "name the output report.html",
                message_zh="报告只能写为 .html 或 .pdf",
                hint_zh="请将输出命名为 report.html 之类",
            )
        check_layers(layers)
        config = config_for(
            plan, base_config(config_path, mapping, units), explicit=bool(config_path)
        )
        plans = load_plans(plan, region=region, config=config)
        for p in plans:
            report = check(p, level=level, config=config)
            target = Path(output)
            if len(plans) > 1:
                tag = "".join(c if c.isalnum() or c in "-_." else "_" for c in p.part)
                target = target.with_name(f"{target.stem}-{tag}{target.suffix}")
            writer(report, target, lang=lang, fail_on=config.fail_on, layers=layers)
            wrote(target, lang)
    except InputError as exc:
        fail(exc, lang)
