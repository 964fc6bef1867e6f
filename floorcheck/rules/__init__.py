"""The rule registry: importing this package registers every rule family."""

from __future__ import annotations

from . import access, area, cameras, drawing, placement, signage, staff, windows, zones  # noqa: F401
from .base import RULES, Context, Option, Rule, Skip, register

__all__ = ["RULES", "Rule", "Option", "Skip", "Context", "register"]
