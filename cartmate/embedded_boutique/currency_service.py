"""CurrencyService over an EUR-based rate table, exact where the real one uses floats.

Conversion is `RateTable.convert` (FROM -> EUR rounded half-even to nanos, EUR -> TO truncated).
An unknown or lower-case code is not an error: like the real service, the answer is a zero
amount in `to_code` with status OK, so clients must check GetSupportedCurrencies first.
"""

from __future__ import annotations

import logging

import grpc

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.embedded_boutique.catalog_data import CurrencyTable
from cartmate.money import Money

__all__ = ["FULL_NAME", "CurrencyService"]

logger = logging.getLogger(__name__)

FULL_NAME = demo_pb2.DESCRIPTOR.services_by_name["CurrencyService"].full_name


class CurrencyService(demo_pb2_grpc.CurrencyServiceServicer):
    """GetSupportedCurrencies and Convert."""

    def __init__(self, table: CurrencyTable) -> None:
        self._table = table

    async def GetSupportedCurrencies(  # noqa: N802 - gRPC method name
        self, request: demo_pb2.Empty, context: grpc.aio.ServicerContext
    ) -> demo_pb2.GetSupportedCurrenciesResponse:
        return demo_pb2.GetSupportedCurrenciesResponse(currency_codes=list(self._table.codes))

    async def Convert(  # noqa: N802
        self, request: demo_pb2.CurrencyConversionRequest, context: grpc.aio.ServicerContext
    ) -> demo_pb2.Money:
        source = getattr(request, "from")  # `from` is a Python keyword
        to_code = request.to_code
        rates = self._table.rates
        if not (rates.supports(source.currency_code) and rates.supports(to_code)):
            logger.debug("convert %r -> %r: unsupported, zero", source.currency_code, to_code)
            return demo_pb2.Money(currency_code=to_code, units=0, nanos=0)
        try:
            result = rates.convert(Money.from_proto(source), to_code)
            return demo_pb2.Money(
                currency_code=result.currency_code, units=result.units, nanos=result.nanos
            )
        except ValueError as exc:
            # MoneyError (sign rule, nanos range) or a result too large for int64 units.
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"invalid amount: {exc}")
