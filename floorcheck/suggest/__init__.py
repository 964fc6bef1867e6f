"""Suggestions that fix what a check found: camera placement (:mod:`.cameras`)."""

from __future__ import annotations

from .cameras import (
    CAMERA_RULES,
    CameraSuggestions,
    ProposedCamera,
    SuggestOptions,
    suggest_cameras,
)

__all__ = [
    "CAMERA_RULES",
    "CameraSuggestions",
    "ProposedCamera",
    "SuggestOptions",
    "suggest_cameras",
]
