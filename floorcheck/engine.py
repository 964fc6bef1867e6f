"""Select rules, run them on a plan, collect findings / passed / skipped into a Report."""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__
from ._gc import gc_paused
from .config import Config
from .errors import ConfigError
from .findings import Finding, Report
from .model import Plan
from .rules import RULES
from .rules.base import Context, Skip
from .vocab import LEVELS

__all__ = ["check", "select_rules"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[str]:
    """Rule codes chosen by ``select``/``ignore`` patterns (``FC4`` or ``FC40*`` picks a family).

    >>> select_rules(select=["FC10"])
    ['FC101', 'FC102', 'FC103']
    """

    def matches(code: str, pattern: str) -> bool:
        pattern = pattern.strip().upper()
        return fnmatch.fnmatchcase(code, pattern) or code.startswith(pattern)

    select, ignore = list(select), list(ignore)
    for pattern in select + ignore:
        if not any(matches(code, pattern) for code in RULES):
            raise ConfigError(f"no rule matches {pattern!r}", hint="see 'floorcheck rules'")
    codes = sorted(RULES)
    if select:
        codes = [c for c in codes if any(matches(c, p) for p in select)]
    return [c for c in codes if not any(matches(c, p) for p in ignore)]


def check(
    plan: Plan | str | Path,
    level: str | None = None,
    *,
    config: Config | None = None,
    **metadata: Any,
) -> Report:
    """Check a plan against the guide and return a :class:`~floorcheck.findings.Report`.

    ``plan`` is a :class:`~floorcheck.model.Plan` or a path to a DXF file. ``level`` and the
    keyword metadata (``population``, ``staff``, ``floor`` …) override what the plan carries.
    """
    with gc_paused():
        return _check(plan, level, config or Config(), metadata)


def _check(plan: Plan | str | Path, level: str | None, config: Config, metadata: dict) -> Report:
    if not isinstance(plan, Plan):
        from .dxf import load

        plan = load(plan, mapping=config.mapping, units=config.units)
    overrides = {**config.metadata, **{k: v for k, v in metadata.items() if v is not None}}
    if level is not None:
        overrides["level"] = level
    try:
        meta = plan.metadata.merged(**overrides)
    except TypeError as exc:
        raise ConfigError(str(exc)) from None
    if meta.level is not None and meta.level not in LEVELS:
        raise ConfigError(f"unknown level {meta.level!r}", hint=f"use one of {', '.join(LEVELS)}")

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    plan = _repaired(plan)
    timings["repair"] = time.perf_counter() - t0
    ctx = Context(plan=plan, meta=meta, options=config.rule_options, geometry=config.geometry)
    findings: list[Finding] = []
    passed: list[str] = []
    skipped: list[dict[str, str]] = []
    for code in select_rules(config.select, config.ignore):
        rule_cls = RULES[code]
        try:
            rule = rule_cls(ctx, config.rule_options.get(code))
        except (KeyError, ValueError, TypeError) as exc:
            raise ConfigError(f"option of {code}: {exc}") from None
        if rule_cls.needs_zones and not plan.zones:
            skipped.append(
                {
                    "rule": code,
                    "reason": "no zones recognised in the drawing (see 'floorcheck zones')",
                }
            )
            continue
        t0 = time.perf_counter()
        try:
            found = list(rule.check())
        except Skip as why:
            skipped.append({"rule": code, "reason": str(why)})
            continue
        finally:
            timings[code] = time.perf_counter() - t0
        if found:
            findings.extend(found)
        else:
            passed.append(code)
    findings.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.rule))
    report = _report(plan, meta.level, findings, passed, skipped)
    report.analysis = ctx.__dict__.get("analysis")  # built only if a rule needed it
    report.timings = timings
    return report


_GRID_M = 1e-6


def _repaired(plan: Plan) -> Plan:
    """The plan with invalid zone and obstacle polygons made valid (FC005 says which) and zones
    without area dropped, so that no rule meets a self-intersecting polygon."""
    import numpy as np
    import shapely
    from shapely.validation import explain_validity

    from .model import Diagnostic, Obstacle, Zone

    notes: list[Diagnostic] = []
    zones: list[Zone] = []
    changed = False
    # Coordinates finer than a micrometre (1e-213 has been seen from a fuzzer, and from buggy
    # exporters) break GEOS's robustness; no floor plan needs them.
    grid = (
        shapely.set_precision(
            np.asarray([z.geometry for z in plan.zones], dtype=object), _GRID_M, mode="pointwise"
        )
        if plan.zones
        else []
    )
    for z, snapped in zip(plan.zones, grid, strict=True):
        geom = snapped
        if not geom.equals_exact(z.geometry, 0.0):
            changed = True
            z = Zone(z.id, z.type, geom, z.label, z.layer, z.stated_area_m2)
        if geom is None or geom.is_empty or not geom.is_valid or geom.area <= 0:
            changed = True
            fixed = (
                _polygonal(shapely.make_valid(geom))
                if geom is not None and not geom.is_empty
                else None
            )
            if fixed is None or fixed.area <= 1e-9:
                notes.append(
                    Diagnostic(
                        "FC005",
                        f"zone {z.id} ({z.name}) has no area and was ignored",
                        message_zh=f"区域 {z.id}（{z.name}）面积为零，已忽略",
                        zones=(z.id,),
                    )
                )
                continue
            p = fixed.representative_point()
            notes.append(
                Diagnostic(
                    "FC005",
                    f"zone {z.id} ({z.name}) was invalid ({explain_validity(geom)}) and was repaired",
                    message_zh=f"区域 {z.id}（{z.name}）的边界无效（自相交等），已修复",
                    location=(p.x, p.y),
                    geometry=fixed,
                    zones=(z.id,),
                )
            )
            z = Zone(z.id, z.type, fixed, z.label, z.layer, z.stated_area_m2)
        zones.append(z)
    obstacles = list(plan.obstacles)
    if obstacles:
        # One vectorised pass: a large centre has 200,000 desks, almost all of them fine. Only
        # obstacles with sub-micrometre coordinates (the fuzzer's 1e-213) or invalid rings are
        # snapped: snapping every desk to the grid makes the union of 200,000 of them
        # twice as slow (coincident edges) for no gain.
        geoms = np.asarray([o.geometry for o in obstacles], dtype=object)
        coords, owner = shapely.get_coordinates(geoms, return_index=True)
        tiny = (np.abs(coords) > 0) & (np.abs(coords) < _GRID_M)
        suspect = np.zeros(len(geoms), dtype=bool)
        suspect[owner[tiny.any(axis=1)]] = True
        suspect |= ~shapely.is_valid(geoms)
        idx = np.flatnonzero(suspect)
        snapped = shapely.set_precision(geoms[idx], _GRID_M, mode="pointwise")
        valid = shapely.is_valid(snapped)
        drop = set()
        for k in np.flatnonzero(valid):
            changed = True
            i = idx[k]
            o = obstacles[i]
            obstacles[i] = Obstacle(snapped[k], o.kind, o.label)
        for k in np.flatnonzero(~valid):
            i = idx[k]
            changed = True
            o = obstacles[i]
            fixed = _polygonal(shapely.make_valid(snapped[k]))
            if fixed is None:
                drop.add(int(i))
            else:
                obstacles[i] = Obstacle(fixed, o.kind, o.label)
        if drop:
            obstacles = [o for i, o in enumerate(obstacles) if i not in drop]
    if not changed:
        return plan
    return plan.with_(
        zones=tuple(zones), obstacles=tuple(obstacles), diagnostics=plan.diagnostics + tuple(notes)
    )


def _polygonal(geom):
    import shapely

    parts = [
        p
        for p in shapely.get_parts(geom)
        if p.geom_type in ("Polygon", "MultiPolygon") and p.area > 1e-9
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def _report(
    plan: Plan,
    level: str | None,
    findings: list[Finding],
    passed: list[str],
    skipped: list[dict[str, str]],
) -> Report:
    from .geometry.hall import hall_area

    area, outline_kind = hall_area(plan)
    zone_of_point = _zone_locator(plan)
    return Report(
        file=plan.source,
        level=level,
        findings=findings,
        passed=passed,
        skipped=skipped,
        units={"unit": plan.units.unit, "source": plan.units.source},
        hall={"usable_area_m2": round(area, 1), "outline": outline_kind},
        zones=[
            {
                "id": z.id,
                "type": z.type,
                "label": z.name,
                "area_m2": round(z.area_m2, 1),
                "public": z.public,
                "layer": z.layer,
                "centroid": list(z.centroid),
            }
            for z in plan.zones
        ],
        windows=[
            {
                "id": w.id,
                "kind": w.kind,
                "zone": zone_of_point(w.position),
                "position": _r(w.position),
            }
            for w in plan.windows
        ],
        doors=[
            {
                "id": d.id,
                "width_m": round(d.width_m, 2),
                "entrance": d.entrance,
                "main": d.main,
                "staff_only": d.staff_only,
                "position": _r(d.position),
            }
            for d in plan.doors
        ],
        cameras=[{"id": c.id, "kind": c.kind, "position": _r(c.position)} for c in plan.cameras],
        version=__version__,
        plan=plan,
    )


def _r(p: tuple[float, float]) -> list[float]:
    return [round(p[0], 3), round(p[1], 3)]


def _zone_locator(plan: Plan):
    from .geometry.index import ZoneIndex

    index = ZoneIndex(plan.zones)

    def locate(xy: tuple[float, float]) -> str | None:
        z = index.zone_at(xy, tolerance=1.0)
        return z.id if z else None

    return locate
