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
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .text import decode_escapes

__all__ = [
    "Record",
    "BlockDef",
    "DxfSource",
    "Unparsed",
    "parse",
    "tag_float",
    "KEPT",
    "Sink",
    "DropLayer",
    "TextDecoder",
]

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


def tag_float(d: dict[int, bytes], code: int, default: float = 0.0) -> float:
    """The number under group ``code`` of :meth:`Record.dxf`'s values, ``default`` if absent.

    >>> tag_float({10: b" 2.5"}, 10), tag_float({}, 41, 1.0)
    (2.5, 1.0)
    """
    v = d.get(code)
    return default if v is None else float(v)


# Raw string values → text in the drawing's encoding (:meth:`DxfSource.text`).
TextDecoder = Callable[[bytes], str]


class BlockDef:
    """A block definition: name, base point and entities.

    The tag reader leaves a block's entities unread (``body``: where they lie in the file's
    bytes) until :attr:`entities` is first asked for: most blocks of a drawing are never
    inserted where floorcheck looks (a dimension's picture, a hatch's, unused library blocks).
    :meth:`release` lets go of the file's bytes once the drawing has been walked."""

    __slots__ = ("name", "base", "_entities", "_body")

    def __init__(
        self,
        name: str,
        base: tuple[float, float],
        entities: list[Record] | None = None,
        body: tuple[bytes, int, int] | None = None,
    ) -> None:
        self.name = name
        self.base = base
        self._entities = entities if entities is not None or body is not None else []
        self._body = body

    @property
    def entities(self) -> list[Record]:
        """The block's entities, read from the file's bytes the first time."""
        if self._entities is None:
            if self._body is None:
                raise RuntimeError(f"block {self.name!r} was released unread")
            self._entities = _block_records(*self._body)
            self._body = None
        return self._entities

    def release(self) -> None:
        """Forget where an unread block's entities lie (the file's bytes can go); reading them
        afterwards is an error."""
        self._body = None

    def __repr__(self) -> str:
        state = "unread" if self._entities is None else f"{len(self._entities)} entities"
        return f"<BlockDef {self.name!r} {state}>"


@dataclass
class DxfSource:
    """What floorcheck needs from a drawing, independent of how it was read.

    Strings are decoded by :meth:`text`: in ``encoding``, else (a string not valid in it) in
    ``fallback`` when there is one; ``recoded`` counts the strings read in the fallback,
    ``undecodable`` those with bytes valid in neither (shown as U+FFFD) — the reader reports
    both, a misread must not go unnoticed.
    """

    encoding: str
    header: dict[str, list[tuple[int, bytes]]] = field(default_factory=dict)
    custom_properties: list[tuple[str, str]] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    blocks: dict[str, BlockDef] = field(default_factory=dict)
    entities: list[Record] = field(default_factory=list)  # modelspace, when not streamed
    paperspace: list[Record] = field(default_factory=list)  # the active layout (group 67 = 1)
    fallback: str | None = None
    recoded: int = 0
    undecodable: int = 0

    def text(self, value: bytes) -> str:
        r"""``value`` as text, with ``\U+XXXX`` escapes decoded (pre-R2007 CAD writes them
        for what the code page lacks, in layer and block names too).

        >>> src = DxfSource("utf-8", fallback="gbk")
        >>> src.text(rb"E-CCTV-\U+7403\U+673A"), src.text("休息".encode("gbk")), src.recoded
        ('E-CCTV-球机', '休息', 1)
        """
        try:
            s = value.decode(self.encoding)
        except UnicodeDecodeError:
            s = self._misfit(value)
        return decode_escapes(s)

    def _misfit(self, value: bytes) -> str:
        """A string that is not valid in the drawing's encoding."""
        if self.fallback is not None:
            try:
                s = value.decode(self.fallback)
                self.recoded += 1
                return s
            except UnicodeDecodeError:
                pass
        self.undecodable += 1
        return value.decode(self.encoding, errors="replace")

    def release(self) -> None:
        """Let go of the file's bytes: the blocks not read by now never will be."""
        for block in self.blocks.values():
            block.release()

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


# What ``parse``'s ``on_source`` may hand back: a consumer of modelspace records, optionally with
# a test on raw layer names whose modelspace linework it does not want.
Sink = Callable[[Record], object]
DropLayer = Callable[[bytes], bool]
OnSource = Callable[[DxfSource], "Sink | tuple[Sink, DropLayer] | None"]


def parse(
    data: bytes, encoding: str, on_source: OnSource | None = None, fallback: str | None = None
) -> DxfSource:
    r"""Read ASCII DXF ``data``.

    ``on_source`` is called once the header, tables and blocks are known (before the first
    modelspace entity) with the source read so far; when it returns a callable, modelspace
    entities are streamed to it and not kept. It may return ``(sink, drop_layer)``: modelspace
    linework (LINE, ARC, … HATCH) whose raw layer name ``drop_layer`` accepts is then skipped
    as soon as its layer is read, without building a record. When the drawing puts ENTITIES
    before BLOCKS (or has no BLOCKS section), entities are kept in ``source.entities`` instead.
    Strings not valid in ``encoding`` are read in ``fallback`` (see :class:`DxfSource`).

    >>> dxf = b"0\nSECTION\n2\nENTITIES\n0\nLINE\n8\nWALL\n10\n0\n0\nENDSEC\n0\nEOF\n"
    >>> [(r.type, r.tags) for r in parse(dxf, "utf-8").entities]
    [('LINE', [(8, b'WALL'), (10, b'0')])]
    """
    return _Parser(encoding, on_source, fallback).run(data)


class _Parser:
    """The state of one pass over the tag stream: which section and block the entities being
    read belong to, the entity that takes the VERTEX/ATTRIB entities that follow, and where
    modelspace entities go (kept, or streamed to the consumer)."""

    def __init__(
        self, encoding: str, on_source: OnSource | None, fallback: str | None = None
    ) -> None:
        self.src = DxfSource(encoding, fallback=fallback)
        self.on_source = on_source
        self.section = b""
        self.sections: list[bytes] = []
        self.blocks_seen = False
        self.sink: Sink | None = None
        self.dropper: DropLayer | None = None
        self.sink_asked = False
        self.block: BlockDef | None = None
        self.owner: list[Record] | None = None
        self.parent: Record | None = None
        # a streamed entity waits here until the next one starts: its children follow it
        self.pending: list[Record] = []

    def run(self, data: bytes) -> DxfSource:
        try:
            self._read(data)
        except ValueError as exc:  # a group code that is not an integer
            raise Unparsed(f"bad group code ({exc})") from None
        if self.pending and self.sink is not None:
            self.sink(self.pending.pop())
        if b"ENTITIES" not in self.sections and not self.src.blocks:
            raise Unparsed("no ENTITIES or BLOCKS section")
        if not self.sink_asked and self.on_source is not None:
            # BLOCKS came after ENTITIES, or one of them is missing: the consumer walks
            # source.entities now that every block is known
            self.on_source(self.src)
        return self.src

    def _read(self, data: bytes, body: bool = False) -> None:  # noqa: C901 - the hot loop
        """The group-code pairs, one entity (or structure marker) at a time. The hot loop:
        state the loop needs per tag lives in locals. An entity (or table entry, or object)
        that is not read is jumped over to the next group 0 (:func:`_after`), and a block's
        entities to its ENDBLK (:meth:`_open_block`), without a Python step per tag.
        ``body``: ``data`` is a block's entities alone (:func:`_block_records`)."""
        f = io.BytesIO(data)
        it = iter(f)
        tell, seek = f.tell, f.seek
        finish = self._finish
        tags: list[tuple[int, bytes]] | None = None
        kind = b""
        dropper: DropLayer | None = None
        for raw, value in zip(it, it, strict=False):
            code = raw.strip()
            if code == b"0":
                if tags is not None:
                    if kind == b"BLOCK" and self.section == b"BLOCKS":
                        # the block's entities start at this group 0
                        end = self._open_block(tags, data, tell() - len(raw) - len(value))
                        if end is not None:
                            seek(end)  # to its ENDBLK: read when the block is used
                            tags = None
                            continue
                    else:
                        finish(kind, tags)
                kind = value.strip()
                if kind == b"EOF":
                    if self.section:
                        raise Unparsed(f"section {self.section!r} is not closed at EOF")
                    return
                section = self.section
                if (
                    kind in KEPT
                    or kind in _STRUCTURE
                    or section == b"HEADER"
                    or kind.startswith(b"TCH_")
                ):
                    tags = []
                    droppable = section == b"ENTITIES" and kind in LINEWORK
                    dropper = self.dropper if droppable else None
                else:
                    tags = None
                    if section in (b"ENTITIES", b"BLOCKS"):
                        self.parent = None
                    seek(_after(data, tell()))
                continue
            if tags is not None:
                c = int(code)
                if c == 8 and dropper is not None and dropper(value.rstrip(b"\r\n")):
                    # modelspace linework on a layer that means nothing to floorcheck: not kept
                    tags = None
                    self.parent = None
                    seek(_after(data, tell()))
                    continue
                tags.append((c, value.rstrip(b"\r\n")))
        if body:
            if tags is not None:
                finish(kind, tags)
            return
        raise Unparsed("no EOF marker")

    def _finish(self, kind: bytes, tags: list[tuple[int, bytes]]) -> None:
        """One complete entity or structure marker (BLOCK: :meth:`_open_block`)."""
        if kind == b"SECTION":
            self._open_section(tags)
        elif kind == b"ENDSEC":
            if self.section == b"BLOCKS":
                self.blocks_seen = True
            self.section, self.owner, self.parent = b"", None, None
        elif self.section == b"TABLES":
            if kind == b"LAYER":
                self._layer(tags)
        elif self.section == b"BLOCKS":
            if kind == b"ENDBLK":
                self.block, self.owner, self.parent = None, None, None
            else:
                self._entity(kind, tags)
        elif self.section == b"ENTITIES":
            self._entity(kind, tags)

    def _open_section(self, tags: list[tuple[int, bytes]]) -> None:
        if self.section:
            raise Unparsed(f"section {self.section!r} is not closed (ENDSEC missing)")
        section = tags[0][1].strip() if tags and tags[0][0] == 2 else b""
        self.section = section
        self.sections.append(section)
        if section == b"HEADER":
            _header(self.src, tags)
        elif section == b"ENTITIES":
            if self.blocks_seen and self.on_source is not None and not self.sink_asked:
                answer = self.on_source(self.src)
                if isinstance(answer, tuple):
                    self.sink, self.dropper = answer
                else:
                    self.sink = answer
                self.sink_asked = True
            self.owner = self.src.entities

    def _layer(self, tags: list[tuple[int, bytes]]) -> None:
        for code, value in tags:
            if code == 2:
                self.src.layers.append(self.src.text(value).strip())
                return

    def _open_block(self, tags: list[tuple[int, bytes]], data: bytes, start: int) -> int | None:
        """A BLOCK whose entities start at ``start`` (a group 0 line of ``data``): where its
        ENDBLK is, the entities left unread until the block is used; None when another
        structure marker (BLOCK, ENDSEC …) comes first — the block is then read as it comes,
        and what is wrong with it said there."""
        if self.block is not None:
            raise Unparsed(f"block {self.block.name!r} is not closed (ENDBLK missing)")
        d = dict(tags)
        name = self.src.text(d.get(2, d.get(3, b""))).strip()
        try:
            base = (float(d.get(10, 0.0)), float(d.get(20, 0.0)))
        except ValueError:
            base = (0.0, 0.0)
        found = _group0(data, _MARKER, start)
        if found is not None and found.group(1) == b"ENDBLK":
            end = found.start() + 1
            self.block = BlockDef(name, base, body=(data, start, end))
            self.src.blocks[name] = self.block
            self.owner, self.parent = None, None
            return end
        self.block = BlockDef(name, base)
        self.src.blocks[name] = self.block
        self.owner, self.parent = self.block.entities, None
        return None

    def _entity(self, kind: bytes, tags: list[tuple[int, bytes]]) -> None:
        """An entity of a block or of the ENTITIES section."""
        if kind not in KEPT and not kind.startswith(b"TCH_"):
            self.parent = None
            return
        if kind == b"SEQEND":
            self.parent = None
            return
        rec = Record(kind.decode("ascii"), tags)
        if kind == b"VERTEX" or kind == b"ATTRIB":
            if self.parent is not None:
                self.parent.children.append(rec)
            return
        self.parent = rec if kind in (b"POLYLINE", b"INSERT") else None
        if self.section == b"ENTITIES":
            if _in_paperspace(tags):
                self.src.paperspace.append(rec)
                return
            if self.sink is not None:
                # the previous entity is complete once the next one starts: its VERTEX/ATTRIB
                # children are attached by now (they follow it, before this one).
                if self.pending:
                    self.sink(self.pending.pop())
                self.pending.append(rec)
                return
        if self.owner is not None:
            self.owner.append(rec)


# Whitespace bytes.strip() removes: a group code or an entity type may be padded with any.
_WS = rb"[ \t\r\x0b\x0c]*"
# A line "0" (with the newline before it): a group code 0 if it is a code line at all.
_ZERO = re.compile(rb"\n" + _WS + rb"0" + _WS + rb"\n")
# A group 0 that opens or closes a section or block, or ends the file (the type in group 1).
_MARKER = re.compile(
    rb"\n"
    + _WS
    + rb"0"
    + _WS
    + rb"\n"
    + _WS
    + rb"(ENDBLK|BLOCK|ENDSEC|SECTION|EOF)"
    + _WS
    + rb"(?:\n|\Z)"
)


def _group0(data: bytes, pattern: re.Pattern[bytes], at: int) -> re.Match[bytes] | None:
    r"""The first match of ``pattern`` (a line "0" and what follows) at or after ``at`` (the
    start of a group code line) whose line "0" is a group code, not a value: an even number of
    lines after ``at``. C-speed scans (regex, ``bytes.count``) instead of a Python step per
    tag; exact for any DXF whose lines pair up, which the tag loop assumes too.

    >>> data = b"  0\nLINE\n 70\n0\n  8\nA\n  0\nEOF\n"
    >>> _group0(data, _ZERO, 9).start() + 1  # not the value 0 of group 70
    21
    """
    search = pattern.search
    m = search(data, max(at - 1, 0))
    while m is not None:
        line = m.start() + 1
        if not data.count(b"\n", at, line) & 1:
            return m
        at = data.find(b"\n", line) + 1  # a value "0": the line after it is a group code
        m = search(data, at - 1)
    return None


def _after(data: bytes, at: int) -> int:
    """Where the next group 0 at or after ``at`` (a group code line) starts: the end of what
    the loop skips; the end of ``data`` when there is none."""
    m = _group0(data, _ZERO, at)
    return len(data) if m is None else m.start() + 1


def _block_records(data: bytes, start: int, end: int) -> list[Record]:
    """The entities of a block that lie in ``data[start:end]`` (:class:`BlockDef`)."""
    parser = _Parser("utf-8", None)
    parser.section = b"BLOCKS"
    parser.block = BlockDef("", (0.0, 0.0))
    parser.owner = parser.block.entities
    try:
        parser._read(data[start:end], body=True)
    except ValueError as exc:  # a group code that is not an integer
        raise Unparsed(f"bad group code ({exc})") from None
    return parser.owner


# Group 67 (paperspace) comes among an entity's common tags, before its own data.
_SPACE_TAG_WITHIN = 12


def _in_paperspace(tags: list[tuple[int, bytes]]) -> bool:
    """Group 67 = 1 among an entity's first tags: it belongs to the active paperspace layout."""
    for code, value in tags[:_SPACE_TAG_WITHIN]:
        if code == 67:
            return value.strip() == b"1"
    return False


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
