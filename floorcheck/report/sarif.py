"""SARIF 2.1.0 for CI dashboards (GitHub code scanning, GitLab, Azure DevOps)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._version import __version__
from ..findings import Report, Unreadable, finite
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


def to_sarif(reports: Sequence[Report], failures: Sequence[Unreadable] = ()) -> dict[str, Any]:
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
                "message": {"text": f"{f.message} [{f.clause}]"},
                "locations": [
                    {
                        "physicalLocation": {"artifactLocation": {"uri": uri, "index": k}},
                        "logicalLocations": [{"name": z, "kind": "zone"} for z in f.zones]
                        or [{"name": "plan", "kind": "module"}],
                    }
                ],
                "properties": {"measured": f.measured, "required": f.required, "clause": f.clause},
            }
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
                "invocations": [_invocation(failures, len(artifacts))],
            }
        ],
    }


def _invocation(failures: Sequence[Unreadable], first_index: int) -> dict[str, Any]:
    """Files that could not be read are tool execution notifications (errors) on the run."""
    return {
        "executionSuccessful": not failures,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": u.error},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": Path(u.file).as_posix()}}}
                ],
                "descriptor": {"id": "unreadable-drawing"},
            }
            for u in failures
        ],
    }


def format_reports(
    reports: Sequence[Report], failures: Sequence[Unreadable] = (), **_: object
) -> str:
    return (
        json.dumps(
            finite(to_sarif(reports, failures)), ensure_ascii=False, indent=2, allow_nan=False
        )
        + "\n"
    )
