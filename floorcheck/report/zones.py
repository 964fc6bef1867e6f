"""``floorcheck zones``: what the reader recognised, and what it could not place."""

from __future__ import annotations

from collections import Counter

from ..model import Plan
from ..vocab import WINDOW_KINDS, zone_type

__all__ = ["format_plan"]


def format_plan(plan: Plan) -> str:
    lines = [
        f"{plan.source or '<plan>'}: units {plan.units.unit} ({plan.units.source}); layer mapping: {plan.mapping}"
    ]
    if plan.units.note:
        lines.append(f"  {plan.units.note}")
    if plan.hall_outline is not None:
        lines.append(f"hall outline: {plan.hall_outline.area:.1f} m²")
    else:
        lines.append("hall outline: none drawn (usable area = union of zones)")
    lines.append(f"\nzones ({len(plan.zones)}):")
    for z in plan.zones:
        zt = zone_type(z.type)
        stated = f"  (stated {z.stated_area_m2:g} m²)" if z.stated_area_m2 else ""
        access = "public" if z.public else "staff"
        lines.append(
            f"  {z.id:<5} {z.type:<22} {zt.zh:<10} {z.area_m2:>9.1f} m²  {access:<6} layer {z.layer or '-'}"
            f"  label {z.label!r}{stated}"
        )
    lines.append(f"\nwindows ({len(plan.windows)}):")
    for w in plan.windows:
        lines.append(
            f"  {w.id:<5} {w.kind:<17} {WINDOW_KINDS[w.kind].zh:<10} at ({w.position[0]:.2f}, {w.position[1]:.2f}) "
            f"public side {w.facing_deg:.0f}°"
        )
    lines.append(f"\ndoors ({len(plan.doors)}):")
    for d in plan.doors:
        flags = [
            f
            for f, on in (
                ("main", d.main),
                ("entrance", d.entrance),
                ("staff-only", d.staff_only),
                ("automatic", d.automatic),
                ("exit", d.exit),
            )
            if on
        ]
        lines.append(
            f"  {d.id:<5} {d.width_m:.2f} m at ({d.position[0]:.2f}, {d.position[1]:.2f}) {' '.join(flags)}"
        )
    lines.append(f"\ncameras ({len(plan.cameras)}):")
    for c in plan.cameras:
        lines.append(
            f"  {c.id:<5} {c.kind:<5} at ({c.position[0]:.2f}, {c.position[1]:.2f}) looking {c.direction_deg:.0f}°, "
            f"fov {c.fov_deg:.0f}°, range {c.range_m:.0f} m"
        )
    lines.append(
        f"\nterminals {len(plan.terminals)} (跨省通办 {sum(t.cross_province for t in plan.terminals)}), "
        f"signs {len(plan.signs)}, seats {sum(s.count for s in plan.seats)}, obstacles {len(plan.obstacles)}, "
        f"wall pieces {len(plan.walls)}"
    )
    unplaced = [d for d in plan.diagnostics if d.code in ("FC002", "FC003", "FC006")]
    unknown_layers = Counter(z.layer for z in plan.zones if z.type == "unknown")
    if unplaced or unknown_layers:
        lines.append("\nnot recognised (write a mapping file for these):")
        for layer, n in unknown_layers.most_common():
            lines.append(
                f'  layer {layer!r}: {n} boundary(ies) with no zone type → [layer_types] "{layer}" = "…"'
            )
        lines.extend(f"  {note.code}: {note.message}" for note in unplaced)
    other = [d for d in plan.diagnostics if d.code not in ("FC002", "FC003", "FC006")]
    if other:
        lines.append("\nreader notes:")
        lines.extend(f"  {d.code}: {d.message}" for d in other)
    return "\n".join(lines)
