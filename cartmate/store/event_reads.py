"""Which of a session's stored events a read parses, and parsing only those.

Parsing is most of what reading a session costs (`Event.model_validate_json`, tens of
microseconds an event). Two kinds of stored event are read only to be dropped:

- The start of an invocation the read window cut into (`cut_partial`): its function calls
  would come without their responses.
- Events a compaction covers (`skip_compacted`). ADK's request builder replaces the events
  inside each compaction's time range by its summary (`_process_compaction_events`: every
  compaction event with content and both timestamps covers [start, end]), and its sliding
  window only looks past the newest compaction. So the compaction events are kept and the
  events they cover are not parsed: with a summary every few turns, a long session's read
  parses the turns since the last summary, not the whole window, and the model's request
  is the same. Covered events carrying an A2A context id are kept all the same:
  `a2a.remote` looks there for a remote agent's last context, so that agent's own
  conversation goes on in the same context. (ADK's compaction never covers a call still
  waiting for its answer, so resuming one still finds it.)

Compaction events are found without parsing everything: the key `"compaction":` is in
every stored compaction event (pydantic writes it as is); the few other events holding that
text are parsed and checked. Timestamps come from the list kept in step with the events.
"""

from __future__ import annotations

from collections.abc import Sequence

from google.adk.events.event import Event

__all__ = ["parse_events"]

_COMPACTION_KEY = '"compaction":'
_A2A_CONTEXT_KEY = '"a2a:context_id":'


class _Lazy:
    """Stored events, each parsed on first use."""

    def __init__(self, raw: Sequence[str]) -> None:
        self.raw = raw
        self._parsed: dict[int, Event] = {}

    def __getitem__(self, i: int) -> Event:
        event = self._parsed.get(i)
        if event is None:
            event = self._parsed[i] = Event.model_validate_json(self.raw[i])
        return event


def _partial_invocation_end(events: _Lazy) -> int:
    """Where the invocation the first event belongs to ends (it was read only in part)."""
    cut = events[0].invocation_id
    end = 1
    while end < len(events.raw) and cut and events[end].invocation_id == cut:
        end += 1
    return end


def _covered_ranges(events: _Lazy, indexes: range) -> tuple[set[int], list[tuple[float, float]]]:
    """The compaction events among `indexes`, and the time ranges that hide events."""
    compactions: set[int] = set()
    ranges: list[tuple[float, float]] = []
    for i in indexes:
        if _COMPACTION_KEY not in events.raw[i]:
            continue
        compaction = events[i].actions.compaction
        if compaction is None:
            continue
        compactions.add(i)
        start, end = compaction.start_timestamp, compaction.end_timestamp
        if compaction.compacted_content is not None and start is not None and end is not None:
            ranges.append((start, end))  # NaN or start > end hides nothing, as in ADK
    return compactions, ranges


def parse_events(
    raw: Sequence[str],
    stamps: Sequence[str] | None = None,
    *,
    cut_partial: bool = False,
    skip_compacted: bool = False,
) -> list[Event]:
    """The events a read returns, oldest first; `stamps` (the stored timestamps, in step
    with `raw`) are needed with `skip_compacted`."""
    events = _Lazy(raw)
    start = _partial_invocation_end(events) if cut_partial and raw else 0
    indexes = range(start, len(raw))
    if not skip_compacted:
        return [events[i] for i in indexes]
    if stamps is None or len(stamps) != len(raw):
        raise ValueError("skip_compacted needs each event's stored timestamp")
    compactions, ranges = _covered_ranges(events, indexes)

    def kept(i: int) -> bool:
        stamp = float(stamps[i])
        covered = any(begin <= stamp <= end for begin, end in ranges)
        return not covered or i in compactions or _A2A_CONTEXT_KEY in raw[i]

    return [events[i] for i in indexes if kept(i)]
