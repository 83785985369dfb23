"""A gateway process runs at most CARTMATE_MAX_CONCURRENT_TURNS turns at once; the rest wait
(after `turn_start`) and can be cancelled while they wait."""

from __future__ import annotations

from google.adk.models.registry import LLMRegistry

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.gateway.conftest import Client
from tests.gateway.test_cancel import SlowStreamingLlm
from tests.servers import serve


async def test_a_second_turn_waits_for_the_only_slot(settings: Settings) -> None:
    LLMRegistry.register(SlowStreamingLlm)
    one_slot = settings.model_copy(update={"model": "slow-test", "max_concurrent_turns": 1})
    async with serve(create_app(one_slot), lifespan="on") as url:
        first, second = await Client.connect(url), await Client.connect(url)
        try:
            await first.recv()
            await second.recv()
            await first.send({"type": "message", "text": "hello"})
            await first.until("partial")  # the first turn holds the slot, streaming
            await second.send({"type": "message", "text": "hello too"})
            await second.until("turn_start")  # accepted at once, then waits
            for _ in range(15):  # the first keeps streaming (a partial every 0.1 s) ...
                await first.until("partial")
            # ... while the second, waiting for the slot, has streamed nothing.
            await second.send({"type": "cancel"})
            waited = await second.until("turn_end")
            assert waited[-1]["status"] == "cancelled"
            assert not [f for f in waited if f["type"] == "partial"]

            await first.send({"type": "cancel"})
            assert (await first.until("turn_end"))[-1]["status"] == "cancelled"
            # The slot is free again: the second session's next turn streams.
            await second.send({"type": "message", "text": "now?"})
            await second.until("partial")
            await second.send({"type": "cancel"})
            await second.until("turn_end")
        finally:
            await first.close()
            await second.close()
