"""Select rules, run them on a plan, collect findings / passed / skipped into a Report.

The engine knows plans, not files: reading a drawing and writing outputs live in :mod:`floorcheck.api`.
"""

from __future__ import annotations

import difflib
import fnmatch
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from ._version import __version__
from .config import Config, check_metadata
from .errors import ConfigError, zh_of
from .findings import Finding, Report
from .geometry.analysis import Analysis
from .geometry.repair import repaired
from .model import Plan
from .rules import RULES
from .rules.base import SKIPS, Context, Skip

__all__ = ["check", "select_rules", "validate_config"]

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
            raise ConfigError(
                f"no rule matches {pattern!r}",
                hint="see 'floorcheck rules'",
                message_zh=f"没有与 {pattern!r} 匹配的规则",
                hint_zh="规则列表见 floorcheck rules 命令",
            )
    codes = sorted(RULES)
    if select:
        codes = [c for c in codes if any(matches(c, p) for p in select)]
    return [c for c in codes if not any(matches(c, p) for p in ignore)]


def validate_config(config: Config) -> Config:
    """Check what a configuration says about rules — every ``[rules.FCxxx]`` table (a rule that
    exists, options it has, values of their type, a severity that exists) and the ``select``
    and ``ignore`` patterns — whether or not the rule runs. Raises :class:`ConfigError` naming
    the file; returns ``config``."""
    where = config_source(config)
    try:
        select_rules(config.select, config.ignore)
    except ConfigError as exc:
        raise exc.at(where) if where else exc from None
    for code, options in config.rule_options.items():
        rule_cls = RULES.get(code)
        if rule_cls is None:
            close = difflib.get_close_matches(code, list(RULES), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            hint_zh = f"；是否应为 {close[0]!r}？" if close else ""
            raise ConfigError(
                f"[rules.{code}]: no rule {code}{hint}",
                where,
                "see 'floorcheck rules'",
                message_zh=f"[rules.{code}]：没有规则 {code}{hint_zh}",
                hint_zh="规则列表见 floorcheck rules 命令",
            )
        try:
            rule_cls.check_options(options)
        except (KeyError, ValueError, TypeError) as exc:
            raise _option_error(code, exc, where) from None
    return config


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
        meta = plan.metadata.merged(**check_metadata(overrides))
        # the drawing's own FC_LEVEL may say 县级 or County
        meta = meta.merged(**check_metadata({"level": meta.level}, source=plan.source or None))
    except TypeError as exc:
        raise ConfigError(str(exc), message_zh=zh_of(exc)) from None

    validate_config(config)
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
            raise _option_error(code, exc, config_source(config)) from None
        if rule_cls.needs_zones and not plan.zones:
            skipped.append(_skipped(code, SKIPS["no-zones-recognised"].render()))
            continue
        t0 = time.perf_counter()
        try:
            found = list(rule.check())
        except Skip as why:
            skipped.append(_skipped(code, (why.reason, why.reason_zh)))
            continue
        finally:
            timings[code] = time.perf_counter() - t0
        if found:
            findings.extend(found)
        else:
            passed.append(code)
    findings = grouped(findings)
    findings.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.rule))
    report = _report(plan, meta.level, findings, passed, skipped)
    report.analysis = analysis
    report.timings = timings
    return report


def _option_error(code: str, exc: Exception, where: str | None) -> ConfigError:
    """A rule's option that cannot be used, as the error naming the file."""
    said = exc.args[0] if exc.args else exc
    return ConfigError(f"[rules.{code}]: {said}", where, message_zh=f"[rules.{code}]：{zh_of(exc)}")


def config_source(config: Config) -> str | None:
    return str(config.source) if config.source is not None else None


def _skipped(code: str, reason: tuple[str, str]) -> dict[str, str]:
    return {"rule": code, "reason": reason[0], "reason_zh": reason[1]}


def grouped(findings: list[Finding]) -> list[Finding]:
    """One finding per physical cause: findings of several rules that name the same ``cause``
    (an opening, an overlap) become one, the finding of the most severe rule (then the lowest
    code), with the others as its ``related`` findings. The related rules still failed; they are
    listed, not dropped.

    >>> from floorcheck.findings import Finding
    >>> a = Finding("FC410", "error", "§七(一)", "open", cause="opening Z1|Z2")
    >>> b = Finding("FC404", "error", "§七(二)4", "open", cause="opening Z1|Z2")
    >>> [(f.rule, [r.rule for r in f.related]) for f in grouped([a, b])]
    [('FC404', ['FC410'])]
    """
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if f.cause:
            groups.setdefault(f.cause, []).append(f)
    primary: dict[str, Finding] = {}
    for cause, group in groups.items():
        if len(group) < 2:
            continue
        first, *rest = sorted(group, key=lambda f: (_SEVERITY_ORDER[f.severity], f.rule))
        primary[cause] = replace(first, related=tuple(replace(r, geometry=None) for r in rest))
    out: list[Finding] = []
    emitted: set[str] = set()
    for f in findings:
        if f.cause not in primary:
            out.append(f)
        elif f.cause not in emitted:
            emitted.add(f.cause)
            out.append(primary[f.cause])
    return out


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
