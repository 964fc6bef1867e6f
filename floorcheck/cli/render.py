"""``floorcheck render``: the annotated plan alone."""

from __future__ import annotations

import click

from ..api import check, config_for, load, render_png
from ..errors import InputError
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
    storey_option,
    units_option,
    wrote,
)

__all__ = ["render"]


@click.command()
@click.argument("plan")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="PNG (or .pdf/.svg) to write.",
)
@level_option
@units_option
@mapping_option
@config_option
@click.option("--dpi", type=click.IntRange(50, 1200), default=150, show_default=True)
@lang_option
@layers_option
@region_option
@storey_option
def render(
    plan: str,
    output: str,
    level: str | None,
    units: str | None,
    mapping: str | None,
    config_path: str | None,
    dpi: int,
    lang: str,
    layers: str | None,
    region: str | None,
    storey: str | None,
) -> None:
    """Draw the annotated plan alone."""
    try:
        check_layers(layers)
        config = config_for(
            plan, base_config(config_path, mapping, units), explicit=bool(config_path)
        )
        report = check(
            load(plan, region=region, config=config, storey=storey), level=level, config=config
        )
        render_png(report, output, dpi=dpi, lang=lang, fail_on=config.fail_on, layers=layers)
    except InputError as exc:
        fail(exc, lang)
    wrote(output, lang)
