"""The tag reader close to the bytes (issue 19): what it does not read is jumped over in bulk, a
block's entities are read when the block is first used, plain hatches are read without ezdxf,
and nothing it builds is left in reference cycles."""

from __future__ import annotations

import io
import random
import subprocess
import sys
from pathlib import Path

import ezdxf
import numpy as np
import pytest
from conftest import ROOT, SAMPLES

import floorcheck
from floorcheck.dxf.curves import _ezdxf_hatch_rings, _straight_polyline_paths, hatch_rings
from floorcheck.dxf.open import check_file
from floorcheck.dxf.tags import KEPT, DxfSource, parse

# -- a reference: the tag loop as it was, one Python step per pair ------------------------------


class _PairLoop:
    """The tag loop as it was, one Python step per pair: (modelspace records, block name →
    records) as (type, tags, children) — what the tag reader must give, however it skips."""

    def __init__(self, encoding: str) -> None:
        self.text = DxfSource(encoding).text
        self.section = b""
        self.entities: list = []
        self.blocks: dict[str, list] = {}
        self.owner: list | None = None
        self.parent: tuple | None = None

    def read(self, data: bytes) -> tuple[list, dict[str, list]]:
        lines = data.split(b"\n")
        kind, tags = b"", None
        for i in range(0, len(lines) - 1, 2):
            code, value = lines[i].strip(), lines[i + 1].rstrip(b"\r")
            if code != b"0":
                if tags is not None:
                    tags.append((int(code), value))
                continue
            if tags is not None:
                self.finish(kind, tags)
            kind, tags = value.strip(), []
            if kind == b"EOF":
                break
        return self.entities, self.blocks

    def finish(self, kind: bytes, tags: list) -> None:
        if kind == b"SECTION":
            self.section = tags[0][1].strip() if tags else b""
            self.owner = self.entities if self.section == b"ENTITIES" else None
        elif kind == b"ENDSEC":
            self.section, self.owner = b"", None
        elif self.section == b"BLOCKS" and kind in (b"BLOCK", b"ENDBLK"):
            name = self.text(dict(tags).get(2, b"")).strip()
            self.owner = self.blocks.setdefault(name, []) if kind == b"BLOCK" else None
            self.parent = None
        elif self.section in (b"BLOCKS", b"ENTITIES"):
            self.entity(kind, tags)

    def entity(self, kind: bytes, tags: list) -> None:
        if kind not in KEPT or kind == b"SEQEND":
            self.parent = None
        elif kind in (b"VERTEX", b"ATTRIB"):
            if self.parent is not None:
                self.parent[2].append((kind.decode(), tags))
        else:
            rec = (kind.decode(), tags, [])
            self.parent = rec if kind in (b"POLYLINE", b"INSERT") else None
            paper = self.section == b"ENTITIES" and any(
                c == 67 and v.strip() == b"1" for c, v in tags
            )
            if self.owner is not None and not paper:
                self.owner.append(rec)


def _reference(data: bytes, encoding: str = "utf-8") -> tuple[list, dict[str, list]]:
    return _PairLoop(encoding).read(data)


def _records(data: bytes, encoding: str = "utf-8") -> tuple[list, dict[str, list]]:
    src = parse(data, encoding)

    def plain(recs: list) -> list:
        return [(r.type, r.tags, [(c.type, c.tags) for c in r.children]) for r in recs]

    return plain(src.entities), {name: plain(b.entities) for name, b in src.blocks.items()}


def _tricky(crlf: bool = False) -> bytes:
    """A drawing whose skipped entities hold values that look like group 0: a text "0", a flag
    0, a padded "  0", an odd number of them in a row."""
    doc = ezdxf.new("R2010")
    msp = doc.modelspace()
    blk = doc.blocks.new("B")
    blk.add_line((0, 0), (1, 0))
    blk.add_point((0, 0))
    blk.add_line((0, 1), (1, 1), dxfattribs={"layer": "0"})
    doc.blocks.new("UNUSED").add_circle((0, 0), 1)
    for i in range(20):
        msp.add_point((i, 0), dxfattribs={"layer": "0"})
        msp.add_line((i, 0), (i, 5), dxfattribs={"layer": "WALL"})
        msp.add_blockref("B", (i, 10))
        msp.add_linear_dim(base=(0, -2), p1=(0, 0), p2=(i + 1, 0)).render()
        msp.add_solid([(0, 0), (1, 0), (0, 1)])
    buf = io.StringIO()
    doc.write(buf)
    out = buf.getvalue()
    # values "0" in entities the reader skips: a POINT's thickness written as text "0" and "  0"
    out = out.replace("AcDbPoint\n", "AcDbPoint\n  1\n0\n  1\n  0\n  1\n0\n", 7)
    if crlf:
        out = out.replace("\n", "\r\n")
    return out.encode("utf-8")


@pytest.mark.parametrize("crlf", [False, True])
def test_skipping_in_bulk_reads_what_the_pair_loop_reads(crlf: bool) -> None:
    data = _tricky(crlf)
    assert _records(data) == _reference(data)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.dxf")))
def test_the_samples_read_as_the_pair_loop_reads_them(name: str) -> None:
    checked = check_file(SAMPLES / name)
    encoding = checked.encoding or "utf-8"
    assert _records(checked.data, encoding) == _reference(checked.data, encoding)


def test_a_drawing_without_eof_after_a_skipped_entity_is_not_plain_dxf() -> None:
    from floorcheck.dxf.tags import Unparsed

    data = b"  0\nSECTION\n  2\nENTITIES\n  0\nPOINT\n 10\n0\n"
    with pytest.raises(Unparsed):
        parse(data, "utf-8")


# -- blocks read when used ------------------------------------------------------------------------


def _with_block(tmp_path: Path, inserted: bool) -> Path:
    """The compliant village hall with one more block, BROKEN, whose LINE has a group code that
    is not a number; inserted in modelspace or not."""
    doc = ezdxf.readfile(SAMPLES / "village_ok.dxf")
    doc.blocks.new("BROKEN").add_line((0, 0), (1000, 0), dxfattribs={"layer": "0"})
    if inserted:
        doc.modelspace().add_blockref("BROKEN", (0, 0), dxfattribs={"layer": "A-WALL"})
    path = tmp_path / f"broken_{inserted}.dxf"
    doc.saveas(path)
    text = path.read_text(encoding="utf-8")
    # the LINE's start point, in the block's definition (not its BLOCK_RECORD or BLOCK header)
    at = text.index("AcDbLine\n", text.index("AcDbBlockBegin\n  2\nBROKEN\n"))
    head, tail = text[:at], text[at:]
    tail = tail.replace(" 10\n0.0\n", " 1x\n0.0\n", 1)
    path.write_text(head + tail, encoding="utf-8")
    return path


def test_a_block_no_one_inserts_is_never_read(tmp_path: Path) -> None:
    """A broken block that nothing inserts does not send the whole drawing to ezdxf's recover:
    the plan reads as the sample does, with no repair to report."""
    plan = floorcheck.load(_with_block(tmp_path, inserted=False))
    same = floorcheck.load(SAMPLES / "village_ok.dxf")
    assert [z.geometry.wkt for z in plan.zones] == [z.geometry.wkt for z in same.zones]
    assert not [d for d in plan.diagnostics if d.code == "FC009"]


def test_a_broken_block_that_is_inserted_still_goes_to_ezdxf(tmp_path: Path) -> None:
    """Read only when the walk inserts it, the broken block still makes the tag reader give up
    and ezdxf's recover read the file (and the repair is said), as when blocks were read first."""
    plan = floorcheck.load(_with_block(tmp_path, inserted=True))
    assert [d for d in plan.diagnostics if d.code == "FC009"]
    assert plan.zones


def test_a_released_block_says_so() -> None:
    data = _tricky()
    src = parse(data, "utf-8")
    src.release()
    with pytest.raises(RuntimeError, match="released unread"):
        _ = src.blocks["UNUSED"].entities


# -- hatches read without ezdxf -------------------------------------------------------------------


def _hatches(seed: int) -> list:
    """Hatches as CAD draws them: polyline paths (closed or not, repeated ends, elevations,
    an explicit +Z extrusion, bulges below and above ezdxf's threshold, holes), edge paths and
    one in a mirrored OCS."""
    rnd = random.Random(seed)
    doc = ezdxf.new("R2010")
    msp = doc.modelspace()
    for k in range(60):
        attribs = {"layer": "A-AREA"}
        if k % 7 == 3:
            attribs["elevation"] = (0, 0, rnd.uniform(-5, 5))
        if k % 11 == 5:
            attribs["extrusion"] = (0, 0, 1)
        if k % 13 == 6:
            attribs["extrusion"] = (0, 0, -1)
        h = msp.add_hatch(dxfattribs=attribs)
        for _ in range(rnd.choice((1, 1, 2))):
            n = rnd.randint(1, 7)
            pts = [(rnd.uniform(-1e4, 1e4), rnd.uniform(-1e4, 1e4)) for _ in range(n)]
            if rnd.random() < 0.3:
                pts.append(pts[0])
            bulge = rnd.choice((0.0, 0.0, 1e-8, 0.4))
            h.paths.add_polyline_path([(x, y, bulge) for x, y in pts], is_closed=rnd.random() < 0.8)
        if k % 9 == 4:
            edges = h.paths.add_edge_path()
            edges.add_line((0, 0), (100, 0))
            edges.add_arc((100, 50), 50, -90, 90)
            edges.add_line((100, 100), (0, 100))
            edges.add_line((0, 100), (0, 0))
    buf = io.StringIO()
    doc.write(buf)
    src = parse(buf.getvalue().encode("utf-8"), "utf-8")
    return [(r, src.text) for r in src.entities if r.type == "HATCH"]


def _rings(fn, rec, text, limit):
    try:
        return "rings", fn(rec, text, limit)
    except Exception as exc:  # noqa: BLE001 - the same error either way
        return "error", type(exc).__name__


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_plain_hatches_read_as_ezdxf_reads_them(seed: int) -> None:
    plain = 0
    for rec, text in _hatches(seed):
        plain += _straight_polyline_paths(rec.tags) is not None
        for limit in (None, 3, 1_000):
            mine, ezdxfs = (_rings(f, rec, text, limit) for f in (hatch_rings, _ezdxf_hatch_rings))
            assert mine[0] == ezdxfs[0]
            if mine[0] == "error":
                assert mine == ezdxfs
            else:
                assert len(mine[1]) == len(ezdxfs[1])
                for a, b in zip(mine[1], ezdxfs[1], strict=True):
                    assert np.array_equal(a, b)
    assert 10 < plain < 60  # both ways were taken


# -- no reference cycles left behind -----------------------------------------------------------------

_GARBAGE = """
import gc, sys
import floorcheck
gc.collect()
gc.disable()
plans = floorcheck.load_plans(sys.argv[1])
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
mine = [o for o in gc.garbage if type(o).__module__.startswith("floorcheck")]
# frames of floorcheck's but the import thread's own (floorcheck/_gc.py), which holds nothing
frames = [o for o in gc.garbage if type(o).__name__ == "frame"
          and "floorcheck" in o.f_code.co_filename and not o.f_code.co_filename.endswith("_gc.py")]
print(len(mine), len(frames), "ezdxf" in sys.modules)
"""


@pytest.mark.parametrize(
    ("name", "ezdxf_needed"),
    [
        ("village_ok.dxf", False),
        ("village_hatch_only.dxf", True),
        ("village_tarch_proxy.dxf", True),
    ],
)
def test_reading_leaves_nothing_to_the_cyclic_collector(name: str, ezdxf_needed: bool) -> None:
    """With the collector paused (as the CLI reads), what the reader built is freed by reference
    counting alone: no record, block or frame of floorcheck is left in a cycle — also when ezdxf
    is first imported in the middle of the walk (its import leaves cycles holding frames)."""
    done = subprocess.run(
        [sys.executable, "-c", _GARBAGE, str(SAMPLES / name)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    mine, frames, imported = done.stdout.split()
    assert (int(mine), int(frames)) == (0, 0)
    assert imported == str(ezdxf_needed)
