"""grpc.health.v1 checks against Online Boutique services (real or embedded)."""

from __future__ import annotations

import asyncio
import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

__all__ = ["check_health", "wait_serving"]


async def check_health(channel: grpc.aio.Channel, timeout_s: float = 1.0) -> str:
    """SERVING, NOT_SERVING, ... or the gRPC status name (UNAVAILABLE) when it cannot answer."""
    stub = health_pb2_grpc.HealthStub(channel)
    try:
        reply = await stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=timeout_s)
    except grpc.aio.AioRpcError as exc:
        return exc.code().name
    return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)


async def wait_serving(address: str, timeout_s: float = 30.0) -> None:
    """Return once the service at `address` reports SERVING; TimeoutError after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    async with grpc.aio.insecure_channel(address) as channel:
        while True:
            status = await check_health(channel, timeout_s=1.0)
            if status == "SERVING":
                return
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{address} is not serving (last status {status})")
            await asyncio.sleep(0.1)
