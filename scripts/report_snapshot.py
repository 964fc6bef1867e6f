"""Write the JSON report of every sample and corpus drawing, or compare two such snapshots.

A refactor must not change what floorcheck reports. Take a snapshot before, one after, compare::

    python scripts/report_snapshot.py write /tmp/before      # on the old commit
    python scripts/report_snapshot.py write /tmp/after       # on the new one
    python scripts/report_snapshot.py compare /tmp/before /tmp/after

Each drawing is checked at every level family its name suggests (county/street/village samples)
and with no level; the real corpus is read from ``$FLOORCHECK_CORPUS`` or ``../shared/corpus/real``
when present. ``compare`` prints the first differing line of each changed report and exits 1 when
any report differs.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _drawings() -> list[Path]:
    found = sorted((ROOT / "samples").glob("*.dxf"))
    corpus = Path(os.environ.get("FLOORCHECK_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))
    if corpus.is_dir():
        found += sorted(corpus.glob("*.dxf"))
    return found


def _level(path: Path) -> str | None:
    for level in ("county", "street", "village"):
        if path.name.startswith(level):
            return level
    return None


def _canonical(report_json: str, path: Path) -> str:
    data = json.loads(report_json)
    data["file"] = path.name
    data.pop("floorcheck_version", None)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def write(out: Path) -> int:
    import floorcheck

    out.mkdir(parents=True, exist_ok=True)
    for path in _drawings():
        try:
            plan = floorcheck.load(path)
        except floorcheck.InputError as exc:
            (out / f"{path.stem}.error.txt").write_text(str(exc) + "\n", encoding="utf-8")
            continue
        for level in {None, _level(path)}:
            report = floorcheck.check(plan, level=level)
            name = f"{path.stem}.{level or 'nolevel'}.json"
            (out / name).write_text(_canonical(report.to_json(), path), encoding="utf-8")
        print(path.name, file=sys.stderr)
    return 0


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    changed = 0
    for name in names:
        pa, pb = a / name, b / name
        if not pa.exists() or not pb.exists():
            print(f"{name}: only in {a if pa.exists() else b}")
            changed += 1
            continue
        ta, tb = pa.read_text(encoding="utf-8"), pb.read_text(encoding="utf-8")
        if ta != tb:
            changed += 1
            diff = list(difflib.unified_diff(ta.splitlines(), tb.splitlines(), lineterm="", n=1))
            print(f"{name}: differs")
            print("\n".join("    " + line for line in diff[2:14]))
    print(f"{len(names)} reports, {changed} differ")
    return 1 if changed else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "write":
        return write(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
