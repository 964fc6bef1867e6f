"""Reporters: one small module each, chosen by name. They format Reports; they compute nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..findings import Report
from . import json_report, text

__all__ = ["REPORTERS", "format_reports"]

Reporter = Callable[..., str]

REPORTERS: dict[str, Reporter] = {
    "text": text.format_reports,
    "json": json_report.format_reports,
}


def _register_optional() -> None:
    from . import junit, sarif

    REPORTERS["sarif"] = sarif.format_reports
    REPORTERS["junit"] = junit.format_reports


def format_reports(name: str, reports: Sequence[Report], **options: object) -> str:
    if name not in REPORTERS:
        _register_optional()
    return REPORTERS[name](reports, **options)
