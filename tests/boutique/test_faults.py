"""Faults over real gRPC: a service that is not running, one that stops and comes back,
the circuit breaker opening and closing, and retries only for idempotent calls."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import grpc
import pytest

from cartmate.boutique._rpc import BreakerState, CircuitBreaker, RpcPolicy
from cartmate.boutique.cart import _ADD_ATTEMPTS
from cartmate.boutique.clients import ClientOptions, open_boutique_clients
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.errors import UnavailableError
from cartmate.store.redis_client import RedisConnection
from tests.helpers import free_port

OPTIONS = ClientOptions(
    policy=RpcPolicy(timeout_s=1.0, retries=2, backoff_base_s=0.01, backoff_max_s=0.05),
    breaker_failures=3,
    breaker_reset_s=0.3,
)


def _everything_at(addr: str) -> dict[str, str]:
    return dict.fromkeys(("catalog", "cart", "currency", "recommendation"), addr)


async def test_service_not_running_is_unavailable_within_the_deadline(
    redis: RedisConnection,
) -> None:
    async with open_boutique_clients(
        _everything_at(f"127.0.0.1:{free_port()}"), redis, OPTIONS
    ) as clients:
        started = time.monotonic()
        with pytest.raises(UnavailableError) as caught:
            await clients.catalog.list_products()
        elapsed = time.monotonic() - started
    assert caught.value.retryable and "catalog" in caught.value.message
    assert elapsed < OPTIONS.policy.timeout_s + 0.5  # the call's own deadline, not a hang


async def test_client_recovers_when_the_service_restarts(redis: RedisConnection) -> None:
    port = free_port()
    addr = f"127.0.0.1:{port}"
    async with open_boutique_clients(
        {**_everything_at("127.0.0.1:1"), "catalog": addr}, redis, OPTIONS
    ) as clients:
        async with serve_boutique(redis, services=("catalog",), catalog_port=port):
            assert (await clients.catalog.get_product("OLJCESPC7Z")).name == "Sunglasses"
        with pytest.raises(UnavailableError):
            await clients.catalog.get_product("OLJCESPC7Z")
        async with serve_boutique(redis, services=("catalog",), catalog_port=port):
            deadline = time.monotonic() + 10
            while True:  # the breaker may be open for reset_s; then one probe goes through
                try:
                    product = await clients.catalog.get_product("OLJCESPC7Z")
                    break
                except UnavailableError:
                    if time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.1)
            assert product.name == "Sunglasses"
            assert clients.breakers["catalog"].state is BreakerState.CLOSED


async def test_breaker_opens_fails_fast_and_closes_after_a_good_probe(
    redis: RedisConnection,
) -> None:
    port = free_port()
    async with open_boutique_clients(
        {**_everything_at("127.0.0.1:1"), "catalog": f"127.0.0.1:{port}"}, redis, OPTIONS
    ) as clients:
        breaker = clients.breakers["catalog"]
        with pytest.raises(UnavailableError):  # three failed attempts: the breaker opens
            await clients.catalog.get_product("OLJCESPC7Z")
        assert breaker.state is BreakerState.OPEN
        with pytest.raises(UnavailableError) as caught:
            await clients.catalog.get_product("OLJCESPC7Z")
        assert caught.value.details.get("breaker") == "open"
        async with serve_boutique(redis, services=("catalog",), catalog_port=port):
            await asyncio.sleep(OPTIONS.breaker_reset_s)
            assert breaker.state is BreakerState.HALF_OPEN
            deadline = time.monotonic() + 10
            while True:
                try:
                    await clients.catalog.get_product("OLJCESPC7Z")
                    break
                except UnavailableError:
                    if time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.1)
            assert breaker.state is BreakerState.CLOSED


def test_a_failed_probe_reopens_the_breaker() -> None:
    now = [0.0]
    breaker = CircuitBreaker("cart", failures=2, reset_s=5.0, clock=lambda: now[0])
    breaker.record_failure()
    assert breaker.state is BreakerState.CLOSED
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN
    now[0] = 5.0
    breaker.before_call()  # the probe
    with pytest.raises(UnavailableError):  # only one probe at a time
        breaker.before_call()
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN
    now[0] = 10.0
    breaker.before_call()
    breaker.record_success()
    assert breaker.state is BreakerState.CLOSED


class _FlakyCart(demo_pb2_grpc.CartServiceServicer):
    """A CartService whose writes are UNAVAILABLE; it counts what it was asked."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}

    async def _fail(self, method: str, context: grpc.aio.ServicerContext) -> None:
        self.calls[method] = self.calls.get(method, 0) + 1
        await context.abort(grpc.StatusCode.UNAVAILABLE, "down for maintenance")

    async def AddItem(self, request, context):  # noqa: N802 (gRPC method name)
        await self._fail("AddItem", context)

    async def GetCart(self, request, context):  # noqa: N802
        return demo_pb2.Cart(user_id=request.user_id)

    async def EmptyCart(self, request, context):  # noqa: N802
        await self._fail("EmptyCart", context)


@pytest.fixture
async def flaky_cart() -> AsyncIterator[tuple[str, _FlakyCart]]:
    servicer = _FlakyCart()
    server = grpc.aio.server()
    demo_pb2_grpc.add_CartServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    yield f"127.0.0.1:{port}", servicer
    await server.stop(grace=None)


async def test_idempotent_calls_are_retried_and_add_item_only_after_checking(
    redis: RedisConnection, flaky_cart: tuple[str, _FlakyCart]
) -> None:
    addr, servicer = flaky_cart
    options = ClientOptions(policy=OPTIONS.policy, breaker_failures=100)
    async with open_boutique_clients(
        {**_everything_at("127.0.0.1:1"), "cart": addr}, redis, options
    ) as clients:
        with pytest.raises(UnavailableError):
            await clients.cart.add_item("u", "OLJCESPC7Z", 1)
        with pytest.raises(UnavailableError):
            await clients.cart.empty_cart("u")
    # Each lost AddItem answer was followed by a look at the cart (unchanged) before trying
    # again; never the transport's blind retries.
    assert servicer.calls["AddItem"] == _ADD_ATTEMPTS
    assert servicer.calls["EmptyCart"] == OPTIONS.policy.retries + 1


class _LossyCart(demo_pb2_grpc.CartServiceServicer):
    """A real little cart whose first AddItem answers are lost (after or before applying)."""

    def __init__(self, lose: list[str]) -> None:
        self.lose = lose  # per AddItem call: "after" applies then fails, "before" just fails
        self.items: dict[str, int] = {}
        self.adds = 0

    async def AddItem(self, request, context):  # noqa: N802
        self.adds += 1
        mode = self.lose.pop(0) if self.lose else None
        if mode == "before":
            await context.abort(grpc.StatusCode.UNAVAILABLE, "connection reset")
        item = request.item
        self.items[item.product_id] = self.items.get(item.product_id, 0) + item.quantity
        if mode == "after":
            await context.abort(grpc.StatusCode.UNAVAILABLE, "connection reset")
        return demo_pb2.Empty()

    async def GetCart(self, request, context):  # noqa: N802
        return demo_pb2.Cart(
            user_id=request.user_id,
            items=[demo_pb2.CartItem(product_id=p, quantity=q) for p, q in self.items.items()],
        )

    async def EmptyCart(self, request, context):  # noqa: N802
        self.items.clear()
        return demo_pb2.Empty()


@pytest.mark.parametrize(
    ("lose", "adds"), [(["after"], 1), (["before"], 2), (["before", "after"], 2)]
)
async def test_an_add_is_applied_exactly_once_when_answers_are_lost(
    redis: RedisConnection, lose: list[str], adds: int
) -> None:
    servicer = _LossyCart(list(lose))
    server = grpc.aio.server()
    demo_pb2_grpc.add_CartServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        options = ClientOptions(policy=OPTIONS.policy, breaker_failures=100)
        async with open_boutique_clients(
            {**_everything_at("127.0.0.1:1"), "cart": f"127.0.0.1:{port}"}, redis, options
        ) as clients:
            cart = await clients.cart.add_item("u", "OLJCESPC7Z", 2)
    finally:
        await server.stop(grace=None)
    assert cart.quantity_of("OLJCESPC7Z") == 2  # never 4
    assert servicer.adds == adds
