"""The container's HEALTHCHECK: exit 0 when the process in it is healthy, 1 otherwise.

    python -m cartmate.deploy.healthcheck [URL]

URL (or CARTMATE_HEALTHCHECK_URL, default http://127.0.0.1:8080/healthz) is an HTTP URL
(the gateway and every agent serve /healthz) or `grpc://host:port` for `cartmate boutique`,
checked with the gRPC health protocol. Only the standard library and grpcio, so it starts fast.
"""

from __future__ import annotations

import asyncio
import os
import sys
import urllib.error
import urllib.request

__all__ = ["DEFAULT_URL", "healthy", "main"]

DEFAULT_URL = "http://127.0.0.1:8080/healthz"


def _http_ok(url: str, timeout_s: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


async def _grpc_serving(address: str, timeout_s: float) -> bool:
    import grpc

    from cartmate.boutique.health import check_health

    async with grpc.aio.insecure_channel(address) as channel:
        return await check_health(channel, timeout_s=timeout_s) == "SERVING"


def healthy(url: str, timeout_s: float = 3.0) -> bool:
    """Whether `url` answers 200 (HTTP) or SERVING (grpc://host:port)."""
    if url.startswith("grpc://"):
        return asyncio.run(_grpc_serving(url.removeprefix("grpc://"), timeout_s))
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"expected an http(s):// or grpc:// URL, got {url!r}")
    return _http_ok(url, timeout_s)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    url = args[0] if args else os.environ.get("CARTMATE_HEALTHCHECK_URL") or DEFAULT_URL
    return 0 if healthy(url) else 1


if __name__ == "__main__":
    sys.exit(main())
