"""DXF → Plan: walk the drawing once, sort what is found by meaning, then build zones.

The walk expands INSERTs with their full transform (nested, mirrored, MINSERT arrays) except
those that *are* something (a door, a counter, a camera …): those are kept whole, with their
attributes, footprint and orientation. Coordinates stay in drawing units until the unit is
known, then everything is scaled to metres at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import ezdxf.bbox
import numpy as np
import shapely
from ezdxf import path as ezpath
from ezdxf.document import Drawing
from ezdxf.entities import DXFGraphic, Insert
from shapely.geometry import LineString, Point, Polygon

from ..errors import BrokenDxf, BudgetExceeded, ConfigError
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
from ..vocab import match_window_kind, match_zone_type
from .mapping import Mapping, layer_key
from .text import clean_text, parse_area, without_area
from .units import resolve_units

__all__ = ["read_plan", "ReadLimits"]

_DOOR_TAG = re.compile(
    r"^(?:FM|TLM|ZM|JLM|LM|JM|M|MLC|MC)[甲乙丙]?[-_ ]?(\d{2})(\d{2})", re.IGNORECASE
)
_MAIN_ENTRANCE = re.compile(
    r"主入口|主出入口|^入口|出入口|MAIN\s*ENTRANCE|^ENTRANCE|大门", re.IGNORECASE
)
_STAFF = re.compile(r"员工|内部|职工|工作人员|STAFF|办公专用", re.IGNORECASE)
_AUTO = re.compile(r"自动|AUTO|感应", re.IGNORECASE)
_EXIT = re.compile(r"安全出口|紧急出口|疏散|EXIT", re.IGNORECASE)
_WINDOW_TEXT = re.compile(r"窗口|跨省通办|帮办代办|办不成事")
_TERMINAL = re.compile(r"自助终端|自助机|KIOSK|一体机|TERMINAL", re.IGNORECASE)
_PTZ = re.compile(r"球机|PTZ|动点|SPEED\s*DOME|DOME", re.IGNORECASE)
_FLOOR_SIGN = re.compile(r"楼层指示|楼层导视|楼层索引|FLOOR\s*DIRECTORY", re.IGNORECASE)
_PROXY_TYPES = ("ACAD_PROXY_ENTITY",)


@dataclass(frozen=True)
class ReadLimits:
    """Guards against drawings that would never finish (nested 10,000 deep, cycles, floods)."""

    max_depth: int = 32
    max_entities: int = 3_000_000
    max_vertices: int = 2_000_000


@dataclass
class _Label:
    text: str
    x: float
    y: float
    layer: str
    height: float
    source: str  # "text" | "attrib"


@dataclass
class _Ring:
    xy: np.ndarray  # (n, 2) drawing units
    closed: bool
    layer: str
    holes: list[np.ndarray] = field(default_factory=list)


@dataclass
class _Block:
    """An INSERT that is one thing (door, counter, camera …)."""

    kind: str
    name: str
    layer: str
    x: float
    y: float
    x_axis: tuple[float, float]
    y_axis: tuple[float, float]
    footprint: np.ndarray | None  # (4, 2) corners in drawing units
    local_width: float  # block's X extent × |x scale|, drawing units
    attribs: dict[str, str]
    axis_mid: tuple[float, float]  # middle of the block's X extent on its X axis (a door's opening)

    @property
    def text(self) -> str:
        return " ".join([self.name, *self.attribs.values()])


class _Walker:
    def __init__(self, doc: Drawing, mapping: Mapping, limits: ReadLimits) -> None:
        self.doc = doc
        self.mapping = mapping
        self.limits = limits
        self.labels: list[_Label] = []
        self.rings: list[_Ring] = []
        self.wall_lines: list[np.ndarray] = []
        self.column_rings: list[np.ndarray] = []
        self.furniture_rings: list[np.ndarray] = []
        self.blocks: list[_Block] = []
        self.proxies = 0
        self.door_arcs: list[float] = []
        self.skipped = 0
        self.count = 0
        self.vertices = 0
        self._bbox_cache: dict[str, tuple[float, float, float, float] | None] = {}

    # -- walking ---------------------------------------------------------------------------
    def walk(
        self,
        entities: Iterable[DXFGraphic],
        depth: int = 0,
        stack: tuple[str, ...] = (),
        parent_layer: str = "",
    ) -> None:
        for entity in entities:
            self.count += 1
            if self.count > self.limits.max_entities:
                raise BudgetExceeded(
                    f"has more than {self.limits.max_entities:,} entities after expanding blocks",
                    hint="check one floor at a time (--layout) or purge unused blocks",
                )
            try:
                if (
                    not entity.is_alive
                    or not hasattr(entity.dxf, "layer")
                    or not entity.dxf.is_supported("layer")
                ):
                    continue
                layer = entity.dxf.get("layer", "0")
                if layer == "0" and parent_layer:
                    layer = parent_layer
                if self.mapping.layer_is("ignore", layer):
                    continue
                kind = entity.dxftype()
                if kind == "INSERT":
                    self._insert(entity, layer, depth, stack)  # type: ignore[arg-type]
                elif kind in ("TEXT", "MTEXT"):
                    self._text(entity, layer)
                elif kind in (
                    "LINE",
                    "ARC",
                    "LWPOLYLINE",
                    "POLYLINE",
                    "CIRCLE",
                    "ELLIPSE",
                    "SPLINE",
                ):
                    self._curve(entity, layer)
                elif kind == "HATCH":
                    self._hatch(entity, layer)
                elif kind in _PROXY_TYPES or kind.startswith("TCH_"):
                    self.proxies += 1
            except (BrokenDxf, ConfigError):
                raise
            except Exception:  # noqa: BLE001 - one malformed entity must not stop the plan
                self.skipped += 1

    def _insert(self, ins: Insert, layer: str, depth: int, stack: tuple[str, ...]) -> None:
        name = ins.dxf.name
        if name in stack:
            chain = " → ".join((*stack[stack.index(name) :], name))
            raise BrokenDxf(
                f"block {name!r} contains itself ({chain})", hint="fix the block definition in CAD"
            )
        if depth >= self.limits.max_depth:
            raise BudgetExceeded(
                f"blocks are nested more than {self.limits.max_depth} deep (at {name!r})",
                hint="explode or purge the nested blocks in CAD",
            )
        if self.doc.blocks.get(name) is None:
            return
        inserts = list(ins.multi_insert()) if ins.mcount > 1 else [ins]
        attribs = {a.dxf.tag.upper(): clean_text(a.dxf.text) for a in ins.attribs}
        for a in ins.attribs:
            text = clean_text(a.dxf.text)
            if text:
                p = a.dxf.insert
                self.labels.append(
                    _Label(text, p.x, p.y, layer, a.dxf.get("height", 0.0), "attrib")
                )
        kind = self._classify(name, layer, attribs)
        for one in inserts:
            if kind is None:
                self.walk(one.virtual_entities(), depth + 1, (*stack, name), layer)
            else:
                self.blocks.append(self._block(one, kind, name, layer, attribs))

    def _classify(self, name: str, layer: str, attribs: dict[str, str]) -> str | None:
        m = self.mapping
        text = " ".join([name, *attribs.values()])
        if m.layer_is("cameras", layer) or m.block_is("camera", name):
            return "camera"
        if m.layer_is("counters", layer) or m.block_is("counter", name):
            return "counter"
        if m.block_is("terminal", name) or _TERMINAL.search(text):
            return "terminal"
        if m.block_is("sign", name):
            return "sign"
        if m.layer_is("doors", layer) or m.block_is("door", name):
            return "door"
        if m.block_is("seat", name):
            return "seat"
        if m.layer_is("furniture", layer):
            return "furniture"
        return None

    def _local_bbox(self, name: str) -> tuple[float, float, float, float] | None:
        if name not in self._bbox_cache:
            block = self.doc.blocks.get(name)
            box = None
            if block is not None:
                try:
                    ext = ezdxf.bbox.extents(
                        (e for e in block if e.dxftype() not in ("ATTDEF", "INSERT")), fast=True
                    )
                    if ext.has_data:
                        box = (ext.extmin.x, ext.extmin.y, ext.extmax.x, ext.extmax.y)
                except Exception:  # noqa: BLE001
                    box = None
            self._bbox_cache[name] = box
        return self._bbox_cache[name]

    def _block(
        self, ins: Insert, kind: str, name: str, layer: str, attribs: dict[str, str]
    ) -> _Block:
        m = ins.matrix44()
        origin = m.transform((0, 0, 0))
        xa = m.transform_direction((1, 0, 0))
        ya = m.transform_direction((0, 1, 0))
        box = self._local_bbox(name)
        footprint = None
        width = 0.0
        mid = (origin.x, origin.y)
        if box is not None:
            x0, y0, x1, y1 = box
            corners = [m.transform((x, y, 0)) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
            footprint = np.array([(c.x, c.y) for c in corners])
            width = (x1 - x0) * math.hypot(xa.x, xa.y)
            c = m.transform(((x0 + x1) / 2, 0, 0))
            mid = (c.x, c.y)
        return _Block(
            kind,
            name,
            layer,
            origin.x,
            origin.y,
            (xa.x, xa.y),
            (ya.x, ya.y),
            footprint,
            width,
            attribs,
            mid,
        )

    def _text(self, entity: DXFGraphic, layer: str) -> None:
        if entity.dxftype() == "MTEXT":
            text = clean_text(entity.text, mtext=True)  # type: ignore[attr-defined]
            p = entity.dxf.insert
            height = entity.dxf.get("char_height", 0.0)
            x, y = self._mtext_centre(entity, text, p.x, p.y, height)
        else:
            text = clean_text(entity.dxf.text)
            align = entity.dxf.get("halign", 0) or entity.dxf.get("valign", 0)
            p = (
                entity.dxf.align_point
                if align and entity.dxf.hasattr("align_point")
                else entity.dxf.insert
            )
            p = entity.ocs().to_wcs(p)
            height = entity.dxf.get("height", 0.0)
            x, y = p.x, p.y
            if not align:  # left-aligned: the text runs to the right of its insertion point
                rot = math.radians(entity.dxf.get("rotation", 0.0))
                half = _text_width(text, height) / 2
                x += half * math.cos(rot) - height / 2 * math.sin(rot)
                y += half * math.sin(rot) + height / 2 * math.cos(rot)
        if text:
            self.labels.append(_Label(text, x, y, layer, height, "text"))

    @staticmethod
    def _mtext_centre(
        entity: DXFGraphic, text: str, x: float, y: float, height: float
    ) -> tuple[float, float]:
        attach = entity.dxf.get("attachment_point", 1)
        width = min(_text_width(text, height), entity.dxf.get("width", 0.0) or 1e300)
        col, row = (attach - 1) % 3, (attach - 1) // 3
        rot = math.radians(entity.dxf.get("rotation", 0.0))
        dx = (0.5 - col / 2) * width
        dy = (row / 2 - 0.5) * height
        return x + dx * math.cos(rot) - dy * math.sin(rot), y + dx * math.sin(rot) + dy * math.cos(
            rot
        )

    def _flatten(self, entity: DXFGraphic) -> tuple[np.ndarray, bool] | None:
        p = ezpath.make_path(entity)
        if len(p) == 0 and entity.dxftype() not in ("CIRCLE", "ELLIPSE"):
            return None
        pts = _flat_xy(p)
        self.vertices += len(pts)
        if self.vertices > self.limits.max_vertices:
            raise BudgetExceeded(
                f"has more than {self.limits.max_vertices:,} curve vertices",
                hint="simplify the drawing (purge hatches, explode fewer blocks)",
            )
        if len(pts) < 2 or not np.isfinite(pts).all():
            return None
        closed = bool(getattr(entity, "closed", False) or getattr(entity, "is_closed", False))
        if entity.dxftype() == "CIRCLE" or p.is_closed:
            closed = True
        return pts, closed

    def _curve(self, entity: DXFGraphic, layer: str) -> None:
        m = self.mapping
        is_wall = m.layer_is("walls", layer)
        is_column = m.layer_is("columns", layer)
        is_zone = (
            m.layer_is("hall", layer)
            or m.layer_is("zone", layer)
            or m.layer_type(layer) is not None
        )
        is_furniture = m.layer_is("furniture", layer)
        if entity.dxftype() == "ARC" and m.layer_is("doors", layer):
            # a door drawn as a swing arc: its radius is the leaf width, evidence for the unit
            radius = entity.dxf.get("radius", 0.0)
            if radius > 0 and math.isfinite(radius):
                self.door_arcs.append(radius)
        if not (is_wall or is_column or is_zone or is_furniture):
            return
        if entity.dxftype() == "POLYLINE" and (entity.is_poly_face_mesh or entity.is_polygon_mesh):  # type: ignore[attr-defined]
            return
        flat = self._flatten(entity)
        if flat is None:
            return
        pts, closed = flat
        if is_zone:
            self.rings.append(_Ring(pts, closed, layer))
        elif is_column and closed:
            self.column_rings.append(pts)
        elif is_furniture and closed:
            self.furniture_rings.append(pts)
        if is_wall or (is_column and not closed):
            self.wall_lines.append(pts)

    def _hatch(self, entity: DXFGraphic, layer: str) -> None:
        m = self.mapping
        is_zone = (
            m.layer_is("hall", layer)
            or m.layer_is("zone", layer)
            or m.layer_type(layer) is not None
        )
        is_column = m.layer_is("columns", layer) or m.layer_is("walls", layer)
        if not (is_zone or is_column):
            return
        rings = []
        for p in ezpath.from_hatch(entity):  # type: ignore[arg-type]
            pts = _flat_xy(p)
            if len(pts) >= 3 and np.isfinite(pts).all():
                rings.append(pts)
        if not rings:
            return
        rings.sort(key=lambda r: -abs(_shoelace(r)))
        if is_zone:
            self.rings.append(_Ring(rings[0], True, layer, holes=rings[1:]))
        else:
            self.column_rings.extend(rings)


def _flat_xy(p: ezpath.Path) -> np.ndarray:
    """The path's vertices as an (n, 2) array; curves flattened to a chord error of 1/500 of the
    path's size (below drawing precision), straight paths taken as they are."""
    if not p.has_curves:
        return np.array([(v.x, v.y) for v in p.control_vertices()], dtype=float).reshape(-1, 2)
    cv = np.array([(v.x, v.y) for v in p.control_vertices()], dtype=float)
    size = float(np.ptp(cv, axis=0).max()) if len(cv) else 1.0
    chord = max(size / 500.0, 1e-9) if np.isfinite(size) else 1.0
    return np.array([(v.x, v.y) for v in p.flattening(distance=chord)], dtype=float).reshape(-1, 2)


def _shoelace(xy: np.ndarray) -> float:
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def _text_width(text: str, height: float) -> float:
    return sum(height if ord(ch) > 0x2E80 else 0.6 * height for ch in text)


# ---------------------------------------------------------------------------------------------
# Building the plan
# ---------------------------------------------------------------------------------------------


def read_plan(
    doc: Drawing,
    source: str,
    mapping: Mapping,
    units: str | None = None,
    layout: str | None = None,
    repairs: Iterable[str] = (),
    limits: ReadLimits | None = None,
) -> Plan:
    """Recognise zones, windows, doors, cameras … in a loaded DXF document."""
    space = _layout(doc, layout, source)
    walker = _Walker(doc, mapping, limits or ReadLimits())
    walker.walk(space)
    builder = _Builder(walker, mapping, source)
    return builder.build(doc, units, list(repairs))


def _layout(doc: Drawing, name: str | None, source: str):
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
    def __init__(self, walker: _Walker, mapping: Mapping, source: str) -> None:
        self.w = walker
        self.mapping = mapping
        self.source = source
        self.diagnostics: list[Diagnostic] = []

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

    def _units(self, doc: Drawing, override: str | None) -> UnitsInfo:
        insunits = doc.header.get("$INSUNITS", 0)
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
                    message_zh=f"图纸单位未知，按 {info.unit} 读取（{info.note}）；可用 --units 指定",
                )
            )
        return info

    # -- build -----------------------------------------------------------------------------
    def build(self, doc: Drawing, units: str | None, repairs: list[str]) -> Plan:
        info = self._units(doc, units)
        s = info.scale_to_m
        for text in repairs:
            self.diagnostics.append(
                Diagnostic("FC009", text, message_zh=f"文件已损坏并经修复：{text}")
            )
        walls = [LineString(a * s) for a in self.w.wall_lines if len(a) >= 2]
        columns = [_polygon(a * s) for a in self.w.column_rings]
        columns = [c for c in columns if c is not None]
        hall, zone_polys = self._boundaries(s)
        labels = self.w.labels
        label_xy = np.array([[lb.x * s, lb.y * s] for lb in labels]) if labels else np.zeros((0, 2))
        doors_blocks = [b for b in self.w.blocks if b.kind == "door"]
        zones, orphan_idx, hall = self._zones(zone_polys, hall, labels, label_xy)
        if orphan_idx and walls:
            recovered, orphan_idx = self._rooms_from_walls(
                walls, doors_blocks, s, labels, label_xy, orphan_idx, zones
            )
            zones.extend(recovered)
        for i in orphan_idx:
            lb = labels[i]
            self.diagnostics.append(
                Diagnostic(
                    "FC003",
                    f"label {lb.text!r} (layer {lb.layer}) lies in no zone boundary",
                    message_zh=f"标注「{lb.text}」（图层 {lb.layer}）不在任何区域边界内",
                    location=(round(label_xy[i][0], 3), round(label_xy[i][1], 3)),
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
        for b in self.w.blocks:
            if b.kind in ("furniture", "seat", "terminal", "counter") and b.footprint is not None:
                poly = _polygon(b.footprint * s)
                if poly is not None:
                    obstacles.append(Obstacle(poly, b.kind, b.name))
        if self.w.proxies:
            hidden = not zones and not walls
            self.diagnostics.append(
                Diagnostic(
                    "FC010",
                    f"{self.w.proxies} TArch (天正) custom objects (ACAD_PROXY_ENTITY/TCH_*) cannot be read"
                    + ("; they hide the walls and rooms" if hidden else "")
                    + ": in TArch use 图形导出 (export to T3), or EXPLODE in AutoCAD, then save as DXF",
                    message_zh=f"{self.w.proxies} 个天正自定义对象无法读取"
                    + ("，墙体和房间因此不可见" if hidden else "")
                    + "：请在天正中用「图形导出」导出为 T3 格式，或在 AutoCAD 中分解（EXPLODE）后另存为 DXF",
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
            metadata=_metadata(doc, self.source),
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
                distinct = sorted({t for _, t in named})
                c = poly.representative_point()
                li, type_id = min(named, key=lambda n: Point(label_xy[n[0]]).distance(c))
                label = without_area(labels[li].text)
                if len(distinct) > 1:
                    self.diagnostics.append(
                        Diagnostic(
                            "FC006",
                            f"one boundary on layer {layer} holds labels of {len(distinct)} zone types "
                            f"({', '.join(labels[i].text for i, _ in named)}); taken as {label!r}",
                            message_zh=f"图层 {layer} 上的一个边界内有 {len(distinct)} 种功能区标注"
                            f"（{'、'.join(labels[i].text for i, _ in named)}），按「{label}」处理",
                            location=(round(c.x, 3), round(c.y, 3)),
                            geometry=poly,
                        )
                    )
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
        """Close rooms implied only by walls: node the wall lines, bridge door openings with the
        door blocks' footprints, polygonize, and take the face that holds each label."""
        lines = list(walls)
        for b in door_blocks:
            if b.footprint is not None:
                fp = b.footprint * s
                lines.append(LineString(np.vstack([fp, fp[:1]])))
        noded = shapely.unary_union(shapely.set_precision(lines, 0.001))
        faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))))
        if not faces:
            return [], orphan_idx
        tree = shapely.STRtree(faces)
        used: dict[int, Zone] = {}
        left = []
        taken = shapely.union_all([z.geometry for z in zones]) if zones else None
        for li in orphan_idx:
            hits = tree.query(Point(label_xy[li]), predicate="within")
            if not len(hits):
                left.append(li)
                continue
            face = min((faces[i] for i in hits), key=lambda f: f.area)
            key = int(next(i for i in hits if faces[i] is face))
            if not (1.0 <= face.area <= 5000.0) or (
                taken is not None and face.intersection(taken).area > 0.5 * face.area
            ):
                left.append(li)
                continue
            if key in used:
                continue
            type_id = match_zone_type(labels[li].text, self.mapping.labels) or "unknown"
            used[key] = Zone(
                "", type_id, face, label=labels[li].text, layer=labels[li].layer + " (walls)"
            )
        return list(used.values()), left

    def _near_labels(self, labels, label_xy, x: float, y: float, radius: float) -> list[str]:
        if not len(label_xy):
            return []
        d = np.hypot(label_xy[:, 0] - x, label_xy[:, 1] - y)
        order = np.argsort(d)
        return [labels[i].text for i in order if d[i] <= radius]

    def _doors(self, blocks: list[_Block], s, labels, label_xy, hall_shape) -> list[Door]:
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


def _metadata(doc: Drawing, source: str) -> Metadata:
    """Plan metadata from DXF custom header properties FC_LEVEL, FC_POPULATION …"""
    values: dict[str, Any] = {}
    try:
        props = list(doc.header.custom_vars)
    except Exception:  # noqa: BLE001
        props = []
    for tag, raw in props:
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
