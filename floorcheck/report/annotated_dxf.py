"""A copy of the drawing with every finding marked in place: a revision cloud and a note.

Everything floorcheck adds lives on layers FLOORCHECK-ERROR, -WARNING, -INFO (freeze the group
to hide it); the original entities, layers and blocks are untouched, and the input file is only
read. The copy is written to a temporary file and renamed, so it exists whole or not at all.
"""

from __future__ import annotations

from pathlib import Path

import ezdxf.revcloud
from shapely.geometry import Point

from ..findings import Report
from ..io import atomic_path

__all__ = ["write_annotated_dxf"]

_COLOURS = {"error": 1, "warning": 30, "info": 5}  # ACI red, orange, blue


def write_annotated_dxf(report: Report, source: str | Path, target: str | Path) -> Path:
    from ..readers import dxf_document

    doc = dxf_document(source)  # a DWG is converted: its annotated copy is a DXF
    scale = 1.0
    if report.plan is not None:
        scale = report.plan.units.scale_to_m or 1.0
    unit = 1.0 / scale  # drawing units per metre
    for severity, colour in _COLOURS.items():
        name = f"FLOORCHECK-{severity.upper()}"
        if name not in doc.layers:
            doc.layers.add(name, color=colour)
    msp = doc.modelspace()
    if "FLOORCHECK" not in doc.styles:
        doc.styles.add("FLOORCHECK", font="simhei.ttf")
    for number, f in enumerate(report.findings, 1):
        layer = f"FLOORCHECK-{f.severity.upper()}"
        if f.geometry is not None and not f.geometry.is_empty and f.geometry.area > 0:
            shape = f.geometry.envelope.buffer(0.3, join_style="mitre")
        elif f.location is not None:
            shape = Point(f.location).buffer(0.8, quad_segs=4)
        else:
            continue
        ring = [(x * unit, y * unit) for x, y in list(shape.exterior.coords)[:-1]]
        ezdxf.revcloud.add_entity(msp, ring, segment_length=0.5 * unit, dxfattribs={"layer": layer})
        x0, _, _, y1 = shape.bounds
        zh = f"\\P{f.message_zh}" if f.message_zh else ""
        note = f"{number}. {f.rule} {f.severity} {f.clause}{zh}\\P{f.message}"
        msp.add_mtext(
            note,
            dxfattribs={
                "layer": layer,
                "char_height": 0.25 * unit,
                "width": 8.0 * unit,
                "style": "FLOORCHECK",
                "attachment_point": 7,
            },
        ).set_location((x0 * unit, (y1 + 0.1) * unit))
    target = Path(target)
    with atomic_path(target) as tmp:
        doc.saveas(tmp)
    return target
