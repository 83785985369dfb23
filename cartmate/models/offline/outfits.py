"""Outfit requests the planner recognises on top of the language understanding.

- A bundle: "put together an outfit under $150", "build me a look for work under 100 euros",
  "an outfit for a party, budget 200": an outfit/look/bundle word with a making verb or a
  budget. The budget comes from the understood price limit; the occasion from a short list.
- A coherence check: "does my cart go together?", "is my cart coherent?", "does this outfit
  work?", "what's missing from my outfit?".
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["OCCASIONS", "occasion_in", "outfit_request"]

_OUTFIT = r"(?:outfit|look|ensemble|bundle|capsule)"
_BUNDLE = re.compile(
    rf"\b(?:put together|pull together|build|make|create|assemble|plan|style|suggest|"
    rf"recommend|need|want)\b.*\b{_OUTFIT}s?\b|\b{_OUTFIT}s?\b.*\b(?:under|below|"
    rf"budget|for less than|max(?:imum)?|up to)\b",
    re.IGNORECASE,
)
_COHERENCE = re.compile(
    r"\b(?:go(?:es)? (?:well )?together|coherent|coherence|clash(?:es)?|"
    r"match(?:es)? each other|missing from my (?:outfit|cart|look)|"
    r"does (?:my|this) (?:cart|outfit|look) (?:work|match)|"
    r"is my (?:cart|outfit) (?:ok|okay|good))\b",
    re.IGNORECASE,
)
OCCASIONS = (
    "work",
    "office",
    "weekend",
    "party",
    "evening",
    "wedding",
    "date",
    "dinner",
    "beach",
    "holiday",
    "vacation",
    "travel",
    "gym",
    "casual",
    "formal",
)
_OCCASION = re.compile(r"\b(" + "|".join(OCCASIONS) + r")\b", re.IGNORECASE)


def outfit_request(text: str) -> Literal["bundle", "coherence"] | None:
    if _COHERENCE.search(text):
        return "coherence"
    if _BUNDLE.search(text):
        return "bundle"
    return None


def occasion_in(text: str) -> str | None:
    found = _OCCASION.search(text)
    return found.group(1).lower() if found else None
