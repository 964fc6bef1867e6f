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


def draft_mapping(path: str | Path, doc: Drawing | None = None, lang: str = "en") -> str:
    """TOML text: every layer with its entity counts and the meaning floorcheck gives it now,
    the labels it could not place, and the shipped mappings it would use; the comments in
    ``lang``. ``doc`` is the drawing already open as an ezdxf document (a DWG converted), else
    ``path`` is read."""
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
    return _text(Path(path).name, counts, labels, detected, mapping, _WORDS[lang])


# The comments of the draft, in each language (the TOML keys and values are the same in both).
_WORDS = {
    "en": {
        "head": "# Mapping drafted by 'floorcheck init-mapping' from {name}.",
        "edit": "# Uncomment and edit the lines that describe your office's CAD standard, then run",
        "shipped": "# Shipped mappings this drawing matches (used automatically): {names}",
        "none": "none",
        "no_meaning": "(none)",
        "layers": "# Layers, most entities first, with the meaning floorcheck gives each by default:",
        "layer_types": "# a layer that *is* one zone type, e.g.",
        "labels": "# room names floorcheck did not recognise as zone types (most frequent first;\n"
        "# levels, scales, axis and door tags, dimensions and notes left out). Each makes a zone\n"
        "# of type 'unknown' until it is listed here;",
        "labels_how": "# list them under their zone type id (docs/reference.md lists them); an entry may\n"
        '# be a pattern ("Office *"), and is matched as the drawing\'s text is (codes, blanks):',
        "format": "# The format of this file is described in docs/reference.md (Mapping files).",
    },
    "zh": {
        "head": "# 由 floorcheck init-mapping 根据 {name} 起草的图层映射。",
        "edit": "# 取消注释并修改符合本单位制图标准的各行，然后运行",
        "shipped": "# 本图纸符合的内置映射（自动使用）：{names}",
        "none": "无",
        "no_meaning": "（无）",
        "layers": "# 各图层（图元最多者在前）及 floorcheck 默认赋予的含义：",
        "layer_types": "# 整个图层为一种功能区类型的，例如",
        "labels": "# floorcheck 未能识别为功能区类型的房间名称（出现最多者在前；标高、比例、轴号、\n"
        "# 门窗编号、尺寸和说明文字已略去）。在此列出之前，每个名称都形成类型为「unknown」的区域；",
        "labels_how": "# 请列在其功能区类型编号下（类型编号见 docs/reference.md）；可写通配模式\n"
        '# （如 "Office *"），按图中文字的读法匹配（编号、空格）：',
        "format": "# 本文件格式见 docs/reference.md（映射文件一节）。",
    },
}
# What each meaning of a layer is, in Chinese.
_MEANINGS_ZH = {
    "zone": "功能区",
    "hall": "大厅轮廓",
    "walls": "墙体",
    "doors": "门",
    "windows": "窗",
    "columns": "柱子",
    "furniture": "家具",
    "counters": "柜台",
    "cameras": "摄像头",
    "terminals": "自助终端",
    "seats": "座椅",
    "signs": "标志",
    "staff": "员工区域",
    "ignore": "忽略",
}


def _text(
    name: str,
    counts: dict[str, Counter],
    labels: Counter,
    detected: list[str],
    mapping: Mapping,
    w: dict[str, str],
) -> str:
    zh = w is _WORDS["zh"]
    out = [
        w["head"].format(name=name),
        w["format"],
        w["edit"],
        f"#   floorcheck zones {name} --mapping THIS_FILE",
        w["shipped"].format(names=", ".join(f"{d}.toml" for d in detected) or w["none"]),
        "",
        "[layers]",
        w["layers"],
    ]
    for layer, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        meanings = [m for m in DEFAULT_LAYERS if mapping.layer_is(m, layer)]
        shown = [_MEANINGS_ZH.get(m, m) if zh else m for m in meanings] or [w["no_meaning"]]
        summary = ", ".join(f"{k} {n}" for k, n in c.most_common(4))
        out.append(f"#   {layer!r}: {' / '.join(shown)} — {summary}")
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
    out += ["", "[layer_types]", w["layer_types"], '# "RM-WAIT" = "waiting"']
    zone_like = [lay for lay in counts if match_zone_type(layer_key(lay))]
    for lay in zone_like:
        out.append(f'# "{lay}" = "{match_zone_type(layer_key(lay))}"')
    out += ["", "[labels]", w["labels"], w["labels_how"]]
    for text, n in labels.most_common(30):
        out.append(f"#   {text!r} ×{n}")
    out.append('# waiting = ["候车区"]')
    out += ["", "[conventions]", '# counter_public_side = "+Y"', '# camera_forward = "+X"', ""]
    return "\n".join(out)
