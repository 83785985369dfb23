"""A local server speaking the Gemini API's `generateContent` (non-streaming) wire format."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

__all__ = ["STYLE_ANSWER", "FakeGeminiJson"]

STYLE_ANSWER: dict[str, Any] = {
    "items": ["Blazer", "trousers", "loafers"],
    "colours": [
        {"name": "navy", "hex": "#1f2a44", "share": 0.6},
        {"name": "cream", "hex": "#F6F1E0", "share": 0.3},
        {"name": "tan", "hex": "not a hex", "share": 0.1},
    ],
    "patterns": ["solid"],
    "materials": ["wool", "leather"],
    "silhouettes": ["tailored"],
    "formality": "smart-casual",
    "occasions": ["work", "dinner"],
    "aesthetics": [
        {"name": "classic", "confidence": 0.9},
        {"name": "boho", "confidence": 0.2},
        {"name": "cottagecore", "confidence": 0.5},
    ],
    "brightness": 0.4,
    "contrast": 0.5,
    "saturation": 0.2,
    "summary": "A tailored navy and cream work look.",
}


class FakeGeminiJson:
    """Answers `POST /v1beta/models/{model}:generateContent` from a script of statuses."""

    def __init__(self, statuses: list[int] | None = None, answer: Any = None) -> None:
        self.statuses = list(statuses or [])  # one per request; 200 (or none left) answers
        self.answer = STYLE_ANSWER if answer is None else answer
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
                {"error": {"code": status, "message": "quota", "status": "RESOURCE_EXHAUSTED"}},
                status_code=status,
            )
        text = self.answer if isinstance(self.answer, str) else json.dumps(self.answer)
        return JSONResponse(
            {
                "candidates": [
                    {
                        "content": {"role": "model", "parts": [{"text": text}]},
                        "finishReason": "STOP",
                    }
                ],
                "usageMetadata": {"promptTokenCount": 300, "totalTokenCount": 400},
            }
        )
