"""`cartmate.a2a.required_fields` against a2a-sdk's own walk: the same REQUIRED-field errors, in
the same order, for complete and incomplete A2A messages at every depth."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from a2a.types import a2a_pb2
from a2a.utils import proto_utils
from a2a.utils.errors import InvalidParamsError
from google.protobuf import json_format

from cartmate.a2a import required_fields

DATA = {"products": [{"id": "OLJCESPC7Z", "price": {"units": 19, "nanos": 990000000}}] * 3}
MESSAGE = {
    "messageId": "m-1",
    "role": "ROLE_AGENT",
    "parts": [{"text": "hi", "metadata": {"adk_thought": True}}, {"data": DATA}],
    "metadata": {"cartmate_state": DATA},
}
STATUS = {"state": "TASK_STATE_WORKING", "message": MESSAGE}

CASES: list[tuple[type[Any], dict[str, Any]]] = [
    (a2a_pb2.SendMessageRequest, {"message": MESSAGE, "metadata": {"user_id": "u-1"}}),
    (a2a_pb2.SendMessageRequest, {}),
    (a2a_pb2.SendMessageRequest, {"message": {"parts": [{"text": "x"}]}}),
    (a2a_pb2.SendMessageRequest, {"message": {"messageId": "m", "role": "ROLE_USER"}}),
    (a2a_pb2.StreamResponse, {"statusUpdate": {"taskId": "t", "contextId": "c", "status": STATUS}}),
    (a2a_pb2.StreamResponse, {"statusUpdate": {"status": {"message": {"parts": []}}}}),
    (a2a_pb2.StreamResponse, {"artifactUpdate": {"taskId": "t", "artifact": {"parts": []}}}),
    (
        a2a_pb2.StreamResponse,
        {
            "task": {
                "id": "t",
                "contextId": "c",
                "status": STATUS,
                "history": [MESSAGE, {"role": "ROLE_USER"}, MESSAGE, {}],
                "artifacts": [{"artifactId": "a", "parts": [{"data": DATA}]}, {"name": "x"}],
            }
        },
    ),
    (a2a_pb2.Task, {}),
    (a2a_pb2.AgentCard, {}),
    (
        a2a_pb2.AgentCard,
        {
            "name": "cart_manager",
            "securitySchemes": {
                "bearer": {"httpAuthSecurityScheme": {}},
                "key": {"apiKeySecurityScheme": {"name": "k", "location": "header"}},
            },
            "skills": [{"id": "s"}, {"id": "t", "name": "n", "description": "d", "tags": ["x"]}],
            "supportedInterfaces": [{"url": "http://x"}, {}],
        },
    ),
]


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    installed = proto_utils._validate_proto_required_fields_internal is required_fields._validate
    yield
    (required_fields.install if installed else required_fields.uninstall)()


def both(check: Any) -> tuple[Any, Any]:
    def outcome() -> Any:
        try:
            return check()
        except InvalidParamsError as error:
            return type(error), error.message, error.data

    required_fields.uninstall()
    theirs = outcome()
    required_fields.install()
    return theirs, outcome()


@pytest.mark.parametrize(("kind", "wire"), CASES)
def test_the_same_errors_in_the_same_order_as_a2a_sdks_walk(
    kind: type[Any], wire: dict[str, Any]
) -> None:
    message = json_format.ParseDict(wire, kind(), ignore_unknown_fields=True)
    theirs, ours = both(lambda: proto_utils._validate_proto_required_fields_internal(message))
    assert ours == theirs
    raised = both(lambda: proto_utils.validate_proto_required_fields(message))
    assert raised[0] == raised[1]
    warned = both(lambda: proto_utils.warn_on_missing_required_fields(message, "test"))
    assert warned[0] == warned[1]


def test_the_cases_cover_complete_and_incomplete_messages() -> None:
    required_fields.install()
    found = [
        proto_utils._validate_proto_required_fields_internal(
            json_format.ParseDict(wire, kind(), ignore_unknown_fields=True)
        )
        for kind, wire in CASES
    ]
    assert found[0] == [] and found[4] == []
    nested = [e["field"] for e in found[7]]
    assert "task.history[1].message_id" in nested and "task.artifacts[1].artifact_id" in nested
    assert any(e["field"].startswith("security_schemes[") for e in found[10])


def test_types_without_a_required_field_anywhere_are_not_walked() -> None:
    assert required_fields._plan(a2a_pb2.Part.DESCRIPTOR) == ()
    message_plan = required_fields._plan(a2a_pb2.Message.DESCRIPTOR)
    assert "metadata" not in {field.name for field, _, _ in message_plan}
    assert not any(recurse for _, _, recurse in message_plan)  # parts hold nothing REQUIRED
