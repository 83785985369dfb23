"""protobuf's JSON conversion of `Struct`, `ListValue`, `Value` and `Timestamp`, made direct.

Every A2A message crosses a process as ProtoJSON: a2a-sdk turns its protobuf types into JSON
and back with `google.protobuf.json_format`, and ADK converts each part's metadata and data
(`Struct`, `Value`) to and from dicts the same way. json_format handles a JSON value inside a
`Struct` as a message of its own: a dispatch through its well-known-types table, a path
string formatted for error messages, a recursion-depth count and, when printing, a descriptor
lookup, per value. A function response listing a few products is hundreds of values, so this
was the single largest library cost of a delegated turn after ADK itself: parsing the seven
streamed events of "add two mugs to my cart" took ~1.7 ms in the gateway, and json_format
was ~8 % of the gateway's and of a specialist's CPU over held-out conversations
(`benchmarks/profile_turns.py --conversations`). Each event's status also has a timestamp,
which protobuf parses with `datetime.strptime` (~25 us each).

`install()` puts in json_format's printer and parser a direct recursion over these three types,
and for a timestamp in UTC as a2a-sdk writes it ("2026-11-29T14:04:29.985463Z") arithmetic
in place of strptime, that give the same result (checked against json_format's own code in
`tests/a2a/test_proto_json.py`). Anything it does not handle the plain way (an unexpected
Python type, a number that is not finite, nesting past the parser's depth limit, a timestamp
in another form) is done by
json_format's own code instead, so errors and their messages are json_format's. It belongs
upstream (json_format could special-case these types itself); until then it stays this small.
The same parser and printer run regular messages' field loops with `proto_json_fields`.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

from google.protobuf import json_format

from cartmate.a2a.proto_json_fields import parse_fields, print_fields
from cartmate.library_versions import checked

_EPOCH = datetime.datetime(1970, 1, 1)
_UTC_STAMP = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z")


class _UnusualValueError(Exception):
    """A value the direct recursion leaves to json_format's own code."""


def _fill_value(message: Any, value: Any, depth: int, limit: int) -> None:
    """Set `Value` message from a JSON value. `depth` counts as json_format's parser does:
    one per Value, Struct and ListValue entered, this one included."""
    if depth > limit:
        raise _UnusualValueError
    if isinstance(value, dict):
        _fill_struct(message.struct_value, value, depth + 1, limit)
    elif isinstance(value, (list, tuple)):
        _fill_list(message.list_value, value, depth + 1, limit)
    elif value is None:
        message.null_value = 0
    elif isinstance(value, bool):
        message.bool_value = value
    elif isinstance(value, str):
        message.string_value = value
    elif isinstance(value, (int, float)):
        message.number_value = value
    else:
        raise _UnusualValueError


def _fill_struct(message: Any, value: Any, depth: int, limit: int) -> None:
    if depth > limit or not isinstance(value, dict):
        raise _UnusualValueError
    message.Clear()  # as json_format: marks an empty struct as set
    fields = message.fields
    for key in value:
        _fill_value(fields[key], value[key], depth + 1, limit)


def _fill_list(message: Any, value: Any, depth: int, limit: int) -> None:
    if depth > limit or not isinstance(value, (list, tuple)):
        raise _UnusualValueError
    message.ClearField("values")
    add = message.values.add
    for item in value:
        _fill_value(add(), item, depth + 1, limit)


def _value_json(message: Any) -> Any:
    kind = message.WhichOneof("kind")
    if kind == "string_value":
        return message.string_value
    if kind == "struct_value":
        return _struct_json(message.struct_value)
    if kind == "number_value":
        number = message.number_value
        if math.isinf(number) or math.isnan(number):
            raise _UnusualValueError  # json_format refuses these, with its own error
        return number
    if kind == "bool_value":
        return message.bool_value
    if kind == "list_value":
        return _list_json(message.list_value)
    return None  # null_value, or nothing set (json_format prints both as null)


def _struct_json(message: Any) -> dict[str, Any]:
    fields = message.fields
    return {key: _value_json(fields[key]) for key in fields}


def _list_json(message: Any) -> list[Any]:
    return [_value_json(item) for item in message.values]


def _fill_timestamp(message: Any, value: Any) -> bool:
    """Set a `Timestamp` from "YYYY-MM-DDTHH:MM:SS[.fraction]Z" as `FromJsonString` would;
    False for anything else (left to it)."""
    match = _UTC_STAMP.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return False
    *parts, fraction = match.groups()
    try:
        elapsed = datetime.datetime(*map(int, parts)) - _EPOCH
    except ValueError:
        return False  # no such date or time: FromJsonString says so
    message.seconds = elapsed.seconds + elapsed.days * 86_400
    message.nanos = round(float("0." + fraction) * 1e9) if fraction else 0  # FromJsonString's
    return True


_THEIR_PARSER, _THEIR_PRINTER = json_format._Parser, json_format._Printer


class _Parser(_THEIR_PARSER):
    def _directly(self, fill: Any, theirs: Any, value: Any, message: Any, path: str) -> None:
        """`fill` the message, or json_format's own method `theirs` for an unusual value."""
        try:
            fill(message, value, self.recursion_depth, self.max_recursion_depth)
        except _UnusualValueError:
            theirs(self, value, message, path)

    def _ConvertValueMessage(self, value: Any, message: Any, path: str) -> None:  # noqa: N802
        self._directly(_fill_value, _THEIR_PARSER._ConvertValueMessage, value, message, path)

    def _ConvertStructMessage(self, value: Any, message: Any, path: str) -> None:  # noqa: N802
        self._directly(_fill_struct, _THEIR_PARSER._ConvertStructMessage, value, message, path)

    def _ConvertListOrTupleValueMessage(self, value: Any, message: Any, path: str) -> None:  # noqa: N802
        theirs = _THEIR_PARSER._ConvertListOrTupleValueMessage
        self._directly(_fill_list, theirs, value, message, path)

    def _ConvertFieldValuePair(self, js: Any, message: Any, path: str) -> None:  # noqa: N802
        if not parse_fields(self, js, message, path):
            super()._ConvertFieldValuePair(js, message, path)

    def _ConvertGenericMessage(self, value: Any, message: Any, path: str) -> None:  # noqa: N802
        if message.DESCRIPTOR.full_name == "google.protobuf.Timestamp":
            if _fill_timestamp(message, value):
                return
        super()._ConvertGenericMessage(value, message, path)


class _Printer(_THEIR_PRINTER):
    def _directly(self, to_json: Any, theirs: Any, message: Any) -> Any:
        """`to_json(message)`, or json_format's own method `theirs` for an unusual value."""
        try:
            return to_json(message)
        except _UnusualValueError:
            return theirs(self, message)

    def _RegularMessageToJsonObject(self, message: Any, js: dict[str, Any]) -> Any:  # noqa: N802
        if print_fields(self, message, js):
            return js
        return super()._RegularMessageToJsonObject(message, js)

    def _ValueMessageToJsonObject(self, message: Any) -> Any:  # noqa: N802
        return self._directly(_value_json, _THEIR_PRINTER._ValueMessageToJsonObject, message)

    def _StructMessageToJsonObject(self, message: Any) -> Any:  # noqa: N802
        return self._directly(_struct_json, _THEIR_PRINTER._StructMessageToJsonObject, message)

    def _ListValueMessageToJsonObject(self, message: Any) -> Any:  # noqa: N802
        return self._directly(_list_json, _THEIR_PRINTER._ListValueMessageToJsonObject, message)


def install() -> bool:
    """Make json_format's public functions use the direct recursion, on the protobuf it was
    checked against; True if they do (idempotent)."""
    if not checked("protobuf", what="proto_json"):
        return False
    json_format._Parser = _Parser
    json_format._Printer = _Printer
    return True


def uninstall() -> None:
    """json_format's own classes again (tests compare the two)."""
    json_format._Parser, json_format._Printer = _THEIR_PARSER, _THEIR_PRINTER
