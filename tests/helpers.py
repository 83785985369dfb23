"""Small helpers shared by tests: free loopback ports and a clean environment for children."""

from __future__ import annotations

import os
import socket

# Variables CartMate reads; children get none of the developer's own.
_OURS = ("CARTMATE_", "REDIS_URL", "GOOGLE_", "PERPLEXITY_", "OTEL_")


def free_ports(n: int) -> list[int]:
    """`n` distinct loopback ports free right now (bound together, then released)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for sock in socks:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in socks]
    finally:
        for sock in socks:
            sock.close()


def free_port() -> int:
    return free_ports(1)[0]


def consecutive_free_ports(count: int) -> int:
    """A base port with `count` free ports from it (the agents take consecutive ports)."""
    for _ in range(50):
        base = free_ports(1)[0]
        if base + count < 65535 and all(port_closed(base + i) for i in range(count)):
            return base
    raise RuntimeError("no run of free ports")


def port_closed(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def cartmate_env(**extra: str) -> dict[str, str]:
    """This process's environment without CartMate's variables, plus `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(_OURS) and not k.endswith("_SERVICE_ADDR")
    }
    return {**env, **extra}
