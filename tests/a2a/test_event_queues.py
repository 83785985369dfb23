"""`cartmate.a2a.event_queues`: asyncio's queue with Python 3.13's shutdown semantics, as
a2a-sdk expects of its queues, and installed where a2a-sdk makes them."""

from __future__ import annotations

import asyncio

import pytest
from a2a.server.agent_execution import active_task
from a2a.server.events import event_queue, event_queue_v2
from a2a.utils._async_queue_compat import QueueShutDown

from cartmate.a2a import event_queues
from cartmate.a2a.event_queues import ShutdownQueue


async def test_a_shut_down_queue_refuses_puts_and_hands_out_what_it_holds() -> None:
    queue = ShutdownQueue()
    await queue.put("a")
    queue.put_nowait("b")
    queue.shutdown()
    with pytest.raises(QueueShutDown):
        await queue.put("c")
    with pytest.raises(QueueShutDown):
        queue.put_nowait("c")
    assert await queue.get() == "a"
    assert queue.get_nowait() == "b"
    with pytest.raises(QueueShutDown):
        await queue.get()
    with pytest.raises(QueueShutDown):
        queue.get_nowait()


async def test_an_immediate_shutdown_drops_what_is_queued_and_releases_join() -> None:
    queue = ShutdownQueue()
    for item in range(3):
        await queue.put(item)
    assert await queue.get() == 0
    queue.task_done()
    joined = asyncio.create_task(queue.join())
    await asyncio.sleep(0)
    assert not joined.done()
    queue.shutdown(immediate=True)
    await asyncio.wait_for(joined, 1)
    assert queue.empty()
    with pytest.raises(QueueShutDown):
        await queue.get()


async def test_shutdown_wakes_blocked_getters_and_putters_with_queue_shut_down() -> None:
    empty, full = ShutdownQueue(), ShutdownQueue(maxsize=1)
    await full.put("held")
    getter = asyncio.create_task(empty.get())
    putter = asyncio.create_task(full.put("waiting"))
    await asyncio.sleep(0)
    empty.shutdown()
    full.shutdown(immediate=True)
    with pytest.raises(QueueShutDown):
        await asyncio.wait_for(getter, 1)
    with pytest.raises(QueueShutDown):
        await asyncio.wait_for(putter, 1)


async def test_a_normal_shutdown_lets_a_blocked_putter_fail_and_keeps_the_items() -> None:
    queue = ShutdownQueue(maxsize=1)
    await queue.put("kept")
    putter = asyncio.create_task(queue.put("late"))
    await asyncio.sleep(0)
    queue.shutdown()
    with pytest.raises(QueueShutDown):
        await asyncio.wait_for(putter, 1)
    assert await queue.get() == "kept"


async def test_a_cancelled_getter_loses_nothing_and_passes_the_item_on() -> None:
    queue = ShutdownQueue()
    first = asyncio.create_task(queue.get())
    second = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    queue.put_nowait("item")
    first.cancel()
    assert await asyncio.wait_for(second, 1) == "item"
    with pytest.raises(asyncio.CancelledError):
        await first


async def test_without_shutdown_it_is_asyncios_queue() -> None:
    queue = ShutdownQueue(maxsize=2)
    await queue.put(1)
    await queue.put(2)
    assert queue.full()
    with pytest.raises(asyncio.QueueFull):
        queue.put_nowait(3)
    assert [await queue.get(), await queue.get()] == [1, 2]
    with pytest.raises(asyncio.QueueEmpty):
        queue.get_nowait()
    queue.task_done()
    queue.task_done()
    await asyncio.wait_for(queue.join(), 1)


async def test_install_makes_a2a_sdk_create_these_queues() -> None:
    event_queues.install()
    event_queues.install()  # idempotent
    for module in (event_queue, event_queue_v2, active_task):
        assert module.create_async_queue is event_queues.create_async_queue
    source = event_queue_v2.EventQueueSource()
    assert isinstance(source._incoming_queue, ShutdownQueue)
    await source.close(immediate=True)
