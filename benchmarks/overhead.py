"""Per-turn overhead of the layers: one turn, "add two mugs to my cart", three ways.

    .venv/bin/python benchmarks/overhead.py [samples]      # default 30 timed turns each

(a) in-process through ADK's Runner as `make_runner` builds it for the gateway (the
    orchestrator with local sub-agents, CartMate's plugins, in-memory sessions), in this
    process, with the embedded Online Boutique served from this process too;
(b) through the gateway's WebSocket, the product as `cartmate up` runs it: `cartmate boutique`
    and `cartmate gateway` as separate processes (Redis sessions and event log);
(c) the same with CARTMATE_DELEGATION=a2a and the four specialists each served by its own
    `cartmate serve-agent NAME` process, found by the gateway in the agent registry.

For (b) and (c) this process is only the client (the `websockets` client of `_common.Chat`),
over loopback; client, gateway, agents, boutique and Redis share the machine's cores (2 on
the reference machine, which is shared, so other work may be in the numbers). Offline model,
Redis at REDIS_URL or an embedded Valkey, model call limit lifted. Every sample is a new
session of a new shopper (an empty cart), after WARM_UP untimed turns; (b) and (c) include
opening the socket (to its `session` frame) and closing it.

Before (a), `floor.py` measures the floor of a delegated turn in this process: each
component (WebSocket echo, ADK turn with one tool call, a2a-sdk SendMessage, gRPC unary,
Redis PING) bare, client and server on one event loop, so a call's wall time is their CPU
together; the floor is `floor.DELEGATED_TURN` of them (one echo, two ADK turns, one A2A hop,
one gRPC call, two PINGs). RESULTS.md lists the components' medians, the floor, and (c)'s
ratio to it against the target: (c) within TARGET (1.25x) of the floor of the same run.

For (b) and (c) the client also times each sample's phases (connect, to `turn_start`, to the
first frame after it, to `turn_end`, close); their medians go in RESULTS.md. The server is
not profiled here (the CPU each process used per turn is reported); profile a process with
py-spy (`py-spy record -p <pid>`).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from _common import (
    Chat,
    cpu_seconds,
    median,
    pct,
    product,
    product_processes,
    product_settings,
    redis_url,
    table,
    write_section,
)
from floor import COUNT as FLOOR_COUNT
from floor import DELEGATED_TURN
from floor import WARM_UP as FLOOR_WARM_UP
from floor import floor as measure_floor

TEXT = "add two mugs to my cart"
WARM_UP = 3
BUDGET_S = 120.0  # per way
MODEL_CALLS = 10_000_000  # the model call limit per minute, lifted: the offline model is free
OVERRIDES = {"model_calls_per_minute": MODEL_CALLS}  # (a): Settings in this process
ENV = {"CARTMATE_MODEL_CALLS_PER_MINUTE": str(MODEL_CALLS)}  # (b), (c): the processes
TARGET = 1.25  # (c) within this many times the floor of the same run
FLOOR_NAMES = {
    "websocket_echo": "WebSocket echo (gateway socket)",
    "adk_one_tool_turn": "ADK turn, one tool call (orchestrator, specialist)",
    "a2a_send_message": "a2a-sdk SendMessage (A2A hop)",
    "grpc_unary": "gRPC unary (Online Boutique)",
    "redis_ping": "Redis PING",
}
PHASES = {
    "connect": "connect (to the `session` frame)",
    "turn_start": "send to `turn_start`",
    "first": "send to the first frame after `turn_start`",
    "turn_end": "send to `turn_end`",
    "close": "close",
}


async def sample(
    turn: Callable[[], Awaitable[Any]], count: int, warm_up: int = WARM_UP
) -> tuple[list[float], list[Any]]:
    """Seconds per timed turn, and what each returned."""
    for _ in range(warm_up):
        await turn()
    samples: list[float] = []
    outcomes: list[Any] = []
    deadline = time.monotonic() + BUDGET_S
    for _ in range(count):
        if time.monotonic() > deadline:
            print(f"  stopped after {len(samples)} samples: budget of {BUDGET_S:.0f} s")
            break
        started = time.perf_counter()
        outcome = await turn()
        samples.append(time.perf_counter() - started)
        outcomes.append(outcome)
    return samples, outcomes


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

            return (await sample(turn, count))[0]
        finally:
            await runner.close()
            await close_models(agent)


# ------------------------------------------------------------------ (b), (c) the gateway


async def socket_turn(base: str, timeout_s: float = 60.0) -> dict[str, float]:
    """One sample over the socket: connect, one turn, close; the phases' seconds, and the
    frames of the turn (`timeout_s` for the turn to end)."""
    phases: dict[str, float] = {}
    began = time.perf_counter()
    chat, first = await Chat.connect(base)
    try:
        phases["connect"] = time.perf_counter() - began
        if first.get("type") != "session":
            raise RuntimeError(f"first frame {first.get('type')}, not session")
        sent = time.perf_counter()
        await chat.socket.send(json.dumps({"type": "message", "text": TEXT}))
        frames = 0
        while True:
            frame = await chat.recv(max(0.1, sent + timeout_s - time.perf_counter()))
            now = time.perf_counter() - sent
            kind = frame["type"]
            if kind == "error":
                raise RuntimeError(f"error frame {frame.get('code')}: {frame.get('message')}")
            if "turn_start" not in phases:
                if kind == "turn_start":
                    phases["turn_start"] = now
                continue  # a notification before the turn
            frames += 1
            phases.setdefault("first", now)
            if kind == "turn_end":
                if frame["status"] != "ok":
                    raise RuntimeError(f"turn ended {frame['status']}")
                phases["turn_end"] = now
                phases["frames"] = frames
                break
    finally:
        closing = time.perf_counter()
        await chat.close()
        phases["close"] = time.perf_counter() - closing
    return phases


async def gateway_way(
    port: int, count: int
) -> tuple[list[float], list[dict[str, float]], dict[str, float]]:
    """The samples, their phases, and the CPU each process used per timed turn (ms)."""
    base = f"http://127.0.0.1:{port}"
    await sample(lambda: socket_turn(base), 0)  # warm up
    processes = product_processes()
    before = {pid: cpu_seconds(pid) for pid in processes}
    samples, phases = await sample(lambda: socket_turn(base), count, warm_up=0)
    cpu: dict[str, float] = {}
    for pid, name in processes.items():
        used = (cpu_seconds(pid) - before[pid]) * 1000 / max(1, len(samples))
        cpu[name] = cpu.get(name, 0.0) + used
    return samples, phases, cpu


async def main_async(count: int) -> None:
    from cartmate.agent_runtime.topology import SPECIALISTS

    results: dict[str, list[float]] = {}
    phases: dict[str, list[dict[str, float]]] = {}
    cpu: dict[str, dict[str, float]] = {}
    with redis_url() as url, tempfile.TemporaryDirectory(prefix="overhead-") as logs:
        print("floor of a delegated turn (floor.py, in-process) ...")
        floor = await measure_floor(url)
        async with product_settings(url, **OVERRIDES) as settings:
            print("(a) ADK Runner in-process ...")
            results["a"] = await runner_way(settings, count)
        print("(b) gateway WebSocket (boutique and gateway processes) ...")
        (Path(logs) / "b").mkdir()
        with product(url, Path(logs) / "b", env=ENV) as (port, pids):
            print(f"    gateway pid {pids[0]}, port {port}")
            results["b"], phases["b"], cpu["b"] = await gateway_way(port, count)
        print("(c) gateway, A2A delegation (plus four serve-agent processes) ...")
        (Path(logs) / "c").mkdir()
        a2a = {**ENV, "CARTMATE_DELEGATION": "a2a"}
        with product(url, Path(logs) / "c", env=a2a, agents=SPECIALISTS) as (port, pids):
            print(f"    gateway pid {pids[0]}, port {port}")
            results["c"], phases["c"], cpu["c"] = await gateway_way(port, count)
    report(results, phases, cpu, floor)


def report(
    results: dict[str, list[float]],
    phases: dict[str, list[dict[str, float]]],
    cpu: dict[str, dict[str, float]],
    floor: dict[str, float],
) -> None:
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
    phase_rows = []
    for phase, label in PHASES.items():
        phase_rows.append((label, *(f"{median([p[phase] for p in phases[k]]) * 1000:.1f}"
                                    for k in ("b", "c"))))  # fmt: skip
    phase_rows.append(("frames in the turn (`turn_start` excluded)",
                       *(f"{median([p['frames'] for p in phases[k]]):.0f}"
                         for k in ("b", "c"))))  # fmt: skip
    for row in phase_rows:
        print(f"  {row[0]:<48} (b) {row[1]:>7}  (c) {row[2]:>7}")
    # Processes that used under 0.05 ms a turn in both ways (idle agents) are left out.
    busy = [n for n in dict.fromkeys([*cpu["b"], *cpu["c"]])
            if max(cpu["b"].get(n, 0.0), cpu["c"].get(n, 0.0)) >= 0.05]  # fmt: skip
    cpu_rows = [(name, *(f"{cpu[k][name]:.1f}" if name in cpu[k] else "-" for k in ("b", "c")))
                for name in busy]  # fmt: skip
    cpu_rows.append(("**all**", *(f"**{sum(cpu[k].values()):.1f}**" for k in ("b", "c"))))
    for row in cpu_rows:
        print(f"  CPU ms/turn {row[0]:<36} (b) {row[1]:>7}  (c) {row[2]:>7}")
    floor_rows = [
        (FLOOR_NAMES[key], times, f"{floor[key] * 1000:.2f}", f"{times * floor[key] * 1000:.2f}")
        for key, times in DELEGATED_TURN.items()
    ]
    floor_ms = floor["delegated_turn"] * 1000
    floor_rows.append(("**floor of a delegated turn**", "", "", f"**{floor_ms:.2f}**"))
    across_ms = floor["delegated_turn_across"] * 1000
    across_rows = [
        (FLOOR_NAMES[key], f"{floor[key] * 1000:.2f}", f"{floor[f'{key}_across'] * 1000:.2f}")
        for key in DELEGATED_TURN
        if f"{key}_across" in floor
    ]
    across_rows.append(("**floor of a delegated turn**", f"**{floor_ms:.2f}**",
                        f"**{across_ms:.2f}**"))  # fmt: skip
    ratio = median(results["c"]) / floor["delegated_turn"]
    ratio_across = median(results["c"]) / floor["delegated_turn_across"]
    verdict = "within" if ratio <= TARGET else "not within"
    print("floor of a delegated turn (medians, ms):")
    for name, times, each, total in floor_rows[:-1]:
        print(f"  {name:<52} {times} x {each:>6} = {total:>6}")
    print(f"  {'floor':<52} {floor_ms:.2f}")
    print(f"(c) / floor: {ratio:.2f}x ({verdict} the {TARGET}x target)")
    print(f"floor across processes: {across_ms:.2f} ms; (c) / it: {ratio_across:.2f}x")
    b_over_a = (median(results["b"]) - base) * 1000
    c_over_b = (median(results["c"]) - median(results["b"])) * 1000
    redis = "Redis at REDIS_URL" if os.environ.get("REDIS_URL") else "an embedded Valkey"
    body = f"""
One turn, "{TEXT}", offline model, {redis}, model call limit lifted. (a) runs ADK's Runner
in this process (orchestrator with local sub-agents, in-memory sessions) against the embedded
Online Boutique served from this process too (its garbage collector tuned as CartMate's
processes tune theirs, `cartmate/gc_tuning.py`). (b) and (c) run the product as `cartmate up`
does, in separate processes: `cartmate boutique` and `cartmate gateway`, and for (c)
CARTMATE_DELEGATION=a2a with the four specialists each in its own `cartmate serve-agent`
process, found by the gateway in the agent registry. For (b) and (c) this process is only the
WebSocket client, over loopback. Everything shares the machine's {os.cpu_count()} cores, and
the machine is shared, so other work may be in the numbers. Each sample is a new session of a
new shopper ((b) and (c) include opening the socket to its `session` frame, and closing it),
after {WARM_UP} untimed turns.

{table(["way", "samples", "median ms", "p95 ms", "ratio to (a)"], rows)}

The gateway adds {b_over_a:.1f} ms per turn over the bare Runner (median), including the
client's connect and close and the hops between processes; A2A delegation adds {c_over_b:.1f} ms
more.

The floor of a delegated turn (`floor.py`, measured in this process before (a)): each
component bare (no CartMate code, plugins, interceptors or tracing), client and server in
this process on one event loop, so a call's wall time is the CPU of both; medians of
{FLOOR_COUNT} calls after {FLOOR_WARM_UP} untimed ones. The floor counts each as often as a
delegated turn needs it (the gateway's socket, the orchestrator's and the specialist's turns,
one A2A hop, one gRPC call, Redis):

{table(["component", "per turn", "median ms", "ms in the floor"], floor_rows)}

(c) takes {ratio:.2f}x the floor ({median(results["c"]) * 1000:.1f} ms over {floor_ms:.2f} ms),
{verdict} the target of {TARGET}x.

The same floor with the hops' servers in processes of their own (`floor.across_processes`:
the product's hops cross processes, so their wall time also holds the kernel's loopback work
and the wake-ups between two processes; the ADK turns stay in one process, PING already
crosses to Redis):

{table(["component", "one event loop, ms", "across processes, ms"], across_rows)}

Against it, (c) takes {ratio_across:.2f}x.

Where a sample's time goes, as the client sees it (medians in ms over the timed samples;
"send to ..." times are from sending the message):

{table(["phase", "(b) gateway", "(c) A2A"], phase_rows)}

A gap between `turn_start` and the first frame after it, with the turn's frames arriving
together at the end, would mean frames are held back rather than streamed.

CPU each process used per timed turn (ms; user plus system time from /proc over the timed
samples, divided by their number; processes under 0.05 ms a turn left out; Redis counted
only when it is the embedded Valkey this script started). With turns run one at a time, a
turn's wall time is at least its busiest process's CPU, and the sum over processes is what
a turn costs the machine:

{table(["process", "(b) gateway", "(c) A2A"], cpu_rows)}

Where each process's CPU goes inside it is not profiled by this script; profiles come from
py-spy against the running processes (`py-spy record -p <pid>`), and are not part of it.
"""
    write_section("overhead", "Per-turn overhead (`overhead.py`)", body)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    if not 1 <= count <= 1_000:
        raise SystemExit("samples must be between 1 and 1,000")
    from cartmate.config import Settings
    from cartmate.gc_tuning import tune_gc

    # (a) and the floor run in this process: collect garbage as CartMate's processes do.
    tune_gc(Settings().gc_gen0_threshold)
    asyncio.run(main_async(count))


if __name__ == "__main__":
    main()
