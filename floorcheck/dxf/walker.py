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
from .affine import Affine, apply, insert_maps, point, vector
from .collected import Collected, Ring, Thing
from .curves import CURVES, flatten, hatch_rings, shoelace
from .document import proxy_records
from .labels import attrib_label, mtext_label, text_label
from .mapping import Mapping
from .options import ReadLimits
from .tags import DxfSource, Record, tag_float

__all__ = ["Walker"]

_TERMINAL = re.compile(r"自助终端|自助机|KIOSK|一体机|TERMINAL", re.IGNORECASE)
# Block classifications are cached per (name, layer, attributes); a drawing that numbers every
# insert's attributes differently would fill the cache without ever hitting it: stop there.
_KIND_CACHE_MAX = 100_000

Box = tuple[float, float, float, float]


class _Roles:
    """What a layer means to floorcheck (one mapping lookup per layer, then cached)."""

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


class Walker:
    """Collects a drawing's modelspace (and, through INSERTs, its blocks).

    Feed it modelspace records one by one with :meth:`entity` (the tag reader's streaming
    consumer) and/or all at once with :meth:`walk`, which returns everything collected.
    """

    def __init__(
        self, source: DxfSource, mapping: Mapping, limits: ReadLimits | None = None
    ) -> None:
        self.src = source
        self.mapping = mapping
        self.limits = limits or ReadLimits()
        self._top = Collected()
        self._layers: dict[bytes, str] = {}
        self._roles: dict[str, _Roles] = {}
        self._bundles: dict[tuple[str, str], Collected] = {}
        self._bbox: dict[str, Box | None] = {}
        self._kinds: dict[tuple[str, str, str], str | None] = {}
        # the budget: entities and vertices met so far, every block insert expanded
        self._entities = 0
        self._vertices = 0

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
        return r.ignore or not (r.wall or r.column or r.zone or r.furniture or r.doors)

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

    def _tick(self, out: Collected, counted: bool = True) -> None:
        if counted:
            self._entities += 1
            out.count += 1
        if self._entities > self.limits.max_entities:
            raise BudgetExceeded(
                f"has more than {self.limits.max_entities:,} entities after expanding blocks",
                hint="check one floor at a time (--layout) or purge unused blocks",
            )

    def _tick_vertices(self, out: Collected, n: int, elsewhere: int = 0) -> None:
        """Count ``n`` new vertices of ``out`` (and ``elsewhere`` already counted in a bundle)."""
        self._vertices += n + elsewhere
        out.vertices += n
        if self._vertices > self.limits.max_vertices:
            raise BudgetExceeded(
                f"has more than {self.limits.max_vertices:,} curve vertices",
                hint="simplify the drawing (purge hatches, explode fewer blocks)",
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
            elif kind == "TEXT" or kind == "MTEXT":
                self._text(rec, d, layer, out)
            elif kind in CURVES:
                self._curve(rec, d, layer, role, out)
            elif kind == "HATCH":
                self._hatch(rec, layer, role, out)
            elif kind == "ACAD_PROXY_ENTITY" or kind.startswith("TCH_"):
                self._proxy(rec, layer, out, depth, stack)
        except (BrokenDxf, ConfigError, BudgetExceeded):
            raise
        except Exception:  # noqa: BLE001 - one malformed entity must not stop the plan
            out.skipped += 1

    def _text(self, rec: Record, d: dict[int, bytes], layer: str, out: Collected) -> None:
        if rec.type == "TEXT":
            label = text_label(d, layer, self.src.text)
        else:
            label = mtext_label(rec, d, layer, self.src.text)
        if label is not None:
            out.labels.append(label)

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
        attribs = self._attribs(rec, layer, out)
        kind = self._classify(name, layer, attribs)
        for m in insert_maps(d, block.base, self.limits.max_entities):
            if kind is None:
                out.add(self._bundle(name, layer, out, depth, stack), m)
            else:
                out.blocks.append(self._thing(m, kind, name, layer, attribs, depth, stack))

    def _attribs(self, rec: Record, layer: str, out: Collected) -> dict[str, str]:
        """An INSERT's attributes by tag; each non-empty one is also a label."""
        attribs: dict[str, str] = {}
        for a in rec.children:
            tag, value, label = attrib_label(a.dxf(), layer, self.src.text)
            attribs[tag] = value
            if label is not None:
                out.labels.append(label)
        return attribs

    def _bundle(
        self, name: str, layer: str, out: Collected, depth: int, stack: tuple[str, ...]
    ) -> Collected:
        """What block ``name`` holds when inserted on ``layer``, collected the first time it is
        asked for; later inserts count it against the budget again."""
        key = (name, layer)
        bundle = self._bundles.get(key)
        if bundle is None:
            bundle = Collected()
            for child in self.src.blocks[name].entities:
                self._entity(child, bundle, layer, depth + 1, (*stack, name))
            self._bundles[key] = bundle
        else:
            self._entities += bundle.count
            self._tick_vertices(out, 0, bundle.vertices)
            self._tick(out, counted=False)
        return bundle

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
                for m in insert_maps(d, sub.base, self.limits.max_entities):
                    pts.append(apply(m, corners))

    # -- curves and hatches ----------------------------------------------------------------------
    def _curve(
        self, rec: Record, d: dict[int, bytes], layer: str, role: _Roles, out: Collected
    ) -> None:
        if rec.type == "ARC" and role.doors:
            # a door drawn as a swing arc: its radius is the leaf width, evidence for the unit
            radius = tag_float(d, 40)
            if radius > 0 and math.isfinite(radius):
                out.door_arcs.append(radius)
        if not (role.wall or role.column or role.zone or role.furniture):
            return
        flat = flatten(rec, d, self.src.text)
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

    def _hatch(self, rec: Record, layer: str, role: _Roles, out: Collected) -> None:
        is_zone = role.zone
        is_column = role.column or role.wall
        if not (is_zone or is_column):
            return
        rings = hatch_rings(rec, self.src.text)
        if not rings:
            return
        self._tick_vertices(out, sum(len(r) for r in rings))
        rings.sort(key=lambda r: -abs(shoelace(r)))
        if is_zone:
            out.rings.append(Ring(rings[0], True, layer, holes=rings[1:]))
        else:
            out.column_rings.extend(rings)

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
