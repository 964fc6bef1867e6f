"""Select rules, run them on a plan, collect findings / passed / skipped into a Report.

The engine knows plans, not files: reading a drawing and writing outputs live in :mod:`floorcheck.api`.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable, Iterable
from typing import Any

from ._version import __version__
from .config import Config
from .errors import ConfigError
from .findings import Finding, Report
from .geometry.analysis import Analysis
from .geometry.repair import repaired
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
    plan: Plan,
    level: str | None = None,
    *,
    config: Config | None = None,
    **metadata: Any,
) -> Report:
    """Check a plan against the guide and return a :class:`~floorcheck.findings.Report`.

    ``level`` and the keyword metadata (``population``, ``staff``, ``floor`` …) override what the
    plan carries, and ``config`` what the plan carries too; ``config`` chooses rules and options.
    """
    config = config or Config()
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
    plan = repaired(plan)
    timings["repair"] = time.perf_counter() - t0
    analysis = Analysis(plan, config.geometry)  # lazy: each part is built when first asked for
    ctx = Context(plan=plan, meta=meta, analysis=analysis, options=config.rule_options)
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
    report.analysis = analysis
    report.timings = timings
    return report


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
        part=plan.part,
        level=level,
        findings=findings,
        passed=passed,
        skipped=skipped,
        units={"unit": plan.units.unit, "source": plan.units.source},
        hall={
            "usable_area_m2": round(area, 1),
            "outline": outline_kind,
            **({"elevation_m": plan.elevation_m} if plan.elevation_m is not None else {}),
        },
        zones=[
            {
                "id": z.id,
                "type": z.type,
                "label": z.name,
                "area_m2": round(z.area_m2, 1),
                "public": z.public,
                "layer": z.layer,
                "centroid": list(z.centroid),
                **({"guid": z.guid} if z.guid else {}),
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
                **({"guid": d.guid} if d.guid else {}),
            }
            for d in plan.doors
        ],
        cameras=[{"id": c.id, "kind": c.kind, "position": _r(c.position)} for c in plan.cameras],
        version=__version__,
        plan=plan,
        origin=plan.origin,
    )


def _r(p: tuple[float, float]) -> list[float]:
    return [round(p[0], 3), round(p[1], 3)]


def _zone_locator(plan: Plan) -> Callable[[tuple[float, float]], str | None]:
    from .geometry.index import ZoneIndex

    index = ZoneIndex(plan.zones)

    def locate(xy: tuple[float, float]) -> str | None:
        z = index.zone_at(xy, tolerance=1.0)
        return z.id if z else None

    return locate
