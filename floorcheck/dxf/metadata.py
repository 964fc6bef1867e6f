"""What the drawing says about itself: its unit (``$INSUNITS``, checked against the geometry)
and the plan metadata in its custom header properties (FC_LEVEL, FC_POPULATION …)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..model import Diagnostic, Metadata, UnitsInfo
from .collected import Collected
from .tags import DxfSource
from .things import door_tag_width
from .units import resolve_units

__all__ = ["drawing_units", "plan_metadata"]


def drawing_units(
    src: DxfSource, found: Collected, override: str | None
) -> tuple[UnitsInfo, Diagnostic | None]:
    """The drawing's unit, and the FC001 note when it had to be guessed. Evidence: the header,
    the extent of the boundaries and walls (else of the labels), and door widths measured from
    door blocks without a tag (M1021) and door swing arcs."""
    geometric_doors = [
        b.local_width
        for b in found.blocks
        if b.kind == "door" and b.local_width > 0 and not door_tag_width(b.text)
    ] + found.door_arcs
    info = resolve_units(_insunits(src), override, _extent(found), geometric_doors)
    if info.source != "guessed":
        return info, None
    return info, Diagnostic(
        "FC001",
        f"drawing units: {info.note}; use --units to override",
        message_zh=f"图纸单位未知，按 {info.unit} 读取（{info.note_zh}）；可用 --units 指定",
    )


def _insunits(src: DxfSource) -> int:
    """``$INSUNITS`` as a number (0, unitless, when absent or not a whole number)."""
    value = src.header_value("$INSUNITS", 0)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) else 0


def _extent(found: Collected) -> float:
    """The larger side of the box around the boundaries and walls (else the labels), in
    drawing units; 0 for an empty drawing."""
    arrays = [r.xy for r in found.rings] + found.wall_lines
    if not arrays:
        arrays = [np.array([[lb.x, lb.y] for lb in found.labels])] if found.labels else []
    if not arrays:
        return 0.0
    allpts = np.concatenate([a for a in arrays if len(a)])
    span = allpts.max(axis=0) - allpts.min(axis=0)
    return float(span.max())


def _flag(raw: str) -> bool:
    return raw.strip().lower() in ("1", "true", "yes", "y", "是", "有")


def _whole(raw: str) -> int:
    return int(float(raw))


def _word(raw: str) -> str:
    return raw.strip().lower()


# The custom properties read (FC_ + name) and how their text becomes a value.
_META_TYPES: dict[str, tuple[type, Callable[[str], object]]] = {
    "LEVEL": (str, _word),
    "POPULATION": (int, _whole),
    "FLOOR": (int, _whole),
    "ELEVATOR": (bool, _flag),
    "STOREYS": (int, _whole),
    "STAFF": (int, _whole),
    "STAFF_MALE": (int, _whole),
    "STAFF_FEMALE": (int, _whole),
    "PEAK_VISITORS": (int, _whole),
    "CROWDED": (bool, _flag),
    "EXISTING_BUILDING": (bool, _flag),
}


def plan_metadata(src: DxfSource, source: str) -> Metadata:
    """Plan metadata from DXF custom header properties FC_LEVEL, FC_POPULATION …

    >>> src = DxfSource("utf-8", custom_properties=[("FC_LEVEL", "County "), ("FC_STAFF", "12")])
    >>> m = plan_metadata(src, "x.dxf"); (m.level, m.staff)
    ('county', 12)
    """
    values: dict[str, Any] = {}
    for tag, raw in src.custom_properties:
        key = str(tag).upper()
        if not key.startswith("FC_") or key[3:] not in _META_TYPES:
            continue
        kind, convert = _META_TYPES[key[3:]]
        try:
            value = convert(str(raw))
        except ValueError:
            kind_zh = {"bool": "是/否值", "int": "整数", "str": "文字"}.get(kind.__name__, "")
            raise ConfigError(
                f"custom property {tag}={raw!r} is not a {kind.__name__}",
                source,
                message_zh=f"自定义属性 {tag}={raw!r} 不是{kind_zh or '有效的值'}",
            ) from None
        values[key[3:].lower()] = value
    return Metadata(**values)
