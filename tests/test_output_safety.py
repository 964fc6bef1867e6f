"""Outputs never destroy anything (issues: never destroy a file; findings a reviewer can trust).

Each case was a defect: an output named like the input replaced the drawing; an output over a
device, a FIFO or a symbolic link replaced the node itself with a private regular file; outputs
ignored the umask; a missing folder was created silently; a failed write ended in a traceback;
temporary files ended in .dxf (a later folder scan took them for drawings); same-named plans of
different folders wrote over each other's images.

Special files are tested with a FIFO in a temporary folder, never with a real device: a
regression must not be able to replace this machine's /dev/null.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from conftest import SAMPLES

from floorcheck.cli import main


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    p = tmp_path / "p.dxf"
    p.write_bytes((SAMPLES / "county_bad_layout.dxf").read_bytes())
    return p


@pytest.mark.parametrize("option", ["--annotated-dxf", "-o", "--pdf", "--png"])
@pytest.mark.parametrize("spelling", ["same", "dot", "absolute", "symlink"])
def test_an_output_onto_the_input_is_refused(
    plan: Path, option: str, spelling: str, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(plan.parent)
    target = {"same": "p.dxf", "dot": "./p.dxf", "absolute": str(plan), "symlink": "link.dxf"}[
        spelling
    ]
    if spelling == "symlink":
        os.symlink(plan, plan.parent / "link.dxf")
    before = _sha(plan)
    assert main(["check", "p.dxf", option, target, "--format", "json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "never writes over its input" in err[0]
    assert _sha(plan) == before and not os.path.islink(plan)


def test_a_fifo_is_written_in_place(plan: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["check", str(plan), "--format", "json", "-o", str(fifo)]) == 1
    reader.join(timeout=60)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not a regular file
    assert json.loads(got[0])["file"] == str(plan)


def test_a_symlinked_output_stays_a_link(plan: Path, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "real.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    os.symlink(real, link)
    assert main(["check", str(plan), "--format", "json", "-o", str(link)]) == 1
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["file"] == str(plan)
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.json"]  # no temporary left


def test_dash_writes_to_stdout(plan: Path, capsys) -> None:
    assert main(["check", str(plan), "--format", "json", "-o", "-"]) == 1
    assert json.loads(capsys.readouterr().out)["file"] == str(plan)


def test_outputs_respect_the_umask(plan: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out, png = tmp_path / "r.json", tmp_path / "p.png"
        assert (
            main(["check", str(plan), "--format", "json", "-o", str(out), "--png", str(png)]) == 1
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert stat.S_IMODE(png.stat().st_mode) == 0o644


def test_a_missing_output_folder_is_an_error_unless_mkdir(
    plan: Path, tmp_path: Path, capsys
) -> None:
    png = tmp_path / "no" / "such" / "x.png"
    assert main(["check", str(plan), "--png", str(png)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "does not exist" in err[0] and "--mkdir" in err[0]
    assert not (tmp_path / "no").exists()
    assert main(["check", str(plan), "--png", str(png), "--mkdir"]) == 1
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_failed_write_is_one_line_and_exit_2(plan: Path, tmp_path: Path, capsys) -> None:
    """A folder that is a file, and an image named .txt: no traceback, exit 2, a PNG anyway."""
    (tmp_path / "afile").write_text("x")
    assert main(["check", str(plan), "--png", str(tmp_path / "afile" / "x.png")]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and len(captured.err.strip().splitlines()) == 1
    assert main(["check", str(plan), "--png", str(tmp_path / "out.txt")]) == 1
    assert (tmp_path / "out.txt").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_check_says_what_it_wrote(plan: Path, tmp_path: Path, capsys) -> None:
    png, out = tmp_path / "p.png", tmp_path / "r.json"
    main(["check", str(plan), "--format", "json", "-o", str(out), "--png", str(png)])
    err = capsys.readouterr().err
    assert f"wrote {png}" in err and f"wrote {out}" in err
    main(["check", str(plan), "--format", "json", "--png", str(png), "-q"])
    assert "wrote" not in capsys.readouterr().err


def test_temporary_files_are_never_named_like_drawings(tmp_path: Path) -> None:
    from floorcheck.io import atomic_path

    seen: list[str] = []
    with atomic_path(tmp_path / "copy.dxf") as tmp:
        seen.append(tmp.name)
        tmp.write_text("x")
    assert seen[0].startswith(".copy.dxf.") and seen[0].endswith(".tmp")


def test_same_named_plans_in_different_folders_keep_their_own_outputs(
    tmp_path: Path, capsys
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.dxf").write_bytes((SAMPLES / "village_ok.dxf").read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    assert (
        main(["check", str(tmp_path / "a"), str(tmp_path / "b"), "--png", str(out / "p.png"), "-q"])
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["p-a_plan.png", "p-b_plan.png"]
