"""The HTTP client for A2A calls, which remembers which peers refused a connection.

A replica killed without deregistering stays in the agent registry until its entry expires
(CARTMATE_A2A_REGISTRY_TTL_S). Probing every replica before every call would cost each turn
an extra request; instead the call is tried, and a *refused connection* (the request never
left this process, so retrying cannot do anything twice) sends it to another replica. The
client's transport records each refusal, so later turns try that replica last until the
hold runs out (a restarted replica on the same port is back after it).

Failures after a connection was made (timeouts, 5xx, a broken stream) are not retried: the
specialist may have acted, and the shopper gets the "unavailable" answer instead.

Requests go over aiohttp (`httpx_aiohttp.AiohttpTransport`) behind the httpx interface the
a2a-sdk client takes: its C HTTP parser reads a streamed A2A reply for less CPU than httpcore
and h11 (the gateway's instructions per delegated turn -4.4 %). That transport reports a
refused connection as `httpx.ConnectTimeout`; here it is an `httpx.ConnectError` again, as
httpx's own transport raises it (a2a-sdk and the refusal log tell the two apart).
"""

from __future__ import annotations

import time

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

__all__ = ["PeerClient", "RefusalLog"]


def _origin(url: httpx.URL | str) -> tuple[str, str, int | None]:
    parsed = httpx.URL(url)
    return parsed.scheme, parsed.host, parsed.port


class RefusalLog:
    """When each peer (scheme, host, port) last refused a connection, for `hold_s` seconds."""

    def __init__(self, hold_s: float) -> None:
        self.hold_s = hold_s
        self._refused_at: dict[tuple[str, str, int | None], float] = {}

    def record(self, url: httpx.URL | str) -> None:
        self._refused_at[_origin(url)] = time.monotonic()

    def refused_since(self, url: str, since: float) -> bool:
        """Whether `url`'s peer refused a connection at or after monotonic time `since`."""
        at = self._refused_at.get(_origin(url))
        return at is not None and at >= since

    def recently_refused(self, url: str) -> bool:
        """Whether `url`'s peer refused a connection within the hold."""
        key = _origin(url)
        at = self._refused_at.get(key)
        if at is None:
            return False
        if time.monotonic() - at > self.hold_s:
            del self._refused_at[key]  # keeps the table as small as the set of dead peers
            return False
        return True


def _connect_failed(exc: httpx.TransportError) -> bool:
    """Whether the request never reached the peer: no connection was made."""
    if isinstance(exc, httpx.ConnectError):
        return True
    # aiohttp's ClientConnectorError: the socket's connect() failed (refused, unreachable);
    # a connect that timed out is aiohttp's ConnectionTimeoutError and stays a timeout.
    return isinstance(exc.__cause__, aiohttp.ClientConnectorError)


class _RecordRefusals(httpx.AsyncBaseTransport):
    """Passes requests to the real transport; a refused connection is recorded, then raised
    as `httpx.ConnectError`."""

    def __init__(self, inner: httpx.AsyncBaseTransport, log: RefusalLog) -> None:
        self._inner = inner
        self._log = log

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except httpx.TransportError as exc:
            if not _connect_failed(exc):
                raise
            self._log.record(request.url)
            if isinstance(exc, httpx.ConnectError):
                raise
            raise httpx.ConnectError(str(exc), request=request) from exc.__cause__

    async def aclose(self) -> None:
        await self._inner.aclose()


class PeerClient(httpx.AsyncClient):
    """An `httpx.AsyncClient` for A2A calls whose `refusals` say which peers refused lately.

    Remote agents built on one fail over to another registered replica when a call's
    connection is refused (see `cartmate.a2a.remote`); on any other client they do not.
    """

    def __init__(self, *, timeout: float, hold_s: float = 15.0) -> None:
        self.refusals = RefusalLog(hold_s)
        super().__init__(
            timeout=timeout, transport=_RecordRefusals(AiohttpTransport(), self.refusals)
        )
