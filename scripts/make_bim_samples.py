"""Write samples/county_ok.dwg and samples/county_ok.ifc: the compliant county hall of
samples/make_samples.py as an R2000 DWG (ezdwg's writer) and as an IFC4 model (ifcopenshell.api),
for the README's first commands. ``python scripts/make_bim_samples.py`` rewrites them; the tests
build their own copies and compare nothing against these files.

The DWG carries no FC_ custom properties (ezdwg writes none): give --level and --staff on the
command line. The IFC model carries them in the storey's FC_Hall property set.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "samples"), str(ROOT / "tests")]

import make_samples as ms  # noqa: E402
from dwg_writer import save_as_dwg  # noqa: E402
from ifc_builder import save_model  # noqa: E402


def main() -> None:
    layout = ms.county_ok()
    doc = ms.new_document()
    ms.draw(doc, layout)
    print(save_as_dwg(doc, ms.HERE / "county_ok.dwg"))
    print(save_model(layout, ms.HERE / "county_ok.ifc"))


if __name__ == "__main__":
    main()
