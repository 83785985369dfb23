"""How answers are worded: lists of names ("A, B and C", "A, B or C") and a stable choice
between wordings."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

__all__ = ["join_and", "join_or", "pick"]


def join_and(names: Sequence[str]) -> str:
    """ "Mug", "Mug and Jar", "Mug, Jar and Watch"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def join_or(names: Sequence[str]) -> str:
    """The names once each, in order, as a choice: "Mug, Jar or Watch"."""
    once = list(dict.fromkeys(names))
    return once[0] if len(once) == 1 else f"{', '.join(once[:-1])} or {once[-1]}"


def pick(seed: str, options: Sequence[str]) -> str:
    """A stable choice, so the same conversation always reads the same."""
    return options[zlib.crc32(seed.encode()) % len(options)]
