"""Turn cost against conversation length: 10, 100 and 1,000 events of history, bounded or not.

    .venv/bin/python benchmarks/conversation_length.py [samples]   # default 7 per cell

The gateway's setup in-process: the orchestrator with its local specialists, the offline
model, the embedded Online Boutique on loopback, ADK sessions in Redis (`RedisSessionService`)
and the Runner from `make_runner`, once with `CARTMATE_HISTORY_EVENTS` at its default
(bounded: a read window plus summaries) and once at 0 (unbounded, ADK's behaviour).

History is built from real turns: a template conversation runs once, then its invocations are
copied (fresh ids) through the session service until a session holds the level's events minus
one turn. Each sample is then two real turns in that session: "something for the kitchen"
(reaching the level; in bounded mode it triggers the first summary, so it is reported as the
compacting turn) and the timed "add the second one", which must add the second product shown.
Samples interleave levels and modes, so machine noise hits both alike. Then cProfile of
PROFILED timed turns at 1,000 events in each mode.
"""

from __future__ import annotations

import asyncio
import cProfile
import gc
import io
import pstats
import re
import sys
import time
import uuid
from typing import Any

from _common import median, product_settings, redis_url, table, write_section

LEVELS = (10, 100, 1000)
MODES = {"bounded": None, "unbounded": 0}  # CARTMATE_HISTORY_EVENTS (None: the default)
TEMPLATE = (
    "something for the kitchen",
    "add two of the second one",
    "show prices in euros",
    "tell me about the watch",
    "show my cart",
    "what sunglasses do you have",
)
SETUP, TIMED = "something for the kitchen", "add the second one"
PROFILED = 10
APP = "bench"
OVERRIDES = {"model_calls_per_minute": 10_000_000, "model_calls_per_minute_per_user": 100_000}
_CALL_ID = re.compile(r"offline-[0-9a-f]{16}")


async def say(runner: Any, user: str, session_id: str, text: str) -> list[Any]:
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.genai import types

    events = []
    async for event in runner.run_async(
        user_id=user,
        session_id=session_id,
        new_message=types.Content(role="user", parts=[types.Part(text=text)]),
        run_config=RunConfig(streaming_mode=StreamingMode.SSE),
    ):
        events.append(event)
    return events


def turns_of(events: list[Any]) -> list[list[Any]]:
    """The events grouped by invocation, in order."""
    groups: dict[str, list[Any]] = {}
    for event in events:
        groups.setdefault(event.invocation_id, []).append(event)
    return list(groups.values())


def copied(turn: list[Any], clock: list[float]) -> list[Any]:
    """A turn's events again with fresh event, invocation and function-call ids."""
    from google.adk.events.event import Event

    invocation = Event.new_id()
    ids: dict[str, str] = {}
    out = []
    for event in turn:
        text = _CALL_ID.sub(
            lambda m: ids.setdefault(m.group(0), f"offline-{uuid.uuid4().hex[:16]}"),
            event.model_dump_json(exclude_none=True),
        )
        clock[0] += 0.001
        out.append(
            Event.model_validate_json(text).model_copy(
                update={"id": Event.new_id(), "invocation_id": invocation, "timestamp": clock[0]}
            )
        )
    return out


async def seeded(service: Any, template: list[list[Any]], state: dict, size: int) -> Any:
    """A new session of a new shopper holding about `size` events of copied turns."""
    user = f"bench-{uuid.uuid4().hex[:8]}"
    session = await service.create_session(app_name=APP, user_id=user, state=state)
    clock = [time.time() - 3600]
    count, i = 0, 0
    while count + len(template[i % len(template)]) <= size:
        for event in copied(template[i % len(template)], clock):
            await service.append_event(session, event)
            count += 1
        i += 1
    return session


async def run_sample(runner: Any, service: Any, template, state, level: int) -> tuple[float, float]:
    """(compacting turn s, timed turn s) in a session seeded to `level` events before it."""
    turn_size = len(template[0])  # the template's first turn is the SETUP message
    session = await seeded(service, template, state, max(0, level - turn_size))
    gc.collect()  # the garbage of the previous (maybe unbounded) sample is not this one's cost
    started = time.perf_counter()
    await say(runner, session.user_id, session.id, SETUP)
    setup_s = time.perf_counter() - started
    gc.collect()
    started = time.perf_counter()
    events = await say(runner, session.user_id, session.id, TIMED)
    timed_s = time.perf_counter() - started
    calls = [
        p.function_call
        for e in events
        for p in (e.content.parts if e.content and e.content.parts else [])
        if p.function_call and p.function_call.name == "add_to_cart"
    ]
    if len(calls) != 1:
        raise RuntimeError(f"the timed turn did not add one product: {calls}")
    return setup_s, timed_s


def _trim(text: str) -> str:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    head = [line.strip() for line in lines[:start] if "function calls" in line]
    path = re.compile(r"\S*?(site-packages/|/work/main/|lib/python3\.\d+/)")
    return "\n".join([*head, *(path.sub("…/", x).rstrip() for x in lines[start:])]).strip()


async def main_async(count: int) -> None:
    from cartmate.agent_runtime.runners import make_runner
    from cartmate.agent_runtime.services import StaticServices, open_agent_services
    from cartmate.agents.orchestrator.agent import build_orchestrator_agent
    from cartmate.models.selection import close_models
    from cartmate.store.redis_session_service import RedisSessionService

    results: dict[tuple[str, int], list[tuple[float, float]]] = {}
    profiles: dict[str, str] = {}
    with redis_url() as url:
        async with product_settings(url, **OVERRIDES) as base, open_agent_services(base) as svc:
            service = RedisSessionService(svc.redis)
            runners, agents = {}, []
            for mode, window in MODES.items():
                settings = (
                    base if window is None else base.model_copy(update={"history_events": window})
                )
                agent = build_orchestrator_agent(StaticServices(svc), settings)
                agents.append(agent)
                runners[mode] = make_runner(APP, agent, service, settings)
            window = base.history_events
            try:
                print("template conversation ...")
                first = await service.create_session(app_name=APP, user_id="bench-template")
                for text in TEMPLATE:
                    await say(runners["unbounded"], first.user_id, first.id, text)
                stored = await service.get_session(
                    app_name=APP, user_id=first.user_id, session_id=first.id
                )
                assert stored is not None
                template, state = turns_of(stored.events), dict(stored.state)
                print(f"  {len(stored.events)} events in {len(template)} turns")
                for runner in runners.values():  # warm-up, untimed
                    await run_sample(runner, service, template, state, LEVELS[0])
                for n in range(count):
                    order = list(runners.items())[:: 1 if n % 2 == 0 else -1]  # alternate
                    for level in LEVELS:
                        for mode, runner in order:
                            sample = await run_sample(runner, service, template, state, level)
                            results.setdefault((mode, level), []).append(sample)
                    print(f"  sample {n + 1}/{count} done")
                for mode, runner in runners.items():
                    print(f"profiling {mode} at {LEVELS[-1]} events ...")
                    profiler = cProfile.Profile()
                    for _ in range(PROFILED):
                        size = max(0, LEVELS[-1] - len(template[0]))
                        session = await seeded(service, template, state, size)
                        await say(runner, session.user_id, session.id, SETUP)
                        profiler.enable()
                        await say(runner, session.user_id, session.id, TIMED)
                        profiler.disable()
                    out = io.StringIO()
                    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
                    profiles[mode] = _trim(out.getvalue())
            finally:
                for runner in runners.values():
                    await runner.close()
                for agent in agents:
                    await close_models(agent)
    report(results, profiles, count, window, len(template[0]))


def report(results, profiles: dict[str, str], count: int, window: int, turn_events: int) -> None:
    rows = []
    ms = {key: median([t for _, t in samples]) * 1000 for key, samples in results.items()}
    setup = {key: median([s for s, _ in samples]) * 1000 for key, samples in results.items()}
    for level in LEVELS:
        row: list[Any] = [f"{level:,}"]
        for mode in MODES:
            row += [f"{ms[mode, level]:.1f}", f"{ms[mode, level] / ms[mode, LEVELS[0]]:.2f}x"]
        row += [f"{setup['bounded', level]:.1f}", f"{setup['unbounded', level]:.1f}"]
        rows.append(row)
        print(
            f"{level:>6} events: bounded {ms['bounded', level]:7.1f} ms, "
            f"unbounded {ms['unbounded', level]:7.1f} ms"
        )
    ratio = ms["bounded", LEVELS[-1]] / ms["bounded", LEVELS[0]]
    verdict = "meets" if ratio <= 1.5 else "misses"
    headers = [
        "history events",
        "bounded ms",
        "vs 10",
        "unbounded ms",
        "vs 10",
        "turn before, bounded ms",
        "turn before, unbounded ms",
    ]
    body = f"""
The orchestrator with local specialists, offline model, embedded Online Boutique, sessions in
Redis through `RedisSessionService`, Runner from `make_runner`; bounded is the default
`CARTMATE_HISTORY_EVENTS={window}` (a read window plus a summary every few turns), unbounded is
`CARTMATE_HISTORY_EVENTS=0`. History is copied real turns ({turn_events} events a turn for the
template's search turn); each cell is the median of {count} samples, each in a new session:
"{SETUP}" (reaching the level; at 100 and 1,000 events in bounded mode it runs the first
compaction, a summary of the window: "turn before" columns), then the timed "{TIMED}" (checked
to add the second product shown). Levels and modes interleave (mode order alternating, a
`gc.collect()` before each timed turn), so load on the machine, which was shared with other
engineers' test runs, hits both alike.

{table(headers, rows)}

Bounded, turn at {LEVELS[-1]:,} events is {ratio:.2f}x the turn at {LEVELS[0]} events:
{verdict} the 1.5x target.

cProfile of {PROFILED} timed turns at {LEVELS[-1]:,} events, top 15 by own time (tottime),
bounded:

```
{profiles.get("bounded", "")}
```

Unbounded:

```
{profiles.get("unbounded", "")}
```
"""
    write_section("conversation_length", "Conversation length (`conversation_length.py`)", body)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    if not 1 <= count <= 100:
        raise SystemExit("samples must be between 1 and 100")
    asyncio.run(main_async(count))


if __name__ == "__main__":
    main()
