"""The CPU floor of one delegated chat turn, measured in this process on one event loop.

Each function times one floor component, after WARM_UP untimed calls, and returns the
seconds per call. Client and server run in this process on one event loop on purpose: with
one thread, the wall time of a request is the sum of client and server CPU (plus loopback),
which is what the floor is. Nothing CartMate adds is in them (no plugins, interceptors,
tracing, stores beyond in-memory ones):

- `redis_ping`: PING over one redis-py asyncio client;
- `grpc_unary`: `ProductCatalogService.GetProduct` of the Online Boutique proto, a fixed
  Product from a grpc.aio server on loopback, over one grpc.aio channel;
- `a2a_send_message`: one non-streaming SendMessage (JSON-RPC, protocol 1.0) from a2a-sdk's
  client to a2a-sdk's Starlette app under uvicorn, whose AgentExecutor completes the task at
  once; in-memory task store, a2a-sdk's own tracing off as the product leaves it
  (`cartmate.telemetry.default_a2a_sdk_tracing`);
- `adk_one_tool_turn`: one turn of a bare ADK `LlmAgent` with one Python function tool under a
  plain `Runner` (no plugins, in-memory sessions, a new session per call): a scripted model
  calls the tool, then answers with a short text;
- `websocket_echo`: one small text frame echoed by a Starlette WebSocket route under uvicorn
  (no per-message deflate, as the gateway serves by default), on one open connection.

`floor(url)` runs them all and composes the floor of a delegated turn (gateway, orchestrator,
A2A, specialist, gRPC, Redis) from their medians with the weights in `DELEGATED_TURN`.

It also composes the floor **across processes**: the product's hops cross processes (client,
gateway, specialist, boutique), so each of their wall times holds two processes' CPU, the
kernel's loopback work and the wake-ups between them, which one event loop leaves out. The
components with a server side (WebSocket echo, A2A SendMessage, gRPC unary) are timed again
with their server in a process of its own (`floor.py --serve NAME`), the ADK turns stay in
one process, and PING already crosses to the Redis server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from _common import callgrind_control, dumped_instructions, median, serve

from cartmate.telemetry import default_a2a_sdk_tracing

default_a2a_sdk_tracing(None)  # before anything imports `a2a`, as `cartmate` (the CLI) does

COUNT = 200
WARM_UP = 20

# The floor of a delegated turn: how many of each component it needs. The gateway's socket
# carries the turn (one echo); the orchestrator and the specialist each run one ADK turn with
# one tool call; one A2A SendMessage hop between them; the specialist's tool makes one gRPC
# call to Online Boutique; Redis is touched twice (about a round trip each way of the turn).
DELEGATED_TURN: dict[str, int] = {
    "websocket_echo": 1,
    "adk_one_tool_turn": 2,
    "a2a_send_message": 1,
    "grpc_unary": 1,
    "redis_ping": 2,
}


_SCRIPT = str(Path(__file__).resolve())  # run again with --serve for `across_processes`

# Set by `main` when this runs under callgrind (`overhead_instructions.py`): components then
# count instructions instead of timing.
_COUNT_INTO: Path | None = None


async def _timed(call: Callable[[], Awaitable[Any]], count: int) -> list[float]:
    """Seconds per call of `call`, `count` times after WARM_UP untimed calls; under
    callgrind (`_COUNT_INTO`), one sample: the instructions per call of the `count` calls."""
    for _ in range(WARM_UP):
        await call()
    if _COUNT_INTO is not None:
        return [await _counted(call, count, _COUNT_INTO)]
    samples: list[float] = []
    for _ in range(count):
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return samples


async def _counted(call: Callable[[], Awaitable[Any]], count: int, dumps: Path) -> float:
    """Instructions per call of `call`: instrumentation on for `count` calls, then the
    process's first dump (one component per process: callgrind's later dumps of one process
    did not reliably hold only what came after the previous one)."""
    pid = os.getpid()
    await callgrind_control([pid], "--instr=on")
    for _ in range(count):
        await call()
    await callgrind_control([pid], "--dump")
    return dumped_instructions(dumps / f"callgrind.{pid}.1") / count


async def redis_ping(url: str, count: int = COUNT) -> list[float]:
    """PING over one redis-py asyncio client."""
    import redis.asyncio

    client = redis.asyncio.Redis.from_url(url)
    try:
        return await _timed(client.ping, count)
    finally:
        await client.aclose()


def _product() -> Any:
    from cartmate.boutique.pb import demo_pb2

    return demo_pb2.Product(
        id="6E92ZMYYFZ",
        name="Mug",
        description="A simple mug with a mustard interior.",
        picture="/static/img/products/mug.jpg",
        price_usd=demo_pb2.Money(currency_code="USD", units=8, nanos=990_000_000),
        categories=["home", "kitchen"],
    )


@contextlib.asynccontextmanager
async def _catalog_server() -> AsyncIterator[str]:
    """A grpc.aio ProductCatalogService answering GetProduct with a fixed Product; yields
    its address."""
    import grpc

    from cartmate.boutique.pb import demo_pb2_grpc

    product = _product()

    class Catalog(demo_pb2_grpc.ProductCatalogServiceServicer):
        async def GetProduct(self, request: Any, context: Any) -> Any:  # noqa: N802
            return product

    server = grpc.aio.server()
    demo_pb2_grpc.add_ProductCatalogServiceServicer_to_server(Catalog(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        await server.stop(None)


async def grpc_unary(count: int = COUNT, address: str | None = None) -> list[float]:
    """ProductCatalogService.GetProduct answered with a fixed Product, over loopback (to the
    server at `address`, else one served here)."""
    import grpc

    from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc

    async with _served(_catalog_server, address) as target:
        async with grpc.aio.insecure_channel(target) as channel:
            stub = demo_pb2_grpc.ProductCatalogServiceStub(channel)
            request = demo_pb2.GetProductRequest(id=_product().id)
            return await _timed(lambda: stub.GetProduct(request), count)


def _floor_card(url: str) -> Any:
    """The card of the floor's A2A agent served at `url` (JSON-RPC, protocol 1.0)."""
    from a2a.types import AgentCapabilities, AgentCard, AgentInterface, AgentSkill
    from a2a.utils.constants import PROTOCOL_VERSION_1_0, TransportProtocol

    interface = AgentInterface(
        url=url,
        protocol_binding=TransportProtocol.JSONRPC.value,
        protocol_version=PROTOCOL_VERSION_1_0,
    )
    return AgentCard(
        name="floor",
        description="Completes every task at once.",
        version="0",
        supported_interfaces=[interface],
        capabilities=AgentCapabilities(streaming=True),
        default_input_modes=["text/plain"],
        default_output_modes=["text/plain"],
        skills=[AgentSkill(id="done", name="done", description="Done.", tags=["floor"])],
    )


@contextlib.asynccontextmanager
async def _a2a_server() -> AsyncIterator[str]:
    """a2a-sdk's Starlette app under uvicorn, whose AgentExecutor completes each task at once
    (in-memory task store); yields its URL."""
    from a2a.helpers import new_task, new_text_artifact
    from a2a.server.agent_execution import AgentExecutor, RequestContext
    from a2a.server.events import EventQueue
    from a2a.server.request_handlers import DefaultRequestHandler
    from a2a.server.routes import create_jsonrpc_routes
    from a2a.server.tasks import InMemoryTaskStore
    from a2a.types import TaskState
    from starlette.applications import Starlette

    class Done(AgentExecutor):
        async def execute(self, context: RequestContext, event_queue: EventQueue) -> None:
            task = new_task(
                str(context.task_id),
                str(context.context_id),
                TaskState.TASK_STATE_COMPLETED,
                artifacts=[new_text_artifact("answer", "Added two mugs to your cart.")],
                history=[context.message] if context.message else [],
            )
            await event_queue.enqueue_event(task)

        async def cancel(self, context: RequestContext, event_queue: EventQueue) -> None:
            raise NotImplementedError

    card = _floor_card("http://127.0.0.1")  # the port is known once served
    handler = DefaultRequestHandler(
        agent_executor=Done(), task_store=InMemoryTaskStore(), agent_card=card
    )
    app = Starlette(routes=create_jsonrpc_routes(handler, "/"))
    try:
        async with serve(app, lifespan="off") as base:
            card.supported_interfaces[0].url = base
            yield base
    finally:
        await handler.aclose()


async def a2a_send_message(count: int = COUNT, address: str | None = None) -> list[float]:
    """One non-streaming SendMessage to an a2a-sdk server that completes the task at once
    (the one at `address`, else one served here)."""
    from a2a.client import ClientConfig, create_client
    from a2a.helpers import new_text_message
    from a2a.types import Role, SendMessageRequest, TaskState

    async with _served(_a2a_server, address) as base:
        config = ClientConfig(streaming=False, supported_protocol_bindings=["JSONRPC"])
        client = await create_client(_floor_card(base), client_config=config)

        async def send() -> None:
            message = new_text_message("add two mugs to my cart", role=Role.ROLE_USER)
            async for response in client.send_message(SendMessageRequest(message=message)):
                if response.task.status.state != TaskState.TASK_STATE_COMPLETED:
                    raise RuntimeError(f"SendMessage answered {response}")

        try:
            return await _timed(send, count)
        finally:
            await client.close()


async def adk_one_tool_turn(count: int = COUNT) -> list[float]:
    """One turn of a bare LlmAgent: a scripted model calls one tool, then answers."""
    from collections.abc import AsyncGenerator

    from google.adk.agents.llm_agent import LlmAgent
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.adk.models.base_llm import BaseLlm
    from google.adk.models.llm_request import LlmRequest
    from google.adk.models.llm_response import LlmResponse
    from google.adk.runners import Runner
    from google.adk.sessions.in_memory_session_service import InMemorySessionService
    from google.genai import types

    def add_to_cart(product_id: str, quantity: int) -> dict[str, Any]:
        """Add `quantity` of product `product_id` to the cart."""
        return {"product_id": product_id, "quantity": quantity, "status": "added"}

    usage = types.GenerateContentResponseUsageMetadata(
        prompt_token_count=20, candidates_token_count=10, total_token_count=30
    )

    class Scripted(BaseLlm):
        """Calls add_to_cart, then, seeing the function response, says it is done."""

        model: str = "scripted"

        async def generate_content_async(
            self, llm_request: LlmRequest, stream: bool = False
        ) -> AsyncGenerator[LlmResponse, None]:
            last = llm_request.contents[-1] if llm_request.contents else None
            if last is not None and any(p.function_response for p in last.parts or []):
                part = types.Part(text="Added two mugs to your cart.")
                yield LlmResponse(
                    content=types.Content(role="model", parts=[part]),
                    usage_metadata=usage,
                    turn_complete=True,
                )
                return
            call = types.FunctionCall(
                id=f"call-{uuid.uuid4().hex[:16]}",
                name="add_to_cart",
                args={"product_id": "6E92ZMYYFZ", "quantity": 2},
            )
            yield LlmResponse(
                content=types.Content(role="model", parts=[types.Part(function_call=call)]),
                usage_metadata=usage,
            )

    agent = LlmAgent(
        name="floor", model=Scripted(), instruction="Help the shopper.", tools=[add_to_cart]
    )
    runner = Runner(app_name="floor", agent=agent, session_service=InMemorySessionService())
    message = types.Content(role="user", parts=[types.Part(text="add two mugs to my cart")])
    config = RunConfig(streaming_mode=StreamingMode.SSE)  # as the gateway runs its turns

    async def turn() -> None:
        user = f"floor-{uuid.uuid4().hex[:8]}"
        session = await runner.session_service.create_session(app_name="floor", user_id=user)
        texts = []
        async for event in runner.run_async(
            user_id=user, session_id=session.id, new_message=message, run_config=config
        ):
            parts = event.content.parts if event.content and event.content.parts else []
            texts += [part.text for part in parts if part.text]
        if not texts:
            raise RuntimeError("the turn ended without an answer")

    try:
        return await _timed(turn, count)
    finally:
        await runner.close()


@contextlib.asynccontextmanager
async def _echo_server() -> AsyncIterator[str]:
    """A Starlette WebSocket route echoing each text frame, under uvicorn (no per-message
    deflate, as the gateway serves by default); yields its ws:// URL."""
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket, WebSocketDisconnect

    async def echo(socket: WebSocket) -> None:
        await socket.accept()
        try:
            while True:
                await socket.send_text(await socket.receive_text())
        except WebSocketDisconnect:
            pass

    app = Starlette(routes=[WebSocketRoute("/ws", echo)])
    async with serve(app, lifespan="off", ws_per_message_deflate=False) as base:
        yield base.replace("http://", "ws://") + "/ws"


async def websocket_echo(count: int = COUNT, address: str | None = None) -> list[float]:
    """One small text frame echoed over one open WebSocket (to the server at `address`,
    else one served here)."""
    import websockets

    frame = '{"type": "message", "text": "add two mugs to my cart"}'
    async with _served(_echo_server, address) as url:
        async with websockets.connect(url) as socket:

            async def roundtrip() -> None:
                await socket.send(frame)
                if await socket.recv() != frame:
                    raise RuntimeError("the echo differs from the frame sent")

            return await _timed(roundtrip, count)


@contextlib.asynccontextmanager
async def _served(
    server: Callable[[], contextlib.AbstractAsyncContextManager[str]], address: str | None
) -> AsyncIterator[str]:
    """`address` when given (a server in another process), else `server` run here."""
    if address is not None:
        yield address
        return
    async with server() as here:
        yield here


# The components with a server side, and that server: `--serve NAME` runs it in a process of
# its own, for the floor measured across processes (`across_processes`).
SERVERS: dict[str, Callable[[], contextlib.AbstractAsyncContextManager[str]]] = {
    "websocket_echo": _echo_server,
    "a2a_send_message": _a2a_server,
    "grpc_unary": _catalog_server,
}
CLIENTS: dict[str, Callable[[int, str], Awaitable[list[float]]]] = {
    "websocket_echo": websocket_echo,
    "a2a_send_message": a2a_send_message,
    "grpc_unary": grpc_unary,
}


async def _serve_until_stdin_closes(name: str) -> None:
    """`floor.py --serve NAME`: serve, print the address, stop when stdin closes."""
    async with SERVERS[name]() as address:
        print(address, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


async def across_processes(count: int = COUNT) -> dict[str, list[float]]:
    """Each component of `SERVERS` timed with its server in a process of its own (this
    script with `--serve NAME`), as the product's hops are: the wall time then holds both
    processes' CPU, the kernel's part of loopback and the wake-ups between them."""
    samples: dict[str, list[float]] = {}
    for name in SERVERS:
        process = await asyncio.create_subprocess_exec(
            sys.executable, _SCRIPT, "--serve", name,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            assert process.stdout is not None and process.stdin is not None
            line = await asyncio.wait_for(process.stdout.readline(), 60)
            if not line:
                raise RuntimeError(f"the {name} server process ended before serving")
            samples[name] = await CLIENTS[name](count, line.decode().strip())
        finally:
            if process.stdin is not None:
                process.stdin.close()
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
    return samples


# Each component by name, called as (redis url, count): `floor` runs them all, `main` one.
COMPONENTS: dict[str, Callable[[str, int], Awaitable[list[float]]]] = {
    "redis_ping": redis_ping,
    "grpc_unary": lambda _url, count: grpc_unary(count),
    "a2a_send_message": lambda _url, count: a2a_send_message(count),
    "adk_one_tool_turn": lambda _url, count: adk_one_tool_turn(count),
    "websocket_echo": lambda _url, count: websocket_echo(count),
}


async def floor(url: str, count: int = COUNT) -> dict[str, float]:
    """Median seconds of each component, and under "delegated_turn" the floor of a delegated
    turn composed from them:

        websocket_echo + 2 * adk_one_tool_turn + a2a_send_message + grpc_unary + 2 * redis_ping

    (the weights are `DELEGATED_TURN`: the gateway's socket, the orchestrator's and the
    specialist's ADK turns, one A2A hop, one gRPC call, Redis twice). Also, under
    "<name>_across", the components with a server timed across processes
    (`across_processes`), and under "delegated_turn_across" the floor composed with those
    (the ADK turns stay in one process, as in the product; PING already crosses to Redis).
    """
    samples = {name: await component(url, count) for name, component in COMPONENTS.items()}
    medians = {name: median(values) for name, values in samples.items()}
    medians["delegated_turn"] = sum(n * medians[name] for name, n in DELEGATED_TURN.items())
    across = {name: median(values) for name, values in (await across_processes(count)).items()}
    medians |= {f"{name}_across": value for name, value in across.items()}
    medians["delegated_turn_across"] = sum(
        n * across.get(name, medians[name]) for name, n in DELEGATED_TURN.items()
    )
    return medians


def main() -> None:
    """`floor.py --instructions DUMPS REDIS_URL COMPONENT` under callgrind
    (`--instr-atstart=no`, dumps to DUMPS): prints the component's instructions per call.
    `floor.py --serve NAME`: serves that component's server side, prints its address and
    stops when stdin closes (`across_processes`)."""
    global _COUNT_INTO
    if len(sys.argv) == 3 and sys.argv[1] == "--serve" and sys.argv[2] in SERVERS:
        asyncio.run(_serve_until_stdin_closes(sys.argv[2]))
        return
    if len(sys.argv) != 5 or sys.argv[1] != "--instructions" or sys.argv[4] not in COMPONENTS:
        raise SystemExit(
            f"usage: floor.py --instructions DUMPS REDIS_URL {{{','.join(COMPONENTS)}}}\n"
            f"       floor.py --serve {{{','.join(SERVERS)}}}"
        )
    _COUNT_INTO = Path(sys.argv[2])
    print(json.dumps(asyncio.run(COMPONENTS[sys.argv[4]](sys.argv[3], COUNT))[0]))


if __name__ == "__main__":
    main()
