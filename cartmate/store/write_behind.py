"""Deferred, coalesced writes: what a key gathers within a short delay is stored in one go.

Both of CartMate's per-request writers use it: the session service (a turn's events, one
script call instead of one per event) and the A2A task store (a task's progress events).
The owner decides what a batch holds and how it is written; this class keeps the batches,
their timers, one write in flight per key at a time (in order), and a write's failure until
the key's owner asks for it (`raise_failed`), since nobody awaits a timer's write.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

__all__ = ["WriteBehind"]

log = logging.getLogger(__name__)

_MAX_FAILED = 1_000  # failures kept for a key's next use; nobody came back for older ones

B = TypeVar("B")


class WriteBehind(Generic[B]):
    """Batches of type `B` per key, each written by `write` after `delay_s` or when flushed."""

    def __init__(
        self,
        delay_s: float,
        write: Callable[[B], Awaitable[object]],
        what: str,
        describe: Callable[[B], dict[str, str]] = lambda _batch: {},
    ) -> None:
        """Args:
        delay_s: How long a key's first pending item waits for others (must be > 0).
        write: Stores one batch; what it raises is kept for `raise_failed`.
        what: Names the writes in the log ("session events", "A2A task").
        describe: Log fields naming a batch (its session or task id).
        """
        if delay_s <= 0:
            raise ValueError("delay_s must be positive")
        self.delay_s = delay_s
        self._write = write
        self._what = what
        self._describe = describe
        self._pending: dict[str, tuple[B, asyncio.TimerHandle]] = {}
        self._writing: dict[str, asyncio.Task[None]] = {}  # key -> its newest write
        self._failed: dict[str, Exception] = {}

    def pending(self, key: str) -> B | None:
        """The key's batch not handed to a write yet, if any."""
        entry = self._pending.get(key)
        return entry[0] if entry is not None else None

    def hold(self, key: str, batch: B) -> None:
        """Makes `batch` the key's pending batch, written `delay_s` from now at the latest."""
        timer = asyncio.get_running_loop().call_later(self.delay_s, self.start, key)
        self._pending[key] = (batch, timer)

    def keys(self) -> list[str]:
        """Keys with a pending batch."""
        return list(self._pending)

    def failed(self, key: str) -> bool:
        return key in self._failed

    def raise_failed(self, key: str) -> None:
        """Raises (once) why the key's last deferred write failed."""
        error = self._failed.pop(key, None)
        if error is not None:
            raise error

    def forget(self, key: str) -> B | None:
        """Drops the key's pending batch (it is not written) and any failure; returns it."""
        self._failed.pop(key, None)
        entry = self._pending.pop(key, None)
        if entry is None:
            return None
        entry[1].cancel()
        return entry[0]

    def start(self, key: str) -> None:
        """Starts writing the key's pending batch, after the key's write in flight."""
        entry = self._pending.pop(key, None)
        if entry is None:
            return
        batch, timer = entry
        timer.cancel()
        task = asyncio.get_running_loop().create_task(
            self._store(key, batch, self._writing.get(key))
        )
        self._writing[key] = task
        task.add_done_callback(functools.partial(self._written, key))

    async def flush(self, key: str) -> None:
        """Writes the key's pending batch and waits for every write of it in flight."""
        self.start(key)
        task = self._writing.get(key)
        if task is not None:
            await asyncio.shield(task)  # a cancelled caller does not cancel the write

    async def flush_all(self) -> None:
        """Writes every pending batch (at shutdown); failures are logged and dropped."""
        for key in self.keys():
            await self.flush(key)
        self._failed.clear()

    def _written(self, key: str, task: asyncio.Task[None]) -> None:
        if self._writing.get(key) is task:
            del self._writing[key]

    async def _store(self, key: str, batch: B, previous: asyncio.Task[None] | None) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        if key in self._failed:
            return  # an earlier batch was lost: this one would only be refused as stale
        try:
            await self._write(batch)
        except Exception as error:
            log.warning("%s not stored: %s", self._what, error, extra=self._describe(batch))
            self._failed[key] = error
            while len(self._failed) > _MAX_FAILED:
                del self._failed[next(iter(self._failed))]
