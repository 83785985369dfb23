"""Every reading the planner gives the held-out messages, to check a speed-up changes none.

    .venv/bin/python benchmarks/planner_readings.py OUT.jsonl          # write this build's
    .venv/bin/python benchmarks/planner_readings.py OUT.jsonl BASE.jsonl  # and compare

`planner.py` times `understand`; a change made for speed must leave what it understands
alone. This reads each shopper message of the held-out conversations (`planner.
held_out_messages`) in the ways a turn reads one: with no context, in `planner.CONTEXT`
(products shown, a cart, the request before), after each kind of request the offline model
threads follow-ups with, and with a photo. Each reading is written as one JSON line (the
Intent as plain data, keys sorted), so two builds' files compare line by line; given BASE,
the lines that differ are printed (message, way, both readings) and the exit status is 1.

Run it on the base revision (a `git worktree`) and on the change, then compare; the planner
caches nothing between processes, so each run starts cold.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

from planner import CONTEXT, held_out_messages

from cartmate.planner import ConversationContext, understand

# Requests a follow-up is read after (`reading.previous_kind` threads these).
_AFTER = ("search", "add_to_cart", "view_cart", "product_info", "compare_prices")


def _plain(value: Any) -> Any:
    """A reading as JSON-ready data: dataclasses as dicts, enums by value, the rest as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def ways() -> dict[str, dict[str, Any]]:
    """The ways a message is read: `understand`'s keyword arguments for each."""
    found: dict[str, dict[str, Any]] = {"plain": {}, "in context": {"context": CONTEXT}}
    for kind in _AFTER:
        found[f"after {kind}"] = {"context": ConversationContext(last_intent=kind)}  # type: ignore[arg-type]
    found["with a photo"] = {"has_image": True}
    return found


def readings() -> Iterator[str]:
    for text in held_out_messages():
        for way, kwargs in ways().items():
            reading = _plain(understand(text, **kwargs))
            yield json.dumps({"text": text, "way": way, "reading": reading}, sort_keys=True)


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__)
        return 2
    out = Path(argv[0])
    lines = list(readings())
    out.write_text("\n".join(lines) + "\n")
    print(f"{len(lines):,} readings written to {out}")
    if len(argv) == 1:
        return 0
    base = Path(argv[1]).read_text().splitlines()
    if len(base) != len(lines):
        print(f"{len(base):,} readings in {argv[1]}, {len(lines):,} here: other messages?")
        return 1
    differ = [(b, n) for b, n in zip(base, lines, strict=True) if b != n]
    for before, now in differ[:50]:
        old, new = json.loads(before), json.loads(now)
        print(f"\n{old['text']!r} ({old['way']})")
        print(f"  base: {old['reading']}\n  now:  {new['reading']}")
    print(f"\n{len(differ):,} of {len(lines):,} readings differ from {argv[1]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
