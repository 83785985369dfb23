"""CARTMATE_EVENT_LOOP: uvloop when asked for (or installed, with "auto"), asyncio otherwise."""

from __future__ import annotations

import asyncio

import pytest
import uvloop

from cartmate.event_loop import loop_factory, run


async def _loop_type() -> type:
    return type(asyncio.get_running_loop())


def test_auto_and_uvloop_run_on_uvloop() -> None:
    assert run(_loop_type(), "auto") is uvloop.Loop
    assert run(_loop_type(), "uvloop") is uvloop.Loop


def test_asyncio_runs_on_the_standard_loop() -> None:
    assert loop_factory("asyncio") is None
    assert run(_loop_type(), "asyncio") is not uvloop.Loop


def test_uvloop_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "uvloop", None)  # import uvloop now raises ImportError
    assert loop_factory("auto") is None
    with pytest.raises(RuntimeError, match="uvloop is not installed"):
        loop_factory("uvloop")
