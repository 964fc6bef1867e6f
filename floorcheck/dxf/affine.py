"""Affine maps of the plane: what an INSERT (or an entity's OCS) does to the points under it.

A map is six floats ``(a, b, c, d, e, f)``: x' = a x + b y + e, y' = c x + d y + f. Plain tuples
and arithmetic: the walker composes one per insert, and a numpy call per desk would cost more
than the maths.
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import BudgetExceeded
from .lazy import load_ezdxf
from .tags import tag_float

__all__ = [
    "Affine",
    "NonFinite",
    "apply",
    "point",
    "vector",
    "compose",
    "ocs_affine",
    "to_wcs",
    "insert_copies",
    "insert_maps",
]

Affine = tuple[float, float, float, float, float, float]


class NonFinite(ValueError):
    """An entity whose coordinates are NaN or infinite: it cannot be placed (the reader counts
    and reports such entities)."""


def apply(m: Affine, xy: np.ndarray) -> np.ndarray:
    """The (n, 2) points ``xy`` mapped by ``m``.

    >>> apply((0, -1, 1, 0, 10, 0), np.array([[1.0, 0.0]])).tolist()
    [[10.0, 1.0]]
    """
    a, b, c, d, e, f = m
    out = np.empty_like(xy)
    out[:, 0] = a * xy[:, 0] + b * xy[:, 1] + e
    out[:, 1] = c * xy[:, 0] + d * xy[:, 1] + f
    return out


def point(m: Affine, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + b * y + e, c * x + d * y + f


def vector(m: Affine, x: float, y: float) -> tuple[float, float]:
    """A direction mapped by ``m`` (the translation left out)."""
    a, b, c, d, _, _ = m
    return a * x + b * y, c * x + d * y


def compose(outer: Affine, inner: Affine) -> Affine:
    """``outer`` after ``inner``."""
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        a * t + b * u + e,
        c * t + d * u + f,
    )


def ocs_affine(d: dict[int, bytes]) -> Affine | None:
    """The 2-D part of the entity's OCS → WCS map, or None when the OCS is the WCS."""
    if 210 not in d and 230 not in d:
        return None
    ez = (tag_float(d, 210), tag_float(d, 220), tag_float(d, 230, 1.0))
    if abs(ez[0]) < 1e-12 and abs(ez[1]) < 1e-12 and ez[2] > 0:
        return None
    load_ezdxf()
    from ezdxf.math import OCS

    ocs = OCS(ez)
    ux, uy = ocs.ux, ocs.uy
    return (ux.x, uy.x, ux.y, uy.y, 0.0, 0.0)


def to_wcs(d: dict[int, bytes], pts: np.ndarray) -> np.ndarray:
    """Points given in the entity's OCS, in world coordinates."""
    ocs = ocs_affine(d)
    return pts if ocs is None else apply(ocs, pts)


def insert_copies(d: dict[int, bytes]) -> tuple[int, int]:
    """(columns, rows) of the copies an INSERT places: (1, 1), or a MINSERT array's.

    >>> insert_copies({70: b"40", 71: b"25"}), insert_copies({})
    ((40, 25), (1, 1))
    """
    cols, rows = int(tag_float(d, 70, 1.0)) or 1, int(tag_float(d, 71, 1.0)) or 1
    if cols < 0 or rows < 0:
        raise ValueError(f"a MINSERT of {cols} × {rows} copies")
    return cols, rows


def insert_maps(
    d: dict[int, bytes], base: tuple[float, float], max_copies: int, corners: bool = False
) -> list[Affine]:
    """Block coordinates → the container's, for each copy an INSERT places (one, or a MINSERT
    array's rows × columns; more than ``max_copies`` is refused: callers check the copies
    against what they may spend *before*, with :func:`insert_copies`). ``corners``: only the
    copies at the array's four corners — enough for its extent, since a copy's offset grows
    linearly with its row and column.

    >>> insert_maps({10: b"5", 20: b"0", 50: b"90"}, (0.0, 0.0), 10)[0][4:]
    (5.0, 0.0)
    >>> len(insert_maps({70: b"100", 71: b"100"}, (0.0, 0.0), 10, corners=True))
    4
    """
    cols, rows = insert_copies(d)
    if not corners and cols * rows > max_copies:
        raise BudgetExceeded(
            f"has a block array (MINSERT) of {cols:,} × {rows:,} copies",
            hint="explode the array in CAD or check one floor at a time",
            message_zh=f"含有 {cols:,} × {rows:,} 个副本的块阵列（MINSERT）",
            hint_zh="请在 CAD 中分解该阵列，或每次只检查一层",
        )
    sx, sy = tag_float(d, 41, 1.0), tag_float(d, 42, 1.0)
    rot = math.radians(tag_float(d, 50))
    co, si = math.cos(rot), math.sin(rot)
    a, b, c, e = co * sx, -si * sy, si * sx, co * sy
    ocs = ocs_affine(d)
    ix, iy = tag_float(d, 10), tag_float(d, 20)
    cs, rs = tag_float(d, 44), tag_float(d, 45)
    row_range = sorted({0, rows - 1}) if corners else range(rows)
    col_range = sorted({0, cols - 1}) if corners else range(cols)
    out: list[Affine] = []
    bx, by = base
    for row in row_range:
        for col in col_range:
            ox, oy = col * cs, row * rs
            tx = ix + co * ox - si * oy - (a * bx + b * by)
            ty = iy + si * ox + co * oy - (c * bx + e * by)
            m: Affine = (a, b, c, e, tx, ty)
            if ocs is not None:
                m = compose(ocs, m)
            out.append(m)
    if not all(math.isfinite(v) for m in (out[0], out[-1]) for v in m):
        raise NonFinite("an insert at a NaN or infinite point, scale or angle")
    return out
