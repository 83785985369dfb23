"""What an A2A hop costs on each of a2a-sdk's three bindings, client and server in this process.

    .venv/bin/python benchmarks/a2a_bindings.py [count]     # default 300 hops per binding

One streaming SendMessage per hop, answered the way ADK's executor answers a delegated turn:
the task, three working status updates with a message each (the specialist's tool call, its
result, its text), and the final completed status. The same a2a-sdk AgentExecutor and
in-memory task store behind JSON-RPC (SSE) and HTTP+JSON (SSE) on a Starlette app under
uvicorn, and behind gRPC on a grpc.aio server, each over loopback to a2a-sdk's own client for
that binding (httpx for the first two, a grpc.aio channel for the third). a2a-sdk's tracing is
off, as the product leaves it. Client and server share one event loop on purpose: a hop's
wall time is then the CPU of both sides, what a delegated turn pays for the hop (see
`floor.py`, whose A2A component is a non-streaming JSON-RPC SendMessage).

CartMate serves and calls A2A over JSON-RPC and HTTP+JSON today; this says what moving the
orchestrator's hops to the gRPC binding would save (issue 10).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from _common import median, pct, serve, table, write_section

from cartmate.telemetry import default_a2a_sdk_tracing

default_a2a_sdk_tracing(None)  # before anything imports `a2a`, as `cartmate` (the CLI) does

WARM_UP = 30
UPDATES = 3  # working status updates per task, as ADK's executor sends for a one-tool turn


def _executor() -> Any:
    from a2a.helpers import new_task, new_text_message
    from a2a.server.agent_execution import AgentExecutor, RequestContext
    from a2a.server.events import EventQueue
    from a2a.types import Role, TaskState, TaskStatus, TaskStatusUpdateEvent

    class Specialist(AgentExecutor):
        """Answers like ADK's executor: the task, working updates, the final status."""

        async def execute(self, context: RequestContext, event_queue: EventQueue) -> None:
            task_id, context_id = str(context.task_id), str(context.context_id)
            history = [context.message] if context.message else []
            await event_queue.enqueue_event(
                new_task(task_id, context_id, TaskState.TASK_STATE_WORKING, history=history)
            )
            steps = [f"step {i}" for i in range(UPDATES)] + ["Added 2 × Mug to your cart."]
            for i, text in enumerate(steps):
                last = i == len(steps) - 1
                state = TaskState.TASK_STATE_COMPLETED if last else TaskState.TASK_STATE_WORKING
                status = TaskStatus(
                    state=state, message=new_text_message(text, role=Role.ROLE_AGENT)
                )
                await event_queue.enqueue_event(
                    TaskStatusUpdateEvent(task_id=task_id, context_id=context_id, status=status)
                )

        async def cancel(self, context: RequestContext, event_queue: EventQueue) -> None:
            raise NotImplementedError

    return Specialist()


def _card(binding: str, url: str) -> Any:
    from a2a.types import AgentCapabilities, AgentCard, AgentInterface, AgentSkill
    from a2a.utils.constants import PROTOCOL_VERSION_1_0

    return AgentCard(
        name="bench",
        description="Answers like a CartMate specialist.",
        version="0",
        supported_interfaces=[
            AgentInterface(url=url, protocol_binding=binding, protocol_version=PROTOCOL_VERSION_1_0)
        ],
        capabilities=AgentCapabilities(streaming=True),
        default_input_modes=["text/plain"],
        default_output_modes=["text/plain"],
        skills=[AgentSkill(id="cart", name="cart", description="Cart.", tags=["bench"])],
    )


def _handler(card: Any) -> Any:
    from a2a.server.request_handlers import DefaultRequestHandler
    from a2a.server.tasks import InMemoryTaskStore

    return DefaultRequestHandler(
        agent_executor=_executor(), task_store=InMemoryTaskStore(), agent_card=card
    )


async def _hops(client: Any, count: int) -> list[float]:
    """Seconds per streaming SendMessage, after WARM_UP untimed ones."""
    from a2a.helpers import new_text_message
    from a2a.types import Role, SendMessageRequest

    async def hop() -> None:
        message = new_text_message("add two mugs to my cart", role=Role.ROLE_USER)
        events = 0
        async for _ in client.send_message(SendMessageRequest(message=message)):
            events += 1
        if events < UPDATES + 2:
            raise RuntimeError(f"a hop streamed {events} events")

    return await _timed(hop, count)


async def _timed(call: Callable[[], Awaitable[Any]], count: int) -> list[float]:
    for _ in range(WARM_UP):
        await call()
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return samples


async def over_http(binding: str, count: int) -> list[float]:
    """JSON-RPC or HTTP+JSON, both streaming over SSE, on uvicorn."""
    from a2a.client import ClientConfig, create_client
    from a2a.server.routes import create_jsonrpc_routes, create_rest_routes
    from starlette.applications import Starlette

    card = _card(binding, "http://127.0.0.1")
    handler = _handler(card)
    routes = (
        create_jsonrpc_routes(handler, "/") if binding == "JSONRPC" else create_rest_routes(handler)
    )
    try:
        async with serve(Starlette(routes=routes), lifespan="off") as base:
            card.supported_interfaces[0].url = base
            config = ClientConfig(streaming=True, supported_protocol_bindings=[binding])
            client = await create_client(card, client_config=config)
            try:
                return await _hops(client, count)
            finally:
                await client.close()
    finally:
        await handler.aclose()


async def over_grpc(count: int) -> list[float]:
    """gRPC server streaming on grpc.aio."""
    import grpc
    from a2a.client import ClientConfig, create_client
    from a2a.server.request_handlers import GrpcHandler
    from a2a.types import a2a_pb2_grpc

    server = grpc.aio.server()
    port = server.add_insecure_port("127.0.0.1:0")
    card = _card("GRPC", f"127.0.0.1:{port}")
    handler = _handler(card)
    a2a_pb2_grpc.add_A2AServiceServicer_to_server(GrpcHandler(handler), server)
    await server.start()
    try:
        config = ClientConfig(
            streaming=True,
            supported_protocol_bindings=["GRPC"],
            grpc_channel_factory=grpc.aio.insecure_channel,
        )
        client = await create_client(card, client_config=config)
        try:
            return await _hops(client, count)
        finally:
            await client.close()
    finally:
        await server.stop(None)
        await handler.aclose()


async def main_async(count: int) -> None:
    # Each binding twice, interleaved, so a slow patch of the shared machine hits them alike.
    runs: dict[str, list[float]] = {"JSON-RPC (SSE)": [], "HTTP+JSON (SSE)": [], "gRPC": []}
    for _ in range(2):
        runs["JSON-RPC (SSE)"] += await over_http("JSONRPC", count)
        runs["HTTP+JSON (SSE)"] += await over_http("HTTP+JSON", count)
        runs["gRPC"] += await over_grpc(count)
    base = median(runs["JSON-RPC (SSE)"])
    rows = []
    for name, samples in runs.items():
        ms = median(samples) * 1000
        rows.append(
            [
                name,
                len(samples),
                f"{ms:.2f}",
                f"{pct(samples, 95) * 1000:.2f}",
                f"{median(samples) / base:.2f}x",
            ]  # fmt: skip
        )
        print(f"{name:<16} median {ms:.2f} ms")
    body = (
        "One streaming SendMessage per hop (the task, "
        f"{UPDATES} working updates with a message, the completed status: what ADK's executor "
        "sends for a one-tool turn), the same a2a-sdk executor and in-memory task store behind "
        "each binding, a2a-sdk's client for it, client and server on one event loop (wall time "
        "= the CPU of both), a2a-sdk tracing off. Two interleaved runs per binding.\n\n"
        + table(["binding", "hops", "median ms", "p95 ms", "ratio to JSON-RPC"], rows)
        + "\n\nCartMate serves JSON-RPC and HTTP+JSON and calls its specialists over JSON-RPC; "
        "the gRPC row is what the orchestrator's hop would cost on the gRPC binding."
    )
    write_section("a2a_bindings", "A2A hop per binding (`a2a_bindings.py`)", body)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    if not 10 <= count <= 10_000:
        raise SystemExit("count must be between 10 and 10,000")
    asyncio.run(main_async(count))


if __name__ == "__main__":
    main()
