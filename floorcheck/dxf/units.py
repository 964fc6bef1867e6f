"""Drawing units: from ``$INSUNITS``, checked against the geometry, else guessed."""

from __future__ import annotations

from ..model import UnitsInfo

__all__ = ["UNIT_SCALE", "INSUNITS", "resolve_units"]

UNIT_SCALE = {"mm": 0.001, "cm": 0.01, "m": 1.0, "in": 0.0254, "ft": 0.3048, "dm": 0.1}
INSUNITS = {1: "in", 2: "ft", 4: "mm", 5: "cm", 6: "m", 14: "dm"}

# A service hall, a station or a one-room plan: 3 m to 1 km across.
_PLAUSIBLE_EXTENT_M = (3.0, 1000.0)
# Most plans checked are one hall or one floor: 10–200 m across (DXF.md). Tried first.
_TYPICAL_EXTENT_M = (10.0, 200.0)
# A door leaf is 0.6–2.4 m wide.
_PLAUSIBLE_DOOR_M = (0.6, 2.4)
# When no unit fits, a drawing more than this many units across is taken as millimetres.
_MM_ABOVE_UNITS = 5000


def _guess(extent: float, door_widths: list[float]) -> tuple[str, str, str]:
    """(unit, how, how in Chinese) from door widths if there are any, else from the drawing's
    extent."""
    if extent <= 0 and not door_widths:
        return "m", "nothing to measure; assumed metres", "无可测量的内容，按米处理"
    if door_widths:
        door = sorted(door_widths)[len(door_widths) // 2]
        for unit in ("mm", "cm", "m", "in"):
            lo, hi = _PLAUSIBLE_DOOR_M
            if lo <= door * UNIT_SCALE[unit] <= hi:
                return (
                    unit,
                    f"median door width {door:g} units",
                    f"门宽中位数为 {door:g} 个图形单位",
                )
    # prefer the unit that makes the plan a typical size; widen to 3 m–1 km after
    for lo, hi in (_TYPICAL_EXTENT_M, _PLAUSIBLE_EXTENT_M):
        for unit in ("m", "mm", "cm"):
            if lo <= extent * UNIT_SCALE[unit] <= hi:
                return unit, f"extent {extent:,.0f} units", f"图纸范围 {extent:,.0f} 个图形单位"
    unit = "mm" if extent > _MM_ABOVE_UNITS else "m"
    return (
        unit,
        f"extent {extent:,.0f} units (no unit fits well)",
        f"图纸范围 {extent:,.0f} 个图形单位（没有十分吻合的单位）",
    )


def resolve_units(
    insunits: int | None, override: str | None, extent: float, door_widths: list[float]
) -> UnitsInfo:
    """Which unit the drawing is in, where that came from, and what to tell the user.

    >>> resolve_units(4, None, 42_000, []).unit
    'mm'
    >>> u = resolve_units(0, None, 42_000, [])
    >>> (u.unit, u.source)
    ('mm', 'guessed')
    >>> resolve_units(4, None, 60, [0.9, 1.0]).source   # header says mm, doors say metres
    'guessed'
    >>> resolve_units(0, "cm", 4200, []).source
    '--units'
    """
    if override:
        if override not in UNIT_SCALE:
            from ..errors import ConfigError

            raise ConfigError(
                f"unknown unit {override!r}",
                hint=f"use one of {', '.join(UNIT_SCALE)}",
                message_zh=f"未知的单位 {override!r}",
                hint_zh=f"请使用以下之一：{'、'.join(UNIT_SCALE)}",
            )
        return UnitsInfo(override, "--units", UNIT_SCALE[override])
    declared = INSUNITS.get(insunits or 0)
    if declared is not None:
        scale = UNIT_SCALE[declared]
        doors_ok = not door_widths or any(
            _PLAUSIBLE_DOOR_M[0] <= w * scale <= _PLAUSIBLE_DOOR_M[1] for w in door_widths
        )
        extent_ok = (
            extent == 0 or _PLAUSIBLE_EXTENT_M[0] <= extent * scale <= _PLAUSIBLE_EXTENT_M[1] * 10
        )
        if doors_ok and extent_ok:
            return UnitsInfo(declared, "$INSUNITS", scale)
        unit, how, how_zh = _guess(extent, door_widths)
        if unit != declared:
            return UnitsInfo(
                unit,
                "guessed",
                UNIT_SCALE[unit],
                f"$INSUNITS says {declared} but the geometry does not fit it ({how}); read as {unit}",
                f"$INSUNITS 为 {declared}，但几何尺寸与之不符（{how_zh}）；按 {unit} 读取",
            )
        return UnitsInfo(declared, "$INSUNITS", scale)
    unit, how, how_zh = _guess(extent, door_widths)
    if not how.startswith("nothing"):
        how, how_zh = f"guessed {unit} from the {how}", f"按{how_zh}推测为 {unit}"
    return UnitsInfo(
        unit, "guessed", UNIT_SCALE[unit], f"$INSUNITS unset; {how}", f"$INSUNITS 未设置；{how_zh}"
    )
