"""DXF → Plan: the walker (walker.py) sorts what the drawing holds by meaning; the builder here
turns it into zones, doors, windows, cameras … in metres.

Coordinates stay in drawing units until the unit is known, then everything is scaled at once.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon

from ..errors import ConfigError
from ..model import (
    Camera,
    Diagnostic,
    Door,
    Metadata,
    Obstacle,
    Plan,
    Seat,
    Sign,
    Terminal,
    UnitsInfo,
    Window,
    Zone,
)
from ..vocab import MAIN_ENTRANCE, match_window_kind, match_zone_type
from .mapping import Mapping, layer_key
from .tags import DxfSource
from .text import parse_area, without_area
from .units import resolve_units
from .walker import Limits, Thing, Walker, records_from_ezdxf

__all__ = ["read_plan", "ReadLimits", "source_from_doc", "plan_from_walker"]

ReadLimits = Limits

_DOOR_TAG = re.compile(
    r"^(?:FM|TLM|ZM|JLM|LM|JM|M|MLC|MC)[甲乙丙]?[-_ ]?(\d{2})(\d{2})", re.IGNORECASE
)
_MAIN_ENTRANCE = MAIN_ENTRANCE
_STAFF = re.compile(r"员工|内部|职工|工作人员|STAFF|办公专用", re.IGNORECASE)
_AUTO = re.compile(r"自动|AUTO|感应", re.IGNORECASE)
_EXIT = re.compile(r"安全出口|紧急出口|疏散|EXIT", re.IGNORECASE)
_WINDOW_TEXT = re.compile(r"窗口|跨省通办|帮办代办|办不成事")
_TERMINAL = re.compile(r"自助终端|自助机|KIOSK|一体机|TERMINAL", re.IGNORECASE)
_PTZ = re.compile(r"球机|PTZ|动点|SPEED\s*DOME|DOME", re.IGNORECASE)
_FLOOR_SIGN = re.compile(r"楼层指示|楼层导视|楼层索引|FLOOR\s*DIRECTORY", re.IGNORECASE)


def source_from_doc(
    doc: Any, layout: str | None = None, source: str = ""
) -> tuple[DxfSource, list]:
    """An ezdxf document (read by ezdxf, recovered, binary, or built in code) as a source for
    the walker, with the records of ``layout`` (a paperspace layout or a block; modelspace when
    None)."""
    from .tags import BlockDef

    src = DxfSource("utf-8")
    try:
        src.layers = [layer.dxf.name for layer in doc.layers]
    except Exception:  # noqa: BLE001
        src.layers = []
    src.header["$INSUNITS"] = [(70, str(int(doc.header.get("$INSUNITS", 0) or 0)).encode())]
    try:
        src.custom_properties = [(str(t), str(v)) for t, v in doc.header.custom_vars]
    except Exception:  # noqa: BLE001
        src.custom_properties = []
    for block in doc.blocks:
        name = block.name
        if name.lower().startswith(("*model_space", "*paper_space")) and name != layout:
            continue
        base = block.block.dxf.get("base_point", (0, 0, 0))
        src.blocks[name] = BlockDef(
            name, (float(base[0]), float(base[1])), records_from_ezdxf(block)
        )
    return src, records_from_ezdxf(_layout(doc, layout, source))


def read_plan(
    doc: Any,
    source: str,
    mapping: Mapping,
    units: str | None = None,
    layout: str | None = None,
    repairs: list[str] | tuple[str, ...] = (),
    limits: ReadLimits | None = None,
) -> Plan:
    """Recognise zones, windows, doors, cameras … in an ezdxf document or a :class:`DxfSource`
    whose modelspace entities were kept."""
    if isinstance(doc, DxfSource):
        src, records = doc, doc.entities
    else:
        src, records = source_from_doc(doc, layout, source)
    walker = Walker(src, mapping, limits or ReadLimits())
    walker.walk(records)
    return plan_from_walker(walker, source, units, list(repairs))


def plan_from_walker(
    walker: Walker, source: str, units: str | None = None, repairs: list[str] | None = None
) -> Plan:
    return _Builder(walker, walker.mapping, source).build(walker.src, units, list(repairs or []))


def _layout(doc: Any, name: str | None, source: str):
    if name is None:
        return doc.modelspace()
    try:
        return doc.layouts.get(name)
    except Exception:  # noqa: BLE001
        block = doc.blocks.get(name)
        if block is not None:
            return block
    names = ", ".join(doc.layouts.names())
    raise ConfigError(f"no layout or block named {name!r}", source, f"layouts: {names}")


class _Builder:
    def __init__(self, walker: Walker, mapping: Mapping, source: str) -> None:
        self.w = walker
        self.mapping = mapping
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self._bridge_m = _BRIDGE_M
        self._label_tree: shapely.STRtree | None = None
        self._label_tree_for: np.ndarray | None = None

    # -- units -----------------------------------------------------------------------------
    def _extent(self) -> float:
        arrays = [r.xy for r in self.w.rings] + self.w.wall_lines
        if not arrays:
            arrays = [np.array([[lb.x, lb.y] for lb in self.w.labels])] if self.w.labels else []
        if not arrays:
            return 0.0
        allpts = np.concatenate([a for a in arrays if len(a)])
        span = allpts.max(axis=0) - allpts.min(axis=0)
        return float(span.max())

    def _units(self, src: DxfSource, override: str | None) -> UnitsInfo:
        insunits = src.header_value("$INSUNITS", 0) or 0
        geometric_doors = [
            b.local_width
            for b in self.w.blocks
            if b.kind == "door" and b.local_width > 0 and not _door_tag_width(b.text)
        ] + self.w.door_arcs
        info = resolve_units(insunits, override, self._extent(), geometric_doors)
        if info.source == "guessed":
            self.diagnostics.append(
                Diagnostic(
                    "FC001",
                    f"drawing units: {info.note}; use --units to override",
                    message_zh=f"图纸单位未知，按 {info.unit} 读取（{info.note_zh}）；可用 --units 指定",
                )
            )
        return info

    # -- build -----------------------------------------------------------------------------
    def build(self, src: DxfSource, units: str | None, repairs: list[str]) -> Plan:
        info = self._units(src, units)
        s = info.scale_to_m
        for text in repairs:
            self.diagnostics.append(
                Diagnostic(
                    "FC009",
                    text,
                    # the repair is described by ezdxf, in English only: say what it means
                    message_zh="文件已损坏，读取时已自动修复一处问题（修复记录原文为英文，可用 --lang en 查看）",
                )
            )
        walls = [LineString(a * s) for a in self.w.wall_lines if len(a) >= 2]
        columns = [_polygon(a * s) for a in self.w.column_rings]
        columns = [c for c in columns if c is not None]
        hall, zone_polys = self._boundaries(s)
        labels = self.w.labels
        label_xy = np.array([[lb.x * s, lb.y * s] for lb in labels]) if labels else np.zeros((0, 2))
        doors_blocks = [b for b in self.w.blocks if b.kind == "door"]
        zones, orphan_idx, hall = self._zones(zone_polys, hall, labels, label_xy)
        open_ends = np.zeros((0, 2))
        if orphan_idx and walls:
            # columns are part of the enclosure: walls often stop at them
            enclosure = walls + [c.exterior for c in columns]
            recovered, orphan_idx, open_ends = self._rooms_from_walls(
                enclosure, doors_blocks, s, labels, label_xy, orphan_idx, zones
            )
            zones.extend(recovered)
        for i in orphan_idx:
            lb = labels[i]
            x, y = label_xy[i]
            why, why_zh = "", ""
            if len(open_ends):
                d = np.hypot(open_ends[:, 0] - x, open_ends[:, 1] - y)
                k = int(np.argmin(d))
                if d[k] <= 30.0:
                    ex, ey = open_ends[k]
                    why = (
                        f"; no room closes around it from the walls: the nearest open wall end is "
                        f"at ({ex:.2f}, {ey:.2f}), {d[k]:.1f} m away (gaps up to {self._bridge_m:.1f} m "
                        "are bridged as doorways)"
                    )
                    why_zh = (
                        f"；墙线未围合成房间：最近的墙线断头位于 ({ex:.2f}, {ey:.2f})，"
                        f"距标注 {d[k]:.1f} m（不超过 {self._bridge_m:.1f} m 的缺口按门洞封闭）"
                    )
            self.diagnostics.append(
                Diagnostic(
                    "FC003",
                    f"label {lb.text!r} (layer {lb.layer}) lies in no zone boundary" + why,
                    message_zh=f"标注「{lb.text}」（图层 {lb.layer}）不在任何区域边界内" + why_zh,
                    location=(round(x, 3), round(y, 3)),
                )
            )
        zones = _number_zones(zones)
        hall_shape = (
            hall
            if hall is not None
            else (shapely.union_all([z.geometry for z in zones]) if zones else None)
        )
        doors = self._doors(doors_blocks, s, labels, label_xy, hall_shape)
        windows = self._windows(s, labels, label_xy, zones)
        obstacles = [Obstacle(c, "column") for c in columns]
        obstacles += [
            Obstacle(p, "furniture")
            for p in (_polygon(a * s) for a in self.w.furniture_rings)
            if p is not None
        ]
        solid = [
            b
            for b in self.w.blocks
            if b.kind in ("furniture", "seat", "terminal", "counter") and b.footprint is not None
        ]
        if solid:
            # one vectorised call for all footprints (200,000 desks in a big centre)
            rings = np.stack([b.footprint for b in solid]) * s
            ok = np.isfinite(rings).all(axis=(1, 2))
            polys = shapely.polygons(np.where(ok[:, None, None], rings, 0.0))
            areas = shapely.area(polys)
            obstacles.extend(
                Obstacle(p, b.kind, b.name)
                for p, b, a, good in zip(polys, solid, areas, ok, strict=True)
                if good and a > 1e-6
            )
        unread = self.w.proxies - self.w.proxy_shown
        if unread:
            hidden = not zones and not walls
            self.diagnostics.append(
                Diagnostic(
                    "FC010",
                    f"{unread} TArch custom objects (ACAD_PROXY_ENTITY/TCH_*) carry no proxy "
                    "graphics and cannot be read"
                    + ("; they hide the walls and rooms" if hidden else "")
                    + ": in TArch use 「图形导出」 (export to T3), or EXPLODE in AutoCAD, then save "
                    "as DXF",
                    message_zh=f"{unread} 个天正自定义对象没有代理图形，无法读取"
                    + ("，墙体和房间因此不可见" if hidden else "")
                    + "：请在天正中用「图形导出」导出为 T3 格式，或在 AutoCAD 中分解（EXPLODE）后另存为 DXF",
                )
            )
        if self.w.proxy_shown:
            n = self.w.proxy_shown
            self.diagnostics.append(
                Diagnostic(
                    "FC010",
                    f"{n} TArch custom objects were read from their proxy graphics (the picture CAD "
                    "stores for them): walls and openings are lines, not objects; for an exact "
                    "reading use 「图形导出」 (export to T3) in TArch",
                    message_zh=f"{n} 个天正自定义对象按其代理图形读取（墙体、门窗仅为线条）；"
                    "如需精确读取，请在天正中用「图形导出」导出为 T3 格式",
                )
            )
        skipped = self.w.skipped
        if skipped:
            self.diagnostics.append(
                Diagnostic(
                    "FC009",
                    f"{skipped} malformed entities could not be read and were skipped",
                    message_zh=f"{skipped} 个损坏的图元无法读取，已跳过",
                )
            )
        return Plan(
            zones=tuple(zones),
            windows=tuple(windows),
            doors=tuple(doors),
            cameras=tuple(self._cameras(s)),
            terminals=tuple(self._terminals(s, labels, label_xy)),
            signs=tuple(self._signs(s)),
            obstacles=tuple(obstacles),
            seats=tuple(self._seats(s)),
            walls=tuple(walls) + tuple(c.exterior for c in columns),
            hall_outline=hall,
            metadata=_metadata(src, self.source),
            units=info,
            source=self.source,
            mapping=self.mapping.name,
            diagnostics=tuple(self.diagnostics),
        )

    def _boundaries(self, s: float) -> tuple[Polygon | None, list[tuple[Polygon, str]]]:
        snap = 0.01  # m: near-closed polylines are closed (DXF.md)
        hall: list[Polygon] = []
        polys: list[tuple[Polygon, str]] = []
        for ring in self.w.rings:
            xy = ring.xy * s
            if not ring.closed:
                if len(xy) < 3 or np.hypot(*(xy[0] - xy[-1])) > snap:
                    continue
            poly = _polygon(xy, [h * s for h in ring.holes])
            if poly is None:
                continue
            if not poly.is_valid:
                fixed = _repair(poly)
                if fixed is None:
                    continue
                p = poly.representative_point()
                self.diagnostics.append(
                    Diagnostic(
                        "FC005",
                        f"invalid boundary on layer {ring.layer} repaired ({shapely.is_valid_reason(poly)})",
                        message_zh=f"图层 {ring.layer} 上的无效边界（自相交等）已修复",
                        location=(round(p.x, 3), round(p.y, 3)),
                        geometry=fixed,
                    )
                )
                poly = fixed
            if self.mapping.layer_is("hall", ring.layer):
                hall.append(poly)
            else:
                polys.append((poly, ring.layer))
        polys = _dedupe(polys)
        outline = max(hall, key=lambda p: p.area) if hall else None
        return outline, polys

    def _zones(self, polys, hall, labels, label_xy):
        types = [match_zone_type(lb.text, self.mapping.labels) for lb in labels]
        geoms = [p for p, _ in polys]
        tree = shapely.STRtree(geoms)
        owner: dict[int, int] = {}
        if len(label_xy) and geoms:
            pi, gi = tree.query(shapely.points(label_xy), predicate="within")
            areas = shapely.area(geoms)
            for li, g in zip(pi, gi, strict=True):
                li, g = int(li), int(g)
                largest = types[li] == "hall"  # a hall label names the outermost boundary
                cur = owner.get(li)
                if cur is None or (areas[g] > areas[cur] if largest else areas[g] < areas[cur]):
                    owner[li] = g
        by_poly: dict[int, list[int]] = {}
        for li, g in owner.items():
            by_poly.setdefault(g, []).append(li)
        zones: list[Zone] = []
        for g, (poly, layer) in enumerate(polys):
            idx = by_poly.get(g, [])
            named = [(li, types[li]) for li in idx if types[li]]
            stated = next(
                (parse_area(labels[li].text) for li in idx if parse_area(labels[li].text)), None
            )
            type_id = self.mapping.layer_type(layer)
            label = ""
            if type_id is None and named:
                li, type_id = self._name_region(
                    named,
                    poly,
                    labels,
                    label_xy,
                    f"one boundary on layer {layer}",
                    f"图层 {layer} 上的一个边界内",
                )
                label = without_area(labels[li].text)
            if type_id is None:
                type_id = match_zone_type(layer_key(layer), self.mapping.labels)
                label = label or ""
            if type_id == "hall":
                if hall is None or poly.area > hall.area:
                    hall = poly
                continue
            if type_id is None:
                type_id = "unknown"
                label = next((labels[li].text for li in idx if not parse_area(labels[li].text)), "")
            zones.append(Zone("", type_id, poly, label=label, layer=layer, stated_area_m2=stated))
        orphans = [
            li
            for li, t in enumerate(types)
            if t and t != "hall" and li not in owner and labels[li].source == "text"
        ]
        return zones, orphans, hall

    def _rooms_from_walls(self, walls, door_blocks, s, labels, label_xy, orphan_idx, zones):
        """Close rooms implied only by walls: bridge door and window openings (each door
        block's threshold, and every gap between wall ends that continue each other in line),
        node the lines, polygonize, and take the smallest face that holds each label.

        Returns the recovered zones, the labels still without a room, and the wall ends left
        open (for the finding that says where a room leaks)."""
        widths = [b.local_width * s for b in door_blocks if b.local_width > 0]
        self._bridge_m = max([_BRIDGE_M, *(1.1 * w for w in widths)])
        lines = list(walls)
        thresholds = []
        for b in door_blocks:
            n = math.hypot(*b.x_axis)
            if b.local_width <= 0 or n <= 0:
                continue
            ux, uy = b.x_axis[0] / n, b.x_axis[1] / n
            half = b.local_width / 2
            mx, my = b.axis_mid
            thresholds.append(
                (
                    ((mx - ux * half) * s, (my - uy * half) * s),
                    ((mx + ux * half) * s, (my + uy * half) * s),
                )
            )
        lines.extend(_door_closures(walls, thresholds))
        bridges, open_ends = _gap_bridges(walls, self._bridge_m)
        lines.extend(bridges)
        noded = shapely.unary_union(shapely.set_precision(lines, 0.001))
        faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))))
        if not faces:
            return [], orphan_idx, open_ends
        tree = shapely.STRtree(faces)
        in_face: dict[int, list[int]] = {}
        left = []
        taken = shapely.union_all([z.geometry for z in zones]) if zones else None
        for li in orphan_idx:
            hits = tree.query(Point(label_xy[li]), predicate="within")
            if not len(hits):
                left.append(li)
                continue
            key = int(min(hits, key=lambda i: faces[i].area))
            face = faces[key]
            if not (1.0 <= face.area <= 5000.0) or (
                taken is not None and face.intersection(taken).area > 0.5 * face.area
            ):
                left.append(li)
                continue
            in_face.setdefault(key, []).append(li)
        recovered = []
        for key, lis in in_face.items():
            face = faces[key]
            named = [(i, match_zone_type(labels[i].text, self.mapping.labels)) for i in lis]
            li, type_id = self._name_region(
                named,
                face,
                labels,
                label_xy,
                "one room closed from the walls",
                "由墙体围合的一个房间内",
            )
            type_id = type_id or "unknown"
            recovered.append(
                Zone("", type_id, face, label=labels[li].text, layer=labels[li].layer + " (walls)")
            )
        return recovered, left, open_ends

    def _name_region(self, named, region, labels, label_xy, where: str, where_zh: str):
        """(label index, zone type) naming ``region``: of its ``named`` labels, the one nearest
        its middle; a region holding labels of several zone types is reported (FC006)."""
        c = region.representative_point()
        li, type_id = min(named, key=lambda n: Point(label_xy[n[0]]).distance(c))
        distinct = {t for _, t in named}
        if len(distinct) > 1:
            label = without_area(labels[li].text)
            names = [labels[i].text for i, _ in named]
            self.diagnostics.append(
                Diagnostic(
                    "FC006",
                    f"{where} holds labels of {len(distinct)} zone types ({', '.join(names)}); "
                    f"taken as {label!r}",
                    message_zh=f"{where_zh}有 {len(distinct)} 种功能区标注（{'、'.join(names)}），"
                    f"按「{label}」处理",
                    location=(round(c.x, 3), round(c.y, 3)),
                    geometry=region,
                )
            )
        return li, type_id

    def _near_labels(self, labels, label_xy, x: float, y: float, radius: float) -> list[str]:
        """Texts of the labels within ``radius`` of (x, y), nearest first (one STRtree query)."""
        if not len(label_xy):
            return []
        tree = self._label_tree
        if tree is None or self._label_tree_for is not label_xy:
            tree = self._label_tree = shapely.STRtree(shapely.points(label_xy))
            self._label_tree_for = label_xy
        hits = tree.query(Point(x, y), predicate="dwithin", distance=radius)
        if not len(hits):
            return []
        d = np.hypot(label_xy[hits, 0] - x, label_xy[hits, 1] - y)
        return [labels[int(hits[i])].text for i in np.lexsort((hits, d))]

    def _doors(self, blocks: list[Thing], s, labels, label_xy, hall_shape) -> list[Door]:
        outline = None
        if hall_shape is not None and not hall_shape.is_empty:
            closed = hall_shape.buffer(0.3, join_style="mitre").buffer(-0.3, join_style="mitre")
            outline = closed.boundary if not closed.is_empty else hall_shape.boundary
        doors: list[Door] = []
        for b in blocks:
            pos = (b.axis_mid[0] * s, b.axis_mid[1] * s)
            near = self._near_labels(labels, label_xy, pos[0], pos[1], 1.5)
            text = " ".join([b.text, *near[:3]])
            width = _attrib_width(b.attribs) or _door_tag_width(text) or (b.local_width * s)
            angle = math.degrees(math.atan2(b.x_axis[1], b.x_axis[0]))
            wide = self._near_labels(labels, label_xy, pos[0], pos[1], 3.0)
            label_text = " ".join([b.text, *wide[:4]])
            entrance = outline is not None and _on_outline(outline, pos, angle, width)
            main = bool(_MAIN_ENTRANCE.search(" ".join([*b.attribs.values(), *wide[:4]])))
            doors.append(
                Door(
                    id="",
                    position=pos,
                    width_m=round(float(width), 3),
                    angle_deg=angle,
                    entrance=entrance or main,
                    main=main,
                    staff_only=bool(_STAFF.search(label_text))
                    or self.mapping.layer_is("staff", b.layer),
                    automatic=bool(_AUTO.search(text))
                    or bool(re.search(r"(^|\W)ZM", b.name, re.IGNORECASE)),
                    exit=entrance or bool(_EXIT.search(label_text)),
                    label=next(
                        (t for t in wide if _MAIN_ENTRANCE.search(t) or _door_tag_width(t)), ""
                    ),
                )
            )
        mains = [d for d in doors if d.main]
        if not mains:
            entrances = [d for d in doors if d.entrance]
            if entrances:
                widest = max(entrances, key=lambda d: d.width_m)
                doors = [Door(**{**d.__dict__, "main": d is widest}) for d in doors]
        elif len(mains) > 1:
            first = mains[0]
            doors = [Door(**{**d.__dict__, "main": d is first}) for d in doors]
        doors.sort(key=lambda d: (-d.position[1], d.position[0]))
        return [Door(**{**d.__dict__, "id": f"D{i}"}) for i, d in enumerate(doors, 1)]

    def _windows(self, s, labels, label_xy, zones) -> list[Window]:
        sign = -1.0 if self.mapping.counter_public_side == "-Y" else 1.0
        windows: list[Window] = []
        block_xy = []
        for b in self.w.blocks:
            if b.kind != "counter":
                continue
            x, y = b.x * s, b.y * s
            if b.footprint is not None:
                x, y = (float(v) for v in (b.footprint * s).mean(axis=0))
            kind = None
            for tag in ("TYPE", "类型", "KIND", "窗口类型"):
                if tag in b.attribs:
                    kind = match_window_kind(b.attribs[tag])
                    break
            if kind is None:
                for value in (
                    *b.attribs.values(),
                    *self._near_labels(labels, label_xy, x, y, 1.2)[:2],
                ):
                    k = match_window_kind(value)
                    if k and k != "undifferentiated":
                        kind = k
                        break
            facing = math.degrees(math.atan2(sign * b.y_axis[1], sign * b.y_axis[0]))
            width = b.local_width * s if b.local_width else 1.6
            label = b.attribs.get("NAME") or b.attribs.get("NO") or b.attribs.get("编号") or ""
            windows.append(
                Window("", kind or "undifferentiated", (x, y), facing, label, round(width, 3))
            )
            block_xy.append((x, y))
        taken = np.array(block_xy) if block_xy else np.zeros((0, 2))
        terminals = (
            np.array([(b.x * s, b.y * s) for b in self.w.blocks if b.kind == "terminal"])
            if any(b.kind == "terminal" for b in self.w.blocks)
            else np.zeros((0, 2))
        )
        for i, lb in enumerate(labels):
            if (
                lb.source != "text"
                or not _WINDOW_TEXT.search(lb.text)
                or match_zone_type(lb.text, self.mapping.labels)
            ):
                continue
            x, y = label_xy[i]
            if len(taken) and np.hypot(taken[:, 0] - x, taken[:, 1] - y).min() <= 2.0:
                continue
            if len(terminals) and np.hypot(terminals[:, 0] - x, terminals[:, 1] - y).min() <= 2.0:
                continue
            kind = match_window_kind(lb.text) or "undifferentiated"
            facing = 90.0
            home = next((z for z in zones if z.geometry.contains(Point(x, y))), None)
            if home is not None:
                c = home.geometry.centroid
                if c.distance(Point(x, y)) > 1e-6:
                    facing = math.degrees(math.atan2(c.y - y, c.x - x))
            windows.append(Window("", kind, (x, y), facing, lb.text))
            taken = np.vstack([taken, [x, y]])
        windows.sort(key=lambda w: (-round(w.position[1], 1), w.position[0]))
        return [
            Window(f"W{i}", w.kind, w.position, w.facing_deg, w.label, w.width_m)
            for i, w in enumerate(windows, 1)
        ]

    def _cameras(self, s) -> list[Camera]:
        forward = 1 if self.mapping.camera_forward == "+Y" else 0
        cams = []
        for b in self.w.blocks:
            if b.kind != "camera":
                continue
            kind = "ptz" if _PTZ.search(b.text) and not re.search(r"半球", b.text) else "fixed"
            axis = b.y_axis if forward else b.x_axis
            fov = _number(b.attribs.get("FOV"))
            rng = _number(b.attribs.get("RANGE"))
            cams.append(
                Camera(
                    f"C{len(cams) + 1}",
                    kind,
                    (b.x * s, b.y * s),
                    math.degrees(math.atan2(axis[1], axis[0])),
                    fov_deg=fov,
                    range_m=rng,
                )
            )
        return cams

    def _terminals(self, s, labels, label_xy) -> list[Terminal]:
        out = []
        for b in self.w.blocks:
            if b.kind != "terminal":
                continue
            x, y = b.x * s, b.y * s
            near = self._near_labels(labels, label_xy, x, y, 1.5)
            cross = "跨省通办" in b.text or any("跨省通办" in t for t in near)
            out.append(Terminal(f"T{len(out) + 1}", (x, y), cross, b.name))
        return out

    def _signs(self, s) -> list[Sign]:
        out = []
        for b in self.w.blocks:
            if b.kind != "sign":
                continue
            if _FLOOR_SIGN.search(b.text):
                kind = "floor_directory"
            elif _EXIT.search(b.text):
                kind = "emergency_exit"
            else:
                continue
            out.append(Sign(f"S{len(out) + 1}", kind, (b.x * s, b.y * s)))
        return out

    def _seats(self, s) -> list[Seat]:
        out = []
        for b in self.w.blocks:
            if b.kind == "seat":
                n = _number(b.attribs.get("SEATS") or b.attribs.get("座位数"))
                out.append(Seat((b.x * s, b.y * s), int(n) if n and n > 0 else 1))
        return out


# -- helpers -------------------------------------------------------------------------------------


_BRIDGE_M = 2.4  # m: the widest wall gap read as a doorway or window when closing rooms


def _door_closures(walls: list[LineString], thresholds: list[tuple]) -> list[LineString]:
    """Lines that close each door opening where the room ends: the threshold (the door block's
    opening on its own axis) and its copies moved onto the wall faces, found from the jambs —
    wall vertices in line with the opening's two ends. A room then measures to the wall faces,
    not into the opening (without jambs, only the threshold closes it).

    >>> walls = [LineString([(-1, -0.1), (0, -0.1), (0, 0.1), (-1, 0.1)]),
    ...          LineString([(3, -0.1), (1, -0.1), (1, 0.1), (3, 0.1)])]
    >>> sorted(round(g.coords[0][1], 2) for g in _door_closures(walls, [((0, 0), (1, 0))]))
    [-0.1, 0.0, 0.1]
    """
    if not thresholds:
        return []
    out = [LineString(t) for t in thresholds]
    verts = np.vstack([np.asarray(w.coords)[:, :2] for w in walls]) if walls else np.zeros((0, 2))
    if not len(verts):
        return out
    tree = shapely.STRtree(shapely.points(verts))
    for a, b in thresholds:
        a, b = np.asarray(a, float), np.asarray(b, float)
        length = float(np.hypot(*(b - a)))
        if length <= 0:
            continue
        u = (b - a) / length
        n = np.array([-u[1], u[0]])
        offsets = []
        for end in (a, b):
            near = tree.query(Point(end), predicate="dwithin", distance=0.5)
            rel = verts[near] - end
            du, dn = rel @ u, rel @ n
            jamb = dn[(np.abs(du) <= 0.03) & (np.abs(dn) <= 0.5)]
            offsets.append(jamb)
        if not (len(offsets[0]) and len(offsets[1])):
            continue
        lo = max(offsets[0].min(), offsets[1].min())
        hi = min(offsets[0].max(), offsets[1].max())
        for t in {round(float(lo), 4), round(float(hi), 4)}:
            if abs(t) > 1e-3:
                out.append(LineString([a + n * t, b + n * t]))
    return out


def _gap_bridges(walls: list[LineString], max_gap: float) -> tuple[list[LineString], np.ndarray]:
    """Segments that close openings between wall ends continuing each other in line (a door or
    window left as a gap in single- or double-line walls), each end to its nearest partner;
    and the wall ends that stay open (touching nothing).

    >>> a = LineString([(0, 0), (4, 0)]); b = LineString([(5, 0), (9, 0)])
    >>> [list(g.coords) for g in _gap_bridges([a, b], 2.4)[0]]
    [[(4.0, 0.0), (5.0, 0.0)]]
    """
    coords = [np.asarray(w.coords)[:, :2] for w in walls]
    coords = [c for c in coords if len(c) >= 2]
    if not coords:
        return [], np.zeros((0, 2))
    ends = np.array([c[k] for c in coords for k in (0, -1)])
    back = np.array([c[k] for c in coords for k in (1, -2)])
    out = ends - back
    norm = np.hypot(out[:, 0], out[:, 1])
    ok = norm > 1e-9
    out[ok] /= norm[ok, None]
    pts = shapely.points(ends)
    tree = shapely.STRtree(pts)
    i, j = tree.query(pts, predicate="dwithin", distance=max_gap)
    keep = (i < j) & ok[i] & ok[j]
    i, j = i[keep], j[keep]
    v = ends[j] - ends[i]
    d = np.hypot(v[:, 0], v[:, 1])
    good = d > 1e-6
    i, j, v, d = i[good], j[good], v[good], d[good]
    u = v / d[:, None]
    cos = math.cos(math.radians(3.0))
    # in line: both ends point at each other, and the far end lies on the near line's extension
    lateral = np.abs(v[:, 0] * out[i][:, 1] - v[:, 1] * out[i][:, 0])
    inline = (
        (np.einsum("ij,ij->i", u, out[i]) > cos)
        & (np.einsum("ij,ij->i", u, out[j]) < -cos)
        & (lateral <= 0.03)
    )
    i, j, d = i[inline], j[inline], d[inline]
    taken = np.zeros(len(ends), dtype=bool)
    bridges = []
    for k in np.argsort(d, kind="stable"):
        a, b = int(i[k]), int(j[k])
        if taken[a] or taken[b]:
            continue
        taken[a] = taken[b] = True
        bridges.append(LineString([ends[a], ends[b]]))
    # ends that touch no other wall line and were not bridged: where a room can leak
    wall_tree = shapely.STRtree(walls)
    pi, _ = wall_tree.query(pts, predicate="dwithin", distance=0.002)
    touching = np.bincount(pi, minlength=len(ends))
    open_ends = ends[(touching <= 1) & ~taken]
    return bridges, open_ends


def _polygon(xy: np.ndarray, holes: list[np.ndarray] | None = None) -> Polygon | None:
    if len(xy) < 3:
        return None
    try:
        poly = Polygon(xy, [h for h in (holes or []) if len(h) >= 3])
    except (ValueError, shapely.errors.GEOSException):
        return None
    if poly.is_empty or poly.area <= 1e-6:
        return None
    return poly


def _repair(poly: Polygon) -> Polygon | None:
    fixed = shapely.make_valid(poly)
    parts = [p for p in shapely.get_parts(fixed) if p.geom_type == "Polygon" and p.area > 1e-6]
    if not parts:
        return None
    return max(parts, key=lambda p: p.area) if len(parts) == 1 else shapely.union_all(parts)


def _dedupe(polys: list[tuple[Polygon, str]]) -> list[tuple[Polygon, str]]:
    """Drop boundaries drawn twice (a HATCH over its own LWPOLYLINE is common)."""
    if len(polys) < 2:
        return polys
    geoms = [p for p, _ in polys]
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    keep = a < b
    drop: set[int] = set()
    for i, j in zip(a[keep], b[keep], strict=True):
        gi, gj = geoms[i], geoms[j]
        big = max(gi.area, gj.area)
        if abs(gi.area - gj.area) <= 0.01 * big and gi.intersection(gj).area >= 0.99 * big:
            drop.add(int(j))
    return [p for k, p in enumerate(polys) if k not in drop]


def _number_zones(zones: list[Zone]) -> list[Zone]:
    def key(z: Zone) -> tuple[float, float]:
        c = z.geometry.representative_point()
        return (-round(c.y, 1), round(c.x, 1))

    zones = sorted(zones, key=key)
    return [
        Zone(f"Z{i}", z.type, z.geometry, z.label, z.layer, z.stated_area_m2)
        for i, z in enumerate(zones, 1)
    ]


def _on_outline(
    outline, pos: tuple[float, float], angle_deg: float, width_m: float, tol_m: float = 0.5
) -> bool:
    """A door is on the hall outline when both ends of its opening lie near it (so a door in an
    inner wall that merely ends near the façade is not an entrance)."""
    a = math.radians(angle_deg)
    dx, dy = math.cos(a) * width_m / 2, math.sin(a) * width_m / 2
    ends = (Point(pos[0] - dx, pos[1] - dy), Point(pos[0] + dx, pos[1] + dy))
    return all(outline.distance(p) <= tol_m for p in ends)


def _door_tag_width(text: str) -> float | None:
    """Width in metres from a Chinese door tag: M1021 → 1.0 m, FM甲1022 → 1.0 m.

    >>> _door_tag_width("M0921")
    0.9
    >>> _door_tag_width("FM甲1222")
    1.2
    >>> _door_tag_width("DOOR") is None
    True
    """
    for word in re.split(r"[\s,;/|]+", text):
        m = _DOOR_TAG.match(word)
        if m:
            return int(m.group(1)) / 10.0
    return None


def _attrib_width(attribs: dict[str, str]) -> float | None:
    for tag in ("WIDTH", "宽度", "门宽", "W"):
        v = _number(attribs.get(tag))
        if v and v > 0:
            return v / 1000.0 if v > 20 else v
    return None


def _number(value: Any) -> float | None:
    if value is None:
        return None
    m = re.search(r"-?\d+(?:\.\d+)?", str(value))
    if not m:
        return None
    v = float(m.group(0))
    return v if math.isfinite(v) else None


_META_TYPES: dict[str, Any] = {
    "LEVEL": str,
    "POPULATION": int,
    "FLOOR": int,
    "ELEVATOR": bool,
    "STOREYS": int,
    "STAFF": int,
    "STAFF_MALE": int,
    "STAFF_FEMALE": int,
    "PEAK_VISITORS": int,
    "CROWDED": bool,
    "EXISTING_BUILDING": bool,
}


def _metadata(src: DxfSource, source: str) -> Metadata:
    """Plan metadata from DXF custom header properties FC_LEVEL, FC_POPULATION …"""
    values: dict[str, Any] = {}
    for tag, raw in src.custom_properties:
        key = str(tag).upper()
        if not key.startswith("FC_") or key[3:] not in _META_TYPES:
            continue
        kind = _META_TYPES[key[3:]]
        try:
            if kind is bool:
                value: Any = str(raw).strip().lower() in ("1", "true", "yes", "y", "是", "有")
            elif kind is int:
                value = int(float(raw))
            else:
                value = str(raw).strip().lower()
        except ValueError:
            raise ConfigError(
                f"custom property {tag}={raw!r} is not a {kind.__name__}", source
            ) from None
        values[key[3:].lower()] = value
    return Metadata(**values)
