"""The Gemini path end to end against a local server speaking the Gemini API's wire format
(Vertex AI and the Gemini API cannot be reached from here): retries on 429 and the fallback
answer when the model keeps failing."""

from __future__ import annotations

import json
from typing import Any

from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.models.guard import FALLBACK_TEXT
from tests.agents.conftest import ConversationFactory
from tests.servers import serve


class FakeGemini:
    """Answers `models/{model}:streamGenerateContent` as the Gemini API does, from a script."""

    def __init__(self, statuses: list[int], text: str = "Hello from Gemini!") -> None:
        self.statuses = statuses  # one HTTP status per request; 200 streams `text`
        self.text = text
        self.requests: list[dict[str, Any]] = []
        self.app = Starlette(
            routes=[Route("/v1beta/models/{rest:path}", self.handle, methods=["POST"])]
        )

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
            return JSONResponse(
                {
                    "error": {
                        "code": status,
                        "message": "try later",
                        "status": "RESOURCE_EXHAUSTED" if status == 429 else "UNAVAILABLE",
                    }
                },
                status_code=status,
            )

        async def chunks():  # server-sent events, one candidate chunk each
            words = self.text.split(" ")
            for i, word in enumerate(words):
                piece = word + (" " if i < len(words) - 1 else "")
                chunk: dict[str, Any] = {
                    "candidates": [{"content": {"role": "model", "parts": [{"text": piece}]}}]
                }
                if i == len(words) - 1:
                    chunk["candidates"][0]["finishReason"] = "STOP"
                    chunk["usageMetadata"] = {
                        "promptTokenCount": 10,
                        "candidatesTokenCount": 4,
                        "totalTokenCount": 14,
                    }
                yield f"data: {json.dumps(chunk)}\r\n\r\n"

        return StreamingResponse(chunks(), media_type="text/event-stream")


def _gemini_services(services: AgentServices, url: str, retries: int) -> AgentServices:
    settings = services.settings.model_copy(
        update={
            "model": "auto",
            "google_api_key": SecretStr("test-key"),
            "gemini_base_url": url,
            "model_retries": retries,
            "model_retry_initial_delay_s": 0.05,
        }
    )
    return AgentServices(
        settings=settings,
        redis=services.redis,
        boutique=services.boutique,
        profiles=services.profiles,
        alerts=services.alerts,
    )


async def test_gemini_is_retried_on_429_and_streams(
    converse: ConversationFactory, services: AgentServices
) -> None:
    fake = FakeGemini(statuses=[429, 200])
    async with serve(fake.app) as url:
        gemini = _gemini_services(services, url, retries=2)
        agent = build_orchestrator_agent(StaticServices(gemini), gemini.settings)
        conversation = await converse(agent)
        turn = await conversation.say("hello")
    assert turn.text == "Hello from Gemini!" and turn.partial_text == turn.text
    assert len(fake.requests) == 2
    first = fake.requests[0]
    assert first["path"].endswith("gemini-2.5-flash:streamGenerateContent")
    assert first["key"] == "test-key"
    declared = {f["name"] for tool in first["body"]["tools"] for f in tool["functionDeclarations"]}
    assert {"transfer_to_agent", "set_display_currency"} <= declared
    system = json.dumps(first["body"]["systemInstruction"])
    assert "cartmate_state" in system  # the conversation state reaches Gemini too


async def test_a_model_that_keeps_failing_gets_the_fallback(
    converse: ConversationFactory, services: AgentServices
) -> None:
    fake = FakeGemini(statuses=[503, 503, 503, 503])
    async with serve(fake.app) as url:
        gemini = _gemini_services(services, url, retries=1)
        agent = build_orchestrator_agent(StaticServices(gemini), gemini.settings)
        conversation = await converse(agent)
        turn = await conversation.say("hello")
    assert turn.text == FALLBACK_TEXT
    assert len(fake.requests) == 2  # the first try and one retry
