"""A local server speaking the Gemini API's wire format (Gemini cannot be reached from here).

`POST /v1beta/models/{model}:generateContent` answers one JSON candidate;
`...:streamGenerateContent?alt=sse` streams the same text word by word as server-sent events.
A script of HTTP statuses (one per request, 200 once it runs out) drives failures, and every
request is recorded for assertions. `gemini_services` serves one and points the agents at it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import with_settings
from tests.servers import serve

__all__ = ["FakeGemini", "gemini_services"]

_USAGE = {"promptTokenCount": 10, "candidatesTokenCount": 4, "totalTokenCount": 14}


class FakeGemini:
    def __init__(self, statuses: list[int] | None = None, answer: Any = "Hello from Gemini!"):
        self.statuses = list(statuses or [])
        self.answer = answer  # text, or a JSON-able object (a structured answer)
        self.requests: list[dict[str, Any]] = []
        self.app = Starlette(
            routes=[Route("/v1beta/models/{rest:path}", self.handle, methods=["POST"])]
        )

    @property
    def text(self) -> str:
        return self.answer if isinstance(self.answer, str) else json.dumps(self.answer)

    async def handle(self, request: Request) -> Response:
        self.requests.append(
            {
                "path": request.url.path,
                "key": request.headers.get("x-goog-api-key"),
                "body": await request.json(),
            }
        )
        status = self.statuses.pop(0) if self.statuses else 200
        if status != 200:
            kind = "RESOURCE_EXHAUSTED" if status == 429 else "UNAVAILABLE"
            return JSONResponse(
                {"error": {"code": status, "message": "try later", "status": kind}},
                status_code=status,
            )
        if request.url.path.endswith(":streamGenerateContent"):
            return StreamingResponse(self._chunks(), media_type="text/event-stream")
        return JSONResponse(
            {
                "candidates": [
                    {
                        "content": {"role": "model", "parts": [{"text": self.text}]},
                        "finishReason": "STOP",
                    }
                ],
                "usageMetadata": _USAGE,
            }
        )

    async def _chunks(self) -> AsyncIterator[str]:
        words = self.text.split(" ")
        for i, word in enumerate(words):
            piece = word + (" " if i < len(words) - 1 else "")
            candidate: dict[str, Any] = {"content": {"role": "model", "parts": [{"text": piece}]}}
            chunk: dict[str, Any] = {"candidates": [candidate]}
            if i == len(words) - 1:
                candidate["finishReason"] = "STOP"
                chunk["usageMetadata"] = _USAGE
            yield f"data: {json.dumps(chunk)}\r\n\r\n"


@contextlib.asynccontextmanager
async def gemini_services(
    fake: FakeGemini, services: AgentServices, retries: int
) -> AsyncIterator[AgentServices]:
    """`services` switched to Gemini, reaching `fake` served locally for the block."""
    async with serve(fake.app) as url:
        yield with_settings(
            services,
            model="auto",
            google_api_key=SecretStr("test-key"),
            gemini_base_url=url,
            model_retries=retries,
            model_retry_initial_delay_s=0.05,
        )
