"""Each agent over real HTTP with the SDK's client: cards, messages, streaming, tasks."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from a2a.client import A2ACardResolver
from a2a.types import (
    CancelTaskRequest,
    GetTaskRequest,
    ListTasksRequest,
    Part,
    SubscribeToTaskRequest,
    TaskState,
)
from a2a.utils.errors import InvalidParamsError, TaskNotCancelableError, TaskNotFoundError

from cartmate.a2a.cards import build_agent_card
from cartmate.a2a.metadata import ACTIONS_KEY, STATE_KEY
from cartmate.agent_runtime.services import AgentServices
from cartmate.agent_runtime.topology import AGENTS
from cartmate.config import Settings
from cartmate.store.redis_session_service import RedisSessionService
from tests.a2a.conftest import (
    Gate,
    a2a_client,
    collect,
    gated_agent,
    outcome,
    send_request,
    serve_agent,
    user_message,
)
from tests.agents.conftest import png_bytes

MUG = "6E92ZMYYFZ"

# One thing each agent can do on the offline model without outside services.
_ASKS = {
    "orchestrator": "hi, what can you do?",
    "product_discovery": "show me sunglasses",
    "cart_manager": "what's in my cart?",
    "style_profiler": "what's my style profile?",
    "price_comparison": "which price alerts do I have?",
}


async def _cart(services: AgentServices, user_id: str) -> dict[str, int]:
    cart = await services.boutique.cart.get_cart(user_id)
    return {item.product_id: item.quantity for item in cart.items}


@pytest.mark.parametrize("name", AGENTS)
async def test_every_agent_serves_its_card_and_answers(
    settings: Settings, services: AgentServices, shopper_id: str, name: str
) -> None:
    async with serve_agent(name, settings, services) as served:
        async with httpx.AsyncClient() as http:
            card = await A2ACardResolver(http, served.url).get_agent_card()
            assert card == build_agent_card(name, settings, url=served.url)
            assert (await http.get(f"{served.url}/healthz")).json() == {
                "status": "ok",
                "agent": name,
            }
            ready = await http.get(f"{served.url}/readyz")
            assert ready.status_code == 200 and ready.json()["ready"] is True, ready.text
            docs = await http.get(card.documentation_url)
            assert docs.status_code == 200 and card.skills[0].examples[0] in docs.text
        async with a2a_client(served.url) as client:
            result = outcome(
                await collect(client, send_request(user_message(_ASKS[name], user_id=shopper_id)))
            )
        assert result.state == "TASK_STATE_COMPLETED", result
        assert result.text.strip()


@pytest.mark.parametrize("streaming", [True, False], ids=["stream", "send"])
@pytest.mark.parametrize("binding", ["JSONRPC", "HTTP+JSON"])
async def test_cart_manager_changes_the_cart_of_the_metadata_user(
    settings: Settings, services: AgentServices, shopper_id: str, streaming: bool, binding: str
) -> None:
    async with (
        serve_agent("cart_manager", settings, services) as served,
        a2a_client(served.url, streaming=streaming, binding=binding) as client,
    ):
        responses = await collect(
            client, send_request(user_message("add two mugs", user_id=shopper_id))
        )
        result = outcome(responses)
        assert result.state == "TASK_STATE_COMPLETED", result
        assert "Mug" in result.text
        assert await _cart(services, shopper_id) == {MUG: 2}
        if streaming:
            # Submitted, then working updates while the agent works, its answer as an artifact.
            assert result.kinds[0] == "task"
            assert result.states[1:-1] and set(result.states[1:-1]) == {"TASK_STATE_WORKING"}
            assert result.kinds[-2:] == ["artifact_update", "status_update"]
            # The state crosses once, on the final status; streamed events carry no ADK state
            # delta, which no ADK caller takes from a peer.
            updates = [r.status_update for r in responses if r.HasField("status_update")]
            assert updates[-1].metadata[STATE_KEY]["cart_lines"][0]["id"] == MUG
            tool_steps = [u for u in updates if u.status.message.parts]
            assert tool_steps, "the tool call and its result are streamed"
            assert all(ACTIONS_KEY not in u.metadata for u in updates)
            assert all(STATE_KEY not in u.metadata for u in updates[:-1])
        stored = await client.get_task(GetTaskRequest(id=result.task_id))
        assert stored.status.state == TaskState.TASK_STATE_COMPLETED
        assert stored.context_id == result.context_id
        assert stored.artifacts[0].parts[0].text == result.text
        listed = await client.list_tasks(ListTasksRequest(context_id=result.context_id))
        assert [task.id for task in listed.tasks] == [result.task_id]


async def test_a_context_is_one_conversation_and_state_comes_from_metadata(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    async with (
        serve_agent("cart_manager", settings, services) as served,
        a2a_client(served.url) as client,
    ):
        first = outcome(
            await collect(
                client,
                send_request(
                    user_message(
                        "add two mugs",
                        user_id=shopper_id,
                        state={"display_currency": "EUR", "app:price_list": "cheap"},
                    )
                ),
            )
        )
        assert "€" in first.text, first.text
        session = await served.app.state.runner.session_service.get_session(
            app_name="cart_manager", user_id=shopper_id, session_id=first.context_id
        )
        assert session.state["display_currency"] == "EUR"
        assert "app:price_list" not in session.state  # only conversation state crosses
        # A new task in the same context continues the ADK session ("it" is the mug).
        second = outcome(
            await collect(
                client,
                send_request(
                    user_message("make it 4", user_id=shopper_id, context_id=first.context_id)
                ),
            )
        )
        assert second.context_id == first.context_id and second.task_id != first.task_id
        assert second.state == "TASK_STATE_COMPLETED", second
        assert await _cart(services, shopper_id) == {MUG: 4}


async def test_a_currency_for_one_answer_crosses_for_that_task_only(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    async with (
        serve_agent("cart_manager", settings, services) as served,
        a2a_client(served.url) as client,
    ):
        state = {"display_currency": "GBP", "temp:answer_currency": "JPY"}
        first = outcome(
            await collect(
                client,
                send_request(user_message("add two mugs", user_id=shopper_id, state=state)),
            )
        )
        assert "¥" in first.text and "£" not in first.text, first.text
        session = await served.app.state.runner.session_service.get_session(
            app_name="cart_manager", user_id=shopper_id, session_id=first.context_id
        )
        assert session.state["display_currency"] == "GBP"
        assert "temp:answer_currency" not in session.state  # that answer's, never stored
        second = outcome(
            await collect(
                client,
                send_request(
                    user_message("show my cart", user_id=shopper_id, context_id=first.context_id)
                ),
            )
        )
        assert "£" in second.text and "¥" not in second.text, second.text


async def test_without_a_user_id_the_context_is_the_shopper(
    settings: Settings, services: AgentServices
) -> None:
    async with (
        serve_agent("cart_manager", settings, services) as served,
        a2a_client(served.url) as client,
    ):
        result = outcome(await collect(client, send_request(user_message("add a mug"))))
        assert await _cart(services, result.context_id) == {MUG: 1}


@pytest.mark.parametrize("user_id", [42, "", "x" * 129, "bad\nid"])
async def test_a_malformed_user_id_is_refused(
    settings: Settings, services: AgentServices, user_id: object
) -> None:
    message = user_message("add a mug")
    message.metadata.update({"user_id": user_id})
    async with (
        serve_agent("cart_manager", settings, services) as served,
        a2a_client(served.url) as client,
    ):
        with pytest.raises(InvalidParamsError, match="user_id"):
            await collect(client, send_request(message))


async def test_the_style_profiler_reads_a_photo(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    photo = Part(raw=png_bytes((200, 40, 40)), media_type="image/png", filename="outfit.png")
    async with (
        serve_agent("style_profiler", settings, services) as served,
        a2a_client(served.url) as client,
    ):
        result = outcome(
            await collect(
                client,
                send_request(user_message("what's my style?", user_id=shopper_id, parts=[photo])),
            )
        )
    assert result.state == "TASK_STATE_COMPLETED", result
    profile = await services.profiles.get(shopper_id)
    assert profile.images_analysed == 1


async def test_a_running_task_can_be_read_subscribed_to_and_cancelled(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    gate = Gate()
    agent = gated_agent("cart_manager", settings, services, gate)
    async with (
        serve_agent("cart_manager", settings, services, agent=agent) as served,
        a2a_client(served.url, streaming=False) as sender,
        a2a_client(served.url) as client,
    ):
        # Subscribed to while it runs: the task, then its events until it completes.
        started = outcome(
            await collect(
                sender,
                send_request(
                    user_message("add two mugs", user_id=shopper_id), return_immediately=True
                ),
            )
        )
        await asyncio.wait_for(gate.reached.wait(), 10)
        running = await client.get_task(GetTaskRequest(id=started.task_id))
        assert running.status.state == TaskState.TASK_STATE_WORKING
        stream = client.subscribe(SubscribeToTaskRequest(id=started.task_id))
        first = await asyncio.wait_for(anext(stream), 10)  # subscribed: the task as it is
        gate.opened.set()
        seen = outcome([first, *[item async for item in stream]])
        assert seen.kinds[0] == "task" and seen.state == "TASK_STATE_COMPLETED", seen
        assert "Mug" in seen.text

        # Cancelled while it runs: the tool never runs.
        gate.reached.clear()
        gate.opened.clear()
        started = outcome(
            await collect(
                sender,
                send_request(
                    user_message("add a watch", user_id=shopper_id), return_immediately=True
                ),
            )
        )
        await asyncio.wait_for(gate.reached.wait(), 10)
        cancelled = await client.cancel_task(CancelTaskRequest(id=started.task_id))
        assert cancelled.status.state == TaskState.TASK_STATE_CANCELED
        gate.opened.set()
        stored = await client.get_task(GetTaskRequest(id=started.task_id))
        assert stored.status.state == TaskState.TASK_STATE_CANCELED
        assert await _cart(services, shopper_id) == {MUG: 2}
        # A finished task is not cancelable.
        with pytest.raises(TaskNotCancelableError):
            await client.cancel_task(CancelTaskRequest(id=started.task_id))


async def test_an_unknown_task_is_not_found(settings: Settings, services: AgentServices) -> None:
    async with (
        serve_agent("cart_manager", settings, services) as served,
        a2a_client(served.url) as client,
    ):
        with pytest.raises(TaskNotFoundError):
            await client.get_task(GetTaskRequest(id="no-such-task"))


class _CountingReads(RedisSessionService):
    """Records how many events each session read asked for (None: all, or the window)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reads: list[int | None] = []

    async def get_session(self, **kwargs: Any) -> Any:
        config = kwargs.get("config")
        self.reads.append(config.num_recent_events if config is not None else None)
        return await super().get_session(**kwargs)


async def test_a_request_reads_the_conversation_once(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    # ADK's executor does not read the session (the runner creates it on a context's first
    # request); the final status carries its state, read without the events; only the turn
    # itself reads them (its bounded window).
    sessions = _CountingReads(services.redis)
    async with (
        serve_agent("cart_manager", settings, services, session_service=sessions) as served,
        a2a_client(served.url) as client,
    ):
        first = outcome(
            await collect(client, send_request(user_message("add a mug", user_id=shopper_id)))
        )
        sessions.reads.clear()
        second = outcome(
            await collect(
                client,
                send_request(
                    user_message("make it 3", user_id=shopper_id, context_id=first.context_id)
                ),
            )
        )
    assert second.state == "TASK_STATE_COMPLETED", second
    event_reads = [n for n in sessions.reads if n != 0]
    assert len(event_reads) == 1, sessions.reads
    assert sessions.reads.count(0) == 1, sessions.reads
    assert await _cart(services, shopper_id) == {MUG: 3}
