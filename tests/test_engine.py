"""The engine and the configuration: selection, overrides, one outcome per rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_plan

import floorcheck
from floorcheck import Config
from floorcheck.config import load_config
from floorcheck.engine import select_rules
from floorcheck.errors import ConfigError
from floorcheck.rules import RULES


def test_every_rule_is_in_exactly_one_of_findings_passed_skipped() -> None:
    report = floorcheck.check(make_plan(("waiting", (0, 0, 10, 10))), level="county")
    found = {f.rule for f in report.all_findings()}
    passed, skipped = set(report.passed), {s["rule"] for s in report.skipped}
    assert found | passed | skipped == set(RULES)
    assert not (found & passed or found & skipped or passed & skipped)


def test_a_plan_with_no_zones_skips_hall_rules_with_a_reason() -> None:
    report = floorcheck.check(floorcheck.Plan(), level="county")
    reasons = {s["rule"]: s["reason"] for s in report.skipped}
    assert "no zones recognised" in reasons["FC101"] and "FC301" in reasons


def test_selection_by_family_and_pattern() -> None:
    assert select_rules(["FC2"]) == ["FC201", "FC202", "FC203", "FC204", "FC205", "FC206"]
    assert "FC205" not in select_rules(["FC2"], ["FC205"])
    with pytest.raises(ConfigError):
        select_rules(["FC999"])


def test_unknown_option_and_bad_level_are_config_errors() -> None:
    plan = make_plan(("waiting", (0, 0, 10, 10)))
    with pytest.raises(ConfigError, match="no option"):
        floorcheck.check(plan, config=Config(rule_options={"FC103": {"nope": 1}}))
    with pytest.raises(ConfigError, match="unknown level"):
        floorcheck.check(plan, level="province")


def test_pyproject_tool_section_is_read(tmp_path: Path) -> None:
    py = tmp_path / "pyproject.toml"
    py.write_text(
        '[tool.floorcheck]\nlevel = "street"\nignore = "FC304, FC305"\n[tool.floorcheck.rules.FC402]\nmax_distance_m = 7\n',
        encoding="utf-8",
    )
    cfg = load_config(py)
    assert cfg.metadata == {"level": "street"} and cfg.ignore == ("FC304", "FC305")
    assert cfg.rule_options == {"FC402": {"max_distance_m": 7}}


def test_check_accepts_a_path() -> None:
    from conftest import SAMPLES

    report = floorcheck.check(SAMPLES / "village_ok.dxf")
    assert report.level == "village" and not report.fails()


def test_reports_do_not_depend_on_hash_seeds() -> None:
    """The same plan gives the same report in every process (set and dict orders included)."""
    import json
    import os
    import subprocess
    import sys

    from conftest import SAMPLES

    def run(seed: str) -> dict:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "floorcheck",
                "check",
                str(SAMPLES / "county_bad_layout.dxf"),
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        report = json.loads(done.stdout)
        report.pop("date", None)
        return report

    assert run("1") == run("2")
