"""An httpx client for Perplexity's Agent API (structured output) and Search API.

The Sonar chat-completions endpoint is being retired, so this speaks the Agent API:
`POST /v1/agent` (`/v1/responses` is an accepted alias) with `response_format` of type
`json_schema`; the answer's JSON is the `output_text` part of its `message` output item, and
the web pages it used come as a `search_results` output item. The Search API (`POST /search`)
returns raw results (title, url, snippet, date) and serves as a fallback.

Every request, retries included, first takes a token from a requests-per-minute bucket and a
unit of a daily quota, both in Redis so all replicas share them. 429 and 5xx answers and
timeouts are retried with exponential backoff and jitter, honouring `Retry-After`. Answers
that parsed (and passed the caller's check) are cached in Redis, keyed by the request body.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from cartmate.config import Settings
from cartmate.pricing.perplexity_wire import (
    MAX_HITS,
    PerplexityAnswerError,
    PerplexityError,
    PerplexityQuotaError,
    PerplexityRateLimitError,
    PerplexityTimeoutError,
    SearchHit,
    StructuredAnswer,
    agent_output,
    json_object,
    retry_after,
    status_error,
    structured_answer,
)
from cartmate.store.rate_limits import TokenBucket
from cartmate.store.redis_client import RedisConnection, redis_errors
from cartmate.telemetry import instrument_httpx

__all__ = [
    "PerplexityAnswerError",
    "PerplexityClient",
    "PerplexityError",
    "PerplexityOptions",
    "PerplexityQuotaError",
    "PerplexityRateLimitError",
    "PerplexityTimeoutError",
    "SearchHit",
    "StructuredAnswer",
    "open_perplexity",
]

log = logging.getLogger(__name__)

_DAY_S = 86400


@dataclass(frozen=True)
class PerplexityOptions:
    """How the client talks to Perplexity; `from_settings` reads the CARTMATE_ settings."""

    base_url: str = "https://api.perplexity.ai"
    agent_path: str = "/v1/agent"
    search_path: str = "/search"
    preset: str = "fast-search"
    model: str | None = None
    timeout_s: float = 30.0
    retries: int = 2
    backoff_base_s: float = 0.5
    backoff_max_s: float = 8.0
    max_retry_after_s: float = 30.0
    requests_per_minute: int = 50
    daily_quota: int = 1000
    cache_ttl_s: int = 6 * 3600
    max_limiter_wait_s: float = 5.0  # a caller waits this long for a limiter token, no more

    @classmethod
    def from_settings(cls, settings: Settings) -> PerplexityOptions:
        return cls(
            base_url=settings.perplexity_base_url,
            agent_path=settings.perplexity_agent_path,
            search_path=settings.perplexity_search_path,
            preset=settings.perplexity_preset,
            model=settings.perplexity_model,
            timeout_s=settings.perplexity_timeout_s,
            retries=settings.perplexity_retries,
            backoff_base_s=settings.perplexity_backoff_base_s,
            max_retry_after_s=settings.perplexity_max_retry_after_s,
            requests_per_minute=settings.perplexity_requests_per_minute,
            daily_quota=settings.perplexity_daily_quota,
            cache_ttl_s=settings.perplexity_cache_ttl_s,
        )


Sleep = Callable[[float], Awaitable[None]]


class PerplexityClient:
    """Perplexity's Agent and Search APIs for one API key, limited and cached in Redis."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        redis: RedisConnection,
        api_key: str,
        options: PerplexityOptions | None = None,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._http = http
        self._redis = redis
        self._key = api_key
        self.options = options or PerplexityOptions()
        self._sleep = sleep
        self._bucket = TokenBucket.per_minute(redis, "perplexity", self.options.requests_per_minute)

    # ------------------------------------------------------------------------ public API

    async def structured(
        self,
        question: str,
        *,
        instructions: str,
        schema: dict[str, Any],
        schema_name: str,
        check: Callable[[Any], None] | None = None,
    ) -> StructuredAnswer:
        """Ask the Agent API for JSON following `schema`, with web search.

        Args:
            question: The input text.
            instructions: System instructions for the model.
            schema: The JSON schema of the answer.
            schema_name: The schema's name (1-64 alphanumeric characters).
            check: Raises ValueError when parsed data does not fit; such answers are neither
                returned nor cached.

        Returns:
            The parsed answer (JSON numbers as Decimal) and the search results it used.

        Raises:
            PerplexityAnswerError: Malformed JSON, or an answer `check` rejects.
            PerplexityError: Unavailable, rate limited, out of quota or timed out.
        """
        body: dict[str, Any] = {
            "input": question,
            "instructions": instructions,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "schema": schema},
            },
        }
        if self.options.model:
            body.update(model=self.options.model, tools=[{"type": "web_search"}])
        else:
            body["preset"] = self.options.preset
        path = self.options.agent_path
        cached = await self._cached(path, body)
        if cached is None:
            reply = await self._post(path, body)
            text, hits = agent_output(reply)
            cached = {"text": text, "hits": [h.to_dict() for h in hits]}
            answer = structured_answer(text, hits, check)
            await self._remember(path, body, cached)
            return answer
        hits = [h for h in map(SearchHit.from_wire, cached.get("hits", [])) if h is not None]
        return structured_answer(str(cached.get("text", "")), hits, check)

    async def search(self, query: str, max_results: int = 10) -> list[SearchHit]:
        """Raw web results from the Search API (title, url, snippet, date).

        Raises:
            PerplexityAnswerError: The answer has no `results` list.
            PerplexityError: Unavailable, rate limited, out of quota or timed out.
        """
        path = self.options.search_path
        body = {"query": query, "max_results": max_results}
        cached = await self._cached(path, body)
        if cached is None:
            reply = await self._post(path, body)
            results = reply.get("results")
            if not isinstance(results, list):
                raise PerplexityAnswerError("Perplexity's search answer had no results list.")
            hits = [h for h in map(SearchHit.from_wire, results) if h is not None]
            await self._remember(path, body, {"hits": [h.to_dict() for h in hits]})
            return hits[:MAX_HITS]
        return [h for h in map(SearchHit.from_wire, cached.get("hits", [])) if h is not None]

    async def aclose(self) -> None:
        """Close the HTTP client (when this client owns it)."""
        await self._http.aclose()

    # ------------------------------------------------------------------------ requests

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST with limiter, quota and retries; the decoded JSON object of a 200 answer."""
        url = self.options.base_url.rstrip("/") + path
        headers = {"Authorization": f"Bearer {self._key}", "Accept": "application/json"}
        failure: PerplexityError = PerplexityError("Perplexity is unavailable right now.")
        for attempt in range(self.options.retries + 1):
            await self._admit()
            delay = self._backoff(attempt)
            try:
                response = await self._http.post(url, json=body, headers=headers)
            except httpx.TimeoutException:
                failure = PerplexityTimeoutError("Perplexity did not answer in time.")
            except httpx.TransportError:
                failure = PerplexityError("Perplexity cannot be reached right now.")
            else:
                if response.status_code == 200:
                    return json_object(response)
                if response.status_code == 429 or response.status_code >= 500:
                    wait = retry_after(response.headers.get("retry-after"))
                    if wait is not None:
                        if wait > self.options.max_retry_after_s:
                            raise status_error(response.status_code)
                        delay = wait  # the server knows best when it will take us again
                    failure = status_error(response.status_code)
                else:
                    raise status_error(response.status_code)
            log.info(
                "perplexity request failed",
                extra={"path": path, "attempt": attempt + 1, "error": failure.code},
            )
            if attempt < self.options.retries:
                await self._sleep(delay)
        raise failure

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter, so replicas do not retry in lockstep."""
        ceiling = min(self.options.backoff_max_s, self.options.backoff_base_s * 2**attempt)
        return random.uniform(ceiling / 2, ceiling)

    async def _admit(self) -> None:
        """Take a token from the shared per-minute bucket, then a unit of today's quota."""
        waited = 0.0
        while True:
            decision = await self._bucket.take("requests")
            if decision.allowed:
                break
            if waited + decision.retry_after_s > self.options.max_limiter_wait_s:
                raise PerplexityRateLimitError(
                    "Too many price look-ups right now; please try again in a minute."
                )
            await self._sleep(decision.retry_after_s)
            waited += decision.retry_after_s
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        key = self._redis.keys.key("pplx", "daily", day)
        with redis_errors("Perplexity quota"):
            async with self._redis.client.pipeline(transaction=True) as pipe:
                pipe.incr(key)
                pipe.expire(key, 2 * _DAY_S)  # outlives the day, then goes by itself
                used, _ = await pipe.execute()
        if int(used) > self.options.daily_quota:
            raise PerplexityQuotaError(
                "Today's quota of price look-ups is used up; comparison resumes tomorrow."
            )

    # ------------------------------------------------------------------------ cache

    def _cache_key(self, path: str, body: dict[str, Any]) -> str:
        canonical = json.dumps({"path": path, "body": body}, sort_keys=True, default=str)
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        return self._redis.keys.key("pplx", "cache", digest)

    async def _cached(self, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
        if self.options.cache_ttl_s <= 0:
            return None
        with redis_errors("Perplexity cache"):
            raw = await self._redis.client.get(self._cache_key(path, body))
        if raw is None:
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    async def _remember(self, path: str, body: dict[str, Any], value: dict[str, Any]) -> None:
        if self.options.cache_ttl_s <= 0:
            return
        with redis_errors("Perplexity cache"):
            await self._redis.client.set(
                self._cache_key(path, body), json.dumps(value), ex=self.options.cache_ttl_s
            )


@contextlib.asynccontextmanager
async def open_perplexity(
    settings: Settings, redis: RedisConnection
) -> AsyncIterator[PerplexityClient | None]:
    """A client for the configured key (None without PERPLEXITY_API_KEY); closed on exit."""
    if settings.perplexity_api_key is None:
        yield None
        return
    options = PerplexityOptions.from_settings(settings)
    async with httpx.AsyncClient(timeout=_timeout(options)) as http:
        instrument_httpx(http)
        yield PerplexityClient(http, redis, settings.perplexity_api_key.get_secret_value(), options)


def _timeout(options: PerplexityOptions) -> httpx.Timeout:
    return httpx.Timeout(options.timeout_s, connect=min(5.0, options.timeout_s))


def build_client(settings: Settings, redis: RedisConnection) -> PerplexityClient | None:
    """A client owning its own httpx client (close it with `aclose`); None without a key."""
    if settings.perplexity_api_key is None:
        return None
    options = PerplexityOptions.from_settings(settings)
    http = instrument_httpx(httpx.AsyncClient(timeout=_timeout(options)))
    return PerplexityClient(http, redis, settings.perplexity_api_key.get_secret_value(), options)
