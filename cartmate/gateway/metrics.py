"""The gateway's OpenTelemetry metrics, and the span every turn runs in.

| Instrument | Kind | Unit | Attributes |
| --- | --- | --- | --- |
| `cartmate.gateway.turn.duration` | histogram | s | `status` |
| `cartmate.gateway.turn.first_partial` | histogram | s | (time to first streamed text) |
| `cartmate.gateway.turns` | counter | 1 | `status` |
| `cartmate.gateway.sockets.open` | up-down counter | 1 | |
| `cartmate.gateway.turns.queued` | up-down counter | 1 | (turns waiting for a slot) |
| `cartmate.gateway.errors` | counter | 1 | `code` (error frames sent) |
| `cartmate.gateway.delegations` | counter | 1 | `agent`, `status` |
| `cartmate.gateway.tool_calls` | counter | 1 | `tool`, `status` |

Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (see cartmate/telemetry.py); alert
thresholds are documented in docs/operations.md.

`turn_span` opens the turn's root span (`gateway turn`): the ADK spans, the A2A call to a
specialist (its `traceparent`), the specialist's spans and every gRPC call of the turn are
its descendants, so one turn is one trace.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from opentelemetry import metrics, trace

from cartmate.telemetry import get_meter, get_tracer

__all__ = ["GatewayMetrics", "end_turn_span", "turn_span"]

_tracer = get_tracer("cartmate.gateway")  # the global provider, looked up lazily


def turn_span(session_id: str, turn_id: str) -> AbstractContextManager[trace.Span]:
    """A new current span for one turn (a root: a turn starts from a WebSocket frame).

    Returns:
        A context manager yielding the span; pass the span to `end_turn_span` at the end.
    """
    return _tracer.start_as_current_span(
        "gateway turn",
        context=trace.set_span_in_context(trace.INVALID_SPAN),  # never a child of the socket
        attributes={"cartmate.session_id": session_id, "cartmate.turn_id": turn_id},
    )


def end_turn_span(span: trace.Span, status: str) -> None:
    """Record how the turn ended (`ok`, `error`, `cancelled`) on its span."""
    span.set_attribute("cartmate.turn.status", status)
    if status == "error":
        span.set_status(trace.StatusCode.ERROR)


class GatewayMetrics:
    def __init__(self, meter: metrics.Meter | None = None) -> None:
        meter = meter or get_meter("cartmate.gateway")
        self.turn_duration = meter.create_histogram(
            "cartmate.gateway.turn.duration", unit="s", description="Turn latency"
        )
        self.first_partial = meter.create_histogram(
            "cartmate.gateway.turn.first_partial",
            unit="s",
            description="Time from the message to the first streamed text",
        )
        self.turns = meter.create_counter("cartmate.gateway.turns", description="Turns by status")
        self.queued = meter.create_up_down_counter(
            "cartmate.gateway.turns.queued",
            description="Turns waiting for a slot (CARTMATE_MAX_CONCURRENT_TURNS)",
        )
        self.sockets = meter.create_up_down_counter(
            "cartmate.gateway.sockets.open", description="Open chat sockets"
        )
        self.errors = meter.create_counter(
            "cartmate.gateway.errors", description="Error frames sent, by code"
        )
        self.delegations = meter.create_counter(
            "cartmate.gateway.delegations", description="Delegations to specialists"
        )
        self.tool_calls = meter.create_counter(
            "cartmate.gateway.tool_calls", description="Tool calls by tool and outcome"
        )

    def frame(self, payload: dict[str, object]) -> None:
        """Count what a turn frame says (delegations, tools, errors)."""
        kind = payload.get("type")
        if kind == "delegation" and payload.get("status") != "started":
            self.delegations.add(
                1, {"agent": str(payload.get("agent")), "status": str(payload.get("status"))}
            )
        elif kind == "tool" and payload.get("status") != "started":
            self.tool_calls.add(
                1, {"tool": str(payload.get("name")), "status": str(payload.get("status"))}
            )
        elif kind == "error":
            self.errors.add(1, {"code": str(payload.get("code"))})
