"""``floorcheck watch PLAN``: re-check on every save and print what changed."""

from __future__ import annotations

import click

from ..api import Outputs
from ..errors import InputError
from ._common import (
    base_config,
    config_option,
    fail,
    lang_option,
    level_option,
    mapping_option,
    units_option,
)

__all__ = ["watch_cmd"]


@click.command("watch")
@click.argument("plan", type=click.Path(dir_okay=False))
@level_option
@units_option
@mapping_option
@config_option
@click.option("--html", type=click.Path(dir_okay=False), help="Rewrite this HTML report on save.")
@click.option("--png", type=click.Path(dir_okay=False), help="Rewrite this annotated plan on save.")
@click.option("--pdf", type=click.Path(dir_okay=False), help="Rewrite this PDF report on save.")
@click.option(
    "--settle",
    type=click.FloatRange(min=0.05),
    default=0.5,
    show_default=True,
    help="Seconds the file must stay unchanged before it is read.",
)
@click.option("--poll", is_flag=True, help="Poll the folder (network drives, some containers).")
@lang_option
def watch_cmd(
    plan: str,
    level: str | None,
    units: str | None,
    mapping: str | None,
    config_path: str | None,
    html: str | None,
    png: str | None,
    pdf: str | None,
    settle: float,
    poll: bool,
    lang: str,
) -> None:
    """Check PLAN now and again whenever it is saved; print what each save fixed and broke
    (Ctrl-C stops)."""
    from ..watch import watch

    try:
        config = base_config(config_path, mapping, units)
        outputs = Outputs(png=png, pdf=pdf, html=html, lang=lang, fail_on=config.fail_on)
        outputs.check([plan])  # an output over the plan, or in a missing folder: refused now
        watching = (
            "正在监视 {plan}（按 Ctrl-C 停止）"
            if lang == "zh"
            else "watching {plan} (Ctrl-C stops)"
        )
        click.echo(watching.format(plan=plan), err=True)
        watch(
            plan,
            config=config,
            level=level,
            outputs=outputs,
            settle_s=settle,
            emit=click.echo,
            lang=lang,
            force_polling=True if poll else None,
        )
    except InputError as exc:
        fail(exc, lang)
