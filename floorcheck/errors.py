"""floorcheck's one exception family: everything the user can fix raises an InputError."""

from __future__ import annotations

__all__ = [
    "InputError",
    "UnreadableFile",
    "NotADxf",
    "BrokenDxf",
    "ConfigError",
    "BudgetExceeded",
    "UnreadableDwg",
    "UnsupportedDwg",
    "BrokenIfc",
    "UnsupportedFormat",
]


class InputError(Exception):
    """A file or an option that floorcheck cannot use. ``str()`` is one line: what, which, what to do."""

    def __init__(self, message: str, path: str | None = None, hint: str = "") -> None:
        self.path = path
        self.hint = hint
        self.reason = message
        text = f"{path}: {message}" if path else message
        if hint:
            text += f" — {hint}"
        super().__init__(text)


class UnreadableFile(InputError):
    """The file does not exist or cannot be opened."""


class NotADxf(InputError):
    """The file is not a DXF drawing (a DWG, a PDF, an image, random bytes …)."""


class BrokenDxf(InputError):
    """A DXF broken beyond what ezdxf's recover can mend, or one that would never finish."""


class BudgetExceeded(BrokenDxf):
    """The drawing exceeds a size, depth or time guard."""


class ConfigError(InputError):
    """A configuration or mapping file, or a command-line value, that cannot be used."""


class UnreadableDwg(InputError):
    """A DWG drawing that the DWG reader cannot decode (damaged, truncated)."""


class UnsupportedDwg(UnreadableDwg):
    """A DWG of a version the DWG reader does not know (R12 and older, or unknown)."""


class BrokenIfc(InputError):
    """An IFC model that cannot be parsed, or holds no storey or space to check."""


class UnsupportedFormat(InputError):
    """A file that is none of the formats floorcheck reads (DXF, DWG, IFC)."""
