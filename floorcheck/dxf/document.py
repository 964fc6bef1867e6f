"""Records from ezdxf: a whole document (binary DXF, a recovered file, a layout, a drawing built
in code) or the virtual entities of a custom object's proxy graphics, as the same
:class:`~floorcheck.dxf.tags.Record` s the tag reader makes, so that one walker reads them all."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ConfigError
from .lazy import load_ezdxf
from .tags import BlockDef, DxfSource, Record, TextDecoder

__all__ = ["source_from_doc", "records_from_ezdxf", "proxy_records"]

Tags = list[tuple[int, bytes]]


def source_from_doc(
    doc: Any, layout: str | None = None, source: str = ""
) -> tuple[DxfSource, list[Record]]:
    """An ezdxf document as a source for the walker, with the records of ``layout`` (a
    paperspace layout or a block; modelspace when None)."""
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


def _layout(doc: Any, name: str | None, source: str) -> Any:
    if name is None:
        return doc.modelspace()
    try:
        return doc.layouts.get(name)
    except Exception:  # noqa: BLE001
        block = doc.blocks.get(name)
        if block is not None:
            return block
    names = ", ".join(doc.layouts.names())
    raise ConfigError(
        f"no layout or block named {name!r}",
        source,
        f"layouts: {names}",
        message_zh=f"没有名为 {name!r} 的布局或块",
        hint_zh=f"布局：{'、'.join(repr(n) for n in doc.layouts.names())}",
    )


def records_from_ezdxf(entities: Iterable[Any]) -> list[Record]:
    """ezdxf entities → records (through ezdxf's own DXF export), VERTEX/ATTRIB attached."""
    load_ezdxf()
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
                tags = _with_graphic(tags, graphic)
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


def _with_graphic(tags: Tags, graphic: bytes) -> Tags:
    """ezdxf does not write a proxy's graphics back out: carry them over, as DXF stores them."""
    hexed = graphic.hex().upper()
    return (
        [(92, str(len(graphic)).encode())]
        + [(310, hexed[i : i + 254].encode()) for i in range(0, len(hexed), 254)]
        + tags
    )


def _split(tags: Iterable[Any]) -> Iterator[tuple[str, Tags]]:
    """ezdxf's exported tags, one entity at a time, values as the bytes a DXF file holds."""
    kind: str | None = None
    cur: Tags = []
    for t in tags:
        if t.code == 0:
            if kind is not None:
                yield kind, cur
            kind, cur = str(t.value), []
            continue
        v = t.value
        if isinstance(v, bytes):
            v = v.hex().upper()
        elif not isinstance(v, str):
            if isinstance(v, tuple | list) or hasattr(v, "x"):
                for k, comp in enumerate(tuple(v)):
                    cur.append((t.code + 10 * k, repr(float(comp)).encode()))
                continue
            v = repr(float(v)) if isinstance(v, numbers.Real) and not isinstance(v, int) else str(v)
        cur.append((t.code, v.encode("utf-8")))
    if kind is not None:
        yield kind, cur


def proxy_records(rec: Record, src: DxfSource) -> list[Record]:
    """The entities a custom object's proxy graphics draw (the picture CAD stores for
    applications that cannot draw the object), empty when it carries none."""
    data = _proxy_graphic(rec, src.text)
    if len(data) < 16:
        return []
    load_ezdxf()
    from ezdxf.proxygraphic import ProxyGraphic

    pg = ProxyGraphic(data)
    pg.layers = list(src.layers)
    pg.encoding = src.encoding
    return records_from_ezdxf(pg.virtual_entities())


def _proxy_graphic(rec: Record, text: TextDecoder) -> bytes:
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
