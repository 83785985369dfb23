"""a2a-sdk's event and request queues as asyncio queues, on Python before 3.13.

a2a-sdk needs `shutdown()` on its queues, which asyncio's queue has from Python 3.13. Before
that it makes them with culsans: a mixed sync/async queue, thread-safe, whose every put and
get goes through aiologic's locks and conditions. a2a-sdk only ever uses the async side,
from the server's event loop, yet that machinery was ~5 % of a specialist's CPU in a
delegated turn (`benchmarks/profile_turns.py`: aiologic and culsans). `ShutdownQueue` is
asyncio's queue with 3.13's `shutdown` semantics, raising the exception a2a-sdk catches;
`install()` makes a2a-sdk create it. On 3.13 and later a2a-sdk already uses asyncio's queue
and `install()` does nothing. Upstream, a2a-sdk could choose asyncio's queue itself when no
thread is involved; until then this stays small and private.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Callable
from typing import Any

from a2a.utils import _async_queue_compat

from cartmate.library_versions import checked

# What a2a-sdk catches when a queue is shut down (culsans's class before 3.13).
QueueShutDown = _async_queue_compat.QueueShutDown

# a2a-sdk's modules that bound `create_async_queue` by name at import.
_USERS = (
    "a2a.utils._async_queue_compat",
    "a2a.server.events.event_queue",
    "a2a.server.events.event_queue_v2",
    "a2a.server.agent_execution.active_task",
)


class ShutdownQueue(asyncio.Queue[Any]):
    """asyncio's queue with Python 3.13's `shutdown(immediate=False)`.

    After `shutdown`, `put` raises `QueueShutDown`; `get` raises it once the queue is empty
    (at once with `immediate=True`, which drops what is queued and counts it as done, so
    `join` returns). Blocked getters and putters wake up to re-check."""

    def __init__(self, maxsize: int = 0) -> None:
        super().__init__(maxsize)
        self._is_shutdown = False

    async def _wait_while(self, blocked: Callable[[], bool], waiters: Any) -> None:
        """asyncio's wait for room (or an item), raising once the queue is shut down."""
        while blocked():
            if self._is_shutdown:
                raise QueueShutDown
            waiter = self._get_loop().create_future()  # type: ignore[attr-defined]
            waiters.append(waiter)
            try:
                await waiter
            except BaseException:
                waiter.cancel()
                try:
                    waiters.remove(waiter)
                except ValueError:
                    pass
                if not blocked() and not waiter.cancelled():
                    self._wakeup_next(waiters)  # type: ignore[attr-defined]
                raise

    async def put(self, item: Any) -> None:
        await self._wait_while(self.full, self._putters)  # type: ignore[attr-defined]
        self.put_nowait(item)

    def put_nowait(self, item: Any) -> None:
        if self._is_shutdown:
            raise QueueShutDown
        super().put_nowait(item)

    async def get(self) -> Any:
        await self._wait_while(self.empty, self._getters)  # type: ignore[attr-defined]
        return self.get_nowait()

    def get_nowait(self) -> Any:
        if self.empty() and self._is_shutdown:
            raise QueueShutDown
        return super().get_nowait()

    def shutdown(self, immediate: bool = False) -> None:
        self._is_shutdown = True
        if immediate:
            while not self.empty():
                self._get()  # type: ignore[attr-defined]
                if self._unfinished_tasks > 0:  # type: ignore[attr-defined]
                    self._unfinished_tasks -= 1  # type: ignore[attr-defined]
            if self._unfinished_tasks == 0:  # type: ignore[attr-defined]
                self._finished.set()  # type: ignore[attr-defined]
        for waiters in (self._getters, self._putters):  # type: ignore[attr-defined]
            while waiters:
                waiter = waiters.popleft()
                if not waiter.done():
                    waiter.set_result(None)


def create_async_queue(maxsize: int = 0) -> ShutdownQueue:
    """What a2a-sdk calls to make a queue, once `install()` has run."""
    return ShutdownQueue(maxsize)


def install() -> bool:
    """Make a2a-sdk create `ShutdownQueue`s, before Python 3.13 and on the a2a-sdk it was
    checked against; True if it does (idempotent)."""
    if sys.version_info >= (3, 13) or not checked("a2a-sdk", what="event_queues"):
        return False
    for name in _USERS:
        importlib.import_module(name).create_async_queue = create_async_queue
    return True
