"""Warming a process up before it serves, so its first shopper's turn is as fast as its tenth.

A fresh process pays on its first turn for what Python, pydantic and ADK do once: importing
the modules ADK loads lazily (its workflow scheduler, the A2A agent, auth schemas), building
the validators google-genai defers to first use, compiling the planner's patterns and cue
index, and filling the catalog and currency caches. Measured on the product as `cartmate up`
runs it: 200-480 ms for the first delegated turn through each specialist and 770 ms for the
first in-process turn, against 10-30 ms warm (benchmarks/first_turn.py).

`warm_up` runs a few read-only turns (`MESSAGES`) through a copy of the agent built on the
offline model, so no model call leaves the process whatever CARTMATE_MODEL says, in a
throwaway in-memory session of a shopper made up for it, with no plugins (no metrics are
recorded). The tools it reaches only read: an empty cart, the catalog, an absent style
profile or alert list. What it loaded is then frozen with the rest of start-up
(`gc_tuning.refreeze_gc`). The gateway runs it before it serves; a specialist before it
registers in the agent registry, so no caller reaches it cold. CARTMATE_WARM_UP=false skips
it. A warm-up that fails (a service down) or outlasts CARTMATE_WARM_UP_TIMEOUT_S is logged,
and the process serves anyway: warmth is an optimisation, never a condition of serving.

What stays cold is the A2A request path itself (a2a-sdk's server and client, their first
JSON-RPC request): a specialist's first delegated turn still costs 30-60 ms more than later
ones. Warming it would take a real A2A request, which leaves a task and a session in Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.runners import Runner
from google.adk.sessions.in_memory_session_service import InMemorySessionService
from google.genai import types

from cartmate.agent_runtime.runners import make_runner
from cartmate.config import Settings
from cartmate.gc_tuning import refreeze_gc
from cartmate.models.selection import close_models
from cartmate.telemetry import untraced

__all__ = ["MESSAGES", "WarmUp", "offline_settings", "warm_up"]

log = logging.getLogger(__name__)

_LET_GO_S = 1.0  # how long a warm-up past its deadline is given to stop

#: What each agent is asked while warming up: requests whose tools only read.
MESSAGES: dict[str, tuple[str, ...]] = {
    "orchestrator": ("hi",),
    "product_discovery": ("something for the kitchen",),
    "cart_manager": ("what's in my cart?",),
    "price_comparison": ("show my price alerts",),
    "style_profiler": ("show my style profile",),
}


@dataclass
class WarmUp:
    """What a warm-up did: its shopper, the tools its turns called, how long it took, and
    why it stopped early (None when every turn ran)."""

    user_id: str
    tools: list[str] = field(default_factory=list)
    seconds: float = 0.0
    failure: str | None = None


def offline_settings(settings: Settings) -> Settings:
    """`settings` with every agent on the offline model (no per-agent override left)."""
    unset = {f"model_{agent}": None for agent in MESSAGES}  # the per-agent overrides
    return settings.model_copy(update={"model": "offline", **unset})


async def warm_up(
    app_name: str,
    build: Callable[[Settings], BaseAgent],
    messages: Sequence[str],
    settings: Settings,
) -> WarmUp:
    """Runs `messages` through `build(offline_settings(settings))` in a throwaway session.

    Args:
        app_name: The app the agent serves under (as its real runner has it).
        build: Builds the agent from settings, as the process builds its own.
        messages: The turns, each read-only (see `MESSAGES`).
        settings: The process's settings (CARTMATE_WARM_UP, its timeout).

    Returns:
        What it did; never raises (a failure is logged and reported).
    """
    done = WarmUp(user_id=f"warm-up-{uuid.uuid4().hex[:12]}")
    if not settings.warm_up or not messages:
        return done
    started = time.perf_counter()
    try:
        with untraced():  # its spans belong to no shopper's trace
            turns = asyncio.create_task(_turns(app_name, build, messages, settings, done))
        try:
            await asyncio.wait_for(asyncio.shield(turns), settings.warm_up_timeout_s)
        except TimeoutError:
            # A run cancelled part-way may not let go at once (ADK waits for its own event
            # queue): it gets a moment, and is otherwise left to finish on its own.
            turns.cancel()
            await asyncio.wait({turns}, timeout=_LET_GO_S)
            raise
    except Exception as error:  # any failure only leaves the process cold
        done.failure = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    done.seconds = time.perf_counter() - started
    # What it loaded (lazily imported modules, built validators) lives as long as the
    # process: frozen with the rest of start-up, or every full collection would walk it
    # (measured: a 50-80 ms collection on an early turn, and slower turns after).
    refreeze_gc()
    extra = {"app": app_name, "seconds": round(done.seconds, 3), "tools": done.tools}
    if done.failure is None:
        log.info("warmed up", extra=extra)
    else:
        log.warning("warm-up stopped early: %s", done.failure, extra=extra)
    return done


async def _turns(
    app_name: str,
    build: Callable[[Settings], BaseAgent],
    messages: Sequence[str],
    settings: Settings,
    done: WarmUp,
) -> None:
    """The warm-up's turns; the tools they call go into `done`."""
    agent: BaseAgent | None = None
    runner: Runner | None = None
    try:
        agent = build(offline_settings(settings))
        runner = make_runner(app_name, agent, InMemorySessionService(), settings, plugins=[])
        session = await runner.session_service.create_session(
            app_name=app_name, user_id=done.user_id
        )
        for text in messages:
            turn = runner.run_async(
                user_id=done.user_id,
                session_id=session.id,
                new_message=types.Content(role="user", parts=[types.Part(text=text)]),
                run_config=RunConfig(streaming_mode=StreamingMode.SSE),
            )
            async with contextlib.aclosing(turn) as events:
                async for event in events:
                    done.tools += [call.name or "" for call in event.get_function_calls()]
    finally:
        if runner is not None:
            await runner.close()
        if agent is not None:
            await close_models(agent)
