"""Configuration: ``floorcheck.toml`` or ``[tool.floorcheck]`` in ``pyproject.toml``.

Command line wins over file wins over the drawing's own header properties (``FC_LEVEL`` …)::

    level = "county"
    staff = 24
    ignore = ["FC304"]
    fail_on = "error"
    mapping = "our-office.toml"

    [rules.FC402]
    max_distance_m = 6.0
    severity = "warning"

    [geometry]
    wall_tolerance_m = 0.40   # zones this close are adjacent (RULES.md)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import difflib

from .errors import ConfigError, detail_zh, zh_of
from .vocab import UnknownName, level_id

__all__ = [
    "Config",
    "load_config",
    "find_config",
    "check_metadata",
    "check_geometry",
    "METADATA_KEYS",
    "GEOMETRY_SETTINGS",
    "SEVERITIES",
    "UNITS",
    "read_toml",
]

METADATA_KEYS = (
    "level",
    "population",
    "floor",
    "elevator",
    "storeys",
    "staff",
    "staff_male",
    "staff_female",
    "peak_visitors",
    "crowded",
    "existing_building",
)
_TOP_KEYS = set(METADATA_KEYS) | {
    "select",
    "ignore",
    "fail_on",
    "mapping",
    "units",
    "rules",
    "geometry",
}
# What each metadata value must be: (type, lowest value); level is a name (vocab.level_id).
_METADATA_TYPES: dict[str, tuple[type, int | None]] = {
    "population": (int, 0),
    "floor": (int, None),
    "elevator": (bool, None),
    "storeys": (int, 1),
    "staff": (int, 0),
    "staff_male": (int, 0),
    "staff_female": (int, 0),
    "peak_visitors": (int, 0),
    "crowded": (bool, None),
    "existing_building": (bool, None),
}
# The [geometry] settings and their defaults (RULES.md): adjacency is measured with them.
GEOMETRY_SETTINGS: dict[str, float] = {
    "wall_tolerance_m": 0.40,
    "min_contact_m": 0.5,
    "min_open_m": 0.5,
}
SEVERITIES = ("error", "warning", "info")
UNITS = ("mm", "cm", "m", "in", "ft", "dm")


def _unknown(kind: str, key: str, known: list[str] | set[str]) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {kind} {key!r}{hint}"


def _unknown_zh(kind: str, key: str, known: list[str] | set[str]) -> str:
    """:func:`_unknown` in Chinese (``kind`` in Chinese: 设置项 …)."""
    close = difflib.get_close_matches(key, sorted(known), n=1)
    hint = f"；是否应为 {close[0]!r}？" if close else ""
    return f"未知的{kind} {key!r}{hint}"


def _listed_zh(names: Iterable[str]) -> str:
    """Names of settings or values, quoted, as a Chinese list: 'a'、'b'."""
    return "、".join(repr(n) for n in names)


def did_you_mean_zh(given: object, choices: tuple[str, ...] | list[str]) -> str:
    """ "；是否应为 'mm'？" when a choice is close to ``given``, else ""."""
    close = difflib.get_close_matches(str(given), choices, n=1)
    return f"；是否应为 {close[0]!r}？" if close else ""


def _typed(key: str, value: Any, kind: type, minimum: int | None, where: str | None) -> Any:
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(
                f"{key} must be true or false, not {value!r}",
                where,
                message_zh=f"{key} 应为 true 或 false，而不是 {value!r}",
            )
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(
            f"{key} must be a whole number, not {value!r}",
            where,
            message_zh=f"{key} 应为整数，而不是 {value!r}",
        )
    if minimum is not None and value < minimum:
        raise ConfigError(
            f"{key} must be at least {minimum}, not {value!r}",
            where,
            message_zh=f"{key} 至少应为 {minimum}，而不是 {value!r}",
        )
    return value


def check_metadata(values: dict[str, Any], source: str | None = None) -> dict[str, Any]:
    """``values`` (metadata from a config file, the command line or a script) checked and
    normalised: the level named by any of its names (``县级``, ``County``), whole numbers where a
    count is meant, true/false where a yes/no is. None values are left as they are. Raises
    :class:`ConfigError` naming ``source``.

    >>> check_metadata({"level": "县级", "staff": 12})
    {'level': 'county', 'staff': 12}
    """
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            out[key] = None
        elif key == "level":
            try:
                out[key] = level_id(value)
            except UnknownName as exc:
                raise ConfigError(str(exc), source, message_zh=zh_of(exc)) from None
        elif key in _METADATA_TYPES:
            out[key] = _typed(key, value, *_METADATA_TYPES[key], source)
        else:
            raise ConfigError(
                _unknown("setting", key, set(METADATA_KEYS)),
                source,
                message_zh=_unknown_zh("设置项", key, set(METADATA_KEYS)),
            )
    return out


def check_geometry(values: Any, where: str | None = None) -> dict[str, float]:
    """The ``[geometry]`` settings checked: known names, positive numbers of metres."""
    if not isinstance(values, dict):
        raise ConfigError(
            "[geometry] must be a table of settings",
            where,
            message_zh="[geometry] 应为一个设置表",
        )
    out = {}
    for key, value in values.items():
        if key not in GEOMETRY_SETTINGS:
            raise ConfigError(
                _unknown("[geometry] setting", key, set(GEOMETRY_SETTINGS)),
                where,
                f"known: {', '.join(GEOMETRY_SETTINGS)}",
                message_zh=_unknown_zh("[geometry] 设置项", key, set(GEOMETRY_SETTINGS)),
                hint_zh=f"可用的设置项：{_listed_zh(GEOMETRY_SETTINGS)}",
            )
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise ConfigError(
                f"[geometry] {key} must be a positive number of metres, not {value!r}",
                where,
                message_zh=f"[geometry] {key} 应为正数（单位 m），而不是 {value!r}",
            )
        out[key] = float(value)
    return out


def _check_choice(key: str, value: Any, choices: tuple[str, ...], where: str | None) -> str:
    if value not in choices:
        close = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ConfigError(
            f"{key} must be one of {', '.join(choices)}, not {value!r}{hint}",
            where,
            message_zh=f"{key} 应为 {_listed_zh(choices)} 之一，而不是 {value!r}"
            + did_you_mean_zh(value, choices),
        )
    return str(value)


@dataclass(frozen=True)
class Config:
    metadata: dict[str, Any] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    geometry: dict[str, Any] = field(default_factory=dict)
    mapping: Path | None = None
    units: str | None = None
    fail_on: str = "error"
    source: Path | None = None

    def updated(self, **changes: Any) -> Config:
        """A copy where every change that is not None (or empty) wins."""
        meta = dict(self.metadata)
        meta.update({k: v for k, v in changes.pop("metadata", {}).items() if v is not None})
        keep = {k: v for k, v in changes.items() if v not in (None, (), [])}
        return replace(self, metadata=meta, **keep)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(
            "no such file",
            str(path),
            "check the path",
            message_zh="文件不存在",
            hint_zh="请检查路径",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"cannot read ({exc.__class__.__name__})",
            str(path),
            "check the file",
            message_zh=f"无法读取（{detail_zh(exc.__class__.__name__)}）",
            hint_zh="请检查该文件（权限、UTF-8 编码）",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"not valid TOML ({exc})",
            str(path),
            "fix the syntax",
            message_zh=f"不是有效的 TOML 文件（{detail_zh(str(exc))}）",
            hint_zh="请修正语法",
        ) from None


def find_config(start: Path) -> Path | None:
    """The nearest floorcheck.toml, or pyproject.toml with [tool.floorcheck], from ``start`` up."""
    start = start if start.is_dir() else start.parent
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "floorcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "floorcheck" in read_toml(pyproject).get("tool", {}):
                    return pyproject
            except ConfigError:
                return None
    return None


def load_config(path: Path | None) -> Config:
    """Read a config file (``None`` → defaults). Unknown keys are errors, not silently ignored."""
    if path is None:
        return Config()
    data = read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("floorcheck", {})
    where = str(path)
    for key in sorted(set(data) - _TOP_KEYS):
        raise ConfigError(
            _unknown("setting", key, _TOP_KEYS),
            where,
            f"known: {', '.join(sorted(_TOP_KEYS))}",
            message_zh=_unknown_zh("设置项", key, _TOP_KEYS),
            hint_zh=f"可用的设置项：{_listed_zh(sorted(_TOP_KEYS))}",
        )
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(
            "[rules.FCxxx] tables expected",
            where,
            message_zh="rules 下应为按规则编号命名的表（如 [rules.FC101]）",
        )
    mapping = data.get("mapping")
    if mapping is not None and not isinstance(mapping, str):
        raise ConfigError(
            f"mapping must be the path of a mapping file, not {mapping!r}",
            where,
            message_zh=f"mapping 应为映射文件的路径，而不是 {mapping!r}",
        )
    units = data.get("units")
    return Config(
        metadata=check_metadata({k: data[k] for k in METADATA_KEYS if k in data}, where),
        select=tuple(_as_list("select", data.get("select", ()), where)),
        ignore=tuple(_as_list("ignore", data.get("ignore", ()), where)),
        rule_options={k.upper(): dict(v) for k, v in rules.items()},
        geometry=check_geometry(data.get("geometry", {}), where),
        mapping=(path.parent / mapping) if mapping else None,
        units=None if units is None else _check_choice("units", units, UNITS, where),
        fail_on=_check_choice("fail_on", data.get("fail_on", "error"), SEVERITIES, where),
        source=path,
    )


def _as_list(key: str, value: Any, where: str | None = None) -> list[str]:
    """Rule codes or patterns: a list of strings, or one string of them separated by commas."""
    if isinstance(value, str):
        return [v for v in value.replace(" ", "").split(",") if v]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ConfigError(
        f"{key} must be a list of rule codes (or one string of them), not {value!r}",
        where,
        message_zh=f"{key} 应为规则编号的列表（或以逗号分隔的字符串），而不是 {value!r}",
    )
