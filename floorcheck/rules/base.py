"""What a rule is: a small class with a code, a clause, typed options and a docstring.

Adding a rule touches its module and its tests, nothing else: ``@register`` puts it in the
registry, the engine runs it, ``floorcheck rule CODE`` prints its docstring.
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import shapely

from ..findings import Finding, Severity
from ..messages import Message, MessageError, fmt_m, fmt_m2
from ..model import XY, Metadata, Plan, Zone
from ..vocab import LEVELS, Level

if TYPE_CHECKING:
    from ..geometry.analysis import Analysis

__all__ = [
    "Rule",
    "Option",
    "Skip",
    "Context",
    "Message",
    "RULES",
    "register",
    "fmt_m",
    "fmt_m2",
]


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
    """Base of all rules. Subclasses set the class attributes and implement :meth:`check`.

    A rule's texts are its :attr:`messages`, declared once as a table (id → English and Chinese
    templates with named fields); :meth:`report` makes a finding from a message id and the
    field values.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    clause: ClassVar[str] = ""
    options: ClassVar[tuple[Option, ...]] = ()
    messages: ClassVar[Mapping[str, Message]] = {}
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

    def report(
        self,
        message_id: str,
        *,
        zones: Iterable[str] = (),
        location: XY | None = None,
        measured: float | None = None,
        required: float | None = None,
        geometry: Any = None,
        severity: Severity | None = None,
        role: str = "",
        **values: Any,
    ) -> Finding:
        """A finding with the text of message ``message_id`` of this rule, filled with ``values``."""
        message = self.messages.get(message_id)
        if message is None:
            raise MessageError(f"{self.code} has no message {message_id!r}")
        ox, oy = self.plan.origin
        if message.points and (ox or oy):  # points are printed in the drawing's coordinates
            values = {
                k: (v[0] + ox, v[1] + oy) if k in message.points else v for k, v in values.items()
            }
        try:
            en, zh = message.render(**values)
        except MessageError as exc:
            raise MessageError(f"{self.code} {message_id}: {exc}") from None
        return self.finding(
            en,
            zh=zh,
            zones=zones,
            location=location,
            measured=measured,
            required=required,
            geometry=geometry,
            severity=severity,
            role=role,
        )

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
        """A finding with a text made elsewhere (the reader's diagnostics); rules use :meth:`report`."""
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
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def describe(cls) -> str:
        """The docstring followed by a "## Messages" section listing the message templates."""
        doc = cls.doc()
        if not cls.messages:
            return doc
        lines = ["", "## Messages", "", _MESSAGES_LEGEND, ""]
        for message_id, m in cls.messages.items():
            lines.append(f"- `{message_id}`")
            lines.append(f"  - en: `{m.en}`")
            lines.append(f"  - zh: `{m.zh}`")
            if m.en_only:
                lines.append(f"  - not in the Chinese text: {', '.join(m.en_only)}")
        return doc + "\n" + "\n".join(lines)


_MESSAGES_LEGEND = (
    "The texts this rule prints, in English and Chinese, with the values in braces: `:m` is a "
    "length in metres, `:m2` an area in m², `:xy` a point of the plan, `:list` an enumeration."
)


RULES: dict[str, type[Rule]] = {}

# Keywords of Rule.report: a template field of the same name could not be given a value.
_REPORT_KEYWORDS = frozenset(inspect.signature(Rule.report).parameters) - {"self", "values"}
_MESSAGE_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def register(cls: type[Rule]) -> type[Rule]:
    """Put a rule in the registry, after checking its code and its message table."""
    if cls.code in RULES:
        raise ValueError(f"rule {cls.code} registered twice")
    for message_id, message in cls.messages.items():
        if not _MESSAGE_ID.fullmatch(message_id):
            raise MessageError(f"{cls.code}: message id {message_id!r} is not kebab-case")
        clash = message.fields & _REPORT_KEYWORDS
        if clash:
            raise MessageError(
                f"{cls.code} {message_id}: fields {sorted(clash)} are keywords of Rule.report"
            )
    RULES[cls.code] = cls
    return cls


def overlaps(a: list[Zone], b: list[Zone], min_area: float) -> dict[int, list[tuple[int, Any]]]:
    """For each zone of ``a`` (by index), the zones of ``b`` it overlaps by more than
    ``min_area`` m², with the overlap: one STRtree query and one vectorised intersection
    instead of a loop over every pair."""
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
    out: dict[int, list[tuple[int, float]]] = {}
    if not zones or not points:
        return out
    gz = np.array([z.geometry for z in zones], dtype=object)
    pts = np.asarray(shapely.points(np.asarray(points, dtype=float)), dtype=object)
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
