"""A shopper's stateful tool calls run one after another, in the order the model made them.

ADK runs the function calls of one model response concurrently. "Add the mug and the jar,
then show me my cart" is three calls in one response, and the view read the cart before the
adds had landed ("your cart is empty"). Tools that read or change a shopper's cart or alerts
take this per-shopper turnstile first: the calls' tasks start in the response's order and
reach it before their first real wait, so they pass in that order. Different shoppers, and
read-only tools such as search, still run side by side.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

__all__ = ["in_call_order", "one_at_a_time"]

P = ParamSpec("P")
R = TypeVar("R")

# Shopper -> (lock, calls holding or waiting for it); an entry lives only while in use.
_turnstiles: dict[str, tuple[asyncio.Lock, int]] = {}


@contextlib.asynccontextmanager
async def one_at_a_time(key: str) -> AsyncIterator[None]:
    """Hold `key`'s turnstile: callers pass one at a time, first come first served."""
    lock, users = _turnstiles.get(key) or (asyncio.Lock(), 0)
    _turnstiles[key] = (lock, users + 1)
    try:
        async with lock:  # asyncio.Lock wakes its waiters in the order they came
            yield
    finally:
        lock, users = _turnstiles[key]
        if users == 1:
            del _turnstiles[key]
        else:
            _turnstiles[key] = (lock, users - 1)


def in_call_order(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Run the tool under its shopper's turnstile (the `tool_context` keyword's user)."""

    @functools.wraps(fn)
    async def ordered(*args: P.args, **kwargs: P.kwargs) -> R:
        context: Any = kwargs.get("tool_context")
        user = getattr(context, "user_id", None)
        if not user:
            return await fn(*args, **kwargs)
        async with one_at_a_time(user):
            return await fn(*args, **kwargs)

    return ordered
