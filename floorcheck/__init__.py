"""floorcheck — check floor plans of government service halls against the Changchun guide.

>>> import floorcheck
>>> sorted(floorcheck.LEVELS)[:2]
['city', 'community']
"""

from __future__ import annotations

from ._version import __version__
from .api import (
    CheckJob,
    JobResult,
    Outputs,
    check,
    load,
    load_plans,
    render_png,
    run_job,
    write_html,
    write_outputs,
    write_pdf,
)
from .config import Config
from .errors import InputError
from .findings import Finding, Report
from .model import Camera, Door, Metadata, Obstacle, Plan, Seat, Sign, Terminal, Window, Zone
from .vocab import LEVELS, WINDOW_KINDS, ZONE_TYPES

__all__ = [
    "__version__",
    "load",
    "load_plans",
    "check",
    "render_png",
    "write_pdf",
    "write_html",
    "write_outputs",
    "Outputs",
    "CheckJob",
    "JobResult",
    "run_job",
    "Config",
    "InputError",
    "Finding",
    "Report",
    "Plan",
    "Zone",
    "Window",
    "Door",
    "Camera",
    "Terminal",
    "Sign",
    "Obstacle",
    "Seat",
    "Metadata",
    "LEVELS",
    "ZONE_TYPES",
    "WINDOW_KINDS",
]
