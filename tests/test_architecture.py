"""The structure the code promises (docs/ARCHITECTURE.md): imports run one way, no cycles, and the
library changes nothing global in the program that imports it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_no_import_cycle_in_the_package() -> None:
    graph = grimp.build_graph("floorcheck", exclude_type_checking_imports=True)
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            imports.add_edge(module, imported)
    cycles = sorted(nx.simple_cycles(imports), key=len)
    assert not cycles, cycles[:5]


def test_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    """pyproject.toml's [tool.importlinter] contracts: cli -> api -> report -> render -> engine
    -> rules -> readers -> geometry -> model; rules, engine and geometry know no drawing format."""
    from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert status == EXIT_STATUS_SUCCESS, capsys.readouterr().out[-3000:]


def test_the_library_leaves_global_state_alone(tmp_path: Path) -> None:
    """Reading, checking and rendering leave the garbage collector, matplotlib's backend and its
    rcParams as the host program set them."""
    script = f"""
import gc, matplotlib
matplotlib.use("pdf")
before = dict(matplotlib.rcParams)
import floorcheck
report = floorcheck.check(floorcheck.load({str(ROOT / "samples" / "county_ok.dxf")!r}))
floorcheck.render_png(report, {str(tmp_path / "p.png")!r}, dpi=40)
floorcheck.write_pdf(report, {str(tmp_path / "p.pdf")!r})
assert gc.isenabled()
assert matplotlib.get_backend().lower() == "pdf", matplotlib.get_backend()
changed = {{k for k, v in matplotlib.rcParams.items() if before.get(k) != v}}
assert not changed, changed
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
