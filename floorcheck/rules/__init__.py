"""The rule registry: importing this package registers every rule family."""

from __future__ import annotations

from . import area, drawing, placement, staff, windows, zones  # noqa: F401  (registration)
from .base import RULES, Context, Option, Rule, Skip, register

__all__ = ["RULES", "Rule", "Option", "Skip", "Context", "register"]
