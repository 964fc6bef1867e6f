"""``floorcheck rules`` and ``floorcheck rule CODE``: the rule catalogue."""

from __future__ import annotations

import click

from ..errors import ConfigError
from ._common import fail

__all__ = ["rules_cmd", "rule_cmd"]


@click.command(name="rules")
def rules_cmd() -> None:
    """List the rules."""
    from ..rules import RULES

    for code in sorted(RULES):
        r = RULES[code]
        title = r.doc().splitlines()[0] if r.doc() else r.name
        click.echo(f"{code}  {r.severity:<7}  {r.clause:<14}  {title}")


@click.command(name="rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Explain one rule: what it checks, the clause, examples, options."""
    from ..rules import RULES

    rule = RULES.get(code.upper())
    if rule is None:
        fail(ConfigError(f"no rule {code!r}", hint="see 'floorcheck rules'"))
    click.echo(f"{rule.code} {rule.name} ({rule.severity}, {rule.clause})\n")
    click.echo(rule.describe())
