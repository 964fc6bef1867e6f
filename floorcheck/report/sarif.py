"""SARIF 2.1.0 for CI dashboards (GitHub code scanning, GitLab, Azure DevOps).

One result per finding; the other rules its cause breaks are its ``relatedLocations`` (and
``properties.related``); the limit and its source are in ``properties``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._version import __version__
from ..findings import Finding, Report, Unreadable, finite
from ..i18n import caption, clause
from ..rules import RULES

__all__ = ["format_reports", "to_sarif"]

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(code: str) -> dict:
    rule = RULES[code]
    doc = rule.doc()
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": doc.splitlines()[0] if doc else rule.name},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"clause": rule.clause, "tags": ["floor-plan", "changchun-2022"]},
    }


def to_sarif(
    reports: Sequence[Report], failures: Sequence[Unreadable] = (), lang: str = "en"
) -> dict[str, Any]:
    """The SARIF log of ``reports``; result messages in ``lang`` (both texts are in each
    result's ``properties``: ``message_en``, ``message_zh``)."""
    codes = sorted(RULES)
    index = {c: i for i, c in enumerate(codes)}
    results = []
    artifacts = []
    for k, report in enumerate(reports):
        uri = Path(report.file).as_posix() if report.file else "plan"
        artifacts.append({"location": {"uri": uri}})
        for f in report.findings:
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.severity],
                "message": {
                    "text": f"{caption(f, lang, located=False)} [{clause(f.clause, lang)}]"
                },
                "locations": [
                    {
                        "physicalLocation": {"artifactLocation": {"uri": uri, "index": k}},
                        "logicalLocations": [{"name": z, "kind": "zone"} for z in f.zones]
                        or [{"name": "plan", "kind": "module"}],
                    }
                ],
                "properties": _properties(f),
            }
            if f.related:
                result["relatedLocations"] = _related(f, uri, k, lang)
            if report.part:
                result["properties"]["part"] = report.part
            if f.location is not None:
                x, y = report.world(f.location)
                result["properties"]["location_m"] = [round(x, 3), round(y, 3)]
            results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "floorcheck",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/floorcheck/",
                        "rules": [_rule_descriptor(c) for c in codes],
                    }
                },
                "artifacts": artifacts,
                "results": results,
                "invocations": [_invocation(failures, len(artifacts), lang)],
            }
        ],
    }


def _properties(f: Finding) -> dict[str, Any]:
    props: dict[str, Any] = {
        "measured": f.measured,
        "required": f.required,
        "clause": f.clause,
        "message_en": f.message,
        "message_zh": f.message_zh,
    }
    if f.limit is not None:
        props.update(limit=f.limit, unit=f.unit, source=f.source, basis=f.basis)
    if f.related:
        props["related"] = [r.rule for r in f.related]
    if f.cause:
        props["cause"] = f.cause
    return props


def _related(f: Finding, uri: str, index: int, lang: str) -> list[dict[str, Any]]:
    """The other rules one cause breaks, each a related location at the same place."""
    out = []
    for n, r in enumerate(f.related, 1):
        loc: dict[str, Any] = {
            "id": n,
            "physicalLocation": {"artifactLocation": {"uri": uri, "index": index}},
            "message": {
                "text": f"同时违反 {r.rule}（{RULES[r.rule].title('zh')}）[{r.clause}]：{r.text('zh')}"
                if lang == "zh"
                else f"also breaks {r.rule} ({RULES[r.rule].name}, {r.severity}) "
                f"[{clause(r.clause, 'en')}]: {r.message}"
            },
        }
        if r.zones:
            loc["logicalLocations"] = [{"name": z, "kind": "zone"} for z in r.zones]
        out.append(loc)
    return out


def _invocation(failures: Sequence[Unreadable], first_index: int, lang: str) -> dict[str, Any]:
    """Files that could not be read are tool execution notifications (errors) on the run, their
    message in ``lang`` (both texts in ``properties``, as results have them)."""
    return {
        "executionSuccessful": not failures,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": u.text(lang)},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": Path(u.file).as_posix()}}}
                ],
                "descriptor": {"id": "unreadable-drawing"},
                "properties": {"message_en": u.error, "message_zh": u.error_zh or u.error},
            }
            for u in failures
        ],
    }


def format_reports(
    reports: Sequence[Report], failures: Sequence[Unreadable] = (), lang: str = "en", **_: object
) -> str:
    return (
        json.dumps(
            finite(to_sarif(reports, failures, lang)), ensure_ascii=False, indent=2, allow_nan=False
        )
        + "\n"
    )
