"""Everything that knows DXF: open safely, decode text, find units, recognise the plan.

:func:`load` runs the pipeline, each step a module:

- ``open``: the file's bytes, checked to be a whole DXF, and its text encoding;
- ``tags``: the streaming tag reader, DXF text → :class:`~floorcheck.dxf.tags.Record` s (or
  ``document``: an ezdxf document → the same records, for binary, damaged files and layouts);
- ``walker``: records → :class:`Collected` (labels, boundary rings, walls, blocks that are one
  thing …), in drawing units, with ``affine`` (insert maps), ``curves`` (flattening) and
  ``labels`` (text → labels);
- ``reader``: :func:`build_plans`, Collected → one :class:`~floorcheck.model.Plan` per floor
  plan, in metres, through ``metadata`` (units, FC_* properties), ``names`` (which texts can
  name a room), ``views`` (floor plans, sections, elevations on the sheet), ``zones`` (drawn
  boundaries), ``rooms`` (rooms closed from walls) and ``things`` (doors, windows, cameras …);
- ``options``: :class:`ReadLimits` (what reading may spend) and :class:`ReadOptions` (the
  tolerances plans are recognised with); ``mapping``: layer and block names → meanings.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import Plan
from .collected import Collected
from .document import source_from_doc
from .mapping import Mapping, detect_mappings, load_mapping, shipped_mappings
from .open import Checked, check_file, ezdxf_log, listed, open_dxf
from .options import ReadLimits, ReadOptions
from .reader import Region, build_plan, build_plans, only_plan, read_plan, read_plans
from .tags import DropLayer, DxfSource, Sink, Unparsed, parse
from .walker import Walker

__all__ = [
    "load",
    "load_plans",
    "open_dxf",
    "read_plan",
    "read_plans",
    "build_plan",
    "build_plans",
    "parse",
    "Walker",
    "Collected",
    "load_mapping",
    "mapping_for",
    "Mapping",
    "ReadLimits",
    "ReadOptions",
]


def mapping_for(layers: list[str], mapping: str | Path | Mapping | None) -> Mapping:
    """The mapping a drawing with these layer names is read with: the shipped mappings whose
    layer names it uses, extended by ``mapping`` (a TOML file), or ``mapping`` itself."""
    if isinstance(mapping, Mapping):
        return mapping
    # The shipped mappings whose layer names the drawing uses come first; a user's file extends
    # them.
    mp = Mapping()
    for name in detect_mappings(layers):
        mp = load_mapping(shipped_mappings()[name], base=mp)
    # only the user's own entries are reported when they match nothing
    return load_mapping(mapping, base=replace(mp, own=()))


def load(
    path: str | Path,
    mapping: str | Path | Mapping | None = None,
    units: str | None = None,
    layout: str | None = None,
    limits: ReadLimits | None = None,
    region: Region | None = None,
    options: ReadOptions | None = None,
) -> Plan:
    """Read a DXF floor plan into a :class:`~floorcheck.model.Plan` (metres): the one floor
    plan of the drawing. A sheet holding several floor plans (floors side by side) needs
    ``region`` (else :class:`floorcheck.ConfigError` lists them); :func:`load_plans` gives
    them all. The other arguments are :func:`load_plans`'."""
    return only_plan(load_plans(path, mapping, units, layout, limits, region, options), str(path))


def load_plans(
    path: str | Path,
    mapping: str | Path | Mapping | None = None,
    units: str | None = None,
    layout: str | None = None,
    limits: ReadLimits | None = None,
    region: Region | None = None,
    options: ReadOptions | None = None,
) -> list[Plan]:
    """Read the floor plans of a DXF drawing, in metres: one :class:`~floorcheck.model.Plan`
    per floor plan that holds rooms (``Plan.part`` names it: "region 2 GROUND FLOOR"), never
    two floors added into one. Sections, elevations and details on the sheet are left out
    (``Plan.recognition.views`` lists every view and what it is).

    ``mapping`` is a mapping TOML file (or a :class:`Mapping`); ``units`` overrides the drawing's
    unit (``"mm"``, ``"cm"``, ``"m"``); ``layout`` reads a paperspace layout or a block instead of
    modelspace; ``region`` reads one of the views of the sheet: its number in
    ``floorcheck zones`` (1 = top left) or a window ``(x0, y0, x1, y1)`` in metres, read as a
    floor plan whatever its title. ``limits`` bounds what reading may spend
    (:class:`ReadLimits`), ``options`` holds the tolerances plans are recognised with
    (:class:`ReadOptions`). Raises :class:`floorcheck.InputError` for files it cannot use.
    Never writes.

    Plain ASCII DXF is read by floorcheck's own streaming tag reader (only the entities and
    blocks it needs); binary DXF, damaged files (through ezdxf's recover) and ``layout`` go
    through a full ezdxf document.
    """
    return _load(path, mapping, units, layout, limits or ReadLimits(), region, options)


def _load(
    path: str | Path,
    mapping: str | Path | Mapping | None,
    units: str | None,
    layout: str | None,
    limits: ReadLimits,
    region: Region | None,
    options: ReadOptions | None,
) -> list[Plan]:
    """:func:`load_plans`, with every failure turned into one :class:`~floorcheck.InputError`."""
    from ..errors import InputError

    try:
        src, found, used, repairs, dropped = _walk_file(path, mapping, layout, limits)
        plans = build_plans(found, src, used, str(path), units, repairs, options, region)
        if dropped and any(_homeless(p) for p in plans):
            # most room names were left without a room, and lines on layers that mean nothing
            # to floorcheck were skipped: read again, looking for room outlines on every layer
            src, found, used, repairs, _ = _walk_file(path, mapping, layout, limits, True)
            plans = build_plans(found, src, used, str(path), units, repairs, options, region)
        return plans
    except InputError as exc:
        if exc.path is None:
            raise exc.at(str(path)) from None
        raise
    except RecursionError:
        from ..errors import BudgetExceeded

        raise BudgetExceeded(
            "blocks are nested too deeply to read",
            str(path),
            "explode the nested blocks in CAD",
            message_zh="块嵌套过深，无法读取",
            hint_zh="请在 CAD 中分解嵌套的块",
        ) from None
    except MemoryError:
        from ..errors import BudgetExceeded

        raise BudgetExceeded(
            "is too large to read in memory",
            str(path),
            "check one floor at a time",
            message_zh="图纸过大，内存中无法读取",
            hint_zh="请每次只检查一层",
        ) from None
    except Exception as exc:
        from ..errors import BrokenDxf, detail_zh

        detail = f"{exc.__class__.__name__}: {str(exc)[:120]}"
        raise BrokenDxf(
            f"could not be read ({detail})",
            str(path),
            "open it in CAD, run AUDIT, and save as DXF again",
            message_zh=f"无法读取（读取时出错：{detail_zh(detail)}）",
            hint_zh="请在 CAD 中打开，运行 AUDIT，再重新保存为 DXF",
        ) from exc


# A plan whose room names mostly (this share, and at least this many) lie in no zone is read
# again, looking for room outlines on the layers the first reading skipped.
_HOMELESS_SHARE = 0.5
_HOMELESS_MIN = 3


def _homeless(plan: Plan) -> bool:
    """Whether most of the plan's room names lie in no zone (nor in a space refused as one)."""
    rec = plan.recognition
    if rec is None or len(rec.unnamed) < _HOMELESS_MIN:
        return False
    import shapely

    zones = [z.geometry for z in plan.zones]
    refused = [d.geometry for d in plan.diagnostics if d.code == "FC003" and d.geometry is not None]
    placed = shapely.union_all(zones + refused) if zones or refused else None
    xy = [m.position for m in rec.unnamed]
    inside = (
        shapely.contains_xy(placed, [p[0] for p in xy], [p[1] for p in xy])
        if placed is not None
        else [False] * len(xy)
    )
    homeless = len(xy) - int(sum(bool(v) for v in inside))
    names = rec.named + len(rec.unnamed)
    return homeless >= _HOMELESS_MIN and homeless >= _HOMELESS_SHARE * names


def _walk_file(
    path: str | Path,
    mapping: str | Path | Mapping | None,
    layout: str | None,
    limits: ReadLimits,
    outlines: bool = False,
) -> tuple[DxfSource, Collected, Mapping, list[str], int]:
    """Read the file and walk its entities: (source, what was collected, the mapping used,
    what had to be repaired, how many modelspace lines were skipped unread). The tag reader
    when it can, else a full ezdxf document (which is walked whole, room outlines on every
    layer included). ``outlines``: look for room outlines on every layer."""
    checked = check_file(path)
    # what ezdxf logs while the entities are walked (a hatch or spline it had to mend …) is
    # said in FC009, never printed
    with ezdxf_log() as logged:
        parsed = None
        if not checked.binary and layout is None:
            parsed = _parse(checked, mapping, limits, outlines)
        del checked
        if parsed is None:
            doc, repairs = open_dxf(path)  # collects its own log into the repairs
            logged.clear()
            src, records = source_from_doc(doc, layout, str(path))
            del doc
            walker = Walker(src, mapping_for(src.layers, mapping), limits, outlines=True)
            found = walker.walk(records)
            dropped = 0
        else:
            src, walker, found = parsed
            repairs = []
            dropped = walker.dropped
    return src, found, walker.mapping, listed(repairs, logged), dropped


def _parse(
    checked: Checked,
    mapping: str | Path | Mapping | None,
    limits: ReadLimits,
    outlines: bool = False,
) -> tuple[DxfSource, Walker, Collected] | None:
    """The tag reader's pass, modelspace streamed to a walker made once the layers are known,
    and what the walker collected; None when the file is not plain, well-formed ASCII DXF
    (blocks are read when the walk first inserts them: a block that is not plain DXF is found
    during the walk)."""
    walkers: list[Walker] = []

    def start(source: DxfSource) -> tuple[Sink, DropLayer]:
        walker = Walker(source, mapping_for(source.layers, mapping), limits, outlines)
        walkers.append(walker)
        return walker.entity, walker.drops_layer

    try:
        src = parse(checked.data, checked.encoding or "utf-8", start, checked.fallback)
        if not walkers:
            return None
        found = walkers[-1].walk(src.entities)  # those kept because BLOCKS came after ENTITIES
    except Unparsed:
        return None
    src.entities = []
    src.release()  # the blocks not read by now are not used: the file's bytes can go
    return src, walkers[-1], found
