"""IFC models (BIM): one plan per storey, through ifcopenshell.

What becomes what (docs/ifc.md has the full table):

- each ``IfcBuildingStorey`` is a plan (``Plan.part`` = its name);
- ``IfcSpace`` → a zone: its footprint (the space's body projected onto the floor), typed by
  its LongName, then its Name, through the zone vocabulary and a mapping's ``[labels]``; a space
  named as the hall (办事大厅 …) or of type GFA is the hall outline;
- ``IfcDoor`` → a door: width from OverallWidth, middle of the opening from the opening it
  fills (else its body, else its placement), entrance when one side of it lies outside the
  storey's spaces or ``Pset_DoorCommon.IsExternal``, exit by ``FireExit``, automatic by
  ``HasDrive``, main entrance and staff-only by its name;
- ``IfcWall``/``IfcCurtainWall`` → wall lines and ``IfcColumn`` → columns, both cut 1.0 m above
  the storey as a plan is drawn; openings in the storey's slabs and stairs → obstacles;
- counters, terminals, seats, cameras and signs → by ``PredefinedType``/``ObjectType``/``Name``
  matched against the same block vocabulary as DXF block names (``[blocks]`` of a mapping);
  other furniture → obstacles;
- level, staff, peak visitors … from a property set named ``FC_…`` (or properties named
  ``FC_LEVEL`` …) on the storey, the building or the project; the storey number from the
  storeys' elevations; ``Pset_BuildingCommon.NumberOfStoreys``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..errors import BrokenIfc, ConfigError, InputError, detail_zh
from ..model import (
    Camera,
    Diagnostic,
    Door,
    Metadata,
    Obstacle,
    Plan,
    Seat,
    Sign,
    Terminal,
    UnitsInfo,
    Window,
    Zone,
)
from ..vocab import match_window_kind, match_zone_type
from .geometry import Mesh, footprint, local_box, section, section_polygons

__all__ = ["load_plans", "storeys", "CUT_HEIGHT_M"]

CUT_HEIGHT_M = 1.0  # where a plan cuts walls and columns, above the storey's floor

_MAIN_ENTRANCE = re.compile(
    r"主入口|主出入口|^入口|出入口|MAIN\s*ENTRANCE|^ENTRANCE|大门", re.IGNORECASE
)
_STAFF = re.compile(r"员工|内部|职工|工作人员|STAFF|办公专用", re.IGNORECASE)
_AUTO = re.compile(r"自动|AUTO|感应|(^|\W)ZM", re.IGNORECASE)
_EXIT = re.compile(r"安全出口|紧急出口|疏散|EXIT", re.IGNORECASE)
_PTZ = re.compile(r"球机|PTZ|动点|SPEED\s*DOME|DOME", re.IGNORECASE)
_FLOOR_SIGN = re.compile(r"楼层指示|楼层导视|楼层索引|FLOOR\s*DIRECTORY", re.IGNORECASE)
_TERMINAL = re.compile(r"自助终端|自助机|KIOSK|一体机|TERMINAL", re.IGNORECASE)
_CROSS = "跨省通办"

_META_TYPES: dict[str, Any] = {
    "LEVEL": str,
    "POPULATION": int,
    "FLOOR": int,
    "ELEVATOR": bool,
    "STOREYS": int,
    "STAFF": int,
    "STAFF_MALE": int,
    "STAFF_FEMALE": int,
    "PEAK_VISITORS": int,
    "CROWDED": bool,
    "EXISTING_BUILDING": bool,
}
# Classes whose instances may be counters, terminals, seats, cameras or signs (by name/type).
_EQUIPMENT = (
    "IfcFurnishingElement",
    "IfcAudioVisualAppliance",
    "IfcSensor",
    "IfcCommunicationsAppliance",
    "IfcFlowTerminal",
    "IfcBuildingElementProxy",
    "IfcDiscreteAccessory",
    "IfcSign",
)


def _by_type(f: Any, name: str) -> list[Any]:
    try:
        return list(f.by_type(name))
    except RuntimeError:  # the class is not in this schema (IfcSign before IFC4.3 …)
        return []


def _open(path: str | Path) -> Any:
    import ifcopenshell

    try:
        return ifcopenshell.open(str(path))
    except Exception as exc:  # noqa: BLE001 - any parser failure is a broken model
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise BrokenIfc(
            f"could not be read as IFC ({text[:140]})",
            str(path),
            "export the model again from your BIM tool (IFC 2x3 or IFC4, .ifc)",
            message_zh=f"无法作为 IFC 模型读取（解析器报告：{detail_zh(text[:140])}）",
            hint_zh="请在 BIM 软件中重新导出模型（IFC 2x3 或 IFC4，.ifc）",
        ) from None


def _matrix(placement: Any, scale: float) -> np.ndarray:
    import ifcopenshell.util.placement as up

    m = np.array(up.get_local_placement(placement), dtype=float) if placement else np.eye(4)
    m[:3, 3] *= scale
    return m


def _frame(el: Any, scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Plan origin, local x and y axes (unit vectors) and z of an element's placement."""
    m = _matrix(el.ObjectPlacement, scale)
    u = m[:2, 0]
    n = float(np.hypot(*u))
    u = u / n if n > 1e-12 else np.array([1.0, 0.0])
    v = np.array([-u[1], u[0]])
    if m[2, 2] < 0:  # mirrored placement: local y points the other way
        v = -v
    elif np.hypot(*m[:2, 1]) > 1e-12 and float(np.dot(m[:2, 1], v)) < 0:
        v = -v
    return m[:2, 3].copy(), u, v, float(m[2, 3])


def _props(el: Any) -> dict[str, dict[str, Any]]:
    import ifcopenshell.util.element as ue

    try:
        return ue.get_psets(el)
    except Exception:  # noqa: BLE001 - a malformed property set reads as none
        return {}


def _text(*values: Any) -> str:
    return " ".join(str(v) for v in values if v)


def _name_of(el: Any) -> str:
    return _text(getattr(el, "Name", None), getattr(el, "ObjectType", None))


def _predefined(el: Any) -> str:
    value = getattr(el, "PredefinedType", None)
    return str(value or "").upper()


def storeys(f: Any) -> list[Any]:
    """The model's storeys, lowest first."""
    found = _by_type(f, "IfcBuildingStorey")
    return sorted(found, key=lambda s: (float(s.Elevation or 0.0), s.id()))


def _storey_of(el: Any, cache: dict[int, Any]) -> Any | None:
    import ifcopenshell.util.element as ue

    key = el.id()
    if key in cache:
        return cache[key]
    found = None
    cur, seen = el, set()
    while cur is not None and cur.id() not in seen:
        seen.add(cur.id())
        if cur.is_a("IfcBuildingStorey"):
            found = cur
            break
        parent = ue.get_container(cur) if not cur.is_a("IfcSpatialStructureElement") else None
        if parent is None:
            parent = ue.get_aggregate(cur)
        if parent is None and cur.is_a("IfcOpeningElement"):
            voided = getattr(cur, "VoidsElements", None)
            parent = voided[0].RelatingBuildingElement if voided else None
        if parent is None and cur.is_a("IfcElement"):
            fills = getattr(cur, "FillsVoids", None)
            if fills:
                parent = fills[0].RelatingOpeningElement
        cur = parent
    cache[key] = found
    return found


def _meshes(f: Any, elements: list[Any]) -> dict[int, Mesh]:
    """Every element's body as triangles in world coordinates (metres)."""
    import multiprocessing

    import ifcopenshell.geom

    out: dict[int, Mesh] = {}
    if not elements:
        return out
    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    try:
        it = ifcopenshell.geom.iterator(
            settings, f, max(1, min(4, multiprocessing.cpu_count())), include=elements
        )
    except Exception:  # noqa: BLE001 - no geometry at all: callers use placements
        return out
    if not it.initialize():
        return out
    while True:
        shape = it.get()
        verts = np.asarray(shape.geometry.verts, dtype=float).reshape(-1, 3)
        faces = np.asarray(shape.geometry.faces, dtype=np.int64).reshape(-1, 3)
        if len(verts) and np.isfinite(verts).all():
            out[int(shape.id)] = Mesh(verts, faces)
        if not it.next():
            break
    return out


def _parse_meta(raw: Any, key: str, source: str) -> Any:
    kind = _META_TYPES[key]
    try:
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in ("1", "true", "yes", "y", "是", "有", ".t.")
        if kind is int:
            return int(float(raw))
        return str(raw).strip().lower()
    except (TypeError, ValueError):
        kind_zh = {"bool": "是/否值", "int": "整数", "str": "文字"}[kind.__name__]
        raise ConfigError(
            f"property FC_{key}={raw!r} is not a {kind.__name__}",
            source,
            message_zh=f"属性 FC_{key}={raw!r} 不是{kind_zh}",
        ) from None


def _fc_values(el: Any, source: str) -> dict[str, Any]:
    """FC_ metadata of one object: properties of a pset named FC_…, or properties FC_<KEY>."""
    values: dict[str, Any] = {}
    for pset, props in _props(el).items():
        in_fc = pset.upper().startswith("FC_") or pset.upper() == "FLOORCHECK"
        for prop, raw in props.items():
            if prop == "id" or raw is None:
                continue
            key = prop.upper().replace(" ", "_")
            if key.startswith("FC_"):
                key = key[3:]
            elif not in_fc:
                continue
            if key in _META_TYPES:
                values[key.lower()] = _parse_meta(raw, key, source)
    return values


def _metadata(f: Any, storey: Any, levels: list[Any], source: str) -> Metadata:
    values: dict[str, Any] = {}
    for b in _by_type(f, "IfcBuilding"):
        n = _props(b).get("Pset_BuildingCommon", {}).get("NumberOfStoreys")
        if isinstance(n, int | float) and n > 0:
            values["storeys"] = int(n)
    above = [s for s in levels if float(s.Elevation or 0.0) >= -0.5 * _unit(f)]
    ground = above[0] if above else levels[0]
    if "storeys" not in values and above:
        values["storeys"] = len(above)
    gi, si = levels.index(ground), levels.index(storey)
    values["floor"] = si - gi + 1 if si >= gi else si - gi
    if _by_type(f, "IfcTransportElement"):
        lifts = [
            t
            for t in _by_type(f, "IfcTransportElement")
            if _predefined(t) in ("ELEVATOR", "") or "电梯" in _name_of(t)
        ]
        if lifts:
            values["elevator"] = True
    for owner in (*_by_type(f, "IfcProject"), *_by_type(f, "IfcBuilding"), storey):
        values.update(_fc_values(owner, source))
    return Metadata(**values)


def _unit(f: Any) -> float:
    """Model length units per metre (1000 for a model in millimetres)."""
    import ifcopenshell.util.unit as uu

    scale = float(uu.calculate_unit_scale(f) or 1.0)
    return 1.0 / scale if scale > 0 else 1.0


def _pick_storeys(levels: list[Any], wanted: str | None, scale: float, source: str) -> list[Any]:
    if wanted is None:
        return levels
    key = wanted.strip()
    hits = [
        s
        for s in levels
        if key.lower() in {str(s.Name or "").strip().lower(), str(s.LongName or "").strip().lower()}
    ]
    if not hits:
        try:
            z = float(key)
        except ValueError:
            z = None
        if z is not None:
            hits = [s for s in levels if abs(float(s.Elevation or 0.0) * scale - z) <= 0.05]
    if not hits:
        listing = ", ".join(
            f"{s.Name or '?'} ({float(s.Elevation or 0.0) * scale:g} m)" for s in levels
        )
        listing_zh = "、".join(
            f"{s.Name or '?'}（{float(s.Elevation or 0.0) * scale:g} m）" for s in levels
        )
        raise ConfigError(
            f"has no storey named {wanted!r}",
            source,
            f"storeys: {listing or 'none'}; name one, or give its elevation in metres",
            message_zh=f"没有名为 {wanted!r} 的楼层",
            hint_zh=f"楼层：{listing_zh or '无'}；请指定其一，或给出其标高（单位 m）",
        )
    return hits[:1]


def load_plans(path: str | Path, mapping: Any = None, storey: str | None = None) -> list[Plan]:
    """One :class:`~floorcheck.model.Plan` per storey of the IFC model at ``path`` (the one
    named by ``storey`` — its name or elevation in metres — when given). ``mapping`` is a
    mapping TOML (or a :class:`floorcheck.dxf.Mapping`): its ``[labels]`` name zone types and its
    ``[blocks]`` patterns name equipment. Raises :class:`floorcheck.InputError`. Never writes."""
    from ..dxf.mapping import Mapping, load_mapping

    source = str(path)
    try:
        mp = mapping if isinstance(mapping, Mapping) else load_mapping(mapping)
        f = _open(path)
        return _Reader(f, mp, source).plans(storey)
    except InputError as exc:
        if exc.path is None:
            raise exc.at(source) from None
        raise
    except MemoryError:
        from ..errors import BudgetExceeded

        raise BudgetExceeded(
            "is too large to read in memory",
            source,
            "check one storey at a time (--storey)",
            message_zh="模型过大，内存中无法读取",
            hint_zh="请每次只检查一个楼层（--storey）",
        ) from None
    except Exception as exc:  # never a traceback for a model we cannot use
        detail = f"{exc.__class__.__name__}: {str(exc)[:120]}"
        raise BrokenIfc(
            f"could not be read ({detail})",
            source,
            "export the model again from your BIM tool (IFC 2x3 or IFC4)",
            message_zh=f"无法读取（读取时出错：{detail_zh(detail)}）",
            hint_zh="请在 BIM 软件中重新导出模型（IFC 2x3 或 IFC4）",
        ) from exc


class _Reader:
    def __init__(self, f: Any, mapping: Any, source: str) -> None:
        self.f = f
        self.mapping = mapping
        self.source = source
        self.scale = 1.0 / _unit(f)  # metres per model unit

    # -- the model ---------------------------------------------------------------------------
    def plans(self, wanted: str | None) -> list[Plan]:
        levels = storeys(self.f)
        if not levels:
            raise BrokenIfc(
                "holds no building storey (IfcBuildingStorey)",
                self.source,
                "export the model with its spatial structure (site, building, storeys)",
                message_zh="模型中没有建筑楼层（IfcBuildingStorey）",
                hint_zh="导出模型时请包含空间结构（场地、建筑、楼层）",
            )
        chosen = _pick_storeys(levels, wanted, self.scale, self.source)
        by_storey, unplaced = self._collect(chosen)
        openings: dict[int, Any] = {}
        wanted_geometry = [el for g in by_storey.values() for els in g.values() for el in els]
        for groups in by_storey.values():
            for door in groups.get("door", []):
                for rel in getattr(door, "FillsVoids", None) or []:
                    openings[door.id()] = rel.RelatingOpeningElement
            for slab in groups.get("slab", []):
                wanted_geometry.extend(
                    rel.RelatedOpeningElement for rel in getattr(slab, "HasOpenings", None) or []
                )
        wanted_geometry.extend(openings.values())
        meshes = _meshes(self.f, wanted_geometry)
        out = []
        for st in chosen:
            plan = _StoreyReader(self, st, levels, by_storey[st.id()], meshes, openings).plan()
            if unplaced and st is chosen[0]:
                plan = plan.with_(diagnostics=(*plan.diagnostics, _unplaced(unplaced)))
            out.append(plan)
        return out

    def _collect(self, chosen: list[Any]) -> tuple[dict[int, dict[str, list[Any]]], dict[str, int]]:
        """The elements of each chosen storey by group; elements on no storey by class."""
        cache: dict[int, Any] = {}
        by_storey: dict[int, dict[str, list[Any]]] = {s.id(): {} for s in chosen}
        unplaced: dict[str, int] = {}
        seen: set[int] = set()
        for cls in _CLASSES:
            for el in _by_type(self.f, cls):
                if el.id() in seen:
                    continue
                seen.add(el.id())
                st = _storey_of(el, cache)
                if st is None:
                    if not el.is_a("IfcSlab"):
                        unplaced[el.is_a()] = unplaced.get(el.is_a(), 0) + 1
                elif st.id() in by_storey:
                    by_storey[st.id()].setdefault(_group(el), []).append(el)
        return by_storey, unplaced


_CLASSES = (
    "IfcSpace",
    "IfcDoor",
    "IfcWall",
    "IfcCurtainWall",
    "IfcColumn",
    "IfcSlab",
    "IfcStair",
    "IfcStairFlight",
    *_EQUIPMENT,
)


def _unplaced(unplaced: dict[str, int]) -> Diagnostic:
    n = sum(unplaced.values())
    counts = ", ".join(f"{k} {v}" for k, v in sorted(unplaced.items()))
    return Diagnostic(
        "FC009",
        f"{n} elements belong to no storey and were left out ({counts}): "
        "assign them to a storey in the model",
        message_zh=f"{n} 个构件不属于任何楼层，已忽略（{counts}）：请在模型中将其指定到楼层",
        measured=float(n),
    )


def _group(el: Any) -> str:
    if el.is_a("IfcSpace"):
        return "space"
    if el.is_a("IfcDoor"):
        return "door"
    if el.is_a("IfcWall") or el.is_a("IfcCurtainWall"):
        return "wall"
    if el.is_a("IfcColumn"):
        return "column"
    if el.is_a("IfcSlab"):
        return "slab"
    if el.is_a("IfcStair") or el.is_a("IfcStairFlight"):
        return "stair"
    return "equipment"


class _StoreyReader:
    def __init__(
        self,
        reader: _Reader,
        storey: Any,
        levels: list[Any],
        groups: dict[str, list[Any]],
        meshes: dict[int, Mesh],
        openings: dict[int, Any],
    ) -> None:
        self.r = reader
        self.storey = storey
        self.levels = levels
        self.groups = groups
        self.meshes = meshes
        self.openings = openings
        self.scale = reader.scale
        self.diagnostics: list[Diagnostic] = []
        self.floor_z = (
            _frame(storey, self.scale)[3]
            if storey.ObjectPlacement
            else float(storey.Elevation or 0.0) * self.scale
        )
        self.cut_z = self.floor_z + CUT_HEIGHT_M

    def _els(self, group: str) -> list[Any]:
        return sorted(self.groups.get(group, []), key=lambda e: e.id())

    # -- the plan ----------------------------------------------------------------------------
    def plan(self) -> Plan:
        zones, hall = self._zones()
        walls, columns = self._walls_and_columns()
        doors = self._doors(zones, hall)
        windows, cameras, terminals, signs, seats, things = self._equipment()
        obstacles = [Obstacle(c, "column") for c in columns]
        obstacles += things
        obstacles += self._openings_and_stairs()
        name = str(self.storey.Name or self.storey.LongName or f"#{self.storey.id()}")
        return Plan(
            zones=tuple(zones),
            windows=tuple(windows),
            doors=tuple(doors),
            cameras=tuple(cameras),
            terminals=tuple(terminals),
            signs=tuple(signs),
            obstacles=tuple(obstacles),
            seats=tuple(seats),
            walls=tuple(walls) + tuple(c.exterior for c in columns),
            hall_outline=hall,
            metadata=_metadata(self.r.f, self.storey, self.levels, self.r.source),
            units=UnitsInfo("m", "IFC", 1.0, f"model unit: {self.scale:g} m"),
            source=self.r.source,
            part=name,
            mapping=self.r.mapping.name,
            elevation_m=round(self.floor_z, 4),
            diagnostics=tuple(self.diagnostics),
        )

    # -- spaces ------------------------------------------------------------------------------
    def _space_area(self, space: Any) -> float | None:
        props = _props(space)
        for qto in ("Qto_SpaceBaseQuantities", "BaseQuantities", "SpaceQuantities"):
            q = props.get(qto, {})
            # the quantity that measures the footprint (NetFloorArea deducts finishes and
            # columns, so it may differ from the space's body by more than FC011's tolerance)
            for key in ("GrossFloorArea", "CrossSectionArea"):
                v = q.get(key)
                if isinstance(v, int | float) and v > 0:
                    return float(v)
        return None

    def _zones(self) -> tuple[list[Zone], Polygon | None]:
        zones: list[Zone] = []
        halls: list[Polygon] = []
        missing: list[str] = []
        for space in self._els("space"):
            mesh = self.meshes.get(space.id())
            geom = footprint(mesh) if mesh is not None else None
            label = str(space.LongName or space.Name or "").strip()
            if geom is None or geom.is_empty:
                missing.append(label or space.GlobalId)
                continue
            type_id = None
            for text in (space.LongName, space.Name, getattr(space, "ObjectType", None)):
                if text:
                    type_id = match_zone_type(str(text), self.r.mapping.labels)
                    if type_id:
                        label = str(text).strip()
                        break
            if type_id == "hall" or _predefined(space) == "GFA":
                halls.extend(p for p in shapely.get_parts(geom) if p.geom_type == "Polygon")
                continue
            parts = shapely.get_parts(geom)
            if len(parts) == 1:
                geom = parts[0]
            zones.append(
                Zone(
                    "",
                    type_id or "unknown",
                    geom,
                    label=label,
                    layer="IfcSpace",
                    stated_area_m2=self._space_area(space),
                    guid=str(space.GlobalId),
                )
            )
        if missing:
            self.diagnostics.append(
                Diagnostic(
                    "FC009",
                    f"{len(missing)} spaces (IfcSpace) have no body geometry and were left out "
                    f"({', '.join(missing[:8])}{' …' if len(missing) > 8 else ''}): export the "
                    "spaces with their 3D body",
                    message_zh=f"{len(missing)} 个空间（IfcSpace）没有几何体，已忽略（{'、'.join(missing[:8])}）："
                    "请导出空间的三维实体",
                    measured=float(len(missing)),
                )
            )
        hall = max(halls, key=lambda p: p.area) if halls else None
        return _number_zones(zones), hall

    # -- walls, columns ----------------------------------------------------------------------
    def _cut(self, mesh: Mesh) -> list[Any]:
        z0, z1 = mesh.zrange
        z = self.cut_z if z0 < self.cut_z < z1 else (z0 + z1) / 2
        return section(mesh, z)

    def _walls_and_columns(self) -> tuple[list[Any], list[Polygon]]:
        walls: list[Any] = []
        for w in self._els("wall"):
            mesh = self.meshes.get(w.id())
            if mesh is not None:
                walls.extend(self._cut(mesh))
        columns: list[Polygon] = []
        for c in self._els("column"):
            mesh = self.meshes.get(c.id())
            if mesh is None:
                continue
            cut = section_polygons(self._cut(mesh))
            if cut:
                columns.append(max(cut, key=lambda p: p.area))
        return walls, columns

    def _openings_and_stairs(self) -> list[Obstacle]:
        out: list[Obstacle] = []
        for slab in self._els("slab"):
            for rel in getattr(slab, "HasOpenings", None) or []:
                mesh = self.meshes.get(rel.RelatedOpeningElement.id())
                geom = footprint(mesh) if mesh is not None else None
                if geom is not None:
                    out.append(Obstacle(geom, "opening", "slab opening"))
        for stair in self._els("stair"):
            mesh = self.meshes.get(stair.id())
            geom = footprint(mesh) if mesh is not None else None
            if geom is not None:
                out.append(Obstacle(geom, "fixture", str(stair.Name or "stair")))
        return out

    # -- doors -------------------------------------------------------------------------------
    def _doors(self, zones: list[Zone], hall: Polygon | None) -> list[Door]:
        inside: BaseGeometry | None = hall
        if inside is None and zones:
            inside = shapely.union_all([z.geometry for z in zones])
        if inside is not None:
            inside = inside.buffer(0.05)  # once, not per door
            shapely.prepare(inside)
        doors: list[Door] = []
        for d in self._els("door"):
            origin, u, v, _ = _frame(d, self.scale)
            width = float(d.OverallWidth) * self.scale if d.OverallWidth else None
            body = self.meshes.get(d.id())
            opening = self.openings.get(d.id())
            hole = self.meshes.get(opening.id()) if opening is not None else None
            box = local_box(hole, origin, u, v) or local_box(body, origin, u, v)
            if box is not None:
                x0, y0, x1, y1 = box
                if width is None:
                    width = x1 - x0
                centre = origin + u * (x0 + x1) / 2 + v * (y0 + y1) / 2
            else:
                width = width or 0.9
                centre = origin + u * width / 2
            props = _props(d)
            common = props.get("Pset_DoorCommon", {})
            text = _text(d.Name, d.ObjectType, getattr(d, "Description", None))
            external = common.get("IsExternal")
            if external is None and inside is not None:
                sides = [Point(*(centre + v * s)) for s in (-0.6, 0.6)]
                external = sum(1 for p in sides if inside.contains(p)) == 1
            entrance = bool(external)
            main = bool(_MAIN_ENTRANCE.search(str(d.Name or "")))
            doors.append(
                Door(
                    id="",
                    position=(float(centre[0]), float(centre[1])),
                    width_m=round(float(width), 3),
                    angle_deg=math.degrees(math.atan2(u[1], u[0])),
                    entrance=entrance or main,
                    main=main,
                    staff_only=bool(_STAFF.search(text)),
                    automatic=bool(common.get("HasDrive")) or bool(_AUTO.search(text)),
                    exit=entrance or bool(common.get("FireExit")) or bool(_EXIT.search(text)),
                    label=str(d.Name or ""),
                    guid=str(d.GlobalId),
                )
            )
        mains = [x for x in doors if x.main]
        if not mains:
            entrances = [x for x in doors if x.entrance]
            if entrances:
                widest = max(entrances, key=lambda x: x.width_m)
                doors = [Door(**{**x.__dict__, "main": x is widest}) for x in doors]
        elif len(mains) > 1:
            first = mains[0]
            doors = [Door(**{**x.__dict__, "main": x is first}) for x in doors]
        doors.sort(key=lambda x: (-x.position[1], x.position[0]))
        return [Door(**{**x.__dict__, "id": f"D{i}"}) for i, x in enumerate(doors, 1)]

    # -- equipment ---------------------------------------------------------------------------
    def _kind(self, el: Any) -> str:
        m = self.r.mapping
        names = [str(v) for v in (el.Name, getattr(el, "ObjectType", None)) if v]
        predefined = _predefined(el)
        text = " ".join(names)
        if (el.is_a("IfcAudioVisualAppliance") and predefined == "CAMERA") or any(
            m.block_is("camera", n) for n in names
        ):
            return "camera"
        if any(m.block_is("counter", n) for n in names):
            return "counter"
        if any(m.block_is("terminal", n) for n in names) or _TERMINAL.search(text):
            return "terminal"
        if el.is_a("IfcSign") or any(m.block_is("sign", n) for n in names):
            return "sign"
        if predefined in ("CHAIR", "SOFA") or any(m.block_is("seat", n) for n in names):
            return "seat"
        if el.is_a("IfcFurnishingElement"):
            return "furniture"
        return ""

    def _equipment(self):  # noqa: C901 - one pass sorting equipment by kind
        windows: list[Window] = []
        cameras: list[Camera] = []
        terminals: list[Terminal] = []
        signs: list[Sign] = []
        seats: list[Seat] = []
        solid: list[Obstacle] = []
        forward_y = self.r.mapping.camera_forward == "+Y"
        public = -1.0 if self.r.mapping.counter_public_side == "-Y" else 1.0
        for el in self._els("equipment"):
            kind = self._kind(el)
            if not kind:
                continue
            origin, u, v, _ = _frame(el, self.scale)
            mesh = self.meshes.get(el.id())
            box = local_box(mesh, origin, u, v)
            corners = None
            centre = origin
            if box is not None:
                x0, y0, x1, y1 = box
                corners = np.array(
                    [origin + u * x + v * y for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
                )
                if kind == "counter":
                    centre = corners.mean(axis=0)
            values = _flat_props(el)
            text = _text(el.Name, getattr(el, "ObjectType", None), getattr(el, "Description", None))
            xy = (float(centre[0]), float(centre[1]))
            if kind == "camera":
                axis = v if forward_y else u
                ptz = bool(_PTZ.search(text)) and "半球" not in text
                cameras.append(
                    Camera(
                        f"C{len(cameras) + 1}",
                        "ptz" if ptz else "fixed",
                        (float(origin[0]), float(origin[1])),
                        math.degrees(math.atan2(axis[1], axis[0])),
                        fov_deg=_number(values.get("FOV") or values.get("FIELDOFVIEW")),
                        range_m=_number(values.get("RANGE")),
                    )
                )
                continue
            if kind == "sign":
                if _FLOOR_SIGN.search(text):
                    signs.append(Sign(f"S{len(signs) + 1}", "floor_directory", xy))
                elif _EXIT.search(text):
                    signs.append(Sign(f"S{len(signs) + 1}", "emergency_exit", xy))
                continue
            if corners is not None:
                poly = Polygon(corners)
                if poly.is_valid and poly.area > 1e-6:
                    solid.append(Obstacle(poly, kind, str(el.Name or "")))
            if kind == "counter":
                wkind = None
                for tag in ("TYPE", "类型", "KIND", "窗口类型", "WINDOWKIND"):
                    if tag in values:
                        wkind = match_window_kind(str(values[tag]))
                        break
                if wkind is None:
                    for t in (*(str(x) for x in values.values()), text):
                        k = match_window_kind(t)
                        if k and k != "undifferentiated":
                            wkind = k
                            break
                facing = math.degrees(math.atan2(public * v[1], public * v[0]))
                width = (box[2] - box[0]) if box is not None else 1.6
                label = str(values.get("NAME") or values.get("NO") or values.get("编号") or "")
                windows.append(
                    Window("", wkind or "undifferentiated", xy, facing, label, round(width, 3))
                )
            elif kind == "terminal":
                cross = _CROSS in text or any(_CROSS in str(x) for x in values.values())
                terminals.append(
                    Terminal(
                        f"T{len(terminals) + 1}",
                        (float(origin[0]), float(origin[1])),
                        cross,
                        str(el.Name or ""),
                    )
                )
            elif kind == "seat":
                n = _number(values.get("SEATS") or values.get("座位数"))
                seats.append(
                    Seat((float(origin[0]), float(origin[1])), int(n) if n and n > 0 else 1)
                )
        windows.sort(key=lambda w: (-round(w.position[1], 1), w.position[0]))
        windows = [
            Window(f"W{i}", w.kind, w.position, w.facing_deg, w.label, w.width_m)
            for i, w in enumerate(windows, 1)
        ]
        return windows, cameras, terminals, signs, seats, solid


def _flat_props(el: Any) -> dict[str, Any]:
    """Every property of the element's (and its type's) property sets, by upper-case name."""
    out: dict[str, Any] = {}
    for props in _props(el).values():
        for k, v in props.items():
            if k != "id" and v is not None:
                out[str(k).upper()] = v
    return out


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    m = re.search(r"-?\d+(?:\.\d+)?", str(value))
    return float(m.group(0)) if m else None


def _number_zones(zones: Iterable[Zone]) -> list[Zone]:
    """Zones numbered Z1… top row first, left to right (as the DXF reader numbers them)."""

    def key(z: Zone) -> tuple[float, float]:
        c = z.geometry.representative_point()
        return (-round(c.y, 1), round(c.x, 1))

    ordered = sorted(zones, key=key)
    return [
        Zone(f"Z{i}", z.type, z.geometry, z.label, z.layer, z.stated_area_m2, z.guid)
        for i, z in enumerate(ordered, 1)
    ]
