"""The orchestrator delegating over A2A: specialists served on their own, reached through
`remote_agent`, with the shopper and the conversation state going both ways."""

from __future__ import annotations

import contextlib

import httpx
from google.adk.agents.base_agent import BaseAgent
from google.adk.runners import Runner
from google.adk.sessions.in_memory_session_service import InMemorySessionService
from google.genai import types

from cartmate.a2a.cards import build_agent_card
from cartmate.a2a.remote import remote_agent
from cartmate.agent_runtime.building import build_agent
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agent_runtime.topology import SPECIALISTS
from cartmate.agents.orchestrator.prompt import DESCRIPTION, INSTRUCTION
from cartmate.agents.orchestrator.tools import OrchestratorTools
from cartmate.config import Settings
from cartmate.models.selection import close_models
from tests.a2a.conftest import serve_agent

SUNGLASSES, MUG = "OLJCESPC7Z", "6E92ZMYYFZ"


class _Conversation:
    """The orchestrator over `remotes` under a Runner, one session of `shopper_id`."""

    def __init__(self, runner: Runner, shopper_id: str, session_id: str) -> None:
        self.runner, self.shopper_id, self.session_id = runner, shopper_id, session_id

    @classmethod
    async def start(
        cls,
        stack: contextlib.AsyncExitStack,
        settings: Settings,
        provider: StaticServices,
        remotes: list[BaseAgent],
        shopper_id: str,
    ) -> _Conversation:
        orchestrator = build_agent(
            name="orchestrator",
            description=DESCRIPTION,
            instruction=INSTRUCTION,
            tools=[OrchestratorTools(provider).set_display_currency],
            provider=provider,
            settings=settings,
            sub_agents=remotes,
        )
        runner = Runner(
            app_name="cartmate", agent=orchestrator, session_service=InMemorySessionService()
        )
        stack.push_async_callback(close_models, orchestrator)
        stack.push_async_callback(runner.close)
        session = await runner.session_service.create_session(
            app_name="cartmate", user_id=shopper_id
        )
        return cls(runner, shopper_id, session.id)

    async def say(self, text: str) -> tuple[list[str], list[str]]:
        """The authors of the turn's events, and its final texts (its thoughts are kept in
        `thoughts`)."""
        authors, texts = [], []
        self.thoughts: list[str] = []
        async for event in self.runner.run_async(
            user_id=self.shopper_id,
            session_id=self.session_id,
            new_message=types.Content(role="user", parts=[types.Part(text=text)]),
        ):
            authors.append(event.author)
            for part in event.content.parts if event.content and event.content.parts else []:
                if part.text and not part.thought and not event.partial:
                    texts.append(part.text)
                elif part.text and part.thought:
                    self.thoughts.append(part.text)
        return authors, texts


async def test_search_on_one_specialist_then_add_on_another(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        urls = {
            name: (await stack.enter_async_context(serve_agent(name, settings, services))).url
            for name in ("product_discovery", "cart_manager")
        }
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
        # As build_orchestrator_agent does with CARTMATE_DELEGATION=a2a, with remote_agent.
        remotes = [
            remote_agent(
                name, settings, http, card=build_agent_card(name, settings, url=urls.get(name))
            )
            for name in SPECIALISTS
        ]
        provider = StaticServices(services)
        chat = await _Conversation.start(stack, settings, provider, remotes, shopper_id)
        say = chat.say
        runner, session_id = chat.runner, chat.session_id

        authors, texts = await say("show me prices in euros")
        assert "orchestrator" in authors
        authors, texts = await say("show me sunglasses")
        assert "product_discovery" in authors, authors
        assert any("Sunglasses" in text and "€" in text for text in texts), texts
        # "the first one" was shown by product_discovery; cart_manager learns it from the
        # state that came back to the orchestrator and went on with the next request.
        authors, texts = await say("add the first one to my cart")
        assert "cart_manager" in authors, authors
        # The specialist's answer comes once, as the answer: not also as a thought first
        # (its last status message is relayed as a thought before its artifact)
        assert texts and not set(texts) & set(chat.thoughts), (texts, chat.thoughts)
        assert any("Adding" in thought for thought in chat.thoughts), chat.thoughts
        # Relayed events keep the A2A ids and the task's state, not the whole task and
        # request ADK copies into them (history, artifacts, tool data: kilobytes each).
        stored = await runner.session_service.get_session(
            app_name="cartmate", user_id=shopper_id, session_id=session_id
        )
        assert stored is not None
        relayed = [e for e in stored.events if e.author in SPECIALISTS and e.custom_metadata]
        assert relayed
        for event in relayed:
            response = event.custom_metadata["a2a:response"]
            assert set(response) <= {"id", "contextId", "taskId", "messageId", "status"}
            assert set(response.get("status", {})) <= {"state"}
            assert set(event.custom_metadata["a2a:request"]) <= {"messageId", "contextId", "taskId"}
        assert any(e.custom_metadata["a2a:response"].get("status") for e in relayed)
        # Tool data crossed as protobuf Struct (doubles only); whole numbers are ints again.
        [added] = [
            r.response
            for e in relayed
            for r in e.get_function_responses()
            if r.name == "add_to_cart"
        ]
        assert type(added["cart"]["total"]["units"]) is int
        assert type(added["cart"]["items"][0]["quantity"]) is int
        # A currency asked in passing reaches the specialist for that answer only.
        authors, texts = await say("what's my cart in yen?")
        assert "cart_manager" in authors, authors
        assert any("¥" in text for text in texts) and not any("€" in t for t in texts), texts
        authors, texts = await say("show my cart")
        assert any("€" in text for text in texts) and not any("¥" in t for t in texts), texts
    cart = await services.boutique.cart.get_cart(shopper_id)
    assert {item.product_id: item.quantity for item in cart.items} == {SUNGLASSES: 1}


async def test_turns_reuse_the_registry_read_of_an_earlier_turn(
    settings: Settings, services: AgentServices, shopper_id: str, monkeypatch
) -> None:
    # ADK runs a copy of each sub-agent on every turn; the registry read must outlive the
    # copy, or every delegated turn pays three Redis round trips and a card parse.
    import cartmate.a2a.remote as remote_module

    monkeypatch.setattr(remote_module, "REGISTRY_FRESH_S", 600.0)
    provider = StaticServices(services)
    async with contextlib.AsyncExitStack() as stack:
        served = await stack.enter_async_context(
            serve_agent("cart_manager", settings, services, register=True)
        )
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
        # Found in the registry, as build_orchestrator_agent does with services.
        remote = remote_agent("cart_manager", settings, http, services=provider)
        chat = await _Conversation.start(stack, settings, provider, [remote], shopper_id)

        _, said = await chat.say("add two mugs to my cart")
        assert any("Mug" in text for text in said), said
        # Gone from the registry: only the first turn's read still knows where it is (the
        # configured URL has no server behind it).
        await served.app.state.registration.stop()
        _, said = await chat.say("make it 3")
        assert not any("unavailable" in text for text in said), said
    cart = await services.boutique.cart.get_cart(shopper_id)
    assert {item.product_id: item.quantity for item in cart.items} == {MUG: 3}
