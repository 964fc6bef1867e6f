"""Bad input never crashes floorcheck and never loses data (issue: robustness).

Every case of the bad-file corpus (tests/data/make_bad.py) runs through the real CLI in a
subprocess: either exit status 2 with one clear line naming the file, or a report. Never a
traceback, never a hang (each run has a time limit), never a changed input file.
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


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_outcome(name: str, tmp_path: Path) -> None:
    make, (kind, expected) = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "floorcheck",
            "check",
            str(path),
            "--format",
            "json",
            "--level",
            "county",
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    if kind == "exit2":
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        assert done.returncode == 2, done.stdout[-500:]
        assert len(lines) == 1 and name in lines[0] and expected in lines[0], lines
        assert done.stdout == ""
    else:
        assert done.returncode in (0, 1), done.stderr
        report = json.loads(done.stdout)
        codes = {f["rule"] for f in report["findings"]}
        assert expected <= codes, codes


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
