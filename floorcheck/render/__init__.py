"""The annotated plan: ``scene.py`` decides what to draw, ``mpl.py`` draws it."""

from __future__ import annotations

from pathlib import Path

from ..findings import Report
from ..io import atomic_path
from .scene import Scene, build_scene

__all__ = ["render_png", "build_scene", "Scene"]


def render_png(
    report: Report, path: str | Path, dpi: int = 150, lang: str = "en", fail_on: str = "error"
) -> Path:
    """Write the annotated plan whole or not at all: PNG, or SVG / PDF when the file name ends
    so (any other name gets a PNG)."""
    from .mpl import cjk_style, plan_figure

    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    fmt = fmt if fmt in ("svg", "pdf") else "png"
    with cjk_style():
        fig = plan_figure(build_scene(report, lang, fail_on))
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=dpi, format=fmt)
    return path
