"""Write docs/reference.md: the vocabulary, levels, configuration, mapping files and JSON report
of floorcheck, its tables generated from the code (vocab.py, config.py, the mapping defaults)
so that they never drift from it.

Run ``python scripts/gen_reference.py``; ``--check`` exits 1 when the committed file is stale
(the test suite runs it that way).
"""

from __future__ import annotations

import sys
from pathlib import Path

from floorcheck.config import GEOMETRY_SETTINGS, METADATA_KEYS, UNITS
from floorcheck.dxf.mapping import DEFAULT_BLOCKS, DEFAULT_LAYERS, shipped_mappings
from floorcheck.vocab import (
    AMBIGUOUS_LEVELS,
    CAMERA_KINDS,
    LEVEL_NAMES,
    LEVELS,
    WINDOW_KINDS,
    ZONE_TYPES,
)

TARGET = Path(__file__).resolve().parents[1] / "docs" / "reference.md"


def _cell(values: object) -> str:
    if isinstance(values, (list, tuple)):
        return ", ".join(str(v) for v in values) or "—"
    return str(values) if values not in (None, "") else "—"


def _levels() -> list[str]:
    rows = [
        "| id | 中文 | English | also accepted | min. usable area | min. undifferentiated windows | required zones |",
        "|---|---|---|---|---|---|---|",
    ]
    for lv in LEVELS.values():
        names = [k for k, v in LEVEL_NAMES.items() if v == lv.id]
        area = "none in the guide"
        if lv.min_area_m2 is not None:
            area = f"{lv.min_area_m2:g} m²"
            if lv.min_area_populous_m2:
                area += f" ({lv.min_area_populous_m2:g} m² above 30,000 residents)"
            if lv.area_is_guideline:
                area += " (「原则上」: a warning)"
        rows.append(
            f"| `{lv.id}` | {lv.zh} | {lv.en} | {_cell(names)} | {area} | "
            f"{lv.min_undifferentiated_windows} | {_cell([f'`{z}`' for z in lv.required_zones])} |"
        )
    rows += [
        "",
        "Names of the guide that cover two levels are refused with the question which:",
        "",
    ]
    rows += [
        f"- {name} → {' or '.join(f'`{lv}`' for lv in both)}"
        for name, both in AMBIGUOUS_LEVELS.items()
    ]
    return rows


def _zone_types() -> list[str]:
    rows = [
        "| id | 中文 | English | public | encouraged extra | synonyms |",
        "|---|---|---|---|---|---|",
    ]
    for z in ZONE_TYPES.values():
        rows.append(
            f"| `{z.id}` | {z.zh} | {z.term.en} | {'yes' if z.public else 'staff only'} | "
            f"{'yes' if z.extra else ''} | {_cell(z.synonyms)} |"
        )
    return rows


def _window_kinds() -> list[str]:
    rows = [
        "| id | 中文 | English | comprehensive (§六, §九) | synonyms |",
        "|---|---|---|---|---|",
    ]
    for w in WINDOW_KINDS.values():
        rows.append(
            f"| `{w.id}` | {w.zh} | {w.term.en} | {'yes' if w.comprehensive else ''} | "
            f"{_cell(w.synonyms)} |"
        )
    return rows


def _camera_kinds() -> list[str]:
    rows = ["| id | 中文 | English | synonyms |", "|---|---|---|---|"]
    for c in CAMERA_KINDS.values():
        rows.append(f"| `{c.id}` | {c.zh} | {c.en} | {_cell(c.synonyms)} |")
    return rows


def _mapping_defaults() -> list[str]:
    rows = ["| meaning | default layer patterns |", "|---|---|"]
    rows += [f"| `{k}` | {_cell([f'`{p}`' for p in v])} |" for k, v in DEFAULT_LAYERS.items()]
    rows += ["", "| block meaning | default block-name patterns |", "|---|---|"]
    rows += [f"| `{k}` | {_cell([f'`{p}`' for p in v])} |" for k, v in DEFAULT_BLOCKS.items()]
    rows += ["", "Shipped mappings (used automatically when a drawing's layers match them):", ""]
    rows += [
        f"- `{name}` (`floorcheck/mappings/{p.name}`)" for name, p in shipped_mappings().items()
    ]
    return rows


def render() -> str:
    parts = [
        TEMPLATE_HEAD,
        "## Hall levels",
        "",
        "`--level`, `level =` in floorcheck.toml and the drawing's `FC_LEVEL` take the id in any "
        "case, the 中文 name, or one of the other names below.",
        "",
        *_levels(),
        "",
        "## Zone types",
        "",
        "A zone's label is matched against the 中文 names, the English names and the synonyms "
        "(case, blanks, a leading code like `A-03` and a trailing area like `85.3㎡` are "
        "ignored; a Chinese name inside a longer label counts: 「一层休息等候区」 is a waiting "
        "area). In Python, `Zone(…, type=…)` and mapping files take the same names and keep the "
        "id; a name close to a known one is refused with the name it resembles.",
        "",
        *_zone_types(),
        "",
        "## Window kinds",
        "",
        "A counter block's `TYPE` attribute, or a label beside it, names the kind; a counter "
        "that names none is `undifferentiated`.",
        "",
        *_window_kinds(),
        "",
        "## Camera kinds",
        "",
        *_camera_kinds(),
        "",
        TEMPLATE_CONFIG.format(
            metadata=", ".join(f"`{k}`" for k in METADATA_KEYS),
            units=", ".join(f"`{u}`" for u in UNITS),
            geometry="\n".join(f"- `{k}` (default {v:g} m)" for k, v in GEOMETRY_SETTINGS.items()),
        ),
        TEMPLATE_MAPPING,
        *_mapping_defaults(),
        "",
        TEMPLATE_JSON,
    ]
    return "\n".join(parts)


TEMPLATE_HEAD = """# floorcheck reference

Generated by `scripts/gen_reference.py` from floorcheck's own tables; the rules are in
[docs/rules/](rules/README.md), a first walk through in [tutorial.md](tutorial.md).

- [Hall levels](#hall-levels) · [Zone types](#zone-types) · [Window kinds](#window-kinds) ·
  [Camera kinds](#camera-kinds)
- [Configuration](#configuration) · [Mapping files](#mapping-files) ·
  [The JSON report](#the-json-report) · [Exit status](#exit-status)
"""

TEMPLATE_CONFIG = """## Configuration

What a drawing cannot show comes from the command line, a `floorcheck.toml` beside the plan (or
`[tool.floorcheck]` in `pyproject.toml`, the nearest one up from the plan), or the drawing's
custom properties (`FC_LEVEL`, `FC_STAFF` …); the command line wins, then the file.

```toml
level = "county"              # or 县级, County …
staff = 24
ignore = ["FC305"]
fail_on = "error"             # error | warning | info
mapping = "our-office.toml"   # relative to this file
units = "mm"

[rules.FC402]                 # any rule: its options (docs/rules/FC402.md) and severity
max_distance_m = 6.0
severity = "warning"          # error | warning | info

[geometry]
wall_tolerance_m = 0.40
```

Plan facts ({metadata}): `level` a level name (above); `population`, `staff`, `staff_male`,
`staff_female`, `peak_visitors` whole numbers ≥ 0; `storeys` a whole number ≥ 1; `floor` a whole
number; `elevator`, `crowded`, `existing_building` true or false. `units`: one of {units}.
`select`, `ignore`: rule codes or families (`FC4`, `FC40*`), a list or one comma-separated
string. `[rules.FCxxx]`: the rule's options (numbers of their unit, never negative) and
`severity`. `[geometry]`:

{geometry}

Every value is checked before anything is read, by every command: an unknown key, a value of the
wrong kind, a rule or option that does not exist (with the name it resembles) is one line on
stderr naming the file, and exit status 2.

### Whose limit

Every finding with a limit says whose number it is (`source` in the JSON report):

- `guide`: the Changchun guide's own number or requirement; the finding quotes the clause.
- a national code's article (`GB 55019-2021 2.2.2`, `GB 50763-2012 3.9.3`, `PIPL art. 26`): the
  finding quotes it.
- `floorcheck default`: the guide says "near" or "at" and gives no number; floorcheck's default
  stands in. Such a finding is at most a **warning**, whatever the rule's severity, unless you
  set the rule's `severity` or the option's value in floorcheck.toml (then the limit is
  `configured`, yours, and the rule's severity applies).
- `configured`: set in the configuration.

"""

TEMPLATE_MAPPING = """## Mapping files

A mapping file (TOML, `--mapping FILE` or `mapping =` in floorcheck.toml) tells floorcheck the
layer and block names of your office's CAD standard. `floorcheck init-mapping PLAN -o
office.toml` drafts one from a drawing: every layer with its entity counts and the meaning
floorcheck gives it, and the room names it found that are no zone type (levels, scales, axis and
door tags, dimensions and notes left out).

```toml
[layers]                      # patterns (fnmatch, any case) added to the defaults below
zone = ["*-SPACE-*"]
walls = ["S-WALL*"]
replace = false               # true: these lists replace the defaults

[layer_types]                 # a layer that *is* one zone type (id, 中文 name or synonym)
"A-AREA-WAIT" = "waiting"

[labels]                      # more names for a zone type; patterns ("Office *") too
waiting = ["候车区"]

[blocks]                      # block-name patterns
counter = ["GT-*"]
camera = ["SXJ*"]
door = ["DR_*"]

[conventions]
counter_public_side = "+Y"    # or "-Y": which side of a counter block the public stands on
camera_forward = "+X"         # or "+Y": which way a camera block looks
```

Entries of `[labels]` are read as the drawing's texts are (case, blanks, an area written after
the name and a code prefix do not matter; an entry written with its code, `A01-02`, matches that
code only); `[layer_types]` keys are patterns too. An entry of your file that matches nothing in
the drawing is listed by `floorcheck zones`.

Meanings of `[layers]`: `hall` (the usable-area outline), `zone`, `walls`, `columns`, `doors`,
`windows` (their lines close rooms),
`furniture`, `counters`, `cameras`, `staff` (doors on it are staff-only), `ignore`. Of
`[blocks]`: `counter`, `camera`, `door`, `terminal`, `sign`, `seat`. A zone type unknown to the
vocabulary above is refused, with the name it resembles.

"""

TEMPLATE_JSON = """## The JSON report

`floorcheck check --format json` writes schema 1: one object per plan, a list when several plans
or files were checked; a file that could not be read is an object with its `file` and `error`
(the one line that says why, in English) and `error_zh` (the same in Chinese).
[report.schema.json](report.schema.json) is its JSON Schema (draft 2020-12); every report the
test suite makes is validated against it.

- `schema` (1), `floorcheck_version`, `file`, `part` (which storey or region, when a file holds
  several), `level` (an id, or null).
- `units`: `unit` and where it came from (`$INSUNITS`, `guessed`, `--units`, `given`).
- `hall`: `usable_area_m2` and `outline` (`drawn`, or `zones`: the union of the zones).
- `zones`, `windows`, `doors`, `cameras`: what was recognised, with ids, types or kinds (the
  ids above), positions in metres of the drawing's frame.
- `findings`: what falls short (and `info` measurements). Each: `rule`, `severity`, `clause`,
  `message` (English) and `message_zh`, `zones`, `location`, `measured`, `required` (the limit,
  under its schema-1 name), and, where the finding has a limit: `limit`, `unit` (`m`, `m²`, `%`,
  `count`), `source` (see [Whose limit](#whose-limit)), `basis` and `basis_zh` (the clause
  quoted, or how to set the default). `cause` names a physical cause (`opening Z12|Z7`,
  `overlap Z3|Z9`); one cause that breaks several rules is **one** finding, of its most severe
  rule (then the lowest code), with the others in `related` (findings of the same form).
  `role` says what the geometry is for drawing (`route`, `pinch`, `blind-spot`); `geometry` is
  WKT in metres.
- `summary`: `errors`, `warnings`, `infos` count findings, that is causes; `failed` lists every
  rule with an error or warning (related ones included), `passed` the rules that ran and held,
  `skipped` the rules that could not run with their `reason` (and `reason_zh`). Every rule is in
  exactly one of failed, passed, skipped, or has info findings only.

## Exit status

0: nothing at or above `--fail-on` (default `error`); 1: at least one finding at or above it;
2: a file or an option could not be used (one line on stderr per problem, in the language of
`--lang`: `floorcheck: error: plan.dxf: is empty — …` or `floorcheck：错误：plan.dxf：文件为空——…`;
in a batch, any unreadable file makes the status 2 and is an entry of every report format, in
the report's language).
"""


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/reference.md is out of date: run python scripts/gen_reference.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
