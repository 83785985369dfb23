"""Structured logs: one JSON object per line, with correlation ids and secrets masked.

Correlation ids live in a context variable, so they follow a request across `await`s and into
tasks it creates (asyncio copies the context when a task starts)::

    with log_context(session_id=sid, turn_id=tid):
        log.info("turn started", extra={"items": 3})

prints (on one line)::

    {"timestamp": "2025-01-01T12:00:00.000Z", "level": "INFO", "logger": "cartmate.x",
     "message": "turn started", "session_id": "...", "turn_id": "...",
     "trace_id": "4bf9...", "span_id": "00f0...", "items": 3}

`trace_id` and `span_id` are the current OpenTelemetry span's, added whenever one is active.
Values of fields whose name contains key, token, secret, password, authorization, cookie or
credential are masked, as are bearer tokens, `name=value` pairs with such names, URL passwords
and well-known API key shapes inside messages and string fields.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Literal, TextIO

from opentelemetry import trace
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

__all__ = [
    "CORRELATION_FIELDS",
    "MASK",
    "ContextFilter",
    "JsonLogFormatter",
    "LogFormat",
    "RedactingFilter",
    "TextLogFormatter",
    "bind_log_context",
    "configure_logging",
    "get_log_context",
    "log_context",
    "mask_text",
    "redact_value",
    "reset_log_context",
]

LogFormat = Literal["json", "text"]

CORRELATION_FIELDS: tuple[str, ...] = ("request_id", "session_id", "turn_id", "user_id")
"""The correlation ids `log_context` knows by name (any other field may be bound too)."""

MASK = "***"
"""What a masked value is replaced with."""

# Attributes every LogRecord has (plus the ones formatters add). They are never treated as
# `extra=` fields, and log_context may not shadow them.
_STANDARD_ATTRS: frozenset[str] = frozenset(
    set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__)
    | set(RESERVED_ATTRS)
    | {"message", "asctime", "taskName"}
)
# Record attributes some libraries add that are noise in a structured log
# (uvicorn's coloured copy of the message).
_DROPPED_ATTRS: frozenset[str] = frozenset({"color_message"})

_SENSITIVE_NAME = re.compile(
    r"key|token|secret|passw(?:or)?d|authorization|cookie|credential", re.IGNORECASE
)
_SENSITIVE_WORD = (
    r"[\w.-]*(?:key|token|secret|passw(?:or)?d|authorization|cookie|credential)[\w.-]*"
)
# Patterns for secrets inside free text; each keeps group 1 and masks what follows it.
_TEXT_PATTERNS: tuple[re.Pattern[str], ...] = (
    # Authorization: Bearer abc / Basic abc (headers printed as text).
    re.compile(r"(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE),
    # api_key=abc, ?key=abc&..., token = abc
    re.compile(rf"(\b{_SENSITIVE_WORD}\s*=\s*)(?!\*\*\*)[^\s&,;\"'<>)\]}}]+", re.IGNORECASE),
    # "api_key": "abc" / 'token': 'abc' (dict or JSON reprs)
    re.compile(rf"""(["']{_SENSITIVE_WORD}["']\s*:\s*)(?:"[^"]*"|'[^']*')""", re.IGNORECASE),
    # scheme://user:password@host
    re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/\s@]*:)[^@\s/]+(?=@)", re.IGNORECASE),
)
# Well-known key shapes (Google API keys, Perplexity and OpenAI-style keys), masked anywhere.
_KEY_SHAPES = re.compile(r"\bAIza[0-9A-Za-z_-]{35}|\bpplx-[0-9A-Za-z]{20,}|\bsk-[0-9A-Za-z_-]{20,}")

_EMPTY: Mapping[str, Any] = MappingProxyType({})
_context: ContextVar[Mapping[str, Any]] = ContextVar("cartmate_log_context", default=_EMPTY)

# Fields shown right after the message, in this order, when present.
_LEADING_FIELDS: tuple[str, ...] = (*CORRELATION_FIELDS, "trace_id", "span_id")

# Marks the handler configure_logging installed, so a second call replaces it.
_HANDLER_MARK = "_cartmate_log_handler"


# --- Correlation ids ------------------------------------------------------------------------


def get_log_context() -> dict[str, Any]:
    """The fields bound in the current context.

    Returns:
        A copy of the bound fields (request_id, session_id, ... and any others).
    """
    return dict(_context.get())


def bind_log_context(**fields: Any) -> Token[Mapping[str, Any]]:
    """Adds fields to the current context, merged over what is already bound.

    Prefer `log_context`; use this where a `with` block does not fit, and always pair it
    with `reset_log_context` in the same context.

    Args:
        **fields: Field names and values; a value of None leaves that field as it was.

    Returns:
        A token for `reset_log_context`.

    Raises:
        ValueError: A field name is a standard LogRecord attribute (e.g. `msg`, `name`).
    """
    clash = sorted(set(fields) & _STANDARD_ATTRS)
    if clash:
        raise ValueError(f"log context fields clash with LogRecord attributes: {clash}")
    merged = dict(_context.get())
    merged.update({name: value for name, value in fields.items() if value is not None})
    # Immutable, so a record or another task can never see it change under it.
    return _context.set(MappingProxyType(merged))


def reset_log_context(token: Token[Mapping[str, Any]]) -> None:
    """Restores the fields bound before the `bind_log_context` call that returned `token`.

    Args:
        token: What `bind_log_context` returned.
    """
    _context.reset(token)


@contextmanager
def log_context(
    *,
    request_id: str | None = None,
    session_id: str | None = None,
    turn_id: str | None = None,
    user_id: str | None = None,
    **fields: Any,
) -> Iterator[dict[str, Any]]:
    """Binds correlation ids (and any other fields) to every log record inside the block.

    Nested blocks merge with the outer ones; leaving a block restores what was bound before.

    Args:
        request_id: The id of the HTTP/WebSocket request.
        session_id: The conversation session's id.
        turn_id: The id of one user turn in the session.
        user_id: The user's id, when known.
        **fields: Further fields to add to every record. None values are ignored.

    Yields:
        The fields bound inside the block.

    Raises:
        ValueError: A field name is a standard LogRecord attribute.
    """
    token = bind_log_context(
        request_id=request_id,
        session_id=session_id,
        turn_id=turn_id,
        user_id=user_id,
        **fields,
    )
    try:
        yield get_log_context()
    finally:
        _context.reset(token)


# --- Masking --------------------------------------------------------------------------------


def mask_text(text: str) -> str:
    """Masks secrets that appear inside free text.

    Args:
        text: A message, exception text or string field.

    Returns:
        The text with bearer tokens, `secret_name=value` pairs, quoted `"secret_name": "value"`
        pairs, URL passwords and well-known API key shapes replaced by `MASK`.
    """
    for pattern in _TEXT_PATTERNS:
        text = pattern.sub(_mask_match, text)
    return _KEY_SHAPES.sub(MASK, text)


def _mask_match(match: re.Match[str]) -> str:
    """Keeps a match's group 1 and masks the rest, unless the rest is a plain number."""
    prefix = match.group(1)
    value = match.group(0)[len(prefix) :]
    # `prompt_tokens=120` is a count, not a secret.
    return match.group(0) if value.isdigit() else prefix + MASK


def redact_value(name: str, value: Any, *, sensitive: bool = False) -> Any:
    """Masks a field's value if its name (or an enclosing field's name) looks secret.

    Numbers, booleans and None are kept even under secret-looking names, so counts such as
    `prompt_tokens=120` stay readable. Mappings and lists are walked; other strings have
    `mask_text` applied.

    Args:
        name: The field's name.
        value: The field's value.
        sensitive: Whether an enclosing field's name already looked secret.

    Returns:
        The value to log.
    """
    sensitive = sensitive or bool(_SENSITIVE_NAME.search(name))
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {k: redact_value(str(k), v, sensitive=sensitive) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [redact_value(name, v, sensitive=sensitive) for v in value]
    if sensitive:
        return MASK
    if isinstance(value, str):
        return mask_text(value)
    return value


# --- Filters --------------------------------------------------------------------------------


class ContextFilter(logging.Filter):
    """Adds the bound correlation ids and the active span's trace_id/span_id to each record.

    Fields passed explicitly with `extra=` win over the bound ones.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Adds the fields; never drops a record.

        Args:
            record: The record being handled.

        Returns:
            Always True.
        """
        for name, value in _context.get().items():
            record.__dict__.setdefault(name, value)
        span_context = trace.get_current_span().get_span_context()
        if span_context.is_valid:
            record.__dict__.setdefault("trace_id", trace.format_trace_id(span_context.trace_id))
            record.__dict__.setdefault("span_id", trace.format_span_id(span_context.span_id))
        return True


class RedactingFilter(logging.Filter):
    """Masks secrets in a record's `extra=` fields and message before any formatter sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Masks in place; never drops a record.

        Args:
            record: The record being handled.

        Returns:
            Always True.
        """
        for name in list(record.__dict__):
            if name in _STANDARD_ATTRS or name.startswith("_"):
                continue
            record.__dict__[name] = redact_value(name, record.__dict__[name])
        if isinstance(record.msg, Mapping):
            # python-json-logger logs a dict message as fields.
            record.msg = redact_value("", record.msg)
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is the formatter's to report
            return True
        masked = mask_text(message)
        if masked != message:
            # Freeze the masked text; the args may hold the secret.
            record.msg, record.args = masked, None
        return True


# --- Formatters -----------------------------------------------------------------------------


def _iso_utc(created: float) -> str:
    """A record's creation time as ISO 8601 UTC with milliseconds and a Z suffix."""
    stamp = datetime.fromtimestamp(created, tz=UTC).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def _extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The record's non-standard attributes: ids and trace ids first, then `extra=` fields."""
    extras = {
        name: value
        for name, value in record.__dict__.items()
        if name not in _STANDARD_ATTRS and name not in _DROPPED_ATTRS and not name.startswith("_")
    }
    first = {name: extras.pop(name) for name in _LEADING_FIELDS if name in extras}
    return first | extras


class JsonLogFormatter(JsonFormatter):
    """One JSON object per record: timestamp, level, logger, message, ids, extra fields.

    An exception is the string field `exception`, a stack (stack_info=True) is `stack`.
    """

    def __init__(self) -> None:
        """Creates the formatter (field names are fixed)."""
        super().__init__(
            reserved_attrs=[*_STANDARD_ATTRS, *_DROPPED_ATTRS],
            rename_fields={"exc_info": "exception", "stack_info": "stack"},
            json_ensure_ascii=False,
        )

    def add_fields(
        self,
        log_data: dict[str, Any],
        record: logging.LogRecord,
        message_dict: dict[str, Any],
    ) -> None:
        """Puts the fixed fields first, then lets python-json-logger add the rest.

        Args:
            log_data: The object being built.
            record: The record.
            message_dict: Fields of a dict message, plus exc_info/stack_info.
        """
        log_data["timestamp"] = _iso_utc(record.created)
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = record.message
        # Ids next, in a fixed order; python-json-logger then adds the rest in record order.
        log_data.update(_extra_fields(record))
        super().add_fields(log_data, record, message_dict)

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        """The traceback as one string, with secrets in it masked.

        Args:
            ei: An exc_info tuple.

        Returns:
            The formatted traceback.
        """
        return mask_text(logging.Formatter.formatException(self, ei))


class TextLogFormatter(logging.Formatter):
    """Human-readable lines: `time LEVEL logger: message key=value ...` plus any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        """Formats one record.

        Args:
            record: The record.

        Returns:
            The line (and traceback lines, if any).
        """
        record.message = record.getMessage()
        line = f"{_iso_utc(record.created)} {record.levelname:<8} {record.name}: {record.message}"
        fields = " ".join(f"{name}={value}" for name, value in _extra_fields(record).items())
        if fields:
            line = f"{line}  {fields}"
        if record.exc_info:
            line = f"{line}\n{self.formatException(record.exc_info)}"
        if record.stack_info:
            line = f"{line}\n{self.formatStack(record.stack_info)}"
        return line

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        """The traceback, with secrets in it masked.

        Args:
            ei: An exc_info tuple.

        Returns:
            The formatted traceback.
        """
        return mask_text(super().formatException(ei))


# --- Setup ----------------------------------------------------------------------------------


def configure_logging(
    level: str = "INFO",
    fmt: LogFormat = "json",
    stream: TextIO | None = None,
) -> logging.Handler:
    """Sends all logs to one stream, structured, with ids added and secrets masked.

    Installs one handler on the root logger. Calling it again replaces that handler (with the
    new level, format and stream) instead of adding a second one; handlers others installed
    (pytest's, for example) are left alone.

    Args:
        level: The root level, by name (case-insensitive): DEBUG, INFO, WARNING, ERROR, CRITICAL.
        fmt: "json" for one JSON object per line, "text" for humans.
        stream: Where to write; standard error when None.

    Returns:
        The installed handler.

    Raises:
        ValueError: Unknown level or format.
    """
    level_no = logging.getLevelNamesMapping().get(level.upper())
    if level_no is None:
        raise ValueError(f"unknown log level {level!r}")
    formatter: logging.Formatter
    if fmt == "json":
        formatter = JsonLogFormatter()
    elif fmt == "text":
        formatter = TextLogFormatter()
    else:
        raise ValueError(f"unknown log format {fmt!r}; expected 'json' or 'text'")

    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    setattr(handler, _HANDLER_MARK, True)
    handler.setFormatter(formatter)
    # Filters on the handler (not the root logger) also see records propagated from children.
    handler.addFilter(ContextFilter())
    handler.addFilter(RedactingFilter())

    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
        old.close()  # a StreamHandler's close leaves the stream itself open
    root.addHandler(handler)
    root.setLevel(level_no)
    return handler
