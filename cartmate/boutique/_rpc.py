"""How every Online Boutique call is made: deadline, retries, circuit breaker, error mapping.

This is the only place that catches `grpc.aio.AioRpcError`. A logical call has one deadline
(`RpcPolicy.timeout_s`) shared by all its attempts. Idempotent calls are retried on
UNAVAILABLE and DEADLINE_EXCEEDED with exponential backoff and full jitter (tenacity) while
the deadline allows; non-idempotent ones (AddItem) are tried once. Each service has a circuit
breaker: after `failures` consecutive transient failures it opens and calls fail fast with
`UnavailableError`; after `reset_s` one probe call is let through, and its outcome closes or
re-opens the breaker.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import grpc
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from cartmate.errors import (
    BadRequestError,
    CartMateError,
    NotFoundError,
    UnavailableError,
    UpstreamTimeoutError,
)

__all__ = ["BreakerState", "CircuitBreaker", "RpcPolicy", "ServiceCaller"]

log = logging.getLogger(__name__)

Response = TypeVar("Response")

_TRANSIENT = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})


@dataclass(frozen=True)
class RpcPolicy:
    """Deadline and retry settings for one service's calls."""

    timeout_s: float = 2.0  # the whole logical call, all attempts included
    retries: int = 3  # extra attempts for idempotent calls
    backoff_base_s: float = 0.05
    backoff_max_s: float = 1.0


class BreakerState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    """Consecutive-failure circuit breaker with a single half-open probe."""

    def __init__(
        self,
        name: str,
        failures: int = 5,
        reset_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self._threshold = failures
        self._reset_s = reset_s
        self._clock = clock
        self._failures = 0
        self._opened_at = 0.0
        self._state = BreakerState.CLOSED
        self._probe_in_flight = False

    @property
    def state(self) -> BreakerState:
        if self._state is BreakerState.OPEN and self._clock() - self._opened_at >= self._reset_s:
            return BreakerState.HALF_OPEN
        return self._state

    def before_call(self) -> None:
        """Raise UnavailableError while open; let one probe through once reset_s has passed."""
        state = self.state
        if state is BreakerState.CLOSED:
            return
        if state is BreakerState.HALF_OPEN and not self._probe_in_flight:
            self._state = BreakerState.HALF_OPEN
            self._probe_in_flight = True
            return
        raise UnavailableError(
            f"The {self.name} service is unavailable right now; please try again shortly.",
            service=self.name,
            breaker="open",
        )

    def record_success(self) -> None:
        if self._state is not BreakerState.CLOSED:
            log.info("circuit closed", extra={"service": self.name})
        self._failures = 0
        self._state = BreakerState.CLOSED
        self._probe_in_flight = False

    def record_failure(self) -> None:
        self._failures += 1
        probe_failed = self._probe_in_flight
        self._probe_in_flight = False
        if probe_failed or self._failures >= self._threshold:
            if self._state is BreakerState.CLOSED:
                log.warning("circuit opened", extra={"service": self.name})
            self._state = BreakerState.OPEN
            self._opened_at = self._clock()

    def release_probe(self) -> None:
        """A probe that ended without an outcome (cancelled): let the next call probe."""
        self._probe_in_flight = False

    def record_neutral(self) -> None:
        """An answer that proves the service is up (NOT_FOUND, say): counts as success."""
        self.record_success()


def _is_transient(exc: BaseException) -> bool:
    return isinstance(exc, grpc.aio.AioRpcError) and exc.code() in _TRANSIENT


def map_rpc_error(service: str, method: str, exc: grpc.aio.AioRpcError) -> CartMateError:
    """A gRPC failure as a CartMateError with a message fit for a shopper."""
    code = exc.code()
    details = {"service": service, "method": method, "grpc_status": code.name}
    if code is grpc.StatusCode.NOT_FOUND:
        return NotFoundError(exc.details() or f"{method}: not found", **details)
    if code is grpc.StatusCode.INVALID_ARGUMENT:
        return BadRequestError(exc.details() or f"{method}: invalid argument", **details)
    if code is grpc.StatusCode.DEADLINE_EXCEEDED:
        return UpstreamTimeoutError(f"The {service} service did not answer in time.", **details)
    # FAILED_PRECONDITION is what the real CartService answers when its Redis is down.
    if code in (
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.FAILED_PRECONDITION,
    ):
        return UnavailableError(f"The {service} service is unavailable right now.", **details)
    return CartMateError(f"The {service} service failed ({code.name}).", **details)


class ServiceCaller:
    """Makes the calls of one Online Boutique service under its policy and breaker."""

    def __init__(self, service: str, policy: RpcPolicy, breaker: CircuitBreaker) -> None:
        self.service = service
        self.policy = policy
        self.breaker = breaker

    async def call(
        self,
        method: str,
        rpc: Callable[..., Awaitable[Response]],
        request: Any,
        *,
        idempotent: bool,
    ) -> Response:
        """Call `rpc(request)` within the deadline; returns its response or raises CartMateError."""
        policy = self.policy
        deadline = time.monotonic() + policy.timeout_s
        retrying = AsyncRetrying(
            stop=stop_after_attempt(policy.retries + 1 if idempotent else 1)
            | stop_before_delay(policy.timeout_s),
            wait=wait_random_exponential(
                multiplier=policy.backoff_base_s, max=policy.backoff_max_s
            ),
            retry=retry_if_exception(_is_transient),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    self.breaker.before_call()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise UpstreamTimeoutError(
                            f"The {self.service} service did not answer in time.",
                            service=self.service,
                            method=method,
                        )
                    try:
                        response = await rpc(request, timeout=remaining)
                    except grpc.aio.AioRpcError as exc:
                        if _is_transient(exc):
                            self.breaker.record_failure()
                        else:
                            self.breaker.record_neutral()
                        raise
                    self.breaker.record_success()
                    return response
        except grpc.aio.AioRpcError as exc:
            error = map_rpc_error(self.service, method, exc)
            log.warning(
                "rpc failed",
                extra={"service": self.service, "method": method, "code": exc.code().name},
            )
            raise error from exc
        except asyncio.CancelledError:
            # A cancelled call proves nothing about the service; free a probe slot it held.
            self.breaker.release_probe()
            raise
        raise AssertionError("unreachable: tenacity either returns or raises")
