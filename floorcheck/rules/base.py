"""What a rule is: a small class with a code, a clause, typed options and a docstring.

Adding a rule touches its module and its tests, nothing else: ``@register`` puts it in the
registry, the engine runs it, ``floorcheck rule CODE`` prints its docstring.
"""

from __future__ import annotations

import difflib
import inspect
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import shapely

from ..errors import with_zh
from ..findings import Finding, Severity
from ..messages import Message, MessageError, fmt_m, fmt_m2
from ..model import XY, Metadata, Plan, Zone
from ..vocab import LEVELS, Level, zone_type

if TYPE_CHECKING:
    from ..geometry.analysis import Analysis

__all__ = [
    "Rule",
    "Option",
    "Basis",
    "Limit",
    "GUIDE",
    "DEFAULT",
    "SKIPS",
    "opening",
    "overlap",
    "Skip",
    "Context",
    "Message",
    "RULES",
    "register",
    "fmt_m",
    "fmt_m2",
]


class Skip(Exception):
    """Raised by a rule that cannot run on this plan: the reason in English and Chinese (made by
    :meth:`Rule.skip` from a message table)."""

    def __init__(self, reason: str, reason_zh: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh or reason


GUIDE, DEFAULT, CONFIGURED = "guide", "floorcheck default", "configured"


@dataclass(frozen=True)
class Basis:
    """Where a limit comes from: the guide (``source="guide"``, its clause and words), a national
    code (``source`` names the article, e.g. "GB 55019-2021 2.2.2"), or floorcheck's own default
    (``source="floorcheck default"``: the guide gives no number). ``quote`` is the Chinese text,
    ``gloss`` the same in English."""

    source: str
    clause: str = ""
    quote: str = ""
    gloss: str = ""
    source_zh: str = ""  # how Chinese cites a source that is not the guide or a GB code

    def text(self, code: str, option: str, lang: str) -> str:
        """The basis as a finding states it."""
        if self.source == DEFAULT:
            if lang == "zh":
                return (
                    f"floorcheck 默认值，指南未规定具体数值；可在 floorcheck.toml 的 [rules.{code}] "
                    f"中设置 {option}"
                )
            return (
                f"floorcheck default, not a number of the guide; set [rules.{code}] {option} "
                "in floorcheck.toml"
            )
        if self.source == GUIDE:
            if lang == "zh":
                return f"指南{self.clause}「{self.quote}」"
            return f"the guide, {clause_in(self.clause, 'en')}: {self.gloss}"
        if lang == "zh":
            cited = self.source_zh or self.source
            return f"{cited}「{self.quote}」" if self.quote else cited
        return f"{self.source}: {self.gloss}" if self.gloss else self.source


def clause_in(text: str, lang: str) -> str:
    from ..i18n import clause

    return clause(text, lang)


_UNITS = (("_m2", "m²"), ("_pct", "%"), ("_m", "m"))


@dataclass(frozen=True)
class Option:
    """A setting of a rule: its default, what it means (in both languages), its unit, and where
    the default comes from (``basis``: None for the rule's own clause). A ``tolerance`` absorbs
    drawing noise; it is not a limit of the guide and never lowers a finding's severity."""

    name: str
    default: Any
    help: str
    help_zh: str = ""
    basis: Basis | None = None
    unit: str = ""
    tolerance: bool = False
    minimum: float | None = 0.0

    @property
    def type(self) -> type:
        return type(self.default)

    @property
    def units(self) -> str:
        if self.unit:
            return self.unit
        for suffix, unit in _UNITS:
            if self.name.endswith(suffix):
                return unit
        return "count" if isinstance(self.default, int) else ""

    def coerce(self, value: Any) -> Any:
        """The value as the option's type; raises ValueError with what was expected."""
        kind, name = self.type, self.name

        def wrong(en: str, zh: str) -> ValueError:
            return with_zh(
                ValueError(f"{name} {en}, not {value!r}"), f"{name} {zh}，而不是 {value!r}"
            )

        if kind is bool:
            if isinstance(value, bool):
                return value
            raise wrong("must be true or false", "应为 true 或 false")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise wrong("must be a number", "应为数字")
        if kind is int and float(value) != int(value):
            raise wrong("must be a whole number", "应为整数")
        v = kind(value)
        if not math.isfinite(v):
            raise wrong("must be a finite number", "应为有限的数字")
        if self.minimum is not None and v < self.minimum:
            raise wrong(f"must be at least {self.minimum:g}", f"至少应为 {self.minimum:g}")
        return v


@dataclass(frozen=True)
class Limit:
    """A limit a finding is held to: its value and unit, whose number it is, and the option
    that sets it ("" for a fixed number of the guide or a code)."""

    value: float
    unit: str
    basis: Basis
    option: str = ""
    configured: bool = False

    @property
    def source(self) -> str:
        return CONFIGURED if self.configured else self.basis.source

    def text(self, code: str, lang: str) -> str:
        if self.configured:
            return (
                f"由配置设定（[rules.{code}] {self.option}）"
                if lang == "zh"
                else f"set in the configuration ([rules.{code}] {self.option})"
            )
        return self.basis.text(code, self.option, lang)


SEVERITY_NAMES: tuple[Severity, ...] = ("error", "warning", "info")

# Reasons a rule cannot run that several rules share (a rule's own are in its ``skips``).
SKIPS: dict[str, Message] = {
    "no-level": Message(
        en="no hall level given (use --level or FC_LEVEL)",
        zh="未指定大厅级别（可用 --level 或图纸属性 FC_LEVEL 指定）",
    ),
    "no-zones": Message(en="the plan has no zones", zh="图纸中没有功能区"),
    "no-zones-recognised": Message(
        en="no zones recognised in the drawing (see 'floorcheck zones')",
        zh="图纸中未识别出功能区（见 floorcheck zones）",
    ),
    "no-zone-of-type": Message(
        en="no {zone_type} in the plan (FC301 reports it)",
        zh="图纸中没有{zone_type}（由 FC301 报告）",
    ),
    "no-main-entrance": Message(en="no main entrance found (FC008)", zh="未找到主入口（见 FC008）"),
    "no-windows": Message(en="no service windows in the plan", zh="图纸中没有服务窗口"),
    "built-in-code": Message(
        en="the plan was built in code, not read from a drawing",
        zh="该平面由代码构建，并非读自图纸",
    ),
}


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

    def zones(self, *types: str) -> list[Zone]:
        return self.plan.zones_of(*types)


def _skip(message: Message, values: dict[str, Any]) -> Skip:
    en, zh = message.render(**values)
    return Skip(en, zh)


class Rule:
    """Base of all rules. Subclasses set the class attributes and implement :meth:`check`.

    A rule's texts are its :attr:`messages` (findings) and :attr:`skips` (why it cannot run),
    declared once as tables (id → English and Chinese templates with named fields);
    :meth:`report` makes a finding and :meth:`skip` a reason from an id and the field values.
    ``basis`` is the rule's clause with the guide's words (or a national code's article): the
    source of every fixed limit the rule holds a plan to. ``title_zh`` and ``summary_zh`` are
    the Chinese title and "what it checks" (the docstring is the English documentation).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    clause: ClassVar[str] = ""
    options: ClassVar[tuple[Option, ...]] = ()
    messages: ClassVar[Mapping[str, Message]] = {}
    skips: ClassVar[Mapping[str, Message]] = {}
    basis: ClassVar[Basis | None] = None
    title_zh: ClassVar[str] = ""
    summary_zh: ClassVar[str] = ""
    # Rules about the hall need recognised zones; the drawing diagnostics (FC0xx) do not.
    needs_zones: ClassVar[bool] = True

    def __init__(self, ctx: Context, overrides: dict[str, Any] | None = None) -> None:
        self.ctx = ctx
        self.opts: dict[str, Any] = {o.name: o.default for o in self.options}
        overrides = dict(overrides or {})
        self.opts.update(self.check_options(overrides))
        sev = overrides.pop("severity", None)
        self.configured = frozenset(overrides)
        self.severity_set = sev is not None
        self.effective_severity: Severity = sev if sev else self.severity

    @classmethod
    def check_options(cls, overrides: Mapping[str, Any]) -> dict[str, Any]:
        """Option values given for this rule (``severity`` too) checked and coerced; raises
        KeyError (no such option) or ValueError (a value of the wrong kind)."""
        out: dict[str, Any] = {}
        for key, value in overrides.items():
            if key == "severity":
                if value not in SEVERITY_NAMES:
                    close = difflib.get_close_matches(str(value), SEVERITY_NAMES, n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    hint_zh = f"；是否应为 {close[0]!r}？" if close else ""
                    names_zh = "、".join(repr(n) for n in SEVERITY_NAMES)
                    raise with_zh(
                        ValueError(
                            f"severity must be one of {', '.join(SEVERITY_NAMES)}, "
                            f"not {value!r}{hint}"
                        ),
                        f"severity 应为 {names_zh} 之一，而不是 {value!r}{hint_zh}",
                    )
            else:
                out[key] = cls.option(key).coerce(value)
        return out

    @classmethod
    def option(cls, name: str) -> Option:
        for o in cls.options:
            if o.name == name:
                return o
        known = [o.name for o in cls.options]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        listed = ", ".join(known) or "none"
        hint_zh = f"；是否应为 {close[0]!r}？" if close else ""
        listed_zh = "、".join([*known, "severity"])
        raise with_zh(
            KeyError(f"{cls.code} has no option {name!r}{hint} (options: {listed}, severity)"),
            f"{cls.code} 没有选项 {name!r}{hint_zh}（可用选项：{listed_zh}）",
        )

    @property
    def plan(self) -> Plan:
        return self.ctx.plan

    def require_level(self) -> Level:
        if self.ctx.level is None:
            raise self.skip("no-level")
        return self.ctx.level

    def need_zones(self, type_id: str) -> list[Zone]:
        """The zones of a type the rule is about; skips (FC301 reports it) when there are none."""
        found = self.ctx.zones(type_id)
        if not found:
            raise self.skip("no-zone-of-type", zone_type=zone_type(type_id).term)
        return found

    def check(self) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- limits --------------------------------------------------------------------------------
    def limit(self, option: str) -> Limit:
        """The limit an option sets, with its basis (the option's own, else the rule's)."""
        o = self.option(option)
        basis = o.basis or self.basis
        if basis is None:
            raise MessageError(f"{self.code}: option {option} has no basis")
        return Limit(
            float(self.opts[option]), o.units, basis, option, configured=option in self.configured
        )

    def fixed_limit(self, value: float, unit: str, basis: Basis | None = None) -> Limit:
        """A limit that is a number of the guide or a code, not an option."""
        b = basis or self.basis
        if b is None:
            raise MessageError(f"{self.code}: a fixed limit needs a basis")
        return Limit(float(value), unit, b)

    # -- texts ---------------------------------------------------------------------------------
    def skip(self, message_id: str, **values: Any) -> Skip:
        """The reason (English and Chinese) this rule cannot run: ``raise self.skip(id, …)``."""
        message = self.skips.get(message_id) or SKIPS.get(message_id)
        if message is None:
            raise MessageError(f"{self.code} has no skip message {message_id!r}")
        return _skip(message, values)

    def report(
        self,
        message_id: str,
        *,
        zones: Iterable[str] = (),
        location: XY | None = None,
        measured: float | None = None,
        limit: Limit | None = None,
        geometry: Any = None,
        severity: Severity | None = None,
        cause: str = "",
        role: str = "",
        fix: tuple[str, dict[str, Any]] | None = None,
        **values: Any,
    ) -> Finding:
        """A finding with the text of message ``message_id`` of this rule, filled with ``values``.

        ``limit`` is what ``measured`` was held to; a limit that is floorcheck's own default (not
        the guide's, not set by the user) makes the finding a warning at most, unless the user
        set the rule's severity. ``cause`` names the physical cause (see :func:`opening`).
        ``fix`` is (message id, its values): the fix the rule computed, from the same table."""
        en, zh = self._render(message_id, values)
        fix_en = fix_zh = ""
        if fix is not None:
            fix_en, fix_zh = self._render(fix[0], fix[1])
        sev = severity or self.effective_severity
        if (
            limit is not None
            and limit.source == DEFAULT
            and not self.option(limit.option).tolerance
            and not self.severity_set
            and sev == "error"
        ):
            sev = "warning"
        f = self.finding(
            en,
            zh=zh,
            zones=zones,
            location=location,
            measured=measured,
            required=None if limit is None else limit.value,
            geometry=geometry,
            severity=sev,
            role=role,
        )
        if limit is not None:
            f = replace(
                f,
                limit=limit.value,
                unit=limit.unit,
                source=limit.source,
                basis=limit.text(self.code, "en"),
                basis_zh=limit.text(self.code, "zh"),
            )
        if fix_en:
            f = replace(f, fix=fix_en, fix_zh=fix_zh)
        return replace(f, cause=cause) if cause else f

    def _render(self, message_id: str, values: dict[str, Any]) -> tuple[str, str]:
        message = self.messages.get(message_id)
        if message is None:
            raise MessageError(f"{self.code} has no message {message_id!r}")
        ox, oy = self.plan.origin
        if message.points and (ox or oy):  # points are printed in the drawing's coordinates
            values = {
                k: (v[0] + ox, v[1] + oy) if k in message.points else v for k, v in values.items()
            }
        try:
            return message.render(**values)
        except MessageError as exc:
            raise MessageError(f"{self.code} {message_id}: {exc}") from None

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

    # -- documentation -------------------------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def title(cls, lang: str = "en") -> str:
        doc = cls.doc()
        if lang == "zh" and cls.title_zh:
            return cls.title_zh
        return clause_in(doc.splitlines()[0], "en") if doc else cls.name

    @classmethod
    def describe(cls, lang: str | None = None) -> str:
        """The documentation: the docstring (English) followed by the messages in both
        languages when ``lang`` is None (the generated docs), or everything in one language
        (``floorcheck rule CODE --lang``)."""
        if lang == "zh":
            return _describe_zh(cls)
        doc = cls.doc()
        lines: list[str] = []
        if cls.skips:
            lines += ["", "## When it cannot run", ""]
            for message_id, m in cls.skips.items():
                if lang:
                    lines.append(f"- {m.en}")
                else:
                    lines.append(f"- `{message_id}`: en `{m.en}`; zh `{m.zh}`")
        if cls.messages:
            lines += ["", "## Messages", "", _MESSAGES_LEGEND, ""]
            for message_id, m in cls.messages.items():
                lines.append(f"- `{message_id}`")
                lines.append(f"  - en: `{m.en}`")
                if lang is None:
                    lines.append(f"  - zh: `{m.zh}`")
        text = doc + ("\n" + "\n".join(lines) if lines else "")
        return clause_in(text, "en") if lang == "en" else text


def _whose_zh(basis: Basis | None, option: Option) -> str:
    """Whose number an option's default is, in Chinese."""
    if option.tolerance:
        return "容差，用于消除绘图误差"
    if basis is None:
        return ""
    if basis.source == DEFAULT:
        return "floorcheck 默认值，指南未规定具体数值"
    if basis.source == GUIDE:
        return f"指南{basis.clause}的规定"
    return f"依据 {basis.source_zh or basis.source}"


def _describe_zh(cls: type[Rule]) -> str:
    """The documentation of a rule in Chinese: title, what it checks, the clause quoted, its
    options, messages and the reasons it may not run."""
    from ..i18n import word

    lines = [cls.title("zh"), "", word("rule_what", "zh"), cls.summary_zh or cls.title("zh")]
    if cls.basis is not None and cls.basis.quote:
        cited = (
            "指南" + cls.basis.clause
            if cls.basis.source == GUIDE
            else cls.basis.source_zh or cls.basis.source
        )
        lines += ["", word("rule_why", "zh"), f"{cited}「{cls.basis.quote}」"]
    lines += ["", word("rule_options", "zh")]
    if not cls.options:
        lines.append(word("no_options", "zh"))
    for o in cls.options:
        unit = f" {o.units}" if o.units not in ("", "count") else ""
        whose = _whose_zh(o.basis or cls.basis, o)
        lines.append(f"- `{o.name}`（默认 {o.default:g}{unit}；{whose}）：{o.help_zh or o.name}")
    if cls.messages:
        lines += ["", word("rule_messages", "zh"), ""]
        lines += [f"- {m.zh}" for m in cls.messages.values()]
    if cls.skips:
        lines += ["", word("rule_skips", "zh"), ""]
        lines += [f"- {m.zh}" for m in cls.skips.values()]
    return "\n".join(lines)


_MESSAGES_LEGEND = (
    "The texts this rule prints, with the values in braces: `:m` is a length in metres, `:w` a "
    "clear width in metres, `:m2` an area in m², `:xy` a point of the plan, `:list` an "
    "enumeration."
)


def opening(a: str, b: str) -> str:
    """The cause of every finding about the open boundary between zones ``a`` and ``b``."""
    x, y = sorted((a, b))
    return f"opening {x}|{y}"


def overlap(a: str, b: str) -> str:
    """The cause of every finding about zones ``a`` and ``b`` overlapping."""
    x, y = sorted((a, b))
    return f"overlap {x}|{y}"


RULES: dict[str, type[Rule]] = {}

# Keywords of Rule.report: a template field of the same name could not be given a value.
_REPORT_KEYWORDS = frozenset(inspect.signature(Rule.report).parameters) - {"self", "values"}
_MESSAGE_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def register(cls: type[Rule]) -> type[Rule]:
    """Put a rule in the registry, after checking its code and its message table."""
    if cls.code in RULES:
        raise ValueError(f"rule {cls.code} registered twice")
    for message_id, message in {**cls.messages, **cls.skips}.items():
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
