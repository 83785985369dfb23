"""`cartmate.store.redis_packing`: commands packed by hiredis are the bytes redis-py's asyncio
connection packs, its errors are redis-py's, and the process's client talks to a real Redis
with it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redis.asyncio.connection import Connection, UnixDomainSocketConnection
from redis.exceptions import DataError

from cartmate.store.redis_client import RedisConnection
from cartmate.store.redis_packing import with_hiredis_packing

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
    return Connection(**kwargs), with_hiredis_packing(Connection)(**kwargs)


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
    packing = with_hiredis_packing(UnixDomainSocketConnection)
    assert packing is with_hiredis_packing(UnixDomainSocketConnection)
    assert issubclass(packing, UnixDomainSocketConnection)
    assert with_hiredis_packing(packing) is packing


async def test_the_process_client_packs_with_hiredis_against_real_redis(
    redis: RedisConnection,
) -> None:
    assert issubclass(redis.pool.connection_class, with_hiredis_packing(Connection))
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
