"""redis-py's asyncio connection, minus per-command costs its sync connection avoids.

Every Redis command of a turn pays them (~20 a delegated turn in the gateway):

- **Packing in C.** redis-py's synchronous connection packs commands with
  `hiredis.pack_command` when hiredis is installed; its asyncio connection always packs them in
  Python (an encode call and a bytes join per argument): 12 us for a short script call and 29
  us for a session append here, against 2.6 and 6.9 us with hiredis. Here commands are packed
  as the sync connection packs them (the same bytes: a multi-word command name is split first,
  as redis-py does). Arguments hiredis does not take (a memoryview, a bool, None) and a
  non-UTF-8 or non-strict encoder go to redis-py's own packing, so its errors are unchanged.
- **No task per write.** redis-py bounds each write with `asyncio.wait_for`, which on Python
  3.11 wraps the write in a new Task and waits a loop step for it: ~16 us a command under
  uvloop, for a write that almost always only hands bytes to the kernel. Here, when nothing
  can make the write wait (connected, no health check due, the transport open with nothing
  buffered, the reader without an error), the command is written directly; if the kernel took
  all of it, `drain` would return at once and is skipped. Otherwise (a partial write, a
  transport closing) the rest of the write goes through redis-py's own bounded path, with its
  deadline and its errors. Reads keep redis-py's deadline.
- **No retry wrapper to find a connection connected.** The pool calls `connect()` on every
  checkout; redis-py's runs its retry loop around a health-checking connect that returns at
  once when the connection is connected. Here a connected connection returns before the loop
  (what the loop would do; it has no other effect on success, as each call resets its
  backoff first). A connection that is not connected goes through redis-py's own.

`lean_connection_class(cls)` is the connection class `cls` with these. Belongs upstream (the
asyncio connection could choose the packer as the sync one does, bound writes without a task,
and skip its retry loop when connected).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from typing import Any

from redis.utils import HIREDIS_AVAILABLE

if HIREDIS_AVAILABLE:
    from hiredis import pack_command as _hiredis_pack
else:  # pragma: no cover - hiredis is a dependency (`redis[hiredis]`)
    _hiredis_pack = None

__all__ = ["lean_connection_class"]

_UTF8 = {"utf-8", "utf8"}


class _LeanConnection:
    """A mixin for redis.asyncio connection classes."""

    encoder: Any
    socket_timeout: float | None
    health_check_interval: float
    next_health_check: float
    _reader: asyncio.StreamReader | None
    _writer: asyncio.StreamWriter | None
    is_connected: bool

    async def connect(self) -> None:
        if self.is_connected:  # what redis-py's retry loop would find first
            return
        await super().connect()  # type: ignore[misc]

    def pack_command(self, *args: Any) -> list[bytes]:
        encoder = self.encoder
        if _hiredis_pack is not None and (
            encoder.encoding.lower() in _UTF8 and encoder.encoding_errors == "strict"
        ):
            command = args[0]  # 'CONFIG GET' is sent as two words, as redis-py sends it
            words = None
            if isinstance(command, str):
                words = (*command.encode().split(), *args[1:])
            elif isinstance(command, bytes):
                words = (*command.split(), *args[1:]) if b" " in command else args
            # What hiredis refuses, redis-py's packing refuses with its own error (or packs:
            # a memoryview)
            with contextlib.suppress(TypeError, UnicodeError):
                if words is not None:
                    return [_hiredis_pack(words)]
        return super().pack_command(*args)  # type: ignore[misc]

    async def send_packed_command(self, command: Any, check_health: bool = True) -> None:
        reader, writer = self._reader, self._writer
        if (
            reader is not None
            and writer is not None
            and self.socket_timeout  # redis-py's unbounded path is already direct
            and reader.exception() is None
            and not writer.transport.is_closing()
            and not writer.transport.get_write_buffer_size()
            and not (check_health and self._health_check_due())
        ):
            if isinstance(command, str):
                command = command.encode()
            if isinstance(command, bytes):
                command = [command]
            writer.writelines(command)
            if not writer.transport.get_write_buffer_size() and not writer.transport.is_closing():
                return  # all with the kernel: redis-py's drain would return at once
            command, check_health = [], False  # written; the wait left is redis-py's, bounded
        await super().send_packed_command(command, check_health)  # type: ignore[misc]

    def _health_check_due(self) -> bool:
        """As redis-py's `check_health` decides whether to PING first."""
        return bool(
            self.health_check_interval
            and asyncio.get_running_loop().time() > self.next_health_check
        )


@functools.cache
def lean_connection_class(connection_class: type) -> type:
    """`connection_class` with hiredis packing, task-free writes and a direct `connect()`
    when connected."""
    if issubclass(connection_class, _LeanConnection):
        return connection_class
    return type(connection_class.__name__, (_LeanConnection, connection_class), {})
