"""Everything that knows DXF: open safely, decode text, find units, recognise the plan."""

from __future__ import annotations

from pathlib import Path

from ..model import Plan
from .mapping import Mapping, detect_mappings, load_mapping, shipped_mappings
from .open import open_dxf
from .reader import ReadLimits, read_plan

__all__ = ["load", "open_dxf", "read_plan", "load_mapping", "Mapping", "ReadLimits"]


def load(
    path: str | Path,
    mapping: str | Path | Mapping | None = None,
    units: str | None = None,
    layout: str | None = None,
    limits: ReadLimits | None = None,
) -> Plan:
    """Read a DXF floor plan into a :class:`~floorcheck.model.Plan` (metres).

    ``mapping`` is a mapping TOML file (or a :class:`Mapping`); ``units`` overrides the drawing's
    unit (``"mm"``, ``"cm"``, ``"m"``); ``layout`` reads a paperspace layout or a block instead of
    modelspace. Raises :class:`floorcheck.InputError` for files it cannot use. Never writes.
    """
    from ..errors import InputError

    doc, repairs = open_dxf(path)
    if isinstance(mapping, Mapping):
        mp = mapping
    else:
        # The shipped mappings whose layer names the drawing uses come first; a user's file
        # extends them.
        mp = Mapping()
        try:
            names = [layer.dxf.name for layer in doc.layers]
        except Exception:  # noqa: BLE001
            names = []
        for name in detect_mappings(names):
            mp = load_mapping(shipped_mappings()[name], base=mp)
        mp = load_mapping(mapping, base=mp)
    try:
        return read_plan(
            doc, str(path), mp, units=units, layout=layout, repairs=repairs, limits=limits
        )
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
    except Exception as exc:  # noqa: BLE001 - a damaged document must give one line, not a traceback
        from ..errors import BrokenDxf

        raise BrokenDxf(
            f"could not be read ({exc.__class__.__name__}: {str(exc)[:120]})",
            str(path),
            "open it in CAD, run AUDIT, and save as DXF again",
        ) from exc
