"""BCF (BIM Collaboration Format) 2.1: the findings as topics a BIM viewer opens in place.

One ``.bcfzip`` holds every report given (every storey, every file): per finding a topic
folder with ``markup.bcf`` (title, description in the report's language, priority from the
severity, labels with the rule code, severity and clause of the guide) and ``viewpoint.bcfv``
(an orthogonal camera looking straight down at the finding, a clipping plane just above the
storey's floor so the storeys above do not hide it, and the IFC GlobalIds of the spaces and
doors involved, selected). It works from the report's data alone, so a report read back from
JSON writes the same topics. BCF 2.1 is what current BIM viewers (BIMcollab, Solibri, Revit's
and ArchiCAD's BCF managers, BlenderBIM/Bonsai) import; the files validate against
buildingSMART's BCF 2.1 XSDs (tests/test_dwg_ifc_bcf.py).
"""

from __future__ import annotations

import math
import uuid
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

from ..findings import Finding, Report
from ..i18n import caption, clause, limit_line
from ..io import atomic_path

__all__ = ["write_bcf", "bcf_entries", "topic_count", "PRIORITY"]

PRIORITY = {"error": "Critical", "warning": "Major", "info": "Minor"}
_TYPE = {"error": "Error", "warning": "Warning", "info": "Info"}
_NS = uuid.UUID("6f0c2b4e-6d1d-4b44-9a57-5a3c1e6b0f14")  # floorcheck's namespace for topic ids
_CLIP_ABOVE_M = 1.5  # the plan's cut: everything higher than this above the floor is clipped
_DOOR_NEAR_M = 1.5


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _point(parent: ET.Element, tag: str, xyz: tuple[float, float, float]) -> None:
    el = _sub(parent, tag)
    for axis, v in zip("XYZ", xyz, strict=True):
        _sub(el, axis, repr(float(v)))


def _focus(f: Finding, report: Report) -> tuple[float, float, float] | None:
    """Where the finding is (x, y, in the drawing's frame) and how much around it to show (m)."""
    at = _plan_focus(f, report)
    if at is None:
        return None
    x, y = report.world((at[0], at[1]))
    return x, y, at[2]


def _plan_focus(f: Finding, report: Report) -> tuple[float, float, float] | None:
    """Where the finding is (x, y, in the plan's frame) and how much around it to show (m)."""
    zones = {z["id"]: z for z in report.zones}
    if f.geometry is not None and not f.geometry.is_empty:
        x0, y0, x1, y1 = f.geometry.bounds
        if all(math.isfinite(v) for v in (x0, y0, x1, y1)):
            return (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0)
    if f.location is not None:
        return f.location[0], f.location[1], 0.0
    cents = [zones[z]["centroid"] for z in f.zones if z in zones]
    if cents:
        xs, ys = [c[0] for c in cents], [c[1] for c in cents]
        return sum(xs) / len(xs), sum(ys) / len(ys), max(max(xs) - min(xs), max(ys) - min(ys))
    if report.zones:
        xs = [z["centroid"][0] for z in report.zones]
        ys = [z["centroid"][1] for z in report.zones]
        return (
            (min(xs) + max(xs)) / 2,
            (min(ys) + max(ys)) / 2,
            max(max(xs) - min(xs), max(ys) - min(ys)),
        )
    return None


def _guids(f: Finding, report: Report) -> list[str]:
    """GlobalIds of the spaces the finding names and of the doors at its place."""
    out = [z["guid"] for z in report.zones if z.get("guid") and z["id"] in f.zones]
    from shapely.geometry import Point
    from shapely.geometry.base import BaseGeometry

    where: BaseGeometry | None = None  # doors at the finding's own place, not a fallback view
    if f.geometry is not None and not f.geometry.is_empty:
        where = f.geometry
    elif f.location is not None:
        where = Point(*f.location)
    if where is not None:
        out.extend(
            d["guid"]
            for d in report.doors
            if d.get("guid") and where.distance(Point(*d["position"])) <= _DOOR_NEAR_M
        )
    return list(dict.fromkeys(out))


def _viewpoint(guid: str, f: Finding, report: Report) -> bytes:
    root = ET.Element(
        "VisualizationInfo",
        {"Guid": guid, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance"},
    )
    focus = _focus(f, report)
    components = _sub(root, "Components")
    ids = _guids(f, report)
    if ids:
        selection = _sub(components, "Selection")
        for g in ids:
            _sub(selection, "Component", IfcGuid=g)
    _sub(components, "Visibility", DefaultVisibility="true")
    floor = float(report.hall.get("elevation_m", 0.0) or 0.0)
    if focus is not None:
        x, y, size = focus
        camera = _sub(root, "OrthogonalCamera")
        _point(camera, "CameraViewPoint", (x, y, floor + 10.0))
        _point(camera, "CameraDirection", (0.0, 0.0, -1.0))
        _point(camera, "CameraUpVector", (0.0, 1.0, 0.0))
        _sub(camera, "ViewToWorldScale", repr(float(max(8.0, 1.5 * size))))
        planes = _sub(root, "ClippingPlanes")
        plane = _sub(planes, "ClippingPlane")
        _point(plane, "Location", (x, y, floor + _CLIP_ABOVE_M))
        _point(plane, "Direction", (0.0, 0.0, 1.0))  # points into the clipped half-space
    return _xml(root)


def _markup(
    topic: str, view: str, index: int, f: Finding, report: Report, lang: str, now: str
) -> bytes:
    root = ET.Element("Markup", {"xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance"})
    header = _sub(root, "Header")
    file_el = _sub(header, "File", isExternal="true")
    _sub(file_el, "Filename", Path(report.file).name if report.file else "plan")
    t = _sub(root, "Topic", Guid=topic, TopicType=_TYPE[f.severity], TopicStatus="Open")
    where = f" [{report.part}]" if report.part else ""
    text = caption(f, lang, located=False)
    first = f.text(lang).split("；")[0].split("; ")[0]
    title = f"{f.rule}{where}: {first}"
    _sub(t, "Title", title if len(title) <= 160 else title[:159] + "…")
    _sub(t, "Priority", PRIORITY[f.severity])
    _sub(t, "Index", str(index))
    # the rules the cause also breaks are labels too: a BCF filter by rule finds the topic
    for label in (f.rule, *(r.rule for r in f.related), f.severity, f.clause):
        if label:
            _sub(t, "Labels", label)
    _sub(t, "CreationDate", now)
    _sub(t, "CreationAuthor", "floorcheck")
    details = [text]
    limit = limit_line(f, lang)
    if lang == "zh":
        if f.clause:
            details.append(f"依据：长春市政务服务中心标准化建设指南 {f.clause}")
        if f.measured is not None:
            details.append(f"实测：{round(f.measured, 2):g}")
    else:
        if f.clause:
            details.append(f"Clause: Changchun guide {clause(f.clause, 'en')}")
        if f.measured is not None:
            details.append(f"Measured: {round(f.measured, 2):g}")
    if limit:
        details.append(limit)
    _sub(t, "Description", "\n".join(details))
    vp = _sub(root, "Viewpoints", Guid=view)
    _sub(vp, "Viewpoint", "viewpoint.bcfv")
    return _xml(root)


def _version() -> bytes:
    root = ET.Element(
        "Version",
        {"VersionId": "2.1", "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance"},
    )
    _sub(root, "DetailedVersion", "2.1")
    return _xml(root)


def _project(reports: Sequence[Report]) -> bytes:
    root = ET.Element("ProjectExtension")
    names = sorted({Path(r.file).stem for r in reports if r.file}) or ["floorcheck"]
    project_id = str(uuid.uuid5(_NS, "|".join(names)))
    project = _sub(root, "Project", ProjectId=project_id)
    _sub(project, "Name", "floorcheck: " + ", ".join(names))
    _sub(root, "ExtensionSchema", "")
    return _xml(root)


def bcf_entries(reports: Sequence[Report], lang: str = "en") -> dict[str, bytes]:
    """The files of the BCF archive, by path inside it."""
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    files: dict[str, bytes] = {"bcf.version": _version(), "project.bcfp": _project(reports)}
    index = 0
    for report in reports:
        for n, f in enumerate(report.findings, 1):
            index += 1
            key = f"{report.file}|{report.part}|{n}|{f.rule}|{f.message}"
            topic = str(uuid.uuid5(_NS, key))
            view = str(uuid.uuid5(_NS, key + "|viewpoint"))
            files[f"{topic}/markup.bcf"] = _markup(topic, view, index, f, report, lang, now)
            files[f"{topic}/viewpoint.bcfv"] = _viewpoint(view, f, report)
    return files


def write_bcf(
    reports: Sequence[Report], path: str | Path, lang: str = "en", *, mkdir: bool = False
) -> Path:
    """Write every finding of ``reports`` as a BCF 2.1 archive at ``path``, whole or not at all
    (never over one of the reports' own files)."""
    entries = bcf_entries(reports, lang)
    target = Path(path)
    with atomic_path(target, [r.file for r in reports if r.file], mkdir=mkdir) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries.items():
                zf.writestr(name, data)
    return target


def topic_count(path: str | Path) -> int:
    """How many topics a BCF archive holds (for messages and tests)."""
    with zipfile.ZipFile(path) as zf:
        return sum(1 for n in zf.namelist() if n.endswith("/markup.bcf"))
