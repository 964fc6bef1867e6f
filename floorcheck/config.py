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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import ConfigError

__all__ = ["Config", "load_config", "find_config", "METADATA_KEYS", "read_toml"]

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
        raise ConfigError("no such file", str(path), "check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"cannot read ({exc.__class__.__name__})", str(path), "check the file"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", str(path), "fix the syntax") from None


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
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {', '.join(sorted(unknown))}",
            str(path),
            f"known: {', '.join(sorted(_TOP_KEYS))}",
        )
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError("[rules.FCxxx] tables expected", str(path))
    mapping = data.get("mapping")
    return Config(
        metadata={k: data[k] for k in METADATA_KEYS if k in data},
        select=tuple(_as_list(data.get("select", ()))),
        ignore=tuple(_as_list(data.get("ignore", ()))),
        rule_options={k.upper(): dict(v) for k, v in rules.items()},
        geometry=dict(data.get("geometry", {})),
        mapping=(path.parent / mapping) if mapping else None,
        units=data.get("units"),
        fail_on=data.get("fail_on", "error"),
        source=path,
    )


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v for v in value.replace(" ", "").split(",") if v]
    return [str(v) for v in value]
