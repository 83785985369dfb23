"""Cancelling a turn in the middle of a slow, streaming model answer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

from google.adk.models._capabilities import LlmCapabilities
from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.adk.models.registry import LLMRegistry
from google.genai import types

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.gateway.conftest import Client
from tests.servers import serve


class SlowStreamingLlm(BaseLlm):
    """Streams a long answer slowly, like a real model under load."""

    model: str = "slow-test"

    @classmethod
    def supported_models(cls) -> list[str]:
        return ["slow-test"]

    @property
    def capabilities(self) -> LlmCapabilities:
        return LlmCapabilities(output_schema_and_tools=True)

    async def generate_content_async(
        self, llm_request: LlmRequest, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        for i in range(50):
            await asyncio.sleep(0.1)
            part = types.Part(text=f"word{i} ")
            yield LlmResponse(content=types.Content(role="model", parts=[part]), partial=True)
        yield LlmResponse(content=types.Content(role="model", parts=[types.Part(text="done")]))


async def test_cancel_mid_stream_ends_the_turn_and_frees_the_session(settings: Settings) -> None:
    LLMRegistry.register(SlowStreamingLlm)
    slow = settings.model_copy(update={"model": "slow-test"})
    async with serve(create_app(slow), lifespan="on") as url:
        client = await Client.connect(url)
        try:
            await client.recv()
            await client.send({"type": "message", "text": "hello"})
            await client.until("partial")  # the answer is streaming
            await client.send({"type": "cancel"})
            frames = await client.until("turn_end")
            assert frames[-1]["status"] == "cancelled"
            assert not [f for f in frames if f["type"] == "message"]
            await client.send({"type": "message", "text": "hello again"})
            again = await client.until("turn_start")
            assert again[-1]["type"] == "turn_start"  # not busy: the lock was released
            await client.send({"type": "cancel"})
            assert (await client.until("turn_end"))[-1]["status"] == "cancelled"
        finally:
            await client.close()
