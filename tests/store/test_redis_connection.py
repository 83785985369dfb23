"""`cartmate.store.redis_connection`: commands packed by hiredis are the bytes redis-py's asyncio
connection packs, its errors are redis-py's, writes that cannot wait skip redis-py's task, the
others keep its bounded path, and the process's client talks to a real Redis with it."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redis.asyncio.connection import Connection, UnixDomainSocketConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import DataError

from cartmate.store.redis_client import RedisConnection
from cartmate.store.redis_connection import lean_connection_class

ARGUMENT = (
    st.text(max_size=40)
    | st.binary(max_size=40)
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
)


def packed(connection: Any, *args: Any) -> bytes | tuple[type[Exception], str]:
    try:
        return b"".join(bytes(chunk) for chunk in connection.pack_command(*args))
    except Exception as error:  # compared, not handled
        return type(error), str(error)


def pair(**kwargs: Any) -> tuple[Connection, Connection]:
    return Connection(**kwargs), lean_connection_class(Connection)(**kwargs)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["SET", "EVALSHA", "CONFIG GET", b"XADD", b"CLIENT SETNAME"]),
       st.lists(ARGUMENT, max_size=8))  # fmt: skip
def test_the_same_bytes_as_redis_pys_packing(command: str | bytes, args: list[Any]) -> None:
    theirs, ours = pair()
    assert packed(ours, command, *args) == packed(theirs, command, *args)


@pytest.mark.parametrize("bad", [None, True, [1], {"a": 1}], ids=["none", "bool", "list", "dict"])
def test_arguments_redis_py_refuses_get_its_own_error(bad: Any) -> None:
    theirs, ours = pair()
    refused = packed(ours, "SET", "k", bad)
    assert refused == packed(theirs, "SET", "k", bad)
    assert refused[0] is DataError


def test_memoryviews_and_large_values_pack_as_redis_py_packs_them() -> None:
    theirs, ours = pair()
    for value in (memoryview(b"abc" * 10), bytearray(b"xyz"), "é" * 100_000, b"\0" * 70_000):
        assert packed(ours, "SET", "k", value) == packed(theirs, "SET", "k", value)


def test_an_encoder_other_than_strict_utf8_keeps_redis_pys_packing() -> None:
    for kwargs in ({"encoding": "latin-1"}, {"encoding_errors": "replace"}):
        theirs, ours = pair(**kwargs)
        assert packed(ours, "SET", "k", "é\udcff") == packed(theirs, "SET", "k", "é\udcff")


def test_the_packing_class_is_made_once_and_keeps_the_original_as_base() -> None:
    packing = lean_connection_class(UnixDomainSocketConnection)
    assert packing is lean_connection_class(UnixDomainSocketConnection)
    assert issubclass(packing, UnixDomainSocketConnection)
    assert lean_connection_class(packing) is packing


async def test_the_process_client_packs_with_hiredis_against_real_redis(
    redis: RedisConnection,
) -> None:
    assert issubclass(redis.pool.connection_class, lean_connection_class(Connection))
    key = redis.keys.key("packing")
    values = ["plain", "ünï©ødé", "x" * 100_000, "12.5", "-3"]
    for value in values:
        await redis.client.set(key, value)
        assert await redis.client.get(key) == value
    script = "return {ARGV[1], ARGV[2], tonumber(ARGV[3]) * 2, #ARGV}"
    assert await redis.client.eval(script, 1, key, "a", "ü", 21, 1.5) == ["a", "ü", 42, 4]
    async with redis.client.pipeline(transaction=True) as pipe:
        pipe.delete(key).rpush(key, *values).lrange(key, 0, -1)
        assert (await pipe.execute())[-1] == values
    assert await redis.client.config_get("maxmemory-policy")  # a two-word command
    await redis.client.delete(key)


class _CountedConnection(Connection):
    """redis-py's connection, counting the writes that reach its own (bounded) path."""

    bounded_writes = 0

    async def send_packed_command(self, command: Any, check_health: bool = True) -> None:
        _CountedConnection.bounded_writes += 1
        await super().send_packed_command(command, check_health)


async def _connected(redis_url: str, **kwargs: Any) -> Any:
    lean = lean_connection_class(_CountedConnection)
    url = urlsplit(redis_url)
    connection = lean(host=url.hostname, port=url.port or 6379, socket_timeout=2.0, **kwargs)
    await connection.connect()
    _CountedConnection.bounded_writes = 0
    return connection


async def test_a_write_that_cannot_wait_skips_redis_pys_bounded_path(redis_url: str) -> None:
    connection = await _connected(redis_url)
    try:
        for _ in range(20):
            await connection.send_command("PING")
            assert await connection.read_response() in (b"PONG", "PONG")
        assert _CountedConnection.bounded_writes == 0
    finally:
        await connection.disconnect()


async def test_a_write_the_kernel_cannot_take_at_once_drains_on_redis_pys_path(
    redis_url: str, key_prefix: str
) -> None:
    connection = await _connected(redis_url)
    key = f"{key_prefix}big"
    value = b"x" * (32 << 20)  # more than a loopback socket buffer takes in one send
    try:
        await connection.send_command("SET", key, value)
        assert await connection.read_response() in (b"OK", "OK")
        assert _CountedConnection.bounded_writes == 1  # the rest of the write, bounded
        await connection.send_command("STRLEN", key)
        assert await connection.read_response() == len(value)
        await connection.send_command("DEL", key)
        await connection.read_response()
    finally:
        await connection.disconnect()


async def test_a_due_health_check_goes_through_redis_pys_path(redis_url: str) -> None:
    connection = await _connected(redis_url, health_check_interval=1)
    try:
        connection.next_health_check = -1.0  # due
        await connection.send_command("PING")
        assert await connection.read_response() in (b"PONG", "PONG")
        assert _CountedConnection.bounded_writes >= 1
        assert connection.next_health_check > 0  # redis-py pinged and set the next one
    finally:
        await connection.disconnect()


async def test_a_dead_server_fails_the_write_or_read_with_redis_pys_error(
    redis_url: str,
) -> None:
    connection = await _connected(redis_url)
    killer = await _connected(redis_url)
    try:
        await connection.send_command("CLIENT", "ID")
        own_id = await connection.read_response()
        await killer.send_command("CLIENT", "KILL", "ID", own_id)
        await killer.read_response()
        await asyncio.sleep(0.05)  # the close reaches this side
        with pytest.raises(RedisConnectionError):
            for _ in range(3):  # the first write may still be taken by the kernel
                await connection.send_command("PING")
                await connection.read_response()
    finally:
        await connection.disconnect()
        await killer.disconnect()


class _CountedRetry:
    """A stand-in for the connection's Retry that counts calls and delegates to it."""

    def __init__(self, retry: Any) -> None:
        self.retry, self.calls = retry, 0

    async def call_with_retry(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return await self.retry.call_with_retry(*args, **kwargs)


async def test_a_connected_connection_skips_redis_pys_retry_loop(redis_url: str) -> None:
    connection = await _connected(redis_url)
    retry = connection.retry = _CountedRetry(connection.retry)
    try:
        for _ in range(3):
            await connection.connect()
        assert retry.calls == 0
        await connection.disconnect()
        await connection.connect()  # not connected: redis-py's own connect, through its loop
        assert retry.calls == 1 and connection.is_connected
        await connection.send_command("PING")
        assert await connection.read_response() in (b"PONG", "PONG")
    finally:
        await connection.disconnect()


async def test_the_pool_reconnects_a_connection_the_server_dropped(
    redis: RedisConnection, redis_url: str
) -> None:
    client = redis.client
    own_id = await client.client_id()
    killer = await _connected(redis_url)
    try:
        await killer.send_command("CLIENT", "KILL", "ID", own_id)
        await killer.read_response()
        await asyncio.sleep(0.05)  # the close reaches the pooled connection
        # The pool finds the connection unusable on checkout (or redis-py retries the
        # command): the command is answered on a new connection.
        assert await client.ping()
        assert await client.client_id() != own_id
    finally:
        await killer.disconnect()
