"""Follow-ups that name only their task (a2a-python #1206) keep the task's context."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from a2a.types import GetTaskRequest, Role, TaskState
from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.invocation_context import InvocationContext
from google.adk.events.event import Event
from google.adk.sessions.in_memory_session_service import InMemorySessionService
from google.genai import types

from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from tests.a2a.conftest import a2a_client, collect, outcome, send_request, serve_agent, user_message


class AsksTwice(BaseAgent):
    """Asks the shopper two questions (input-required), then answers from the whole session."""

    async def _run_async_impl(self, ctx: InvocationContext) -> AsyncGenerator[Event, None]:
        asked = sum(
            1 for e in ctx.session.events if e.author == self.name and e.get_function_calls()
        )
        if asked < 2:
            call = types.FunctionCall(id=f"ask-{asked}", name="ask_shopper", args={"n": asked})
            yield Event(
                author=self.name,
                invocation_id=ctx.invocation_id,
                content=types.Content(role="model", parts=[types.Part(function_call=call)]),
                long_running_tool_ids={call.id or ""},
            )
            return
        said = [
            part.text
            for e in ctx.session.events
            if e.author == "user" and e.content and e.content.parts
            for part in e.content.parts
            if part.text
        ]
        reply = f"{ctx.session.user_id} said: {' / '.join(said)}"
        yield Event(
            author=self.name,
            invocation_id=ctx.invocation_id,
            content=types.Content(role="model", parts=[types.Part(text=reply)]),
        )


async def test_follow_ups_naming_only_the_task_stay_in_its_context(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    agent = AsksTwice(name="cart_manager")
    async with (
        serve_agent("cart_manager", settings, services, agent=agent) as served,
        a2a_client(served.url) as client,
    ):
        first = outcome(
            await collect(client, send_request(user_message("a gift", user_id=shopper_id)))
        )
        assert first.state == "TASK_STATE_INPUT_REQUIRED", first
        for text, expected in (("size M", "INPUT_REQUIRED"), ("blue", "COMPLETED")):
            # No contextId: the server takes the task's, not a new random one.
            follow = outcome(
                await collect(
                    client,
                    send_request(user_message(text, user_id=shopper_id, task_id=first.task_id)),
                )
            )
            assert follow.state == f"TASK_STATE_{expected}", follow
            assert (follow.task_id, follow.context_id) == (first.task_id, first.context_id)
        # One ADK session (the context) heard all three messages, as the metadata's shopper.
        assert follow.text == f"{shopper_id} said: a gift / size M / blue"
        task = await client.get_task(GetTaskRequest(id=first.task_id))
        assert task.status.state == TaskState.TASK_STATE_COMPLETED
        shopper_said = [m for m in task.history if m.role == Role.ROLE_USER]
        assert [m.context_id for m in shopper_said] == [first.context_id] * 3


async def test_a_follow_up_on_another_replica_finds_the_task(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    sessions = InMemorySessionService()  # shared, as a database session service would be
    async with (
        serve_agent(
            "cart_manager",
            settings,
            services,
            agent=AsksTwice(name="cart_manager"),
            session_service=sessions,
        ) as one,
        serve_agent(
            "cart_manager",
            settings,
            services,
            agent=AsksTwice(name="cart_manager"),
            session_service=sessions,
        ) as two,
        a2a_client(one.url) as first_client,
        a2a_client(two.url) as second_client,
    ):
        first = outcome(
            await collect(first_client, send_request(user_message("a gift", user_id=shopper_id)))
        )
        follow = outcome(
            await collect(
                second_client,
                send_request(user_message("size M", user_id=shopper_id, task_id=first.task_id)),
            )
        )
        assert follow.state == "TASK_STATE_INPUT_REQUIRED", follow
        assert follow.context_id == first.context_id
