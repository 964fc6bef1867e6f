"""``floorcheck diff OLD NEW``: what a revision fixed and what it broke."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..api import check, config_for, load
from ..config import Config
from ..diff import diff_reports, format_diff
from ..errors import ConfigError, InputError, detail_zh
from ..findings import Report
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
)

__all__ = ["diff", "read_report"]


def _is_json(path: Path) -> bool:
    if path.suffix.lower() == ".json":
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith((b"{", b"["))


def read_report(
    path: str, config: Config, level: str | None = None, region: str | None = None
) -> Report:
    """A drawing checked now, or a JSON report written by ``check --format json``."""
    p = Path(path)
    if p.is_file() and _is_json(p):
        try:
            data = json.loads(p.read_text(encoding="utf-8-sig"))
            if isinstance(data, list):
                if len(data) != 1:
                    raise ConfigError(
                        f"holds {len(data)} reports",
                        path,
                        "diff one plan's report at a time",
                        message_zh=f"包含 {len(data)} 份报告",
                        hint_zh="每次只比较一个平面图的报告",
                    )
                data = data[0]
            return Report.from_dict(data)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            detail = f"{exc.__class__.__name__}: {exc}"
            raise ConfigError(
                f"is not a floorcheck JSON report ({detail})",
                path,
                "write one with 'floorcheck check PLAN --format json -o FILE'",
                message_zh=f"不是 floorcheck 的 JSON 报告（{detail_zh(detail)}）",
                hint_zh="请用 floorcheck check 图纸 --format json -o 文件 生成",
            ) from None
    config = config_for(path, config)
    return check(load(path, region=region, config=config), level=level, config=config)


@click.command()
@click.argument("old")
@click.argument("new")
@level_option
@units_option
@mapping_option
@config_option
@region_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write to this file (default: stdout)."
)
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0.0),
    default=1.0,
    show_default=True,
    help="Metres a finding or a zone may move and still be the same one.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity of a new finding that makes NEW worse.",
)
@click.option("--verbose", "-v", is_flag=True, help="List the unchanged findings too (text).")
@lang_option
def diff(
    old: str,
    new: str,
    level: str | None,
    units: str | None,
    mapping: str | None,
    config_path: str | None,
    region: str | None,
    fmt: str,
    output: str | None,
    tolerance: float,
    fail_on: str,
    verbose: bool,
    lang: str,
) -> None:
    """Compare two revisions of a plan (drawings, or JSON reports of them): findings new,
    resolved and unchanged, zones added, removed, renamed or resized.

    Exit status: 0 NEW adds no finding at or above --fail-on; 1 it does; 2 unusable input."""
    try:
        config = base_config(config_path, mapping, units)
        before = read_report(old, config, level, region)
        after = read_report(new, config, level, region)
        d = diff_reports(before, after, tolerance_m=tolerance)
        text = format_diff(d, fmt, lang, fail_on, verbose)
        if output:
            from ..io import write_text

            write_text(output, text)
        else:
            click.echo(text, nl=False)
    except InputError as exc:
        fail(exc, lang)
    sys.exit(EXIT_FINDINGS if d.worse(fail_on) else EXIT_OK)
