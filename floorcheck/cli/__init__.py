"""The command line: ``main(argv) -> int``. One module per command; parsing and dispatch only,
the work lives in :mod:`floorcheck.api` and below."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from .._version import __version__
from ._common import EXIT_INPUT, EXIT_OK, echo_error
from ._usage import lang_of, usage_error_zh
from .check import check
from .diff import diff
from .graph import graph
from .init_mapping import init_mapping
from .render import render
from .report import report_cmd
from .rules import rule_cmd, rules_cmd
from .serve import serve
from .suggest import suggest
from .watch import watch_cmd
from .zones import zones

__all__ = ["main", "cli"]

# `floorcheck` alone shows the help (click 8.2+ raises this for it): never a usage error
_NO_ARGS_IS_HELP: tuple[type[BaseException], ...] = tuple(
    c for c in (getattr(click.exceptions, "NoArgsIsHelpError", None),) if c is not None
)


class _Group(click.Group):
    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_paragraph()
        formatter.write_text(
            "Exit status: 0 no finding at or above --fail-on; 1 findings; 2 unusable input or options."
        )


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="floorcheck")
def cli() -> None:
    """Check DXF floor plans of government service halls against the Changchun guide
    (长春市政务服务中心、便民服务中心（站）标准化建设指南 2022)."""


for _command in (
    check,
    report_cmd,
    serve,
    zones,
    render,
    rules_cmd,
    rule_cmd,
    graph,
    init_mapping,
    suggest,
    diff,
    watch_cmd,
):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status instead of exiting."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        cli.main(args=args, prog_name="floorcheck", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_INPUT
    except click.exceptions.Abort:
        lang = lang_of(args)
        echo_error("已中断" if lang == "zh" else "interrupted", lang)
        return 130
    except click.ClickException as exc:
        if lang_of(args) == "zh" and not isinstance(exc, _NO_ARGS_IS_HELP):
            echo_error(usage_error_zh(exc), "zh")  # one line in Chinese
        else:
            exc.show()
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
