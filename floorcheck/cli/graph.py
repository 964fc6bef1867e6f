"""``floorcheck graph``: the zone adjacency graph as JSON or GraphML."""

from __future__ import annotations

import click

from ..api import config_for, load
from ..errors import InputError
from ._common import (
    base_config,
    config_option,
    fail,
    mapping_option,
    region_option,
    storey_option,
    units_option,
)

__all__ = ["graph"]


@click.command()
@click.argument("plan")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: stdout)."
)
@units_option
@mapping_option
@config_option
@region_option
@storey_option
def graph(
    plan: str,
    fmt: str,
    output: str | None,
    units: str | None,
    mapping: str | None,
    config_path: str | None,
    region: str | None,
    storey: str | None,
) -> None:
    """Write the zone adjacency graph (open / door / wall boundaries) as JSON or GraphML."""
    from ..geometry.adjacency import graph_to_graphml, graph_to_json
    from ..geometry.analysis import Analysis

    try:
        config = config_for(
            plan, base_config(config_path, mapping, units), explicit=bool(config_path)
        )
        g = Analysis(load(plan, region=region, config=config, storey=storey), config.geometry).graph
        text = graph_to_graphml(g) if fmt == "graphml" else graph_to_json(g)
        if output:
            from ..io import write_text

            write_text(output, text)
    except InputError as exc:
        fail(exc)
    if not output:
        click.echo(text)
