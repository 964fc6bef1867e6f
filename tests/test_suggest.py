"""Camera suggestions: applied to the drawing and read back, FC701–FC704 pass; the count is the
fewest a search of every choice finds on a small plan; the set cover's own bounds hold."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from conftest import SAMPLES, make_plan
from shapely.geometry import box

import floorcheck
from floorcheck.api import write_suggested_dxf
from floorcheck.cli import main
from floorcheck.config import Config
from floorcheck.model import Camera, Door
from floorcheck.suggest import CAMERA_RULES, SuggestOptions, suggest_cameras
from floorcheck.suggest.cameras import candidate_views
from floorcheck.suggest.cover import Incidence, greedy_cover, harmonic, solve_cover

sys.path.insert(0, str(SAMPLES))
from make_samples import Layout, write

CAMERAS_ONLY = Config(select=CAMERA_RULES)


def _camera_findings(path: Path) -> list[str]:
    report = floorcheck.check(floorcheck.load(path), config=CAMERAS_ONLY)
    return sorted(f.rule for f in report.findings)


def _apply_and_read_back(source: Path, target: Path) -> tuple[object, list[str]]:
    plan = floorcheck.load(source)
    report = floorcheck.check(plan, config=CAMERAS_ONLY)
    found = suggest_cameras(report.plan, report=report)
    report.suggestions = {"cameras": found.to_dict()}
    write_suggested_dxf(report, source, target)
    return found, _camera_findings(target)


def pocket_hall() -> Layout:
    """An open hall with pockets behind partitions and a column, a toilet and a 母婴室 opening
    onto it, five comprehensive windows and a single camera in a corner: several blind spots."""
    outline = (0.0, 0.0, 30.0, 20.0)
    zones = [
        ("休息等候区", (0, 0, 20, 12)),
        ("综合受理区", (0, 12, 20, 20)),
        ("卫生间", (20, 0, 24, 6)),
        ("母婴室", (20, 6, 24, 12)),
        ("自助服务区", (24, 0, 30, 12)),
        ("后台协同区", (20, 12, 30, 20)),
    ]
    walls = [
        ((0, 0), (30, 0)),
        ((30, 0), (30, 20)),
        ((30, 20), (0, 20)),
        ((0, 20), (0, 0)),
        ((20, 0), (20, 20)),
        ((24, 0), (24, 12)),
        ((20, 6), (24, 6)),
        ((20, 12), (30, 12)),
        ((6, 0), (6, 5)),  # partitions making pockets in the waiting area
        ((13, 0), (13, 5)),
        ((3, 8), (8, 8)),
    ]
    doors = [
        (10.0, 0.0, 2.0, 0.0, "ZM2024", "主入口"),
        (20.0, 3.0, 1.0, 90.0, "M1021", ""),
        (20.0, 9.0, 1.0, 90.0, "M1021", ""),
        (24.0, 9.0, 1.2, 90.0, "M1221", ""),
        (25.0, 12.0, 1.0, 0.0, "M1021", "员工"),
    ]
    windows = [(x, 16.0, -90.0, "无差别") for x in (3, 6, 9, 12, 15)]
    return Layout(
        title="pocket_hall",
        outline=outline,
        zones=zones,
        walls=walls,
        doors=doors,
        windows=windows,
        cameras=[(1.0, 1.0, 45.0, "枪机")],
        columns=[(16.0, 7.0, 16.6, 7.6)],
    )


@pytest.fixture(scope="module")
def pocket_dxf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pocket") / "pocket_hall.dxf"
    write(pocket_hall(), path)
    return path


def test_the_camera_sample_passes_once_the_suggestion_is_read_back(tmp_path: Path) -> None:
    source = SAMPLES / "county_bad_cameras.dxf"
    assert {"FC701", "FC702", "FC703"} <= set(_camera_findings(source))
    before = source.read_bytes()
    found, after = _apply_and_read_back(source, tmp_path / "with_cameras.dxf")
    assert source.read_bytes() == before
    assert after == [], after
    assert found.passes and found.cameras
    # every window FC701 named has its own proposed camera; one proposal is the PTZ camera
    assert sorted(w for c in found.cameras for w in c.windows) == ["W4", "W5", "W6", "W9"]
    assert sum(c.for_ptz for c in found.cameras) == 1


def test_a_generated_hall_with_several_blind_spots_passes_with_the_suggestion(
    pocket_dxf: Path, tmp_path: Path
) -> None:
    report = floorcheck.check(floorcheck.load(pocket_dxf), config=CAMERAS_ONLY)
    spots = [f for f in report.findings if f.rule == "FC703"]
    assert len(spots) >= 3, [f.message for f in spots]
    found, after = _apply_and_read_back(pocket_dxf, tmp_path / "pocket_suggested.dxf")
    assert after == [], (after, found.text())
    # no proposed camera looks into the toilet or the 母婴室 (FC704 passes with them) and the
    # proposal states its bound
    assert found.method in ("ilp", "greedy") and found.lower_bound <= len(found.cameras)


def test_a_plan_without_any_camera_gets_a_complete_proposal() -> None:
    plan = make_plan(
        ("waiting", (0, 0, 12, 8)),
        ("toilet", (12, 0, 16, 4)),
        walls=[((12, 0), (12, 3)), ((12, 4), (16, 4))],
        doors=[Door("D1", (12, 3.5), 1.0, 90.0)],
    )
    found = suggest_cameras(plan)
    assert "FC703" in found.failing_before
    assert found.passes, found.text()
    cams = plan.cameras + tuple(c.camera() for c in found.cameras)
    report = floorcheck.check(plan.with_(cameras=cams), config=CAMERAS_ONLY)
    assert not report.findings and {"FC703", "FC704"} <= set(report.passed)


def test_nothing_is_proposed_when_the_camera_rules_pass(county_ok) -> None:
    found = suggest_cameras(county_ok)
    assert found.cameras == [] and found.passes and found.method == "none"


def _small_plan():
    """An L of public floor with a partition and a toilet whose door opens onto it."""
    return make_plan(
        ("waiting", "POLYGON ((0 0, 10 0, 10 4, 5 4, 5 8, 0 8, 0 0))"),
        ("toilet", (10, 0, 13, 4)),
        walls=[
            ((0, 0), (13, 0)),
            ((13, 0), (13, 4)),
            ((13, 4), (5, 4)),
            ((5, 4), (5, 8)),
            ((5, 8), (0, 8)),
            ((0, 8), (0, 0)),
            ((10, 0), (10, 1.5)),
            ((10, 2.5), (10, 4)),
            ((2.5, 2.5), (2.5, 6)),
        ],
        doors=[Door("D1", (10, 2.0), 1.0, 90.0)],
        cameras=[Camera("C1", "fixed", (9.5, 3.5), 200.0)],
    )


def _passes(views: list, target, tolerance: float = 1.0, min_spot: float = 0.2) -> bool:
    # snap-rounded overlay: many views share edges to the last digit
    blind = target.difference(shapely.union_all(views, grid_size=1e-6)) if views else target
    return sum(p.area for p in shapely.get_parts(blind) if p.area >= min_spot) <= tolerance


def test_the_count_is_the_fewest_a_search_of_every_choice_finds() -> None:
    plan = _small_plan()
    opts = SuggestOptions(spacing_m=2.0, directions=4)
    found = suggest_cameras(plan, options=opts)
    assert found.passes, found.text()
    candidates, pieces = candidate_views(plan, options=opts)
    report = floorcheck.check(plan, config=CAMERAS_ONLY)
    existing = list(report.analysis.views.polygons.values())
    target = shapely.union_all(pieces)
    # every candidate that sees any blind floor, none looking into the toilet (FC704)
    useful = [v for _, v in candidates if v.intersects(target)]
    assert 10 <= len(useful) <= 400
    # the suggestion is a choice of len(found.cameras) that passes; no smaller choice does
    best = len(found.cameras)
    for k in range(1, len(found.cameras)):
        if any(
            _passes(existing + list(combo), target) for combo in itertools.combinations(useful, k)
        ):
            best = k
            break
    assert len(found.cameras) >= 2  # a search with something to search
    # the exact cover is the fewest; the stated bound says so
    assert len(found.cameras) == best
    assert found.optimal and found.lower_bound == best
    assert len(found.cameras) <= found.greedy_factor * best


def test_greedy_and_exact_cover_keep_their_bounds() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        n_el, n_sets = 30, 25
        sets = [np.flatnonzero(rng.random(n_el) < 0.18) for _ in range(n_sets)]
        inc = Incidence.from_sets(sets, np.ones(n_sets), n_el)
        coverable = np.zeros(n_el, bool)
        coverable[np.concatenate(sets)] = True
        greedy = greedy_cover(inc)
        assert inc.covered(np.array(greedy))[coverable].all()
        exact = solve_cover(inc)
        assert inc.covered(np.array(exact.chosen))[coverable].all()
        # brute force on the set-cover instance itself
        best = (
            next(
                k
                for k in range(1, n_sets + 1)
                if any(
                    inc.covered(np.array(c))[coverable].all()
                    for c in itertools.combinations(range(n_sets), k)
                )
            )
            if len(greedy) <= 6
            else exact.size
        )
        assert exact.size == best and exact.optimal
        assert best <= len(greedy) <= harmonic(inc.max_set) * best


def test_harmonic_numbers() -> None:
    assert harmonic(0) == 0 and harmonic(1) == 1 and abs(harmonic(3) - 11 / 6) < 1e-12


def test_suggest_cli_writes_json_and_a_dxf_that_reads_back_passing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.dxf"
    status = main(
        [
            "suggest",
            "cameras",
            str(SAMPLES / "county_bad_cameras.dxf"),
            "-o",
            str(out),
            "--format",
            "json",
        ]
    )
    data = json.loads(capsys.readouterr().out)  # HiGHS's banner must not reach stdout
    assert status == 0
    assert data["read_back_failing"] == []
    assert data["cameras"]["passes"] and data["cameras"]["count"] == len(
        data["cameras"]["proposed"]
    )
    first = data["cameras"]["proposed"][0]
    assert {"position", "direction_deg", "fov_deg", "range_m", "mount", "windows"} <= set(first)


def test_suggest_cli_in_chinese_and_with_a_png(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "s.png"
    status = main(
        [
            "suggest",
            "cameras",
            str(SAMPLES / "county_bad_cameras.dxf"),
            "--lang",
            "zh",
            "--png",
            str(png),
        ]
    )
    text = capsys.readouterr().out
    assert status == 0 and "建议增设" in text and "全部通过" in text
    assert png.stat().st_size > 10_000


def test_suggest_cli_bad_input_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.dxf"
    bad.write_bytes(b"not a drawing")
    assert main(["suggest", "cameras", str(bad), "-o", str(tmp_path / "o.dxf")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.dxf" in err
    assert not (tmp_path / "o.dxf").exists()


def test_the_json_report_carries_suggestions_only_when_camera_rules_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(SAMPLES / "county_bad_cameras.dxf"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["suggestions"]["cameras"]["passes"]
    again = floorcheck.Report.from_json(json.dumps(data))
    assert again.suggestions == data["suggestions"]
    main(["check", str(SAMPLES / "county_ok.dxf"), "--format", "json"])
    assert "suggestions" not in json.loads(capsys.readouterr().out)


def test_the_scene_draws_the_proposed_cameras() -> None:
    from floorcheck.render import build_scene

    plan = floorcheck.load(SAMPLES / "county_bad_cameras.dxf")
    report = floorcheck.check(plan, config=CAMERAS_ONLY, suggest=True)
    scene = build_scene(report)
    proposed = report.suggestions["cameras"]["proposed"]
    stars = [m for m in scene.markers if m.role.startswith("camera-proposed")]
    assert len(stars) == len(proposed)
    views = [s for s in scene.shapes if s.role == "camera-proposed-view"]
    assert len(views) == len(proposed) and all(v.geometry.length > 1 for v in views)
    assert box(*scene.bounds).buffer(1).contains(shapely.points([(m.x, m.y) for m in stars])).all()


def test_json_on_a_pipe_carries_no_solver_banner() -> None:
    """HiGHS prints a banner with printf when its first solver is made; through a pipe (fully
    buffered) it would land in the JSON at exit."""
    import subprocess

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "floorcheck",
            "suggest",
            "cameras",
            str(SAMPLES / "county_bad_cameras.dxf"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["cameras"]["passes"]


def test_the_annotated_copy_of_check_carries_the_proposed_cameras(tmp_path: Path) -> None:
    """check --annotated-dxf: the findings' clouds and notes, and the proposed cameras as camera
    blocks on FLOORCHECK-SUGGEST; read back, the camera rules pass and nothing else changes."""
    import ezdxf

    out = tmp_path / "annotated.dxf"
    source = SAMPLES / "county_bad_cameras.dxf"
    assert main(["check", str(source), "--annotated-dxf", str(out), "-q"]) == 1
    doc = ezdxf.readfile(out)
    proposed = [e for e in doc.modelspace().query("INSERT") if e.dxf.layer == "FLOORCHECK-SUGGEST"]
    assert proposed and {e.dxf.name for e in proposed} <= {"FC-SUGGEST-枪机", "FC-SUGGEST-球机"}
    assert {lay.dxf.name for lay in doc.layers} >= {"FLOORCHECK-ERROR", "FLOORCHECK-SUGGEST"}
    before, after = floorcheck.load(source), floorcheck.load(out)
    assert len(after.cameras) == len(before.cameras) + len(proposed)
    assert [z.name for z in after.zones] == [z.name for z in before.zones]
    report = floorcheck.check(after, config=Config(select=(*CAMERA_RULES, "FC0")))
    assert not report.findings, [f.message for f in report.findings]
