"""Errors speak the language of ``--lang``: every line floorcheck prints for a file or an option
it cannot use is Chinese throughout under ``--lang zh`` (no Latin word but file names, codes,
layer and block names, units and quoted details of a parser) and English throughout under
``--lang en`` (no Chinese but names quoted from the drawing) — one line, exit status 2, as before.

The cases are the hostile files of the bad-input corpus (tests/data/make_bad.py) and the files and
options users get wrong (a missing file, a broken config, an unknown rule …); every place the
code raises an error of the family is checked to give its Chinese text (a source scan), and the
Chinese reaches the API (``message_zh``), batch reports (JSON ``error_zh``, JUnit, SARIF) and the
web app's answers.
"""

from __future__ import annotations

import ast
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES
from test_language import CJK, chinese_outside_names, latin_words

sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
from make_bad import CASES

import floorcheck
from floorcheck.cli import main

EXIT2 = sorted(name for name, (_, expect) in CASES.items() if expect.kind == "exit2")


def _one_line(args: list[str], capsys) -> str:
    """The one line a failing command prints (and that it fails with status 2, stdout empty)."""
    status = main(args)
    out = capsys.readouterr()
    lines = [ln for ln in out.err.splitlines() if ln.strip()]
    assert status == 2, (status, out.err[-1000:])
    assert len(lines) == 1, lines
    assert "Traceback" not in out.err and out.out == ""
    return lines[0]


def _assert_chinese(line: str, names: set[str]) -> None:
    assert line.startswith("floorcheck：错误："), line
    assert CJK.search(line.removeprefix("floorcheck：错误：")), line
    assert latin_words(line, names) == [], line


def _assert_english(line: str, names: set[str]) -> None:
    assert line.startswith("floorcheck: error: "), line
    assert chinese_outside_names(line, names) == [], line


# -- the hostile files of the bad-input corpus ------------------------------------------------


@pytest.mark.parametrize("name", EXIT2)
def test_a_hostile_file_is_refused_in_the_language_asked(name: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / name
    path.write_bytes(CASES[name][0]())
    what = str(CASES[name][1].what)
    # the library: the error carries its Chinese (c)
    with pytest.raises(floorcheck.InputError) as info:
        floorcheck.load(path)
    error = info.value
    assert CJK.search(error.message_zh), (type(error).__name__, str(error))
    assert str(path) in error.text("zh") and "\n" not in error.text("zh")
    assert what in str(error)  # str() stays English
    # the command line, in each language (a, b)
    args = ["check", str(path), "--format", "json", "--level", "county", "--lang"]
    english = _one_line([*args, "en"], capsys)
    assert what in english and str(path) in english
    _assert_english(english, {str(path)})
    chinese = _one_line([*args, "zh"], capsys)
    assert str(path) in chinese
    _assert_chinese(chinese, {str(path)})


# -- files and options users get wrong ----------------------------------------------------------

Case = Callable[[Path], tuple[list[str], str]]


def _copy(tmp: Path, sample: str = "county_ok.dxf", name: str = "plan.dxf") -> Path:
    target = tmp / name
    target.write_bytes((SAMPLES / sample).read_bytes())
    return target


def _toml(tmp: Path, text: str, name: str = "floorcheck.toml") -> Path:
    target = tmp / name
    target.write_text(text, encoding="utf-8")
    return target


def _missing_file(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(tmp / "nope.dxf")], "no such file"


def _empty_folder(tmp: Path) -> tuple[list[str], str]:
    (tmp / "empty").mkdir()
    return ["check", str(tmp / "empty")], "no .dxf, .dwg or .ifc files"


def _zones_of_a_folder(tmp: Path) -> tuple[list[str], str]:
    return ["zones", str(tmp)], "is a folder"


def _bad_toml(tmp: Path) -> tuple[list[str], str]:
    config = _toml(tmp, "level = \n")
    return ["check", str(_copy(tmp)), "--config", str(config)], "not valid TOML"


def _unknown_setting(tmp: Path) -> tuple[list[str], str]:
    config = _toml(tmp, 'levle = "county"\n')
    return ["check", str(_copy(tmp)), "--config", str(config)], "did you mean 'level'"


def _bad_severity(tmp: Path) -> tuple[list[str], str]:
    _toml(tmp, '[rules.FC101]\nseverity = "critical"\n')
    return ["check", str(_copy(tmp))], "severity must be one of"


def _unknown_option(tmp: Path) -> tuple[list[str], str]:
    _toml(tmp, "[rules.FC401]\nmax_distanse_m = 3\n")
    return ["check", str(_copy(tmp))], "did you mean 'max_distance_m'"


def _bad_option_value(tmp: Path) -> tuple[list[str], str]:
    _toml(tmp, '[rules.FC401]\nmax_distance_m = "far"\n')
    return ["check", str(_copy(tmp))], "must be a number"


def _unknown_rule_table(tmp: Path) -> tuple[list[str], str]:
    _toml(tmp, "[rules.FC999]\nseverity = 'info'\n")
    return ["check", str(_copy(tmp))], "no rule FC999"


def _bad_level_in_config(tmp: Path) -> tuple[list[str], str]:
    _toml(tmp, 'level = "contry"\n')
    return ["check", str(_copy(tmp))], "did you mean 'county'"


def _bad_staff_in_config(tmp: Path) -> tuple[list[str], str]:
    _toml(tmp, 'staff = "many"\n')
    return ["check", str(_copy(tmp))], "must be a whole number"


def _bad_units_in_config(tmp: Path) -> tuple[list[str], str]:
    _toml(tmp, 'units = "mm2"\n')
    return ["check", str(_copy(tmp))], "units must be one of"


def _bad_geometry(tmp: Path) -> tuple[list[str], str]:
    _toml(tmp, "[geometry]\nsnap_m = -1\n")
    return ["check", str(_copy(tmp))], "[geometry]"


def _missing_mapping(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--mapping", str(tmp / "none.toml")], "mapping file"


def _mapping_zone_type_typo(tmp: Path) -> tuple[list[str], str]:
    mapping = _toml(tmp, '[layer_types]\n"A-AREA" = "waitng"\n', "mapping.toml")
    args = ["check", str(_copy(tmp)), "--mapping", str(mapping)]
    return args, "did you mean 'waiting'"


def _mapping_unknown_section(tmp: Path) -> tuple[list[str], str]:
    mapping = _toml(tmp, '[colours]\nred = "1"\n', "mapping.toml")
    return ["check", str(_copy(tmp)), "--mapping", str(mapping)], "unknown mapping section"


def _region_out_of_range(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--region", "9"], "plan region"


def _region_malformed(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--region", "left"], "region number"


def _storey_of_a_drawing(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--storey", "1F"], "--storey"


def _missing_layout(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--layout", "NOPE"], "no layout or block named 'NOPE'"


def _bcf_to_stdout(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--format", "bcf"], "--format bcf"


def _annotated_not_dxf(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--annotated-dxf", str(tmp / "a.png")], "written as DXF"


def _png_in_missing_folder(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--png", str(tmp / "no" / "p.png")], "does not exist"


def _output_over_input(tmp: Path) -> tuple[list[str], str]:
    plan = _copy(tmp)
    return ["check", str(plan), "-o", str(plan)], "never writes over its input"


def _unknown_select(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(_copy(tmp)), "--select", "FC999"], "no rule matches 'FC999'"


def _unknown_layers(tmp: Path) -> tuple[list[str], str]:
    args = ["check", str(_copy(tmp)), "--png", str(tmp / "p.png"), "--layers", "cameras"]
    return args, "--layers"


def _rule_unknown(tmp: Path) -> tuple[list[str], str]:
    return ["rule", "FC999"], "no rule 'FC999'"


def _report_suffix(tmp: Path) -> tuple[list[str], str]:
    return ["report", str(_copy(tmp)), "-o", str(tmp / "r.txt")], ".html or .pdf"


def _ifcxml(tmp: Path) -> tuple[list[str], str]:
    (tmp / "model.ifc").write_text("<?xml version='1.0'?><ifcXML/>", encoding="utf-8")
    return ["check", str(tmp / "model.ifc")], "ifcXML"


def _broken_ifc(tmp: Path) -> tuple[list[str], str]:
    (tmp / "model.ifc").write_text("ISO-10303-21;\nHEADER;\nnonsense", encoding="utf-8")
    return ["check", str(tmp / "model.ifc")], "model.ifc"


def _ifc_layout(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(SAMPLES / "county_ok.ifc"), "--layout", "A1"], "--layout"


def _ifc_init_mapping(tmp: Path) -> tuple[list[str], str]:
    return ["init-mapping", str(SAMPLES / "county_ok.ifc")], "is an IFC model"


def _ifc_unknown_storey(tmp: Path) -> tuple[list[str], str]:
    return ["check", str(SAMPLES / "county_ok.ifc"), "--storey", "99F"], "99F"


def _old_dwg(tmp: Path) -> tuple[list[str], str]:
    (tmp / "old.dwg").write_bytes(b"AC1009" + bytes(400))
    return ["check", str(tmp / "old.dwg")], "old.dwg"


def _broken_dwg(tmp: Path) -> tuple[list[str], str]:
    (tmp / "cut.dwg").write_bytes((SAMPLES / "county_ok.dwg").read_bytes()[:3000])
    return ["check", str(tmp / "cut.dwg")], "cut.dwg"


def _init_mapping_exists(tmp: Path) -> tuple[list[str], str]:
    existing = _toml(tmp, "# mine\n", "mapping.toml")
    return ["init-mapping", str(_copy(tmp)), "-o", str(existing)], "not overwriting"


def _diff_not_a_report(tmp: Path) -> tuple[list[str], str]:
    (tmp / "old.json").write_text('{"schema": 7}', encoding="utf-8")
    return ["diff", str(tmp / "old.json"), str(_copy(tmp))], "not a floorcheck JSON report"


CLI_CASES: dict[str, Case] = {
    f.__name__.lstrip("_"): f
    for f in (
        _missing_file,
        _empty_folder,
        _zones_of_a_folder,
        _bad_toml,
        _unknown_setting,
        _bad_severity,
        _unknown_option,
        _bad_option_value,
        _unknown_rule_table,
        _bad_level_in_config,
        _bad_staff_in_config,
        _bad_units_in_config,
        _bad_geometry,
        _missing_mapping,
        _mapping_zone_type_typo,
        _mapping_unknown_section,
        _region_out_of_range,
        _region_malformed,
        _storey_of_a_drawing,
        _missing_layout,
        _bcf_to_stdout,
        _annotated_not_dxf,
        _png_in_missing_folder,
        _output_over_input,
        _unknown_select,
        _unknown_layers,
        _rule_unknown,
        _report_suffix,
        _ifcxml,
        _broken_ifc,
        _ifc_layout,
        _ifc_init_mapping,
        _ifc_unknown_storey,
        _old_dwg,
        _broken_dwg,
        _init_mapping_exists,
        _diff_not_a_report,
    )
}


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_a_wrong_file_or_option_is_said_in_the_language_asked(
    case: str, tmp_path: Path, capsys
) -> None:
    args, words = CLI_CASES[case](tmp_path)
    names = {a for a in args if "/" in a}
    english = _one_line([*args, "--lang", "en"], capsys)
    assert words in english
    _assert_english(english, names)
    assert _one_line(args, capsys) == english  # English is the default
    chinese = _one_line([*args, "--lang", "zh"], capsys)
    _assert_chinese(chinese, names)
    for name in names:  # the files named stay named
        if name in english:
            assert name in chinese


# -- usage errors: click's own four lines in English, one Chinese line with --lang zh ------------

_PLAN = str(SAMPLES / "county_ok.dxf")
USAGE_CASES: dict[str, tuple[list[str], str]] = {
    "unknown-format": (["check", _PLAN, "--format", "docx"], "'docx' is not one of"),
    "dpi-out-of-range": (["check", _PLAN, "--dpi", "5"], "--dpi"),
    "level-typo": (["check", _PLAN, "--level", "contry"], "did you mean 'county'"),
    "ambiguous-level": (["check", _PLAN, "--level", "乡镇（街道）"], "may be street"),
    "unknown-option": (["check", _PLAN, "--colour"], "No such option"),
    "missing-plans": (["check"], "Missing argument"),
    "unknown-command": (["chek", _PLAN], "No such command"),
    "output-is-a-folder": (["check", _PLAN, "-o", str(SAMPLES)], "is a directory"),
    "zero-jobs": (["check", _PLAN, "--jobs", "0"], "--jobs"),
    "extra-argument": (["rule", "FC101", "FC102"], "unexpected extra argument"),
}


@pytest.mark.parametrize("case", sorted(USAGE_CASES))
def test_a_usage_error_is_said_in_the_language_asked(case: str, capsys) -> None:
    args, words = USAGE_CASES[case]
    assert main([*args, "--lang", "en"]) == 2
    out = capsys.readouterr()
    assert words in out.err and "Error:" in out.err and out.out == ""
    assert main([*args, "--lang", "zh"]) == 2
    out = capsys.readouterr()
    lines = [ln for ln in out.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and out.out == "", out.err
    _assert_chinese(lines[0], {_PLAN, str(SAMPLES), "乡镇（街道）"})
    assert "--help" in lines[0]  # where the usage is


# -- every raise site gives its Chinese ---------------------------------------------------------


def _family() -> set[str]:
    import floorcheck.io

    out: set[str] = set()
    todo: list[type] = [floorcheck.InputError]
    while todo:
        cls = todo.pop()
        out.add(cls.__name__)
        todo += cls.__subclasses__()
    return out


def test_every_error_raised_says_it_in_chinese_too() -> None:
    """Each construction of an error of the family passes ``message_zh`` (and ``hint_zh`` when
    it has a hint); an error re-raised with the file's name keeps its Chinese (``exc.at``)."""
    family = _family()
    missing = []
    for source in sorted((ROOT / "floorcheck").rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{source.relative_to(ROOT)}:{node.lineno}"
            func = node.func
            if isinstance(func, ast.Call) and getattr(func.func, "id", "") == "type":
                missing.append(f"{where}: type(exc)(…) drops the Chinese; use exc.at(path)")
                continue
            if getattr(func, "id", getattr(func, "attr", None)) not in family:
                continue
            keywords = {k.arg for k in node.keywords}
            if "message_zh" not in keywords:
                missing.append(f"{where}: no message_zh")
            has_hint = len(node.args) >= 3 or "hint" in keywords
            if has_hint and "hint_zh" not in keywords:
                missing.append(f"{where}: a hint without hint_zh")
    assert missing == []


# -- batches: every report format carries the error in its language ---------------------------


def _batch(tmp: Path) -> Path:
    folder = tmp / "plans"
    folder.mkdir()
    (folder / "a.dxf").write_bytes((SAMPLES / "village_ok.dxf").read_bytes())
    (folder / "b.dxf").write_bytes(b"garbage")
    (folder / "c.dxf").write_bytes(b"")
    return folder


def test_a_batch_says_its_unreadable_files_in_chinese(tmp_path: Path, capsys) -> None:
    import xml.etree.ElementTree as ET

    import jsonschema

    folder = _batch(tmp_path)
    names = {str(folder / n) for n in ("a.dxf", "b.dxf", "c.dxf")}
    base = ["check", str(folder), "--lang", "zh", "--jobs", "2"]
    assert main([*base, "--format", "json"]) == 2
    out = capsys.readouterr()
    stderr = [ln for ln in out.err.splitlines() if ln.strip()]
    assert len(stderr) == 2
    for line in stderr:
        _assert_chinese(line, names)
    entries = json.loads(out.out)
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(entries, schema)
    broken = [e for e in entries if "error" in e]
    assert [Path(e["file"]).name for e in broken] == ["b.dxf", "c.dxf"]
    for entry in broken:
        assert "not a DXF" in entry["error"] or "is empty" in entry["error"]  # English stays
        assert CJK.search(entry["error_zh"]) and latin_words(entry["error_zh"], names) == []

    assert main([*base, "--format", "junit"]) == 2
    suites = ET.fromstring(capsys.readouterr().out)
    messages = [e.get("message") for e in suites.iter("error")]
    assert len(messages) == 2
    for message in messages:
        assert CJK.search(message) and latin_words(message, names) == []

    assert main([*base, "--format", "sarif"]) == 2
    run = json.loads(capsys.readouterr().out)["runs"][0]
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert len(notes) == 2
    for note in notes:
        assert CJK.search(note) and latin_words(note, names) == []

    assert main([*base]) == 2
    table = capsys.readouterr().out.splitlines()[-3:]
    assert [row.split()[-1] for row in table] == ["通过", "无法读取", "无法读取"]


def test_a_batch_in_english_has_no_chinese_in_its_errors(tmp_path: Path, capsys) -> None:
    import xml.etree.ElementTree as ET

    folder = _batch(tmp_path)
    assert main(["check", str(folder), "--format", "junit"]) == 2
    out = capsys.readouterr()
    messages = [e.get("message") for e in ET.fromstring(out.out).iter("error")]
    assert len(messages) == 2 and chinese_outside_names("\n".join(messages), set()) == []
    assert chinese_outside_names(out.err, set()) == []
