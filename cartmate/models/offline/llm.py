"""`OfflinePlannerLlm`: the deterministic model registered in ADK's LLMRegistry as "offline".

It answers an LlmRequest the way Gemini would: a function call (with a short thought saying
what it is doing), a transfer to a specialist, or text. In SSE streaming mode text arrives as
partial responses followed by the aggregated final one, exactly like a real model, so agents,
A2A and the gateway run unchanged on it.
"""

from __future__ import annotations

import re
import uuid
from collections import OrderedDict
from collections.abc import AsyncGenerator

from google.adk.models._capabilities import LlmCapabilities
from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.genai import types

from cartmate.models.offline.decisions import TOOL_NOTES, CallTools, Reply, Transfer
from cartmate.models.offline.intent_in_context import intent_of
from cartmate.models.offline.policy import decide, follow_up
from cartmate.models.offline.replies import reply_from_outcomes
from cartmate.models.offline.request_view import RequestView, read_request
from cartmate.models.offline.small_talk import declined, small_talk
from cartmate.planner import Intent

__all__ = ["OfflinePlannerLlm"]

_CHUNK = re.compile(r"\S+\s*")
# About a sentence a chunk, as Gemini streams: each partial costs ADK's after-model callbacks,
# an event, a log frame and a socket write (3 words a chunk cost ~25 % of an offline turn).
_WORDS_PER_CHUNK = 12


def _chunks(text: str) -> list[str]:
    """Pieces of up to a sentence each, at least two when there are two words; concatenated
    they are exactly `text`."""
    words = _CHUNK.findall(text)
    if not words:
        return [text] if text else []
    head = text[: len(text) - len(text.lstrip())]
    size = max(1, min(_WORDS_PER_CHUNK, -(-len(words) // 2)))  # a short answer still streams
    pieces = ["".join(words[i : i + size]) for i in range(0, len(words), size)]
    pieces[0] = head + pieces[0]
    return pieces


def _usage(request: LlmRequest, output: str) -> types.GenerateContentResponseUsageMetadata:
    """Token counts estimated at four characters a token, so usage metrics have numbers."""
    prompt = sum(len(p.text or "") for c in request.contents for p in c.parts or [])
    prompt += len(str(request.config.system_instruction or ""))
    prompt_tokens, output_tokens = max(1, prompt // 4), max(1, len(output) // 4)
    return types.GenerateContentResponseUsageMetadata(
        prompt_token_count=prompt_tokens,
        candidates_token_count=output_tokens,
        total_token_count=prompt_tokens + output_tokens,
    )


class OfflinePlannerLlm(BaseLlm):
    """A real BaseLlm that plans with CartMate's language understanding; no network."""

    model: str = "offline"

    @classmethod
    def supported_models(cls) -> list[str]:
        return [r"offline", r"offline-planner"]

    @property
    def capabilities(self) -> LlmCapabilities:
        return LlmCapabilities(output_schema_and_tools=True)

    async def generate_content_async(
        self, llm_request: LlmRequest, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        view = read_request(llm_request)
        intent = _first_reading(view) or intent_of(view)
        if view.acted:
            decision: CallTools | Transfer | Reply = follow_up(view, intent) or Reply(
                reply_from_outcomes(view, intent)
            )
        else:
            decision = decide(view, intent)
        if isinstance(decision, Reply) and not decision.text:
            decision = Reply(small_talk(intent, view))

        if isinstance(decision, Transfer):
            # A specialist handing the rest of a message to a peer says what it did first.
            said = reply_from_outcomes(view, intent) if view.acted and view.peers else ""
            parts = [types.Part(text=said)] if said else []
            parts += [
                types.Part(text=decision.note, thought=True),
                types.Part(
                    function_call=types.FunctionCall(
                        id=_call_id(), name="transfer_to_agent", args={"agent_name": decision.agent}
                    )
                ),
            ]
            yield LlmResponse(
                content=types.Content(role="model", parts=parts),
                usage_metadata=_usage(llm_request, decision.agent),
            )
            return
        if isinstance(decision, CallTools):
            note = decision.note or _note_for(decision.calls[0].name)
            ids = [_call_id() for _ in decision.calls]
            for call_id in ids:  # after the tools, the message is read as it was before them
                _remember_reading(call_id, intent)
            parts = [types.Part(text=note, thought=True)] + [
                types.Part(function_call=types.FunctionCall(id=call_id, name=c.name, args=c.args))
                for call_id, c in zip(ids, decision.calls, strict=True)
            ]
            yield LlmResponse(
                content=types.Content(role="model", parts=parts),
                usage_metadata=_usage(llm_request, note),
            )
            return

        text = decision.text
        if any(i.kind == "out_of_scope" for i in intent.secondary):
            # "add two mugs - and when would they arrive?": the mugs, and plainly not the date
            note = declined(view.user_text)
            text = f"{text} {note}".strip() if note not in text else text
        if stream:
            for piece in _chunks(text):
                yield LlmResponse(
                    content=types.Content(role="model", parts=[types.Part(text=piece)]),
                    partial=True,
                )
        yield LlmResponse(
            content=types.Content(role="model", parts=[types.Part(text=text)]),
            usage_metadata=_usage(llm_request, text),
            turn_complete=True,
        )


def _note_for(tool: str) -> str:
    return TOOL_NOTES.get(tool, "Working on it") + "…"


#: The reading of the shopper's message that led to each tool call this process made, by
#: the call's id (unique, so no shopper is given another's reading). After its tools ran, an
#: agent sees its own call ids again and reads the message as it did before them: the state
#: the tools changed (a cart line added, an alert made) would read it otherwise, and reading
#: it again costs about a millisecond a model call.
_FIRST_READINGS: OrderedDict[str, Intent] = OrderedDict()
_MAX_READINGS = 4096


def _remember_reading(call_id: str, intent: Intent) -> None:
    _FIRST_READINGS[call_id] = intent
    while len(_FIRST_READINGS) > _MAX_READINGS:
        _FIRST_READINGS.popitem(last=False)


def _first_reading(view: RequestView) -> Intent | None:
    """How this agent read the message before its tools ran, when they did."""
    for call_id in view.call_ids:
        intent = _FIRST_READINGS.get(call_id)
        if intent is not None:
            return intent
    return None


def _call_id() -> str:
    return f"offline-{uuid.uuid4().hex[:16]}"
