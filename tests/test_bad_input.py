"""Bad input never crashes floorcheck and never loses data (issue: robustness).

Every case of the bad-file corpus (tests/data/make_bad.py) runs through the CLI's ``main`` in this
process: either exit status 2 with one clear line naming the file, or a report whose drawing
findings are exactly the expected ones. Never a traceback, never a changed input file. A few
cases also run as a real ``python -m floorcheck`` process, with a time limit, to prove the entry
point itself prints no traceback.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
from make_bad import CASES

from floorcheck.cli import main

_ARGS = ["--format", "json", "--level", "county"]


def _expect(name: str, returncode: int, stdout: str, stderr: str) -> None:
    kind, expected = CASES[name][1]
    assert "Traceback" not in stderr and "Traceback" not in stdout
    if kind == "exit2":
        lines = [ln for ln in stderr.splitlines() if ln.strip()]
        assert returncode == 2, stdout[-500:]
        assert len(lines) == 1 and name in lines[0] and expected in lines[0], lines
        assert stdout == ""
    else:
        assert returncode in (0, 1), stderr
        report = json.loads(stdout)
        drawing = {f["rule"] for f in report["findings"] if f["rule"].startswith("FC0")}
        assert drawing == expected, drawing


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_outcome(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(CASES[name][0]())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    returncode = main(["check", str(path), *_ARGS])
    out = capsys.readouterr()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    _expect(name, returncode, out.out, out.err)


@pytest.mark.parametrize("name", ["empty.dxf", "truncated_50.dxf", "binary.dxf", "tarch_only.dxf"])
def test_bad_file_through_the_real_entry_point(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(CASES[name][0]())
    done = subprocess.run(
        [sys.executable, "-m", "floorcheck", "check", str(path), *_ARGS],
        capture_output=True,
        text=True,
        timeout=240,
    )
    _expect(name, done.returncode, done.stdout, done.stderr)


def test_invalid_labels_still_give_the_zone(tmp_path: Path) -> None:
    import floorcheck

    for name in ("invalid_utf8_label.dxf", "invalid_gbk_label.dxf", "unbalanced_mtext.dxf"):
        path = tmp_path / name
        path.write_bytes(CASES[name][0]())
        plan = floorcheck.load(path)
        assert [z.type for z in plan.zones] == ["waiting"], name


def test_binary_dxf_reads_like_the_text_one(tmp_path: Path) -> None:
    import floorcheck

    path = tmp_path / "binary.dxf"
    path.write_bytes(CASES["binary.dxf"][0]())
    binary = floorcheck.load(path)
    text = floorcheck.load(Path(__file__).resolve().parents[1] / "samples" / "village_ok.dxf")
    assert [(z.type, round(z.area_m2, 2)) for z in binary.zones] == [
        (z.type, round(z.area_m2, 2)) for z in text.zones
    ]


def test_library_raises_one_exception_family(tmp_path: Path) -> None:
    import floorcheck

    for name in ("empty.dxf", "dwg_renamed.dxf", "self_insert.dxf", "truncated_50.dxf"):
        path = tmp_path / name
        path.write_bytes(CASES[name][0]())
        with pytest.raises(floorcheck.InputError) as info:
            floorcheck.load(path)
        assert name in str(info.value) and "\n" not in str(info.value)


def test_outputs_replace_old_files_only_when_complete(tmp_path: Path) -> None:
    """An output that cannot be written leaves the previous one as it was."""
    from floorcheck.io import atomic_path

    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
