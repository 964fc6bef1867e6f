"""How to draw (the matplotlib backend): collections, not one artist per entity.

A sheet is A3 landscape: title block, the plan at the Scene's scale, the legend under it and the
numbered findings beside it in a type size that reads when printed (8 pt). Findings that do not
fit continue on further sheets rather than shrink.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.colors
import numpy as np
import shapely
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from ..i18n import caption, severity
from .scene import PLAN_BOX_IN, LegendEntry, Marker, Scene, Shape
from .styles import SEVERITY_COLOURS, STYLES, style
from .text import wrap

__all__ = ["cjk_font", "cjk_style", "plan_figure", "plan_sheets", "draw_plan", "A3"]

_FONT_FILE = "NotoSansCJKsc-Regular.otf"
A3 = (16.54, 11.69)  # landscape, inches
_MARGIN = 0.4
_TITLE_H = 1.25
_COLUMN_GAP = 0.3
LIST_PT = 8.0  # the findings list: readable on an A3 print
LEGEND_PT = 7.0


def cjk_font() -> str:
    """Register Noto Sans CJK SC from the mplfonts package and return its family name.

    The font comes with floorcheck's own pip dependencies, so Chinese renders without tofu boxes
    on any machine, and PDF output embeds it (Type 42) so the text can be extracted.
    """
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / _FONT_FILE
    if not path.exists():  # pragma: no cover - a broken mplfonts install
        raise RuntimeError(f"the CJK font {path} is missing; reinstall mplfonts")
    if path.name not in {Path(f.fname).name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


@contextmanager
def cjk_style() -> Iterator[None]:
    """Chinese-capable type, embedded as Type 42, for what is drawn and saved inside the block.

    The settings hold inside the block only (``matplotlib.rc_context``): a program that imports
    floorcheck keeps its own matplotlib settings and backend.
    """
    rc: Any = {
        "font.family": [cjk_font(), "DejaVu Sans"],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "axes.unicode_minus": False,
        "hatch.linewidth": 0.5,
    }
    with matplotlib.rc_context(rc):
        yield


# --- the plan -----------------------------------------------------------------------------


def _polygon_path(geom: Any) -> MplPath | None:
    verts, codes = [], []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            v = np.asarray(ring.coords)[:, :2]
            c = np.full(len(v), MplPath.LINETO, dtype=np.uint8)
            c[0], c[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            verts.append(v)
            codes.append(c)
    if not verts:
        return None
    return MplPath(np.vstack(verts), np.concatenate(codes))


def _lines(geom: Any) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            out.append(np.asarray(part.exterior.coords)[:, :2])
            out.extend(np.asarray(r.coords)[:, :2] for r in part.interiors)
        elif part.geom_type in ("LineString", "LinearRing"):
            out.append(np.asarray(part.coords)[:, :2])
        elif part.geom_type.startswith("Multi") or part.geom_type == "GeometryCollection":
            out.extend(_lines(part))
    return out


def _rgba(colour: str | None, alpha: float) -> tuple[float, float, float, float]:
    return matplotlib.colors.to_rgba(colour or "none", alpha if colour else 0.0)


def _polygon_collections(shapes: list[Shape]) -> list[tuple[Any, list[Shape]]]:
    """Simple polygons (the 200,000 desks of a large centre) as one PolyCollection straight from
    their coordinates; polygons with holes or parts as path patches."""
    simple = [
        s
        for s in shapes
        if s.geometry.geom_type == "Polygon" and shapely.get_num_interior_rings(s.geometry) == 0
    ]
    out: list[tuple[Any, list[Shape]]] = []
    if simple:
        rings = shapely.get_exterior_ring(np.array([s.geometry for s in simple], dtype=object))
        coords, index = shapely.get_coordinates(rings, return_index=True)
        verts = np.split(coords, np.flatnonzero(np.diff(index)) + 1)
        out.append((verts, simple))
    if len(simple) < len(shapes):
        patches, kept = [], []
        for s in shapes:
            if s in simple:
                continue
            path = _polygon_path(s.geometry)
            if path is not None:
                patches.append(PathPatch(path))
                kept.append(s)
        if patches:
            out.append((patches, kept))
    return out


def _collection(items: Any, **kw: Any) -> Any:
    if items and isinstance(items[0], PathPatch):
        return PatchCollection(items, match_original=False, **kw)
    return PolyCollection(items, **kw)


def _draw_polygons(ax: Axes, shapes: list[Shape]) -> None:
    """Filled kinds, one collection per kind; a hatched kind gets its hatch in a lighter tone
    of its edge colour, under a full-strength outline."""
    st = shapes[0].style
    for items, kept in _polygon_collections(shapes):
        if st.hatch:
            ax.add_collection(
                _collection(
                    items,
                    facecolors="none",
                    edgecolors=[_rgba(s.edge_colour, 0.45) for s in kept],
                    linewidths=0,
                    hatch=st.hatch,
                    zorder=st.z,
                )
            )
        ax.add_collection(
            _collection(
                items,
                facecolors=[_rgba(s.face_colour, st.alpha) for s in kept],
                edgecolors=[_rgba(s.edge_colour, st.edge_alpha) for s in kept],
                linewidths=st.width,
                zorder=st.z,
            )
        )


def _draw_lines(ax: Axes, shapes: list[Shape]) -> None:
    st = shapes[0].style
    lines, colours = [], []
    for s in shapes:
        for xy in _lines(s.geometry):
            lines.append(xy)
            colours.append(s.edge_colour)
    if lines:
        ax.add_collection(
            LineCollection(
                lines,
                colors=colours,
                linewidths=st.width,
                linestyles="--" if st.dashed else "-",
                zorder=st.z,
            )
        )


def _draw_shapes(ax: Axes, scene: Scene) -> None:
    by_role: dict[str, list[Shape]] = {}
    for s in scene.shapes:
        by_role.setdefault(s.role, []).append(s)
    for role, shapes in sorted(by_role.items(), key=lambda kv: STYLES[kv[0]].z):
        if STYLES[role].kind == "patch":
            _draw_polygons(ax, shapes)
        else:
            _draw_lines(ax, shapes)


def _draw_symbols(ax: Axes, markers: list[Marker]) -> None:
    groups: dict[tuple[str, str, float], list[Marker]] = {}
    for m in markers:
        groups.setdefault((m.role, m.fill, m.size), []).append(m)
    for (role, colour, size), ms in groups.items():
        xy = np.asarray([(m.x, m.y) for m in ms])
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            marker=style(role).symbol or "o",
            s=size**2,
            c=colour,
            edgecolors="white",
            linewidths=0.4,
            zorder=style(role).z,
        )


def _pill(m: Marker, pt: float) -> MplPath | None:
    """The marker's outline: a circle for one number, a pill for several; exactly its box."""
    x0, y0, x1, y1 = m.box(pt)
    r = (y1 - y0) / 2
    core = shapely.linestrings([[x0 + r, m.y], [max(x1 - r, x0 + r + 1e-9), m.y]])
    return _polygon_path(shapely.buffer(core, r, quad_segs=8))


def _draw_numbers(ax: Axes, scene: Scene, markers: list[Marker]) -> None:
    z = STYLES["finding-marker"].z
    anchors = [m.anchor for m in markers if m.anchor is not None]
    if anchors:
        xy = np.asarray(anchors)
        ax.scatter(xy[:, 0], xy[:, 1], s=5, c="#333333", zorder=z, linewidths=0)
    dots = [m for m in markers if not m.text]
    if dots:
        xy = np.asarray([(m.x, m.y) for m in dots])
        ax.scatter(xy[:, 0], xy[:, 1], s=16, c=[m.fill for m in dots], zorder=z, linewidths=0)
    pills: list[tuple[Marker, MplPath]] = []
    for m in markers:
        outline = _pill(m, scene.pt) if m.text else None
        if outline is not None:
            pills.append((m, outline))
    if pills:
        ax.add_collection(
            PatchCollection(
                [PathPatch(p) for _, p in pills],
                facecolors=[m.fill for m, _ in pills],
                edgecolors="white",
                linewidths=0.6,
                zorder=z,
            )
        )
    for m, _ in pills:
        ax.text(
            m.x,
            m.y,
            m.text,
            ha="center",
            va="center_baseline",
            fontsize=m.size,
            color="white",
            zorder=z + 1,
        )


def draw_plan(ax: Axes, scene: Scene) -> None:
    """Draw the scene's plan on ``ax`` in drawing coordinates, at the Scene's scale when ``ax``
    is ``PLAN_BOX_IN`` large."""
    _draw_shapes(ax, scene)
    for lb in scene.labels:
        ax.text(
            lb.x,
            lb.y,
            lb.text,
            ha="center",
            va="center",
            fontsize=lb.size,
            color=lb.colour,
            zorder=12,
            linespacing=1.1,
        )
    _draw_symbols(ax, [m for m in scene.markers if m.role != "finding-marker"])
    _draw_numbers(ax, scene, [m for m in scene.markers if m.role == "finding-marker"])
    x0, y0, x1, y1 = scene.bounds
    vx0, vy0, vx1, vy1 = scene.view
    ax.set_xlim(vx0, vx1)
    ax.set_ylim(vy0, vy1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    _scale_bar(ax, x0, (vy0 + y0) / 2, x1 - x0)
    _north_arrow(ax, vx1 - (vx1 - x1) / 2, y1, (vx1 - x1) * 0.8)


def _scale_bar(ax: Axes, x: float, y: float, span: float) -> None:
    nice = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    length = next((n for n in nice if n >= span / 6), nice[-1])
    for i in range(2):
        ax.add_patch(
            Rectangle(
                (x + i * length / 2, y),
                length / 2,
                length / 25,
                fc="black" if i == 0 else "white",
                ec="black",
                lw=0.6,
            )
        )
    ax.text(x, y - length / 15, "0", ha="center", va="top", fontsize=6)
    ax.text(x + length, y - length / 15, f"{length} m", ha="center", va="top", fontsize=6)


def _north_arrow(ax: Axes, x: float, y: float, size: float) -> None:
    ax.annotate(
        "", (x, y), (x, y - size), arrowprops={"arrowstyle": "-|>", "lw": 1.0, "color": "black"}
    )
    ax.text(x, y + size * 0.1, "N", ha="center", va="bottom", fontsize=8)


# --- the legend ---------------------------------------------------------------------------


def _swatch(ax: Axes, entry: LegendEntry, x: float, y: float, w: float, h: float) -> None:
    """The legend's picture of one kind, at (x, y) (bottom left) in axes fraction."""
    if entry.role == "zone":
        ax.add_patch(Rectangle((x, y), w, h, fc=entry.colour, ec="#777777", lw=0.4))
        return
    st = STYLES[entry.role]
    if st.kind == "patch":
        ax.add_patch(
            Rectangle(
                (x, y),
                w,
                h,
                fc=_rgba(st.face, min(1.0, st.alpha * 2)),
                ec=st.edge,
                lw=st.width,
                hatch=st.hatch or None,
            )
        )
    elif st.kind == "line":
        ax.add_line(
            Line2D(
                [x, x + w],
                [y + h / 2] * 2,
                color=st.edge,
                lw=st.width,
                ls="--" if st.dashed else "-",
            )
        )
    elif entry.role == "finding-marker":
        for i, sev in enumerate(("error", "warning", "info")):
            ax.scatter(
                [x + w * (0.15 + 0.35 * i)], [y + h / 2], s=30, c=SEVERITY_COLOURS[sev], marker="o"
            )
    elif st.kind == "marker":
        ax.scatter([x + w / 2], [y + h / 2], s=25, c=st.face, marker=st.symbol or "o")
    else:
        ax.text(x + w / 2, y + h / 2, "区 m²", ha="center", va="center", fontsize=LEGEND_PT - 1)


def _draw_legend(ax: Axes, scene: Scene, columns: int = 4) -> None:
    entries = scene.legend
    if not entries:
        return
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_autoscale_on(False)  # swatches and words in axes fractions, whatever is drawn
    rows = -(-len(entries) // columns)
    height_in = ax.get_position().height * ax.get_figure().get_size_inches()[1]  # type: ignore[union-attr]
    row = min(1.0 / rows, LEGEND_PT * 1.8 / 72 / height_in)  # a line of legend type, at most
    col_w = 1.0 / columns
    for i, entry in enumerate(entries):
        c, r = divmod(i, rows)
        x, y = c * col_w, 1.0 - (r + 1) * row
        _swatch(ax, entry, x, y + row * 0.15, col_w * 0.1, row * 0.7)
        ax.text(x + col_w * 0.13, y + row * 0.5, entry.text, fontsize=LEGEND_PT, va="center")


# --- the findings list --------------------------------------------------------------------


def finding_lines(
    scene: Scene, width_em: float, limit: int | None = None
) -> list[tuple[str, list[str]]]:
    """Each finding (the first ``limit`` of them) as (colour, wrapped lines) in the scene's
    language."""
    out = []
    for n, f in scene.findings[:limit]:
        sev = severity(f.severity).text(scene.lang)
        head = f"{n}. [{f.rule} {sev}] {caption(f, scene.lang, located=False)}"
        out.append((SEVERITY_COLOURS[f.severity], wrap(head, width_em, indent="     ")))
    return out


def _column_text(ax: Axes, items: list[tuple[str, list[str]]], start: int, rows: int) -> int:
    """Write items from ``start`` while they fit in ``rows`` lines; returns the next item."""
    used = 0.0
    i = start
    while i < len(items):
        colour, lines = items[i]
        if used + len(lines) > rows and used > 0:
            break
        y = 1.0 - used / rows
        ax.text(
            0.0, y, "\n".join(lines), fontsize=LIST_PT, va="top", color=colour, linespacing=1.25
        )
        used += len(lines) + 0.35
        i += 1
    return i


def _axes(fig: Figure, x: float, y: float, w: float, h: float) -> Axes:
    """Axes placed in inches from the sheet's bottom left."""
    W, H = fig.get_size_inches()
    ax = fig.add_axes((x / W, y / H, w / W, h / H))
    ax.set_axis_off()
    return ax


def _rows(height_in: float) -> int:
    return int(height_in * 72 / (LIST_PT * 1.25 * 1.0))


def _title_block(fig: Figure, scene: Scene, extra: str = "") -> None:
    W, H = A3
    fig.text(
        _MARGIN / W,
        1 - 0.35 / H,
        (scene.title[0] if scene.title else "") + extra,
        fontsize=14,
        va="top",
    )
    if len(scene.title) > 1:
        fig.text(_MARGIN / W, 1 - 0.72 / H, scene.title[1], fontsize=9.5, va="top")
    if len(scene.title) > 2 and not extra:
        fig.text(
            _MARGIN / W,
            1 - 0.98 / H,
            scene.title[2],
            fontsize=10.5,
            va="top",
            color=scene.verdict_colour,
        )
    if scene.notes and not extra:
        fig.text(
            0.45, 1 - 0.98 / H, " · ".join(scene.notes), fontsize=7.5, va="top", color="#555555"
        )


_MORE = {"en": "findings continue on sheet 2", "zh": "问题清单续见第 2 页"}
_CONTINUED = {"en": " — findings (continued)", "zh": " — 问题清单（续）"}
_HEAD = {"en": "Findings", "zh": "问题清单"}
_IN_TABLE = {"en": "every finding is in the table that follows", "zh": "全部问题见后附问题清单"}


def plan_sheets(scene: Scene, continued: bool = True) -> list[Figure]:
    """The A3 sheets of the annotated plan: the first holds title, plan, legend and as many
    findings as fit; the rest of the list continues on further sheets in three columns (draw
    and save them inside :func:`cjk_style`). With ``continued=False`` only the first sheet, its list
    ending with a pointer to the findings table that follows it (the PDF report)."""
    W, H = A3
    fig = Figure(figsize=A3)
    _title_block(fig, scene)
    plan_w, plan_h = PLAN_BOX_IN
    legend_h = H - _TITLE_H - plan_h - _MARGIN - 0.1
    draw_plan(_axes(fig, _MARGIN, _MARGIN + legend_h + 0.1, plan_w, plan_h), scene)
    _draw_legend(_axes(fig, _MARGIN, _MARGIN, plan_w, legend_h), scene)
    side_x = _MARGIN + plan_w + _COLUMN_GAP
    side_w = W - side_x - _MARGIN
    width_em = side_w * 72 / LIST_PT - 1
    rows = _rows(H - 2 * _MARGIN - 0.3)
    items = finding_lines(
        scene, width_em, None if continued else rows
    )  # a finding takes a row or more
    side = _axes(fig, side_x, _MARGIN, side_w, H - 2 * _MARGIN)
    side.text(0, 1.0, _HEAD[scene.lang], fontsize=11, va="bottom")
    done = _column_text(side, items, 0, rows - 2)
    if done < len(items):
        more_text = _MORE if continued else _IN_TABLE
        side.text(0.0, 0.0, f"… {more_text[scene.lang]}", fontsize=LIST_PT, va="bottom")
    sheets = [fig]
    if not continued:
        return sheets
    col_w = (W - 2 * _MARGIN - 2 * _COLUMN_GAP) / 3
    rest = finding_lines(scene, col_w * 72 / LIST_PT - 1)  # the same findings, re-wrapped
    while done < len(items):
        more = Figure(figsize=A3)
        _title_block(more, scene, _CONTINUED[scene.lang])
        for c in range(3):
            ax = _axes(
                more, _MARGIN + c * (col_w + _COLUMN_GAP), _MARGIN, col_w, H - _TITLE_H - _MARGIN
            )
            done = _column_text(ax, rest, done, _rows(H - _TITLE_H - _MARGIN))
        sheets.append(more)
    return sheets


def plan_figure(scene: Scene) -> Figure:
    """The first sheet alone (title, plan, legend, findings that fit)."""
    return plan_sheets(scene, continued=False)[0]
