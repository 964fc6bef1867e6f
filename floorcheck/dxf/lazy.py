"""ezdxf, imported only when a drawing needs it (a spline, an ellipse, a hatch with curved edges,
a custom object's proxy graphics, a binary or damaged file): plain drawings are read without
it, a quarter second and 20 MiB less per process.

It is imported aside (:func:`floorcheck._gc.import_aside`): its first import leaves garbage cycles
holding frames, which must not hold the reader's own frames and, through them, the drawing.
"""

from __future__ import annotations

from .._gc import import_aside

__all__ = ["load_ezdxf"]

# every ezdxf module the reader imports where it uses it
_MODULES = (
    "ezdxf",
    "ezdxf.document",
    "ezdxf.entities.boundary_paths",
    "ezdxf.entities.factory",
    "ezdxf.filemanagement",
    "ezdxf.lldxf.extendedtags",
    "ezdxf.lldxf.tagger",
    "ezdxf.lldxf.tagwriter",
    "ezdxf.lldxf.types",
    "ezdxf.math",
    "ezdxf.path",
    "ezdxf.path.converter",
    "ezdxf.proxygraphic",
    "ezdxf.recover",
)


def load_ezdxf() -> None:
    """Make sure the ezdxf modules the reader uses are imported (a no-op after the first call)."""
    import_aside(*_MODULES)
