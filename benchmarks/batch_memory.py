"""Peak memory of ``floorcheck check DIR`` over many plans, serial and with ``--jobs 2``.

``python benchmarks/batch_memory.py [--plans N] [--side S]`` writes N walled-room grids of S × S
rooms into a temporary folder, then runs the CLI on the folder and on one plan alone, sampling
the resident memory of the CLI and of every process under it every 20 ms. A batch that drops each
plan's geometry once its outputs are written peaks near the one plan alone (per process), however
many plans it holds.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            kids = [int(k) for k in fh.read().split()]
    except (FileNotFoundError, ProcessLookupError):
        return []
    out = list(kids)
    for k in kids:
        out += _children(k)
    return out


def peak(cmd: list[str]) -> tuple[float, float, float]:
    """Run ``cmd``; (seconds, peak MiB of the largest single process, peak MiB of all together)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    top = total = 0
    while proc.poll() is None:
        sizes = [_rss_kib(p) for p in [proc.pid, *_children(proc.pid)]]
        top, total = max(top, max(sizes)), max(total, sum(sizes))
        time.sleep(0.02)
    return time.perf_counter() - t, top / 1024, total / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, default=12)
    ap.add_argument("--side", type=int, default=30, help="rooms per side of each plan")
    args = ap.parse_args()
    from synthetic import walled_rooms_dxf

    # python -m floorcheck: the floorcheck on PYTHONPATH (an older checkout, say) is measured
    cli = [sys.executable, "-m", "floorcheck"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        for k in range(args.plans):
            walled_rooms_dxf(folder / f"plan_{k:02d}.dxf", args.side, seed=k)
        one = sorted(folder.glob("*.dxf"))[0]
        mb = sum(p.stat().st_size for p in folder.glob("*.dxf")) / 1e6
        print(f"{args.plans} walled-room grids of {args.side}x{args.side} rooms, {mb:.1f} MB")
        print("| run | s | peak MiB, largest process | peak MiB, all processes |")
        print("|---|---|---|---|")
        for label, cmd in (
            ("one plan", [cli, "check", str(one), "--format", "json", "-o", f"{tmp}/one.json"]),
            ("all, serial", [cli, "check", str(folder), "--format", "json", "-o", f"{tmp}/s.json"]),
            (
                "all, --jobs 2",
                [
                    cli,
                    "check",
                    str(folder),
                    "--jobs",
                    "2",
                    "--format",
                    "json",
                    "-o",
                    f"{tmp}/j.json",
                ],
            ),
        ):
            secs, top, total = peak(cmd)
            print(f"| {label} | {secs:.1f} | {top:.0f} | {total:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
