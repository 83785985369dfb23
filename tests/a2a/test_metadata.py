"""`keep_peer_actions`: an outgoing event keeps only the ADK actions a caller takes from a peer."""

from __future__ import annotations

from google.adk.a2a.converters.to_adk_event import _PEER_SETTABLE_ACTION_FIELDS
from google.adk.a2a.converters.utils import _get_adk_metadata_key
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct

from cartmate.a2a.metadata import ACTIONS_KEY, PEER_ACTIONS, keep_peer_actions


def _struct(value: dict) -> Struct:
    struct = Struct()
    struct.update(value)
    return struct


def test_the_names_are_adks() -> None:
    assert ACTIONS_KEY == _get_adk_metadata_key("actions")
    assert set(PEER_ACTIONS) == set(_PEER_SETTABLE_ACTION_FIELDS)


def test_the_state_delta_and_other_actions_go_and_escalate_stays() -> None:
    metadata = _struct(
        {
            "adk_author": "cart_manager",
            ACTIONS_KEY: {
                "stateDelta": {"cart_lines": [{"id": "6E92ZMYYFZ", "quantity": 2}]},
                "artifactDelta": {},
                "transferToAgent": "price_comparison",
                "escalate": True,
                "skipSummarization": True,
            },
        }
    )
    keep_peer_actions(metadata)
    assert json_format.MessageToDict(metadata) == {
        "adk_author": "cart_manager",
        ACTIONS_KEY: {"escalate": True, "skipSummarization": True},
    }


def test_actions_with_nothing_a_peer_may_set_are_dropped_whole() -> None:
    metadata = _struct({ACTIONS_KEY: {"stateDelta": {"seq": 3}}, "adk_user_id": "u-1"})
    keep_peer_actions(metadata)
    assert json_format.MessageToDict(metadata) == {"adk_user_id": "u-1"}


def test_metadata_without_actions_or_with_an_unexpected_shape_is_left_alone() -> None:
    plain = _struct({"adk_user_id": "u-1"})
    keep_peer_actions(plain)
    assert json_format.MessageToDict(plain) == {"adk_user_id": "u-1"}
    odd = _struct({ACTIONS_KEY: "escalate"})
    keep_peer_actions(odd)
    assert json_format.MessageToDict(odd) == {ACTIONS_KEY: "escalate"}
