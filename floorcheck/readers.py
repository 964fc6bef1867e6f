"""Which reader a file needs, by what the file holds: DXF, DWG or IFC.

The reader is chosen by the file's first bytes, not its name: a DWG starts with its version
(``AC1015`` …), an IFC model in STEP physical file format with ``ISO-10303-21;``, a binary DXF
with ``AutoCAD Binary DXF``; anything else goes to the DXF reader, which says clearly what a
file is when it is not a drawing (a PDF, an image …). Every reader gives the same
:class:`~floorcheck.model.Plan`; nothing downstream knows where a plan came from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError, UnreadableFile, UnsupportedFormat, detail_zh
from .model import Plan

__all__ = ["Kind", "sniff", "load", "load_plans", "dxf_document", "EXTENSIONS", "crop"]

Kind = Literal["dxf", "dwg", "ifc"]
# What a folder is searched for in batch mode.
EXTENSIONS = (".dxf", ".dwg", ".ifc")

Region = int | str | tuple[float, float, float, float]


def sniff(path: str | Path) -> Kind:
    """The reader ``path`` needs, from its first bytes (its name only breaks no tie).

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "plan.dxf")
    ...     _ = open(p, "wb").write(b"AC1032" + bytes(200))
    ...     sniff(p)
    'dwg'
    """
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(
            "no such file",
            str(path),
            "check the path",
            message_zh="文件不存在",
            hint_zh="请检查路径",
        )
    if path.is_dir():
        raise UnreadableFile(
            "is a folder, not a drawing",
            str(path),
            "name a .dxf, .dwg or .ifc file, or use 'floorcheck check FOLDER'",
            message_zh="这是文件夹，不是图纸",
            hint_zh="请指定 .dxf、.dwg 或 .ifc 文件，或用 floorcheck check 检查整个文件夹",
        )
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise UnreadableFile(
            f"cannot be read ({exc.strerror or exc})",
            str(path),
            "check its permissions",
            message_zh=f"无法读取（{detail_zh(exc.strerror or str(exc))}）",
            hint_zh="请检查文件权限",
        ) from None
    if re.match(rb"AC[0-9.]{4}", head):  # AC1015 … (and AC1.50, AC2.10 of the 1980s)
        return "dwg"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"ISO-10303-21"):
        return "ifc"
    suffix = path.suffix.lower()
    if suffix in (".ifc", ".ifcxml", ".ifczip"):
        what, what_zh = (
            ("an ifcXML model", "是 ifcXML 格式的模型")
            if text.startswith(b"<")
            else ("a zipped IFC model", "是压缩的 IFC 模型")
            if head.startswith(b"PK")
            else (
                "not an IFC model in STEP format (it does not start with ISO-10303-21;)",
                "不是 STEP 格式的 IFC 模型（文件不以 ISO-10303-21; 开头）",
            )
        )
        raise UnsupportedFormat(
            f"is {what}",
            str(path),
            "export the model as IFC (STEP physical file, .ifc) from your BIM tool",
            message_zh=what_zh,
            hint_zh="请在 BIM 软件中将模型导出为 IFC（STEP 物理文件，.ifc）",
        )
    return "dxf"


def crop(plan: Plan, region: Region, path: str) -> Plan:
    """The plan cut to one region (its number in ``floorcheck zones``, or a window in metres)."""
    from .geometry.regions import crop as crop_plan
    from .geometry.regions import find_regions, region_arg

    region = region_arg(region, path)
    if isinstance(region, int):
        found = find_regions(plan)
        if not 1 <= region <= len(found):
            listing = "; ".join(f"{r.index}: {r.text} ({r.zones} zones)" for r in found)
            listing_zh = "；".join(f"{r.index}：{r.text}（{r.zones} 个功能区）" for r in found)
            raise ConfigError(
                f"has {len(found)} plan region(s), not {region}",
                path,
                f"regions: {listing or 'none'}",
                message_zh=f"只有 {len(found)} 个平面区域，没有第 {region} 个",
                hint_zh=f"区域：{listing_zh or '无'}",
            )
        return crop_plan(plan, found[region - 1].bounds)
    # a window is given in the drawing's coordinates; the plan may be read relative to an origin
    x0, y0, x1, y1 = (float(v) for v in region)
    ox, oy = plan.origin
    return crop_plan(plan, (x0 - ox, y0 - oy, x1 - ox, y1 - oy))


def _no_layout(kind: Kind, layout: str | None, path: str) -> None:
    if layout is not None:
        raise ConfigError(
            f"--layout reads a layout of a DXF drawing; this file is {'a DWG' if kind == 'dwg' else 'an IFC model'}",
            path,
            "leave out --layout (the DWG's modelspace is read), or save the layout as DXF",
            message_zh="--layout 只用于读取 DXF 图纸的布局；此文件是"
            + ("DWG 图纸" if kind == "dwg" else " IFC 模型"),
            hint_zh="请去掉 --layout（DWG 读取模型空间），或将该布局另存为 DXF",
        )


def load_plans(
    path: str | Path,
    mapping: Any = None,
    units: str | None = None,
    *,
    layout: str | None = None,
    region: Region | None = None,
    storey: str | None = None,
    options: Any = None,
) -> list[Plan]:
    """Every plan ``path`` holds: the storeys of an IFC model; the floor plans of a drawing
    (one per floor plan that holds rooms, sections and elevations left out)."""
    name = str(path)
    kind = sniff(path)
    if storey is not None and kind != "ifc":
        raise ConfigError(
            "--storey selects a storey of an IFC model; this file is a drawing",
            name,
            "leave out --storey (use --region for one of several plans on a sheet)",
            message_zh="--storey 用于选择 IFC 模型的楼层；此文件是图纸",
            hint_zh="请去掉 --storey（一张图上有多个平面时用 --region 选择）",
        )
    if kind == "dxf":
        from .dxf import load_plans as load_dxf

        return load_dxf(
            path, mapping=mapping, units=units, layout=layout, region=region, options=options
        )
    _no_layout(kind, layout, name)
    if kind == "dwg":
        from .dwg import load_plans as load_dwg

        return load_dwg(path, mapping=mapping, units=units, region=region, options=options)
    from .ifc import load_plans as load_ifc

    plans = load_ifc(path, mapping=mapping, storey=storey)
    return [p if region is None else crop(p, region, name) for p in plans]


def load(
    path: str | Path,
    mapping: Any = None,
    units: str | None = None,
    *,
    layout: str | None = None,
    region: Region | None = None,
    storey: str | None = None,
    options: Any = None,
) -> Plan:
    """The one plan ``path`` holds; an IFC model of several storeys needs ``storey``, a sheet of
    several floor plans ``region``."""
    plans = load_plans(
        path, mapping, units, layout=layout, region=region, storey=storey, options=options
    )
    if len(plans) > 1 and sniff(path) != "ifc":
        from .dxf import only_plan

        return only_plan(plans, str(path))
    if len(plans) > 1:
        names = ", ".join(p.part for p in plans)
        raise ConfigError(
            f"holds {len(plans)} storeys ({names})",
            str(path),
            "name one with --storey NAME (or its elevation in metres); 'floorcheck check' checks each",
            message_zh=f"包含 {len(plans)} 个楼层（{'、'.join(p.part for p in plans)}）",
            hint_zh="请用 --storey 楼层名（或标高，单位 m）指定其一；floorcheck check 会逐层检查",
        )
    return plans[0]


def dxf_document(path: str | Path) -> Any:
    """The drawing as an ezdxf document, to annotate: a DXF as read, a DWG as converted."""
    kind = sniff(path)
    if kind == "dwg":
        from .dwg import dxf_document as dwg_document

        return dwg_document(path)
    if kind == "ifc":
        raise ConfigError(
            "is an IFC model: there is no drawing to annotate",
            str(path),
            "hand the findings to your BIM tool with --format bcf -o findings.bcfzip",
            message_zh="是 IFC 模型，没有可批注的图纸",
            hint_zh="请用 --format bcf -o findings.bcfzip 将问题交给 BIM 软件",
        )
    from .dxf.open import open_dxf

    doc, _ = open_dxf(path)
    return doc
