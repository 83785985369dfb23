"""The model guard: per-user and global quotas in Redis, and the fallback answer."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from types import SimpleNamespace

import pytest
from google.adk.models._capabilities import LlmCapabilities
from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.models.guard import FALLBACK_TEXT, ModelGuard
from cartmate.store.rate_limits import JointBuckets, TokenBucket
from tests.agents.conftest import ConversationFactory, with_settings


async def test_user_quota_stops_model_calls(
    converse: ConversationFactory, services: AgentServices
) -> None:
    limited = with_settings(services, model_calls_per_minute_per_user=2)
    agent = build_orchestrator_agent(StaticServices(limited), limited.settings)
    conversation = await converse(agent, user_id="eager")
    assert "CartMate" in (await conversation.say("hello")).text
    await conversation.say("hi")
    refused = await conversation.say("hey")
    assert "faster than I can keep up" in refused.text
    other = await converse(agent, user_id="patient")
    assert "CartMate" in (await other.say("hello")).text  # quotas are per user


async def test_token_bucket_refills_and_reports_wait(services: AgentServices) -> None:
    bucket = TokenBucket(services.redis, "test", capacity=2, refill_per_s=0.5)
    assert (await bucket.take("k")).allowed
    assert (await bucket.take("k")).allowed
    refused = await bucket.take("k")
    assert not refused.allowed and 0 < refused.retry_after_s <= 2.0
    assert (await bucket.take("other")).allowed


async def test_joint_take_is_all_or_nothing(services: AgentServices) -> None:
    user = TokenBucket(services.redis, "joint-user", capacity=3, refill_per_s=0.01)
    everyone = TokenBucket(services.redis, "joint-all", capacity=1, refill_per_s=0.01)
    joint = JointBuckets(services.redis, [user, everyone])
    assert (await joint.take(["u1", "all"])).refused is None
    refused = await joint.take(["u1", "all"])
    assert refused.refused == 1 and refused.retry_after_s > 0  # the global bucket is empty
    # ... and the shopper's token was not used up by the refused call: two are left.
    assert (await user.take("u1")).allowed and (await user.take("u1")).allowed
    assert (await joint.take(["u1", "all"])).refused == 0  # now the shopper's is empty too


async def test_joint_take_up_to_takes_what_every_bucket_can_spare(
    services: AgentServices,
) -> None:
    user = TokenBucket(services.redis, "upto-user", capacity=3, refill_per_s=0.001)
    everyone = TokenBucket(services.redis, "upto-all", capacity=100, refill_per_s=0.001)
    joint = JointBuckets(services.redis, [user, everyone])
    assert (await joint.take(["u1", "all"], up_to=2)).taken == 2
    assert (await joint.take(["u1", "all"], up_to=2)).taken == 1  # the shopper's last one
    assert (await joint.take(["u1", "all"], up_to=2)).refused == 0
    assert (await everyone.take("all", tokens=97)).allowed  # the global bucket gave 3 in all


async def test_a_shoppers_second_model_call_spends_the_token_taken_with_the_first(
    services: AgentServices,
) -> None:
    limited = with_settings(services, model_calls_per_minute_per_user=5)
    guard = ModelGuard(StaticServices(limited))
    key = limited.redis.keys.key("rate", "model-user", "two-calls")

    async def call(user_id: str = "two-calls") -> LlmResponse | None:
        return await guard.before_model(SimpleNamespace(user_id=user_id), LlmRequest())  # type: ignore[arg-type]

    async def tokens_left() -> float:
        return float(await limited.redis.client.hget(key, "tokens"))

    assert await call() is None
    assert round(await tokens_left()) == 3  # two taken in one round trip
    assert await call() is None
    assert round(await tokens_left()) == 3  # the spare one: Redis not asked
    assert await call("someone else") is None  # a spare is the shopper's own
    assert await call() is None and await call() is None
    assert round(await tokens_left()) == 1
    assert await call() is None  # the last token: no spare left over
    refused = await call()
    assert refused is not None and "faster than I can keep up" in str(refused.content)


async def test_joint_take_needs_one_key_per_bucket(services: AgentServices) -> None:
    joint = JointBuckets(services.redis, [TokenBucket(services.redis, "x", 1, 1.0)])
    with pytest.raises(ValueError, match="one key per bucket"):
        await joint.take(["a", "b"])


class _BrokenModel(BaseLlm):
    model: str = "broken"

    @property
    def capabilities(self) -> LlmCapabilities:
        return LlmCapabilities(output_schema_and_tools=True)

    async def generate_content_async(
        self, llm_request: LlmRequest, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        raise ConnectionError("model backend down")
        yield  # pragma: no cover


async def test_model_failure_becomes_the_fallback_answer(
    converse: ConversationFactory, provider: StaticServices, services: AgentServices
) -> None:
    agent = build_orchestrator_agent(provider, services.settings)
    agent.model = _BrokenModel()
    conversation = await converse(agent)
    turn = await conversation.say("hello")
    assert turn.text == FALLBACK_TEXT
