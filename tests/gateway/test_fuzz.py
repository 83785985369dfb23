"""Fuzzing the socket: any frame a client sends gets a typed answer, never a crash."""

from __future__ import annotations

import json
import random
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from cartmate.gateway.frames import (
    CancelFrame,
    FrameError,
    MessageFrame,
    PingFrame,
    parse_client_frame,
)
from tests.gateway.conftest import Client

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
frames = st.dictionaries(
    st.sampled_from(["type", "text", "id", "images", "mime_type", "data", "extra"]),
    json_values | st.sampled_from(["message", "ping", "cancel", "dance"]),
    max_size=5,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), frames.map(json.dumps)))
def test_any_text_parses_or_is_a_typed_error(text: str) -> None:
    try:
        frame = parse_client_frame(text, max_bytes=10_000)
    except FrameError as exc:
        assert exc.code in {"bad_request", "too_large"} and exc.message
        return
    assert isinstance(frame, MessageFrame | PingFrame | CancelFrame)


def _garbage(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return "".join(rng.choice(string.printable) for _ in range(rng.randrange(1, 80)))
    if kind == 1:
        return json.dumps(
            {
                "type": rng.choice(["message", "x", "", None, 3]),
                "text": rng.choice([None, 1, [], {}, "", " "]),
            }
        )
    if kind == 2:
        return json.dumps(
            {
                "type": "message",
                "images": [{"mime_type": "image/png", "data": rng.choice(["", "@@", "QQ=="])}],
            }
        )
    return json.dumps(rng.choice([[], 1, "str", None, {"type": ["message"]}]))


async def test_a_storm_of_bad_frames_keeps_the_connection(gateway_url: str) -> None:
    rng = random.Random(20261125)
    client = await Client.connect(gateway_url)
    await client.recv()
    for _ in range(60):
        await client.send(_garbage(rng))
        answer = await client.recv()
        assert answer["type"] == "error" and answer["code"] in {"bad_request", "too_large"}
    await client.send({"type": "ping"})
    assert (await client.recv())["type"] == "pong"
    frames_of_turn = await client.turn("hi")
    assert frames_of_turn[-1]["status"] == "ok"
    await client.close()
