"""Every rule documents itself the same way; the docs may not promise options the rule lacks."""

from __future__ import annotations

import re

import pytest

from floorcheck.rules import RULES

HEADINGS = ("## What it checks", "## Why", "## Example", "## Options")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_doc_has_every_heading_in_order(code: str) -> None:
    doc = RULES[code].doc()
    positions = [doc.find(h) for h in HEADINGS]
    assert all(p > 0 for p in positions), (
        f"{code} lacks {[h for h, p in zip(HEADINGS, positions, strict=True) if p < 0]}"
    )
    assert positions == sorted(positions)
    assert re.search(r"[「」]", doc) or "§" in doc, f"{code} does not quote or cite the guide"


@pytest.mark.parametrize("code", sorted(RULES))
def test_documented_options_are_the_rule_options(code: str) -> None:
    rule = RULES[code]
    section = rule.doc().split("## Options", 1)[1]
    documented = set(re.findall(r"^- `([a-z_0-9]+)`", section, flags=re.MULTILINE))
    assert documented == {o.name for o in rule.options}
    for o in rule.options:
        assert f"(default {o.default:g})" in section or f"(default {o.default})" in section, (
            code,
            o.name,
        )


def test_codes_are_stable_and_unique() -> None:
    assert all(re.fullmatch(r"FC\d{3}", c) for c in RULES)
    assert len({r.name for r in RULES.values()}) == len(RULES)


def test_generated_rule_docs_are_up_to_date() -> None:
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "gen_rule_docs.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout
