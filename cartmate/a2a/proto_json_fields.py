"""json_format's field loop for regular messages, with each message type's fields read once.

`proto_json` converts the JSON values inside A2A messages directly; what is left of
json_format's cost is its loop over a regular message's fields (`Task`, `Message`, `Part`,
the status and artifact updates). For every message it parses, json_format builds a dict of
the type's fields by JSON name and three closures, and then, per field, reads the field's
descriptor to decide again how to convert it (map? repeated? message? which scalar?);
printing, it decides again per field whether it is a map and which name to print. That is
~4 % of a gateway's CPU and ~3 % of a specialist's over held-out conversations
(`benchmarks/profile_turns.py --conversations`).

Here the decisions are made once per field descriptor. Parsing a message first checks,
without changing anything, that every key and value is a plain case (a known field or, when
unknown fields are ignored, an unknown name that is not an extension's; a string without
unpaired surrogates, a bool, an int, a known enum name, a message, lists of these; no null,
no map, no oneof given twice); then it sets the fields in the order json_format would, with
nested messages converted by json_format's own `ConvertMessage` (depth limit, well-known
types, paths and error wrapping as json_format's). Anything else goes to json_format's own
loop before anything was set. Printing handles messages, strings, bools and 32-bit ints
itself and hands every other value to json_format's own `_FieldToJsonObject`; a map, an
extension, the option that prints unset fields, or a ValueError send the whole message to
json_format's own loop. `tests/a2a/test_proto_json_fields.py` compares both, errors
included, on random A2A messages. Belongs upstream (a per-descriptor cache in json_format).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor

__all__ = ["parse_fields", "print_fields"]

# How a field's value is converted.
_STRING, _BOOL, _INT, _INT64, _ENUM, _MESSAGE, _MAP, _OTHER = range(8)
_UNPAIRED_SURROGATE = json_format._UNPAIRED_SURROGATE_PATTERN
_EXTENSION_NAME = json_format._VALID_EXTENSION_NAME
_LIST_LIKE = json_format._LIST_LIKE
_ParseError = json_format.ParseError


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    json_name: str
    kind: int
    repeated: bool
    oneof: str | None
    enum_numbers: dict[str, int] | None  # for _ENUM: the names json_format looks up first
    null_items: bool  # a repeated google.protobuf.Value: null items are values


def _kind(field: FieldDescriptor) -> int:
    cpp = field.cpp_type
    if cpp == FieldDescriptor.CPPTYPE_MESSAGE:
        return _MAP if json_format._IsMapEntry(field) else _MESSAGE
    if cpp == FieldDescriptor.CPPTYPE_STRING:
        return _OTHER if field.type == FieldDescriptor.TYPE_BYTES else _STRING
    if cpp == FieldDescriptor.CPPTYPE_BOOL:
        return _BOOL
    if cpp in json_format._INT64_TYPES:  # printed as strings
        return _INT64
    if cpp in json_format._INT_TYPES:
        return _INT
    if cpp == FieldDescriptor.CPPTYPE_ENUM:
        return _ENUM
    return _OTHER  # floats (NaN and Infinity as strings), anything newer


@functools.cache
def _field(field: FieldDescriptor) -> _Field:
    kind = _kind(field)
    message = field.message_type
    return _Field(
        name=field.name,
        json_name=field.json_name,
        kind=kind,
        repeated=field.is_repeated,
        oneof=field.containing_oneof.name if field.containing_oneof is not None else None,
        enum_numbers={v.name: v.number for v in field.enum_type.values} if kind == _ENUM else None,
        null_items=message is not None and message.full_name == "google.protobuf.Value",
    )


@functools.cache
def _fields_by_key(message: Descriptor) -> dict[str, _Field]:
    """Keys json_format accepts for each field: the JSON name first, then the proto name."""
    by_key = {field.name: _field(field) for field in message.fields}
    by_key.update({field.json_name: _field(field) for field in message.fields})
    return by_key


def _plain_scalar(field: _Field, value: Any) -> bool:
    kind, kind_of = field.kind, type(value)
    if kind == _STRING:
        # an ASCII string holds no surrogate: the regex only for the others
        return kind_of is str and (value.isascii() or not _UNPAIRED_SURROGATE.search(value))
    if kind == _BOOL:
        return kind_of is bool
    if kind in (_INT, _INT64):
        return kind_of is int  # out of range: setattr's ValueError, wrapped as json_format does
    if kind == _ENUM:
        return kind_of is str and value in field.enum_numbers  # type: ignore[operator]
    return False


def _plain(field: _Field, value: Any) -> bool:
    if field.kind == _MESSAGE:
        if not field.repeated:
            return True  # json_format's ConvertMessage takes it as it is
        return isinstance(value, _LIST_LIKE) and (
            field.null_items or all(item is not None for item in value)
        )
    if field.repeated:
        return isinstance(value, _LIST_LIKE) and all(_plain_scalar(field, v) for v in value)
    return _plain_scalar(field, value)


def _planned(js: Any, message: Any, ignore_unknown: bool) -> list[tuple[_Field, str, Any]] | None:
    """The (field, key, value) to set, in json_format's order; None where its loop decides."""
    if type(js) is not dict:
        return None
    by_key = _fields_by_key(message.DESCRIPTOR)
    names: set[str] = set()  # json_format's `names`: keys and the oneofs they set
    planned = []
    for key, value in js.items():
        field = by_key.get(key)
        if field is None:
            if ignore_unknown and not _EXTENSION_NAME.match(key):
                continue
            return None  # an error, or an extension
        if key in names or value is None:
            return None
        names.add(key)
        if field.oneof is not None:
            if field.oneof in names:
                return None
            names.add(field.oneof)
        if not _plain(field, value):
            return None
        planned.append((field, key, value))
    return planned


def parse_fields(parser: Any, js: Any, message: Any, path: str) -> bool:
    """Set `message`'s fields from `js` as json_format's `_ConvertFieldValuePair` would;
    False, with nothing set, where that loop must decide."""
    planned = _planned(js, message, parser.ignore_unknown_fields)
    if planned is None:
        return False
    for field, key, value in planned:
        try:
            if field.kind == _MESSAGE:
                if field.repeated:
                    message.ClearField(field.name)
                    add = getattr(message, field.name).add
                    for index, item in enumerate(value):
                        parser.ConvertMessage(item, add(), f"{path}.{key}[{index}]")
                else:
                    sub_message = getattr(message, field.name)
                    sub_message.SetInParent()
                    parser.ConvertMessage(value, sub_message, f"{path}.{key}")
            elif field.repeated:
                message.ClearField(field.name)
                append = getattr(message, field.name).append
                numbers = field.enum_numbers
                for item in value:
                    append(numbers[item] if numbers is not None else item)
            else:
                numbers = field.enum_numbers
                setattr(message, field.name, numbers[value] if numbers is not None else value)
        # json_format's wrapping, word for word
        except _ParseError as e:
            if field.oneof is None:
                raise _ParseError(f"Failed to parse {key} field: {e}.") from e
            raise _ParseError(str(e)) from e
        except (ValueError, TypeError) as e:
            raise _ParseError(f"Failed to parse {key} field: {e}.") from e
    return True


class _NotPlainError(Exception):
    """A field the printer leaves to json_format's own loop."""


def print_fields(printer: Any, message: Any, js: dict[str, Any]) -> bool:
    """Add `message`'s fields to `js` as json_format's `_RegularMessageToJsonObject` would;
    False, with `js` unchanged, where that loop must decide."""
    if printer.always_print_fields_with_no_presence:  # its second loop is json_format's
        return False
    proto_names = printer.preserving_proto_field_name
    to_json = printer._MessageToJsonObject
    printed: dict[str, Any] = {}
    try:
        for descriptor, value in message.ListFields():
            field = _field(descriptor)
            kind = field.kind
            if kind == _MAP or descriptor.is_extension:
                raise _NotPlainError
            name = field.name if proto_names else field.json_name
            if kind == _MESSAGE:
                printed[name] = [to_json(v) for v in value] if field.repeated else to_json(value)
            elif kind in (_STRING, _BOOL, _INT):  # json_format's str(), bool(): the same values
                printed[name] = list(value) if field.repeated else value
            elif field.repeated:
                printed[name] = [printer._FieldToJsonObject(descriptor, v) for v in value]
            else:
                printed[name] = printer._FieldToJsonObject(descriptor, value)
    except (_NotPlainError, ValueError):
        return False  # json_format's loop prints it, or raises its own error
    js.update(printed)
    return True
