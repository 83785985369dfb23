"""Other agents' events, presented to the model once per event instead of once per call.

Every model request ADK builds re-presents each event another agent wrote (the
specialists' replies and tool results, as the orchestrator reads them, and the other way
round) as fenced user-role text (`_fencing._present_other_agent_message`): new genai
`Part`s, each a pydantic validation, on every model call of every turn. For a stored event
the result never changes, and ADK's later steps copy before they change an event, so
the presentation is memoised by event id here. At saturation this was 10-11 % of a
gateway's CPU. It belongs upstream (a cache beside the session's events); this keeps ours
to one wrapped function, installed only where ADK's module looks the way it was read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.adk.events.event import Event
from google.adk.flows.llm_flows.context import _contents

__all__ = ["MAX_PRESENTED", "install"]

# Presented events kept, oldest dropped first: ~5.8 KB each (measured with tracemalloc on
# cart-manager replies, calls and results), so at most ~60 MB a process; a few turns of
# several hundred live conversations.
MAX_PRESENTED = 10_000
_MISSING = object()

Present = Callable[..., Event | None]


def _memoised(present: Present) -> Present:
    cache: dict[tuple[str, float, str, bool], Event | None] = {}

    def present_once(event: Event, *, include_thoughts: bool = False) -> Event | None:
        if not event.id or not event.content or not event.content.parts:
            return present(event, include_thoughts=include_thoughts)
        # The id names a stored event; timestamp and author guard an id reused by a
        # caller that builds events by hand.
        key = (event.id, event.timestamp, event.author, include_thoughts)
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = present(event, include_thoughts=include_thoughts)
            if len(cache) >= MAX_PRESENTED:
                # Oldest first: dicts keep insertion order.
                for stale in list(cache)[: MAX_PRESENTED // 4]:
                    cache.pop(stale, None)
            cache[key] = found
        return found  # type: ignore[return-value]

    present_once.__wrapped__ = present  # type: ignore[attr-defined]
    return present_once


def install() -> bool:
    """Memoise ADK's presentation of other agents' events; True if installed (idempotent)."""
    present: Any = getattr(_contents, "_present_other_agent_message", None)
    if present is None or not callable(present):  # another ADK builds contents otherwise
        return False
    if not hasattr(present, "__wrapped__"):
        _contents._present_other_agent_message = _memoised(present)
    return True
