"""google-genai's validation, made cheaper by `genai_validation`, gives the same results and
the same warnings."""

from __future__ import annotations

import logging
import subprocess
import sys
from typing import Any

import pydantic
import pytest
from google.adk.events.event import Event
from google.adk.events.event_actions import EventActions
from google.genai import _common, types

from cartmate.agent_runtime import genai_validation


@pytest.fixture(autouse=True)
def _installed() -> None:
    genai_validation.install()


def _genai_check(cls: type, data: Any) -> Any:
    """genai's own check, as shipped (kept by the module for this comparison)."""
    return genai_validation.GENAI_CHECK.__get__(None, cls)(data)


def _wrong_model_for(expected: type) -> pydantic.BaseModel:
    return types.Blob(data=b"x") if expected is not types.Blob else types.FileData(file_uri="u")


def _genai_models() -> list[type[pydantic.BaseModel]]:
    return sorted(
        (m for m in vars(types).values()
         if isinstance(m, type) and issubclass(m, _common.BaseModel) and m.model_fields),
        key=lambda m: m.__name__,
    )  # fmt: skip


def test_the_check_warns_exactly_as_genais_own_on_every_genai_model(
    caplog: pytest.LogCaptureFixture,
) -> None:
    compared = warned = 0
    for model in _genai_models():
        # Every field holding a model of another class: the only thing genai warns about.
        data = {
            name: _wrong_model_for(_annotated(info)) for name, info in model.model_fields.items()
        }
        data["__unknown__"] = types.Blob(data=b"y")
        for given in (data, {}, "text", None):
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="google_genai._common"):
                assert _genai_check(model, given) is given
            theirs = [r.getMessage() for r in caplog.records]
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="google_genai._common"):
                assert model._check_field_type_mismatches(given) is given
            ours = [r.getMessage() for r in caplog.records]
            assert ours == theirs, model.__name__
            compared += 1
            warned += bool(ours)
    assert compared > 400 and warned > 50  # the comparison saw warnings, not only silence


def _annotated(info: Any) -> type:
    return info.annotation if isinstance(info.annotation, type) else type(None)


def test_a_model_given_as_a_field_of_the_wrong_class_still_warns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="google_genai._common"):
        types.Part(function_call=types.FunctionResponse(name="x", response={}))  # type: ignore[arg-type]
    assert caplog.messages == [
        "Type mismatch in Part.function_call: expected FunctionCall, got FunctionResponse"
    ]


def test_events_parse_to_what_was_stored() -> None:
    events = [
        Event(
            author="user",
            invocation_id="i-1",
            content=types.Content(
                role="user",
                parts=[
                    types.Part(text="a mug like this one"),
                    types.Part.from_bytes(data=b"\x89PNG\r\n", mime_type="image/png"),
                ],
            ),
        ),
        Event(
            author="orchestrator",
            invocation_id="i-1",
            content=types.Content(
                role="model",
                parts=[
                    types.Part(
                        function_call=types.FunctionCall(id="c1", name="find", args={"q": "mug"}),
                        thought_signature=b"sig",
                    )
                ],
            ),
        ),
        Event(
            author="orchestrator",
            invocation_id="i-1",
            content=types.Content(
                role="user",
                parts=[
                    types.Part(
                        function_response=types.FunctionResponse(
                            id="c1", name="find", response={"products": [{"units": 8}]}
                        )
                    )
                ],
            ),
            actions=EventActions(state_delta={"shown": ["6E92ZMYYFZ"]}),
        ),
    ]
    for event in events:
        stored = event.model_dump_json(exclude_none=True)
        parsed = Event.model_validate_json(stored)
        assert parsed == event
        assert parsed.model_dump_json(exclude_none=True) == stored
        assert parsed.content is not None
        for ours, theirs in zip(parsed.content.parts or [], event.content.parts or [], strict=True):
            assert type(ours) is types.Part and ours == theirs


def test_nested_parts_are_validated_once_and_parts_written_in_code_keep_genais_conveniences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dict[str, Any]] = []
    genai_init = types.Part.__init__

    def counted(self: types.Part, *args: Any, **kwargs: Any) -> None:
        calls.append(kwargs)
        genai_init(self, *args, **kwargs)

    monkeypatch.setattr(types.Part, "__init__", counted)
    event = Event.model_validate_json(
        '{"author":"a","content":{"parts":[{"text":"x"},{"text":"y"}]}}'
    )
    content = types.Content.model_validate({"parts": [{"text": "z"}]})
    assert [p.text for p in event.content.parts] == ["x", "y"]  # type: ignore[union-attr]
    assert content.parts[0].text == "z"  # type: ignore[index]
    assert calls == []  # pydantic validated them directly, not through genai's __init__
    assert types.Part("hello").text == "hello"  # genai's positional convenience still works
    assert len(calls) == 1


def test_every_process_that_runs_turns_installs_it_on_import() -> None:
    code = (
        "import cartmate.gateway.app, cartmate.a2a.server\n"
        "from cartmate.agent_runtime import genai_validation\n"
        "from google.genai import types\n"
        "print(genai_validation.installed(), types.Part.__pydantic_custom_init__)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert shown.stdout.split() == ["True", "False"]
