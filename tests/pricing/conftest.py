"""Pricing fixtures: the fake Perplexity server, clients on it, and the agent services."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from cartmate.agent_runtime.services import AgentServices
from cartmate.pricing.perplexity import PerplexityClient, PerplexityOptions
from cartmate.store.redis_client import RedisConnection
from tests.agents.conftest import converse, services, settings
from tests.pricing.fake_perplexity import API_KEY, FakePerplexity
from tests.servers import serve

__all__ = ["Naps", "converse", "fake", "fake_url", "services", "settings"]


@pytest.fixture
def fake() -> FakePerplexity:
    return FakePerplexity()


@pytest.fixture
async def fake_url(fake: FakePerplexity) -> AsyncIterator[str]:
    async with serve(fake.app()) as url:
        yield url


@dataclass
class Naps:
    """Records the client's sleeps (backoff, Retry-After) instead of waiting them out."""

    taken: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.taken.append(seconds)


ClientFactory = Callable[..., PerplexityClient]


@pytest.fixture
async def make_client(fake_url: str, redis: RedisConnection) -> AsyncIterator[ClientFactory]:
    """`make_client(naps, **options)`: a client on the fake server, closed afterwards."""
    opened: list[PerplexityClient] = []

    def make(naps: Naps | None = None, **options: Any) -> PerplexityClient:
        chosen = PerplexityOptions(**{"base_url": fake_url, "timeout_s": 5.0, **options})
        http = httpx.AsyncClient(timeout=chosen.timeout_s)
        client = PerplexityClient(http, redis, API_KEY, chosen, sleep=naps or Naps())
        opened.append(client)
        return client

    yield make
    for client in opened:
        await client.aclose()


@pytest.fixture
def configured(services: AgentServices, fake_url: str) -> AgentServices:
    """The agent services with a Perplexity key pointing at the fake."""
    settings = services.settings.model_copy(
        update={"perplexity_api_key": SecretStr(API_KEY), "perplexity_base_url": fake_url}
    )
    return replace(services, settings=settings)
