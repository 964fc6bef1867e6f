"""``floorcheck zones``: what was recognised in a drawing, and the plans it holds."""

from __future__ import annotations

import click

from ..api import config_for, load_plans
from ..errors import InputError
from ..i18n import word
from ._common import (
    base_config,
    config_option,
    fail,
    lang_option,
    mapping_option,
    region_option,
    storey_option,
    units_option,
)

__all__ = ["zones"]


@click.command()
@click.argument("plan")
@units_option
@mapping_option
@config_option
@click.option("--layout", help="Read this paperspace layout or block instead of modelspace.")
@region_option
@storey_option
@lang_option
def zones(
    plan: str,
    units: str | None,
    mapping: str | None,
    config_path: str | None,
    layout: str | None,
    region: str | None,
    storey: str | None,
    lang: str,
) -> None:
    """Show what was recognised: zones, windows, doors, entrances, cameras, with areas; and the
    separate plans (regions) when the drawing holds several; every storey of an IFC model."""
    from ..geometry.regions import find_regions
    from ..report.zones import format_plan

    try:
        config = config_for(
            plan, base_config(config_path, mapping, units), explicit=bool(config_path)
        )
        plans = load_plans(plan, layout=layout, region=region, config=config, storey=storey)
    except InputError as exc:
        fail(exc, lang)
    for i, p in enumerate(plans):
        if len(plans) > 1:
            if p.recognition is not None:  # a floor plan of a drawing's sheet
                what = p.part.replace("region ", "区域 ", 1) if lang == "zh" else p.part
            else:
                what = f"{'楼层' if lang == 'zh' else 'storey'} {p.part}"
            click.echo(f"{'' if i == 0 else chr(10)}== {what} ==")
        click.echo(format_plan(p, lang))
        if p.recognition is not None:
            continue  # a drawing's views are in its recognition table
        found = find_regions(p)
        if len(found) > 1:
            click.echo("\n" + word("regions", lang).format(n=len(found)))
            for r in found:
                zones_n = word("region_zones", lang).format(n=r.zones)
                click.echo(f"  {r.index:>3}  {r.text:<32} {zones_n}")
