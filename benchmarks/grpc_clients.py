"""cartmate.boutique clients against a raw grpcio stub, on the embedded Online Boutique.

    .venv/bin/python benchmarks/grpc_clients.py [seconds]    # default 3 s per measurement

For GetProduct and GetCart: sequential latency (p50/p99 of one call at a time) and throughput
with CONCURRENCY calls in flight, for
- the CartMate client (`clients.catalog.get_product` with nothing cached, so every call is an
  RPC plus `Product.from_proto`; `clients.cart.get_cart`, which also checks Redis for a
  pending cart journal),
- `ServiceCaller.call` alone (deadline, retries, breaker) around the same stub,
- a raw stub on the same channel (which carries the OpenTelemetry client interceptors),
- a raw stub on a plain channel without interceptors.

Server and clients run in this one process (grpc.aio), on loopback; Redis at REDIS_URL or an
embedded Valkey. Each measurement runs at most the given seconds and MAX_CALLS calls.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable

import grpc
from _common import median, pct, redis_url, table, write_section

from cartmate.boutique.clients import CHANNEL_OPTIONS, open_boutique_clients
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.store.redis_client import open_redis

MUG = "6E92ZMYYFZ"
USER = "bench-grpc-user"
CONCURRENCY = 32
MAX_CALLS = 200_000

Call = Callable[[], Awaitable[object]]


async def sequential(call: Call, seconds: float) -> list[float]:
    for _ in range(50):  # warm-up
        await call()
    samples: list[float] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(samples) < MAX_CALLS:
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return samples


async def concurrent(call: Call, seconds: float) -> float:
    """Calls per second with CONCURRENCY workers."""
    done = 0
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal done
        while time.monotonic() < deadline and done < MAX_CALLS:
            await call()
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return done / (time.perf_counter() - started)


async def main_async(seconds: float) -> None:
    rows = []
    with redis_url() as url:
        async with open_redis(url, "cartmate-bench-grpc:") as conn:
            async with serve_boutique(
                conn, catalog_port=0, cart_port=0, currency_port=0, recommendation_port=0
            ) as addresses:
                addrs = {
                    "catalog": addresses.catalog,
                    "cart": addresses.cart,
                    "currency": addresses.currency,
                    "recommendation": addresses.recommendation,
                }
                async with open_boutique_clients(addrs, conn) as clients:
                    catalog_stub = demo_pb2_grpc.ProductCatalogServiceStub(
                        clients.channels["catalog"]
                    )
                    cart_stub = demo_pb2_grpc.CartServiceStub(clients.channels["cart"])
                    plain_catalog = grpc.aio.insecure_channel(
                        addresses.catalog, options=CHANNEL_OPTIONS
                    )
                    plain_cart = grpc.aio.insecure_channel(addresses.cart, options=CHANNEL_OPTIONS)
                    product_req = demo_pb2.GetProductRequest(id=MUG)
                    cart_req = demo_pb2.GetCartRequest(user_id=USER)
                    await clients.cart.add_item(USER, MUG, 2)
                    caller = clients.catalog._caller
                    raw_plain_catalog = demo_pb2_grpc.ProductCatalogServiceStub(plain_catalog)
                    raw_plain_cart = demo_pb2_grpc.CartServiceStub(plain_cart)
                    assert not clients.catalog._fresh()
                    ways: list[tuple[str, str, Call]] = [
                        ("GetProduct", "CatalogClient.get_product (cache miss)",
                         lambda: clients.catalog.get_product(MUG)),
                        ("GetProduct", "ServiceCaller.call",
                         lambda: caller.call("GetProduct", catalog_stub.GetProduct, product_req,
                                             idempotent=True)),
                        ("GetProduct", "raw stub, same channel",
                         lambda: catalog_stub.GetProduct(product_req)),
                        ("GetProduct", "raw stub, channel without interceptors",
                         lambda: raw_plain_catalog.GetProduct(product_req)),
                        ("GetCart", "CartClient.get_cart",
                         lambda: clients.cart.get_cart(USER)),
                        ("GetCart", "raw stub, same channel",
                         lambda: cart_stub.GetCart(cart_req)),
                        ("GetCart", "raw stub, channel without interceptors",
                         lambda: raw_plain_cart.GetCart(cart_req)),
                    ]  # fmt: skip
                    try:
                        for method, name, call in ways:
                            samples = await sequential(call, seconds)
                            rate = await concurrent(call, seconds)
                            row = (method, name, f"{len(samples):,}",
                                   f"{median(samples) * 1e6:,.0f}",
                                   f"{pct(samples, 99) * 1e6:,.0f}",
                                   f"{1 / median(samples):,.0f}", f"{rate:,.0f}")  # fmt: skip
                            rows.append(row)
                            print(" | ".join(row))
                    finally:
                        await clients.cart.empty_cart(USER)
                        await plain_catalog.close()
                        await plain_cart.close()
            keys = [k async for k in conn.client.scan_iter(match="cartmate-bench-grpc:*")]
            if keys:
                await conn.client.delete(*keys)
    body = f"""
Embedded Online Boutique (grpc.aio) and the clients in one process, loopback. Sequential:
one call at a time for up to {seconds:g} s (after 50 warm-up calls); concurrent:
{CONCURRENCY} calls in flight for up to {seconds:g} s. Latency in microseconds.

{table(["RPC", "caller", "sequential calls", "p50 µs", "p99 µs", "calls/s sequential",
        f"calls/s x{CONCURRENCY}"], rows)}
"""  # fmt: skip
    write_section("grpc_clients", "Online Boutique clients vs raw gRPC (`grpc_clients.py`)", body)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    if not 0 < seconds <= 60:
        raise SystemExit("seconds must be in (0, 60]")
    asyncio.run(main_async(seconds))


if __name__ == "__main__":
    main()
