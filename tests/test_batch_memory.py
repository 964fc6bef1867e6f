"""Batch mode keeps no plan geometry: once a job's outputs are written, nothing of its plan, its
analysis or the geometry built for it stays reachable (issue 19)."""

from __future__ import annotations

import gc
from pathlib import Path

from conftest import SAMPLES

from floorcheck.api import CheckJob, Outputs, run_job, run_jobs
from floorcheck.geometry import hall
from floorcheck.geometry.analysis import Analysis
from floorcheck.geometry.walkable import Walkable
from floorcheck.model import Plan


def _alive(kind: type) -> int:
    gc.collect()
    return sum(isinstance(o, kind) for o in gc.get_objects())


def test_a_batch_holds_reports_but_no_plan_or_analysis(tmp_path: Path) -> None:
    jobs = [
        CheckJob(str(SAMPLES / "village_ok.dxf"), outputs=Outputs(png=tmp_path / "v.png")),
        CheckJob(str(SAMPLES / "village_walls_only.dxf")),
        CheckJob(str(SAMPLES / "street_ok.dxf")),
    ]
    before = {kind: _alive(kind) for kind in (Plan, Analysis, Walkable)}
    results = [r for rs in run_jobs(jobs) for r in rs]
    assert all(r.report is not None and r.report.plan is None for r in results)
    assert [len(r.written) for r in results] == [1, 0, 0]
    for kind, n in before.items():
        assert _alive(kind) == n, kind.__name__
    assert not hall._BUILT  # the hall geometry built for each plan went with it


def test_keeping_geometry_keeps_it() -> None:
    """The same check with keep_geometry (the API's default) keeps the plan and its analysis:
    the count above would see them."""
    before = _alive(Plan)
    (result,) = run_job(CheckJob(str(SAMPLES / "village_ok.dxf")))
    assert result.report is not None and result.report.plan is not None
    assert _alive(Plan) > before
