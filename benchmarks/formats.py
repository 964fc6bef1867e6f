"""Reading the same drawing as DXF, as DWG and as an IFC model — run by hand, not in the tests:
``python benchmarks/formats.py [--halls 1 9 36] [--repeat 3] [--write]``.

The county sample hall (samples/make_samples.py) is tiled ``n`` times into one drawing, saved as
DXF (ezdxf), as R2000 DWG (ezdwg's writer, tests/dwg_writer.py) and built as an IFC4 model
(ifcopenshell.api, tests/ifc_builder.py, every hall on one storey). Each is read into a Plan by
``floorcheck.load``; the DWG column also splits out ezdwg's decoding of the entities. Medians of
``--repeat`` runs in this process after a warm-up run (imports excluded), wall-clock seconds.
``--write`` appends the table to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "samples"), str(ROOT / "tests")]

import make_samples as ms  # noqa: E402
from dwg_writer import save_as_dwg  # noqa: E402
from ifc_builder import build_model  # noqa: E402

import floorcheck  # noqa: E402


def tiled(n: int) -> ms.Layout:
    """``n`` county halls side by side in rows of up to six, 50 m apart, as one layout."""
    base = ms.county_ok()
    halls = [ms.shifted(base, 50.0 * (i % 6), 40.0 * (i // 6)) for i in range(n)]
    merged = replace(
        base,
        title=f"county_x{n}",
        outline=None,
        zones=[z for h in halls for z in [("办事大厅", h.outline), *h.zones]],
    )
    for part in ("walls", "doors", "windows", "cameras", "terminals", "seats", "signs"):
        setattr(merged, part, [x for h in halls for x in getattr(h, part)])
    merged.obstacles = [x for h in halls for x in h.obstacles]
    merged.columns = [x for h in halls for x in h.columns]
    return merged


def median(fn, repeat: int) -> float:
    fn()  # warm-up: imports, caches of the first call
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(halls: list[int], repeat: int) -> str:
    import ezdwg

    rows = [
        "| halls | DXF MB | DWG MB | IFC MB | zones | load DXF | load DWG | of which ezdwg decode | "
        "DWG / DXF | load IFC | IFC / DXF |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in halls:
            layout = tiled(n)
            doc = ms.new_document()
            ms.draw(doc, layout)
            dxf, dwg, ifc = (folder / f"x{n}.{ext}" for ext in ("dxf", "dwg", "ifc"))
            doc.saveas(dxf)
            save_as_dwg(doc, dwg)
            build_model(layout).write(str(ifc))
            zones = len(floorcheck.load(dxf).zones)
            assert len(floorcheck.load(dwg).zones) == zones

            def decode(path: Path = dwg) -> None:
                ezdwg.clear_decode_caches()
                list(ezdwg.read(str(path)).entities().query())

            t_dxf = median(lambda p=dxf: floorcheck.load(p), repeat)
            t_dwg = median(lambda p=dwg: floorcheck.load(p), repeat)
            t_dec = median(decode, repeat)
            t_ifc = median(lambda p=ifc: floorcheck.load(p), repeat)
            mb = [p.stat().st_size / 1e6 for p in (dxf, dwg, ifc)]
            rows.append(
                f"| {n} | {mb[0]:.2f} | {mb[1]:.2f} | {mb[2]:.2f} | {zones} | {t_dxf:.3f} | "
                f"{t_dwg:.3f} | {t_dec:.3f} | {t_dwg / t_dxf:.1f}× | {t_ifc:.3f} | "
                f"{t_ifc / t_dxf:.1f}× |"
            )
            print(rows[-1], flush=True)
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--halls", type=int, nargs="+", default=[1, 9, 36])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    table = run(args.halls, args.repeat)
    print(table)
    if args.write:
        import ezdwg
        import ifcopenshell

        head = (
            f"\n## Run of {date.today().isoformat()}: DWG and IFC read time against DXF "
            "(issue 14)\n\n"
            f"`python benchmarks/formats.py --halls {' '.join(map(str, args.halls))} --repeat "
            f"{args.repeat}` on {platform.machine()}, {platform.python_version()}, ezdwg "
            f"{ezdwg.__version__ if hasattr(ezdwg, '__version__') else '0.17'}, ifcopenshell "
            f"{ifcopenshell.version}. `floorcheck.load` of the same drawing (county halls "
            "tiled) saved as DXF, as R2000 DWG and built as an IFC4 model; seconds, median.\n\n"
        )
        with open(HERE / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write(head + table + "\n")


if __name__ == "__main__":
    main()
