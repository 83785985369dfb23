"""Perplexity's wire format: errors, search hits, and reading Agent API answers.

An Agent API response object holds an `output` list: a `message` item whose `output_text`
parts carry the (structured) answer, and `search_results` items listing the pages searched.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal
from typing import Any

import httpx

from cartmate.errors import UnavailableError

__all__ = [
    "PerplexityAnswerError",
    "PerplexityError",
    "PerplexityQuotaError",
    "PerplexityRateLimitError",
    "PerplexityTimeoutError",
    "SearchHit",
    "StructuredAnswer",
    "agent_output",
    "json_object",
    "retry_after",
    "status_error",
    "structured_answer",
]

MAX_HITS = 20


class PerplexityError(UnavailableError):
    """Perplexity could not give an answer (down, refused, or out of retries)."""

    code = "external_unavailable"


class PerplexityRateLimitError(PerplexityError):
    """Too many requests: ours (the shared limiter) or Perplexity's (429)."""

    code = "external_rate_limited"


class PerplexityQuotaError(PerplexityError):
    """Today's request quota is spent; comparison resumes tomorrow (UTC)."""

    code = "external_quota_exhausted"
    retryable = False


class PerplexityTimeoutError(PerplexityError):
    """Perplexity did not answer within the timeout, retries included."""

    code = "external_timeout"


class PerplexityAnswerError(PerplexityError):
    """A 200 answer that is not what the documentation promises (bad JSON, broken schema)."""

    code = "external_bad_answer"
    retryable = False


@dataclass(frozen=True)
class SearchHit:
    """One web page Perplexity searched: untrusted text, shown and never fetched."""

    title: str
    url: str
    snippet: str = ""
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "snippet": self.snippet, "date": self.date}

    @classmethod
    def from_wire(cls, raw: Any) -> SearchHit | None:
        """A hit from an API result object; None when it lacks a string url or title."""
        if not isinstance(raw, dict):
            return None
        url, title = raw.get("url"), raw.get("title")
        if not isinstance(url, str) or not isinstance(title, str):
            return None
        snippet = raw.get("snippet")
        date = raw.get("date") or raw.get("last_updated")
        return cls(
            title=title,
            url=url,
            snippet=snippet if isinstance(snippet, str) else "",
            date=date if isinstance(date, str) else None,
        )


@dataclass(frozen=True)
class StructuredAnswer:
    """The Agent API's structured output (numbers as Decimal) and the pages it searched."""

    data: Any
    hits: list[SearchHit]


def status_error(status: int) -> PerplexityError:
    if status == 429:
        return PerplexityRateLimitError("Perplexity is rate limiting us; please try again soon.")
    if status in (401, 403):
        return PerplexityError("Perplexity refused the API key (check PERPLEXITY_API_KEY).")
    if status >= 500:
        return PerplexityError(f"Perplexity is failing right now (HTTP {status}).")
    return PerplexityError(f"Perplexity rejected the request (HTTP {status}).")


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - time.time())


def json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        value = response.json()
    except ValueError:
        raise PerplexityAnswerError("Perplexity answered with malformed JSON.") from None
    if not isinstance(value, dict):
        raise PerplexityAnswerError("Perplexity's answer is not a JSON object.")
    return value


def agent_output(reply: dict[str, Any]) -> tuple[str, list[SearchHit]]:
    """The output_text and search results of an Agent API response object."""
    if reply.get("status") == "failed" or isinstance(reply.get("error"), dict):
        raise PerplexityError("Perplexity could not complete the price search.")
    output = reply.get("output")
    if not isinstance(output, list):
        raise PerplexityAnswerError("Perplexity's answer has no output list.")
    texts: list[str] = []
    hits: list[SearchHit] = []
    for item in output:
        if not isinstance(item, dict):
            continue
        if item.get("type") == "message" and isinstance(item.get("content"), list):
            for part in item["content"]:
                if isinstance(part, dict) and part.get("type") == "output_text":
                    if isinstance(part.get("text"), str):
                        texts.append(part["text"])
        elif item.get("type") == "search_results" and isinstance(item.get("results"), list):
            hits.extend(h for h in map(SearchHit.from_wire, item["results"]) if h is not None)
    if not texts:
        raise PerplexityAnswerError("Perplexity's answer has no output text.")
    return "".join(texts), hits[:MAX_HITS]


def structured_answer(
    text: str, hits: list[SearchHit], check: Callable[[Any], None] | None
) -> StructuredAnswer:
    try:
        # Decimal, never float: prices stay exact from the wire on.
        data = json.loads(text, parse_float=Decimal)
    except ValueError:
        raise PerplexityAnswerError("Perplexity's structured output is not valid JSON.") from None
    if check is not None:
        try:
            check(data)
        except ValueError as exc:
            raise PerplexityAnswerError(
                "Perplexity's structured output does not follow the schema."
            ) from exc
    return StructuredAnswer(data=data, hits=hits)
