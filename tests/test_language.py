"""``--lang zh`` is Chinese throughout and ``--lang en`` English throughout, on every command and
every sample: the zh output holds no Latin word but codes, ids, file names, units and a few
proper names; the en output no Chinese but names quoted from the drawing (or from the guide, in
「」 quotation marks)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SAMPLES

import floorcheck
from floorcheck.cli import main
from floorcheck.config import METADATA_KEYS
from floorcheck.rules import RULES

SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.dxf"))

# Latin words a Chinese text may hold: proper names of file formats and programs.
PROPER = {"floorcheck", "DXF", "DWG", "AutoCAD", "EXPLODE", "T3", "GB", "TOML", "SARIF", "JUnit"}
PROPER |= {"JSON", "PNG", "PDF", "STRtree", "shapely", "make_valid"}
# Names of DXF entity types: ids of the drawing format, shown where a drawing is described.
PROPER |= {"LINE", "LWPOLYLINE", "POLYLINE", "TEXT", "MTEXT", "INSERT", "HATCH", "ARC", "CIRCLE"}
PROPER |= {"DIMENSION", "LEADER", "SOLID", "SPLINE", "POINT", "ELLIPSE", "ATTRIB", "WIDTH", "SEATS"}
# Names of rule options are ids (keys of floorcheck.toml).
PROPER |= {o.name for r in RULES.values() for o in r.options}
# The commands of floorcheck are ids too ("见 floorcheck zones 命令").
PROPER |= {"check", "zones", "render", "rules", "rule", "graph", "init-mapping"}
# Formats, programs and CAD commands an error may name ("请在 CAD 中运行 AUDIT").
PROPER |= {"CAD", "BIM", "IFC", "IFC4", "ifcXML", "STEP", "ZIP", "zip", "JPEG", "HTML", "BCF"}
PROPER |= {"MINSERT", "AUDIT", "SAVEAS", "PURGE", "EOF", "UTF-8", "Ctrl-C"}
# Keys of floorcheck.toml and of mapping files, and their literal values, are ids too.
PROPER |= set(METADATA_KEYS) | {"units", "mapping", "select", "ignore", "severity", "geometry"}
PROPER |= {"layers", "layer_types", "labels", "blocks", "conventions", "detect", "true", "false"}
UNITS = {"m", "mm", "cm", "dm", "in", "ft", "m²", "m2", "km"}
# Kinds of file by their suffix (".dxf", "--format bcf"): ids of file formats.
SUFFIXES = {"dxf", "dwg", "ifc", "ifczip", "toml", "png", "pdf", "html", "json", "svg", "xml"}
SUFFIXES |= {"sarif", "junit", "bcf", "bcfzip", "txt"}
_ALLOWED_TOKEN = re.compile(
    r"""^(
        FC\d{3}                      # rule codes
      | [A-Z]{1,2}\d+[a-z]?          # ids: Z12, D3, W1, C2, T1
      | ENTRANCE:\S+                 # entrance nodes
      | --?[a-z][a-z-]*              # options of the command line
      | \$[A-Z_]+                    # DXF header variables
      | [A-Za-z0-9]+(_[A-Za-z0-9]+)+ # option and setting names (max_distance_m, FC_LEVEL)
      | \[?[a-z_]+\.[A-Z0-9]+\]?     # config tables: [rules.FC401]
      | \S*[/\\]\S*                  # paths
      | \S*\.(dxf|dwg|ifc|ifczip|toml|png|pdf|html|json|svg|xml|sarif|bcfzip|md)  # file names
      | GB(/T)?                      # national standards
      | [A-Z0-9]+([-_$][A-Z0-9]+)+   # layer and object names (A-WALL, ACAD_PROXY_ENTITY)
      | TCH_\*                      # TArch object names
      | \{[a-z_]+(![rs])?(:[a-z0-9.,]+)?\}  # fields of message templates
      | M\d{4}                      # door tags (M1021)
      | Ifc[A-Z][A-Za-z]+            # IFC classes (IfcBuildingStorey)
    )$""",
    re.VERBOSE,
)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
QUOTED = re.compile(r"「[^」]*」|『[^』]*』|'[^']*'|\"[^\"]*\"|“[^”]*”")


def _drawing_names(sample: str) -> set[str]:
    """Names a report may quote from the drawing: zone labels, layers, door and window labels."""
    plan = floorcheck.load(SAMPLES / f"{sample}.dxf")
    names = {z.label for z in plan.zones} | {z.layer for z in plan.zones}
    names |= {d.label for d in plan.doors} | {w.label for w in plan.windows}
    names |= {z.name for z in plan.zones}
    return {n for n in names if n}


def latin_words(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """Latin words of ``text`` that are not codes, ids, names of files, units or proper names."""
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " ")
    text = QUOTED.sub(" ", text)
    text = re.sub(r"\{[a-z_]+(![rs])?(:[a-z0-9.,]+)?\}", " ", text)  # fields of templates
    bad = []
    for token in re.split(r"[\s，。；：、（）()\[\]【】,;:=<>《》—？！]+", text):
        token = token.strip(".!?…·×'\"`")
        if not re.search(r"[A-Za-z]{2,}", token):
            continue
        if token in PROPER or token in UNITS or token in SUFFIXES or _ALLOWED_TOKEN.match(token):
            continue
        bad.append(token)
    return bad


def chinese_outside_names(text: str, allowed: set[str]) -> list[str]:
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " ")
    text = QUOTED.sub(" ", text)
    return [line for line in text.splitlines() if CJK.search(line)]


def _run(args: list[str], capsys) -> str:
    status = main(args)
    out = capsys.readouterr()
    assert status in (0, 1), out.err
    return out.out + out.err


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_check_in_chinese_has_no_english_words(sample: str, capsys, tmp_path: Path) -> None:
    names = _drawing_names(sample)
    path = str(SAMPLES / f"{sample}.dxf")
    out = _run(
        ["check", path, "--level", "county", "--lang", "zh", "-o", str(tmp_path / "r.txt")], capsys
    )
    text = (tmp_path / "r.txt").read_text(encoding="utf-8") + out
    assert latin_words(text, names) == []
    assert latin_words(_run(["zones", path, "--lang", "zh"], capsys), names) == []


def test_other_commands_in_chinese_have_no_english_words(capsys, tmp_path: Path) -> None:
    path = str(SAMPLES / "county_ok.dxf")
    names = _drawing_names("county_ok")
    assert latin_words(_run(["rules", "--lang", "zh"], capsys)) == []
    for code in sorted(RULES):
        assert latin_words(_run(["rule", code, "--lang", "zh"], capsys)) == [], code
    out = _run(["render", path, "-o", str(tmp_path / "p.png"), "--lang", "zh"], capsys)
    assert latin_words(out, names) == []
    draft = _run(["init-mapping", path, "--lang", "zh"], capsys)
    # comments, not the TOML they show commented out (keys and values are ids in any language)
    comments = "\n".join(
        ln for ln in draft.splitlines() if ln.lstrip().startswith("#") and " = " not in ln
    )
    assert comments and latin_words(comments, names) == []
    graph = json.loads(_run(["graph", path, "--lang", "zh"], capsys))
    assert all(CJK.search(n["name"]) for n in graph["nodes"] if not n["id"].startswith("ENTRANCE"))


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_check_in_english_has_no_chinese_outside_drawing_names(sample: str, capsys) -> None:
    names = _drawing_names(sample)
    path = str(SAMPLES / f"{sample}.dxf")
    text = _run(["check", path, "--level", "county"], capsys)
    assert chinese_outside_names(text, names) == []
    assert chinese_outside_names(_run(["zones", path], capsys), names) == []
    data = json.loads(_run(["check", path, "--level", "county", "--format", "json"], capsys))
    messages = [f["message"] for f in data["findings"]] + [
        f["basis"] for f in data["findings"] if f.get("basis")
    ]
    messages += [s["reason"] for s in data["summary"]["skipped"]]
    assert chinese_outside_names("\n".join(messages), names) == []


def test_other_commands_in_english_have_no_chinese(capsys) -> None:
    assert chinese_outside_names(_run(["rules"], capsys), set()) == []
    # a rule's documentation quotes the guide in 「」, each quotation followed by its gloss
    for code in sorted(RULES):
        assert chinese_outside_names(_run(["rule", code], capsys), set()) == [], code


@pytest.mark.parametrize(
    "given", ["县级", "County", "COUNTY", "县(市)区、开发区政务服务中心", " county "]
)
def test_level_accepts_chinese_names_and_any_case(given: str, capsys) -> None:
    path = str(SAMPLES / "county_ok.dxf")
    assert main(["check", path, "--level", given, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == "county"


@pytest.mark.parametrize(
    ("given", "level"),
    [
        ("村", "village"),
        ("社区便民服务站", "community"),
        ("街道", "street"),
        ("乡镇", "township"),
        ("市级", "city"),
    ],
)
def test_level_names_of_the_guide(given: str, level: str) -> None:
    from floorcheck.vocab import level_id

    assert level_id(given) == level


def test_an_ambiguous_level_name_asks_which(capsys) -> None:
    path = str(SAMPLES / "street_ok.dxf")
    assert main(["check", path, "--level", "乡镇（街道）"]) == 2
    err = capsys.readouterr().err
    assert "street" in err and "township" in err and "Traceback" not in err


def test_a_misspelt_level_suggests_the_right_one(capsys) -> None:
    assert main(["check", str(SAMPLES / "county_ok.dxf"), "--level", "contry"]) == 2
    assert "did you mean 'county'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", ["rules", "rule", "zones", "graph", "init-mapping", "render", "check", "serve"]
)
def test_every_command_has_lang(command: str, capsys) -> None:
    assert main([command, "--help"]) == 0
    assert "--lang" in capsys.readouterr().out
