"""Model-call guard: per-user and global quotas (Redis token buckets) and a fallback answer.

Installed on every agent as `before_model_callback` and `on_model_error_callback`:
- Before each model call one token is taken from the shopper's bucket and from the global one
  (CARTMATE_MODEL_CALLS_PER_MINUTE_PER_USER, CARTMATE_MODEL_CALLS_PER_MINUTE). Without one the
  call is skipped and the shopper is told when to try again. If Redis itself is down the guard
  lets the call through (logged): a broken limiter must not silence every conversation.
  A shopper's first call takes up to two tokens (a turn with a tool call makes two calls), and
  the agent's next call for that shopper within a minute spends the spare one without asking
  Redis: half the round trips, and never more calls than tokens taken (a spare not spent
  within the minute is lost, so the quota can be one call stricter than configured).
- When the model still fails after its own retries (429, 5xx, timeouts), the shopper gets a
  plain apology instead of an error, and the failure is logged once.
"""

from __future__ import annotations

import logging
import math
import time

from google.adk.agents.callback_context import CallbackContext
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.genai import types

from cartmate.agent_runtime.services import AgentServices, ServiceProvider
from cartmate.errors import UnavailableError
from cartmate.store.rate_limits import JointBuckets, TokenBucket

__all__ = ["FALLBACK_TEXT", "ModelGuard"]

log = logging.getLogger(__name__)

_USER, _EVERYONE = 0, 1  # the buckets' order in the joint take
_PREPAID = 2  # tokens one take asks for at most
_SPARE_S = 60.0  # how long a spare token is spent here before it is forgotten
_MAX_SPARES = 10_000  # shoppers with a spare token kept, oldest forgotten first

FALLBACK_TEXT = (
    "Sorry, I'm having trouble thinking right now. Please try again in a moment; "
    "your cart and preferences are safe."
)


def _text_response(text: str, code: str) -> LlmResponse:
    return LlmResponse(
        content=types.Content(role="model", parts=[types.Part(text=text)]),
        custom_metadata={"cartmate_guard": code},
        turn_complete=True,
    )


class ModelGuard:
    """Quota and fallback callbacks bound to the process's services."""

    def __init__(self, provider: ServiceProvider) -> None:
        self._provider = provider
        self._buckets: dict[int, JointBuckets] = {}
        # Shopper -> (model calls paid for and not made yet, when they were paid for).
        self._spare: dict[str, tuple[int, float]] = {}

    def _spend_spare(self, user_id: str, now: float) -> bool:
        """Spends one token this process already took for the shopper, if it has one."""
        count, since = self._spare.pop(user_id, (0, 0.0))
        if count <= 0 or now - since > _SPARE_S:
            return False
        if count > 1:
            self._spare[user_id] = (count - 1, since)
        return True

    def _keep_spare(self, user_id: str, count: int, now: float) -> None:
        if count <= 0:
            return
        self._spare[user_id] = (count, now)
        while len(self._spare) > _MAX_SPARES:
            del self._spare[next(iter(self._spare))]

    def _buckets_for(self, services: AgentServices) -> JointBuckets:
        """The shopper's bucket and the global one, taken from together in one call."""
        key = id(services)
        if key not in self._buckets:
            settings = services.settings
            self._buckets[key] = JointBuckets(
                services.redis,
                [
                    TokenBucket.per_minute(
                        services.redis, "model-user", settings.model_calls_per_minute_per_user
                    ),
                    TokenBucket.per_minute(
                        services.redis, "model-all", settings.model_calls_per_minute
                    ),
                ],
            )
        return self._buckets[key]

    async def before_model(
        self, callback_context: CallbackContext, llm_request: LlmRequest
    ) -> LlmResponse | None:
        del llm_request
        user_id, now = callback_context.user_id, time.monotonic()
        if self._spend_spare(user_id, now):
            return None
        services = await self._provider.get()
        try:
            decision = await self._buckets_for(services).take([user_id, "all"], up_to=_PREPAID)
        except UnavailableError:
            log.warning("model quota unchecked: rate limiter unavailable")
            return None
        if decision.refused == _USER:
            wait = max(1, math.ceil(decision.retry_after_s))
            log.info("model call refused: user quota", extra={"retry_after_s": wait})
            return _text_response(
                f"You're sending messages faster than I can keep up with. "
                f"Please wait about {wait} seconds and try again.",
                "user_rate_limited",
            )
        if decision.refused == _EVERYONE:
            log.warning("model call refused: global quota")
            return _text_response(
                "I'm very busy right now. Please try again in a minute.", "rate_limited"
            )
        self._keep_spare(user_id, decision.taken - 1, now)
        return None

    async def on_model_error(
        self, callback_context: CallbackContext, llm_request: LlmRequest, error: Exception
    ) -> LlmResponse | None:
        del llm_request
        log.error(
            "model failed; answering with the fallback",
            extra={
                "agent": callback_context.agent_name,
                "error": type(error).__name__,
                "detail": str(error)[:300],
            },
        )
        return _text_response(FALLBACK_TEXT, "model_error")
