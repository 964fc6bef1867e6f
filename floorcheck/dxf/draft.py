"""``floorcheck init-mapping``: a starting mapping file written from what a drawing holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..vocab import match_zone_type
from .mapping import DEFAULT_LAYERS, Mapping, detect_mappings, layer_key
from .names import text_kind
from .open import open_dxf
from .text import clean_text

if TYPE_CHECKING:
    from ezdxf.document import Drawing

__all__ = ["draft_mapping"]


def draft_mapping(path: str | Path, doc: Drawing | None = None) -> str:
    """TOML text: every layer with its entity counts and the meaning floorcheck gives it now,
    the labels it could not place, and the shipped mappings it would use. ``doc`` is the
    drawing already open as an ezdxf document (a DWG converted), else ``path`` is read."""
    from ezdxf.entities.mtext import MText

    if doc is None:
        doc, _ = open_dxf(path)
    mapping = Mapping()
    counts: dict[str, Counter[str]] = {}
    labels: Counter[str] = Counter()
    for e in doc.modelspace():
        try:
            layer = e.dxf.get("layer", "0")
            kind = e.dxftype()
        except Exception:  # noqa: BLE001
            continue
        counts.setdefault(layer, Counter())[kind] += 1
        if kind in ("TEXT", "MTEXT"):
            raw = e.text if isinstance(e, MText) else e.dxf.get("text", "")
            text = clean_text(raw, mtext=kind == "MTEXT")
            # room names only: no levels (±0.000), scales (1:100), axis bubbles, dimensions,
            # door tags, notes or titles
            if text and not match_zone_type(text) and text_kind(text) == "name":
                labels[text] += 1
    detected = detect_mappings(list(counts))
    out = [
        f"# Mapping drafted by 'floorcheck init-mapping' from {Path(path).name}.",
        "# Uncomment and edit the lines that describe your office's CAD standard, then run",
        f"#   floorcheck zones {Path(path).name} --mapping THIS_FILE",
        f"# Shipped mappings this drawing matches (used automatically): {', '.join(detected) or 'none'}",
        "",
        "[layers]",
        "# Layers, most entities first, with the meaning floorcheck gives each by default:",
    ]
    for layer, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        meanings = [m for m in DEFAULT_LAYERS if mapping.layer_is(m, layer)] or ["(none)"]
        summary = ", ".join(f"{k} {n}" for k, n in c.most_common(4))
        out.append(f"#   {layer!r}: {' / '.join(meanings)} — {summary}")
    for meaning in (
        "zone",
        "walls",
        "doors",
        "columns",
        "furniture",
        "counters",
        "cameras",
        "ignore",
    ):
        out.append(f"# {meaning} = []")
    out += [
        "",
        "[layer_types]",
        "# a layer that *is* one zone type, e.g.",
        '# "RM-WAIT" = "waiting"',
    ]
    zone_like = [lay for lay in counts if match_zone_type(layer_key(lay))]
    for lay in zone_like:
        out.append(f'# "{lay}" = "{match_zone_type(layer_key(lay))}"')
    out += [
        "",
        "[labels]",
        "# room names floorcheck did not recognise as zone types (most frequent first; levels,",
        "# scales, axis and door tags, dimensions and notes left out). Each makes a zone of type",
        "# 'unknown' until listed here under its zone type id (see INTERFACE.md); an entry may",
        '# be a pattern ("Office *"), and is matched as the drawing\'s text is (codes, blanks):',
    ]
    for text, n in labels.most_common(30):
        out.append(f"#   {text!r} ×{n}")
    out.append('# waiting = ["候车区"]')
    out += ["", "[conventions]", '# counter_public_side = "+Y"', '# camera_forward = "+X"', ""]
    return "\n".join(out)
