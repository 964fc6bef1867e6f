"""One validation for names and values: zone types and window kinds in the API accept ids, 中文
names and synonyms and refuse typos with a "did you mean"; every configuration value is checked,
with one clear line and exit status 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from shapely.geometry import box

import floorcheck
from floorcheck import Camera, Config, Window, Zone
from floorcheck.cli import main
from floorcheck.errors import ConfigError


@pytest.mark.parametrize(
    ("given", "type_id"),
    [
        ("waiting", "waiting"),
        ("休息等候区", "waiting"),
        ("等候区", "waiting"),
        ("Waiting Area", "waiting"),
        ("WAITING", "waiting"),
        ("24小时自助服务区", "self_service_24h"),
        ("男更衣室", "locker_male"),
    ],
)
def test_zone_type_accepts_ids_chinese_names_and_synonyms(given: str, type_id: str) -> None:
    assert Zone("Z1", given, box(0, 0, 1, 1)).type == type_id


@pytest.mark.parametrize(("typo", "meant"), [("waitng", "waiting"), ("acceptence", "acceptance")])
def test_zone_type_typo_raises_with_did_you_mean(typo: str, meant: str) -> None:
    with pytest.raises(ValueError, match=f"did you mean '{meant}'"):
        Zone("Z1", typo, box(0, 0, 1, 1))


def test_a_zone_named_in_chinese_is_not_reported_missing() -> None:
    """The issue: Zone("Z1", "休息等候区", …) was accepted, then FC301 reported the waiting area
    missing."""
    plan = floorcheck.Plan(zones=(Zone("Z1", "休息等候区", box(0, 0, 10, 10)),))
    report = floorcheck.check(plan, level="village")
    missing = [f for f in report.findings if f.rule == "FC301"]
    assert all("waiting" not in f.message.lower() for f in missing)
    assert len(missing) == 3  # acceptance, self-declaration, material circulation


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        ("assisted", "assisted"),
        ("帮办代办", "assisted"),
        ("跨省通办窗口", "cross_province"),
        ("Complaints", "complaint"),
    ],
)
def test_window_kind_accepts_the_same_names(given: str, kind: str) -> None:
    assert Window("W1", given, (0, 0)).kind == kind


def test_window_kind_typo_raises_with_did_you_mean() -> None:
    with pytest.raises(ValueError, match="did you mean 'assisted'"):
        Window("W1", "asisted", (0, 0))


def test_camera_kind_accepts_chinese_and_refuses_typos() -> None:
    assert Camera("C1", "球机", (0, 0)).kind == "ptz"
    assert Camera("C1", "定点", (0, 0)).kind == "fixed"
    with pytest.raises(ValueError, match="did you mean 'fixed'"):
        Camera("C1", "fixd", (0, 0))


def _config(tmp_path: Path, text: str, name: str = "floorcheck.toml") -> Path:
    plan = tmp_path / "plan.dxf"
    plan.write_bytes((SAMPLES / "county_ok.dxf").read_bytes())
    if name == "pyproject.toml":  # the same settings as tables under [tool.floorcheck]
        text = "[tool.floorcheck]\n" + text.replace("\n[", "\n[tool.floorcheck.")
        text = text.replace("[tool.floorcheck]\n[", "[tool.floorcheck]\n[tool.floorcheck.")
    body = text
    (tmp_path / name).write_text(body, encoding="utf-8")
    return plan


BAD_VALUES = [
    ('[rules.FC101]\nseverity = "critical"\n', "severity"),
    ('level = "contry"\n', "did you mean 'county'"),
    ('staff = "ten"\n', "staff"),
    ("staff = -3\n", "staff"),
    ("population = 1.5\n", "population"),
    ('elevator = "maybe"\n', "elevator"),
    ('fail_on = "errors"\n', "fail_on"),
    ('units = "km"\n', "units"),
    ('select = ["FC999"]\n', "FC999"),
    ("ignore = 3\n", "ignore"),
    ('[rules.FC999]\nseverity = "warning"\n', "FC999"),
    ("[rules.FC402]\nmax_distance = 6\n", "did you mean 'max_distance_m'"),
    ('[rules.FC402]\nmax_distance_m = "far"\n', "max_distance_m"),
    ("[rules.FC402]\nmax_distance_m = -1\n", "max_distance_m"),
    ("[rules.FC402]\nmax_distance_m = true\n", "max_distance_m"),
    ('[rules.FC702]\nmin_windows = "four"\n', "min_windows"),
    ("[geometry]\nwall_tolerance = 0.4\n", "did you mean 'wall_tolerance_m'"),
    ('[geometry]\nwall_tolerance_m = "wide"\n', "wall_tolerance_m"),
    ("mapping = 3\n", "mapping"),
    ("crowded = 1\n", "crowded"),
]


@pytest.mark.parametrize("name", ["floorcheck.toml", "pyproject.toml"])
@pytest.mark.parametrize(("text", "expected"), BAD_VALUES)
def test_a_bad_config_value_is_one_clear_line_and_exit_2(
    tmp_path: Path, capsys, name: str, text: str, expected: str
) -> None:
    plan = _config(tmp_path, text, name)
    assert main(["check", str(plan)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert expected in err and name in err, err


@pytest.mark.parametrize("command", ["zones", "graph", "render"])
def test_every_command_validates_the_config(tmp_path: Path, capsys, command: str) -> None:
    plan = _config(tmp_path, '[geometry]\nwall_tolerance_m = "wide"\n')
    args = [command, str(plan)] + (["-o", str(tmp_path / "x.png")] if command == "render" else [])
    assert main(args) == 2
    assert "wall_tolerance_m" in capsys.readouterr().err


def test_api_config_values_are_validated_too() -> None:
    plan = floorcheck.load(SAMPLES / "county_ok.dxf")
    with pytest.raises(ConfigError, match="severity"):
        floorcheck.check(plan, config=Config(rule_options={"FC101": {"severity": "critical"}}))
    with pytest.raises(ConfigError, match="did you mean 'county'"):
        floorcheck.check(plan, level="contry")
    assert floorcheck.check(plan, level="County").level == "county"


def test_cli_values_are_validated(capsys) -> None:
    path = str(SAMPLES / "county_ok.dxf")
    assert main(["check", path, "--fail-on", "errors"]) == 2
    assert main(["check", path, "--staff", "-1"]) == 2
    assert "Traceback" not in capsys.readouterr().err
