"""Turning what a model passes as "product" (an id or words) into one catalog product.

Models pass ids they saw in tool results or the shopper's words ("the watch", "sunglases").
An exact id wins; otherwise the catalog index resolves the words, and a reference that fits
several products equally well is reported as ambiguous with its candidates, never guessed.
"""

from __future__ import annotations

from collections.abc import Collection

from cartmate.agent_runtime.services import AgentServices
from cartmate.boutique.models import Product
from cartmate.errors import BadRequestError, NotFoundError

__all__ = ["AmbiguousProductError", "UnknownProductError", "resolve_product"]


class UnknownProductError(NotFoundError):
    """No catalog product fits the reference."""

    code = "unknown_product"


class AmbiguousProductError(BadRequestError):
    """Several products fit the reference equally well."""

    code = "ambiguous_product"


async def resolve_product(
    services: AgentServices, reference: str, *, prefer: Collection[str] = ()
) -> Product:
    """The one product `reference` (an id or a name) means; raises when none or several.

    `prefer`: product ids that settle a tie, when exactly one of the products that fit is
    among them ("take out the black one": the black one in the cart).
    """
    text = (reference or "").strip()
    if not text:
        raise UnknownProductError("Which product do you mean?", reference=reference)
    index = await services.catalog_index()
    matches = index.resolve(text)
    if not matches:
        raise UnknownProductError(
            f"I couldn't find a product matching {text!r} in the catalog.", reference=text
        )
    # The index returns only candidates close to the best one: one means the reference is clear.
    if len(matches) == 1:
        return matches[0].product
    preferred = [m.product for m in matches if m.product.id in prefer]
    if len(preferred) == 1:
        return preferred[0]
    # several preferred ("take the black one out" with two black things in the cart): those
    # are the ones to choose between
    among = preferred or [m.product for m in matches]
    candidates = [{"id": p.id, "name": p.name} for p in among[:5]]
    raise AmbiguousProductError(
        f"{text!r} could mean " + " or ".join(c["name"] for c in candidates) + ".",
        reference=text,
        candidates=candidates,
    )
