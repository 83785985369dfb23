"""`cartmate.a2a.proto_json_fields` against json_format's own loops: random wire dicts for A2A
messages (and a proto2 type with closed enums), plain and odd (wrong types, nulls, unknown and
extension names, both names of one field, two members of a oneof, maps, bytes, floats, ints
out of range, unpaired surrogates), parse to the same messages or fail with the same errors,
into fresh and into filled messages, and print to the same dicts under every printer option."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from a2a.types import a2a_pb2
from google.protobuf import descriptor_pb2, json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartmate.a2a import proto_json_fields
from tests.a2a.test_proto_json import JSON, _restore, both  # noqa: F401 - the fixture

TYPES = [
    a2a_pb2.StreamResponse,
    a2a_pb2.SendMessageRequest,
    a2a_pb2.Task,
    a2a_pb2.Part,
    a2a_pb2.AgentCard,  # maps, proto3 optional fields
    descriptor_pb2.FieldDescriptorProto,  # proto2: closed enums, int32, explicit presence
]
ODD = (
    st.none()
    | st.integers(-3, 3)
    | st.text(max_size=2)
    | st.booleans()
    | st.just({})
    | st.just([1, None])
    | st.sampled_from(["\ud800", "x\udc00y", "NaN", "1.5", "[a.b]"])
)
_JSON_TYPES = {f"google.protobuf.{name}" for name in ("Struct", "Value", "ListValue")}
STAMPS = st.sampled_from(["2026-11-29T14:04:29.985463Z", "2026-11-29T14:04:29Z", "soon", ""])


def _scalar(field: FieldDescriptor) -> st.SearchStrategy[Any]:
    cpp = field.cpp_type
    if cpp == FieldDescriptor.CPPTYPE_STRING:
        if field.type == FieldDescriptor.TYPE_BYTES:
            return st.sampled_from(["aGk=", "aGk", "", "!!"])
        return st.text(max_size=5)
    if cpp == FieldDescriptor.CPPTYPE_BOOL:
        return st.booleans()
    if cpp == FieldDescriptor.CPPTYPE_ENUM:
        names = [v.name for v in field.enum_type.values]
        return st.sampled_from([*names, "NOT_A_NAME"]) | st.integers(-1, len(names) + 1)
    if cpp in (FieldDescriptor.CPPTYPE_FLOAT, FieldDescriptor.CPPTYPE_DOUBLE):
        return st.floats(allow_nan=False) | st.sampled_from(["NaN", "-Infinity", "2.5"])
    return st.integers(-(2**33), 2**33) | st.sampled_from(["12", "1 2", 3.0, 3.5])  # ints


def _repeated(field: FieldDescriptor) -> bool:
    """Repeated, and not a map (a map's wire form is a dict)."""
    message = field.message_type
    return field.is_repeated and not (message is not None and message.GetOptions().map_entry)


def _single(field: FieldDescriptor, depth: int) -> st.SearchStrategy[Any]:
    message = field.message_type
    if message is None:
        return _scalar(field)
    if message.GetOptions().map_entry:
        values = _single(message.fields_by_name["value"], depth + 1)
        return st.dictionaries(st.text(max_size=3), values, max_size=2)
    name = message.full_name
    if name == "google.protobuf.Struct":
        return st.dictionaries(st.text(max_size=4), JSON, max_size=3)
    if name in ("google.protobuf.Value", "google.protobuf.ListValue"):
        return JSON
    if name == "google.protobuf.Timestamp":
        return STAMPS
    return st.deferred(lambda: _wire(message, depth + 1)) if depth < 2 else st.just({})


def _value(field: FieldDescriptor, depth: int) -> st.SearchStrategy[Any]:
    single = _single(field, depth)
    plain = st.lists(single, max_size=3) if _repeated(field) else single
    return plain | plain | plain | ODD  # mostly plain


def _wire(message: Descriptor, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    optional: dict[str, st.SearchStrategy[Any]] = {"unknownKey": JSON, "[some.ext]": st.just(1)}
    for field in message.fields:
        optional[field.json_name] = _value(field, depth)
        optional[field.name] = _value(field, depth)
        if field.containing_oneof is not None:
            optional[field.containing_oneof.name] = ODD
    return st.fixed_dictionaries({}, optional=optional)  # type: ignore[arg-type]


_INT_RANGES = {
    FieldDescriptor.CPPTYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.CPPTYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.CPPTYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.CPPTYPE_UINT64: (0, 2**64 - 1),
}


def _plain_single(field: FieldDescriptor, depth: int) -> st.SearchStrategy[Any]:
    """Values every parser takes: in range, known enum names, valid base64 and stamps."""
    message = field.message_type
    cpp = field.cpp_type
    if message is not None:
        if message.GetOptions().map_entry:
            values = _plain_single(message.fields_by_name["value"], depth + 1)
            return st.dictionaries(st.text(max_size=3), values, max_size=2)
        if message.full_name == "google.protobuf.Timestamp":
            return STAMPS.filter(lambda stamp: stamp.startswith("2026"))
        if message.full_name in _JSON_TYPES:
            return _single(field, depth)
        return _plain_wire(message, depth + 1) if depth < 2 else st.just({})
    if cpp == FieldDescriptor.CPPTYPE_STRING and field.type == FieldDescriptor.TYPE_BYTES:
        return st.binary(max_size=4).map(lambda raw: base64.b64encode(raw).decode())
    if cpp == FieldDescriptor.CPPTYPE_ENUM:
        return st.sampled_from([v.name for v in field.enum_type.values])
    if cpp in (FieldDescriptor.CPPTYPE_FLOAT, FieldDescriptor.CPPTYPE_DOUBLE):
        return st.floats(-1e6, 1e6, width=32)
    if cpp in _INT_RANGES:
        return st.integers(*_INT_RANGES[cpp])
    return _scalar(field)


@st.composite
def _plain_wire(draw: Any, message: Descriptor, depth: int = 0) -> dict[str, Any]:
    """A wire dict json_format parses: one key per field, one member per oneof."""
    wire: dict[str, Any] = {}
    oneofs: set[str] = set()
    for field in message.fields:
        oneof = field.containing_oneof
        if not draw(st.booleans()) or (oneof is not None and oneof.name in oneofs):
            continue
        if oneof is not None:
            oneofs.add(oneof.name)
        single = _plain_single(field, depth)
        wire[draw(st.sampled_from([field.json_name, field.name]))] = draw(
            st.lists(single, min_size=1, max_size=3) if _repeated(field) else single
        )
    return wire


def _outcome(value: Any) -> Any:
    return value if isinstance(value, tuple) else value.SerializePartialToString(deterministic=True)


@pytest.mark.parametrize("kind", TYPES, ids=lambda t: t.DESCRIPTOR.name)
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_parsing_matches_json_formats_own_loop(kind: Any, data: Any) -> None:
    wire = data.draw(_wire(kind.DESCRIPTOR) | _plain_wire(kind.DESCRIPTOR))
    ignore = data.draw(st.booleans())
    theirs, ours = both(lambda: json_format.ParseDict(wire, kind(), ignore_unknown_fields=ignore))
    assert _outcome(ours) == _outcome(theirs)
    assert type(ours) is type(theirs)

    # Into a message that already holds fields: json_format merges (and replaces lists).
    filled = data.draw(_plain_wire(kind.DESCRIPTOR))

    def merged() -> Any:
        target = json_format.ParseDict(filled, kind())
        return json_format.ParseDict(wire, target, ignore_unknown_fields=ignore)

    theirs_merged, ours_merged = both(merged)
    assert _outcome(ours_merged) == _outcome(theirs_merged)


@pytest.mark.parametrize("kind", TYPES, ids=lambda t: t.DESCRIPTOR.name)
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_printing_matches_json_formats_own_loop(kind: Any, data: Any) -> None:
    parsed = json_format._Parser(False, None, 100)  # json_format's own, whatever is installed
    message = kind()
    parsed.ConvertMessage(data.draw(_plain_wire(kind.DESCRIPTOR)), message, "")
    options = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "preserving_proto_field_name": st.booleans(),
                "use_integers_for_enums": st.booleans(),
                "always_print_fields_with_no_presence": st.booleans(),
                "unquote_int64_if_possible": st.booleans(),
            },
        )
    )
    printed = both(lambda: json_format.MessageToDict(message, **options))
    assert repr(printed[0]) == repr(printed[1])


def test_plain_a2a_messages_take_the_direct_loops() -> None:
    """The common case does not fall back (the tests above would pass if it always did)."""
    wire = {
        "statusUpdate": {
            "taskId": "t",
            "status": {
                "state": "TASK_STATE_WORKING",
                "message": {"messageId": "m", "role": "ROLE_AGENT", "parts": [{"text": "hi"}]},
            },
        }
    }
    parser = json_format._Parser(True, None, 100)
    message = a2a_pb2.StreamResponse()
    assert proto_json_fields.parse_fields(parser, wire, message, "StreamResponse")
    assert message.status_update.status.message.parts[0].text == "hi"
    printer = json_format._Printer()
    js: dict[str, Any] = {}
    assert proto_json_fields.print_fields(printer, message.status_update.status, js)
    assert js["state"] == "TASK_STATE_WORKING"
    card = a2a_pb2.AgentCard(name="x")
    card.security_schemes["k"].SetInParent()
    assert not proto_json_fields.print_fields(printer, card, {})  # a map: json_format's loop
    assert not proto_json_fields.parse_fields(parser, {"raw": "aGk="}, a2a_pb2.Part(), "Part")
