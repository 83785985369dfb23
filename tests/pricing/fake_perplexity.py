"""A fake Perplexity API on loopback: the Agent API and Search API wire formats.

Answers follow Perplexity's documented shapes: `POST /v1/agent` (and its alias
`/v1/responses`) returns a response object whose `output` holds a `search_results` item and a
`message` item with an `output_text` part (the structured JSON as text); `POST /search` returns
`{"results": [...], "id": ...}`. A test scripts faults per request (status codes with headers,
slow answers, malformed bodies, schema-breaking answers) with `fake.then(...)`.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

API_KEY = "pplx-test-key"

DEFAULT_OFFERS: list[dict[str, Any]] = [
    {
        "retailer": "Acme Watches",
        "product_title": "Classic Watch, steel",
        "price": "99.50",
        "currency": "USD",
        "url": "https://www.acme-watches.example/classic-watch",
        "availability": "in_stock",
        "date": "2026-07-01",
    },
]


@dataclass
class Fault:
    """One scripted answer: a status (with headers and body), a delay, or both."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None  # raw body; None: the normal answer
    delay_s: float = 0.0
    output_text: str | None = None  # a 200 whose structured text is this


@dataclass
class FakePerplexity:
    """The fake's state: its scripted faults, its data and the requests it saw."""

    offers: list[dict[str, Any]] = field(default_factory=lambda: list(DEFAULT_OFFERS))
    hits: list[dict[str, Any]] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def then(self, *faults: Fault) -> FakePerplexity:
        self.faults.extend(faults)
        return self

    def count(self, path: str) -> int:
        return sum(1 for seen, _ in self.requests if seen == path)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/agent", self._agent, methods=["POST"]),
                Route("/v1/responses", self._agent, methods=["POST"]),
                Route("/search", self._search, methods=["POST"]),
            ]
        )

    async def _common(self, request: Request) -> tuple[dict[str, Any] | None, Response | None]:
        if request.headers.get("authorization") != f"Bearer {API_KEY}":
            return None, JSONResponse({"error": {"message": "invalid api key"}}, 401)
        body = await request.json()
        self.requests.append((request.url.path, body))
        fault = self.faults.popleft() if self.faults else Fault()
        if fault.delay_s:
            await asyncio.sleep(fault.delay_s)
        if fault.status != 200 or fault.body is not None:
            return body, Response(
                fault.body if fault.body is not None else '{"error": {"message": "failed"}}',
                status_code=fault.status,
                headers=fault.headers,
                media_type="application/json",
            )
        if fault.output_text is not None:
            body["_output_text"] = fault.output_text
        return body, None

    async def _agent(self, request: Request) -> Response:
        body, early = await self._common(request)
        if early is not None:
            return early
        assert body is not None
        form = body.get("response_format") or {}
        schema = form.get("json_schema") or {}
        if (
            not isinstance(body.get("input"), str)
            or not (body.get("model") or body.get("preset"))
            or form.get("type") != "json_schema"
            or not schema.get("name")
            or not isinstance(schema.get("schema"), dict)
        ):
            return JSONResponse({"detail": "validation error"}, 422)
        text = body.get("_output_text", json.dumps({"offers": self.offers}))
        return JSONResponse(
            {
                "id": f"resp_{len(self.requests)}",
                "object": "response",
                "created_at": int(time.time()),
                "model": body.get("model") or "perplexity/sonar",
                "status": "completed",
                "output": [
                    {"type": "search_results", "queries": [body["input"]], "results": self._hits()},
                    {
                        "type": "message",
                        "id": "msg_1",
                        "status": "completed",
                        "role": "assistant",
                        "content": [{"type": "output_text", "text": text, "annotations": []}],
                    },
                ],
                "usage": {"input_tokens": 12, "output_tokens": 34, "total_tokens": 46},
            }
        )

    async def _search(self, request: Request) -> Response:
        body, early = await self._common(request)
        if early is not None:
            return early
        assert body is not None
        if not isinstance(body.get("query"), str):
            return JSONResponse({"detail": "validation error"}, 422)
        limit = int(body.get("max_results", 10))
        return JSONResponse({"results": self._hits()[:limit], "id": "search_1"})

    def _hits(self) -> list[dict[str, Any]]:
        return [
            {"id": n, "source": "web", "snippet": "", "date": None, **hit}
            for n, hit in enumerate(self.hits, 1)
        ]
