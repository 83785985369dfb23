"""CurrencyService client: checked codes, exact conversions, cached answers.

The real CurrencyService answers an unknown or lower-case code with a zero amount and status
OK, so codes are checked against GetSupportedCurrencies first (cached) and an unknown one
raises UnknownCurrencyError. Rates are fixed per deployment, so each conversion answer is
cached (bounded, with a time to live) and repeated conversions of a price cost nothing.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from cartmate.boutique._rpc import ServiceCaller
from cartmate.boutique.models import money_to_proto
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.errors import UnavailableError, UnknownCurrencyError
from cartmate.money import Money

__all__ = ["CurrencyClient"]

_ConversionKey = tuple[str, int, int, str]


class CurrencyClient:
    """Supported currencies and conversions between them."""

    def __init__(
        self,
        stub: demo_pb2_grpc.CurrencyServiceStub,
        caller: ServiceCaller,
        ttl_s: float = 3600.0,
        max_cached: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stub = stub
        self._caller = caller
        self._ttl_s = ttl_s
        self._max_cached = max_cached
        self._clock = clock
        self._codes: frozenset[str] | None = None
        self._codes_at = 0.0
        self._codes_lock = asyncio.Lock()
        self._conversions: OrderedDict[_ConversionKey, tuple[Money, float]] = OrderedDict()

    async def supported_currencies(self) -> frozenset[str]:
        """The ISO codes the service converts (cached for `ttl_s`)."""
        if self._codes is not None and self._clock() - self._codes_at < self._ttl_s:
            return self._codes
        async with self._codes_lock:
            if self._codes is None or self._clock() - self._codes_at >= self._ttl_s:
                response = await self._caller.call(
                    "GetSupportedCurrencies",
                    self._stub.GetSupportedCurrencies,
                    demo_pb2.Empty(),
                    idempotent=True,
                )
                self._codes, self._codes_at = frozenset(response.currency_codes), self._clock()
        return self._codes

    async def check(self, code: str) -> str:
        """The code in canonical (upper-case) form; raises UnknownCurrencyError if unsupported."""
        canonical = code.strip().upper()
        supported = await self.supported_currencies()
        if canonical not in supported:
            raise UnknownCurrencyError(
                f"Unknown currency {code!r}. Supported: {', '.join(sorted(supported))}.",
                currency=code,
            )
        return canonical

    async def convert(self, amount: Money, to_code: str) -> Money:
        """`amount` in `to_code`, exactly as the currency service converts it."""
        target = await self.check(to_code)
        await self.check(amount.currency_code)
        if amount.currency_code == target:
            return amount
        key = (amount.currency_code, amount.units, amount.nanos, target)
        cached = self._conversions.get(key)
        if cached is not None and self._clock() - cached[1] < self._ttl_s:
            self._conversions.move_to_end(key)
            return cached[0]
        request = demo_pb2.CurrencyConversionRequest(to_code=target)
        getattr(request, "from").CopyFrom(money_to_proto(amount))
        response = await self._caller.call("Convert", self._stub.Convert, request, idempotent=True)
        result = Money.from_proto(response)
        if result.currency_code != target or (result.is_zero() and not amount.is_zero()):
            # The real service's answer to a code it does not know; never show it as a price.
            raise UnavailableError(
                f"The currency service could not convert {amount.currency_code} to {target}.",
                service="currency",
            )
        self._remember(key, result)
        return result

    async def convert_many(self, amounts: Iterable[Money], to_code: str) -> list[Money]:
        """Several amounts converted concurrently, in order."""
        return list(await asyncio.gather(*(self.convert(a, to_code) for a in amounts)))

    def _remember(self, key: _ConversionKey, result: Money) -> None:
        self._conversions[key] = (result, self._clock())
        self._conversions.move_to_end(key)
        while len(self._conversions) > self._max_cached:
            self._conversions.popitem(last=False)
