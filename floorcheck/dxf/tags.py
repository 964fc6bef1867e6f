"""A selective, streaming reader of ASCII DXF: only what floorcheck uses, at close to I/O speed.

ezdxf builds a full document (every entity as an object, the entity database, the OBJECTS
section, handles …) — right for editing, three times more than a checker needs. This reader walks
the group-code pairs once and keeps only the header, the layer names, the block definitions and
the entity types floorcheck turns into geometry or text. Values stay ``bytes`` until they are
used: numbers are parsed from bytes, strings are decoded with the drawing's encoding on access.
Modelspace entities are handed to a consumer as they are read and then dropped, so memory holds
the blocks, not the whole drawing.

Anything this reader does not understand structurally raises :class:`Unparsed`; the caller then
reads the file with ezdxf (and ezdxf's recover), which is slower and more forgiving.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Record", "BlockDef", "DxfSource", "Unparsed", "parse", "KEPT"]

# Entity types floorcheck reads; every other entity is skipped without building anything.
KEPT = frozenset(
    {
        b"LINE",
        b"ARC",
        b"CIRCLE",
        b"LWPOLYLINE",
        b"POLYLINE",
        b"VERTEX",
        b"SEQEND",
        b"ELLIPSE",
        b"SPLINE",
        b"TEXT",
        b"MTEXT",
        b"INSERT",
        b"ATTRIB",
        b"HATCH",
        b"ACAD_PROXY_ENTITY",
    }
)
# Linework types a consumer may have dropped by layer (see ``parse``'s ``on_source``).
LINEWORK = frozenset(
    {b"LINE", b"ARC", b"CIRCLE", b"LWPOLYLINE", b"POLYLINE", b"ELLIPSE", b"SPLINE", b"HATCH"}
)
_STRUCTURE = frozenset({b"SECTION", b"ENDSEC", b"BLOCK", b"ENDBLK", b"EOF", b"LAYER"})


class Unparsed(Exception):
    """The file is not plain, well-formed ASCII DXF: read it with ezdxf instead."""


class Record:
    """One entity: its type, its group-code pairs (values as bytes) and, for POLYLINE and
    INSERT, the VERTEX / ATTRIB entities that follow it."""

    __slots__ = ("type", "tags", "children")

    def __init__(self, type_: str, tags: list[tuple[int, bytes]]) -> None:
        self.type = type_
        self.tags = tags
        self.children: list[Record] = []

    def dxf(self) -> dict[int, bytes]:
        """The entity's own values by group code (last one wins), up to an embedded object."""
        out: dict[int, bytes] = {}
        for code, value in self.tags:
            if code == 101:  # embedded object (MTEXT inside an ATTRIB …): not the entity's own
                break
            out[code] = value
        return out

    def __repr__(self) -> str:
        return f"<Record {self.type} {len(self.tags)} tags>"


@dataclass
class BlockDef:
    name: str
    base: tuple[float, float]
    entities: list[Record] = field(default_factory=list)


@dataclass
class DxfSource:
    """What floorcheck needs from a drawing, independent of how it was read."""

    encoding: str
    header: dict[str, list[tuple[int, bytes]]] = field(default_factory=dict)
    custom_properties: list[tuple[str, str]] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    blocks: dict[str, BlockDef] = field(default_factory=dict)
    entities: list[Record] = field(default_factory=list)  # modelspace, when not streamed
    paperspace: list[Record] = field(default_factory=list)  # the active layout (group 67 = 1)

    def text(self, value: bytes) -> str:
        return value.decode(self.encoding, errors="replace")

    def header_value(self, name: str, default: object = None) -> object:
        tags = self.header.get(name)
        if not tags:
            return default
        code, value = tags[0]
        try:
            if 60 <= code <= 99 or 270 <= code <= 289 or 370 <= code <= 389:
                return int(value)
            if 10 <= code <= 59:
                return float(value)
        except ValueError:
            return default
        return self.text(value).strip()


def _lines(data: bytes) -> Iterator[bytes]:
    return iter(io.BytesIO(data))


def parse(
    data: bytes,
    encoding: str,
    on_source: Callable[[DxfSource], Any] | None = None,
) -> DxfSource:
    """Read ASCII DXF ``data``.

    ``on_source`` is called once the header, tables and blocks are known (before the first
    modelspace entity) with the source read so far; when it returns a callable, modelspace
    entities are streamed to it and not kept. It may return ``(sink, drop_layer)``: modelspace
    linework (LINE, ARC, … HATCH) whose raw layer name ``drop_layer`` accepts is then skipped
    as soon as its layer is read, without building a record. When the drawing puts ENTITIES before BLOCKS (or
    has no BLOCKS section), entities are kept in ``source.entities`` instead.
    """
    src = DxfSource(encoding)
    it = _lines(data)
    section = b""
    blocks_seen = False
    sink: Callable[[Record], None] | None = None
    dropper: Callable[[bytes], bool] | None = None
    droppable = False
    sink_asked = False
    block: BlockDef | None = None
    owner: list[Record] | None = None
    parent: Record | None = None
    tags: list[tuple[int, bytes]] | None = None
    kind = b""
    sections: list[bytes] = []

    def finish(kind: bytes, tags: list[tuple[int, bytes]]) -> None:
        nonlocal section, block, owner, parent, blocks_seen, sink, sink_asked, dropper
        if kind == b"SECTION":
            if section:
                raise Unparsed(f"section {section!r} is not closed (ENDSEC missing)")
            section = tags[0][1].strip() if tags and tags[0][0] == 2 else b""
            sections.append(section)
            if section == b"HEADER":
                _header(src, tags)
            elif section == b"ENTITIES":
                if blocks_seen and on_source is not None and not sink_asked:
                    answer = on_source(src)
                    if isinstance(answer, tuple):
                        sink, dropper = answer
                    else:
                        sink = answer
                    sink_asked = True
                owner = src.entities
            return
        if kind == b"ENDSEC":
            if section == b"BLOCKS":
                blocks_seen = True
            section, owner, parent = b"", None, None
            return
        if section == b"TABLES":
            if kind == b"LAYER":
                for code, value in tags:
                    if code == 2:
                        src.layers.append(src.text(value).strip())
                        break
            return
        if section == b"BLOCKS":
            if kind == b"BLOCK":
                if block is not None:
                    raise Unparsed(f"block {block.name!r} is not closed (ENDBLK missing)")
                d = dict(tags)
                name = src.text(d.get(2, d.get(3, b""))).strip()
                try:
                    base = (float(d.get(10, 0.0)), float(d.get(20, 0.0)))
                except ValueError:
                    base = (0.0, 0.0)
                block = BlockDef(name, base)
                src.blocks[name] = block
                owner, parent = block.entities, None
                return
            if kind == b"ENDBLK":
                block, owner, parent = None, None, None
                return
        elif section != b"ENTITIES":
            return
        if kind not in KEPT and not kind.startswith(b"TCH_"):
            parent = None
            return
        if kind == b"SEQEND":
            parent = None
            return
        rec = Record(kind.decode("ascii"), tags)
        if kind == b"VERTEX" or kind == b"ATTRIB":
            if parent is not None:
                parent.children.append(rec)
            return
        parent = rec if kind in (b"POLYLINE", b"INSERT") else None
        if section == b"ENTITIES":
            for code, value in tags[:12]:
                if code == 67:
                    if value.strip() == b"1":
                        src.paperspace.append(rec)
                        return
                    break
            if sink is not None:
                # the previous entity is complete once the next one starts: its VERTEX/ATTRIB
                # children are attached by now (they follow it, before this one).
                _stream(rec)
                return
        if owner is not None:
            owner.append(rec)

    pending: list[Record] = []

    def _stream(rec: Record) -> None:
        if pending:
            sink(pending.pop())  # type: ignore[misc]
        pending.append(rec)

    try:
        for code, value in zip(it, it, strict=False):
            code = code.strip()
            if code == b"0":
                if tags is not None:
                    finish(kind, tags)
                kind = value.strip()
                if kind == b"EOF":
                    if section:
                        raise Unparsed(f"section {section!r} is not closed at EOF")
                    tags = None
                    break
                if (
                    kind in KEPT
                    or kind in _STRUCTURE
                    or section == b"HEADER"
                    or kind.startswith(b"TCH_")
                ):
                    tags = []
                    droppable = dropper is not None and section == b"ENTITIES" and kind in LINEWORK
                else:
                    tags = None
                    if section in (b"ENTITIES", b"BLOCKS"):
                        parent = None
                continue
            if tags is not None:
                c = int(code)
                if c == 8 and droppable and dropper(value.rstrip(b"\r\n")):
                    # modelspace linework on a layer that means nothing to floorcheck: not kept
                    tags = None
                    parent = None
                    continue
                tags.append((c, value.rstrip(b"\r\n")))
        else:
            raise Unparsed("no EOF marker")
        if tags is not None:
            finish(kind, tags)
    except ValueError as exc:  # a group code that is not an integer
        raise Unparsed(f"bad group code ({exc})") from None
    if pending:
        sink(pending.pop())  # type: ignore[misc]
    if b"ENTITIES" not in sections and not src.blocks:
        raise Unparsed("no ENTITIES or BLOCKS section")
    if not sink_asked and on_source is not None:
        # BLOCKS came after ENTITIES, or one of them is missing: the consumer walks
        # source.entities now that every block is known
        on_source(src)
    return src


def _header(src: DxfSource, tags: list[tuple[int, bytes]]) -> None:
    name: str | None = None
    prop_tag: str | None = None
    for code, value in tags:
        if code == 9:
            name = value.strip().decode("ascii", errors="replace")
            continue
        if name is None:
            continue
        if name == "$CUSTOMPROPERTYTAG":
            prop_tag = src.text(value).strip()
        elif name == "$CUSTOMPROPERTY" and prop_tag is not None:
            src.custom_properties.append((prop_tag, src.text(value).strip()))
            prop_tag = None
        src.header.setdefault(name, []).append((code, value))
