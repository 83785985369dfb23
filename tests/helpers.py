"""Small helpers shared by tests: free loopback ports and a clean environment for children."""

from __future__ import annotations

import os
import random
import socket

# Variables CartMate reads; children get none of the developer's own.
_OURS = ("CARTMATE_", "REDIS_URL", "GOOGLE_", "PERPLEXITY_", "OTEL_")


def _ephemeral_low() -> int:
    """The lowest port the kernel hands out to outgoing connections (Linux: 32768)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


# Ports for servers the tests start come from below the ephemeral range: a port the kernel
# picked for us (bind to 0) may be taken again by any outgoing connection (Redis, gRPC, HTTP
# clients) before the child process binds it, and the child fails with "address in use".
_LOW = 10_000
_HIGH = max(_LOW + 1_000, _ephemeral_low() - 1)


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


# Every port handed out in this test process, so two calls never overlap: a test asking for
# a run of agent ports and then for a gateway port must not get the gateway port inside the
# run (both were free when picked; the second child to bind one would fail).
_handed_out: set[int] = set()


def _take(ports: list[int]) -> None:
    if len(_handed_out) > (_HIGH - _LOW) // 2:  # a long session: forget the oldest picks
        _handed_out.clear()
    _handed_out.update(ports)


def free_ports(n: int) -> list[int]:
    """`n` distinct loopback ports free right now, outside the ephemeral range, none handed
    out before in this process."""
    found: list[int] = []
    while len(found) < n:
        port = random.randint(_LOW, _HIGH)
        if port not in found and port not in _handed_out and _bindable(port):
            found.append(port)
    _take(found)
    return found


def free_port() -> int:
    return free_ports(1)[0]


def consecutive_free_ports(count: int) -> int:
    """A base port with `count` free ports from it (the agents take consecutive ports)."""
    for _ in range(200):
        base = random.randint(_LOW, _HIGH - count)
        run = [base + i for i in range(count)]
        if not _handed_out.intersection(run) and all(map(_bindable, run)):
            _take(run)
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
