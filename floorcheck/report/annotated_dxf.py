"""A copy of the drawing with every finding marked in place: a revision cloud and a note.

Everything floorcheck adds lives on layers FLOORCHECK-ERROR, -WARNING, -INFO (freeze the group
to hide it); the original entities, layers and blocks are untouched, and the input file is only
read. The copy is written to a temporary file and renamed, so it exists whole or not at all.

Proposed cameras (``report.suggestions["cameras"]``, from ``floorcheck suggest cameras``) are
camera blocks on layer FLOORCHECK-SUGGEST: blocks named ``FC-SUGGEST-枪机`` (fixed) and
``FC-SUGGEST-球机`` (PTZ), inserted at the camera with its direction as rotation and FOV and
RANGE attributes — what floorcheck's reader recognises as cameras, so the copy read back is the
plan with the cameras added. ``write_suggested_dxf`` writes the copy with the cameras alone.
"""

from __future__ import annotations

import math
from pathlib import Path

import ezdxf.revcloud
from ezdxf.document import Drawing
from shapely.geometry import Point

from ..dxf.open import open_dxf
from ..findings import Report
from ..io import atomic_path

__all__ = ["write_annotated_dxf", "write_suggested_dxf", "add_suggested_cameras"]

SUGGEST_LAYER = "FLOORCHECK-SUGGEST"
_SUGGEST_BLOCKS = {"fixed": "FC-SUGGEST-枪机", "ptz": "FC-SUGGEST-球机"}

_COLOURS = {"error": 1, "warning": 30, "info": 5}  # ACI red, orange, blue


def write_annotated_dxf(report: Report, source: str | Path, target: str | Path) -> Path:
    doc, _ = open_dxf(source)
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
    add_suggested_cameras(doc, report, unit)
    target = Path(target)
    with atomic_path(target) as tmp:
        doc.saveas(tmp)
    return target


def _camera_blocks(doc: Drawing, unit: float) -> None:
    """The two proposed-camera blocks, drawn in drawing units: a disc, the viewing direction
    along the block's +X and, for the fixed camera, the edges of its 90° field of view."""
    for kind, name in _SUGGEST_BLOCKS.items():
        if name in doc.blocks:
            continue
        blk = doc.blocks.new(name)
        blk.add_circle((0, 0), 0.15 * unit)
        blk.add_line((0, 0), (0.6 * unit, 0))
        if kind == "fixed":
            for a in (-45.0, 45.0):
                r = math.radians(a)
                blk.add_line((0, 0), (0.5 * unit * math.cos(r), 0.5 * unit * math.sin(r)))
        else:
            blk.add_circle((0, 0), 0.3 * unit)
        blk.add_attdef("FOV", (0, -0.3 * unit), dxfattribs={"height": 0.1 * unit})
        blk.add_attdef("RANGE", (0, -0.45 * unit), dxfattribs={"height": 0.1 * unit})
        blk.add_attdef("SUGGEST", (0, 0.2 * unit), dxfattribs={"height": 0.2 * unit})


def add_suggested_cameras(
    doc: Drawing, report: Report, unit: float, camera_forward: str = "+X"
) -> int:
    """Insert the report's proposed cameras into ``doc``'s modelspace; returns how many.
    ``camera_forward`` is the mapping's convention ("+Y": a camera block looks along its +Y)."""
    proposed = ((report.suggestions or {}).get("cameras") or {}).get("proposed") or []
    if not proposed:
        return 0
    if SUGGEST_LAYER not in doc.layers:
        doc.layers.add(SUGGEST_LAYER, color=6)
    _camera_blocks(doc, unit)
    turn = -90.0 if camera_forward.upper() == "+Y" else 0.0
    msp = doc.modelspace()
    for cam in proposed:
        x, y = cam["position"]
        ref = msp.add_blockref(
            _SUGGEST_BLOCKS[cam["kind"]],
            (x * unit, y * unit),
            dxfattribs={"layer": SUGGEST_LAYER, "rotation": (cam["direction_deg"] + turn) % 360},
        )
        ref.add_auto_attribs(
            {
                "FOV": f"{cam['fov_deg']:g}",
                "RANGE": f"{cam['range_m']:g}",
                "SUGGEST": str(cam["id"]),
            }
        )
    return len(proposed)


def write_suggested_dxf(
    report: Report, source: str | Path, target: str | Path, camera_forward: str = "+X"
) -> Path:
    """A copy of the drawing with the proposed cameras added (and nothing else)."""
    doc, _ = open_dxf(source)
    scale = report.plan.units.scale_to_m if report.plan is not None else 1.0
    add_suggested_cameras(doc, report, 1.0 / (scale or 1.0), camera_forward)
    target = Path(target)
    with atomic_path(target) as tmp:
        doc.saveas(tmp)
    return target
