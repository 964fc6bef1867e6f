"""Usage errors (an unknown option, a value of the wrong kind …) in Chinese.

click says what is wrong with a command line in English, on four lines (usage, a pointer to
``--help``, the error). With ``--lang zh`` floorcheck says it on one line in Chinese instead:
what is wrong, which option, what it accepts, and where the usage is. The English output is
click's own, unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import click

from ..errors import detail_zh, zh_of

__all__ = ["lang_of", "usage_error_zh"]


def lang_of(argv: Sequence[str]) -> str:
    """The ``--lang`` a command line asks for (the last one given), read before click has
    parsed it: a usage error may stop click before it reaches ``--lang``.

    >>> lang_of(["check", "x.dxf", "--lang", "zh"]), lang_of(["check", "--lang=zh"])
    ('zh', 'zh')
    >>> lang_of(["check", "x.dxf"]), lang_of(["check", "--lang"])
    ('en', 'en')
    """
    lang = "en"
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return "zh" if lang == "zh" else "en"


def _name(param: click.Parameter | None, hint: object = None) -> str:
    if param is None:
        return str(hint).strip("'\"") if hint else ""
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return repr((param.human_readable_name or "").upper())  # as the usage line names it


def _accepts(param: click.Parameter | None) -> str:
    """What a parameter accepts, in Chinese ("" when nothing short can be said)."""
    kind = getattr(param, "type", None)
    if isinstance(kind, click.Choice):
        return "可选值：" + "、".join(repr(str(c)) for c in kind.choices)
    if isinstance(kind, click.IntRange | click.FloatRange):
        what = "整数" if isinstance(kind, click.IntRange) else "数"
        low, high = kind.min, kind.max
        if low is not None and high is not None:
            return f"应为 {low} 到 {high} 之间的{what}"
        if low is not None:
            return f"应为不小于 {low} 的{what}"
        if high is not None:
            return f"应为不大于 {high} 的{what}"
    if kind is click.INT:
        return "应为整数"
    if kind is click.FLOAT:
        return "应为数字"
    if isinstance(kind, click.Path):
        return "应为文件路径（不能是文件夹）" if not kind.dir_okay else "应为路径"
    return ""


def _maybe(close: Iterable[str] | None) -> str:
    names = sorted(close or ())
    return f"；是否应为 {'、'.join(names)}？" if names else ""


def usage_error_zh(exc: click.ClickException, command: str = "floorcheck") -> str:
    """The one Chinese line for a click usage error (without the ``floorcheck：错误：`` prefix).

    >>> usage_error_zh(click.NoSuchOption("--colour", possibilities=["--color"]))
    '没有选项 --colour；是否应为 --color？——用法见 floorcheck --help'
    """
    ctx = getattr(exc, "ctx", None)
    where = f"用法见 {ctx.command_path} --help" if ctx is not None else f"用法见 {command} --help"
    said = getattr(exc, "message_zh", "")
    if isinstance(exc, click.NoSuchOption):
        return f"没有选项 {exc.option_name}{_maybe(exc.possibilities)}——{where}"
    if isinstance(exc, click.MissingParameter):
        name = _name(exc.param, exc.param_hint)
        return f"缺少参数 {name}——{where}" if name else f"缺少参数——{where}"
    if isinstance(exc, click.BadParameter):
        name = _name(exc.param, exc.param_hint)
        why = said or _accepts(exc.param) or f"详情：{detail_zh(exc.message)}"
        return f"{name} 的值无效：{why}——{where}"
    if isinstance(exc, click.BadOptionUsage):
        if "requires an argument" in exc.message:
            return f"选项 {exc.option_name} 需要一个值——{where}"
        return f"选项 {exc.option_name} 用法有误（{detail_zh(exc.message)}）——{where}"
    command_name = getattr(exc, "command_name", None)  # NoSuchCommand (click 8.4+)
    if command_name is not None:
        maybe = _maybe(getattr(exc, "possibilities", None))
        return f"没有命令 {command_name!r}{maybe}——{where}"
    if isinstance(exc, click.UsageError) and exc.message.startswith("Got unexpected extra"):
        extra = exc.message.partition("(")[2].rpartition(")")[0]
        return f"多余的参数 {extra!r}——{where}"
    if isinstance(exc, click.UsageError):
        if said:
            return f"{said}——{where}"
        return f"命令行用法有误（{detail_zh(exc.message)}）——{where}"
    return zh_of(exc)
