"""DWG drawings: decoded by ezdwg, read by the same walker as DXF.

:func:`load` gives the :class:`~floorcheck.model.Plan` the DXF reader would give for the same
drawing saved as DXF. What the DWG decoder could not read is reported on the plan as reader
diagnostics, with counts: entity types it does not decode and entities it failed on (FC009),
custom objects of TArch and other applications (FC010), and R13/R14 files, which it decodes
experimentally (FC009). See docs/dwg.md.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..model import Diagnostic, Plan
from .convert import Decoded, read_dwg

__all__ = ["load", "load_plans", "read_dwg", "Decoded", "dxf_document", "diagnostics"]


def dxf_document(path: str | Path) -> Any:
    """The DWG as an ezdxf document (what the annotated-DXF output and init-mapping start from)."""
    doc, _ = read_dwg(path)
    return doc


def _counts(c: Counter[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in c.most_common())


def diagnostics(decoded: Decoded) -> list[Diagnostic]:
    """The reader findings for what the DWG decoder could not read (FC009, FC010)."""
    out: list[Diagnostic] = []
    if decoded.experimental:
        out.append(
            Diagnostic(
                "FC009",
                f"the drawing is a {decoded.release} DWG ({decoded.version}), which the DWG reader "
                "decodes experimentally: check the zones it found, or save it as DWG 2000 or later",
                message_zh=f"图纸为 {decoded.release} 版 DWG（{decoded.version}），DWG 读取器仅试验性支持该版本："
                "请核对识别出的区域，或另存为 DWG 2000 及以上版本",
            )
        )
    if decoded.unknown:
        n = sum(decoded.unknown.values())
        out.append(
            Diagnostic(
                "FC009",
                f"{n} entities of types the DWG reader cannot decode were skipped "
                f"({_counts(decoded.unknown)}): explode them in CAD if they carry walls, rooms "
                "or room names, or save the drawing as DXF",
                message_zh=f"{n} 个 DWG 读取器无法解码的图元已跳过（{_counts(decoded.unknown)}）："
                "如其中含有墙体、房间或房间名称，请在 CAD 中分解（EXPLODE），或将图纸另存为 DXF",
                measured=float(n),
            )
        )
    broken = decoded.failed + decoded.dropped
    if broken:
        n = sum(broken.values())
        out.append(
            Diagnostic(
                "FC009",
                f"{n} entities could not be decoded from the DWG and were skipped "
                f"({_counts(broken)}): run AUDIT in CAD and save again, or save as DXF",
                message_zh=f"{n} 个图元无法从 DWG 中解码，已跳过（{_counts(broken)}）："
                "请在 CAD 中运行 AUDIT 后重新保存，或另存为 DXF",
                measured=float(n),
            )
        )
    if decoded.custom:
        n = sum(decoded.custom.values())
        tarch = any(
            k.upper().startswith("TCH_") or k == "ACAD_PROXY_ENTITY" for k in decoded.custom
        )
        fix = (
            "in TArch use 「图形导出」 (export to T3), or EXPLODE in AutoCAD, then save again"
            if tarch
            else "EXPLODE them in their application (or export a plain DWG/DXF), then save again"
        )
        fix_zh = (
            "请在天正中用「图形导出」导出为 T3 格式，或在 AutoCAD 中分解（EXPLODE）后重新保存"
            if tarch
            else "请在其所属软件中分解（EXPLODE）或导出为普通 DWG/DXF 后重新保存"
        )
        out.append(
            Diagnostic(
                "FC010",
                f"{n} custom objects of CAD applications cannot be read from a DWG "
                f"({_counts(decoded.custom)}): {fix}",
                message_zh=f"{n} 个 CAD 应用程序自定义对象无法从 DWG 中读取（{_counts(decoded.custom)}）：{fix_zh}",
                measured=float(n),
            )
        )
    return out


def load(
    path: str | Path,
    mapping: Any = None,
    units: str | None = None,
    region: Any = None,
    options: Any = None,
) -> Plan:
    """Read a DWG floor plan into a :class:`~floorcheck.model.Plan` (metres): the one floor plan
    of the drawing (a sheet of several needs ``region``; :func:`load_plans` gives them all).

    ``mapping`` is a mapping TOML (or a :class:`floorcheck.dxf.Mapping`); the shipped mappings
    whose layers the drawing uses apply first, as for DXF. ``units`` overrides ``$INSUNITS``.
    Raises :class:`floorcheck.InputError` for files it cannot use. Never writes.
    """
    from ..dxf import only_plan

    return only_plan(load_plans(path, mapping, units, region, options), str(path))


def load_plans(
    path: str | Path,
    mapping: Any = None,
    units: str | None = None,
    region: Any = None,
    options: Any = None,
) -> list[Plan]:
    """The floor plans of a DWG drawing, as :func:`floorcheck.dxf.load_plans` reads a DXF
    (``options``: :class:`floorcheck.dxf.ReadOptions`)."""
    from ..dxf import mapping_for, read_plans

    doc, decoded = read_dwg(path)
    mapping = mapping_for([layer.dxf.name for layer in doc.layers], mapping)
    plans = read_plans(doc, str(path), mapping, units, options=options, region=region)
    extra = tuple(diagnostics(decoded))
    return [p.with_(diagnostics=p.diagnostics + extra) for p in plans] if extra else plans
