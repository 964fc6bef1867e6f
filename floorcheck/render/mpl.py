"""How to draw (the matplotlib backend): collections, not one artist per entity."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import matplotlib.colors
import numpy as np
import shapely
from matplotlib import font_manager
from matplotlib.collections import LineCollection, PatchCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from .scene import SEVERITY_COLOURS, Scene, Shape

__all__ = ["cjk_font", "cjk_style", "plan_figure", "draw_plan"]

_FONT_FILE = "NotoSansCJKsc-Regular.otf"


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
    rc = {
        "font.family": [cjk_font(), "DejaVu Sans"],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "axes.unicode_minus": False,
    }
    with matplotlib.rc_context(rc):
        yield


def _ring_codes(coords: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes = np.full(len(coords), MplPath.LINETO, dtype=np.uint8)
    codes[0] = MplPath.MOVETO
    codes[-1] = MplPath.CLOSEPOLY
    return coords, codes


def _polygon_path(geom) -> MplPath | None:
    verts, codes = [], []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            v, c = _ring_codes(np.asarray(ring.coords)[:, :2])
            verts.append(v)
            codes.append(c)
    if not verts:
        return None
    return MplPath(np.vstack(verts), np.concatenate(codes))


def _lines(geom) -> list[np.ndarray]:
    out = []
    for part in shapely.get_parts(geom):
        if part.geom_type in ("Polygon",):
            out.append(np.asarray(part.exterior.coords)[:, :2])
        elif part.geom_type in ("LineString", "LinearRing"):
            out.append(np.asarray(part.coords)[:, :2])
        elif part.geom_type.startswith("Multi") or part.geom_type == "GeometryCollection":
            out.extend(_lines(part))
    return out


def _draw_shapes(ax, shapes: list[Shape]) -> None:
    """One collection per kind of artist, whatever the number of shapes: simple polygons (the
    200,000 desks of a large centre) go to a PolyCollection straight from their coordinates;
    polygons with holes or parts become path patches; lines a LineCollection."""
    simple, patches, faces, edges, widths = [], [], [], [], []
    s_faces, s_edges, s_widths = [], [], []
    lines, line_colours, line_widths, line_styles = [], [], [], []
    for s in shapes:
        g = s.geometry
        if s.face is not None and g.geom_type.endswith("Polygon"):
            face = matplotlib.colors.to_rgba(s.face, s.alpha)
            if g.geom_type == "Polygon" and not g.is_empty and not g.interiors:
                simple.append(g)
                s_faces.append(face)
                s_edges.append(s.edge)
                s_widths.append(s.width)
                continue
            path = _polygon_path(g)
            if path is not None:
                patches.append(PathPatch(path))
                faces.append(face)
                edges.append(s.edge)
                widths.append(s.width)
        else:
            for xy in _lines(g):
                lines.append(xy)
                line_colours.append(s.edge)
                line_widths.append(s.width)
                line_styles.append("--" if s.dashed else "-")
    if simple:
        rings = shapely.get_exterior_ring(np.array(simple, dtype=object))
        coords, index = shapely.get_coordinates(rings, return_index=True)
        verts = np.split(coords, np.flatnonzero(np.diff(index)) + 1)
        ax.add_collection(
            PolyCollection(verts, facecolors=s_faces, edgecolors=s_edges, linewidths=s_widths)
        )
    if patches:
        ax.add_collection(
            PatchCollection(
                patches, facecolors=faces, edgecolors=edges, linewidths=widths, match_original=False
            )
        )
    if lines:
        ax.add_collection(
            LineCollection(
                lines, colors=line_colours, linewidths=line_widths, linestyles=line_styles
            )
        )


# Beyond these counts, text on the plan is unreadable at any sheet size and costs a text artist
# each (seconds per thousand): zone names then come from the legend's colours alone, and finding
# markers are drawn without their numbers (the list beside the plan still gives every finding).
MAX_LABELS = 600
MAX_NUMBERED = 600


def draw_plan(ax, scene: Scene) -> None:
    """Draw the scene's plan on ``ax`` in drawing coordinates."""
    order = [
        "hall",
        "zone",
        "camera-view",
        "obstacle",
        "wall",
        "door",
        "blind-spot",
        "finding",
        "route",
    ]
    for role in order:
        _draw_shapes(ax, [s for s in scene.shapes if s.role == role])
    labels = scene.labels if len(scene.labels) <= MAX_LABELS else []
    for lb in labels:
        ax.text(
            lb.x,
            lb.y,
            lb.text,
            ha="center",
            va="center",
            fontsize=lb.size,
            color=lb.colour,
            zorder=5,
        )
    by_symbol: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for m in scene.markers:
        if m.number is None:
            by_symbol.setdefault((m.symbol, m.colour), []).append((m.x, m.y))
    for (symbol, colour), pts in by_symbol.items():
        xy = np.asarray(pts)
        ax.scatter(xy[:, 0], xy[:, 1], marker=symbol, s=18, c=colour, zorder=6, linewidths=0)
    numbered = [m for m in scene.markers if m.number is not None]
    if len(numbered) > MAX_NUMBERED:
        for colour in {m.colour for m in numbered}:
            xy = np.asarray([(m.x, m.y) for m in numbered if m.colour == colour])
            ax.scatter(
                xy[:, 0], xy[:, 1], s=30, c=colour, edgecolors="white", linewidths=0.4, zorder=8
            )
        numbered = []
    for m in numbered:
        if m.number is not None:
            ax.annotate(
                str(m.number),
                (m.x, m.y),
                ha="center",
                va="center",
                fontsize=6.5,
                color="white",
                zorder=8,
                bbox={"boxstyle": "circle,pad=0.25", "fc": m.colour, "ec": "white", "lw": 0.6},
            )
    x0, y0, x1, y1 = scene.bounds
    pad = max(x1 - x0, y1 - y0) * 0.04 + 0.5
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad * 2.2, y1 + pad)
    ax.set_aspect("equal")
    ax.set_axis_off()
    _scale_bar(ax, x0, y0 - pad * 1.4, x1 - x0)
    _north_arrow(ax, x1 + pad * 0.4, y1 - pad * 0.2, pad)


def _scale_bar(ax, x: float, y: float, span: float) -> None:
    nice = [1, 2, 5, 10, 20, 50, 100, 200, 500]
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


def _north_arrow(ax, x: float, y: float, size: float) -> None:
    ax.annotate(
        "",
        (x, y),
        (x, y - size * 0.9),
        arrowprops={"arrowstyle": "-|>", "lw": 1.0, "color": "black"},
    )
    ax.text(x, y + size * 0.1, "N", ha="center", va="bottom", fontsize=8)


def plan_figure(scene: Scene, width_in: float = 16.0) -> Figure:
    """The whole annotated sheet: title block, plan, legend and the numbered findings beside it
    (draw and save it inside :func:`cjk_style`)."""
    x0, y0, x1, y1 = scene.bounds
    aspect = (y1 - y0 + 1e-9) / (x1 - x0 + 1e-9)
    plan_w = width_in * 0.68
    height = min(max(plan_w * aspect + 2.2, 7.0), 24.0)
    fig = Figure(figsize=(width_in, height))
    top = 1 - 1.3 / height
    ax = fig.add_axes((0.01, 0.02, 0.67, top - 0.03))
    draw_plan(ax, scene)
    verdict_colour = (
        SEVERITY_COLOURS["error"]
        if scene.title and scene.verdict in ("FAIL", "不通过")
        else "#2ca02c"
    )
    fig.text(0.01, 1 - 0.35 / height, scene.title[0] if scene.title else "", fontsize=13, va="top")
    if len(scene.title) > 1:
        fig.text(0.01, 1 - 0.75 / height, scene.title[1], fontsize=9, va="top")
    if len(scene.title) > 2:
        fig.text(
            0.01, 1 - 1.05 / height, scene.title[2], fontsize=10, va="top", color=verdict_colour
        )
    side = fig.add_axes((0.69, 0.02, 0.30, top - 0.03))
    side.set_axis_off()
    lines = []
    for number, f in scene.findings:
        text = f"{number}. [{f.rule} {f.severity}] {f.text(scene.lang)}"
        width = 62 if scene.lang == "en" else 34  # CJK characters are twice as wide
        lines.append(
            (SEVERITY_COLOURS[f.severity], textwrap.fill(text, width, subsequent_indent="    "))
        )
    legend = list(scene.legend)
    axes_in = (top - 0.03) * height
    # Every finding is listed: the type shrinks (down to 4.5 pt) before any is left out.
    total_rows = sum(t.count("\n") + 1.4 for _, t in lines) + 1
    room = 0.65 * axes_in * 72 / 1.35  # points of text height the list may use
    size = max(4.5, min(6.8, room / max(total_rows, 1)))
    line = size * 1.35 / 72 / axes_in  # one text line as a fraction of the side panel
    y = 1.0
    shown = 0
    for colour, text in lines:
        rows = text.count("\n") + 1
        if y - rows * line < 0.3:
            side.text(
                0.0,
                y,
                f"… {len(lines) - shown} more in the report",
                fontsize=size,
                va="top",
                transform=side.transAxes,
            )
            y -= line * 1.5
            break
        side.text(0.0, y, text, fontsize=size, va="top", color=colour, transform=side.transAxes)
        y -= line * (rows + 0.4)
        shown += 1
    y -= line
    for colour, text in legend:
        if y < line:
            break
        side.add_patch(
            Rectangle(
                (0.0, y - line),
                0.04,
                line * 0.9,
                fc=colour,
                ec="#666666",
                lw=0.4,
                transform=side.transAxes,
            )
        )
        side.text(0.06, y - line * 0.55, text, fontsize=6.5, va="center", transform=side.transAxes)
        y -= line * 1.3
    return fig
