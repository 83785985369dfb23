"""An embedded Online Boutique: the catalog, cart, currency and recommendation services.

CartMate talks to Online Boutique over gRPC only. When no `*_SERVICE_ADDR` is configured it
starts these in-process stand-ins instead: the same `hipstershop` interface, ports, health
service and observable behaviour (quirks included), with carts kept in Redis.
"""

from cartmate.embedded_boutique.catalog_data import (
    BoutiqueDataError,
    Catalog,
    CurrencyTable,
    Product,
    load_catalog,
    load_currency_table,
)
from cartmate.embedded_boutique.server import (
    SERVICE_NAMES,
    BoutiqueAddresses,
    embedded_services,
    run_boutique,
    serve_boutique,
)

__all__ = [
    "SERVICE_NAMES",
    "BoutiqueAddresses",
    "BoutiqueDataError",
    "Catalog",
    "CurrencyTable",
    "Product",
    "embedded_services",
    "load_catalog",
    "load_currency_table",
    "run_boutique",
    "serve_boutique",
]
