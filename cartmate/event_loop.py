"""Which asyncio event loop CartMate's processes run on.

uvloop (libuv) runs the same asyncio code with less CPU per socket event: measured +7 % turns
per second on the gateway under load (benchmarks/websocket_load.py). CARTMATE_EVENT_LOOP picks
it: "auto" (the default) uses uvloop when it is installed (it comes with uvicorn[standard]),
"asyncio" the standard loop, "uvloop" insists on uvloop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, Literal, TypeVar

__all__ = ["EventLoopChoice", "loop_factory", "run"]

T = TypeVar("T")
EventLoopChoice = Literal["auto", "uvloop", "asyncio"]


def loop_factory(choice: EventLoopChoice) -> Callable[[], asyncio.AbstractEventLoop] | None:
    """The factory for `asyncio.Runner`: uvloop's, or None for the standard loop."""
    if choice == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:
        if choice == "uvloop":
            raise RuntimeError("CARTMATE_EVENT_LOOP=uvloop, but uvloop is not installed") from None
        return None
    return uvloop.new_event_loop


def run(main: Coroutine[Any, Any, T], choice: EventLoopChoice = "auto") -> T:
    """`asyncio.run(main)` on the chosen loop."""
    with asyncio.Runner(loop_factory=loop_factory(choice)) as runner:
        return runner.run(main)
