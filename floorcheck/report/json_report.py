"""The JSON report, schema 1 (INTERFACE.md): one object per plan, a list for several."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..findings import Report

__all__ = ["format_reports"]


def format_reports(reports: Sequence[Report], **_: object) -> str:
    if len(reports) == 1:
        return reports[0].to_json() + "\n"
    return json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2) + "\n"
