"""``floorcheck rules`` and ``floorcheck rule CODE``: the rule catalogue, in English or Chinese."""

from __future__ import annotations

import click

from ..errors import ConfigError
from ..i18n import clause, severity
from ._common import fail, lang_option

__all__ = ["rules_cmd", "rule_cmd"]


@click.command(name="rules")
@lang_option
def rules_cmd(lang: str) -> None:
    """List the rules."""
    from ..rules import RULES

    for code in sorted(RULES):
        r = RULES[code]
        sev = severity(r.severity).text(lang)
        click.echo(f"{code}  {sev:<7}  {clause(r.clause, lang):<14}  {r.title(lang)}")


@click.command(name="rule")
@click.argument("code")
@lang_option
def rule_cmd(code: str, lang: str) -> None:
    """Explain one rule: what it checks, the clause, examples, options."""
    from ..rules import RULES

    rule = RULES.get(code.strip().upper())
    if rule is None:
        fail(
            ConfigError(
                f"no rule {code!r}",
                hint="see 'floorcheck rules'",
                message_zh=f"没有规则 {code!r}",
                hint_zh="规则列表见 floorcheck rules 命令",
            ),
            lang,
        )
    sev = severity(rule.severity).text(lang)
    if lang == "zh":
        click.echo(f"{rule.code}（{sev}，{rule.clause}）\n")
    else:
        click.echo(f"{rule.code} {rule.name} ({sev}, {clause(rule.clause, lang)})\n")
    click.echo(rule.describe(lang))
