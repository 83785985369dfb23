"""Per-turn overhead of the layers: one turn, "add two mugs to my cart", three ways.

    .venv/bin/python benchmarks/overhead.py [samples]      # default 30 timed turns each

(a) in-process through ADK's Runner as `make_runner` builds it for the gateway (the
    orchestrator with local sub-agents, CartMate's plugins, in-memory sessions);
(b) through the gateway's WebSocket (uvicorn on loopback, Redis sessions and event log);
(c) through the gateway with CARTMATE_DELEGATION=a2a, the four specialists each served by
    `cartmate.a2a.server.build_a2a_app` on its own loopback port and found in the agent
    registry.

Everything runs in this one process (so the client's work is in the numbers too), with the
offline model, the embedded Online Boutique and Redis at REDIS_URL or an embedded Valkey.
Every sample is a new session of a new shopper (an empty cart), after WARM_UP untimed turns.
Then (b) runs PROFILED more turns under cProfile; its top 20 by cumulative time go in
RESULTS.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import io
import pstats
import re
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

from _common import Chat, median, pct, product_settings, redis_url, serve, table, write_section

TEXT = "add two mugs to my cart"
WARM_UP = 3
PROFILED = 20
BUDGET_S = 120.0  # per way
OVERRIDES = {"model_calls_per_minute": 10_000_000}


async def sample(turn: Callable[[], Awaitable[None]], count: int) -> list[float]:
    for _ in range(WARM_UP):
        await turn()
    samples: list[float] = []
    deadline = time.monotonic() + BUDGET_S
    for _ in range(count):
        if time.monotonic() > deadline:
            print(f"  stopped after {len(samples)} samples: budget of {BUDGET_S:.0f} s")
            break
        started = time.perf_counter()
        await turn()
        samples.append(time.perf_counter() - started)
    return samples


# ------------------------------------------------------------------ (a) ADK Runner


async def runner_way(settings, count: int) -> list[float]:
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.adk.sessions.in_memory_session_service import InMemorySessionService
    from google.genai import types

    from cartmate.agent_runtime.runners import make_runner
    from cartmate.agent_runtime.services import StaticServices, open_agent_services
    from cartmate.agents.orchestrator.agent import build_orchestrator_agent
    from cartmate.models.selection import close_models

    async with open_agent_services(settings) as services:
        agent = build_orchestrator_agent(StaticServices(services), settings)
        runner = make_runner("bench", agent, InMemorySessionService(), settings)
        try:

            async def turn() -> None:
                user = f"bench-{uuid.uuid4().hex[:8]}"
                session = await runner.session_service.create_session(
                    app_name="bench", user_id=user
                )
                added = False
                async for event in runner.run_async(
                    user_id=user,
                    session_id=session.id,
                    new_message=types.Content(role="user", parts=[types.Part(text=TEXT)]),
                    run_config=RunConfig(streaming_mode=StreamingMode.SSE),
                ):
                    parts = event.content.parts if event.content and event.content.parts else []
                    for part in parts:
                        if part.function_call and part.function_call.name == "add_to_cart":
                            added = True
                if not added:
                    raise RuntimeError("the turn did not call add_to_cart")

            return await sample(turn, count)
        finally:
            await runner.close()
            await close_models(agent)


# ------------------------------------------------------------------ (b), (c) the gateway


def socket_turn(base: str) -> Callable[[], Awaitable[None]]:
    async def turn() -> None:
        chat, _ = await Chat.connect(base)
        try:
            _, _, status, _ = await chat.turn(TEXT)
            if status != "ok":
                raise RuntimeError(f"turn ended {status}")
        finally:
            await chat.close()

    return turn


@contextlib.asynccontextmanager
async def specialists(settings) -> AsyncIterator[None]:
    """The four specialists over A2A, each on its own port, registered in the registry."""
    from cartmate.a2a.server import build_a2a_app, close_a2a_app, start_a2a_app
    from cartmate.agent_runtime.services import open_agent_services
    from cartmate.agent_runtime.topology import SPECIALISTS

    class Deferred:
        app = None

        async def __call__(self, scope, receive, send) -> None:
            if self.app is None:
                raise RuntimeError("app not ready")
            await self.app(scope, receive, send)

    async with contextlib.AsyncExitStack() as stack:
        services = await stack.enter_async_context(open_agent_services(settings))
        for name in SPECIALISTS:
            deferred = Deferred()
            base = await stack.enter_async_context(serve(deferred, lifespan="off"))
            deferred.app = build_a2a_app(name, settings, services, url=base)
            await start_a2a_app(deferred.app)
            stack.push_async_callback(close_a2a_app, deferred.app)
        yield


async def main_async(count: int) -> None:
    from cartmate.gateway.app import create_app

    results: dict[str, list[float]] = {}
    profile_text = ("", "")
    with redis_url() as url:
        async with product_settings(url, **OVERRIDES) as settings:
            print("(a) ADK Runner in-process ...")
            results["a"] = await runner_way(settings, count)
            print("(b) gateway WebSocket ...")
            async with serve(create_app(settings)) as base:
                results["b"] = await sample(socket_turn(base), count)
                print(f"    profiling {PROFILED} more turns ...")
                profiler = cProfile.Profile()
                turn = socket_turn(base)
                profiler.enable()
                for _ in range(PROFILED):
                    await turn()
                profiler.disable()
            profile_text = profile_tables(profiler)
            print("(c) gateway, A2A delegation ...")
            a2a = settings.model_copy(update={"delegation": "a2a"})
            async with specialists(a2a), serve(create_app(a2a)) as base:
                results["c"] = await sample(socket_turn(base), count)
    report(results, profile_text)


def _trim(text: str) -> str:
    """pstats output from its column header on, with long paths shortened."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    head = [line.strip() for line in lines[:start] if "function calls" in line]
    path = re.compile(r"\S*?(site-packages/|/work/main/|lib/python3\.\d+/)")
    kept = [path.sub("…/", line).rstrip() for line in lines[start:]]
    return "\n".join([*head, *kept]).strip()


def profile_tables(profiler: cProfile.Profile) -> tuple[str, str]:
    """Top 20 by cumulative and by own (tottime) time."""
    texts = []
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(20)
        texts.append(_trim(out.getvalue()))
    return texts[0], texts[1]


def report(results: dict[str, list[float]], profile_text: tuple[str, str]) -> None:
    names = {
        "a": "(a) ADK Runner, in-process",
        "b": "(b) gateway WebSocket",
        "c": "(c) gateway, A2A delegation",
    }
    base = median(results["a"])
    rows = []
    for key, samples in results.items():
        rows.append((
            names[key], len(samples), f"{median(samples) * 1000:.1f}",
            f"{pct(samples, 95) * 1000:.1f}", f"{median(samples) / base:.2f}x",
        ))  # fmt: skip
    for key, samples in results.items():
        print(f"{names[key]:<32} median {median(samples) * 1000:7.1f} ms "
              f"({median(samples) / base:.2f}x of (a))")  # fmt: skip
    b_over_a = (median(results["b"]) - base) * 1000
    c_over_b = (median(results["c"]) - median(results["b"])) * 1000
    body = f"""
One turn, "{TEXT}", offline model, embedded Online Boutique, all in one process. Each sample
is a new session of a new shopper ((b) and (c) include opening the socket and its `session`
frame), after {WARM_UP} untimed turns.

{table(["way", "samples", "median ms", "p95 ms", "ratio to (a)"], rows)}

The gateway adds {b_over_a:.1f} ms per turn over the bare Runner (median); A2A delegation adds
{c_over_b:.1f} ms more.

cProfile of (b), {PROFILED} turns (client and server in the same process). Under asyncio a
coroutine's cumulative time counts only its own resumptions, so the own-time (tottime) table
is the better guide to where the CPU goes. Top 20 by cumulative time:

```
{profile_text[0]}
```

Top 20 by own time (tottime):

```
{profile_text[1]}
```
"""
    write_section("overhead", "Per-turn overhead (`overhead.py`)", body)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    if not 1 <= count <= 1_000:
        raise SystemExit("samples must be between 1 and 1,000")
    asyncio.run(main_async(count))


if __name__ == "__main__":
    main()
