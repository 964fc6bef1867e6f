"""Build an IFC4 model of a sample hall with ifcopenshell.api — the BIM twin of a DXF sample.

samples/make_samples.py describes each hall once (a ``Layout`` in metres); this module turns
that description into what a BIM tool would export: a project, site, building and one storey
(``1F``); an ``IfcSpace`` per zone (LongName = the zone's name, an extruded body,
Qto_SpaceBaseQuantities.GrossFloorArea) and a GFA space for the hall outline; thin ``IfcWall``s
(10 mm, so that they stand where the DXF's single wall lines are) cut at the doors;
``IfcDoor``s placed at their hinge side with OverallWidth, named by their label and typed by
their tag; counters (``IfcFurniture`` "COUNTER" with an FC_Counter.TYPE), terminals, seat rows,
furniture and columns with box bodies; cameras as ``IfcAudioVisualAppliance`` CAMERA; signs as
proxies; and the hall's FC_ metadata as a property set on the storey. Model units: millimetres.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["build_model", "save_model"]

MM = 1000.0


def _api() -> Any:
    import ifcopenshell.api
    import ifcopenshell.api.aggregate
    import ifcopenshell.api.context
    import ifcopenshell.api.geometry
    import ifcopenshell.api.pset
    import ifcopenshell.api.root
    import ifcopenshell.api.spatial
    import ifcopenshell.api.unit

    return ifcopenshell.api


# The elevation (m) of the storey being built: every placement of its elements stands on it.
_LEVEL = [0.0]


def _placement(f: Any, product: Any, x: float, y: float, angle_deg: float = 0.0) -> None:
    a = math.radians(angle_deg)
    m = np.eye(4)
    m[0, 0], m[0, 1], m[1, 0], m[1, 1] = math.cos(a), -math.sin(a), math.sin(a), math.cos(a)
    m[0, 3], m[1, 3], m[2, 3] = x, y, _LEVEL[0]  # metres: is_si
    _api().geometry.edit_object_placement(f, product=product, matrix=m, is_si=True)


def _box(f: Any, body: Any, product: Any, x0: float, y0: float, x1: float, y1: float, h: float):
    """A box body in the product's own coordinates (metres in, millimetres stored)."""
    from ifcopenshell.util.shape_builder import ShapeBuilder

    b = ShapeBuilder(f)
    pts = [(x0 * MM, y0 * MM), (x1 * MM, y0 * MM), (x1 * MM, y1 * MM), (x0 * MM, y1 * MM)]
    solid = b.extrude(b.profile(b.polyline(pts, closed=True)), magnitude=h * MM)
    _api().geometry.assign_representation(
        f, product=product, representation=b.get_representation(body, [solid])
    )


def _pset(f: Any, product: Any, name: str, values: dict[str, Any]) -> None:
    api = _api()
    pset = api.pset.add_pset(f, product=product, name=name)
    api.pset.edit_pset(f, pset=pset, properties=values)


def _walls_and_doors(f: Any, body: Any, layout: Any, walls: list) -> list[Any]:
    api = _api()
    out = []
    for (ax, ay), (bx, by) in walls:
        length = math.hypot(bx - ax, by - ay)
        if length < 1e-6:
            continue
        angle = math.degrees(math.atan2(by - ay, bx - ax))
        t = 0.01
        wall = api.root.create_entity(f, ifc_class="IfcWall", name="墙")
        # the wall's body runs along local x from its placement, t thick on local +y: centre it
        nx, ny = -math.sin(math.radians(angle)), math.cos(math.radians(angle))
        _placement(f, wall, ax - nx * t / 2, ay - ny * t / 2, angle)
        rep = api.geometry.add_wall_representation(
            f, context=body, length=length, height=3.0, thickness=t
        )
        api.geometry.assign_representation(f, product=wall, representation=rep)
        out.append(wall)
    for x, y, w, angle, tag, label in layout.doors:
        door = api.root.create_entity(f, ifc_class="IfcDoor", name=label or tag)
        door.ObjectType = tag
        door.OverallWidth = w * MM
        door.OverallHeight = 2100.0
        rad = math.radians(angle)
        _placement(f, door, x - w / 2 * math.cos(rad), y - w / 2 * math.sin(rad), angle)
        out.append(door)
    return out


def _thing(
    f: Any, body: Any, cls: str, name: str, at: tuple[float, float, float], box=None, **kw: Any
) -> Any:
    thing = _api().root.create_entity(f, ifc_class=cls, name=name, **kw)
    _placement(f, thing, *at)
    if box is not None:
        _box(f, body, thing, *box)
    return thing


def _equipment(f: Any, body: Any, layout: Any) -> list[Any]:
    out = []
    for x, y, facing, kind in layout.windows:
        counter = _thing(f, body, "IfcFurniture", "COUNTER", (x, y, facing - 90), BOX_COUNTER)
        _pset(f, counter, "FC_Counter", {"TYPE": kind})
        out.append(counter)
    for x, y, direction, name in layout.cameras:
        cls = "IfcAudioVisualAppliance"
        out.append(_thing(f, body, cls, name, (x, y, direction), predefined_type="CAMERA"))
    for x, y, cross in layout.terminals:
        kiosk = _thing(f, body, "IfcFurniture", "自助终端", (x, y, 0.0), BOX_KIOSK)
        _pset(f, kiosk, "FC_Terminal", {"NOTE": "跨省通办" if cross else "综合自助"})
        out.append(kiosk)
    for x, y, count in layout.seats:
        seat = _thing(f, body, "IfcFurniture", "排椅", (x, y, 0.0), BOX_SEATS)
        _pset(f, seat, "FC_Seats", {"SEATS": count})
        out.append(seat)
    for x, y, kind in layout.signs:
        out.append(_thing(f, body, "IfcBuildingElementProxy", kind, (x, y, 0.0)))
    for x0, y0, x1, y1 in layout.obstacles:
        out.append(_thing(f, body, "IfcFurniture", "展柜", (0, 0, 0), (x0, y0, x1, y1, 1.0)))
    for x0, y0, x1, y1 in layout.columns:
        out.append(_thing(f, body, "IfcColumn", "柱", (0, 0, 0), (x0, y0, x1, y1, 3.0)))
    return out


BOX_COUNTER = (-0.8, -0.4, 0.8, 0.4, 1.1)
BOX_KIOSK = (-0.3, -0.25, 0.3, 0.25, 1.5)
BOX_SEATS = (-1.2, -0.3, 1.2, 0.3, 0.45)


def build_model(
    layout: Any,
    *,
    metadata: dict[str, Any] | None = None,
    storeys: list[tuple[str, float, Any]] | None = None,
) -> Any:
    """The IFC model (an ifcopenshell file) of ``layout`` (samples/make_samples.Layout) on
    storey ``1F``; ``storeys`` — (name, elevation m, layout) — builds several instead."""
    import ifcopenshell

    api = _api()
    f = ifcopenshell.file(schema="IFC4")
    project = api.root.create_entity(f, ifc_class="IfcProject", name=layout.title)
    api.unit.assign_unit(f)  # millimetres, square metres
    model = api.context.add_context(f, context_type="Model")
    body = api.context.add_context(
        f, context_type="Model", context_identifier="Body", target_view="MODEL_VIEW", parent=model
    )
    site = api.root.create_entity(f, ifc_class="IfcSite", name="Site")
    building = api.root.create_entity(f, ifc_class="IfcBuilding", name="政务服务中心")
    api.aggregate.assign_object(f, relating_object=project, products=[site])
    api.aggregate.assign_object(f, relating_object=site, products=[building])
    _LEVEL[0] = 0.0
    for p in (site, building):
        _placement(f, p, 0.0, 0.0)
    for name, elevation, lay in storeys or [("1F", 0.0, layout)]:
        _storey(f, body, building, name, elevation, lay, metadata)
    _LEVEL[0] = 0.0
    return f


def _storey(
    f: Any, body: Any, building: Any, name: str, elevation: float, layout: Any, metadata: Any
) -> None:
    import make_samples as ms

    api = _api()
    storey = api.root.create_entity(f, ifc_class="IfcBuildingStorey", name=name)
    storey.Elevation = elevation * MM
    api.aggregate.assign_object(f, relating_object=building, products=[storey])
    _LEVEL[0] = elevation
    _placement(f, storey, 0.0, 0.0)
    meta = {k[3:]: v for k, v in layout.header.items() if k.startswith("FC_")}
    meta.update(metadata or {})
    if meta:
        _pset(f, storey, "FC_Hall", {k.title(): _typed(v) for k, v in meta.items()})

    def space(label: str, rect: tuple[float, float, float, float], number: str, gfa: bool = False):
        x0, y0, x1, y1 = rect
        s = api.root.create_entity(f, ifc_class="IfcSpace", name=number)
        s.LongName = label
        if gfa:
            s.PredefinedType = "GFA"
        api.aggregate.assign_object(f, relating_object=storey, products=[s])
        _placement(f, s, 0.0, 0.0)
        _box(f, body, s, x0, y0, x1, y1, 3.0)
        qto = api.pset.add_qto(f, product=s, name="Qto_SpaceBaseQuantities")
        api.pset.edit_qto(f, qto=qto, properties={"GrossFloorArea": (x1 - x0) * (y1 - y0)})

    if layout.outline:
        space("办事大厅", layout.outline, f"{name}-000", gfa=True)
    for i, (label, rect) in enumerate(layout.zones, 1):
        space(label, rect, f"{name}-{100 + i}")
    contained = _walls_and_doors(f, body, layout, ms._cut(layout.walls, layout.doors))
    contained += _equipment(f, body, layout)
    api.spatial.assign_container(f, products=contained, relating_structure=storey)


def _typed(value: Any) -> Any:
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text


def save_model(layout: Any, path: str | Path, **kwargs: Any) -> Path:
    build_model(layout, **kwargs).write(str(path))
    return Path(path)
