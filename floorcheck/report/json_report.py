"""The JSON report, schema 1 (docs/reference.md): one object per plan, a list for several.
A file that could not be read is an object with its ``file`` and ``error``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..findings import Report, Unreadable

__all__ = ["format_reports"]


def format_reports(
    reports: Sequence[Report], failures: Sequence[Unreadable] = (), **_: object
) -> str:
    items = [r.to_dict() for r in reports] + [u.to_dict() for u in failures]
    if len(items) == 1:
        return json.dumps(items[0], ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return json.dumps(items, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
