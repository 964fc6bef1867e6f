"""How the PDF report's cost grows with the number of findings (issue: near-linear on every plan).

    python benchmarks/pdf_report.py 300 1000 3000 6000

A checked sample's findings are repeated to the counts given; for each count the whole PDF
(summary, the plan's A3 sheet, the findings table, rules passed and skipped) is written in a
fresh process and timed: median of 3 CPU times, seconds per 1,000 findings beside it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_ONE = """
import dataclasses, sys, time, tempfile
import floorcheck
from floorcheck.report.pdf import write_pdf
report = floorcheck.check(floorcheck.load(sys.argv[1]))
base = report.findings
n = int(sys.argv[2])
report.findings = [dataclasses.replace(base[i % len(base)]) for i in range(n)]
t = time.process_time()
write_pdf(report, tempfile.mktemp(suffix=".pdf"))
print(time.process_time() - t)
"""


def main(counts: list[int]) -> None:
    sample = ROOT / "samples" / "county_bad_layout.dxf"
    print("| findings | PDF s (CPU, median of 3) | s per 1,000 |")
    print("|---:|---:|---:|")
    for n in counts:
        runs = [
            float(
                subprocess.run(
                    [sys.executable, "-c", _ONE, str(sample), str(n)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(3)
        ]
        t = statistics.median(runs)
        print(f"| {n:,} | {t:.1f} | {1000 * t / n:.2f} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 1000, 3000, 6000])
