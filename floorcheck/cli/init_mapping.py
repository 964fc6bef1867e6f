"""``floorcheck init-mapping``: draft a mapping file from a drawing's layers and labels."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConfigError, InputError
from ._common import fail, lang_option, wrote

__all__ = ["init_mapping"]


@click.command(name="init-mapping")
@click.argument("plan")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Mapping file to write (default: stdout).",
)
@lang_option
def init_mapping(plan: str, output: str | None, lang: str) -> None:
    """Draft a mapping file from a drawing's (DXF or DWG) layers and labels, to edit for your
    CAD standard (docs/reference.md describes the format)."""
    from ..dxf.draft import draft_mapping
    from ..readers import dxf_document, sniff

    try:
        kind = sniff(plan)
        if kind == "ifc":
            raise ConfigError(
                "is an IFC model: its spaces are typed by their names, not by layers",
                plan,
                "list names floorcheck does not know under [labels] in a mapping file (docs/ifc.md)",
                message_zh="是 IFC 模型：其空间按名称识别类型，而不是按图层",
                hint_zh="请将 floorcheck 不认识的名称写在映射文件的 [labels] 下（见 docs/ifc.md）",
            )
        text = draft_mapping(plan, dxf_document(plan) if kind == "dwg" else None, lang=lang)
        if output:
            from ..io import write_text

            if Path(output).exists():
                raise ConfigError(
                    "exists; not overwriting a mapping you may have edited",
                    output,
                    "choose another name or delete it first",
                    message_zh="文件已存在；不覆盖可能已编辑过的映射文件",
                    hint_zh="请另选文件名，或先删除该文件",
                )
            write_text(output, text)
    except InputError as exc:
        fail(exc, lang)
    if output:
        wrote(output, lang)
    else:
        click.echo(text)
