"""What every command shares: exit statuses, the one-line error, common options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ..config import Config, load_config
from ..errors import ConfigError, InputError, with_zh, zh_of
from ..i18n import word
from ..vocab import LEVELS, UnknownName, level_id

__all__ = [
    "EXIT_OK",
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "echo_error",
    "fail",
    "UNITS",
    "units_option",
    "mapping_option",
    "config_option",
    "level_option",
    "lang_option",
    "region_option",
    "storey_option",
    "base_config",
    "wrote",
    "LevelName",
    "layers_option",
    "check_layers",
]

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
UNITS = ["mm", "cm", "m", "in", "ft", "dm"]

F = TypeVar("F", bound=Callable[..., Any])


def echo_error(message: str, lang: str = "en") -> None:
    """One line on stderr: ``floorcheck: error: …`` (``floorcheck：错误：…`` in Chinese)."""
    prefix = "floorcheck：错误：" if lang == "zh" else "floorcheck: error: "
    click.echo(prefix + message, err=True)


def fail(exc: InputError, lang: str = "en") -> NoReturn:
    """One line on stderr in ``lang``, exit status 2."""
    echo_error(exc.text(lang), lang)
    sys.exit(EXIT_INPUT)


def units_option(f: F) -> F:
    return click.option("--units", type=click.Choice(UNITS), help="Override the drawing's units.")(
        f
    )


def mapping_option(f: F) -> F:
    return click.option(
        "--mapping",
        type=click.Path(dir_okay=False),
        help="Mapping TOML for your office's layers and blocks.",
    )(f)


def config_option(f: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Config file (default: floorcheck.toml found beside the plan).",
    )(f)


class LevelName(click.ParamType):
    """A hall level by any of its names: an id in any case (County), the 中文 name, or a short
    one (县级, 街道, 村 …); a name of the guide that covers two levels is asked back."""

    name = "level"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(LEVELS) + "|中文]"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        try:
            return level_id(value)
        except UnknownName as exc:  # a usage error, said in Chinese too (see _usage.py)
            raise with_zh(click.BadParameter(str(exc), ctx, param), zh_of(exc)) from None


def level_option(f: F) -> F:
    return click.option(
        "--level",
        type=LevelName(),
        help="Hall level: city, county, street, township, community, village, or its Chinese name "
        "(县级, 街道 …) (default: FC_LEVEL in the drawing or config).",
    )(f)


def lang_option(f: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["en", "zh"]),
        default="en",
        show_default=True,
        help="Language of everything printed: en or zh.",
    )(f)


def wrote(path: object, lang: str) -> None:
    """Say on stderr which file was written (stdout stays clean for the report)."""
    click.echo(word("wrote", lang).format(path=path), err=True)


def region_option(f: F) -> F:
    return click.option(
        "--region",
        help="Check one of several plans drawn side by side: its number in 'floorcheck zones' "
        "(1 = top left), or x0,y0,x1,y1 in metres.",
    )(f)


def storey_option(f: F) -> F:
    return click.option(
        "--storey",
        help="Check one storey of an IFC model: its name (IfcBuildingStorey) or elevation in "
        "metres (default: every storey, one report each).",
    )(f)


def base_config(
    config_path: str | None, mapping: str | None = None, units: str | None = None, **changes: Any
) -> Config:
    """The command line's configuration: ``--config`` (if named) with the options over it.
    A named mapping file must exist."""
    base = load_config(Path(config_path)) if config_path else Config()
    config = base.updated(mapping=Path(mapping) if mapping else None, units=units, **changes)
    if config.mapping is not None and not config.mapping.is_file():
        raise ConfigError(
            "mapping file not found",
            str(config.mapping),
            "check the --mapping path",
            message_zh="找不到映射文件",
            hint_zh="请检查 --mapping 的路径",
        )
    return config


def layers_option(f: F) -> F:
    return click.option(
        "--layers",
        help="Optional layers of the plan to draw: camera-views, blind-spots, routes, "
        "pinch-points, labels (comma-separated; 'all', 'none', or -name to hide one, "
        "e.g. --layers -camera-views). Default: all.",
    )(f)


def check_layers(value: str | None) -> str | None:
    """The --layers value, checked before any work (an unknown name is a usage error)."""
    from ..render.scene import parse_layers

    try:
        parse_layers(value)
    except ValueError as exc:
        raise ConfigError(str(exc), "--layers", message_zh=zh_of(exc)) from None
    return value
