"""``floorcheck zones``: what the reader recognised, what it could not place, and why.

The listing ends with the recognition table (:func:`recognition_table`): the texts read and
what became of them, the rooms closed from the walls and those refused, the views of the sheet
left out — so that "zones (0)" always comes with its reason.
"""

from __future__ import annotations

from collections import Counter

from ..model import Plan, Recognition
from ..vocab import WINDOW_KINDS, zone_type

__all__ = ["format_plan", "recognition_table", "unknown_rooms"]

# What each kind of text that names no room is called in the table.
_NOT_NAMES = {
    "title": "titles",
    "level": "levels",
    "scale": "scales",
    "dimension": "dimensions",
    "area": "areas",
    "tag": "tags and attributes",
    "note": "notes",
    "thing": "names of windows, doors …",
}
_VIEWS = {
    "plan": "floor plan",
    "section": "section",
    "elevation": "elevation",
    "detail": "detail",
    "roof": "roof plan",
    "site": "site plan",
}
# How many of the most frequent texts the table names.
_SHOWN = 8


def format_plan(plan: Plan) -> str:
    lines = [
        f"{plan.source or '<plan>'}"
        + (f" [{plan.part}]" if plan.part else "")
        + f": units {plan.units.unit} ({plan.units.source}); layer mapping: {plan.mapping}"
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
    unknown = unknown_rooms(plan)
    if unknown:
        lines.append("  " + unknown)
    lines += _things(plan)
    lines.append(
        f"\nterminals {len(plan.terminals)} (跨省通办 {sum(t.cross_province for t in plan.terminals)}), "
        f"signs {len(plan.signs)}, seats {sum(s.count for s in plan.seats)}, obstacles {len(plan.obstacles)}, "
        f"wall pieces {len(plan.walls)}"
    )
    unplaced = [d for d in plan.diagnostics if d.code in ("FC002", "FC003", "FC006")]
    unknown_layers = Counter(z.layer for z in plan.zones if z.type == "unknown" and not z.label)
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
    if plan.recognition is not None:
        lines.append("")
        lines.append(recognition_table(plan))
    return "\n".join(lines)


def _things(plan: Plan) -> list[str]:
    """The windows, doors and cameras, one line each."""
    lines = [f"\nwindows ({len(plan.windows)}):"]
    for w in plan.windows:
        lines.append(
            f"  {w.id:<5} {w.kind:<17} {WINDOW_KINDS[w.kind].zh:<10} at ({w.position[0]:.2f}, {w.position[1]:.2f}) "
            f"public side {w.facing_deg:.0f}°" + (f"  label {w.label!r}" if w.label else "")
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
    return lines


def unknown_rooms(plan: Plan) -> str:
    """One line on the rooms whose names are no zone type of the guide, most frequent first:
    "4 rooms whose names are not zone types of the guide: 配电房 ×2, 工具间 ×2 — …"; "" when
    there are none."""
    names = Counter(z.label for z in plan.zones if z.type == "unknown" and z.label)
    if not names:
        return ""
    n = sum(names.values())
    shown = ", ".join(_counted(t, k) for t, k in names.most_common(_SHOWN))
    more = f", … ({len(names) - _SHOWN} more names)" if len(names) > _SHOWN else ""
    return (
        f"{n} room{'s' if n > 1 else ''} whose name{'s are' if n > 1 else ' is'} not "
        f"{'zone types' if n > 1 else 'a zone type'} of the guide: {shown}{more} — they count "
        "as 'unknown'; map them to zone types in a mapping file ([labels]), see "
        "'floorcheck init-mapping'"
    )


def recognition_table(plan: Plan) -> str:
    """The short table that ends ``floorcheck zones``: what the reader read and what became of
    it, and, when no zone was found, why."""
    rec = plan.recognition
    if rec is None:
        return ""
    unnamed = Counter(m.text for m in rec.unnamed)
    not_names = sum(n for _, n in rec.not_names)
    refused = sum(n for _, n in rec.rejected)
    rows: list[tuple[str, int, str]] = [
        ("texts read", rec.labels + rec.outside, ""),
        ("texts outside every floor plan", rec.outside, "titles, notes, sections, legends"),
        (
            "texts that are no room names",
            not_names,
            ", ".join(f"{_NOT_NAMES.get(k, k)} {n}" for k, n in rec.not_names),
        ),
        ("room names that named a zone", rec.named, ""),
        (
            "room names that named no zone",
            len(rec.unnamed),
            ", ".join(_counted(t, k) for t, k in unnamed.most_common(_SHOWN)),
        ),
        ("rooms closed from the walls", rec.closed_from_walls, ""),
        ("spaces refused as rooms", refused, ", ".join(f"{why} {n}" for why, n in rec.rejected)),
        ("closed spaces no text names", len(rec.open_rooms), "drawn outlined on the plan"),
    ]
    width = max(len(r[0]) for r in rows)
    out = ["recognition:"]
    for what, n, detail in rows:
        out.append(f"  {what:<{width}} {n:>6}" + (f"  ({detail})" if detail else ""))
    views = _views(rec)
    if views:
        out.append(views)
    if rec.unmatched_mapping:
        out.append(
            "  mapping entries that match nothing in the drawing: "
            + "; ".join(rec.unmatched_mapping)
        )
    if not plan.zones:
        out.append("  no zones: " + _why_none(plan, rec))
    return "\n".join(out)


def _views(rec: Recognition) -> str:
    if len(rec.views) < 2 and all(v.floor_plan for v in rec.views):
        return ""
    parts = []
    for v in rec.views:
        title = f" {v.title!r}" if v.title else ""
        what = _VIEWS.get(v.kind, v.kind)
        state = f"{v.zones} zones" if v.floor_plan else "left out"
        parts.append(f"{v.index}: {what}{title} ({state})")
    return f"  views on the sheet ({len(rec.views)}, --region N reads one): " + "; ".join(parts)


def _why_none(plan: Plan, rec: Recognition) -> str:
    """The reason a plan has no zone, from what the reader saw."""
    if rec.views and not any(v.floor_plan for v in rec.views):
        return (
            "every view on the sheet is a section, elevation or detail (read one with --region N)"
        )
    if rec.labels == 0:
        return (
            "no text in the floor plan: rooms are named by nothing but their layers — map the "
            "layers ([layer_types]) or write the room names in the drawing"
        )
    if rec.named == 0 and not rec.unnamed:
        return "no text in the floor plan reads as a room name (see the kinds of text above)"
    if rec.rejected:
        return "the spaces around the room names were refused as rooms (see FC003 above)"
    if not plan.walls and not rec.linework:
        return (
            "room names lie in no drawn boundary and there are no walls to close rooms from: "
            'put the walls\' layer in a mapping file ([layers] walls = ["…"])'
        )
    return (
        "no room closes around the room names (walls leak: see the open wall ends in FC003, "
        "or draw the rooms as closed polylines on a zone layer)"
    )


def _counted(text: str, n: int) -> str:
    return f"{text} ×{n}" if n > 1 else text
