"""`cartmate.a2a.proto_json` against json_format's own code: same messages, same dicts, same
errors, for any JSON a Struct, Value or ListValue can hold, alone and inside A2A messages."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from a2a.types import a2a_pb2
from a2a.types.a2a_pb2 import Part, StreamResponse
from google.protobuf import json_format, struct_pb2, timestamp_pb2
from hypothesis import given, settings
from hypothesis import strategies as st

from cartmate.a2a import proto_json

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    """Each test chooses; the process keeps whatever it had before."""
    installed = json_format._Parser is proto_json._Parser
    yield
    (proto_json.install if installed else proto_json.uninstall)()


def both(convert: Callable[[], Any]) -> tuple[Any, Any]:
    """`convert()` with json_format's own classes, then with ours; exceptions as results."""

    def outcome() -> Any:
        try:
            return convert()
        except Exception as error:  # compared, not handled
            return type(error), str(error)

    proto_json.uninstall()
    theirs = outcome()
    proto_json.install()
    return theirs, outcome()


def stream_response(data: Any, metadata: dict[str, Any]) -> dict[str, Any]:
    """A streamed status update as a specialist sends one: a data part with metadata."""
    return {
        "statusUpdate": {
            "taskId": "t-1",
            "contextId": "c-1",
            "status": {
                "state": "TASK_STATE_WORKING",
                "message": {
                    "messageId": "m-1",
                    "role": "ROLE_AGENT",
                    "parts": [{"data": data, "metadata": {"adk_type": "function_response"}}],
                },
                "timestamp": "2026-11-29T14:04:29.985463Z",
            },
            "metadata": metadata,
        }
    }


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_a_value_parses_and_prints_as_json_format_does(value: Any) -> None:
    theirs, ours = both(lambda: json_format.ParseDict(value, struct_pb2.Value()))
    assert ours == theirs
    printed = both(lambda: json_format.MessageToDict(theirs))
    assert repr(printed[0]) == repr(printed[1])  # repr: 1.0 against 1 would differ


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), JSON, max_size=5), st.lists(JSON, max_size=5))
def test_structs_lists_and_a2a_messages_convert_as_json_format_does(
    mapping: dict[str, Any], items: list[Any]
) -> None:
    for target in (struct_pb2.Struct, struct_pb2.ListValue):
        source = mapping if target is struct_pb2.Struct else items
        theirs, ours = both(lambda: json_format.ParseDict(source, target()))  # noqa: B023
        assert ours == theirs
        printed = both(lambda: json_format.MessageToDict(theirs))  # noqa: B023
        assert repr(printed[0]) == repr(printed[1])
    wire = stream_response({"response": mapping, "items": items}, {"adk_state": mapping})
    theirs, ours = both(lambda: json_format.ParseDict(wire, StreamResponse()))
    assert ours == theirs
    printed = both(lambda: json_format.MessageToDict(theirs))
    assert repr(printed[0]) == repr(printed[1])


def test_an_empty_struct_is_set_as_json_format_sets_it() -> None:
    theirs, ours = both(lambda: json_format.ParseDict({"data": {}}, Part()))
    assert ours == theirs
    assert ours.HasField("data") and ours.data.HasField("struct_value")


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, {"b": object()}]},  # not a JSON type
        {"a": {1, 2}},
        [b"bytes"],
    ],
    ids=["object", "set", "bytes"],
)
def test_values_json_format_refuses_are_refused_with_its_error(value: Any) -> None:
    for target in (struct_pb2.Value, struct_pb2.Struct, struct_pb2.ListValue, Part):
        wrapped = {"data": value} if target is Part else value
        theirs, ours = both(lambda: json_format.ParseDict(wrapped, target()))  # noqa: B023
        assert ours == theirs
        assert ours[0] is json_format.ParseError


@pytest.mark.parametrize("leaf", ["leaf", {}, []], ids=["text", "empty-dict", "empty-list"])
@pytest.mark.parametrize("shape", ["dicts", "lists", "alternating"])
@pytest.mark.parametrize("depth", [13, 14, 15, 16, 48, 49, 50, 51])
def test_nesting_past_the_depth_limit_fails_where_json_format_fails(
    leaf: Any, shape: str, depth: int
) -> None:
    value: Any = leaf
    for level in range(depth):
        as_dict = shape == "dicts" or (shape == "alternating" and level % 2)
        value = {"k": value} if as_dict else [value]
    for target in (struct_pb2.Value, struct_pb2.Struct, struct_pb2.ListValue):
        for limit in (100, 30):  # json_format's default, and a lower one
            theirs, ours = both(
                lambda: json_format.ParseDict(value, target(), max_recursion_depth=limit)  # noqa: B023
            )
            assert ours == theirs


@pytest.mark.parametrize("number", [math.inf, -math.inf, math.nan])
def test_numbers_json_cannot_hold_fail_to_print_as_in_json_format(number: float) -> None:
    message = struct_pb2.Struct()
    message.update({"ok": [1, {"bad": number}]})
    theirs, ours = both(lambda: json_format.MessageToDict(message))
    assert ours == theirs
    assert isinstance(ours, tuple) and issubclass(ours[0], Exception)


def test_install_is_idempotent_and_uninstall_restores_json_format() -> None:
    proto_json.install()
    proto_json.install()
    assert json_format._Parser is proto_json._Parser
    assert json_format._Printer is proto_json._Printer
    proto_json.uninstall()
    assert json_format._Parser is not proto_json._Parser
    assert issubclass(proto_json._Parser, json_format._Parser)


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59)),
    st.sampled_from(["", ".", ".1", ".12", ".123456", ".123456789", ".1234567891"]),
    st.integers(0, 999_999_999),
)
def test_utc_timestamps_parse_as_protobufs_own_parser_parses_them(
    moment: dt.datetime, fraction: str, digits: int
) -> None:
    if len(fraction) > 1:
        fraction = "." + f"{digits:09d}"[: len(fraction) - 1].ljust(len(fraction) - 1, "0")
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S").rjust(19, "0") + fraction + "Z"
    for target, wire in (
        (timestamp_pb2.Timestamp, stamp),
        (a2a_pb2.TaskStatus, {"timestamp": stamp}),
    ):
        theirs, ours = both(lambda: json_format.ParseDict(wire, target()))  # noqa: B023
        assert ours == theirs


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-11-29T14:04:29.985463Z",
        "2026-02-30T00:00:00Z",  # no such day
        "2026-11-29T24:00:00Z",
        "0000-01-01T00:00:00Z",
        "2026-1-5T1:2:3Z",  # strptime takes single digits
        "2026-11-29t14:04:29Z",
        "2026-11-29T14:04:29.Z",
        "2026-11-29T14:04:29.985463+01:00",
        "2026-11-29T14:04:29-05:30",
        "2026-11-29T14:04:29Zjunk",
        "2026-11-29T14:04:29",
        "",
    ],
)
def test_other_timestamps_get_protobufs_own_result_or_error(stamp: str) -> None:
    theirs, ours = both(lambda: json_format.ParseDict({"timestamp": stamp}, a2a_pb2.TaskStatus()))
    assert ours == theirs
