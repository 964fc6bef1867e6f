"""floorcheck — check floor plans of government service halls against the Changchun guide.

>>> import floorcheck
>>> sorted(floorcheck.LEVELS)[:2]
['city', 'community']
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Config
from .engine import check
from .errors import InputError
from .findings import Finding, Report
from .model import Camera, Door, Metadata, Obstacle, Plan, Seat, Sign, Terminal, Window, Zone
from .vocab import LEVELS, WINDOW_KINDS, ZONE_TYPES


def load(path, mapping=None, units=None, **kwargs):
    """Read a DXF floor plan into a :class:`Plan` (see :func:`floorcheck.dxf.load`)."""
    from .dxf import load as _load

    return _load(path, mapping=mapping, units=units, **kwargs)


__all__ = [
    "__version__",
    "load",
    "check",
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
