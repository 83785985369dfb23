"""What reading one shopper message costs the offline model: `cartmate.planner.understand`.

    .venv/bin/python benchmarks/planner.py

The turn benchmarks repeat the same few messages, and the offline model remembers its
reading of a message (`reading.understand_once`, per process), so they leave the planner's
cost out. A real shopper's every message is new: the gateway reads it, and the specialist
reads it again in its own process. This times `understand` on messages it has not read:
the shopper messages of the held-out conversations (`tests/agents/test_unseen_conversations_*`,
taken from their `say("...")` calls), each read once, three ways:

- **new message**: in a process that has read others before (the planner's word and clause
  caches hold what earlier messages had in common with it, as in a running agent);
- **new message, in context**: the same, with a conversation context (products shown, a cart,
  the previous request), which a turn of a conversation always has;
- **nothing cached**: the planner's caches emptied before each message (a message sharing
  nothing with any read before it).

Each way times every message once after WARM_UP untimed ones (other messages, read first).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from _common import ROOT, held_out_conversations, median, pct, table, write_section

from cartmate.config import Settings
from cartmate.gc_tuning import tune_gc
from cartmate.planner import ConversationContext, understand
from cartmate.planner.analysis import _analysed
from cartmate.planner.fuzzy import correct

WARM_UP = 200
CONTEXT = ConversationContext(
    recent_product_names=("Mug", "Bamboo Glass Jar", "Candle Holder"),
    focus_product_name="Mug",
    cart_product_names=("Sunglasses", "Mug"),
    display_currency="EUR",
    last_intent="search",
)


def held_out_messages() -> list[str]:
    """The shopper messages of the held-out conversations, each once, in file order."""
    return list(dict.fromkeys(text for talk in held_out_conversations() for text in talk))


def _empty_caches() -> None:
    """Empties the caches `understand` fills (clauses analysed, typos weighed); the lexicons
    and the cue index stay built, as they are once a process has read one message."""
    _analysed.cache_clear()
    correct.cache_clear()


def timed(
    messages: list[str], read: Callable[[str], object], before: Callable[[], None]
) -> list[float]:
    """Seconds of `read` on each message, `before` run untimed ahead of each."""
    samples = []
    for text in messages:
        before()
        started = time.perf_counter()
        read(text)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    messages = held_out_messages()
    if len(messages) <= WARM_UP:
        raise SystemExit(f"only {len(messages)} held-out messages found under {ROOT / 'tests'}")
    warm, timed_messages = messages[:WARM_UP], messages[WARM_UP:]
    for text in warm:  # imports, lexicons and the cue index are built on first use
        understand(text)
        understand(text, context=CONTEXT)
    # Collect garbage as CartMate's processes do: with Python's default thresholds a full
    # collection lands inside some reading and shows as a 20-40 ms message.
    tune_gc(Settings().gc_gen0_threshold)
    ways = {
        "new message": timed(timed_messages, understand, lambda: None),
        "new message, in context": timed(
            timed_messages, lambda text: understand(text, context=CONTEXT), lambda: None
        ),
        "nothing cached": timed(timed_messages, understand, _empty_caches),
    }
    rows = []
    for way, samples in ways.items():
        mean = sum(samples) / len(samples)
        rows.append([way, len(samples), f"{median(samples) * 1e6:,.0f}",
                     f"{pct(samples, 95) * 1e6:,.0f}", f"{pct(samples, 99) * 1e6:,.0f}",
                     f"{mean * 1e6:,.0f}", f"{1 / mean:,.0f}"])  # fmt: skip
        print(" | ".join(str(c) for c in rows[-1]))
    slowest = sorted(zip(ways["new message"], timed_messages, strict=True), reverse=True)[:5]
    slow_rows = [[f"{s * 1e6:,.0f}", f"`{text[:90]}`"] for s, text in slowest]
    body = f"""
`understand` on {len(messages):,} shopper messages of the held-out conversations (each read once
per way, after {WARM_UP} of them untimed; see the script's docstring for the three ways). A
delegated turn reads its message at least twice (gateway and specialist, one process each),
which the turn benchmarks leave out (they repeat messages the model remembers).

{table(["way", "messages", "median us", "p95 us", "p99 us", "mean us", "messages/s"], rows)}

The slowest messages (new message, us):

{table(["us", "message"], slow_rows)}
"""
    write_section("planner", "Reading a message (`planner.py`)", body)


if __name__ == "__main__":
    main()
