"""Everything that knows DXF: open safely, decode text, find units, recognise the plan.

:func:`load` runs the pipeline, each step a module:

- ``open``: the file's bytes, checked to be a whole DXF, and its text encoding;
- ``tags``: the streaming tag reader, DXF text → :class:`~floorcheck.dxf.tags.Record` s (or
  ``document``: an ezdxf document → the same records, for binary, damaged files and layouts);
- ``walker``: records → :class:`Collected` (labels, boundary rings, walls, blocks that are one
  thing …), in drawing units, with ``affine`` (insert maps), ``curves`` (flattening) and
  ``labels`` (text → labels);
- ``reader``: :func:`build_plan`, Collected → :class:`~floorcheck.model.Plan` in metres, through
  ``metadata`` (units, FC_* properties), ``zones`` (drawn boundaries), ``rooms`` (rooms closed
  from walls) and ``things`` (doors, windows, cameras …);
- ``options``: :class:`ReadLimits` (what reading may spend) and :class:`ReadOptions` (the
  tolerances plans are recognised with); ``mapping``: layer and block names → meanings.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Plan
from .collected import Collected
from .document import source_from_doc
from .mapping import Mapping, detect_mappings, load_mapping, shipped_mappings
from .open import Checked, check_file, ezdxf_log, listed, open_dxf
from .options import ReadLimits, ReadOptions
from .reader import build_plan, read_plan
from .tags import DropLayer, DxfSource, Sink, Unparsed, parse
from .walker import Walker

__all__ = [
    "load",
    "open_dxf",
    "read_plan",
    "build_plan",
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
    return load_mapping(mapping, base=mp)


Region = int | str | tuple[float, float, float, float]


def _region(plan: Plan, region: Region, path: str) -> Plan:
    from ..errors import ConfigError
    from ..geometry.regions import crop, find_regions, parse_region

    if isinstance(region, str):
        try:
            region = parse_region(region)
        except ValueError as exc:
            raise ConfigError(
                str(exc), path, "use --region 2, or --region x0,y0,x1,y1 (m)"
            ) from None
    if isinstance(region, int):
        found = find_regions(plan)
        if not 1 <= region <= len(found):
            listing = "; ".join(f"{r.index}: {r.text} ({r.zones} zones)" for r in found)
            raise ConfigError(
                f"has {len(found)} plan region(s), not {region}",
                path,
                f"regions: {listing or 'none'}",
            )
        return crop(plan, found[region - 1].bounds)
    # a window is given in the drawing's coordinates; the plan may be read relative to an origin
    x0, y0, x1, y1 = (float(v) for v in region)
    ox, oy = plan.origin
    return crop(plan, (x0 - ox, y0 - oy, x1 - ox, y1 - oy))


def load(
    path: str | Path,
    mapping: str | Path | Mapping | None = None,
    units: str | None = None,
    layout: str | None = None,
    limits: ReadLimits | None = None,
    region: Region | None = None,
    options: ReadOptions | None = None,
) -> Plan:
    """Read a DXF floor plan into a :class:`~floorcheck.model.Plan` (metres).

    ``mapping`` is a mapping TOML file (or a :class:`Mapping`); ``units`` overrides the drawing's
    unit (``"mm"``, ``"cm"``, ``"m"``); ``layout`` reads a paperspace layout or a block instead of
    modelspace; ``region`` keeps one of several plans drawn side by side: its number in
    :func:`floorcheck.geometry.regions.find_regions` (1 = top left) or a window
    ``(x0, y0, x1, y1)`` in metres. ``limits`` bounds what reading may spend
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
) -> Plan:
    """:func:`load`, with every failure turned into one :class:`~floorcheck.InputError`."""
    from ..errors import InputError

    try:
        src, found, used, repairs = _walk_file(path, mapping, layout, limits)
        plan = build_plan(found, src, used, str(path), units, repairs, options)
        return plan if region is None else _region(plan, region, str(path))
    except InputError as exc:
        if exc.path is None:
            raise type(exc)(exc.reason, str(path), exc.hint) from None
        raise
    except RecursionError:
        from ..errors import BudgetExceeded

        raise BudgetExceeded(
            "blocks are nested too deeply to read", str(path), "explode the nested blocks in CAD"
        ) from None
    except MemoryError:
        from ..errors import BudgetExceeded

        raise BudgetExceeded(
            "is too large to read in memory", str(path), "check one floor at a time"
        ) from None
    except Exception as exc:
        from ..errors import BrokenDxf

        raise BrokenDxf(
            f"could not be read ({exc.__class__.__name__}: {str(exc)[:120]})",
            str(path),
            "open it in CAD, run AUDIT, and save as DXF again",
        ) from exc


def _walk_file(
    path: str | Path, mapping: str | Path | Mapping | None, layout: str | None, limits: ReadLimits
) -> tuple[DxfSource, Collected, Mapping, list[str]]:
    """Read the file and walk its entities: (source, what was collected, the mapping used,
    what had to be repaired). The tag reader when it can, else a full ezdxf document."""
    checked = check_file(path)
    # what ezdxf logs while the entities are walked (a hatch or spline it had to mend …) is
    # said in FC009, never printed
    with ezdxf_log() as logged:
        parsed = None
        if not checked.binary and layout is None:
            parsed = _parse(checked, mapping, limits)
        del checked
        if parsed is None:
            doc, repairs = open_dxf(path)  # collects its own log into the repairs
            logged.clear()
            src, records = source_from_doc(doc, layout, str(path))
            del doc
            walker = Walker(src, mapping_for(src.layers, mapping), limits)
            found = walker.walk(records)
        else:
            src, walker = parsed
            found = walker.walk(src.entities)  # those kept because BLOCKS came after ENTITIES
            src.entities = []
            repairs = []
    return src, found, walker.mapping, listed(repairs, logged)


def _parse(
    checked: Checked, mapping: str | Path | Mapping | None, limits: ReadLimits
) -> tuple[DxfSource, Walker] | None:
    """The tag reader's pass, modelspace streamed to a walker made once the layers are known;
    None when the file is not plain, well-formed ASCII DXF."""
    walkers: list[Walker] = []

    def start(source: DxfSource) -> tuple[Sink, DropLayer]:
        walker = Walker(source, mapping_for(source.layers, mapping), limits)
        walkers.append(walker)
        return walker.entity, walker.drops_layer

    try:
        src = parse(checked.data, checked.encoding or "utf-8", start, checked.fallback)
    except Unparsed:
        return None
    return (src, walkers[-1]) if walkers else None
