"""Walk a drawing's entities once and sort what is found by meaning (labels, boundaries, walls,
columns, furniture, and the blocks that *are* something: doors, counters, cameras …).

The walk works on :class:`~floorcheck.dxf.tags.Record` s — from the fast tag reader or exported
from an ezdxf document. A block's contents are collected once, in the block's own coordinates,
and every INSERT of it adds that collection transformed by the insert's matrix (numpy), instead
of re-creating the block's entities per insert. Blocks that are one thing (a door …) are kept
whole with their attributes, footprint and orientation. Coordinates stay in drawing units.

The result is a :class:`~floorcheck.dxf.collected.Collected`, returned by :meth:`Walker.walk`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np

from ..errors import BrokenDxf, BudgetExceeded, ConfigError
from ..terms import Term
from .affine import Affine, NonFinite, apply, insert_copies, insert_maps, point, vector
from .collected import Collected, Label, Ring, Thing
from .curves import CURVES, TooManyVertices, flatten, hatch_rings, shoelace, thin
from .document import proxy_records
from .labels import attrib_label, mtext_label, text_label
from .mapping import Mapping
from .options import ReadLimits
from .tags import DxfSource, Record, Unparsed, tag_float

__all__ = ["Walker"]

_TERMINAL = re.compile(r"自助终端|自助机|KIOSK|一体机|TERMINAL", re.IGNORECASE)
# Block classifications are cached per (name, layer, attributes); a drawing that numbers every
# insert's attributes differently would fill the cache without ever hitting it: stop there.
_KIND_CACHE_MAX = 100_000
# what a guard names when it names no block (see Walker._spend)
_NO_WHY = Term("", "")

Box = tuple[float, float, float, float]
# The curves of a door layer that are straight lines (leaves, frames, glazing), not swings.
_STRAIGHT = frozenset({"LINE", "LWPOLYLINE", "POLYLINE"})
# The curves that can outline a room on a layer of no meaning: closed polylines.
_OUTLINES = frozenset({"LWPOLYLINE", "POLYLINE"})


class _Roles:
    """What a layer means to floorcheck (one mapping lookup per layer, then cached)."""

    __slots__ = (
        "ignore",
        "wall",
        "column",
        "zone",
        "furniture",
        "doors",
        "windows",
        "cameras",
        "counters",
    )

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
        self.windows = m.layer_is("windows", layer)
        self.cameras = m.layer_is("cameras", layer)
        self.counters = m.layer_is("counters", layer)


class Walker:
    """Collects a drawing's modelspace (and, through INSERTs, its blocks).

    Feed it modelspace records one by one with :meth:`entity` (the tag reader's streaming
    consumer) and/or all at once with :meth:`walk`, which returns everything collected.
    """

    def __init__(
        self,
        source: DxfSource,
        mapping: Mapping,
        limits: ReadLimits | None = None,
        outlines: bool = False,
    ) -> None:
        self.src = source
        self.mapping = mapping
        self.limits = limits or ReadLimits()
        # look for room outlines on every layer: closed polylines of layers that mean nothing
        # to floorcheck are kept (Collected.outline_rings), and their linework is read
        self.outlines = outlines
        self.dropped = 0  # modelspace linework skipped unread at its layer
        self._top = Collected()
        self._layers: dict[bytes, str] = {}
        self._roles: dict[str, _Roles] = {}
        self._bundles: dict[tuple[str, str], Collected] = {}
        self._bbox: dict[str, Box | None] = {}
        self._kinds: dict[tuple[str, str, str], str | None] = {}
        self._acyclic: set[str] = set()  # blocks known not to contain themselves
        self._rows: dict[tuple[str, str, str], bool] = {}  # blocks that are rows of things
        # the budget: entities, vertices, things and cameras met so far, every insert expanded
        self._entities = 0
        self._vertices = 0
        self._things = 0
        self._cameras = 0
        self._bundle_cameras: dict[tuple[str, str], int] = {}

    # -- entry points ------------------------------------------------------------------------
    def entity(self, rec: Record) -> None:
        """Walk one modelspace entity (used as the tag reader's streaming consumer)."""
        self._entity(rec, self._top, "", 0, ())

    def walk(self, records: Iterable[Record] = ()) -> Collected:
        """Walk ``records`` (modelspace entities) and return all that was collected, including
        what :meth:`entity` was fed before."""
        for rec in records:
            self._entity(rec, self._top, "", 0, ())
        return self._top

    def drops_layer(self, raw: bytes) -> bool:
        """Whether modelspace linework on this raw layer name can be skipped unread: a layer
        that is ignored, or that is neither walls, columns, zones, furniture nor doors."""
        r = self._role(self._layer_name(raw))
        drop = r.ignore or not (
            self.outlines or r.wall or r.column or r.zone or r.furniture or r.doors or r.windows
        )
        self.dropped += drop
        return drop

    # -- helpers ---------------------------------------------------------------------------------
    def _layer_name(self, raw: bytes) -> str:
        name = self._layers.get(raw)
        if name is None:
            name = self.src.text(raw).strip() or "0"
            self._layers[raw] = name
        return name

    def _layer(self, d: dict[int, bytes], parent_layer: str) -> str:
        """An entity's layer; entities on layer 0 inside a block take the insert's layer."""
        name = self._layer_name(d.get(8, b"0"))
        if name == "0" and parent_layer:
            return parent_layer
        return name

    def _role(self, layer: str) -> _Roles:
        r = self._roles.get(layer)
        if r is None:
            r = self._roles[layer] = _Roles(self.mapping, layer)
        return r

    def _tick(self, out: Collected) -> None:
        self._entities += 1
        out.count += 1
        if self._entities > self.limits.max_entities:
            raise self._too_many_entities()

    def _too_many_entities(self, why: Term = _NO_WHY) -> BudgetExceeded:
        n = self.limits.max_entities
        return BudgetExceeded(
            f"has more than {n:,} entities after expanding blocks{why.en}",
            hint="check one floor at a time (--layout) or purge unused blocks",
            message_zh=f"展开块后图元超过 {n:,} 个{why.zh}",
            hint_zh="请每次只检查一层（--layout），或清理（PURGE）未使用的块",
        )

    def _too_many_vertices(self) -> BudgetExceeded:
        return BudgetExceeded(
            f"has more than {self.limits.max_vertices:,} curve vertices",
            hint="simplify the drawing (purge hatches, explode fewer blocks)",
            message_zh=f"曲线顶点超过 {self.limits.max_vertices:,} 个",
            hint_zh="请简化图纸（清理填充图案，少分解块）",
        )

    def _vertices_left(self) -> int:
        return self.limits.max_vertices - self._vertices

    def _tick_vertices(self, out: Collected, n: int) -> None:
        """Count ``n`` new vertices of ``out``."""
        self._vertices += n
        out.vertices += n
        if self._vertices > self.limits.max_vertices:
            raise self._too_many_vertices()

    def _spend(
        self, copies: int, entities: int, vertices: int, things: int, cameras: int, what: Term
    ) -> None:
        """Count ``copies`` more copies of what one copy of an insert adds, refusing — before
        any copy is made — when that would pass a limit. ``what`` names the insert."""
        lim = self.limits
        if copies <= 0:
            return
        why = Term(f" ({what.en})", f"（{what.zh}）")
        if self._entities + copies * entities > lim.max_entities:
            raise self._too_many_entities(why)
        if self._vertices + copies * vertices > lim.max_vertices:
            raise self._too_many_vertices()
        if self._things + copies * things > lim.max_things:
            raise BudgetExceeded(
                f"has more than {lim.max_things:,} blocks that are doors, counters, cameras, "
                f"seats or furniture after expanding blocks{why.en}",
                hint="explode or purge block arrays (MINSERT) in CAD, or check one floor at a time",
                message_zh=f"展开块后门、柜台、摄像头、座椅或家具块超过 {lim.max_things:,} 个"
                f"{why.zh}",
                hint_zh="请在 CAD 中分解或清理块阵列（MINSERT），或每次只检查一层",
            )
        if self._cameras + copies * cameras > lim.max_cameras:
            raise BudgetExceeded(
                f"has more than {lim.max_cameras:,} cameras after expanding blocks{why.en}",
                hint="explode or purge block arrays (MINSERT) of cameras in CAD",
                message_zh=f"展开块后摄像头超过 {lim.max_cameras:,} 个{why.zh}",
                hint_zh="请在 CAD 中分解或清理摄像头的块阵列（MINSERT）",
            )
        self._entities += copies * entities
        self._vertices += copies * vertices
        self._things += copies * things
        self._cameras += copies * cameras

    # -- one entity ----------------------------------------------------------------------------
    def _entity(
        self, rec: Record, out: Collected, parent_layer: str, depth: int, stack: tuple[str, ...]
    ) -> None:
        self._tick(out)
        try:
            self._dispatch(rec, rec.dxf(), out, parent_layer, depth, stack)
        except (BrokenDxf, ConfigError, BudgetExceeded, Unparsed):
            # Unparsed: a block read only now is not plain DXF: the whole file goes to ezdxf
            raise
        except NonFinite:  # NaN or infinite coordinates: counted, reported (FC009)
            out.nonfinite += 1
        except Exception:  # noqa: BLE001 - one malformed entity must not stop the plan
            out.skipped += 1

    def _dispatch(
        self,
        rec: Record,
        d: dict[int, bytes],
        out: Collected,
        parent_layer: str,
        depth: int,
        stack: tuple[str, ...],
    ) -> None:
        """One entity to what reads its kind."""
        kind = rec.type
        if kind == "INSERT":
            # a block that contains itself is a broken drawing on any layer, ignored or not
            self._check_cycles(self.src.text(d.get(2, b"")).strip())
        layer = self._layer(d, parent_layer)
        role = self._role(layer)
        if role.ignore:
            return
        if kind == "INSERT":
            self._insert(rec, d, layer, out, depth, stack)
        elif kind == "TEXT" or kind == "MTEXT":
            self._text(rec, d, layer, out)
        elif kind in CURVES:
            self._curve(rec, d, layer, role, out, depth == 0)
        elif kind == "HATCH":
            self._hatch(rec, layer, role, out)
        elif kind == "ACAD_PROXY_ENTITY" or kind.startswith("TCH_"):
            self._proxy(rec, layer, out, depth, stack)

    def _text(self, rec: Record, d: dict[int, bytes], layer: str, out: Collected) -> None:
        if rec.type == "TEXT":
            label = text_label(d, layer, self.src.text)
        else:
            label = mtext_label(rec, d, layer, self.src.text)
        if label is not None:
            out.labels.append(_placed(label))

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
        if depth >= self.limits.max_depth:
            raise BudgetExceeded(
                f"blocks are nested more than {self.limits.max_depth} deep (at {name!r})",
                hint="explode or purge the nested blocks in CAD",
                message_zh=f"块嵌套超过 {self.limits.max_depth} 层（在块 {name!r} 处）",
                hint_zh="请在 CAD 中分解或清理嵌套的块",
            )
        block = self.src.blocks.get(name)
        if block is None:
            return
        cols, rows = insert_copies(d)
        copies = cols * rows
        array = copies > 1
        what = Term(
            f"block {name!r}" + (f" in an array of {cols:,} × {rows:,}" if array else ""),
            f"块 {name!r}" + (f"，位于 {cols:,} × {rows:,} 的阵列中" if array else ""),
        )
        attribs = self._attribs(rec, layer, out)
        kind = self._classify(name, layer, attribs)
        if kind is not None and self._is_row(name, layer, kind):
            kind = None  # a row of counters (seats …) drawn once: each one inside counts
        if kind is None:
            bundle, fresh = self._bundle(name, layer, depth, stack)
            # the walk of a fresh bundle counted one copy of it already
            cams = self._bundle_cameras[(name, layer)]
            self._spend(
                copies - fresh, bundle.count, bundle.vertices, len(bundle.blocks), cams, what
            )
            for m in insert_maps(d, block.base, copies):
                out.add(bundle, m)
            return
        # the INSERT itself was counted as one entity; each copy is a thing
        self._spend(copies - 1, 1, 0, 0, 0, what)
        self._spend(1, 0, 0, copies, copies if kind == "camera" else 0, what)
        out.count += copies - 1
        for m in insert_maps(d, block.base, copies):
            out.blocks.append(self._thing(m, kind, name, layer, attribs, depth, stack))

    def _check_cycles(self, name: str) -> None:
        """Raise :class:`BrokenDxf` when block ``name`` inserts itself, directly or through
        other blocks — whatever layer any of the inserts is on, and whether or not the walk
        would reach the cycle (a cycle on an ignored layer is still a broken drawing)."""
        if name in self._acyclic:
            return
        blocks = self.src.blocks
        path, on_path = [name], {name}
        children = [iter(self._children(name))]
        while children:
            child = next(children[-1], None)
            if child is None:
                children.pop()
                done = path.pop()
                on_path.discard(done)
                self._acyclic.add(done)
                continue
            if child in on_path:
                chain = " → ".join((*path[path.index(child) :], child))
                chain_zh = " → ".join(repr(n) for n in (*path[path.index(child) :], child))
                raise BrokenDxf(
                    f"block {child!r} contains itself ({chain})",
                    hint="fix the block definition in CAD",
                    message_zh=f"块 {child!r} 包含其自身（{chain_zh}）",
                    hint_zh="请在 CAD 中修正该块的定义",
                )
            if child in self._acyclic or child not in blocks:
                continue
            path.append(child)
            on_path.add(child)
            children.append(iter(self._children(child)))

    def _children(self, name: str) -> list[str]:
        """The names of the blocks block ``name`` inserts."""
        block = self.src.blocks.get(name)
        if block is None:
            return []
        text = self.src.text
        return list(
            {text(r.dxf().get(2, b"")).strip() for r in block.entities if r.type == "INSERT"}
        )

    def _is_row(self, name: str, layer: str, kind: str) -> bool:
        """Whether block ``name`` (inserted on ``layer`` as a ``kind``) is a row of such things
        drawn once: it inserts two or more blocks that are the same kind of thing, or one that
        carries its own attributes. Its inserts are then read one by one (each counter of a row
        a window, with its own attributes), not the row as one thing. Doors are never rows: a
        door block made of a leaf and a frame block is one door."""
        if kind not in ("counter", "seat", "terminal", "camera"):
            return False
        key = (name, layer, kind)
        hit = self._rows.get(key)
        if hit is None:
            inner = []
            block = self.src.blocks.get(name)
            for r in block.entities if block is not None else ():
                if r.type != "INSERT":
                    continue
                d = r.dxf()
                child = self.src.text(d.get(2, b"")).strip()
                child_layer = self._layer(d, layer)
                attribs = {}
                for a in r.children:
                    ad = a.dxf()
                    attribs[self.src.text(ad.get(2, b"")).strip().upper()] = self.src.text(
                        ad.get(1, b"")
                    )
                if self._classify(child, child_layer, attribs) == kind:
                    inner.append(bool(attribs))
            hit = len(inner) >= 2 or any(inner)
            self._rows[key] = hit
        return hit

    def _attribs(self, rec: Record, layer: str, out: Collected) -> dict[str, str]:
        """An INSERT's attributes by tag; each non-empty one is also a label."""
        attribs: dict[str, str] = {}
        for a in rec.children:
            tag, value, label = attrib_label(a.dxf(), layer, self.src.text)
            attribs[tag] = value
            if label is not None:
                try:
                    out.labels.append(_placed(label))
                except NonFinite:
                    out.nonfinite += 1
        return attribs

    def _bundle(
        self, name: str, layer: str, depth: int, stack: tuple[str, ...]
    ) -> tuple[Collected, int]:
        """What block ``name`` holds when inserted on ``layer``, and 1 when it was collected
        now (its walk counted one copy against the budget), 0 when it had been before."""
        key = (name, layer)
        bundle = self._bundles.get(key)
        if bundle is not None:
            return bundle, 0
        bundle = Collected()
        for child in self.src.blocks[name].entities:
            self._entity(child, bundle, layer, depth + 1, (*stack, name))
        self._bundles[key] = bundle
        self._bundle_cameras[key] = sum(1 for t in bundle.blocks if t.kind == "camera")
        return bundle, 1

    def _classify(self, name: str, layer: str, attribs: dict[str, str]) -> str | None:
        """The thing a block insert is (door, counter, camera …), or None: just linework."""
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
        if len(self._kinds) < _KIND_CACHE_MAX:
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
        origin = point(m, 0.0, 0.0)
        xa = vector(m, 1.0, 0.0)
        ya = vector(m, 0.0, 1.0)
        box = self._local_bbox(name, depth, stack)
        footprint = None
        width = 0.0
        mid = origin
        if box is not None:
            x0, y0, x1, y1 = box
            # four corners in plain arithmetic: a numpy call per desk costs more than the maths
            footprint = np.array(
                [point(m, x0, y0), point(m, x1, y0), point(m, x1, y1), point(m, x0, y1)]
            )
            width = (x1 - x0) * math.hypot(*xa)
            mid = point(m, (x0 + x1) / 2, 0.0)
        return Thing(kind, name, layer, *origin, xa, ya, footprint, width, attribs, mid)

    def _local_bbox(self, name: str, depth: int = 0, stack: tuple[str, ...] = ()) -> Box | None:
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
                    self._block_points(rec, pts, depth, (*stack, name))
                except (BrokenDxf, BudgetExceeded, Unparsed):
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

    def _block_points(
        self, rec: Record, pts: list[np.ndarray], depth: int, stack: tuple[str, ...]
    ) -> None:
        """Add the points of one entity of a block (``stack[-1]``) to ``pts``."""
        if rec.type in CURVES:
            flat = flatten(rec, rec.dxf(), self.src.text)
            if flat is not None:
                pts.append(flat[0])
        elif rec.type == "HATCH":
            pts.extend(hatch_rings(rec, self.src.text))
        elif rec.type == "INSERT":
            d = rec.dxf()
            child = self.src.text(d.get(2, b"")).strip()
            inner = self._local_bbox(child, depth + 1, stack)
            sub = self.src.blocks.get(child)
            if inner is not None and sub is not None:
                x0, y0, x1, y1 = inner
                corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
                for m in insert_maps(d, sub.base, 4, corners=True):
                    pts.append(apply(m, corners))

    # -- curves and hatches ----------------------------------------------------------------------
    def _curve(
        self,
        rec: Record,
        d: dict[int, bytes],
        layer: str,
        role: _Roles,
        out: Collected,
        top: bool = True,
    ) -> None:
        if rec.type == "ARC" and role.doors:
            # a door drawn as a swing arc: its radius is the leaf width, evidence for the unit
            radius = tag_float(d, 40)
            if radius > 0 and math.isfinite(radius):
                out.door_arcs.append(radius)
        opening = role.windows or (role.doors and rec.type in _STRAIGHT)
        if not (role.wall or role.column or role.zone or role.furniture or opening):
            if self.outlines and top and rec.type in _OUTLINES:
                self._outline(rec, d, layer, out)
            return
        try:
            flat = flatten(rec, d, self.src.text, self._vertices_left())
        except TooManyVertices:
            raise self._too_many_vertices() from None
        if flat is None:
            return
        pts, closed = flat
        pts = self._thin(pts, closed, out)
        self._tick_vertices(out, len(pts))
        if opening and not role.wall:
            out.opening_lines.append(np.vstack([pts, pts[:1]]) if closed else pts)
        self._sort_curve(pts, closed, layer, role, out)

    @staticmethod
    def _sort_curve(
        pts: np.ndarray, closed: bool, layer: str, role: _Roles, out: Collected
    ) -> None:
        """A flattened curve to the boundaries, columns, furniture or walls it draws."""
        if role.zone:
            out.rings.append(Ring(pts, closed, layer))
        elif role.column and closed:
            out.column_rings.append(pts)
        elif role.furniture and closed:
            out.furniture_rings.append(pts)
        if role.wall or (role.column and not closed):
            out.wall_lines.append(np.vstack([pts, pts[:1]]) if closed else pts)

    def _outline(self, rec: Record, d: dict[int, bytes], layer: str, out: Collected) -> None:
        """A closed polyline on a layer of no meaning: maybe a room's outline."""
        try:
            flat = flatten(rec, d, self.src.text, self._vertices_left())
        except TooManyVertices:
            raise self._too_many_vertices() from None
        if flat is not None and flat[1]:
            pts = self._thin(flat[0], True, out)
            self._tick_vertices(out, len(pts))
            out.outline_rings.append(Ring(pts, True, layer))

    def _hatch(self, rec: Record, layer: str, role: _Roles, out: Collected) -> None:
        is_zone = role.zone
        is_column = role.column or role.wall
        if not (is_zone or is_column):
            return
        try:
            rings = hatch_rings(rec, self.src.text, self._vertices_left())
        except TooManyVertices:
            raise self._too_many_vertices() from None
        if not rings:
            return
        rings = [self._thin(r, True, out) for r in rings]
        self._tick_vertices(out, sum(len(r) for r in rings))
        if len(rings) > 1:
            rings.sort(key=lambda r: -abs(shoelace(r)))
        if is_zone:
            out.rings.append(Ring(rings[0], True, layer, holes=rings[1:]))
        else:
            out.column_rings.extend(rings)

    def _thin(self, pts: np.ndarray, closed: bool, out: Collected) -> np.ndarray:
        """A curve of more than ``max_curve_vertices`` thinned to that many (counted in
        ``out`` when it moved)."""
        cap = self.limits.max_curve_vertices
        if len(pts) <= cap:
            return pts
        thinned, moved = thin(pts, closed, cap)
        if moved > 0:
            out.thinned += 1
            out.thinned_from = max(out.thinned_from, len(pts))
            out.thinned_moved = max(out.thinned_moved, moved)
        return thinned

    # -- TArch and other custom objects ----------------------------------------------------------
    def _proxy(
        self, rec: Record, layer: str, out: Collected, depth: int, stack: tuple[str, ...]
    ) -> None:
        """A custom object: read its proxy graphics as ordinary entities on the object's layer;
        count it either way."""
        out.proxies += 1
        records = proxy_records(rec, self.src)
        if not records:
            return
        out.proxy_shown += 1
        for child in records:
            self._entity(child, out, layer, depth + 1, stack)


def _placed(label: Label) -> Label:
    """``label``, unless it stands at a NaN or infinite point (:class:`NonFinite`)."""
    if not (math.isfinite(label.x) and math.isfinite(label.y)):
        raise NonFinite("a text at a NaN or infinite point")
    return label
