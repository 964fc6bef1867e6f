"""What a worker process does with one upload: read it, check it, format the answer.

It runs in a process of the server's pool (so a huge drawing never blocks the server, and one
that runs past the time limit is stopped by ending its process). It never raises for a bad
drawing: the answer is (HTTP status, media type, body).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from .. import api
from ..config import Config
from ..errors import InputError

__all__ = ["run_check", "FORMATS", "META_FIELDS"]

# ?format= → media type of the answer
FORMATS: dict[str, str] = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "sarif": "application/sarif+json",
    "junit": "application/xml",
    "dxf": "application/dxf",
}
META_FIELDS = ("staff", "peak_visitors", "floor", "storeys")

Answer = tuple[int, str, bytes]


def _error(status: int, message: str) -> Answer:
    return status, "application/json", json.dumps({"error": message}, ensure_ascii=False).encode()


def run_check(upload: str, display_name: str, options: dict[str, Any], fmt: str) -> Answer:
    """Check the drawing at ``upload`` (a file the server wrote in its own temporary folder);
    reports and messages name it ``display_name``, never the server's path. An error is said
    in the answer's language (``options["lang"]``)."""
    lang = options.get("lang") or "en"
    try:
        return _run(Path(upload), display_name, options, fmt)
    except InputError as exc:
        return _error(400, exc.text(lang).replace(upload, display_name))
    except MemoryError:
        if lang == "zh":
            return _error(400, f"{display_name}：图纸过大，内存中无法检查——请每次只检查一层")
        return _error(
            400,
            f"{display_name}: the drawing is too large to check in memory — check one floor at a time",
        )


def _run(upload: Path, name: str, options: dict[str, Any], fmt: str) -> Answer:
    meta = {k: options[k] for k in META_FIELDS if options.get(k) is not None}
    config = Config(metadata=meta)
    plans = api.load_plans(upload, config=config)
    reports = []
    for plan in plans:
        report = api.check(plan, level=options.get("level"), config=config)
        report.file = name
        reports.append(report)
    lang = options.get("lang") or "en"
    if fmt in ("json", "sarif", "junit"):
        from ..report import format_reports

        return 200, FORMATS[fmt], format_reports(fmt, reports, lang=lang).encode("utf-8")
    report = reports[0]  # html, pdf, dxf: the first plan of the file (X-Floorcheck-Parts)
    if fmt == "html":
        from ..report.html import html_report

        return 200, FORMATS[fmt], html_report(report, lang=lang).encode("utf-8")
    with tempfile.TemporaryDirectory(dir=upload.parent) as out:
        target = Path(out) / f"report.{fmt}"
        if fmt == "pdf":
            api.write_pdf(report, target, lang=lang)
        else:
            from ..report.annotated_dxf import write_annotated_dxf

            write_annotated_dxf(report, upload, target)
        return 200, FORMATS[fmt], target.read_bytes()
