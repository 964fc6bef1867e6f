"""``floorcheck suggest cameras``: where to add cameras so that FC701–FC704 pass."""

from __future__ import annotations

import json
import sys

import click

from ..api import check, config_for, load, render_png, suggest_cameras, write_suggested_dxf
from ..errors import InputError
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    base_config,
    config_option,
    fail,
    lang_option,
    level_option,
    mapping_option,
    region_option,
    units_option,
    wrote,
)

__all__ = ["suggest"]

CAMERA_RULES = ("FC701", "FC702", "FC703", "FC704")


@click.group()
def suggest() -> None:
    """Compute fixes for what a check finds."""


@suggest.command("cameras")
@click.argument("plan")
@level_option
@units_option
@mapping_option
@config_option
@region_option
@click.option("--layout", help="Read this paperspace layout or block instead of modelspace.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write a copy of the DXF with the proposed cameras on layer FLOORCHECK-SUGGEST.",
)
@click.option("--png", type=click.Path(dir_okay=False), help="Draw the plan with the proposal.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@lang_option
def cameras(
    plan: str,
    level: str | None,
    units: str | None,
    mapping: str | None,
    config_path: str | None,
    region: str | None,
    layout: str | None,
    output: str | None,
    png: str | None,
    fmt: str,
    lang: str,
) -> None:
    """Fixed and PTZ cameras to add so that every comprehensive window has its own camera
    (FC701), a PTZ camera is there where FC702 asks, no public floor is blind (FC703) and no
    camera sees into a toilet, 母婴室 or locker room (FC704).

    Exit status: 0 the camera rules pass with the proposal (or already do); 1 they would still
    fail; 2 unusable input."""
    try:
        config = config_for(
            plan, base_config(config_path, mapping, units), explicit=bool(config_path)
        )
        drawn = load(plan, layout=layout, region=region, config=config)
        report = check(drawn, level=level, config=config.updated(select=CAMERA_RULES))
        found = suggest_cameras(report.plan or drawn, level, config=config, report=report)
        report.suggestions = {"cameras": found.to_dict()}
        read_back: list[str] | None = None
        if output:
            write_suggested_dxf(report, plan, output, config)
            again = check(
                load(output, layout=layout, region=region, config=config),
                level=level,
                config=config.updated(select=CAMERA_RULES),
            )
            read_back = sorted({f.rule for f in again.findings})
        if png:
            render_png(report, png, lang=lang)
    except InputError as exc:
        fail(exc, lang)
    if fmt == "json":
        data = {"file": plan, "cameras": found.to_dict()}
        if read_back is not None:
            data["read_back_failing"] = read_back
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(found.text(lang), nl=False)
        if output:
            ok = not read_back
            if lang == "zh":
                click.echo(
                    f"已写入 {output}（图层 FLOORCHECK-SUGGEST）；重新读取："
                    + ("FC701–FC704 通过" if ok else f"仍不通过 {', '.join(read_back or [])}")
                )
            else:
                click.echo(
                    f"wrote {output} (layer FLOORCHECK-SUGGEST); read back: "
                    + ("FC701–FC704 pass" if ok else f"still failing {', '.join(read_back or [])}")
                )
        if png:
            wrote(png, lang)
    passes = found.passes and not read_back
    sys.exit(EXIT_OK if passes else EXIT_FINDINGS)
