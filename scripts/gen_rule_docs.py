"""Write docs/rules/FCxxx.md and docs/rules/README.md from the rules' own docstrings and
message tables.

Run ``python scripts/gen_rule_docs.py``; ``--check`` exits 1 when the committed docs are stale
(the test suite runs it that way).
"""

from __future__ import annotations

import sys
from pathlib import Path

from floorcheck.rules import RULES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def render() -> dict[str, str]:
    pages: dict[str, str] = {}
    index = [
        "# floorcheck rules",
        "",
        "Generated from the rules' docstrings by `scripts/gen_rule_docs.py`.",
        "",
        "| code | severity | clause | rule |",
        "|---|---|---|---|",
    ]
    for code in sorted(RULES):
        rule = RULES[code]
        title, _, body = rule.describe().partition("\n")
        pages[f"{code}.md"] = (
            f"# {code} `{rule.name}` — {title}\n\nSeverity: **{rule.severity}** · Clause: {rule.clause}\n{body}\n"
        )
        index.append(f"| [{code}]({code}.md) | {rule.severity} | {rule.clause} | {title} |")
    pages["README.md"] = "\n".join(index) + "\n"
    return pages


def main(argv: list[str]) -> int:
    pages = render()
    if "--check" in argv:
        stale = [
            name
            for name, text in pages.items()
            if not (DOCS / name).exists() or (DOCS / name).read_text(encoding="utf-8") != text
        ]
        extra = [p.name for p in DOCS.glob("*.md") if p.name not in pages]
        for name in stale + extra:
            print(f"docs/rules/{name} is out of date: run python scripts/gen_rule_docs.py")
        return 1 if stale or extra else 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (DOCS / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} pages to docs/rules/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
