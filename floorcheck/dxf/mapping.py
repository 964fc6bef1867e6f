"""How an office's CAD standard maps to floorcheck's meanings: layers, blocks, label synonyms.

A mapping file (TOML) replaces or extends the defaults of DXF.md::

    [layers]
    zone = ["*-SPACE-*"]          # added to the defaults
    walls = ["S-WALL*"]
    windows = ["A-GLAZ*"]        # windows and openings: their lines close rooms
    replace = false              # true: the lists above replace the defaults

    [layer_types]                # a layer that *is* a zone type
    "A-AREA-WAIT" = "waiting"

    [labels]                     # extra names per zone type
    waiting = ["候车区"]

    [blocks]
    counter = ["GT-*"]
    camera = ["SXJ*"]
    door = ["DR_*"]

    [conventions]
    counter_public_side = "+Y"   # or "-Y"
    camera_forward = "+X"        # or "+Y"
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import read_toml
from ..errors import ConfigError, zh_of
from ..vocab import UnknownName, zone_type_id

__all__ = [
    "Mapping",
    "load_mapping",
    "DEFAULT_LAYERS",
    "DEFAULT_BLOCKS",
    "layer_key",
    "shipped_mappings",
    "detect_mappings",
    "unmatched_entries",
]

DEFAULT_LAYERS: dict[str, tuple[str, ...]] = {
    "hall": ("*HALL*", "*大厅*", "A-AREA-GROS*", "FC-HALL*"),
    "zone": (
        "*AREA*",
        "*ZONE*",
        "*ROOM*",
        "*SPACE*",
        "*分区*",
        "*房间*",
        "*功能区*",
        "*面积*",
        "FC-ZONE*",
    ),
    "walls": ("*WALL*", "*墙*", "A-WALL*", "WALL*"),
    "columns": ("*COLU*", "*柱*"),
    "doors": ("*DOOR*", "*门*", "A-DOOR*", "*OPEN*", "*洞口*"),
    # windows in the walls (TArch puts doors and windows on WINDOW): their lines close rooms
    "windows": ("WINDOW", "WINDOWS", "*-WINDOW", "*_WINDOW", "*GLAZ*", "A-WIND*", "*-窗", "*门窗*"),
    "furniture": (
        "*FURN*",
        "*家具*",
        "*EQPM*",
        "*设备*",
        "*柜台*",
        "*COUNTER*",
        "*FIXT*",
        "*洁具*",
    ),
    "counters": ("*COUNTER*", "*WINDOW-SVC*", "*窗口*", "FC-COUNTER*"),
    "cameras": ("*CAM*", "*CCTV*", "*监控*", "*摄像*", "FC-CAMERA*"),
    "staff": ("*STAFF*", "*员工*", "*内部*"),
    # floorcheck's own marks in an annotated copy (FLOORCHECK-SUGGEST is not among them: the
    # cameras it proposes are read back as cameras)
    "ignore": (
        "DEFPOINTS",
        "*DIM*",
        "*标注*",
        "*AXIS*",
        "*轴*",
        "FLOORCHECK-ERROR",
        "FLOORCHECK-WARNING",
        "FLOORCHECK-INFO",
    ),
}

DEFAULT_BLOCKS: dict[str, tuple[str, ...]] = {
    "counter": ("*窗口*", "*COUNTER*", "*柜台*", "*WINDOW-SVC*"),
    "camera": ("*CAMERA*", "*CAM-*", "*摄像*", "*监控*", "*球机*", "*枪机*", "*半球*", "*CCTV*"),
    "door": ("*DOOR*", "*门*", "M[0-9]*", "FM*[0-9]*", "TLM*", "ZM*", "$DORLIB*", "*PUERTA*"),
    "terminal": ("*自助终端*", "*自助机*", "*KIOSK*", "*一体机*", "*TERMINAL*"),
    "sign": ("*指示牌*", "*楼层指示*", "*紧急出口*", "*安全出口*", "*EXIT*", "*SIGN*", "*标识*"),
    "seat": ("*座椅*", "*SEAT*", "*CHAIR*", "*候椅*", "*排椅*", "*椅*"),
}


def layer_key(layer: str) -> str:
    """The part of a layer name that carries meaning: bound xrefs prefix ``name$0$``."""
    return layer.rsplit("$", 1)[-1] if "$0$" in layer else layer


def _match(name: str, patterns: tuple[str, ...]) -> bool:
    name = name.upper()
    return any(fnmatch.fnmatchcase(name, p.upper()) for p in patterns)


@dataclass(frozen=True)
class Mapping:
    layers: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_LAYERS))
    blocks: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_BLOCKS))
    layer_types: dict[str, str] = field(default_factory=dict)
    labels: dict[str, list[str]] = field(default_factory=dict)
    counter_public_side: str = "+Y"
    camera_forward: str = "+X"
    source: Path | None = None
    name: str = "default"
    # The entries of the user's own mapping file, as (section, pattern): what `floorcheck zones`
    # reports when one matches nothing in the drawing.
    own: tuple[tuple[str, str], ...] = ()

    # Drawings have few layers and blocks but many entities: answers are cached per name.
    _cache: dict[tuple[str, str, str], bool] = field(
        default_factory=dict, compare=False, repr=False
    )

    def layer_is(self, meaning: str, layer: str) -> bool:
        hit = self._cache.get(("L", meaning, layer))
        if hit is None:
            key = layer_key(layer)
            patterns = self.layers.get(meaning, ())
            hit = _match(key, patterns) or (key != layer and _match(layer, patterns))
            self._cache[("L", meaning, layer)] = hit
        return hit

    def block_is(self, meaning: str, block_name: str) -> bool:
        hit = self._cache.get(("B", meaning, block_name))
        if hit is None:
            hit = _match(block_name, self.blocks.get(meaning, ()))
            self._cache[("B", meaning, block_name)] = hit
        return hit

    def layer_type(self, layer: str) -> str | None:
        key = layer_key(layer).upper()
        for pattern, type_id in self.layer_types.items():
            if fnmatch.fnmatchcase(key, pattern.upper()):
                return type_id
        return None


def load_mapping(path: str | Path | None, base: Mapping | None = None) -> Mapping:
    """The default mapping (or ``base``), extended (or replaced) by a mapping TOML file."""
    if path is None:
        return base or Mapping()
    path = Path(path)
    data = read_toml(path)
    base = base or Mapping()
    unknown = set(data) - {"layers", "layer_types", "labels", "blocks", "conventions", "detect"}
    if unknown:
        raise ConfigError(
            f"unknown mapping section(s) {', '.join(sorted(unknown))}",
            str(path),
            message_zh=f"映射文件中有未知的节：{'、'.join(repr(u) for u in sorted(unknown))}",
        )
    layers = dict(base.layers)
    section: dict[str, Any] = dict(data.get("layers", {}))
    replace_defaults = bool(section.pop("replace", False))
    for meaning, patterns in section.items():
        if meaning not in DEFAULT_LAYERS:
            raise ConfigError(
                f"unknown layer meaning {meaning!r}",
                str(path),
                f"one of {', '.join(DEFAULT_LAYERS)}",
                message_zh=f"未知的图层用途 {meaning!r}",
                hint_zh=f"应为以下之一：{'、'.join(repr(m) for m in DEFAULT_LAYERS)}",
            )
        extra = tuple(_strings(patterns, path, f"layers.{meaning}"))
        layers[meaning] = extra if replace_defaults else extra + layers[meaning]
    blocks = dict(base.blocks)
    for meaning, patterns in data.get("blocks", {}).items():
        if meaning not in DEFAULT_BLOCKS:
            raise ConfigError(
                f"unknown block meaning {meaning!r}",
                str(path),
                f"one of {', '.join(DEFAULT_BLOCKS)}",
                message_zh=f"未知的块用途 {meaning!r}",
                hint_zh=f"应为以下之一：{'、'.join(repr(m) for m in DEFAULT_BLOCKS)}",
            )
        blocks[meaning] = tuple(_strings(patterns, path, f"blocks.{meaning}")) + blocks[meaning]
    layer_types = {
        **base.layer_types,
        **{str(k): str(v) for k, v in data.get("layer_types", {}).items()},
    }
    labels = {
        **base.labels,
        **{str(k): _strings(v, path, f"labels.{k}") for k, v in data.get("labels", {}).items()},
    }
    # zone types by id, 中文 name or synonym; a typo is refused with the name it resembles
    try:
        layer_types = {k: zone_type_id(v) for k, v in layer_types.items()}
        labels = {zone_type_id(k): v for k, v in labels.items()}
    except UnknownName as exc:
        raise ConfigError(str(exc), str(path), message_zh=zh_of(exc)) from None
    conv = data.get("conventions", {})
    own = [
        *((f"layers.{m}", p) for m, ps in section.items() for p in _strings(ps, path, "layers")),
        *(
            (f"blocks.{m}", p)
            for m, ps in data.get("blocks", {}).items()
            for p in _strings(ps, path, "blocks")
        ),
        *(("layer_types", str(k)) for k in data.get("layer_types", {})),
        *(
            (f"labels.{k}", p)
            for k, v in data.get("labels", {}).items()
            for p in _strings(v, path, "labels")
        ),
    ]
    return Mapping(
        layers=layers,
        blocks=blocks,
        layer_types=layer_types,
        labels=labels,
        counter_public_side=str(conv.get("counter_public_side", base.counter_public_side)).upper(),
        camera_forward=str(conv.get("camera_forward", base.camera_forward)).upper(),
        source=path,
        name=path.stem if base.name == "default" else f"{base.name}+{path.stem}",
        own=tuple(own),
    )


def unmatched_entries(
    mapping: Mapping, layers: list[str], blocks: list[str], texts: list[str]
) -> list[str]:
    """The entries of the user's mapping file that match nothing in the drawing: a layer
    pattern no layer has, a block pattern no block is named, a label no text folds to.

    >>> mp = Mapping(labels={"waiting": ["候车区", "Office *"]},
    ...              own=(("labels.waiting", "候车区"), ("labels.waiting", "Office *"),
    ...                   ("layers.walls", "S-WALL*")))
    >>> unmatched_entries(mp, ["0", "A-WALL"], [], ["Office C"])
    ['[labels] waiting = "候车区"', '[layers] walls = "S-WALL*"']
    """
    from ..vocab import match_mapped

    keys = [layer_key(n) for n in layers]
    out = []
    for where, pattern in mapping.own:
        section, _, meaning = where.partition(".")
        if section in ("layers", "layer_types"):
            hit = any(
                _match(k, (pattern,)) or _match(n, (pattern,))
                for k, n in zip(keys, layers, strict=True)
            )
        elif section == "blocks":
            hit = any(_match(b, (pattern,)) for b in blocks)
        else:
            hit = any(match_mapped(t, {meaning: [pattern]}) for t in texts)
        if not hit:
            name = f"{section}] {meaning} = " if meaning else f"{section}] "
            out.append(f'[{name}"{pattern}"' + (" = …" if section == "layer_types" else ""))
    return out


SHIPPED = Path(__file__).resolve().parents[1] / "mappings"


def shipped_mappings() -> dict[str, Path]:
    """The mapping files floorcheck ships: TArch defaults, GB/T 50001-2017, AIA/NCS."""
    return {p.stem: p for p in sorted(SHIPPED.glob("*.toml"))}


def detect_mappings(layer_names: list[str]) -> list[str]:
    """The shipped mappings whose signature layers the drawing has (``[detect]``: at least
    ``min`` of ``layers``, matched on the part after a bound xref's ``$0$``).

    >>> detect_mappings(["0", "WALL", "WINDOW", "PUB_TEXT", "DIM_ELEV"])
    ['tarch']
    >>> detect_mappings(["A-WALL", "A-DOOR", "A-AREA"])
    ['aia']
    """
    keys = {layer_key(n).upper() for n in layer_names}
    found = []
    for name, path in shipped_mappings().items():
        detect = read_toml(path).get("detect", {})
        wanted = {str(x).upper() for x in detect.get("layers", [])}
        if wanted and len(wanted & keys) >= int(detect.get("min", len(wanted))):
            found.append(name)
    return found


def _strings(value: Any, path: Path, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(
        f"{where} must be a string or a list of strings",
        str(path),
        message_zh=f"{where!r} 应为字符串或字符串列表",
    )
