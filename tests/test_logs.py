"""Structured logs: JSON lines with correlation ids and trace ids, secrets masked."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from cartmate.logs import (
    MASK,
    configure_logging,
    get_log_context,
    log_context,
    mask_text,
    redact_value,
)

log = logging.getLogger("cartmate.tests.logs")

ReadLines = Callable[[], list[dict[str, Any]]]


def _our_handlers() -> list[logging.Handler]:
    """The handlers configure_logging installed on the root logger."""
    return [h for h in logging.getLogger().handlers if getattr(h, "_cartmate_log_handler", False)]


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    """Puts the root logger's level and handlers back as they were."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in _our_handlers():
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture
def out(restore_root_logger: None) -> io.StringIO:
    """JSON logging at DEBUG into a buffer."""
    stream = io.StringIO()
    configure_logging("DEBUG", "json", stream)
    return stream


@pytest.fixture
def lines(out: io.StringIO) -> ReadLines:
    """Reads what was logged so far, one parsed JSON object per line."""
    return lambda: [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def tracer() -> Iterator[trace.Tracer]:
    """A tracer of a private SDK provider (the global one stays untouched)."""
    provider = TracerProvider(shutdown_on_exit=False)
    yield provider.get_tracer("tests")
    provider.shutdown()


# --- JSON lines ------------------------------------------------------------------------------


def test_each_record_is_one_json_object_with_the_standard_fields(lines: ReadLines) -> None:
    log.info("cart has %d items", 3, extra={"cart_size": 3, "currency": "EUR"})
    [line] = lines()
    assert list(line)[:4] == ["timestamp", "level", "logger", "message"]
    assert line["level"] == "INFO"
    assert line["logger"] == "cartmate.tests.logs"
    assert line["message"] == "cart has 3 items"
    assert line["cart_size"] == 3
    assert line["currency"] == "EUR"
    assert line["timestamp"].endswith("Z")
    stamp = datetime.fromisoformat(line["timestamp"])
    assert stamp.utcoffset() == timedelta(0)
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 60
    assert "trace_id" not in line  # no span active
    assert "session_id" not in line


def test_exception_is_a_string_field(lines: ReadLines) -> None:
    try:
        raise KeyError("missing")
    except KeyError:
        log.exception("lookup failed")
    [line] = lines()
    assert line["level"] == "ERROR"
    assert isinstance(line["exception"], str)
    assert "Traceback (most recent call last)" in line["exception"]
    assert "KeyError: 'missing'" in line["exception"]


def test_non_json_values_are_logged_as_text(lines: ReadLines) -> None:
    class Thing:
        def __str__(self) -> str:
            return "a thing"

    log.info("odd", extra={"thing": Thing(), "when": datetime(2025, 1, 2, tzinfo=UTC)})
    [line] = lines()
    assert line["thing"] == "a thing"
    assert line["when"].startswith("2025-01-02T00:00:00")


def test_records_below_the_level_are_dropped(restore_root_logger: None) -> None:
    out = io.StringIO()
    configure_logging("warning", "json", out)
    log.info("hidden")
    log.warning("shown")
    assert [json.loads(x)["message"] for x in out.getvalue().splitlines()] == ["shown"]


# --- Correlation ids -------------------------------------------------------------------------


def test_log_context_ids_nest_and_restore(lines: ReadLines) -> None:
    with log_context(request_id="r-1", session_id="s-1"):
        with log_context(turn_id="t-1", user_id="u-1") as bound:
            assert bound == {
                "request_id": "r-1",
                "session_id": "s-1",
                "turn_id": "t-1",
                "user_id": "u-1",
            }
            log.info("inner")
            with log_context(session_id="s-2", agent="shopper"):
                log.info("override")
        log.info("outer")
    log.info("none")
    assert get_log_context() == {}

    inner, override, outer, none = lines()
    assert {k: inner[k] for k in ("request_id", "session_id", "turn_id", "user_id")} == {
        "request_id": "r-1",
        "session_id": "s-1",
        "turn_id": "t-1",
        "user_id": "u-1",
    }
    assert (override["session_id"], override["turn_id"], override["agent"]) == (
        "s-2",
        "t-1",
        "shopper",
    )
    assert outer["session_id"] == "s-1"
    assert "turn_id" not in outer
    assert not {"request_id", "session_id", "turn_id", "user_id"} & set(none)


def test_ids_come_right_after_the_message(lines: ReadLines) -> None:
    with log_context(turn_id="t", session_id="s"):
        log.info("m", extra={"z": 1})
    [line] = lines()
    assert list(line)[3:6] == ["message", "session_id", "turn_id"]


def test_explicit_extra_wins_over_the_bound_id(lines: ReadLines) -> None:
    with log_context(session_id="bound"):
        log.info("m", extra={"session_id": "explicit"})
    assert lines()[0]["session_id"] == "explicit"


def test_none_leaves_a_bound_id_alone() -> None:
    with log_context(session_id="s"), log_context(session_id=None, turn_id="t"):
        assert get_log_context() == {"session_id": "s", "turn_id": "t"}


def test_log_context_rejects_log_record_attribute_names() -> None:
    with pytest.raises(ValueError, match="msg"), log_context(msg="x"):
        pass
    assert get_log_context() == {}


async def test_ids_follow_each_task(lines: ReadLines) -> None:
    async def turn(session_id: str) -> None:
        with log_context(session_id=session_id):
            await asyncio.sleep(0)  # interleave the two tasks
            log.info("turn")
            await asyncio.create_task(child())

    async def child() -> None:
        log.info("child")  # a task started inside log_context inherits it

    await asyncio.gather(turn("a"), turn("b"))
    ours = [line for line in lines() if line["logger"] == log.name]  # not asyncio's own
    seen = sorted((line["message"], line["session_id"]) for line in ours)
    assert seen == [("child", "a"), ("child", "b"), ("turn", "a"), ("turn", "b")]


def test_active_span_adds_trace_and_span_ids(lines: ReadLines, tracer: trace.Tracer) -> None:
    with tracer.start_as_current_span("turn") as span, log_context(session_id="s"):
        log.info("inside")
        with tracer.start_as_current_span("call") as child:
            log.info("nested")
    log.info("after")

    inside, nested, after = lines()
    ctx = span.get_span_context()
    assert inside["trace_id"] == trace.format_trace_id(ctx.trace_id)
    assert inside["span_id"] == trace.format_span_id(ctx.span_id)
    assert len(inside["trace_id"]) == 32 and len(inside["span_id"]) == 16
    assert nested["trace_id"] == inside["trace_id"]
    assert nested["span_id"] == trace.format_span_id(child.get_span_context().span_id)
    assert inside["session_id"] == "s"
    assert "trace_id" not in after and "span_id" not in after


def test_records_of_child_loggers_and_libraries_are_enriched(lines: ReadLines) -> None:
    with log_context(turn_id="t"):
        logging.getLogger("some.library.deep").warning("from a library")
    assert lines()[0]["turn_id"] == "t"


# --- Secrets ---------------------------------------------------------------------------------


def test_secret_fields_are_masked(out: io.StringIO, lines: ReadLines) -> None:
    log.info(
        "calling the model",
        extra={
            "api_key": "S3CRET-api",
            "google_api_key": "S3CRET-google",
            "session_token": "S3CRET-token",
            "client_secret": "S3CRET-client",
            "db_password": "S3CRET-password",
            "Authorization": "Bearer S3CRET-bearer",
            "headers": {"authorization": "Bearer S3CRET-header", "accept": "application/json"},
            "secrets": {"nested": "S3CRET-nested"},
            "tokens": ["S3CRET-t1", "S3CRET-t2"],
            "prompt_tokens": 120,
            "user": "alice",
        },
    )
    [line] = lines()
    for name in ("api_key", "google_api_key", "session_token", "client_secret", "db_password"):
        assert line[name] == MASK, name
    assert line["Authorization"] == MASK
    assert line["headers"] == {"authorization": MASK, "accept": "application/json"}
    assert line["secrets"] == {"nested": MASK}
    assert line["tokens"] == [MASK, MASK]
    assert line["prompt_tokens"] == 120  # a count, not a secret
    assert line["user"] == "alice"
    assert "S3CRET" not in out.getvalue()


def test_secrets_in_messages_and_exceptions_are_masked(out: io.StringIO) -> None:
    google_key = "AIza" + "S" * 35
    log.info("GET https://api.example/v1?key=%s&alt=json", "plainsecret")
    log.info("connecting to redis://default:hunter2@cache:6379/0")
    log.info("header Authorization: Bearer eyJhbGciOi.payload.sig")
    log.info("config %s", {"perplexity_api_key": "pplx-secret", "port": 8080})
    log.info("stray key %s in text", google_key)
    log.info("usage prompt_tokens=%d", 42)
    try:
        raise RuntimeError("login failed for password=opensesame")
    except RuntimeError:
        log.exception("boom")
    text = out.getvalue()
    for secret in ("plainsecret", "hunter2", "eyJhbGciOi", "pplx-secret", google_key, "opensesame"):
        assert secret not in text, secret
    messages = [json.loads(line)["message"] for line in text.splitlines()]
    assert messages[0] == f"GET https://api.example/v1?key={MASK}&alt=json"
    assert messages[1] == f"connecting to redis://default:{MASK}@cache:6379/0"
    assert messages[2] == f"header Authorization: Bearer {MASK}"
    assert "'port': 8080" in messages[3]
    assert messages[5] == "usage prompt_tokens=42"


def test_dict_messages_are_masked(lines: ReadLines) -> None:
    log.info({"event": "login", "password": "hunter2"})
    [line] = lines()
    assert (line["event"], line["password"]) == ("login", MASK)


def test_mask_helpers() -> None:
    assert mask_text("token=abc, next") == f"token={MASK}, next"
    assert mask_text('{"client_secret": "x y z"}') == f'{{"client_secret": {MASK}}}'
    assert mask_text("nothing to hide, key lime pie") == "nothing to hide, key lime pie"
    assert redact_value("cookie", {"a": 1, "b": "c"}) == {"a": 1, "b": MASK}
    assert redact_value("note", "api_key=zzz") == f"api_key={MASK}"
    assert redact_value("refresh_token", None) is None


# --- Setup -----------------------------------------------------------------------------------


def test_configure_logging_is_idempotent(restore_root_logger: None) -> None:
    first, second = io.StringIO(), io.StringIO()
    configure_logging("INFO", "json", first)
    configure_logging("INFO", "json", second)
    assert len(_our_handlers()) == 1
    log.info("once")
    assert first.getvalue() == ""  # the replaced handler no longer writes
    assert [json.loads(x)["message"] for x in second.getvalue().splitlines()] == ["once"]


def test_text_format_for_humans(restore_root_logger: None, tracer: trace.Tracer) -> None:
    out = io.StringIO()
    configure_logging("info", "text", out)
    with tracer.start_as_current_span("turn"), log_context(session_id="s-1"):
        log.warning("low stock for %s", "OLJCESPC7Z", extra={"left": 2, "token": "t0ps3cret"})
    line = out.getvalue().rstrip("\n")
    assert "\n" not in line
    assert " WARNING  cartmate.tests.logs: low stock for OLJCESPC7Z  session_id=s-1 " in line
    assert "trace_id=" in line and "span_id=" in line
    assert f"left=2 token={MASK}" in line
    assert "t0ps3cret" not in line


def test_configure_logging_rejects_unknown_settings(restore_root_logger: None) -> None:
    with pytest.raises(ValueError, match="level"):
        configure_logging("LOUD")
    with pytest.raises(ValueError, match="format"):
        configure_logging("INFO", "xml")  # type: ignore[arg-type]
    assert _our_handlers() == []
