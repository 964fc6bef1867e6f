"""Reporters: one small module each, chosen by name. They format Reports; they compute nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..findings import Report
from . import json_report, text

__all__ = ["REPORTERS", "BINARY_REPORTERS", "format_reports", "write_report"]

Reporter = Callable[..., str]

REPORTERS: dict[str, Reporter] = {
    "text": text.format_reports,
    "json": json_report.format_reports,
}


def _register_optional() -> None:
    from . import junit, sarif

    REPORTERS["sarif"] = sarif.format_reports
    REPORTERS["junit"] = junit.format_reports


# Formats that are files, not text (a zip): written to a path, never to stdout.
BINARY_REPORTERS = ("bcf",)


def format_reports(name: str, reports: Sequence[Report], **options: object) -> str:
    if name in BINARY_REPORTERS:
        raise ValueError(f"{name} is a binary format: use write_report(name, reports, path)")
    if name not in REPORTERS:
        _register_optional()
    return REPORTERS[name](reports, **options)


def write_report(
    name: str, reports: Sequence[Report], path: str | Path, lang: str = "en", *, mkdir: bool = False
) -> Path:
    """Write a binary report format (``bcf``: BCF 2.1 topics) to ``path``, whole or not at all."""
    if name != "bcf":
        raise ValueError(f"no binary report format {name!r}")
    from .bcf import write_bcf

    return write_bcf(reports, path, lang=lang, mkdir=mkdir)
