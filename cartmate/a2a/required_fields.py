"""a2a-sdk's check of REQUIRED fields, walking only where a REQUIRED field can be.

An A2A server checks every message it receives and every event it sends for fields the spec
marks REQUIRED (`a2a.utils.proto_utils`: `validate_proto_required_fields`, and
`warn_on_missing_required_fields` on each streamed event). Its walk reads each field's options
and their extensions, for every field of every nested message, on every call, including the
`Struct`s and `Value`s of each part's data and metadata, which hold no REQUIRED field at any
depth. A function response listing products is hundreds of such messages: the walk was ~4 %
of a specialist's CPU over held-out conversations (cProfile).

`install()` replaces the walk's inner step with one that reads each message type's fields
once (which are REQUIRED, which can lead to a REQUIRED field) and visits only those, in the
same order, with a2a-sdk's own checks for each field, so the same errors come out in the same
order (`tests/a2a/test_required_fields.py`). Belongs upstream (a per-descriptor cache in
a2a-sdk); until then it stays this small.
"""

from __future__ import annotations

import functools
from typing import Any

from a2a.utils import proto_utils
from google.api.field_behavior_pb2 import FieldBehavior, field_behavior
from google.protobuf.descriptor import Descriptor, FieldDescriptor

from cartmate.library_versions import checked

_ORIGINAL = proto_utils._validate_proto_required_fields_internal


def _required(field: FieldDescriptor) -> bool:
    return FieldBehavior.REQUIRED in field.GetOptions().Extensions[field_behavior]


@functools.cache
def _holds_required(descriptor: Descriptor) -> bool:
    """Whether a message of this type can hold a REQUIRED field (its own or a nested one's)."""
    pool = {descriptor.full_name: descriptor}
    todo = [descriptor]
    while todo:  # every type reachable from this one, then whether any has a REQUIRED field
        for field in todo.pop().fields:
            nested = field.message_type
            if nested is not None and nested.full_name not in pool:
                pool[nested.full_name] = nested
                todo.append(nested)
    return any(_required(f) for d in pool.values() for f in d.fields)


@functools.cache
def _plan(descriptor: Descriptor) -> tuple[tuple[FieldDescriptor, bool, bool], ...]:
    """The fields to visit, in declaration order: (field, REQUIRED, recurse into it)."""
    plan = []
    for field in descriptor.fields:
        required = _required(field)
        recurse = field.type == FieldDescriptor.TYPE_MESSAGE and _holds_required(field.message_type)
        if required or recurse:
            plan.append((field, required, recurse))
    return tuple(plan)


def _validate(msg: Any) -> list[Any]:
    """`_validate_proto_required_fields_internal`, visiting only the fields that matter."""
    errors: list[Any] = []
    for field, required, recurse in _plan(msg.DESCRIPTOR):
        if required:
            violation = proto_utils._check_required_field_violation(msg, field)
            if violation:
                errors.append(violation)
        if recurse:
            errors.extend(proto_utils._recurse_validation(msg, field))
    return errors


def install() -> bool:
    """Make a2a-sdk's REQUIRED-field checks use `_validate`, on the a2a-sdk it was checked
    against; True if they do (idempotent)."""
    if not checked("a2a-sdk", what="required_fields"):
        return False
    proto_utils._validate_proto_required_fields_internal = _validate
    return True


def uninstall() -> None:
    """a2a-sdk's own walk again (tests compare the two)."""
    proto_utils._validate_proto_required_fields_internal = _ORIGINAL
