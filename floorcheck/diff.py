"""What changed between two revisions of a plan: findings new, resolved and unchanged, and zones
added, removed, renamed or resized.

Ids (Z3, W4, D7) are numbers the reader hands out in reading order: a re-saved drawing, or one
new room, renumbers them. So nothing is matched by id:

- zones by what they are and where: same name (label and type) with the centroid within
  ``tolerance_m`` → the same zone (resized when its area changed); otherwise the zone the old
  one overlaps most (geometry when both reports hold their plan, centroids otherwise) → the same
  zone moved or renamed; the rest added or removed;
- findings by rule, the zones involved (through the zone matching above, so a renamed zone
  keeps its findings) and location: the nearest pair within ``tolerance_m`` (within
  ``moved_m`` when they name the same zones, as a zone's measuring point moves with its walls).
  A rule's single finding about the same zones on both sides is the same finding however far
  its point moved (a route's narrowest point). Windows and doors are named in findings by
  position, so a window keeps its findings across a renumbering.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding, Report
from .i18n import caption, severity

__all__ = ["Diff", "ZoneChange", "diff_reports", "format_diff"]

_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class ZoneChange:
    """One zone that is not the same in both revisions."""

    change: str  # "added" | "removed" | "renamed" | "resized"
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    @staticmethod
    def _name(z: dict[str, Any] | None) -> str:
        return "" if z is None else str(z.get("label") or z.get("type") or z.get("id"))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"change": self.change}
        if self.old is not None:
            d["old"] = {
                "id": self.old.get("id"),
                "name": self._name(self.old),
                "type": self.old.get("type"),
                "area_m2": self.old.get("area_m2"),
                "centroid": self.old.get("centroid"),
            }
        if self.new is not None:
            d["new"] = {
                "id": self.new.get("id"),
                "name": self._name(self.new),
                "type": self.new.get("type"),
                "area_m2": self.new.get("area_m2"),
                "centroid": self.new.get("centroid"),
            }
        return d

    def text(self, lang: str = "en") -> str:
        o, n = self._name(self.old), self._name(self.new)
        oa = (self.old or {}).get("area_m2")
        na = (self.new or {}).get("area_m2")
        zh = lang == "zh"
        if self.change == "added":
            return f"新增 {n} ({na} m²)" if zh else f"added {n} ({na} m²)"
        if self.change == "removed":
            return f"删除 {o} ({oa} m²)" if zh else f"removed {o} ({oa} m²)"
        if self.change == "renamed":
            area = f", {oa} → {na} m²" if oa != na else ""
            return f"更名 {o} → {n}{area}" if zh else f"renamed {o} → {n}{area}"
        return f"面积变化 {n}: {oa} → {na} m²" if zh else f"resized {n}: {oa} → {na} m²"


@dataclass
class Diff:
    old: Report
    new: Report
    new_findings: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    unchanged: list[tuple[Finding, Finding]] = field(default_factory=list)
    zones: list[ZoneChange] = field(default_factory=list)

    def worse(self, fail_on: str = "error") -> bool:
        """NEW adds a finding at or above ``fail_on``."""
        return any(_RANK[f.severity] <= _RANK[fail_on] for f in self.new_findings)

    @property
    def changed(self) -> bool:
        return bool(self.new_findings or self.resolved or self.zones)

    def to_dict(self, fail_on: str = "error") -> dict[str, Any]:
        return {
            "old": self.old.title,
            "new_file": self.new.title,
            "new": [f.to_dict() for f in self.new_findings],
            "resolved": [f.to_dict() for f in self.resolved],
            "unchanged": [
                {**b.to_dict(), "old_message": a.message, "old_measured": a.measured}
                for a, b in self.unchanged
            ],
            "zones": [z.to_dict() for z in self.zones],
            "summary": {
                "new": len(self.new_findings),
                "new_errors": sum(f.severity == "error" for f in self.new_findings),
                "resolved": len(self.resolved),
                "unchanged": len(self.unchanged),
                "zones_changed": len(self.zones),
                "worse": self.worse(fail_on),
            },
        }


# -- zones ----------------------------------------------------------------------------------------


def _zone_key(z: dict[str, Any]) -> tuple[str, str]:
    return (str(z.get("label") or ""), str(z.get("type") or ""))


def _centroid(z: dict[str, Any]) -> tuple[float, float] | None:
    c = z.get("centroid")
    return None if not c else (float(c[0]), float(c[1]))


def _dist(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float:
    if a is None or b is None:
        return math.inf
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _geometries(report: Report) -> dict[str, Any]:
    if report.plan is None:
        return {}
    return {z.id: z.geometry for z in report.plan.zones}


def _overlap(ga: Any, gb: Any) -> float:
    """Intersection over the smaller area (a room grown or shrunk by a wall move still counts)."""
    if ga is None or gb is None or ga.is_empty or gb.is_empty:
        return 0.0
    if not ga.intersects(gb):
        return 0.0
    small = min(ga.area, gb.area)
    return float(ga.intersection(gb).area / small) if small > 0 else 0.0


def _greedy(scored: list[tuple[float, str, str]], pairs: dict[str, str], free: set[str]) -> None:
    """Pair (old, new) ids best score first, each id once."""
    for _, i, j in sorted(scored):
        if i not in pairs and j in free:
            pairs[i] = j
            free.discard(j)


def _same_name_here(
    olds: dict[str, dict[str, Any]], news: dict[str, dict[str, Any]], tolerance_m: float
) -> list[tuple[float, str, str]]:
    out = []
    for i, a in olds.items():
        for j, b in news.items():
            d = _dist(_centroid(a), _centroid(b))
            if _zone_key(a) == _zone_key(b) and d <= tolerance_m:
                out.append((d, i, j))
    return out


def _moved_or_renamed(
    old: Report,
    new: Report,
    left: list[str],
    free: set[str],
    tolerance_m: float,
) -> list[tuple[float, str, str]]:
    """Scores for the zones step 1 left: overlap when both reports hold geometry, else the
    nearest centroid within tolerance or the same name anywhere."""
    olds = {str(z["id"]): z for z in old.zones}
    news = {str(z["id"]): z for z in new.zones}
    go, gn = _geometries(old), _geometries(new)
    out = []
    for i in left:
        a = olds[i]
        for j in free:
            b = news[j]
            same = _zone_key(a) == _zone_key(b)
            if go and gn:
                share = _overlap(go.get(i), gn.get(j))
                if share >= 0.5:
                    out.append((-share - (0.01 if same else 0.0), i, j))
                continue
            d = _dist(_centroid(a), _centroid(b))
            if d <= tolerance_m or same:
                out.append((d - (1e6 if same else 0.0), i, j))
    return out


def _match_zones(
    old: Report, new: Report, tolerance_m: float
) -> tuple[dict[str, str], list[ZoneChange]]:
    """old zone id → new zone id for zones that are the same zone, and the zone changes."""
    olds = {str(z["id"]): z for z in old.zones}
    news = {str(z["id"]): z for z in new.zones}
    pairs: dict[str, str] = {}
    free = set(news)
    _greedy(_same_name_here(olds, news, tolerance_m), pairs, free)
    left = [i for i in olds if i not in pairs]
    _greedy(_moved_or_renamed(old, new, left, free, tolerance_m), pairs, free)
    changes: list[ZoneChange] = []
    for i, j in pairs.items():
        a, b = olds[i], news[j]
        if _zone_key(a) != _zone_key(b):
            changes.append(ZoneChange("renamed", a, b))
        elif _area_changed(a.get("area_m2"), b.get("area_m2")):
            changes.append(ZoneChange("resized", a, b))
    changes += [ZoneChange("removed", olds[i], None) for i in olds if i not in pairs]
    changes += [ZoneChange("added", None, news[j]) for j in news if j in free]
    return pairs, changes


def _area_changed(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a != b
    return abs(float(a) - float(b)) > max(0.05, 0.005 * max(float(a), float(b)))


# -- findings -------------------------------------------------------------------------------------


Subjects = frozenset[str]


def _nearest_pairs(
    old: list[tuple[Finding, Subjects]],
    new: list[tuple[Finding, Subjects]],
    tolerance_m: float,
    moved_m: float,
) -> list[tuple[int, int]]:
    """Same rule, same zones, the nearest first (then the likest measure), within
    ``tolerance_m`` — ``moved_m`` for findings about zones."""
    scored = []
    for i, (a, sa) in enumerate(old):
        for j, (b, sb) in enumerate(new):
            if a.rule != b.rule or sa != sb:
                continue
            d = 0.0 if a.location is None and b.location is None else _dist(a.location, b.location)
            if d > (moved_m if sa else tolerance_m):
                continue
            scored.append((d, abs((a.measured or 0.0) - (b.measured or 0.0)), i, j))
    used_o: set[int] = set()
    used_n: set[int] = set()
    out = []
    for _, _, i, j in sorted(scored):
        if i not in used_o and j not in used_n:
            used_o.add(i)
            used_n.add(j)
            out.append((i, j))
    return out


def _only_pairs(
    old: list[tuple[Finding, Subjects]],
    new: list[tuple[Finding, Subjects]],
    used_o: set[int],
    used_n: set[int],
) -> list[tuple[int, int]]:
    """A rule's one remaining finding about the same zones on each side is the same finding
    however far its point moved (a route's narrowest point, a zone's farthest corner)."""
    left_o: dict[tuple[str, Subjects], list[int]] = {}
    left_n: dict[tuple[str, Subjects], list[int]] = {}
    for side, used, left in ((old, used_o, left_o), (new, used_n, left_n)):
        for k, (f, subjects) in enumerate(side):
            if k not in used and subjects:
                left.setdefault((f.rule, subjects), []).append(k)
    return [
        (idx[0], left_n[key][0])
        for key, idx in left_o.items()
        if len(idx) == 1 and len(left_n.get(key, [])) == 1
    ]


def _match_findings(
    old: list[Finding],
    new: list[Finding],
    zone_map: dict[str, str],
    tolerance_m: float,
    moved_m: float,
) -> tuple[list[tuple[Finding, Finding]], list[Finding], list[Finding]]:
    """(unchanged pairs, new, resolved); old zone ids are read through ``zone_map``."""
    o = [(f, frozenset(zone_map.get(z, f"old:{z}") for z in f.zones)) for f in old]
    n = [(f, frozenset(f.zones)) for f in new]
    pairs = _nearest_pairs(o, n, tolerance_m, moved_m)
    used_o, used_n = {i for i, _ in pairs}, {j for _, j in pairs}
    pairs += _only_pairs(o, n, used_o, used_n)
    used_o, used_n = {i for i, _ in pairs}, {j for _, j in pairs}
    return (
        [(old[i], new[j]) for i, j in pairs],
        [f for j, f in enumerate(new) if j not in used_n],
        [f for i, f in enumerate(old) if i not in used_o],
    )


def diff_reports(
    old: Report, new: Report, *, tolerance_m: float = 1.0, moved_m: float = 5.0
) -> Diff:
    """Compare two reports of (revisions of) one plan; see the module doc for the matching."""
    zone_map, zone_changes = _match_zones(old, new, tolerance_m)
    pairs, added, resolved = _match_findings(
        old.findings, new.findings, zone_map, tolerance_m, moved_m
    )
    order = {"error": 0, "warning": 1, "info": 2}

    def key(f: Finding) -> tuple[int, str]:
        return (order[f.severity], f.rule)

    return Diff(
        old,
        new,
        sorted(added, key=key),
        sorted(resolved, key=key),
        sorted(pairs, key=lambda p: key(p[1])),
        zone_changes,
    )


# -- output ---------------------------------------------------------------------------------------

_WORDS = {
    "en": {
        "new": "New",
        "resolved": "Resolved",
        "unchanged": "Unchanged",
        "zones": "Zones",
        "nothing": "no change in findings or zones",
        "worse": "WORSE",
        "better": "NOT WORSE",
        "title": "floorcheck diff",
    },
    "zh": {
        "new": "新增问题",
        "resolved": "已解决",
        "unchanged": "未变",
        "zones": "分区变化",
        "nothing": "问题与分区均无变化",
        "worse": "变差",
        "better": "未变差",
        "title": "floorcheck 版本对比",
    },
}


def _line(f: Finding, lang: str) -> str:
    """A finding as one line: code, severity and text in ``lang`` (where it is, and the rules
    its cause also breaks, as every report prints them)."""
    return f"{f.rule} {severity(f.severity).text(lang)} {caption(f, lang)}"


def format_text(d: Diff, lang: str = "en", fail_on: str = "error", verbose: bool = False) -> str:
    w = _WORDS[lang]
    out = [f"{d.old.title} → {d.new.title}"]
    sections: list[tuple[str, str, Iterable[str]]] = [
        ("+", w["new"], (_line(f, lang) for f in d.new_findings)),
        ("-", w["resolved"], (_line(f, lang) for f in d.resolved)),
        ("~", w["zones"], (z.text(lang) for z in d.zones)),
    ]
    if verbose:
        sections.append(("=", w["unchanged"], (_line(b, lang) for _, b in d.unchanged)))
    for mark, title, lines in sections:
        items = list(lines)
        if items:
            out.append(f"{title} ({len(items)})")
            out.extend(f"  {mark} {x}" for x in items)
    if not d.changed:
        out.append(w["nothing"])
    verdict = w["worse"] if d.worse(fail_on) else w["better"]
    out.append(
        f"{verdict}: +{len(d.new_findings)} {w['new'].lower() if lang == 'en' else w['new']}, "
        f"-{len(d.resolved)} {w['resolved'].lower() if lang == 'en' else w['resolved']}, "
        f"{len(d.unchanged)} {w['unchanged'].lower() if lang == 'en' else w['unchanged']}, "
        f"{len(d.zones)} {'zone change(s)' if lang == 'en' else '处分区变化'}"
    )
    return "\n".join(out) + "\n"


def _svg(d: Diff) -> str:
    """The new plan's zones with the new findings in red and the resolved ones in green."""
    plan = d.new.plan or d.old.plan
    if plan is None or not plan.zones:
        return ""
    import shapely

    geoms = [z.geometry for z in plan.zones]
    x0, y0, x1, y1 = shapely.total_bounds(geoms).tolist()
    pad = max(x1 - x0, y1 - y0) * 0.03 + 0.5
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.2f} {-y1:.2f} '
        f'{x1 - x0:.2f} {y1 - y0:.2f}" style="max-width:100%;height:auto;background:#fff">',
        '<g transform="scale(1,-1)">',
    ]
    for z in plan.zones:
        for poly in shapely.get_parts(z.geometry):
            if poly.geom_type != "Polygon":
                continue
            pts = " ".join(f"{x:.2f},{y:.2f}" for x, y in poly.exterior.coords)
            parts.append(
                f'<polygon points="{pts}" fill="#eef" stroke="#666" stroke-width="0.05">'
                f"<title>{html.escape(z.name)}</title></polygon>"
            )
    r = max(x1 - x0, y1 - y0) / 80
    for colour, items in (("#d62728", d.new_findings), ("#2ca02c", d.resolved)):
        for f in items:
            if f.location is None:
                continue
            parts.append(
                f'<circle cx="{f.location[0]:.2f}" cy="{f.location[1]:.2f}" r="{r:.2f}" '
                f'fill="{colour}" fill-opacity="0.8"><title>{html.escape(f.rule)} '
                f"{html.escape(f.message)}</title></circle>"
            )
    parts.append("</g></svg>")
    return "\n".join(parts)


def format_html(d: Diff, lang: str = "en", fail_on: str = "error") -> str:
    """One self-contained page: verdict, the plan with new and resolved findings marked, and a
    table per section."""
    w = _WORDS[lang]
    e = html.escape

    def table(title: str, colour: str, rows: list[Finding]) -> str:
        if not rows:
            return ""
        body = "".join(
            f"<tr><td>{e(f.rule)}</td><td>{e(severity(f.severity).text(lang))}</td>"
            f"<td>{e(caption(f, lang))}</td>"
            f"<td>{'' if f.location is None else f'({f.location[0]:.1f}, {f.location[1]:.1f})'}</td></tr>"
            for f in rows
        )
        return (
            f'<h2 style="color:{colour}">{e(title)} ({len(rows)})</h2>'
            f"<table><tr><th>rule</th><th>severity</th><th>message</th><th>at</th></tr>{body}</table>"
        )

    zones = "".join(f"<li>{e(z.text(lang))}</li>" for z in d.zones)
    worse = d.worse(fail_on)
    verdict = w["worse"] if worse else w["better"]
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<title>{e(w["title"])}: {e(d.old.title)} → {e(d.new.title)}</title>
<style>body{{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;max-width:70em}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.3em;text-align:left;vertical-align:top}}
.v{{font-weight:bold;color:{"#d62728" if worse else "#2ca02c"}}}</style></head><body>
<h1>{e(w["title"])}</h1>
<p>{e(d.old.title)} → {e(d.new.title)}</p>
<p class="v">{e(verdict)}: +{len(d.new_findings)} / -{len(d.resolved)} / ={len(d.unchanged)}</p>
{_svg(d)}
{table(w["new"], "#d62728", d.new_findings)}
{table(w["resolved"], "#2ca02c", d.resolved)}
{f"<h2>{e(w['zones'])} ({len(d.zones)})</h2><ul>{zones}</ul>" if zones else ""}
{table(w["unchanged"], "#555", [b for _, b in d.unchanged])}
</body></html>
"""


def format_diff(
    d: Diff, fmt: str = "text", lang: str = "en", fail_on: str = "error", verbose: bool = False
) -> str:
    if fmt == "json":
        import json

        return json.dumps(d.to_dict(fail_on), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return format_html(d, lang, fail_on)
    return format_text(d, lang, fail_on, verbose)
