"""The Perplexity client against a fake server speaking the documented wire format."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from cartmate.pricing.offers import OFFER_SCHEMA, check_offer_answer
from cartmate.pricing.perplexity import (
    PerplexityAnswerError,
    PerplexityClient,
    PerplexityError,
    PerplexityQuotaError,
    PerplexityRateLimitError,
    PerplexityTimeoutError,
)
from cartmate.store.redis_client import RedisConnection
from tests.pricing.conftest import ClientFactory, Naps
from tests.pricing.fake_perplexity import FakePerplexity, Fault


async def ask(client: PerplexityClient, question: str = "Watch prices") -> object:
    answer = await client.structured(
        question,
        instructions="Find prices.",
        schema=OFFER_SCHEMA,
        schema_name="priceoffers",
        check=check_offer_answer,
    )
    return answer


async def test_structured_answer_is_exact_and_sent_as_documented(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    fake.offers = [{**fake.offers[0], "price": 99.5}]  # a JSON number, not a string
    fake.hits = [{"title": "Acme", "url": "https://acme.example/w", "snippet": "$99.50"}]
    answer = await ask(make_client())
    assert answer.data["offers"][0]["price"] == Decimal("99.5")  # type: ignore[attr-defined]
    assert isinstance(answer.data["offers"][0]["price"], Decimal)  # type: ignore[attr-defined]
    assert [h.url for h in answer.hits] == ["https://acme.example/w"]  # type: ignore[attr-defined]
    path, body = fake.requests[0]
    assert path == "/v1/agent" and body["preset"] == "fast-search"
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == "priceoffers"


async def test_model_and_alias_endpoint_are_configurable(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    await ask(make_client(agent_path="/v1/responses", model="openai/gpt-5-mini"))
    path, body = fake.requests[0]
    assert path == "/v1/responses" and body["model"] == "openai/gpt-5-mini"
    assert body["tools"] == [{"type": "web_search"}] and "preset" not in body


async def test_identical_queries_are_cached(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    client = make_client()
    await ask(client)
    await ask(make_client())  # another replica shares the cache through Redis
    assert fake.count("/v1/agent") == 1
    await ask(client, "Mug prices")
    assert fake.count("/v1/agent") == 2
    uncached = make_client(cache_ttl_s=0)
    await ask(uncached)
    assert fake.count("/v1/agent") == 3


async def test_429_waits_as_retry_after_says(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    naps = Naps()
    fake.then(Fault(429, headers={"Retry-After": "7"}))
    await ask(make_client(naps, max_retry_after_s=30))
    assert naps.taken == [7.0] and fake.count("/v1/agent") == 2


async def test_429_with_a_long_retry_after_gives_up_at_once(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    naps = Naps()
    fake.then(Fault(429, headers={"Retry-After": "3600"}))
    with pytest.raises(PerplexityRateLimitError):
        await ask(make_client(naps, max_retry_after_s=30))
    assert naps.taken == [] and fake.count("/v1/agent") == 1


async def test_500s_are_retried_with_growing_backoff(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    naps = Naps()
    fake.then(Fault(500), Fault(503))
    await ask(make_client(naps, retries=2, backoff_base_s=1.0))
    assert fake.count("/v1/agent") == 3
    assert 0.5 <= naps.taken[0] <= 1.0 and 1.0 <= naps.taken[1] <= 2.0
    fake.then(Fault(500), Fault(500))
    with pytest.raises(PerplexityError) as failed:
        await ask(make_client(Naps(), retries=1), "other question")
    assert failed.value.code == "external_unavailable" and failed.value.retryable


async def test_other_client_errors_are_not_retried(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    fake.then(Fault(400))
    with pytest.raises(PerplexityError):
        await ask(make_client(retries=3))
    assert fake.count("/v1/agent") == 1


async def test_timeouts(fake: FakePerplexity, make_client: ClientFactory) -> None:
    fake.then(Fault(delay_s=1.0), Fault(delay_s=1.0))
    with pytest.raises(PerplexityTimeoutError):
        await ask(make_client(timeout_s=0.2, retries=1))
    assert fake.count("/v1/agent") == 2
    fake.then(Fault(delay_s=1.0))
    answer = await ask(make_client(timeout_s=0.2, retries=1), "again")  # second try answers
    assert answer.data["offers"]  # type: ignore[attr-defined]


async def test_malformed_json_is_an_answer_error_and_not_cached(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    client = make_client()
    fake.then(Fault(200, body="{not json"))
    with pytest.raises(PerplexityAnswerError):
        await ask(client)
    assert fake.count("/v1/agent") == 1  # not retried: it would cost again for nothing
    fake.then(Fault(output_text='{"offers": [unquoted]}'))
    with pytest.raises(PerplexityAnswerError):
        await ask(client)
    await ask(client)  # nothing bad was cached
    assert fake.count("/v1/agent") == 3


async def test_schema_breaking_answers_are_rejected_and_not_cached(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    client = make_client()
    fake.then(Fault(output_text=json.dumps({"prices": []})))
    with pytest.raises(PerplexityAnswerError) as broken:
        await ask(client)
    assert broken.value.code == "external_bad_answer"
    fake.then(Fault(200, body=json.dumps({"id": "r", "object": "response", "output": "x"})))
    with pytest.raises(PerplexityAnswerError):
        await ask(client)
    assert (await ask(client)).data["offers"]  # type: ignore[attr-defined]


async def test_requests_per_minute_are_shared_across_clients(
    fake: FakePerplexity, make_client: ClientFactory
) -> None:
    options = {"requests_per_minute": 2, "max_limiter_wait_s": 0, "cache_ttl_s": 0}
    first, second = make_client(**options), make_client(**options)
    await ask(first)
    await ask(second)
    with pytest.raises(PerplexityRateLimitError):
        await ask(first)
    assert fake.count("/v1/agent") == 2  # refused before any request was sent


async def test_limiter_waits_when_allowed(fake: FakePerplexity, make_client: ClientFactory) -> None:
    naps = Naps()
    client = make_client(naps, requests_per_minute=1, max_limiter_wait_s=120, cache_ttl_s=0)
    await ask(client)
    with pytest.raises(PerplexityRateLimitError):  # recorded naps do not refill the bucket
        await ask(client)
    assert len(naps.taken) == 2 and all(0 < nap <= 60 for nap in naps.taken)


async def test_daily_quota(
    fake: FakePerplexity, make_client: ClientFactory, redis: RedisConnection
) -> None:
    client = make_client(daily_quota=2, cache_ttl_s=0)
    await ask(client)
    await ask(client)
    with pytest.raises(PerplexityQuotaError) as spent:
        await ask(client)
    assert not spent.value.retryable and fake.count("/v1/agent") == 2
    keys = [k async for k in redis.client.scan_iter(match=redis.keys.pattern("pplx", "daily"))]
    assert len(keys) == 1 and 0 < await redis.client.ttl(keys[0]) <= 2 * 86400


async def test_search_api(fake: FakePerplexity, make_client: ClientFactory) -> None:
    fake.hits = [
        {"title": "Watch at Shop", "url": "https://shop.example/watch", "snippet": "Now $95"},
        {"title": "no url"},
    ]
    hits = await make_client().search("Watch price", max_results=5)
    assert [(h.title, h.snippet) for h in hits] == [("Watch at Shop", "Now $95")]
    assert fake.requests[0] == ("/search", {"query": "Watch price", "max_results": 5})
    fake.then(Fault(200, body=json.dumps({"id": "s"})))
    with pytest.raises(PerplexityAnswerError):
        await make_client().search("Mug price")


async def test_a_wrong_key_is_reported(fake_url: str, redis: RedisConnection) -> None:
    import httpx

    from cartmate.pricing.perplexity import PerplexityOptions

    async with httpx.AsyncClient() as http:
        client = PerplexityClient(http, redis, "wrong", PerplexityOptions(base_url=fake_url))
        with pytest.raises(PerplexityError, match="API key"):
            await ask(client)
