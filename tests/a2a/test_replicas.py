"""Two replicas of one agent sharing Redis: a task started on one is read, streamed and
cancelled on the other, and outlives the replica that ran it."""

from __future__ import annotations

import asyncio
import uuid

from a2a.types import CancelTaskRequest, GetTaskRequest, SubscribeToTaskRequest, TaskState

from cartmate.agent_runtime.services import AgentServices
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
    task_reaching,
    user_message,
)


async def test_a_task_started_on_one_replica_is_read_and_streamed_on_the_other(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    gate = Gate()
    agent = gated_agent("cart_manager", settings, services, gate)
    async with (
        serve_agent("cart_manager", settings, services, agent=agent) as one,
        serve_agent("cart_manager", settings, services) as two,
        a2a_client(one.url, streaming=False) as on_one,
        a2a_client(two.url) as on_two,
    ):
        started = outcome(
            await collect(
                on_one,
                send_request(
                    user_message("add two mugs", user_id=shopper_id), return_immediately=True
                ),
            )
        )
        await asyncio.wait_for(gate.reached.wait(), 10)
        seen = await task_reaching(on_two, started.task_id, TaskState.TASK_STATE_WORKING)
        assert seen.status.state == TaskState.TASK_STATE_WORKING

        stream = on_two.subscribe(SubscribeToTaskRequest(id=started.task_id))
        first = await asyncio.wait_for(anext(stream), 10)  # the snapshot, read from Redis
        assert first.task.id == started.task_id
        gate.opened.set()
        rest = [item async for item in stream]  # tailing replica one's events in Redis
        watched = outcome([first, *rest])
        assert watched.state == "TASK_STATE_COMPLETED", watched
        assert "artifact_update" in watched.kinds and "Mug" in watched.text

    # Both replicas gone: a third one still has the task.
    async with (
        serve_agent("cart_manager", settings, services) as three,
        a2a_client(three.url) as on_three,
    ):
        done = await on_three.get_task(GetTaskRequest(id=started.task_id))
        assert done.status.state == TaskState.TASK_STATE_COMPLETED
        assert "Mug" in done.artifacts[0].parts[0].text


async def test_a_task_running_on_one_replica_is_cancelled_from_the_other(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    gate = Gate()
    agent = gated_agent("cart_manager", settings, services, gate)
    async with (
        serve_agent("cart_manager", settings, services, agent=agent) as one,
        serve_agent("cart_manager", settings, services) as two,
        a2a_client(one.url, streaming=False) as on_one,
        a2a_client(two.url) as on_two,
    ):
        started = outcome(
            await collect(
                on_one,
                send_request(
                    user_message("add two mugs", user_id=shopper_id), return_immediately=True
                ),
            )
        )
        await asyncio.wait_for(gate.reached.wait(), 10)
        cancelled = await on_two.cancel_task(CancelTaskRequest(id=started.task_id))
        assert cancelled.status.state == TaskState.TASK_STATE_CANCELED
        gate.opened.set()  # replica one's next write finds the task cancelled and stops
        await asyncio.sleep(0.5)
        for client in (on_one, on_two):
            task = await client.get_task(GetTaskRequest(id=started.task_id))
            assert task.status.state == TaskState.TASK_STATE_CANCELED


async def test_a_context_continued_on_another_replica_keeps_its_history(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    # The specialists' ADK sessions are in Redis: the second message of one context, sent to
    # the other replica, runs in the same session as the first.
    async with (
        serve_agent("cart_manager", settings, services) as one,
        serve_agent("cart_manager", settings, services) as two,
        a2a_client(one.url, streaming=False) as on_one,
        a2a_client(two.url, streaming=False) as on_two,
    ):
        context = f"ctx-{uuid.uuid4().hex}"
        first = user_message("add two mugs", user_id=shopper_id, context_id=context)
        outcome(await collect(on_one, send_request(first)))
        second = user_message("show my cart", user_id=shopper_id, context_id=context)
        shown = outcome(await collect(on_two, send_request(second)))
        assert "2 × Mug" in shown.text, shown
    sessions = RedisSessionService(services.redis)
    session = await sessions.get_session(
        app_name="cart_manager", user_id=shopper_id, session_id=context
    )
    assert session is not None
    said = [
        part.text
        for event in session.events
        if event.author == "user" and event.content
        for part in event.content.parts or []
        if part.text
    ]
    assert "add two mugs" in said and "show my cart" in said
