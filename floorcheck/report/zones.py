"""``floorcheck zones``: what the reader recognised, and what it could not place — in English
or Chinese (every word from :mod:`floorcheck.i18n`; names from the drawing as drawn)."""

from __future__ import annotations

from collections import Counter

from ..i18n import camera_kind_name, window_kind_name, word
from ..model import Plan
from ..vocab import zone_type

__all__ = ["format_plan"]

_UNIT_SOURCES = {
    "given": "units_given",
    "guessed": "units_guessed",
    "--units": "units_option",
    "$INSUNITS": "units_header",
}


def _pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns (CJK characters take two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
    return text + " " * max(0, width - used)


def _header(plan: Plan, lang: str) -> list[str]:
    w = lambda key: word(key, lang)  # noqa: E731
    sep = "：" if lang == "zh" else ": "
    semi = "；" if lang == "zh" else "; "
    source = (
        word(_UNIT_SOURCES[plan.units.source], lang)
        if plan.units.source in _UNIT_SOURCES
        else plan.units.source
    )
    # the mappings by their file names (shipped ones: floorcheck/mappings/*.toml)
    mapping = (
        w("mapping_default")
        if plan.mapping == "default"
        else " + ".join(f"{m}.toml" for m in plan.mapping.split("+"))
    )
    lines = [
        f"{plan.source or '<plan>'}{sep}{w('units')} {plan.units.unit}"
        + (f"（{source}）" if lang == "zh" else f" ({source})")
        + f"{semi}{w('layer_mapping')}{sep}{mapping}"
    ]
    if plan.units.note:
        lines.append(
            f"  {plan.units.note_zh if lang == 'zh' and plan.units.note_zh else plan.units.note}"
        )
    if plan.hall_outline is not None:
        lines.append(f"{w('hall_outline')}{sep}{plan.hall_outline.area:.1f} m²")
    else:
        lines.append(f"{w('hall_outline')}{sep}{w('hall_outline_none')}")
    return lines


def _zones(plan: Plan, lang: str) -> list[str]:
    lines = [
        f"\n{word('zones', lang)}（{len(plan.zones)}）："
        if lang == "zh"
        else f"\nzones ({len(plan.zones)}):"
    ]
    for z in plan.zones:
        name = zone_type(z.type).term.text(lang)
        stated = ""
        if z.stated_area_m2:
            stated = f"  {word('stated', lang)} {z.stated_area_m2:g} m²"
        access = word("public" if z.public else "staff", lang)
        layer = z.layer or "-"
        label = f"「{z.label}」" if z.label else "-"
        type_id = "" if lang == "zh" else f"{z.type:<22} "
        lines.append(
            f"  {z.id:<5} {type_id}{_pad(name, 24)} {z.area_m2:>9.1f} m²  {_pad(access, 6)} "
            f"{word('layer', lang)} {layer}  {word('label', lang)} {label}{stated}"
        )
    return lines


def _windows_doors_cameras(plan: Plan, lang: str) -> list[str]:
    zh = lang == "zh"
    head = (
        (lambda key, n: f"\n{word(key, lang)}（{n}）：")
        if zh
        else (lambda key, n: f"\n{key} ({n}):")
    )
    lines = [head("windows", len(plan.windows))]
    for win in plan.windows:
        kind = window_kind_name(win.kind).text(lang)
        lines.append(
            f"  {win.id:<5} {_pad(kind, 32)} {word('at', lang)} "
            f"({win.position[0]:.2f}, {win.position[1]:.2f}) "
            f"{word('public_side', lang)} {win.facing_deg:.0f}°"
        )
    lines.append(head("doors", len(plan.doors)))
    for d in plan.doors:
        flags = [
            word(key, lang)
            for key, on in (
                ("door_main", d.main),
                ("door_entrance", d.entrance),
                ("door_staff_only", d.staff_only),
                ("door_automatic", d.automatic),
                ("door_exit", d.exit),
            )
            if on
        ]
        lines.append(
            f"  {d.id:<5} {d.width_m:.2f} m {word('at', lang)} "
            f"({d.position[0]:.2f}, {d.position[1]:.2f}) {('、' if zh else ' ').join(flags)}"
        )
    lines.append(head("cameras", len(plan.cameras)))
    for c in plan.cameras:
        lines.append(
            f"  {c.id:<5} {_pad(camera_kind_name(c.kind).text(lang), 12)} {word('at', lang)} "
            f"({c.position[0]:.2f}, {c.position[1]:.2f}) {word('looking', lang)} "
            f"{c.direction_deg:.0f}°, {word('fov', lang)} {c.fov:.0f}°, "
            f"{word('range', lang)} {c.reach_m:.0f} m"
        )
    return lines


def format_plan(plan: Plan, lang: str = "en") -> str:
    zh = lang == "zh"
    sep = "，" if zh else ", "
    lines = _header(plan, lang) + _zones(plan, lang) + _windows_doors_cameras(plan, lang)
    cross = sum(t.cross_province for t in plan.terminals)
    lines.append(
        f"\n{word('terminals', lang)} {len(plan.terminals)}"
        + (f"（跨省通办 {cross}）" if zh else f" (cross-province {cross})")
        + f"{sep}{word('signs', lang)} {len(plan.signs)}"
        + f"{sep}{word('seats', lang)} {sum(s.count for s in plan.seats)}"
        + f"{sep}{word('obstacles', lang)} {len(plan.obstacles)}"
        + f"{sep}{word('wall_pieces', lang)} {len(plan.walls)}"
    )
    unplaced = [d for d in plan.diagnostics if d.code in ("FC002", "FC003", "FC006")]
    unknown_layers = Counter(z.layer for z in plan.zones if z.type == "unknown")
    if unplaced or unknown_layers:
        lines.append("\n" + word("not_recognised", lang))
        for layer, n in unknown_layers.most_common():
            lines.append("  " + word("unknown_layer", lang).format(layer=layer, n=n))
        lines.extend(f"  {note.code}{'：' if zh else ': '}{_note(note, lang)}" for note in unplaced)
    other = [d for d in plan.diagnostics if d.code not in ("FC002", "FC003", "FC006")]
    if other:
        lines.append("\n" + word("reader_notes", lang))
        lines.extend(f"  {d.code}{'：' if zh else ': '}{_note(d, lang)}" for d in other)
    return "\n".join(lines)


def _note(d: object, lang: str) -> str:
    message = str(getattr(d, "message", ""))
    message_zh = str(getattr(d, "message_zh", ""))
    return message_zh if lang == "zh" and message_zh else message
