"""The command line as architects and CI use it: reports, exit status, bad input."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

from floorcheck.cli import main
from floorcheck.rules import RULES


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sample", ["county_ok.dxf", "street_ok.dxf", "village_ok.dxf"])
def test_compliant_samples_exit_0_with_no_warning(sample: str, capsys) -> None:
    assert main(["check", str(SAMPLES / sample), "--fail-on", "warning"]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "休息等候区" in out


@pytest.mark.parametrize(
    "sample, codes",
    [
        ("county_small_area.dxf", {"FC101"}),
        ("county_missing_zones.dxf", {"FC301", "FC302", "FC303"}),
        ("county_few_windows.dxf", {"FC201", "FC202", "FC203", "FC204"}),
        ("county_bad_placement.dxf", {"FC402", "FC404", "FC405", "FC410"}),
        ("county_bad_access.dxf", {"FC501", "FC502", "FC503", "FC504"}),
        ("county_bad_cameras.dxf", {"FC701", "FC702", "FC703"}),
        ("county_bad_layout.dxf", {"FC401", "FC403", "FC406", "FC407", "FC408", "FC409"}),
    ],
)
def test_breaking_samples_exit_1_with_their_codes(sample: str, codes: set[str], capsys) -> None:
    assert main(["check", str(SAMPLES / sample), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = set(report["summary"]["failed"])  # related rules of a cause included
    assert codes <= found


def test_json_report_follows_schema_1_and_covers_every_rule(capsys) -> None:
    main(["check", str(SAMPLES / "county_missing_zones.dxf"), "--format", "json"])
    raw = capsys.readouterr().out
    assert "母婴室" in raw and "\\u" not in raw  # UTF-8, not escaped
    report = json.loads(raw)
    assert report["schema"] == 1 and report["level"] == "county"
    assert report["units"] == {"unit": "mm", "source": "$INSUNITS"}
    assert report["hall"] == {"usable_area_m2": 1200.0, "outline": "drawn"}
    assert {"id", "type", "label", "area_m2", "public", "layer", "centroid"} <= set(
        report["zones"][0]
    )
    assert {"id", "width_m", "entrance", "main", "staff_only", "position"} <= set(
        report["doors"][0]
    )
    seen = [f["rule"] for f in report["findings"]]
    passed = report["summary"]["passed"]
    skipped = [s["rule"] for s in report["summary"]["skipped"]]
    assert set(seen) | set(passed) | set(skipped) == set(RULES)
    assert (
        not (set(seen) & set(passed))
        and not (set(passed) & set(skipped))
        and not (set(seen) & set(skipped))
    )


def test_json_report_reads_back(capsys) -> None:
    from floorcheck import Report

    main(["check", str(SAMPLES / "county_bad_placement.dxf"), "--format", "json"])
    text = capsys.readouterr().out
    again = Report.from_json(text)
    assert json.loads(again.to_json()) == json.loads(text)


def test_select_ignore_and_fail_on(capsys) -> None:
    lockers = str(SAMPLES / "county_small_lockers.dxf")
    assert main(["check", lockers]) == 0  # FC603 is a warning
    assert main(["check", lockers, "--fail-on", "warning"]) == 1
    assert main(["check", lockers, "--fail-on", "warning", "--ignore", "FC603"]) == 0
    capsys.readouterr()
    assert main(["check", lockers, "--select", "FC6", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in report["findings"]} | set(report["summary"]["passed"]) <= {
        "FC601",
        "FC602",
        "FC603",
    }


def test_command_line_metadata_wins_over_the_drawing(capsys) -> None:
    assert main(["check", str(SAMPLES / "county_ok.dxf"), "--level", "city"]) == 1
    assert "2000 m²" in capsys.readouterr().out


def test_unknown_rule_code_is_a_usage_error(capsys) -> None:
    assert main(["check", str(SAMPLES / "county_ok.dxf"), "--select", "FC999"]) == 2
    assert "FC999" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "is empty"),
        (b"AC1032\x00\x00\x00garbage", "DWG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"hello, I am not a drawing\n", "not a DXF"),
        (b"0\nSECTION\n2\nENTITIES\n0\nLINE\n8\n0\n10\nnot-a-number\n", "truncated"),
    ],
)
def test_bad_files_exit_2_with_one_clear_line(
    tmp_path: Path, content: bytes, expected: str, capsys
) -> None:
    bad = tmp_path / "upload.dxf"
    bad.write_bytes(content)
    status = main(["check", str(bad)])
    err = capsys.readouterr().err
    assert status == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert (
        len(lines) == 1
        and "upload.dxf" in lines[0]
        and expected in lines[0]
        and "Traceback" not in err
    )


@pytest.mark.parametrize("fraction", [0.05, 0.5, 0.97])
def test_plan_cut_off_in_upload_exits_2(tmp_path: Path, fraction: float, capsys) -> None:
    data = (SAMPLES / "village_ok.dxf").read_bytes()
    cut = tmp_path / "cut.dxf"
    cut.write_bytes(data[: int(len(data) * fraction)])
    assert main(["check", str(cut)]) == 2
    assert "truncated" in capsys.readouterr().err


def test_damaged_but_complete_file_is_recovered_and_reported(tmp_path: Path, capsys) -> None:
    """The ENTITIES section loses its ENDSEC: ezdxf's recover mends it and FC009 says so."""
    text = (SAMPLES / "village_ok.dxf").read_text(encoding="utf-8")
    marker = "  0\nENDSEC\n  0\nSECTION\n  2\nOBJECTS"
    assert marker in text
    damaged = tmp_path / "damaged.dxf"
    damaged.write_text(text.replace(marker, "  0\nSECTION\n  2\nOBJECTS", 1), encoding="utf-8")
    main(["check", str(damaged), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    repaired = [f for f in report["findings"] if f["rule"] == "FC009"]
    assert repaired and "recover" in repaired[0]["message"]
    assert len(report["zones"]) == 7  # nothing of the plan was lost


def test_missing_file_and_folder_without_dxf(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "nope.dxf")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 2
    assert "no .dxf, .dwg or .ifc files" in capsys.readouterr().err


def _batch(tmp_path: Path) -> Path:
    """A folder of three plans: one good, two that cannot be read."""
    (tmp_path / "a.dxf").write_bytes((SAMPLES / "village_ok.dxf").read_bytes())
    (tmp_path / "b.dxf").write_bytes(b"garbage")
    (tmp_path / "c.dxf").write_bytes(b"")
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_json_accounts_for_every_file(tmp_path: Path, capsys, jobs: str) -> None:
    status = main(["check", str(_batch(tmp_path)), "--format", "json", "--jobs", jobs])
    captured = capsys.readouterr()
    assert status == 2  # a file could not be read
    entries = json.loads(captured.out)
    assert [Path(e["file"]).name for e in entries] == ["a.dxf", "b.dxf", "c.dxf"]
    assert "findings" in entries[0] and "error" not in entries[0]
    assert "not a DXF" in entries[1]["error"] and "is empty" in entries[2]["error"]
    assert "b.dxf" in captured.err and "c.dxf" in captured.err


def test_batch_junit_sarif_and_table_account_for_every_file(tmp_path: Path, capsys) -> None:
    import xml.etree.ElementTree as ET

    folder = _batch(tmp_path)
    assert main(["check", str(folder), "--format", "junit", "--jobs", "2"]) == 2
    suites = ET.fromstring(capsys.readouterr().out)
    assert suites.get("errors") == "2"
    names = [Path(s.get("name")).name for s in suites.findall("testsuite")]
    assert names == ["a.dxf", "b.dxf", "c.dxf"]
    unreadable = [s for s in suites.findall("testsuite") if s.find("testcase/error") is not None]
    assert [Path(s.get("name")).name for s in unreadable] == ["b.dxf", "c.dxf"]
    assert main(["check", str(folder), "--format", "sarif"]) == 2
    run = json.loads(capsys.readouterr().out)["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert run["invocations"][0]["executionSuccessful"] is False
    uris = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes]
    assert sorted(Path(u).name for u in uris) == ["b.dxf", "c.dxf"]
    assert main(["check", str(folder)]) == 2
    table = capsys.readouterr().out.splitlines()[-4:]
    assert [row.split()[0].rsplit("/", 1)[-1] for row in table[1:]] == ["a.dxf", "b.dxf", "c.dxf"]
    assert "UNREADABLE" in table[2] and "UNREADABLE" in table[3]


def test_a_failed_batch_replaces_an_old_report(tmp_path: Path, capsys) -> None:
    """When no plan could be read, the report file still says so: an old report.json left in
    place would pass for today's."""
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "b.dxf").write_bytes(b"garbage")
    out = tmp_path / "report.json"
    out.write_text('{"old": true}', encoding="utf-8")
    assert main(["check", str(folder), "--format", "json", "-o", str(out)]) == 2
    entry = json.loads(out.read_text(encoding="utf-8"))
    assert entry["file"].endswith("b.dxf") and "not a DXF" in entry["error"]


def test_input_file_is_never_changed(tmp_path: Path) -> None:
    plan = tmp_path / "plan.dxf"
    plan.write_bytes((SAMPLES / "county_bad_placement.dxf").read_bytes())
    before = _sha(plan)
    main(["check", str(plan), "--format", "json", "--output", str(tmp_path / "r.json")])
    main(["zones", str(plan)])
    assert _sha(plan) == before
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["schema"] == 1


def test_config_file_beside_the_plan_is_used(tmp_path: Path, capsys) -> None:
    plan = tmp_path / "plan.dxf"
    plan.write_bytes((SAMPLES / "county_ok.dxf").read_bytes())
    (tmp_path / "floorcheck.toml").write_text(
        'level = "city"\n[rules.FC101]\nseverity = "warning"\n', encoding="utf-8"
    )
    assert main(["check", str(plan), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["level"] == "city"
    assert [f["severity"] for f in report["findings"] if f["rule"] == "FC101"] == ["warning"]


def test_bad_config_is_a_usage_error(tmp_path: Path, capsys) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("levle = 'county'\n", encoding="utf-8")
    assert main(["check", str(SAMPLES / "county_ok.dxf"), "--config", str(cfg)]) == 2
    assert "levle" in capsys.readouterr().err


def test_rules_and_rule_commands(capsys) -> None:
    assert main(["rules"]) == 0
    listed = capsys.readouterr().out
    assert all(code in listed for code in RULES)
    assert main(["rule", "FC101"]) == 0
    doc = capsys.readouterr().out
    assert "## Why" in doc and "2000 m²" in doc
    assert main(["rule", "FC999"]) == 2


def test_zones_command_lists_what_was_recognised(capsys) -> None:
    assert main(["zones", str(SAMPLES / "county_ok.dxf")]) == 0
    out = capsys.readouterr().out
    main_door = next(
        line
        for line in out.splitlines()
        if line.rstrip().endswith(("main entrance exit", "main entrance automatic exit"))
    )
    assert "休息等候区" in out and "2.00 m at (20.00, 0.00)" in main_door


def test_graph_command_writes_json_and_graphml(tmp_path: Path, capsys) -> None:
    assert main(["graph", str(SAMPLES / "county_ok.dxf")]) == 0
    g = json.loads(capsys.readouterr().out)
    kinds = {e["kind"] for e in g["edges"]}
    assert kinds == {"open", "door", "wall"}
    out = tmp_path / "g.graphml"
    assert (
        main(["graph", str(SAMPLES / "county_ok.dxf"), "--format", "graphml", "-o", str(out)]) == 0
    )
    import networkx as nx

    assert nx.read_graphml(out).number_of_nodes() >= 20


def test_python_dash_m_and_console_script_work() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "floorcheck", "rules"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "FC101" in done.stdout


def test_batch_of_a_folder_in_parallel_gives_a_summary_table(tmp_path: Path, capsys) -> None:
    for name in ("county_ok.dxf", "county_small_area.dxf", "village_ok.dxf"):
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    (tmp_path / "broken.dxf").write_bytes(b"not a drawing")
    status = main(["check", str(tmp_path), "--jobs", "2", "-q"])
    out, err = capsys.readouterr()
    assert status == 2 and "broken.dxf" in err
    table = out[out.index("file ") :].splitlines()
    assert table[0].split() == ["file", "level", "errors", "warnings", "verdict"]
    rows = {Path(line.split()[0]).name: line.split() for line in table[1:]}
    assert rows["county_small_area.dxf"][1:] == ["city", "1", "0", "FAIL"]
    assert rows["village_ok.dxf"][-1] == "PASS" and rows["broken.dxf"][-1] == "UNREADABLE"


def test_init_mapping_drafts_a_file_and_never_overwrites(tmp_path: Path, capsys) -> None:
    out = tmp_path / "office.toml"
    assert main(["init-mapping", str(SAMPLES / "county_ok.dxf"), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "'A-WALL': walls" in text and "[layer_types]" in text and "aia" in text
    import tomllib

    assert set(tomllib.loads(text)) >= {"layers", "layer_types", "labels", "conventions"}
    assert main(["init-mapping", str(SAMPLES / "county_ok.dxf"), "-o", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
