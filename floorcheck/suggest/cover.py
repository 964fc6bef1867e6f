"""Weighted set cover: choose the fewest candidates whose sets together hold every element.

Two solvers on one input (a candidate × element incidence in compressed-column form):

- :func:`greedy_cover` — repeatedly the candidate covering the most uncovered elements per unit
  cost. Chvátal's bound: its cost is at most H(Δ) = 1 + 1/2 + … + 1/Δ times the optimum, Δ the
  largest number of elements one candidate covers.
- :func:`solve_cover` — the exact integer programme (min Σ cost·x, every element covered at least
  once, x binary) solved by HiGHS through ``highspy`` and stopped at ``time_limit_s``; it reports
  HiGHS's proven lower bound, so a cover is either optimal or comes with the number of cameras
  it may have spent too many (the greedy cover stands when HiGHS finds none better in time). It
  is not started from the greedy cover: highspy 1.16 then hands back the start, not the better
  cover it found.

Why HiGHS through ``highspy`` and not greedy alone: camera set covers of a service hall have a
few hundred elements and a few thousand candidates, which HiGHS solves to optimality in well
under a second, and the LP bound turns "at most H(Δ) ≈ 5× the best" into "the best". ``highspy``
is HiGHS's own wheel (a few MB, no external binary), where ``scipy.optimize.milp`` — the same
solver — would pull in all of SciPy, and PuLP would run CBC as a separate program.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

__all__ = ["Incidence", "CoverResult", "greedy_cover", "solve_cover", "harmonic"]


@dataclass(frozen=True)
class Incidence:
    """Candidate ``j`` covers elements ``indices[indptr[j]:indptr[j + 1]]`` at ``cost[j]``."""

    indptr: np.ndarray
    indices: np.ndarray
    cost: np.ndarray
    n_elements: int
    # candidates of one group exclude each other (one camera per position and direction);
    # -1: no group
    groups: np.ndarray | None = None

    @classmethod
    def from_sets(
        cls,
        sets: list[np.ndarray],
        cost: np.ndarray | list[float],
        n_elements: int,
        groups: np.ndarray | None = None,
    ) -> Incidence:
        lengths = np.array([len(s) for s in sets], dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        indices = (
            np.concatenate([np.asarray(s, dtype=np.int64) for s in sets])
            if sets
            else np.zeros(0, dtype=np.int64)
        )
        return cls(
            indptr,
            indices,
            np.asarray(cost, dtype=float),
            int(n_elements),
            None if groups is None else np.asarray(groups, dtype=np.int64),
        )

    @property
    def n_candidates(self) -> int:
        return len(self.indptr) - 1

    def covered(self, chosen: np.ndarray) -> np.ndarray:
        """Which elements the chosen candidates (indices) cover."""
        out = np.zeros(self.n_elements, dtype=bool)
        for j in np.asarray(chosen, dtype=np.int64):
            out[self.indices[self.indptr[j] : self.indptr[j + 1]]] = True
        return out

    @property
    def max_set(self) -> int:
        return int(np.diff(self.indptr).max()) if self.n_candidates else 0


@dataclass(frozen=True)
class CoverResult:
    chosen: tuple[int, ...]
    method: str  # "ilp" | "greedy"
    optimal: bool
    lower_bound: int  # no cover of these candidates has fewer members
    greedy_size: int
    greedy_factor: float  # H(Δ): the a-priori bound of the greedy cover

    @property
    def size(self) -> int:
        return len(self.chosen)


def harmonic(n: int) -> float:
    """H(n) = 1 + 1/2 + … + 1/n (H(0) = 0)."""
    return float(sum(1.0 / k for k in range(1, n + 1)))


def greedy_cover(inc: Incidence) -> list[int]:
    """Chvátal's greedy cover of every element some candidate covers."""
    if inc.n_candidates == 0:
        return []
    coverable = np.zeros(inc.n_elements, dtype=bool)
    coverable[inc.indices] = True
    uncovered = coverable.copy()
    sizes = np.diff(inc.indptr)
    nonempty = sizes > 0
    starts = inc.indptr[:-1][nonempty]
    cols = np.flatnonzero(nonempty)
    chosen: list[int] = []
    blocked = np.zeros(inc.n_candidates, dtype=bool)
    while uncovered.any():
        gain = np.add.reduceat(uncovered[inc.indices].astype(np.int64), starts)
        gain[blocked[cols]] = 0
        ratio = gain / inc.cost[cols]
        k = int(np.argmax(ratio))
        if gain[k] <= 0:
            break
        j = int(cols[k])
        chosen.append(j)
        if inc.groups is not None and inc.groups[j] >= 0:
            blocked |= inc.groups == inc.groups[j]
        uncovered[inc.indices[inc.indptr[j] : inc.indptr[j + 1]]] = False
    return chosen


_BANNER_LOCK = threading.Lock()
_BANNER_DONE = False


def _flush_c_stdio() -> None:
    """Flush the C library's stdout buffer (HiGHS prints with printf, which a pipe buffers)."""
    try:
        import ctypes

        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError, TypeError):  # no C library by that name (Windows)
        pass


@contextlib.contextmanager
def _stdout_silenced() -> Iterator[None]:
    """HiGHS prints a banner to the C-level stdout (file descriptor 1) when the first solver of a
    process is made; a JSON report on stdout must not carry it."""
    global _BANNER_DONE
    with _BANNER_LOCK:
        if _BANNER_DONE:
            yield
            return
        sys.stdout.flush()
        _flush_c_stdio()
        saved = os.dup(1)
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), 1)
                try:
                    yield
                finally:
                    _flush_c_stdio()
                    os.dup2(saved, 1)
        finally:
            os.close(saved)
            _BANNER_DONE = True


def _distinct_rows(inc: Incidence) -> np.ndarray:
    """One element of each group of elements covered by exactly the same candidates (samples in
    one visibility cell): the others are covered with it. Sets are compared by two random
    64-bit signatures."""
    rng = np.random.default_rng(20261201)
    cols = np.repeat(np.arange(inc.n_candidates), np.diff(inc.indptr))
    sig = np.zeros((inc.n_elements, 2), dtype=np.uint64)
    for k in range(2):
        w = rng.integers(1, 2**63, size=inc.n_candidates, dtype=np.uint64)
        np.add.at(sig[:, k], inc.indices, w[cols])
    count = np.bincount(inc.indices, minlength=inc.n_elements)
    present = np.flatnonzero(count > 0)
    key = np.column_stack([sig[present], count[present].astype(np.uint64)])
    _, first = np.unique(key, axis=0, return_index=True)
    return np.sort(present[first])


def _signatures(inc: Incidence) -> np.ndarray:
    """Two random 64-bit sums per candidate over the elements it covers (equal sets, equal sums)."""
    rng = np.random.default_rng(20261202)
    w = rng.integers(1, 2**63, size=(inc.n_elements, 2), dtype=np.uint64)
    sig = np.zeros((inc.n_candidates, 2), dtype=np.uint64)
    cols = np.repeat(np.arange(inc.n_candidates), np.diff(inc.indptr))
    for k in range(2):
        np.add.at(sig[:, k], cols, w[inc.indices, k])
    return sig


def _distinct_columns(inc: Incidence) -> tuple[Incidence, np.ndarray]:
    """The cheapest of each group of candidates covering the same elements (a camera turned a
    few degrees often sees the same samples), and which candidates those are."""
    sig = _signatures(inc)
    sizes = np.diff(inc.indptr)
    order = np.lexsort((inc.cost, sizes, sig[:, 1], sig[:, 0]))
    key = np.column_stack([sig[order], sizes[order].astype(np.uint64)])
    first = np.ones(len(order), dtype=bool)
    first[1:] = (key[1:] != key[:-1]).any(axis=1)
    keep = np.sort(order[first & (sizes[order] > 0)])
    sets = [inc.indices[inc.indptr[j] : inc.indptr[j + 1]] for j in keep]
    groups = None if inc.groups is None else inc.groups[keep]
    return Incidence.from_sets(sets, inc.cost[keep], inc.n_elements, groups), keep


def solve_cover(inc: Incidence, time_limit_s: float = 10.0) -> CoverResult:
    """The fewest-cost cover of every coverable element: HiGHS's integer programme, started from
    the greedy cover; the greedy cover alone when ``highspy`` is missing or HiGHS fails."""
    greedy = greedy_cover(inc)
    factor = harmonic(inc.max_set)
    fallback = CoverResult(
        tuple(sorted(greedy)),
        "greedy",
        False,
        max(1, math.ceil(len(greedy) / factor)) if greedy else 0,
        len(greedy),
        factor,
    )
    if not greedy:
        return CoverResult((), "greedy", True, 0, 0, factor)
    try:
        import highspy
    except ImportError:
        return fallback
    coverable = np.zeros(inc.n_elements, dtype=bool)
    coverable[inc.indices] = True
    full = inc
    inc, cols_kept = _distinct_columns(inc)
    rows = _distinct_rows(inc)
    row_of = np.full(inc.n_elements, -1, dtype=np.int64)
    row_of[rows] = np.arange(len(rows))
    # compressed columns → compressed rows, for the distinct rows only
    col_of_entry = np.repeat(np.arange(inc.n_candidates), np.diff(inc.indptr))
    keep = row_of[inc.indices] >= 0
    col_of_entry = col_of_entry[keep]
    r = row_of[inc.indices[keep]]
    order = np.lexsort((col_of_entry, r))
    r_sorted, c_sorted = r[order], col_of_entry[order]
    starts = np.searchsorted(r_sorted, np.arange(len(rows))).astype(np.int32)
    n = inc.n_candidates
    with _stdout_silenced():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit_s))
    h.setOptionValue("random_seed", 1)
    h.setOptionValue("threads", 1)
    # counts are integers and costs differ from 1 by less than 1/1000: a gap below 0.5 proves
    # that no cover with fewer cameras exists
    h.setOptionValue("mip_abs_gap", 0.5)
    h.addVars(n, np.zeros(n), np.ones(n))
    idx = np.arange(n, dtype=np.int32)
    h.changeColsCost(n, idx, inc.cost.astype(float))
    h.changeColsIntegrality(n, idx, np.array([highspy.HighsVarType.kInteger] * n))
    h.addRows(
        len(rows),
        np.ones(len(rows)),
        np.full(len(rows), highspy.kHighsInf),
        len(c_sorted),
        starts,
        c_sorted.astype(np.int32),
        np.ones(len(c_sorted)),
    )
    if inc.groups is not None:
        # one camera per position and direction: at most one member of each group
        members = np.flatnonzero(inc.groups >= 0)
        order = members[np.argsort(inc.groups[members], kind="stable")]
        g = inc.groups[order]
        bounds = np.flatnonzero(np.diff(g)) + 1
        for part in np.split(order, bounds):
            if len(part) > 1:
                h.addRow(
                    -highspy.kHighsInf, 1.0, len(part), part.astype(np.int32), np.ones(len(part))
                )
    h.run()
    info = h.getInfo()
    # the proven lower bound on the cost, turned into a bound on the count
    bound = float(info.mip_dual_bound)
    max_cost = float(full.cost.max())
    lower = max(1, math.ceil(bound / max_cost - 1e-6)) if math.isfinite(bound) else 1
    x = np.asarray(h.getSolution().col_value, dtype=float)
    chosen = cols_kept[np.flatnonzero(x > 0.5)] if len(x) == n else np.zeros(0, dtype=np.int64)
    inc = full
    if not len(chosen) or not inc.covered(chosen)[coverable].all() or len(chosen) > len(greedy):
        # no better cover within the time limit: the greedy one, with HiGHS's bound
        lower = min(max(lower, fallback.lower_bound), len(greedy))
        return CoverResult(
            tuple(sorted(greedy)), "greedy", lower >= len(greedy), lower, len(greedy), factor
        )
    optimal = lower >= len(chosen)
    return CoverResult(
        tuple(int(j) for j in chosen),
        "ilp",
        optimal,
        min(lower, len(chosen)),
        len(greedy),
        factor,
    )
