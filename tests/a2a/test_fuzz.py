"""Fuzzing a served agent's A2A endpoints: any body, path or header gets a typed answer.

Properties, over JSON-RPC bodies (random, and mutations of a real SendMessage), REST calls
and headers: never a 5xx, never a trace or an internal path in the body; a JSON-RPC answer
is a well-formed result or error (never "internal error"), anything else a 4xx with a typed
JSON error; the agent stays healthy; another shopper's cart and tasks are untouched.
Examples are derandomized, so a run is reproducible.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from tests.a2a.conftest import serve_agent, shopper_headers

SECRET = "fuzz-shopper-secret-0123456789"
TOKEN = "fuzz-bearer-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MUG = "6E92ZMYYFZ"
MAX_BODY = 256 * 1024
LEAKS = ("Traceback", 'File "', "site-packages", "/cartmate/", '.py"', ".py:", "/work/")
FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

METHODS = [
    "SendMessage",
    "SendStreamingMessage",
    "GetTask",
    "ListTasks",
    "CancelTask",
    "SubscribeToTask",
    "GetExtendedAgentCard",
    "CreateTaskPushNotificationConfig",
    "message/send",
    "message/stream",
    "tasks/get",
    "tasks/cancel",
    "tasks/resubscribe",
    "tasks/pushNotificationConfig/set",
]

# --- strategies -------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=16,
)
garbage_base64 = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=@!-_ ", max_size=64)
parts = st.one_of(
    st.fixed_dictionaries({"text": st.text(max_size=60)}),
    st.fixed_dictionaries(
        {
            "raw": garbage_base64,
            "mediaType": st.sampled_from(["image/png", "image/jpeg", "x/y", ""]),
        },
        optional={"filename": st.text(max_size=20)},
    ),
    st.fixed_dictionaries({"url": st.text(max_size=40), "mediaType": st.text(max_size=10)}),
    st.fixed_dictionaries({"data": json_values}),
    # 0.3 parts
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["file", "text", "data", "nope"]),
            "file": st.fixed_dictionaries(
                {"bytes": garbage_base64, "mimeType": st.sampled_from(["image/png", "a", ""])}
            ),
        }
    ),
    json_values,
)


def _message(parts_list: list[Any], metadata: Any) -> dict[str, Any]:
    return {
        "messageId": uuid.uuid4().hex,
        "role": "ROLE_USER",
        "parts": parts_list,
        "metadata": metadata,
    }


metadata = st.one_of(
    st.fixed_dictionaries({"user_id": st.just("VICTIM")}),
    st.fixed_dictionaries({"user_id": json_values, "cartmate_state": json_values}),
    json_values,
)
messages = st.builds(_message, st.lists(parts, max_size=4), metadata)


def _walk(node: Any, paths: list[tuple[Any, Any]]) -> None:
    """Every (container, key) in `node`, depth first."""
    if isinstance(node, dict):
        for key in list(node):
            paths.append((node, key))
            _walk(node[key], paths)
    elif isinstance(node, list):
        for index in range(len(node)):
            paths.append((node, index))
            _walk(node[index], paths)


@st.composite
def mutated(draw: st.DrawFn, template: Any) -> Any:
    """`template` with a few values replaced, keys deleted or added, anywhere in it."""
    value = json.loads(json.dumps(template))
    for _ in range(draw(st.integers(1, 3))):
        paths: list[tuple[Any, Any]] = []

        _walk(value, paths)
        if not paths:
            break
        parent, key = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(json_values)
    return value


def _template(method: str = "SendMessage") -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": 1,
        "method": method,
        "params": {
            "message": _message([{"text": "empty my cart"}], {"user_id": "VICTIM"}),
            "configuration": {"historyLength": 2, "acceptedOutputModes": ["text/plain"]},
        },
    }


rpc_bodies = st.one_of(
    st.fixed_dictionaries(
        {
            "jsonrpc": st.sampled_from(["2.0", "1.0", 2]),
            "id": st.one_of(st.integers(), st.text(max_size=8), st.none(), st.booleans()),
            "method": st.sampled_from(METHODS) | st.text(max_size=20),
            "params": st.one_of(
                json_values,
                st.fixed_dictionaries({"message": messages}),
                st.fixed_dictionaries({"id": json_values}),
            ),
        }
    ),
    st.sampled_from(METHODS).flatmap(lambda method: mutated(_template(method))),
    json_values,
)


def _deep(depth: int) -> bytes:
    return (
        b'{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":'
        + b"[" * depth
        + b"]" * depth
        + b"}"
    )


raw_bodies = st.one_of(
    rpc_bodies.map(lambda body: json.dumps(body).encode()),
    st.lists(rpc_bodies, min_size=0, max_size=3).map(lambda batch: json.dumps(batch).encode()),
    st.binary(max_size=200),
    st.integers(500, 5000).map(_deep),
    # Huge strings: under the limit, and over it (413).
    st.sampled_from([10_000, MAX_BODY - 2_000, MAX_BODY + 1, 3 * MAX_BODY]).map(
        lambda size: json.dumps(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "SendMessage",
                "params": {"message": {"messageId": "x" * size}},
            }
        ).encode()
    ),
)
header_text = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60
).filter(lambda text: text == text.strip())  # HTTP trims values; clients refuse to send others
headers = st.fixed_dictionaries(
    {},
    optional={
        "A2A-Version": st.sampled_from(["1.0", "0.3", "", "2.0"]) | header_text,
        "Content-Type": st.sampled_from(["application/json", "text/plain", ""]) | header_text,
        "X-CartMate-Shopper": header_text,
        "A2A-Extensions": header_text,
        "traceparent": header_text,
    },
)

# --- the served agent -------------------------------------------------------------------


class Target:
    """The served agent and the victim shopper whose data must stay untouched."""

    def __init__(
        self, http: httpx.AsyncClient, settings: Settings, victim: str, task_id: str
    ) -> None:
        self.http, self.settings, self.victim, self.task_id = http, settings, victim, task_id

    def __repr__(self) -> str:  # hypothesis prints it with every failing example
        return f"Target(victim={self.victim!r}, task_id={self.task_id!r})"

    async def victims_task_is_theirs(self) -> bool:
        headers = {
            **AUTH,
            "A2A-Version": "1.0",
            **shopper_headers(self.settings, self.victim, "cart_manager"),
        }
        body = {"jsonrpc": "2.0", "id": 1, "method": "GetTask", "params": {"id": self.task_id}}
        reply = (await self.http.post("/", json=body, headers=headers)).json()
        return bool(reply.get("result", {}).get("id") == self.task_id)


@pytest.fixture
async def target(settings: Settings, services: AgentServices) -> AsyncIterator[Target]:
    """cart_manager with assertions, the bearer token and a small body limit; a victim shopper
    with a mug in the cart and a task of their own."""
    secured = settings.model_copy(
        update={
            "a2a_shopper_secret": SecretStr(SECRET),
            "a2a_token": SecretStr(TOKEN),
            "a2a_max_body_bytes": MAX_BODY,
        }
    )
    victim = f"victim-{uuid.uuid4().hex[:8]}"
    async with (
        serve_agent("cart_manager", secured, services) as served,
        httpx.AsyncClient(base_url=served.url, timeout=60) as http,
    ):
        headers = {**AUTH, "A2A-Version": "1.0", **shopper_headers(secured, victim, "cart_manager")}
        body = _template()
        body["params"]["message"] = _message([{"text": "add a mug"}], {})
        reply = (await http.post("/", json=body, headers=headers)).json()
        task_id = reply["result"]["task"]["id"]
        target = Target(http, secured, victim, task_id)
        yield target
        # What every fuzz test promises afterwards.
        assert (await http.get("/healthz")).status_code == 200
        cart = await services.boutique.cart.get_cart(victim)
        assert {item.product_id: item.quantity for item in cart.items} == {MUG: 1}
        assert await target.victims_task_is_theirs()


def _check(response: httpx.Response, text: str, *, rpc: bool) -> None:
    """The properties every answer has."""
    status = response.status_code
    assert status < 500, (status, text[:500])
    assert not any(leak in text for leak in LEAKS), text[:500]
    if status in (307, 308):  # Starlette's trailing-slash redirect: to the same server
        base = f"{response.url.scheme}://{response.url.netloc.decode()}/"
        assert response.headers["location"].startswith(base), response.headers
        return
    kind = response.headers.get("content-type", "")
    if kind.startswith("text/event-stream"):
        for line in text.splitlines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                assert isinstance(event, dict), line
                if "error" in event:
                    assert event["error"].get("code") != -32603, line
        return
    body = json.loads(text)
    if status == 200 and rpc:
        assert body.get("jsonrpc") == "2.0" and "id" in body, body
        assert ("result" in body) != ("error" in body), body
        if "error" in body:
            error = body["error"]
            assert isinstance(error["code"], int) and error["code"] != -32603, error
            assert isinstance(error["message"], str) and error["message"], error
        return
    if status >= 400:
        error = body["error"]
        assert isinstance(error, dict) and isinstance(error.get("message"), str), body


async def _send(
    http: httpx.AsyncClient, method: str, path: str, content: bytes | None, headers: dict[str, str]
) -> tuple[httpx.Response, str]:
    async with http.stream(method, path, content=content, headers=headers) as response:
        chunks = [chunk async for chunk in response.aiter_text()]
    return response, "".join(chunks)


# --- the properties ---------------------------------------------------------------------


@FUZZ
@given(body=raw_bodies, extra=headers)
async def test_any_json_rpc_body_gets_a_typed_answer(
    target: Target, body: bytes, extra: dict[str, str]
) -> None:
    body = body.replace(b'"VICTIM"', json.dumps(target.victim).encode())
    sent = {"Content-Type": "application/json", **extra, **AUTH}
    response, text = await _send(target.http, "POST", "/", body, sent)
    _check(response, text, rpc=True)


rest_paths = st.sampled_from(
    [
        "/message:send",
        "/message:stream",
        "/tasks",
        "/tasks/{id}",
        "/tasks/{id}:cancel",
        "/tasks/{id}:subscribe",
        "/tasks/{id}/pushNotificationConfigs",
        "/v1/message:send",
        "/v1/tasks/{id}",
        "/v1/tasks/{id}:cancel",
        "/extendedAgentCard",
        "/{id}/message:send",
    ]
) | st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=30).map(
    lambda path: "/" + path.lstrip("/")
)
rest_bodies = st.one_of(
    st.none(),
    st.fixed_dictionaries({"message": messages}).map(lambda b: json.dumps(b).encode()),
    mutated({"message": _message([{"text": "empty my cart"}], {"user_id": "VICTIM"})}).map(
        lambda b: json.dumps(b).encode()
    ),
    json_values.map(lambda b: json.dumps(b).encode()),
    st.binary(max_size=100),
    st.integers(500, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
)
queries = st.dictionaries(
    st.sampled_from(["pageSize", "pageToken", "status", "historyLength", "contextId", "x"]),
    header_text,
    max_size=3,
)


@FUZZ
@given(
    verb=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    path=rest_paths,
    task_id=st.one_of(st.just("TASK"), st.text(alphabet="abc-_.%~", max_size=10)),
    body=rest_bodies,
    query=queries,
    extra=headers,
)
async def test_any_rest_call_gets_a_typed_answer(
    target: Target,
    verb: str,
    path: str,
    task_id: str,
    body: bytes | None,
    query: dict[str, str],
    extra: dict[str, str],
) -> None:
    # "TASK": the victim's own task, asked for without the victim's assertion.
    path = path.replace("{id}", target.task_id if task_id == "TASK" else task_id or "x")
    if body is not None:
        body = body.replace(b'"VICTIM"', json.dumps(target.victim).encode())
    request = target.http.build_request(verb, path, params=query)
    sent = {**extra, **AUTH}
    response, text = await _send(target.http, verb, str(request.url), body, sent)
    _check(response, text, rpc=False)
    assert target.task_id not in text or response.status_code >= 400 and target.task_id in path


async def test_an_oversized_body_is_refused_unread(target: Target) -> None:
    """A body declared bigger than the limit gets 413 before any of it is sent."""
    url = urlsplit(str(target.http.base_url))
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    try:
        writer.write(
            b"POST / HTTP/1.1\r\nHost: agent\r\nContent-Type: application/json\r\n"
            + f"Authorization: Bearer {TOKEN}\r\nContent-Length: {10**9}\r\n\r\n".encode()
        )
        await writer.drain()
        # The answer, then the server closes: it never waits for the gigabyte.
        reply = await asyncio.wait_for(reader.read(), 60)
    finally:
        writer.close()
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), reply[:300]
    assert json.loads(body)["error"]["status"] == "PAYLOAD_TOO_LARGE"

    # Sent without a length (chunked) and over the limit: 413 too, nothing buffered past it.
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(8):
            yield b"x" * (MAX_BODY // 4)

    response = await target.http.post("/", content=chunks(), headers=AUTH)
    assert response.status_code == 413, response.text
    assert response.json()["error"]["status"] == "PAYLOAD_TOO_LARGE"
