"""``floorcheck graph``: the zone adjacency graph as JSON or GraphML."""

from __future__ import annotations

import click

from ..api import config_for, load
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
    wrote,
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
@lang_option
def graph(
    plan: str,
    fmt: str,
    output: str | None,
    units: str | None,
    mapping: str | None,
    config_path: str | None,
    region: str | None,
    storey: str | None,
    lang: str,
) -> None:
    """Write the zone adjacency graph (open / door / wall boundaries) as JSON or GraphML; each
    node's ``name`` is in the language of --lang (a zone's label as drawn, else its type)."""
    from ..geometry.adjacency import graph_to_graphml, graph_to_json
    from ..geometry.analysis import Analysis

    try:
        config = config_for(
            plan, base_config(config_path, mapping, units), explicit=bool(config_path)
        )
        p = load(plan, region=region, config=config, storey=storey)
        g = Analysis(p, config.geometry).graph
        for z in p.zones:
            if z.id in g:
                g.nodes[z.id]["name"] = z.term.text(lang)
        for _, attrs in g.nodes(data=True):
            if attrs.get("kind") == "entrance":
                door = word("main_entrance" if attrs.get("main") else "door_entrance", lang)
                attrs["name"] = f"{door} {attrs.get('door', '')}".strip()
        text = graph_to_graphml(g) if fmt == "graphml" else graph_to_json(g)
        if output:
            from ..io import write_text

            write_text(output, text)
    except InputError as exc:
        fail(exc, lang)
    if output:
        wrote(output, lang)
    else:
        click.echo(text)
