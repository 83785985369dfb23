"""A shopper's stateful tool calls pass one at a time, in the order they started."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from cartmate.agent_runtime import call_order
from cartmate.agent_runtime.call_order import in_call_order
from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation
from tests.agents.held_out import JAR, MUG, cart_of, result_of


async def test_one_shoppers_calls_pass_in_start_order_others_alongside() -> None:
    log: list[str] = []
    ann_may_go = asyncio.Event()

    @in_call_order
    async def tool(name: str, wait: asyncio.Event | None, tool_context: object) -> str:
        log.append(f"start {name}")
        if wait is not None:
            await wait.wait()
        log.append(f"end {name}")
        return name

    ann, bob = SimpleNamespace(user_id="ann"), SimpleNamespace(user_id="bob")
    calls = [
        asyncio.create_task(tool("write", ann_may_go, tool_context=ann)),
        asyncio.create_task(tool("read", None, tool_context=ann)),
        asyncio.create_task(tool("bob", None, tool_context=bob)),
    ]
    await asyncio.sleep(0.05)
    # Bob's call did not wait for Ann's; Ann's read waits for her write.
    assert log == ["start write", "start bob", "end bob"]
    ann_may_go.set()
    assert await asyncio.gather(*calls) == ["write", "read", "bob"]
    assert log[3:] == ["end write", "start read", "end read"]
    assert call_order._turnstiles == {}  # nothing kept once the calls are done


async def test_an_error_releases_the_turnstile() -> None:
    @in_call_order
    async def failing(tool_context: object) -> None:
        raise RuntimeError("boom")

    who = SimpleNamespace(user_id="ann")
    for _ in range(2):
        try:
            await failing(tool_context=who)
        except RuntimeError:
            pass
    assert call_order._turnstiles == {}


async def test_a_cart_view_in_the_same_response_sees_the_adds(
    shopper: Conversation, services: AgentServices
) -> None:
    turn = await shopper.say("put a mug and a bamboo glass jar in my cart, then show me my cart")
    assert [name for _, name, _ in turn.tool_calls].count("add_to_cart") == 2
    lines = {line["product_id"]: line["quantity"] for line in
             result_of(turn, "view_cart")["cart"]["items"]}  # fmt: skip
    assert lines == {MUG: 1, JAR: 1} == await cart_of(services)
