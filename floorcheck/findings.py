"""Findings and reports: pure data, readable back from JSON (``to_dict``/``from_dict``)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import shapely
from shapely import wkt
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    from .geometry.analysis import Analysis
    from .model import Plan

__all__ = [
    "Finding",
    "Report",
    "Unreadable",
    "Severity",
    "SEVERITIES",
    "SCHEMA_VERSION",
    "finite",
]

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SCHEMA_VERSION = 1


def _round(v: float | None, nd: int = 2) -> float | None:
    return None if v is None or not math.isfinite(v) else round(float(v), nd)


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinite number (nested in lists and dicts) made None: JSON
    has no NaN, and a report must parse in every strict reader (SARIF uploads refuse NaN)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def _shifted(
    xy: tuple[float, float] | None, origin: tuple[float, float]
) -> tuple[float, float] | None:
    return None if xy is None else (xy[0] + origin[0], xy[1] + origin[1])


def _location(xy: tuple[float, float] | None) -> list[float] | None:
    if xy is None or not all(math.isfinite(c) for c in xy):
        return None
    return [round(float(xy[0]), 3), round(float(xy[1]), 3)]


@dataclass(frozen=True)
class Finding:
    """One thing a rule found: where, what was measured, against which limit and why that limit.

    ``limit`` (with its ``unit``) is what the measurement was held to; ``source`` says whose
    number it is — ``"guide"``, a national code's article (``"GB 55019-2021 2.2.2"``),
    ``"floorcheck default"`` or ``"configured"`` — and ``basis``/``basis_zh`` say it in words
    (the clause quoted, or how to set the default). ``required`` is ``limit`` under its schema-1
    name. ``cause`` names the physical cause ("opening Z12|Z7"); findings of several rules with
    one cause are one finding, the others in ``related``.
    """

    rule: str
    severity: Severity
    clause: str
    message: str
    zones: tuple[str, ...] = ()
    location: tuple[float, float] | None = None
    measured: float | None = None
    required: float | None = None
    geometry: BaseGeometry | None = field(default=None, compare=False)
    message_zh: str = ""
    limit: float | None = None
    unit: str = ""
    source: str = ""
    basis: str = ""
    basis_zh: str = ""
    cause: str = ""
    related: tuple[Finding, ...] = ()
    # What the geometry is, for drawing it: "route", "blind-spot", "pinch" (see
    # floorcheck.render.scene.STYLES); "" for the outline of what a finding is about.
    role: str = ""
    # A fix the rule computed ("move the column at (12.0, 4.5) 0.35 m"), in English and Chinese;
    # "" where the rule has no number to offer.
    fix: str = ""
    fix_zh: str = ""

    def fix_text(self, lang: str = "en") -> str:
        """The computed fix in ``lang`` ("" when there is none)."""
        return self.fix_zh if lang == "zh" and self.fix_zh else self.fix

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("en" or "zh"; English where no Chinese text exists)."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def basis_text(self, lang: str = "en") -> str:
        """Where the limit comes from, in ``lang``."""
        return self.basis_zh if lang == "zh" and self.basis_zh else self.basis

    @property
    def rules(self) -> tuple[str, ...]:
        """This finding's rule and the rules its cause also breaks."""
        return (self.rule, *(r.rule for r in self.related))

    def to_dict(self, origin: tuple[float, float] = (0.0, 0.0)) -> dict[str, Any]:
        """The finding as JSON data; ``origin`` (the plan's, see ``Plan.origin``) is added to
        its coordinates, which are then the drawing's."""
        d: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "clause": self.clause,
            "message": self.message,
            "zones": list(self.zones),
            "location": _location(_shifted(self.location, origin)),
            "measured": _round(self.measured),
            "required": _round(self.required),
        }
        if self.message_zh:
            d["message_zh"] = self.message_zh
        if self.limit is not None:
            d.update(
                {
                    "limit": _round(self.limit),
                    "unit": self.unit,
                    "source": self.source,
                    "basis": self.basis,
                    "basis_zh": self.basis_zh,
                }
            )
        if self.cause:
            d["cause"] = self.cause
        if self.related:
            d["related"] = [r.to_dict(origin) for r in self.related]
        if self.role:
            d["role"] = self.role
        if self.fix:
            d["fix"] = self.fix
            if self.fix_zh:
                d["fix_zh"] = self.fix_zh
        if self.geometry is not None and not self.geometry.is_empty:
            geom = self.geometry
            if origin != (0.0, 0.0):
                geom = shapely.transform(geom, lambda xy: xy + np.asarray(origin))
            d["geometry"] = wkt.dumps(geom, rounding_precision=3)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        geom = d.get("geometry")
        loc = d.get("location")
        return cls(
            rule=d["rule"],
            severity=d["severity"],
            clause=d.get("clause", ""),
            message=d["message"],
            zones=tuple(d.get("zones", ())),
            location=None if loc is None else (float(loc[0]), float(loc[1])),
            measured=d.get("measured"),
            required=d.get("required"),
            geometry=wkt.loads(geom) if geom else None,
            message_zh=d.get("message_zh", ""),
            limit=d.get("limit"),
            unit=d.get("unit", ""),
            source=d.get("source", ""),
            basis=d.get("basis", ""),
            basis_zh=d.get("basis_zh", ""),
            cause=d.get("cause", ""),
            related=tuple(cls.from_dict(r) for r in d.get("related", ())),
            role=d.get("role", ""),
            fix=d.get("fix", ""),
            fix_zh=d.get("fix_zh", ""),
        )


@dataclass
class Report:
    """The result of checking one plan: findings, rules passed, rules skipped (with reasons).

    ``plan`` is the checked :class:`~floorcheck.model.Plan` when the report was made in this
    process (None when read back from JSON); renderers need it.
    """

    file: str
    level: str | None
    findings: list[Finding]
    passed: list[str]
    skipped: list[dict[str, str]]
    units: dict[str, str] = field(default_factory=dict)
    hall: dict[str, Any] = field(default_factory=dict)
    zones: list[dict[str, Any]] = field(default_factory=list)
    windows: list[dict[str, Any]] = field(default_factory=list)
    doors: list[dict[str, Any]] = field(default_factory=list)
    cameras: list[dict[str, Any]] = field(default_factory=list)
    version: str = ""
    # Which plan of the file (a storey, a region) when the file holds several; "" otherwise.
    part: str = ""
    # Fixes computed for what failed ({"cameras": {...}} when FC701–FC703 fail); serialised
    # only when present.
    suggestions: dict[str, Any] | None = None
    plan: Plan | None = field(default=None, repr=False, compare=False)
    # The geometry the check built (adjacency, views …), so renderers reuse it; not serialised.
    analysis: Analysis | None = field(default=None, repr=False, compare=False)
    # Seconds spent per stage ("repair", then each rule code; the shared geometry a rule is the
    # first to need counts to it): for benchmarks and --verbose users; not serialised.
    timings: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    # The point of the drawing (m) that is the plan's (0, 0) (``Plan.origin``): coordinates in
    # memory are the plan's; every output adds the origin (:meth:`world`), so that what it
    # writes is in the drawing's frame. A report read back from JSON has (0, 0).
    origin: tuple[float, float] = (0.0, 0.0)

    def world(self, xy: tuple[float, float] | list[float]) -> tuple[float, float]:
        """A point of the plan in the drawing's coordinates (m)."""
        return float(xy[0]) + self.origin[0], float(xy[1]) + self.origin[1]

    @property
    def title(self) -> str:
        """The file, and the part of it when it holds several plans: ``a.ifc [2F]``."""
        name = self.file or "<plan>"
        return f"{name} [{self.part}]" if self.part else name

    def count(self, severity: Severity) -> int:
        """Findings (causes) of ``severity``; a cause that breaks several rules counts once."""
        return sum(1 for f in self.findings if f.severity == severity)

    def all_findings(self) -> list[Finding]:
        """Every finding, the related ones of each cause included (one per rule it breaks)."""
        return [g for f in self.findings for g in (f, *f.related)]

    @property
    def failed(self) -> list[str]:
        """Rules with an error or a warning, through a finding of their own or as related."""
        return sorted({f.rule for f in self.all_findings() if f.severity != "info"})

    def fails(self, fail_on: str = "error") -> bool:
        """True when a finding is at or above ``fail_on`` (error > warning > info); a cause
        has the severity of the worst rule it breaks."""
        rank = {"error": 0, "warning": 1, "info": 2}
        if fail_on not in rank:
            raise ValueError(f"fail_on must be one of {', '.join(rank)}, not {fail_on!r}")
        return any(rank[f.severity] <= rank[fail_on] for f in self.findings)

    @property
    def summary(self) -> dict[str, Any]:
        return {
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "failed": self.failed,
            "passed": list(self.passed),
            "skipped": [dict(s) for s in self.skipped],
        }

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "floorcheck_version": self.version,
            "file": self.file,
        }
        if self.part:
            d["part"] = self.part
        d.update(
            {
                "level": self.level,
                "units": dict(self.units),
                "hall": dict(self.hall),
                "zones": [self._placed(z, "centroid") for z in self.zones],
                "windows": [self._placed(w, "position") for w in self.windows],
                "doors": [self._placed(d, "position") for d in self.doors],
                "cameras": [self._placed(c, "position") for c in self.cameras],
                "findings": [f.to_dict(self.origin) for f in self.findings],
                "summary": self.summary,
            }
        )
        if self.suggestions:
            d["suggestions"] = self._suggestions_placed()
        return dict(finite(d))

    def _suggestions_placed(self) -> dict[str, Any]:
        """The suggestions, the proposed cameras at the drawing's coordinates."""
        out = dict(self.suggestions or {})
        cams = out.get("cameras")
        if isinstance(cams, dict) and self.origin != (0.0, 0.0):
            proposed = [self._placed(c, "position") for c in cams.get("proposed") or []]
            out["cameras"] = {**cams, "proposed": proposed}
        return out

    def _placed(self, item: dict[str, Any], key: str) -> dict[str, Any]:
        """A copy of a zone, window, door or camera entry, its point in the drawing's frame."""
        out = dict(item)
        xy = out.get(key)
        if xy is not None and self.origin != (0.0, 0.0):
            out[key] = [round(v, 3) for v in self.world(xy)]
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """The schema-1 JSON report, UTF-8 with Chinese unescaped."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        if d.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"unsupported report schema {d.get('schema')!r}")
        s = d.get("summary", {})
        return cls(
            file=d["file"],
            part=d.get("part", ""),
            level=d.get("level"),
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            passed=list(s.get("passed", [])),
            skipped=[dict(x) for x in s.get("skipped", [])],
            units=dict(d.get("units", {})),
            hall=dict(d.get("hall", {})),
            zones=list(d.get("zones", [])),
            windows=list(d.get("windows", [])),
            doors=list(d.get("doors", [])),
            cameras=list(d.get("cameras", [])),
            version=d.get("floorcheck_version", ""),
            suggestions=d.get("suggestions"),
        )

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(json.loads(text))


@dataclass(frozen=True)
class Unreadable:
    """A file of a batch that gave no report: the drawing could not be used. Reports list it so
    that every file named is accounted for (JSON ``error``, a JUnit ``<error>``, a SARIF
    notification, a row of the summary table). ``error`` is the one line in English,
    ``error_zh`` in Chinese."""

    file: str
    error: str
    error_zh: str = ""

    def text(self, lang: str = "en") -> str:
        """The error in ``lang``."""
        return (self.error_zh or self.error) if lang == "zh" else self.error

    def to_dict(self) -> dict[str, Any]:
        d = {"schema": SCHEMA_VERSION, "file": self.file, "error": self.error}
        if self.error_zh:
            d["error_zh"] = self.error_zh
        return d
