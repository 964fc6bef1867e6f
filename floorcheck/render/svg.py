"""The SVG backend: the Scene as one ``<svg>`` element for the HTML report.

Every kind of thing is a ``<g>`` carrying its role and layer (``data-role``, ``data-layer``), so
a stylesheet shows or hides layers; every element that shows findings carries their numbers
(``data-f="3 5"``), zones their id (``data-zone``). Drawing y points up, SVG's down: y is
negated, so the viewBox is ``x0 -y1 w h``. Lines keep their width in screen pixels when the
reader zooms (``vector-effect: non-scaling-stroke``).

Very large plans are decimated to what a screen can show: geometry is simplified to a
tolerance of 1/4000 of the plan's extent (a pixel of a 4K screen showing the whole plan), and
objects smaller than that are left out; ``SvgPlan.notes`` says what was left out.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .scene import LegendEntry, Marker, Scene, Shape
from .styles import SEVERITY_COLOURS, STYLES, Style

__all__ = ["SvgPlan", "scene_svg", "legend_swatch", "MAX_COORDS", "PX_PER_PT"]

PX_PER_PT = 96 / 72
# Past this many coordinates the SVG is simplified further (a browser slows down and the
# file outgrows an e-mail): about 6 MB of path data.
MAX_COORDS = 400_000
_PATTERNS = {
    "//": '<path d="M0 {s} L{s} 0" stroke="{c}" stroke-opacity="0.5" stroke-width="{w}"/>',
    "..": '<circle cx="{h}" cy="{h}" r="{r}" fill="{c}" fill-opacity="0.8"/>',
}


@dataclass
class SvgPlan:
    svg: str
    notes: list[str] = field(default_factory=list)
    dropped: int = 0
    tolerance_m: float = 0.0


def _fmt(decimals: int) -> str:
    return f"{{:.{decimals}f}}"


class _Writer:
    """Geometry to SVG path data at a fixed precision."""

    def __init__(self, decimals: int) -> None:
        self.decimals = decimals

    def coords(self, xy: np.ndarray) -> str:
        xy = np.round(np.asarray(xy)[:, :2] * (1, -1), self.decimals)
        if self.decimals == 0:
            xy = xy.astype(np.int64)
        flat = xy.ravel().tolist()
        return " ".join(f"{a:g}" if self.decimals else str(a) for a in flat)

    def path(self, geom: BaseGeometry) -> str:
        parts: list[str] = []
        for part in shapely.get_parts(geom):
            if part.geom_type == "Polygon":
                for ring in [part.exterior, *part.interiors]:
                    parts.append("M" + self.coords(np.asarray(ring.coords)[:-1]) + "Z")
            elif part.geom_type in ("LineString", "LinearRing"):
                parts.append("M" + self.coords(np.asarray(part.coords)))
            elif part.geom_type == "Point":
                x, y = part.x, part.y
                parts.append("M" + self.coords(np.asarray([[x, y], [x, y]])))
            else:
                parts.append(self.path(part))
        return "".join(parts)

    def num(self, v: float) -> str:
        return f"{round(v, self.decimals):g}"


def _attr_numbers(numbers: tuple[int, ...]) -> str:
    return f' data-f="{" ".join(map(str, numbers))}"' if numbers else ""


def _group_open(role: str, st: Style, pt: float) -> str:
    width = st.width * PX_PER_PT
    fill = "none" if st.face is None else st.face
    if st.hatch in _PATTERNS:
        fill = f"url(#hatch-{role})"  # the pattern holds the face colour and the hatch
    attrs = [
        f'data-role="{role}"',
        f'data-layer="{st.layer}"',
        f'fill="{fill}"' if st.kind == "patch" else 'fill="none"',
        f'fill-opacity="{st.alpha:g}"' if st.kind == "patch" and st.face and not st.hatch else "",
        f'stroke="{st.edge}"',
        f'stroke-width="{width:.2f}"',
        f'stroke-opacity="{st.edge_alpha:g}"' if st.edge_alpha < 1 else "",
        'stroke-dasharray="5 3"' if st.dashed else "",
        'pointer-events="visible"' if st.kind == "patch" else 'pointer-events="stroke"',
    ]
    return "<g " + " ".join(a for a in attrs if a) + ">"


def _shape_element(w: _Writer, s: Shape) -> str:
    st = s.style
    extra = ""
    if s.face is not None and st.kind == "patch":
        extra += f' fill="{s.face}"'
    if s.edge is not None:
        extra += f' stroke="{s.edge}"'
    if s.key and s.role in ("zone", "failing-zone"):
        extra += f' data-zone="{html.escape(s.key)}"'
    elif s.key:
        extra += f' data-key="{html.escape(s.key)}"'
    return f'<path d="{w.path(s.geometry)}"{_attr_numbers(s.numbers)}{extra}/>'


def _patterns(scene: Scene) -> str:
    out = []
    size = 9 * scene.pt
    for role, st in STYLES.items():
        if not st.hatch or st.hatch not in _PATTERNS:
            continue
        body = _PATTERNS[st.hatch].format(
            s=f"{size:.4g}",
            h=f"{size / 2:.4g}",
            r=f"{size / 7:.4g}",
            w=f"{size / 10:.4g}",
            c=st.edge,
        )
        if st.face:
            body = (
                f'<rect width="{size:.4g}" height="{size:.4g}" fill="{st.face}" '
                f'fill-opacity="{st.alpha:g}"/>' + body
            )
        out.append(
            f'<pattern id="hatch-{role}" patternUnits="userSpaceOnUse" width="{size:.4g}" '
            f'height="{size:.4g}">{body}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def _decimate(scene: Scene) -> tuple[dict[int, BaseGeometry], int, float]:
    """Simplified geometry per shape index, the number of shapes left out, the tolerance.
    What findings show is never left out, only simplified."""
    x0, y0, x1, y1 = scene.bounds
    tol = max(x1 - x0, y1 - y0, 1e-6) / 4000
    geoms = np.asarray([s.geometry for s in scene.shapes], dtype=object)
    if len(geoms) == 0:
        return {}, 0, tol
    bounds = shapely.bounds(geoms)
    size = np.hypot(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    keep_always = np.asarray([bool(s.numbers) or s.role == "zone" for s in scene.shapes])
    while True:
        keep = keep_always | (size >= tol)
        simple = shapely.simplify(geoms[keep], tol, preserve_topology=False)
        simple = np.where(shapely.is_empty(simple), geoms[keep], simple)
        if int(shapely.get_num_coordinates(simple).sum()) <= MAX_COORDS or tol > size.max():
            break
        tol *= 2
    return dict(zip(np.flatnonzero(keep).tolist(), simple, strict=True)), int((~keep).sum()), tol


def _shapes_svg(scene: Scene, w: _Writer, geometry: dict[int, BaseGeometry]) -> Iterator[str]:
    by_role: dict[str, list[Shape]] = {}
    for i, s in enumerate(scene.shapes):
        if i in geometry:
            by_role.setdefault(s.role, []).append(
                Shape(geometry[i], s.role, s.face, s.edge, s.numbers, s.key)
            )
    for role, shapes in sorted(by_role.items(), key=lambda kv: STYLES[kv[0]].z):
        st = STYLES[role]
        yield _group_open(role, st, scene.pt)
        yield from (_shape_element(w, s) for s in shapes)
        yield "</g>"


def _labels_svg(scene: Scene, w: _Writer) -> Iterator[str]:
    if not scene.labels:
        return
    st = STYLES["zone-label"]
    yield f'<g data-role="zone-label" data-layer="{st.layer}" class="labels" pointer-events="none">'
    for lb in scene.labels:
        lines = lb.text.split("\n")
        size = lb.size * scene.pt
        top = -lb.y - (len(lines) - 1) * size * 1.2 / 2
        spans = "".join(
            f'<tspan x="{w.num(lb.x)}" y="{w.num(top + i * size * 1.2)}">{html.escape(t)}</tspan>'
            for i, t in enumerate(lines)
        )
        fill = f' fill="{lb.colour}"' if lb.colour != "#000000" else ""
        yield (
            f'<text font-size="{size:.3g}" data-zone="{html.escape(lb.key)}" '
            f'dominant-baseline="central"{fill}>{spans}</text>'
        )
    yield "</g>"


def _symbol(w: _Writer, m: Marker, pt: float) -> str:
    st = STYLES[m.role]
    r = m.size * pt / 2
    x, y = m.x, -m.y
    colour = m.fill
    key = f' data-key="{html.escape(m.key)}"' if m.key else ""
    if st.symbol == "s":
        return (
            f'<rect x="{w.num(x - r)}" y="{w.num(y - r)}" width="{w.num(2 * r)}" '
            f'height="{w.num(2 * r)}" fill="{colour}"{key}/>'
        )
    if st.symbol in ("^", "D"):
        pts = (
            [(x, y - r * 1.2), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
            if st.symbol == "^"
            else [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        )
        d = " ".join(f"{w.num(a)},{w.num(b)}" for a, b in pts)
        return f'<polygon points="{d}" fill="{colour}"{key}/>'
    return f'<circle cx="{w.num(x)}" cy="{w.num(y)}" r="{w.num(r)}" fill="{colour}"{key}/>'


def _markers_svg(scene: Scene, w: _Writer) -> Iterator[str]:
    by_role: dict[str, list[Marker]] = {}
    for m in scene.markers:
        by_role.setdefault(m.role, []).append(m)
    for role, markers in sorted(by_role.items(), key=lambda kv: STYLES[kv[0]].z):
        st = STYLES[role]
        yield f'<g data-role="{role}" data-layer="{st.layer}" stroke="white" stroke-width="0.8">'
        if role == "finding-marker":
            yield from (_number_marker(w, m, scene.pt) for m in markers)
        else:
            yield from (_symbol(w, m, scene.pt) for m in markers)
        yield "</g>"


def _number_marker(w: _Writer, m: Marker, pt: float) -> str:
    x0, y0, x1, y1 = m.box(pt)
    h = y1 - y0
    nums = _attr_numbers(m.numbers)
    shape = (
        f'<rect x="{w.num(x0)}" y="{w.num(-y1)}" width="{w.num(x1 - x0)}" height="{w.num(h)}" '
        f'rx="{w.num(h / 2)}" fill="{m.fill}"/>'
    )
    if not m.text:
        return f'<g class="fm"{nums}>{shape}</g>'
    text = (
        f'<text x="{w.num(m.x)}" y="{w.num(-m.y)}" font-size="{m.size * pt:.3g}" fill="white" '
        f'stroke="none" text-anchor="middle" dominant-baseline="central">{html.escape(m.text)}</text>'
    )
    return f'<g class="fm"{nums} tabindex="-1">{shape}{text}</g>'


def scene_svg(scene: Scene, element_id: str = "plan") -> SvgPlan:
    """The Scene's plan as an ``<svg>`` element (a string), and notes on what was left out."""
    geometry, dropped, tol = _decimate(scene)
    decimals = max(0, min(4, math.ceil(-math.log10(tol)) + 1))
    w = _Writer(decimals)
    vx0, vy0, vx1, vy1 = scene.view
    box = f"{w.num(vx0)} {w.num(-vy1)} {w.num(vx1 - vx0)} {w.num(vy1 - vy0)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{element_id}" viewBox="{box}" '
        f'data-view="{box}" preserveAspectRatio="xMidYMid meet" stroke-linejoin="round">',
        _patterns(scene),
        *_shapes_svg(scene, w, geometry),
        *_labels_svg(scene, w),
        *_markers_svg(scene, w),
        "</svg>",
    ]
    notes = []
    if dropped:
        notes.append(
            f"{dropped} objects smaller than {tol * 100:.1f} cm are not drawn and the geometry is "
            f"simplified to {tol * 100:.1f} cm: the whole plan holds more than a screen shows"
        )
    return SvgPlan("".join(parts), notes + list(scene.notes), dropped, tol)


def legend_swatch(entry: LegendEntry) -> str:
    """A small inline SVG picture of one legend entry (24 × 14 px)."""
    head = '<svg class="sw" viewBox="0 0 24 14" width="24" height="14" aria-hidden="true">'
    if entry.role == "zone":
        return (
            head
            + f'<rect x="1" y="1" width="22" height="12" fill="{entry.colour}" stroke="#777"/></svg>'
        )
    st = STYLES[entry.role]
    if entry.role == "finding-marker":
        dots = "".join(
            f'<circle cx="{4 + 8 * i}" cy="7" r="3.5" fill="{SEVERITY_COLOURS[s]}"/>'
            for i, s in enumerate(("error", "warning", "info"))
        )
        return head + dots + "</svg>"
    if st.kind == "patch":
        fill = (
            f'fill="{st.face}" fill-opacity="{min(1.0, st.alpha * 2):g}"'
            if st.face
            else 'fill="none"'
        )
        hatch = (
            f'<path d="M1 13 L13 1 M7 13 L19 1 M13 13 L23 3" stroke="{st.edge}" stroke-opacity="0.6"/>'
            if st.hatch == "//"
            else "".join(
                f'<circle cx="{x}" cy="{y}" r="1" fill="{st.edge}"/>'
                for x in (5, 12, 19)
                for y in (4, 10)
            )
            if st.hatch
            else ""
        )
        return (
            head
            + f'<rect x="1" y="1" width="22" height="12" {fill} stroke="{st.edge}" stroke-width="{max(st.width, 0.6):g}"/>{hatch}</svg>'
        )
    if st.kind == "line":
        dash = ' stroke-dasharray="4 2"' if st.dashed else ""
        return (
            head
            + f'<line x1="1" y1="7" x2="23" y2="7" stroke="{st.edge}" stroke-width="{max(st.width, 0.8) * PX_PER_PT:.2g}"{dash}/></svg>'
        )
    if st.kind == "marker":
        shapes = {
            "s": '<rect x="8" y="3" width="8" height="8" fill="{c}"/>',
            "^": '<polygon points="12,2 18,12 6,12" fill="{c}"/>',
            "D": '<polygon points="12,2 17,7 12,12 7,7" fill="{c}"/>',
        }
        body = shapes.get(st.symbol, '<circle cx="12" cy="7" r="4.5" fill="{c}"/>').format(
            c=st.face
        )
        return head + body + "</svg>"
    return head + '<text x="12" y="11" font-size="9" text-anchor="middle">区</text></svg>'
