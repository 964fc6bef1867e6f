"""The annotated plan: ``scene.py`` decides what to draw, ``mpl.py`` (PNG, PDF) and ``svg.py``
(the HTML report) draw it; ``styles.py`` says how each kind of thing looks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..findings import Report
from ..io import atomic_path
from .scene import Scene, build_scene, parse_layers

__all__ = ["render_png", "render_sheets", "build_scene", "parse_layers", "Scene"]


def render_sheets(
    report: Report,
    path: str | Path,
    dpi: int = 150,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | Iterable[str] | None = None,
) -> list[Path]:
    """Write the annotated plan, each file whole or not at all; returns the files written.

    The format follows the suffix (PNG; ``.pdf``, ``.svg``). A PDF holds every sheet; otherwise
    the first sheet goes to ``path`` and, when the findings list continues, sheet 2 to
    ``<stem>-2<suffix>`` and so on.
    """
    from .mpl import cjk_style, plan_sheets

    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    fmt = fmt if fmt in ("svg", "pdf") else "png"  # any other name gets a PNG
    written: list[Path] = []
    with cjk_style():
        sheets = plan_sheets(build_scene(report, lang, fail_on, layers))
        if fmt == "pdf":
            from matplotlib.backends.backend_pdf import PdfPages

            with atomic_path(path) as tmp, PdfPages(tmp) as pdf:
                for fig in sheets:
                    pdf.savefig(fig)
            return [path]
        for i, fig in enumerate(sheets, 1):
            target = path if i == 1 else path.with_name(f"{path.stem}-{i}{path.suffix}")
            with atomic_path(target) as tmp:
                fig.savefig(tmp, dpi=dpi, format=fmt)
            written.append(target)
    return written


def render_png(
    report: Report,
    path: str | Path,
    dpi: int = 150,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | Iterable[str] | None = None,
) -> Path:
    """Write the annotated plan (PNG; ``.pdf``/``.svg`` by suffix) whole or not at all; a
    findings list longer than one sheet continues in ``<stem>-2.png`` (see :func:`render_sheets`)."""
    return render_sheets(report, path, dpi, lang, fail_on, layers)[0]
