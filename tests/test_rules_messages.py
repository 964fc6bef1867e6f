"""Message tables: each rule's texts are declared once, in English and Chinese, and the two
templates of a message take the same values, formatted the same way."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import make_plan

import floorcheck.rules
from floorcheck.geometry.analysis import Analysis
from floorcheck.messages import Message, MessageError
from floorcheck.model import Metadata
from floorcheck.rules import RULES, Context, Rule, register
from floorcheck.rules.base import GUIDE, Basis
from floorcheck.terms import Term

# Rules that pass on a text made where the fault was seen (the reader, the engine's repair).
PASSTHROUGH = {"FC001", "FC003", "FC005", "FC006", "FC009", "FC010"}

MESSAGES = [(code, mid) for code in sorted(RULES) for mid in RULES[code].messages]


def test_every_rule_that_writes_its_own_text_has_a_message_table() -> None:
    assert {code for code, rule in RULES.items() if not rule.messages} == PASSTHROUGH


def test_rules_write_no_text_outside_their_tables() -> None:
    """Rule.finding() takes a ready text, for diagnostics whose text was made elsewhere; a rule
    calling it with a literal or an f-string would bypass its message table."""
    rules_dir = Path(floorcheck.rules.__file__).parent
    inline = []
    for path in sorted(rules_dir.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "finding"
                and any(
                    isinstance(part, ast.JoinedStr)
                    or (isinstance(part, ast.Constant) and isinstance(part.value, str))
                    for arg in [*node.args, *(k.value for k in node.keywords)]
                    for part in ast.walk(arg)
                )
            ):
                inline.append(f"{path.name}:{node.lineno}")
    assert inline == []


def _sample(name: str, spec: str) -> tuple[Any, str, str]:
    """A value for a field with format ``spec``, and how it must print in English and Chinese."""
    if spec == "m":
        return 12.345, "12.3 m", "12.3 m"
    if spec == "w":
        return 0.9, "0.90 m", "0.90 m"
    if spec == "m2":
        return 3.96, "3.96 m²", "3.96 m²"
    if spec == "xy":
        return (1.25, 20.0), "(1.2, 20.0)", "(1.2, 20.0)"
    if spec == "list":
        return [3, 4], "3, 4", "3、4"
    if spec:  # a number with a standard spec (.1f, g, ",")
        return 1234.5, format(1234.5, spec), format(1234.5, spec)
    return f"V_{name}", f"V_{name}", f"V_{name}"


@pytest.mark.parametrize(("code", "message_id"), MESSAGES)
def test_every_message_prints_all_its_values_in_both_languages(code: str, message_id: str) -> None:
    message = RULES[code].messages[message_id]
    samples = {
        name: _sample(name, spec or "")
        for _, name, spec, _ in string.Formatter().parse(message.en)
        if name is not None
    }
    en, zh = message.render(**{name: value for name, (value, _, _) in samples.items()})
    assert "{" not in en + zh and "}" not in en + zh
    assert re.search(r"[\u4e00-\u9fff]", zh), f"{code} {message_id}: the zh text is not Chinese"
    assert en != zh
    for name, (_, in_en, in_zh) in samples.items():
        assert in_en in en, (code, message_id, name)
        assert in_zh in zh, (code, message_id, name)


def test_templates_naming_different_fields_are_refused() -> None:
    with pytest.raises(MessageError, match="different fields"):
        Message(en="{zone} is {distance:m} away", zh="{zone} 距离 {dist:m}")
    with pytest.raises(MessageError, match="different fields"):
        Message(en="{zone} is far", zh="{zone} 距离 {distance:m}")


def test_a_value_formatted_differently_in_the_two_languages_is_refused() -> None:
    with pytest.raises(MessageError, match="formatted :m in en but :.1f in zh"):
        Message(en="{d:m}", zh="{d:.1f}")


@pytest.mark.parametrize("template", ["{0} m", "{} m", "{zone.name}", "{zones[0]}", "{a:{b}}"])
def test_only_plain_named_fields_are_allowed(template: str) -> None:
    with pytest.raises(MessageError):
        Message(en=template, zh=template)


def test_a_term_prints_in_the_language_of_each_template() -> None:
    m = Message(en="no {kind} found", zh="未设{kind}")
    assert m.render(kind=Term("assisted-service window", "帮办代办窗口")) == (
        "no assisted-service window found",
        "未设帮办代办窗口",
    )
    lists = Message(en="zones: {names:list}", zh="功能区：{names:list}")
    terms = [Term("waiting area", "休息等候区"), Term("toilet", "卫生间")]
    assert lists.render(names=terms) == (
        "zones: waiting area, toilet",
        "功能区：休息等候区、卫生间",
    )


def test_a_list_field_needs_a_list() -> None:
    m = Message(en="regions {r:list}", zh="区域 {r:list}")
    assert m.render(r=[1, 2]) == ("regions 1, 2", "区域 1、2")
    with pytest.raises(MessageError, match="not the string"):
        m.render(r="12")


class _Probe(Rule):
    """A rule made for this test and never registered."""

    code = "FC999"
    name = "probe"
    messages: ClassVar[dict[str, Message]] = {
        "far": Message(en="{zone} is {d:m} away", zh="{zone} 距离 {d:m}"),
    }


def _probe() -> _Probe:
    plan = make_plan(("waiting", (0, 0, 5, 5)))
    return _Probe(Context(plan=plan, meta=Metadata(), analysis=Analysis(plan)))


def test_report_fills_the_message_and_the_finding() -> None:
    probe = _probe()
    basis = Basis(GUIDE, "§七(二)3", "应设在综合窗口附近", "near the windows")
    limit = probe.fixed_limit(6.0, "m", basis)
    f = probe.report("far", zones=("Z1",), measured=12.345, limit=limit, zone="Z1", d=12.345)
    assert (f.rule, f.message, f.message_zh) == ("FC999", "Z1 is 12.3 m away", "Z1 距离 12.3 m")
    assert f.zones == ("Z1",) and f.measured == 12.345 and f.required == 6.0 == f.limit
    assert (f.unit, f.source) == ("m", "guide") and "§7(2)3" in f.basis
    assert "§七(二)3「应设在综合窗口附近」" in f.basis_zh


def test_report_refuses_missing_unknown_fields_and_unknown_ids() -> None:
    probe = _probe()
    with pytest.raises(MessageError, match=r"FC999 far: .*missing \['d'\]"):
        probe.report("far", zone="Z1")
    with pytest.raises(MessageError, match=r"unknown \['distance'\]"):
        probe.report("far", zone="Z1", d=1.0, distance=1.0)
    with pytest.raises(MessageError, match="FC999 has no message 'near'"):
        probe.report("near", zone="Z1", d=1.0)


def test_register_refuses_bad_message_ids_and_fields_named_like_report_keywords() -> None:
    class BadId(_Probe):
        code = "FC998"
        messages: ClassVar[dict[str, Message]] = {"Too_far": Message(en="{a}", zh="{a} 米")}

    class Clash(_Probe):
        code = "FC997"
        messages: ClassVar[dict[str, Message]] = {"far": Message(en="{limit}", zh="{limit}")}

    with pytest.raises(MessageError, match="kebab-case"):
        register(BadId)
    with pytest.raises(MessageError, match=r"\['limit'\] are keywords of Rule.report"):
        register(Clash)
    assert "FC998" not in RULES and "FC997" not in RULES
