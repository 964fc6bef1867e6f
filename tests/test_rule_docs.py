"""Every rule documents itself the same way; the docs may not promise options the rule lacks."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

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


def _gen_rule_docs() -> ModuleType:
    """scripts/gen_rule_docs.py as a module (scripts/ is not a package)."""
    path = Path(__file__).resolve().parents[1] / "scripts" / "gen_rule_docs.py"
    spec = importlib.util.spec_from_file_location("gen_rule_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_rule_docs_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert _gen_rule_docs().main(["--check"]) == 0, capsys.readouterr().out


def test_check_of_the_docs_notices_a_stale_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gen = _gen_rule_docs()
    monkeypatch.setattr(gen, "DOCS", tmp_path)
    assert gen.main([]) == 0
    assert gen.main(["--check"]) == 0
    (tmp_path / "FC401.md").write_text("old text\n", encoding="utf-8")
    capsys.readouterr()
    assert gen.main(["--check"]) == 1
    assert "docs/rules/FC401.md is out of date" in capsys.readouterr().out


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_page_lists_every_message_of_the_rule(code: str) -> None:
    page = _gen_rule_docs().render()[f"{code}.md"]
    rule = RULES[code]
    listed = re.findall(r"^- `([a-z0-9-]+)`$", page.split("## Messages")[-1], flags=re.MULTILINE)
    assert listed == list(rule.messages)
    for message in rule.messages.values():
        assert f"en: `{message.en}`" in page and f"zh: `{message.zh}`" in page
