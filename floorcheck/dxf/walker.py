"""Walk a drawing's entities once and sort what is found by meaning (labels, boundaries, walls,
columns, furniture, and the blocks that *are* something: doors, counters, cameras …).

The walk works on :class:`~floorcheck.dxf.tags.Record` s — from the fast tag reader or exported
from an ezdxf document. A block's contents are collected once, in the block's own coordinates,
and every INSERT of it adds that collection transformed by the insert's matrix (numpy), instead
of re-creating the block's entities per insert. Blocks that are one thing (a door …) are kept
whole with their attributes, footprint and orientation. Coordinates stay in drawing units.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..errors import BrokenDxf, BudgetExceeded, ConfigError
from .mapping import Mapping
from .tags import DxfSource, Record
from .text import clean_text

__all__ = ["Walker", "Label", "Ring", "Thing", "Limits"]

_TERMINAL = re.compile(r"自助终端|自助机|KIOSK|一体机|TERMINAL", re.IGNORECASE)
_CURVES = frozenset({"LINE", "ARC", "CIRCLE", "LWPOLYLINE", "POLYLINE", "ELLIPSE", "SPLINE"})


@dataclass(frozen=True)
class Limits:
    """Guards against drawings that would never finish (nested 10,000 deep, cycles, floods)."""

    max_depth: int = 32
    max_entities: int = 3_000_000
    max_vertices: int = 2_000_000


@dataclass
class Label:
    text: str
    x: float
    y: float
    layer: str
    height: float
    source: str  # "text" | "attrib"


@dataclass
class Ring:
    xy: np.ndarray  # (n, 2) drawing units
    closed: bool
    layer: str
    holes: list[np.ndarray] = field(default_factory=list)


@dataclass
class Thing:
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


# An affine map of the plane: x' = a x + b y + e, y' = c x + d y + f
Affine = tuple[float, float, float, float, float, float]


def _apply(m: Affine, xy: np.ndarray) -> np.ndarray:
    a, b, c, d, e, f = m
    out = np.empty_like(xy)
    out[:, 0] = a * xy[:, 0] + b * xy[:, 1] + e
    out[:, 1] = c * xy[:, 0] + d * xy[:, 1] + f
    return out


def _point(m: Affine, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + b * y + e, c * x + d * y + f


def _vector(m: Affine, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, _, _ = m
    return a * x + b * y, c * x + d * y


def _compose(outer: Affine, inner: Affine) -> Affine:
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        a * t + b * u + e,
        c * t + d * u + f,
    )


class Collected:
    """What a list of entities holds, in the coordinates of their container."""

    __slots__ = (
        "labels",
        "rings",
        "wall_lines",
        "column_rings",
        "furniture_rings",
        "blocks",
        "door_arcs",
        "proxies",
        "proxy_shown",
        "skipped",
        "count",
        "vertices",
    )

    def __init__(self) -> None:
        self.labels: list[Label] = []
        self.rings: list[Ring] = []
        self.wall_lines: list[np.ndarray] = []
        self.column_rings: list[np.ndarray] = []
        self.furniture_rings: list[np.ndarray] = []
        self.blocks: list[Thing] = []
        self.door_arcs: list[float] = []
        self.proxies = 0
        self.proxy_shown = 0
        self.skipped = 0
        self.count = 0
        self.vertices = 0

    def add(self, other: Collected, m: Affine) -> None:
        """Append ``other`` mapped by ``m``."""
        a, b, c, d, _, _ = m
        ysc = math.hypot(b, d)
        det = abs(a * d - b * c)
        for lb in other.labels:
            x, y = _point(m, lb.x, lb.y)
            self.labels.append(Label(lb.text, x, y, lb.layer, lb.height * ysc, lb.source))
        for r in other.rings:
            self.rings.append(
                Ring(_apply(m, r.xy), r.closed, r.layer, [_apply(m, h) for h in r.holes])
            )
        self.wall_lines.extend(_apply(m, xy) for xy in other.wall_lines)
        self.column_rings.extend(_apply(m, xy) for xy in other.column_rings)
        self.furniture_rings.extend(_apply(m, xy) for xy in other.furniture_rings)
        for t in other.blocks:
            xa = _vector(m, *t.x_axis)
            n0 = math.hypot(*t.x_axis)
            self.blocks.append(
                Thing(
                    t.kind,
                    t.name,
                    t.layer,
                    *_point(m, t.x, t.y),
                    xa,
                    _vector(m, *t.y_axis),
                    None if t.footprint is None else _apply(m, t.footprint),
                    t.local_width * (math.hypot(*xa) / n0 if n0 > 0 else 1.0),
                    t.attribs,
                    _point(m, *t.axis_mid),
                )
            )
        self.door_arcs.extend(r * math.sqrt(det) for r in other.door_arcs)
        self.proxies += other.proxies
        self.proxy_shown += other.proxy_shown
        self.skipped += other.skipped
        self.count += other.count
        self.vertices += other.vertices


class _Roles:
    __slots__ = ("ignore", "wall", "column", "zone", "furniture", "doors", "cameras", "counters")

    def __init__(self, m: Mapping, layer: str) -> None:
        self.ignore = m.layer_is("ignore", layer)
        self.wall = m.layer_is("walls", layer)
        self.column = m.layer_is("columns", layer)
        self.zone = (
            m.layer_is("hall", layer)
            or m.layer_is("zone", layer)
            or (m.layer_type(layer) is not None)
        )
        self.furniture = m.layer_is("furniture", layer)
        self.doors = m.layer_is("doors", layer)
        self.cameras = m.layer_is("cameras", layer)
        self.counters = m.layer_is("counters", layer)


def _f(d: dict[int, bytes], code: int, default: float = 0.0) -> float:
    v = d.get(code)
    return default if v is None else float(v)


def _ocs(d: dict[int, bytes]) -> Affine | None:
    """The 2-D part of the entity's OCS → WCS map, or None when the OCS is the WCS."""
    if 210 not in d and 230 not in d:
        return None
    ez = (_f(d, 210), _f(d, 220), _f(d, 230, 1.0))
    if abs(ez[0]) < 1e-12 and abs(ez[1]) < 1e-12 and ez[2] > 0:
        return None
    from ezdxf.math import OCS

    ocs = OCS(ez)
    ux, uy = ocs.ux, ocs.uy
    return (ux.x, uy.x, ux.y, uy.y, 0.0, 0.0)


def _arc_points(
    cx: float, cy: float, r: float, start: float, sweep: float, closed_circle: bool = False
) -> np.ndarray:
    """Points on an arc (radians, counter-clockwise sweep), sagitta ≤ r/1000."""
    step = 2.0 * math.acos(1.0 - 1e-3)  # ≈ 5.1°
    n = max(2, int(math.ceil(abs(sweep) / step)) + 1)
    if closed_circle:
        n = max(n, 9)
    t = start + np.linspace(0.0, sweep, n)
    return np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)])


def _bulge_polyline(xy: list[tuple[float, float]], bulges: list[float], closed: bool) -> np.ndarray:
    if not any(bulges):
        return np.asarray(xy, dtype=float).reshape(-1, 2)
    out: list[np.ndarray] = []
    n = len(xy)
    last = n if closed else n - 1
    for i in range(last):
        p, q, bg = xy[i], xy[(i + 1) % n], bulges[i]
        if abs(bg) < 1e-12 or p == q:
            out.append(np.array([p]))
            continue
        theta = 4.0 * math.atan(bg)  # signed included angle
        chord = math.hypot(q[0] - p[0], q[1] - p[1])
        r = chord / (2.0 * math.sin(abs(theta) / 2.0))
        mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
        # signed distance from the chord's middle to the centre, along the chord's left normal
        h = math.copysign(1.0, bg) * r * math.cos(theta / 2.0)
        ux, uy = (q[0] - p[0]) / chord, (q[1] - p[1]) / chord
        cx, cy = mx - uy * h, my + ux * h
        a0 = math.atan2(p[1] - cy, p[0] - cx)
        pts = _arc_points(cx, cy, r, a0, theta)
        out.append(pts[:-1])
    if not closed:
        out.append(np.array([xy[-1]]))
    return np.vstack(out)


class Walker:
    """Collects a drawing's modelspace (and, through INSERTs, its blocks)."""

    def __init__(self, source: DxfSource, mapping: Mapping, limits: Limits) -> None:
        self.src = source
        self.mapping = mapping
        self.limits = limits
        self.top = Collected()
        self._layers: dict[bytes, str] = {}
        self._roles: dict[str, _Roles] = {}
        self._bundles: dict[tuple[str, str], Collected] = {}
        self._bbox: dict[str, tuple[float, float, float, float] | None] = {}
        self._kinds: dict[tuple[str, str, str], str | None] = {}
        self.count = 0
        self.vertices = 0

    # The builder reads these as the walker's findings.
    def __getattr__(self, name: str):  # labels, rings, wall_lines … of the top level
        if name in Collected.__slots__:
            return getattr(self.top, name)
        raise AttributeError(name)

    # -- entry points ------------------------------------------------------------------------
    def entity(self, rec: Record) -> None:
        """Walk one modelspace entity (used as the tag reader's streaming consumer)."""
        self._entity(rec, self.top, "", 0, ())

    def walk(self, records: Iterable[Record]) -> None:
        for rec in records:
            self._entity(rec, self.top, "", 0, ())

    def drops_layer(self, raw: bytes) -> bool:
        """Whether modelspace linework on this raw layer name can be skipped unread: a layer
        that is ignored, or that is neither walls, columns, zones, furniture nor doors."""
        name = self._layers.get(raw)
        if name is None:
            name = self.src.text(raw).strip() or "0"
            self._layers[raw] = name
        r = self._role(name)
        return r.ignore or not (r.wall or r.column or r.zone or r.furniture or r.doors)

    # -- helpers ---------------------------------------------------------------------------------
    def _layer(self, d: dict[int, bytes], parent_layer: str) -> str:
        raw = d.get(8, b"0")
        name = self._layers.get(raw)
        if name is None:
            name = self.src.text(raw).strip() or "0"
            self._layers[raw] = name
        if name == "0" and parent_layer:
            return parent_layer
        return name

    def _role(self, layer: str) -> _Roles:
        r = self._roles.get(layer)
        if r is None:
            r = self._roles[layer] = _Roles(self.mapping, layer)
        return r

    def _tick(self, out: Collected, counted: bool = True) -> None:
        if counted:
            self.count += 1
            out.count += 1
        if self.count > self.limits.max_entities:
            raise BudgetExceeded(
                f"has more than {self.limits.max_entities:,} entities after expanding blocks",
                hint="check one floor at a time (--layout) or purge unused blocks",
            )

    # -- one entity ----------------------------------------------------------------------------
    def _entity(
        self, rec: Record, out: Collected, parent_layer: str, depth: int, stack: tuple[str, ...]
    ) -> None:
        self._tick(out)
        try:
            d = rec.dxf()
            layer = self._layer(d, parent_layer)
            role = self._role(layer)
            if role.ignore:
                return
            kind = rec.type
            if kind == "INSERT":
                self._insert(rec, d, layer, out, depth, stack)
            elif kind == "TEXT":
                self._text(d, layer, out)
            elif kind == "MTEXT":
                self._mtext(rec, d, layer, out)
            elif kind in _CURVES:
                self._curve(rec, d, layer, role, out)
            elif kind == "HATCH":
                self._hatch(rec, layer, role, out)
            elif kind == "ACAD_PROXY_ENTITY" or kind.startswith("TCH_"):
                self._proxy(rec, layer, out, depth, stack)
        except (BrokenDxf, ConfigError, BudgetExceeded):
            raise
        except Exception:  # noqa: BLE001 - one malformed entity must not stop the plan
            out.skipped += 1

    # -- blocks ----------------------------------------------------------------------------------
    def _insert(
        self,
        rec: Record,
        d: dict[int, bytes],
        layer: str,
        out: Collected,
        depth: int,
        stack: tuple[str, ...],
    ) -> None:
        name = self.src.text(d.get(2, b"")).strip()
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
        block = self.src.blocks.get(name)
        if block is None:
            return
        attribs: dict[str, str] = {}
        for a in rec.children:
            ad = a.dxf()
            text = clean_text(self.src.text(ad.get(1, b"")))
            attribs[self.src.text(ad.get(2, b"")).strip().upper()] = text
            if text:
                out.labels.append(Label(text, _f(ad, 10), _f(ad, 20), layer, _f(ad, 40), "attrib"))
        kind = self._classify(name, layer, attribs)
        for m in self._insert_matrices(d, block.base):
            if kind is None:
                key = (name, layer)
                bundle = self._bundles.get(key)
                if bundle is None:
                    bundle = Collected()
                    for child in block.entities:
                        self._entity(child, bundle, layer, depth + 1, (*stack, name))
                    self._bundles[key] = bundle
                else:
                    self.count += bundle.count
                    self._tick_vertices(out, 0, bundle.vertices)
                    self._tick(out, counted=False)
                out.add(bundle, m)
            else:
                out.blocks.append(self._thing(m, kind, name, layer, attribs, depth, stack))

    def _insert_matrices(self, d: dict[int, bytes], base: tuple[float, float]) -> list[Affine]:
        sx, sy = _f(d, 41, 1.0), _f(d, 42, 1.0)
        rot = math.radians(_f(d, 50))
        co, si = math.cos(rot), math.sin(rot)
        a, b, c, e = co * sx, -si * sy, si * sx, co * sy
        ocs = _ocs(d)
        ix, iy = _f(d, 10), _f(d, 20)
        cols, rows = int(_f(d, 70, 1.0)) or 1, int(_f(d, 71, 1.0)) or 1
        cs, rs = _f(d, 44), _f(d, 45)
        if cols * rows > self.limits.max_entities or cols < 0 or rows < 0:
            raise BudgetExceeded(
                f"has a block array (MINSERT) of {cols} × {rows} copies",
                hint="explode the array in CAD or check one floor at a time",
            )
        out: list[Affine] = []
        bx, by = base
        for row in range(max(rows, 1)):
            for col in range(max(cols, 1)):
                ox, oy = col * cs, row * rs
                tx = ix + co * ox - si * oy - (a * bx + b * by)
                ty = iy + si * ox + co * oy - (c * bx + e * by)
                m: Affine = (a, b, c, e, tx, ty)
                if ocs is not None:
                    m = _compose(ocs, m)
                out.append(m)
        if not all(math.isfinite(v) for v in out[0]):
            raise ValueError("non-finite insert")
        return out

    def _classify(self, name: str, layer: str, attribs: dict[str, str]) -> str | None:
        key = (name, layer, " ".join(attribs.values()))
        if key in self._kinds:
            return self._kinds[key]
        m = self.mapping
        role = self._role(layer)
        text = " ".join([name, *attribs.values()])
        kind: str | None = None
        if role.cameras or m.block_is("camera", name):
            kind = "camera"
        elif role.counters or m.block_is("counter", name):
            kind = "counter"
        elif m.block_is("terminal", name) or _TERMINAL.search(text):
            kind = "terminal"
        elif m.block_is("sign", name):
            kind = "sign"
        elif role.doors or m.block_is("door", name):
            kind = "door"
        elif m.block_is("seat", name):
            kind = "seat"
        elif role.furniture:
            kind = "furniture"
        if len(self._kinds) < 100_000:
            self._kinds[key] = kind
        return kind

    def _thing(
        self,
        m: Affine,
        kind: str,
        name: str,
        layer: str,
        attribs: dict[str, str],
        depth: int,
        stack: tuple[str, ...],
    ) -> Thing:
        origin = _point(m, 0.0, 0.0)
        xa = _vector(m, 1.0, 0.0)
        ya = _vector(m, 0.0, 1.0)
        box = self._local_bbox(name, depth, stack)
        footprint = None
        width = 0.0
        mid = origin
        if box is not None:
            x0, y0, x1, y1 = box
            # four corners in plain arithmetic: a numpy call per desk costs more than the maths
            footprint = np.array(
                [_point(m, x0, y0), _point(m, x1, y0), _point(m, x1, y1), _point(m, x0, y1)]
            )
            width = (x1 - x0) * math.hypot(*xa)
            mid = _point(m, (x0 + x1) / 2, 0.0)
        return Thing(kind, name, layer, *origin, xa, ya, footprint, width, attribs, mid)

    def _local_bbox(
        self, name: str, depth: int = 0, stack: tuple[str, ...] = ()
    ) -> tuple[float, float, float, float] | None:
        """Extent of a block's geometry in block coordinates relative to its base point
        (curves and hatches, nested blocks included; attribute definitions and text not)."""
        if name in self._bbox:
            return self._bbox[name]
        block = self.src.blocks.get(name)
        box = None
        if block is not None and name not in stack and depth < self.limits.max_depth:
            pts: list[np.ndarray] = []
            for rec in block.entities:
                try:
                    if rec.type in _CURVES:
                        flat = self._flatten(rec, rec.dxf())
                        if flat is not None:
                            pts.append(flat[0])
                    elif rec.type == "HATCH":
                        pts.extend(self._hatch_rings(rec))
                    elif rec.type == "INSERT":
                        d = rec.dxf()
                        child = self.src.text(d.get(2, b"")).strip()
                        inner = self._local_bbox(child, depth + 1, (*stack, name))
                        sub = self.src.blocks.get(child)
                        if inner is not None and sub is not None:
                            x0, y0, x1, y1 = inner
                            corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
                            for m in self._insert_matrices(d, sub.base):
                                pts.append(_apply(m, corners))
                except (BrokenDxf, BudgetExceeded):
                    raise
                except Exception:  # noqa: BLE001
                    continue
            if pts:
                allp = np.vstack(pts)
                allp = allp[np.isfinite(allp).all(axis=1)]
                if len(allp):
                    bx, by = block.base
                    lo, hi = allp.min(axis=0), allp.max(axis=0)
                    box = (lo[0] - bx, lo[1] - by, hi[0] - bx, hi[1] - by)
        self._bbox[name] = box
        return box

    # -- text ------------------------------------------------------------------------------------
    def _text(self, d: dict[int, bytes], layer: str, out: Collected) -> None:
        text = clean_text(self.src.text(d.get(1, b"")))
        if not text:
            return
        align = int(_f(d, 72)) or int(_f(d, 73))
        if align and 11 in d:
            x, y = _f(d, 11), _f(d, 21)
        else:
            x, y = _f(d, 10), _f(d, 20)
        ocs = _ocs(d)
        if ocs is not None:
            x, y = _point(ocs, x, y)
        height = _f(d, 40)
        if not align:  # left-aligned: the text runs to the right of its insertion point
            rot = math.radians(_f(d, 50))
            half = _text_width(text, height) / 2
            x += half * math.cos(rot) - height / 2 * math.sin(rot)
            y += half * math.sin(rot) + height / 2 * math.cos(rot)
        out.labels.append(Label(text, x, y, layer, height, "text"))

    def _mtext(self, rec: Record, d: dict[int, bytes], layer: str, out: Collected) -> None:
        chunks = [v for c, v in rec.tags if c == 3]
        raw = self.src.text(b"".join(chunks) + d.get(1, b""))
        text = clean_text(raw, mtext=True)
        if not text:
            return
        x, y = _f(d, 10), _f(d, 20)
        height = _f(d, 40)
        attach = int(_f(d, 71, 1.0))
        if not 1 <= attach <= 9:
            attach = 1
        width = min(_text_width(text, height), _f(d, 41) or 1e300)
        col, row = (attach - 1) % 3, (attach - 1) // 3
        rot = math.radians(_f(d, 50))
        dx = (0.5 - col / 2) * width
        dy = (row / 2 - 0.5) * height
        x, y = (
            x + dx * math.cos(rot) - dy * math.sin(rot),
            y + dx * math.sin(rot) + dy * math.cos(rot),
        )
        out.labels.append(Label(text, x, y, layer, height, "text"))

    # -- curves ----------------------------------------------------------------------------------
    def _flatten(self, rec: Record, d: dict[int, bytes]) -> tuple[np.ndarray, bool] | None:
        kind = rec.type
        closed = False
        if kind == "LINE":
            pts = np.array([[_f(d, 10), _f(d, 20)], [_f(d, 11), _f(d, 21)]])
        elif kind == "LWPOLYLINE":
            xy: list[tuple[float, float]] = []
            bulges: list[float] = []
            x = None
            for code, value in rec.tags:
                if code == 10:
                    x = float(value)
                elif code == 20 and x is not None:
                    xy.append((x, float(value)))
                    bulges.append(0.0)
                    x = None
                elif code == 42 and bulges:
                    bulges[-1] = float(value)
            closed = bool(int(_f(d, 70)) & 1)
            if not xy:
                return None
            pts = _bulge_polyline(xy, bulges, closed)
            pts = self._to_wcs(d, pts)
        elif kind == "POLYLINE":
            flags = int(_f(d, 70))
            if flags & (16 | 64):  # polygon or polyface mesh: not plan linework
                return None
            xy, bulges = [], []
            for v in rec.children:
                vd = v.dxf()
                if int(_f(vd, 70)) & 16:  # spline frame control point
                    continue
                xy.append((_f(vd, 10), _f(vd, 20)))
                bulges.append(_f(vd, 42))
            closed = bool(flags & 1)
            if not xy:
                return None
            pts = _bulge_polyline(xy, bulges, closed)
            if not flags & 8:  # 2-D polylines are in OCS
                pts = self._to_wcs(d, pts)
        elif kind in ("CIRCLE", "ARC"):
            r = _f(d, 40)
            if not r > 0:
                return None
            if kind == "CIRCLE":
                pts = _arc_points(_f(d, 10), _f(d, 20), r, 0.0, 2 * math.pi, True)[:-1]
                closed = True
            else:
                a0, a1 = math.radians(_f(d, 50)), math.radians(_f(d, 51))
                sweep = (a1 - a0) % (2 * math.pi) or 2 * math.pi
                pts = _arc_points(_f(d, 10), _f(d, 20), r, a0, sweep)
            pts = self._to_wcs(d, pts)
        else:  # ELLIPSE, SPLINE: ezdxf's construction tools
            from ezdxf import path as ezpath

            entity = self._ezdxf(rec)
            p = ezpath.make_path(entity)
            if len(p) == 0 and kind != "ELLIPSE":
                return None
            pts = _flat_xy(p)
            closed = bool(p.is_closed or getattr(entity, "closed", False))
        if len(pts) < 2 or not np.isfinite(pts).all():
            return None
        if len(pts) > 2 and abs(pts[0] - pts[-1]).max() <= 1e-9 * (1.0 + abs(pts[0]).max()):
            closed = True  # ends where it starts: closed whatever its flag says
            pts = pts[:-1]
        return pts, closed

    def _to_wcs(self, d: dict[int, bytes], pts: np.ndarray) -> np.ndarray:
        ocs = _ocs(d)
        return pts if ocs is None else _apply(ocs, pts)

    def _ezdxf(self, rec: Record):
        """The record as an ezdxf entity (no document), for ezdxf's construction tools."""
        from ezdxf.entities import factory
        from ezdxf.lldxf.extendedtags import ExtendedTags
        from ezdxf.lldxf.tagger import tag_compiler
        from ezdxf.lldxf.types import DXFTag

        text = self.src.text
        raw = [DXFTag(0, rec.type)] + [DXFTag(c, text(v)) for c, v in rec.tags]
        return factory.load(ExtendedTags(tag_compiler(iter(raw))))

    def _curve(
        self, rec: Record, d: dict[int, bytes], layer: str, role: _Roles, out: Collected
    ) -> None:
        if rec.type == "ARC" and role.doors:
            # a door drawn as a swing arc: its radius is the leaf width, evidence for the unit
            radius = _f(d, 40)
            if radius > 0 and math.isfinite(radius):
                out.door_arcs.append(radius)
        if not (role.wall or role.column or role.zone or role.furniture):
            return
        flat = self._flatten(rec, d)
        if flat is None:
            return
        pts, closed = flat
        self._tick_vertices(out, len(pts))
        if role.zone:
            out.rings.append(Ring(pts, closed, layer))
        elif role.column and closed:
            out.column_rings.append(pts)
        elif role.furniture and closed:
            out.furniture_rings.append(pts)
        if role.wall or (role.column and not closed):
            out.wall_lines.append(np.vstack([pts, pts[:1]]) if closed else pts)

    def _tick_vertices(self, out: Collected, n: int, elsewhere: int = 0) -> None:
        """Count ``n`` new vertices of ``out`` (and ``elsewhere`` already counted in a bundle)."""
        self.vertices += n + elsewhere
        out.vertices += n
        if self.vertices > self.limits.max_vertices:
            raise BudgetExceeded(
                f"has more than {self.limits.max_vertices:,} curve vertices",
                hint="simplify the drawing (purge hatches, explode fewer blocks)",
            )

    # -- hatches ---------------------------------------------------------------------------------
    def _hatch_rings(self, rec: Record) -> list[np.ndarray]:
        """The boundary loops of a HATCH. Edge paths whose edges are stored out of order or
        only nearly touch (common in exports) come out of ezdxf as several open pieces; they
        are chained end to end here instead of being read as separate, wrong loops."""
        from ezdxf.entities.boundary_paths import EdgePath
        from ezdxf.path import converter

        entity = self._ezdxf(rec)
        ocs = entity.ocs()
        elevation = entity.dxf.elevation.z
        rings: list[np.ndarray] = []
        for boundary in entity.paths:
            if isinstance(boundary, EdgePath) and len(boundary.edges) > 1:
                # edge by edge: ezdxf would join edges in stored order with straight jumps
                pieces = []
                for edge in boundary.edges:
                    one = EdgePath()
                    one.edges = [edge]
                    xy = _flat_xy(converter.from_hatch_edge_path(one, ocs, elevation))
                    full = abs(getattr(edge, "end_angle", 0) - getattr(edge, "start_angle", 0))
                    if len(xy) >= 3 and full < 359.999 and np.allclose(xy[-1], xy[0]):
                        xy = xy[:-1]  # the converter closes every path; one edge is not closed
                    pieces.append(xy)
            else:
                p = converter.from_hatch_boundary_path(boundary, ocs, elevation=elevation)
                parts = list(p.sub_paths()) if p.has_sub_paths else [p]
                pieces = [_flat_xy(sp) for sp in parts]
            pieces = [x for x in pieces if len(x) >= 2 and np.isfinite(x).all()]
            rings.extend(r for r in _chain(pieces) if len(r) >= 3)
        return rings

    def _hatch(self, rec: Record, layer: str, role: _Roles, out: Collected) -> None:
        is_zone = role.zone
        is_column = role.column or role.wall
        if not (is_zone or is_column):
            return
        rings = self._hatch_rings(rec)
        if not rings:
            return
        self._tick_vertices(out, sum(len(r) for r in rings))
        rings.sort(key=lambda r: -abs(_shoelace(r)))
        if is_zone:
            out.rings.append(Ring(rings[0], True, layer, holes=rings[1:]))
        else:
            out.column_rings.extend(rings)

    # -- TArch and other custom objects ----------------------------------------------------------
    def _proxy(
        self, rec: Record, layer: str, out: Collected, depth: int, stack: tuple[str, ...]
    ) -> None:
        """A custom object: read its proxy graphics (the picture CAD stores for applications
        that cannot draw it) as ordinary entities on the object's layer; count it either way."""
        out.proxies += 1
        data = _proxy_graphic(rec, self.src.text)
        if len(data) < 16:
            return
        from ezdxf.proxygraphic import ProxyGraphic

        pg = ProxyGraphic(data)
        pg.layers = list(self.src.layers)
        pg.encoding = self.src.encoding
        records = records_from_ezdxf(pg.virtual_entities())
        if not records:
            return
        out.proxy_shown += 1
        for child in records:
            self._entity(child, out, layer, depth + 1, stack)


def _proxy_graphic(rec: Record, text) -> bytes:
    """The proxy graphics of a custom object: the 310 chunks after its size tag (92, or 160 for
    large ones) — not the object's own data, which follows group 93."""
    chunks: list[bytes] = []
    taking = False
    for code, value in rec.tags:
        if code in (92, 160) and not chunks:
            taking = True
        elif code == 310 and taking:
            try:
                chunks.append(bytes.fromhex(text(value).strip()))
            except ValueError:
                return b""
        elif taking:
            break
    return b"".join(chunks)


def _chain(pieces: list[np.ndarray]) -> list[np.ndarray]:
    """Join open polylines end to end (reversing where needed) into closed loops; ends closer
    than 1 % of the whole boundary's size count as touching."""
    if not pieces:
        return []
    allp = np.vstack(pieces)
    tol = max(float(np.ptp(allp, axis=0).max()) * 0.01, 1e-9)

    def gap(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.hypot(*(a - b)))

    rings = [p for p in pieces if len(p) >= 3 and gap(p[0], p[-1]) <= tol]
    rest = [p for p in pieces if not (len(p) >= 3 and gap(p[0], p[-1]) <= tol)]
    while rest:
        cur = rest.pop(0)
        while rest and gap(cur[0], cur[-1]) > tol:
            ends = [(gap(cur[-1], q[0]), i, False) for i, q in enumerate(rest)]
            ends += [(gap(cur[-1], q[-1]), i, True) for i, q in enumerate(rest)]
            d, i, flip = min(ends)
            if d > tol:
                break
            q = rest.pop(i)
            q = q[::-1] if flip else q
            cur = np.vstack([cur[:-1], q])  # ends that nearly touch meet at the next piece
        if len(cur) > 2 and gap(cur[0], cur[-1]) <= tol:
            cur = cur[:-1]
        if len(cur) >= 3:
            rings.append(cur)
    return rings


def records_from_ezdxf(entities: Iterable) -> list[Record]:
    """ezdxf entities → records (through ezdxf's own DXF export), VERTEX/ATTRIB attached."""
    from ezdxf.lldxf.tagwriter import TagCollector

    out: list[Record] = []
    parent: Record | None = None
    for e in entities:
        tc = TagCollector(dxfversion="AC1032")
        try:
            e.export_dxf(tc)
        except Exception:  # noqa: BLE001
            continue
        graphic = getattr(e, "proxy_graphic", None)
        for kind, tags in _split(tc.tags):
            if graphic and kind == "ACAD_PROXY_ENTITY":
                # ezdxf does not write a proxy's graphics back out: carry them over
                hexed = graphic.hex().upper()
                tags = (
                    [(92, str(len(graphic)).encode())]
                    + [(310, hexed[i : i + 254].encode()) for i in range(0, len(hexed), 254)]
                    + tags
                )
            if kind in ("VERTEX", "ATTRIB"):
                if parent is not None:
                    parent.children.append(Record(kind, tags))
                continue
            if kind == "SEQEND":
                parent = None
                continue
            rec = Record(kind, tags)
            out.append(rec)
            parent = rec if kind in ("POLYLINE", "INSERT") else None
    return out


def _split(tags) -> Iterable[tuple[str, list[tuple[int, bytes]]]]:
    kind, cur = None, []
    for t in tags:
        if t.code == 0:
            if kind is not None:
                yield kind, cur
            kind, cur = str(t.value), []
        else:
            v = t.value
            if isinstance(v, bytes):
                v = v.hex().upper()
            elif not isinstance(v, str):
                if isinstance(v, tuple | list) or hasattr(v, "x"):
                    xyz = tuple(v)
                    for k, comp in enumerate(xyz):
                        cur.append((t.code + 10 * k, repr(float(comp)).encode()))
                    continue
                v = (
                    repr(float(v))
                    if isinstance(v, numbers.Real) and not isinstance(v, int)
                    else str(v)
                )
            cur.append((t.code, v.encode("utf-8")))
    if kind is not None:
        yield kind, cur


def _flat_xy(p) -> np.ndarray:
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
