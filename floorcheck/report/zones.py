"""``floorcheck zones``: what the reader recognised, what it could not place, and why — in
English or Chinese (the words from :mod:`floorcheck.i18n` and the table below; names from the
drawing as drawn).

The listing ends with the recognition table (:func:`recognition_table`): the texts read and
what became of them, the rooms closed from the walls and those refused, the views of the sheet
left out — so that "zones (0)" always comes with its reason.
"""

from __future__ import annotations

from collections import Counter

from ..i18n import camera_kind_name, window_kind_name, word
from ..model import Plan, Recognition
from ..terms import Term, layer_term
from ..vocab import zone_type

__all__ = ["format_plan", "recognition_table", "unknown_rooms"]

# The words of the recognition table and of the line on rooms of no zone type.
_WORDS: dict[str, Term] = {
    "recognition": Term("recognition:", "识别情况："),
    "texts_read": Term("texts read", "读取的文字"),
    "outside": Term("texts outside every floor plan", "平面图以外的文字"),
    "outside_why": Term("titles, notes, sections, legends", "图名、说明、剖面、图例"),
    "not_names": Term("texts that are no room names", "非房间名称的文字"),
    "named": Term("room names that named a zone", "形成区域的房间名称"),
    "unnamed": Term("room names that named no zone", "未形成区域的房间名称"),
    "closed": Term("rooms closed from the walls", "由墙体围合的房间"),
    "refused": Term("spaces refused as rooms", "不作为房间的空间"),
    "open": Term("closed spaces no text names", "无名称的封闭空间"),
    "open_why": Term("drawn outlined on the plan", "在平面图上以轮廓显示"),
    "outlines": Term("layers read as room outlines", "按房间轮廓读取的图层"),
    "views": Term(
        "views on the sheet ({n}; --region N reads one)",
        "图纸上的视图（{n} 个；可用 --region N 读取其一）",
    ),
    "left_out": Term("left out", "已略去"),
    "zones_n": Term("{n} zones", "{n} 个区域"),
    "unmatched": Term(
        "mapping entries that match nothing in the drawing", "映射文件中在图中无匹配的条目"
    ),
    "no_zones": Term("no zones", "无区域"),
    "unknown_rooms": Term(
        "{n} rooms whose names are not zone types of the guide: {names} — they count as "
        "'unknown'; map them to zone types in a mapping file ([labels]), see "
        "'floorcheck init-mapping'",
        "{n} 个房间的名称不是指南中的功能区类型：{names}——按「unknown」类型计入；"
        "可在映射文件中（「[labels]」一节）将其对应到功能区类型，参见 floorcheck init-mapping",
    ),
    "more": Term("… ({n} more names)", "……（另有 {n} 个名称）"),
    "why_views": Term(
        "every view on the sheet is a section, elevation or detail (read one with --region N)",
        "图纸上的视图均为剖面图、立面图或详图（可用 --region N 读取其一）",
    ),
    "why_text": Term(
        "no text in the floor plan: rooms are named by nothing but their layers — map the "
        "layers ([layer_types]) or write the room names in the drawing",
        "平面图中没有文字：房间只能由图层区分——请在映射文件中对应图层（[layer_types]），或在图中标注房间名称",
    ),
    "why_names": Term(
        "no text in the floor plan reads as a room name (see the kinds of text above)",
        "平面图中没有可作为房间名称的文字（见上表中的文字类别）",
    ),
    "why_refused": Term(
        "the spaces around the room names were refused as rooms (see FC003 above)",
        "房间名称所在的空间不作为房间（见上方 FC003）",
    ),
    "why_walls": Term(
        "room names lie in no drawn boundary and there are no walls to close rooms from: put "
        'the walls\' layer in a mapping file ([layers] walls = ["…"])',
        "房间名称不在任何已绘制的边界内，且没有可围合房间的墙体：请在映射文件中指定墙体图层"
        '（[layers] walls = ["…"]）',
    ),
    "why_leak": Term(
        "no room closes around the room names (walls leak: see the open wall ends in FC003, "
        "or draw the rooms as closed polylines on a zone layer)",
        "房间名称周围没有闭合的房间（墙线未闭合：见 FC003 中的墙线断头，或在功能区图层上以闭合多段线绘制房间）",
    ),
}
# What each kind of text that names no room is called in the table.
_NOT_NAMES: dict[str, Term] = {
    "title": Term("titles", "图名"),
    "level": Term("levels", "标高"),
    "scale": Term("scales", "比例"),
    "dimension": Term("dimensions", "尺寸"),
    "area": Term("areas", "面积"),
    "tag": Term("tags and attributes", "编号与属性"),
    "note": Term("notes", "说明"),
    "thing": Term("names of windows, doors …", "窗口、门等名称"),
}
_VIEWS: dict[str, Term] = {
    "plan": Term("floor plan", "平面图"),
    "section": Term("section", "剖面图"),
    "elevation": Term("elevation", "立面图"),
    "detail": Term("detail", "详图"),
    "roof": Term("roof plan", "屋顶平面图"),
    "site": Term("site plan", "总平面图"),
}
_REFUSED: dict[str, Term] = {
    "outside": Term("outside", "建筑外部"),
    "too large": Term("too large", "面积过大"),
    "larger than the plan's rooms": Term("larger than the plan's rooms", "远大于本图房间"),
    "boundary too small or thin for a room": Term(
        "boundary too small or thin for a room", "边界过小或过窄"
    ),
}
# How many of the most frequent texts the table names.
_SHOWN = 8


def _w(key: str, lang: str) -> str:
    return _WORDS[key].text(lang)


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
        # a room of no zone type may be public or staff: the separation rules assume neither
        access = word(
            "access_unknown" if z.type == "unknown" else "public" if z.public else "staff", lang
        )
        layer = layer_term(z.layer).text(lang)
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
    lines = _header(plan, lang) + _zones(plan, lang)
    unknown = unknown_rooms(plan, lang)
    if unknown:
        lines.append("  " + unknown)
    lines += _windows_doors_cameras(plan, lang)
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
    # boundaries no text names (the named ones are listed above, by name)
    unknown_layers = Counter(z.layer for z in plan.zones if z.type == "unknown" and not z.label)
    if unplaced or unknown_layers:
        lines.append("\n" + word("not_recognised", lang))
        for layer, n in unknown_layers.most_common():
            lines.append("  " + word("unknown_layer", lang).format(layer=layer, n=n))
        lines.extend(f"  {note.code}{'：' if zh else ': '}{_note(note, lang)}" for note in unplaced)
    other = [d for d in plan.diagnostics if d.code not in ("FC002", "FC003", "FC006")]
    if other:
        lines.append("\n" + word("reader_notes", lang))
        lines.extend(f"  {d.code}{'：' if zh else ': '}{_note(d, lang)}" for d in other)
    if plan.recognition is not None:
        lines.append("")
        lines.append(recognition_table(plan, lang))
    return "\n".join(lines)


def unknown_rooms(plan: Plan, lang: str = "en") -> str:
    """One line on the rooms whose names are no zone type of the guide, most frequent first
    ("4 rooms whose names are not zone types of the guide: 配电房 ×2, 工具间 ×2 — …"); "" when
    there are none."""
    names = Counter(z.label for z in plan.zones if z.type == "unknown" and z.label)
    if not names:
        return ""
    sep = "、" if lang == "zh" else ", "
    shown = sep.join(_counted(t, k) for t, k in names.most_common(_SHOWN))
    if len(names) > _SHOWN:
        shown += sep + _w("more", lang).format(n=len(names) - _SHOWN)
    return _w("unknown_rooms", lang).format(n=sum(names.values()), names=shown)


def recognition_table(plan: Plan, lang: str = "en") -> str:
    """The short table that ends ``floorcheck zones``: what the reader read and what became of
    it, and, when no zone was found, why."""
    rec = plan.recognition
    if rec is None:
        return ""
    zh = lang == "zh"
    sep = "、" if zh else ", "
    unnamed = Counter(m.text for m in rec.unnamed)
    rows: list[tuple[str, int, str]] = [
        ("texts_read", rec.labels + rec.outside, ""),
        ("outside", rec.outside, _w("outside_why", lang)),
        (
            "not_names",
            sum(n for _, n in rec.not_names),
            sep.join(
                f"{_NOT_NAMES[k].text(lang)} {n}" for k, n in rec.not_names if k in _NOT_NAMES
            ),
        ),
        ("named", rec.named, ""),
        (
            "unnamed",
            len(rec.unnamed),
            sep.join(_counted(t, k) for t, k in unnamed.most_common(_SHOWN)),
        ),
        ("closed", rec.closed_from_walls, ""),
        (
            "refused",
            sum(n for _, n in rec.rejected),
            sep.join(
                f"{_REFUSED[why].text(lang) if why in _REFUSED else why} {n}"
                for why, n in rec.rejected
            ),
        ),
        ("open", len(rec.open_rooms), _w("open_why", lang)),
    ]
    texts = [(_w(key, lang), n, detail) for key, n, detail in rows]
    width = max(_width(t) for t, _, _ in texts)
    out = [_w("recognition", lang)]
    for what, n, detail in texts:
        line = f"  {_pad(what, width)} {n:>6}"
        if detail:
            line += f"（{detail}）" if zh else f"  ({detail})"
        out.append(line)
    colon = "：" if zh else ": "
    if rec.outline_layers:
        out.append(f"  {_w('outlines', lang)}{colon}{sep.join(rec.outline_layers)}")
    views = _views(rec, lang)
    if views:
        out.append(views)
    if rec.unmatched_mapping:
        out.append(
            f"  {_w('unmatched', lang)}{colon}" + ("；" if zh else "; ").join(rec.unmatched_mapping)
        )
    if not plan.zones:
        out.append(f"  {_w('no_zones', lang)}{colon}{_why_none(plan, rec, lang)}")
    return "\n".join(out)


def _views(rec: Recognition, lang: str) -> str:
    if len(rec.views) < 2 and all(v.floor_plan for v in rec.views):
        return ""
    zh = lang == "zh"
    parts = []
    for v in rec.views:
        title = f"「{v.title}」" if zh and v.title else f" {v.title!r}" if v.title else ""
        what = _VIEWS[v.kind].text(lang) if v.kind in _VIEWS else v.kind
        state = _w("zones_n", lang).format(n=v.zones) if v.floor_plan else _w("left_out", lang)
        parts.append(
            f"{v.index}{'：' if zh else ': '}{what}{title}"
            + (f"（{state}）" if zh else f" ({state})")
        )
    head = _w("views", lang).format(n=len(rec.views))
    return f"  {head}{'：' if zh else ': '}" + ("；" if zh else "; ").join(parts)


def _why_none(plan: Plan, rec: Recognition, lang: str) -> str:
    """The reason a plan has no zone, from what the reader saw."""
    if rec.views and not any(v.floor_plan for v in rec.views):
        return _w("why_views", lang)
    if rec.labels == 0:
        return _w("why_text", lang)
    if rec.named == 0 and not rec.unnamed:
        return _w("why_names", lang)
    if rec.rejected:
        return _w("why_refused", lang)
    if not plan.walls and not rec.linework:
        return _w("why_walls", lang)
    return _w("why_leak", lang)


def _counted(text: str, n: int) -> str:
    """A text of the drawing, quoted, and how often it occurs."""
    return f"「{text}」×{n}" if n > 1 else f"「{text}」"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _note(d: object, lang: str) -> str:
    message = str(getattr(d, "message", ""))
    message_zh = str(getattr(d, "message_zh", ""))
    return message_zh if lang == "zh" and message_zh else message
