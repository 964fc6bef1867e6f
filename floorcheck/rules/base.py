"""What a rule is: a small class with a code, a clause, typed options and a docstring.

Adding a rule touches its module and its tests, nothing else: ``@register`` puts it in the
registry, the engine runs it, ``floorcheck rule CODE`` prints its docstring.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..findings import Finding, Severity
from ..model import XY, Metadata, Plan, Zone
from ..vocab import LEVELS, Level

if TYPE_CHECKING:
    from ..geometry.analysis import Analysis

__all__ = ["Rule", "Option", "Skip", "Context", "RULES", "register", "fmt_m", "fmt_m2"]


class Skip(Exception):
    """Raised by a rule that cannot run on this plan; the message is the reason."""


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    help: str

    @property
    def type(self) -> type:
        return type(self.default)

    def coerce(self, value: Any) -> Any:
        kind = self.type
        if kind is bool:
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        if kind is float and isinstance(value, (int, float, str)):
            v = float(value)
            if not math.isfinite(v):
                raise ValueError(f"{self.name} must be a finite number")
            return v
        return kind(value)


@dataclass
class Context:
    """What a rule sees: the plan, its metadata, its own options and shared geometry."""

    plan: Plan
    meta: Metadata
    # Geometry several rules share (adjacency graph, walkable floor, views); each part is built
    # lazily, once, by the first rule that asks for it.
    analysis: Analysis
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def level(self) -> Level | None:
        return LEVELS.get(self.meta.level) if self.meta.level else None

    def require_level(self) -> Level:
        if self.level is None:
            raise Skip("no hall level given (use --level or FC_LEVEL)")
        return self.level

    def zones(self, *types: str) -> list[Zone]:
        return self.plan.zones_of(*types)


class Rule:
    """Base of all rules. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    clause: ClassVar[str] = ""
    options: ClassVar[tuple[Option, ...]] = ()
    # Rules about the hall need recognised zones; the drawing diagnostics (FC0xx) do not.
    needs_zones: ClassVar[bool] = True

    def __init__(self, ctx: Context, overrides: dict[str, Any] | None = None) -> None:
        self.ctx = ctx
        self.opts: dict[str, Any] = {o.name: o.default for o in self.options}
        for key, value in (overrides or {}).items():
            if key == "severity":
                continue
            option = self.option(key)
            self.opts[key] = option.coerce(value)
        sev = (overrides or {}).get("severity")
        self.effective_severity: Severity = sev if sev else self.severity

    @classmethod
    def option(cls, name: str) -> Option:
        for o in cls.options:
            if o.name == name:
                return o
        known = ", ".join(o.name for o in cls.options) or "none"
        raise KeyError(f"{cls.code} has no option {name!r} (options: {known})")

    @property
    def plan(self) -> Plan:
        return self.ctx.plan

    def check(self) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(
        self,
        message: str,
        *,
        zones: Iterable[str] = (),
        location: XY | None = None,
        measured: float | None = None,
        required: float | None = None,
        geometry: Any = None,
        severity: Severity | None = None,
        zh: str = "",
        role: str = "",
    ) -> Finding:
        if location is None and geometry is not None and not geometry.is_empty:
            p = (
                geometry.representative_point()
                if geometry.geom_type.endswith("Polygon")
                else geometry.centroid
            )
            location = (round(p.x, 3), round(p.y, 3))
        return Finding(
            rule=self.code,
            severity=severity or self.effective_severity,
            clause=self.clause,
            message=message,
            zones=tuple(zones),
            location=location,
            measured=measured,
            required=required,
            geometry=geometry,
            message_zh=zh,
            role=role,
        )

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in RULES:
        raise ValueError(f"rule {cls.code} registered twice")
    RULES[cls.code] = cls
    return cls


def overlaps(a: list[Zone], b: list[Zone], min_area: float) -> dict[int, list[tuple[int, Any]]]:
    """For each zone of ``a`` (by index), the zones of ``b`` it overlaps by more than
    ``min_area`` m², with the overlap: one STRtree query and one vectorised intersection
    instead of a loop over every pair."""
    import numpy as np
    import shapely

    out: dict[int, list[tuple[int, Any]]] = {}
    if not a or not b:
        return out
    ga = np.array([z.geometry for z in a], dtype=object)
    gb = np.array([z.geometry for z in b], dtype=object)
    ia, ib = shapely.STRtree(gb).query(ga, predicate="intersects")
    if not len(ia):
        return out
    order = np.lexsort((ib, ia))
    ia, ib = ia[order], ib[order]
    inter = shapely.intersection(ga[ia], gb[ib])
    area = shapely.area(inter)
    for i, j, g, ar in zip(ia, ib, inter, area, strict=True):
        if ar > min_area and a[i] is not b[j]:
            out.setdefault(int(i), []).append((int(j), g))
    return out


def near_points(
    zones: list[Zone], points: list[XY], distance: float
) -> dict[int, list[tuple[int, float]]]:
    """For each zone (by index), the points (by index) closer than ``distance`` m, with the
    distance: one STRtree query instead of a loop over every pair."""
    import numpy as np
    import shapely

    out: dict[int, list[tuple[int, float]]] = {}
    if not zones or not points:
        return out
    gz = np.array([z.geometry for z in zones], dtype=object)
    pts = shapely.points(np.asarray(points, dtype=float))
    iz, ip = shapely.STRtree(pts).query(gz, predicate="dwithin", distance=distance)
    if not len(iz):
        return out
    order = np.lexsort((ip, iz))
    iz, ip = iz[order], ip[order]
    dist = shapely.distance(gz[iz], pts[ip])
    for i, j, d in zip(iz, ip, dist, strict=True):
        if d < distance:
            out.setdefault(int(i), []).append((int(j), float(d)))
    return out


def fmt_m(value: float) -> str:
    return f"{value:.1f} m" if value >= 1 else f"{value:.2f} m"


def fmt_m2(value: float) -> str:
    """An area as findings print it: one decimal, two below 10 m² — where a room of 3.96 m² must
    not read as the "4.0 m²" it falls short of.

    >>> fmt_m2(88.04), fmt_m2(3.96)
    ('88.0 m²', '3.96 m²')
    """
    return f"{value:.2f} m²" if abs(value) < 10 else f"{value:.1f} m²"
