"""Cart tools: view, add, remove, change quantity, empty. Always the session user's cart."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from google.adk.tools.tool_context import ToolContext

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.budget import budget_status, stated_budget
from cartmate.agent_runtime.call_order import in_call_order
from cartmate.agent_runtime.gift_marks import (
    fit_marks,
    gift_marks,
    mark_gift,
    marked_person,
    unmark_gift,
)
from cartmate.agent_runtime.presenters import present_cart, present_products
from cartmate.agent_runtime.resolution import AmbiguousProductError, resolve_product
from cartmate.agent_runtime.results import tool_result
from cartmate.agent_runtime.services import AgentServices, ServiceProvider
from cartmate.boutique.models import Cart, CartItem, Product
from cartmate.errors import BadRequestError, CartMateError, NotFoundError
from cartmate.style.analysis import COLOURS
from cartmate.style.catalog_traits import catalog_traits
from cartmate.style.coherence import Piece, coherence, slot_of
from cartmate.style.profile import StyleProfile

__all__ = ["CartTools"]

log = logging.getLogger(__name__)


_COLOUR_WORDS = re.compile(r"\b(" + "|".join(re.escape(c) for c in COLOURS) + r")\b")


async def _learn_from(services: AgentServices, user_id: str, product: Product) -> None:
    """What goes in the cart says something about the shopper's style (never fails the add)."""
    colours = sorted(set(_COLOUR_WORDS.findall(f"{product.name} {product.description}".lower())))
    now = datetime.now(UTC)

    def learn(profile: StyleProfile) -> StyleProfile:
        profile.learn_from_cart_item(product.categories, colours, now, price=product.price_usd)
        return profile

    try:
        await services.profiles.update(user_id, learn)
    except CartMateError:
        log.warning("style profile not updated from the cart", extra={"product_id": product.id})


async def _resolve_held(services: AgentServices, user_id: str, product: str) -> Product:
    """The product a change to the cart means: when the words fit several catalog products
    ("the black one"), the one the cart holds."""
    try:
        return await resolve_product(services, product)
    except AmbiguousProductError:
        cart = await services.boutique.cart.get_cart(user_id)
        return await resolve_product(
            services, product, prefer={item.product_id for item in cart.items}
        )


def count_in(cart: Cart, product_id: str) -> int:
    return sum(i.quantity for i in cart.items if i.product_id == product_id)


def record_line_change(
    tool_context: ToolContext, product: Product, before: int, after: int
) -> None:
    """The line's change, for "undo that" (see `state.CHANGES`)."""
    st.remember_change(
        tool_context.state,
        tool_context.invocation_id,
        line={"id": product.id, "name": product.name, "before": before, "after": after},
    )


async def _held_before(services: AgentServices, tool_context: ToolContext, product_id: str) -> int:
    """How many of a product the cart holds before a change: as last shown, else read."""
    held = _held_quantity(tool_context.state, product_id)
    if held is not None:
        return int(held)
    return count_in(await services.boutique.cart.get_cart(tool_context.user_id), product_id)


def _held_quantity(state: Any, product_id: str) -> int | None:
    """How many of a product the cart held when last shown (the state's cart lines)."""
    return next(
        (line.get("quantity") for line in state.get(st.CART_LINES) or []
         if line.get("id") == product_id),
        None,
    )  # fmt: skip


def _in_added_order(cart: Cart, state: Mapping[str, Any]) -> Cart:
    """The cart's lines in the order the shopper first added them, as a shop lists a basket
    (and as Online Boutique's own cart service keeps them), so "the second thing in my cart"
    is the second line shown; lines added elsewhere come last, in the service's order."""
    rank = {pid: i for i, pid in enumerate(state.get(st.ADDED_ORDER) or [])}
    items = sorted(cart.items, key=lambda item: rank.get(item.product_id, len(rank)))
    return Cart(cart.user_id, tuple(items))


class CartTools:
    """The cart manager's tools, bound to the process's services."""

    def __init__(self, provider: ServiceProvider) -> None:
        self._provider = provider

    @property
    def provider(self) -> ServiceProvider:
        """Where the tools get the process's services (the list tools share it)."""
        return self._provider

    async def cart_result(
        self, services: AgentServices, cart: Cart, tool_context: ToolContext, **extra: Any
    ) -> dict[str, Any]:
        cart = _in_added_order(cart, tool_context.state)
        view = await present_cart(services, cart, st.display_currency(tool_context.state))
        st.remember_cart(tool_context.state, view["items"], shown=extra.get("action") == "viewed")
        held = {item.product_id: item.quantity for item in cart.items}
        marks = fit_marks(tool_context.state, held)  # lines gone are no gifts now
        for item in view["items"]:
            if item["product_id"] in marks:
                # "1 × Sunglasses for dad, 1 for the cousin": who each unit is for
                item["gifts"] = dict(marks[item["product_id"]])
                item["for_whom"] = " and ".join(marks[item["product_id"]])
        budget = stated_budget(tool_context.state)
        if budget is not None:  # what the cart leaves of the shopper's budget, or how far over
            extra["budget"] = await budget_status(services, cart, budget, priced=view)
        return {"status": "ok", **extra, "cart": view}

    @tool_result
    @in_call_order
    async def view_cart(
        self, tool_context: ToolContext, product: str | None = None
    ) -> dict[str, Any]:
        """Show the shopper's cart: each line with quantity, unit price and line total, and the
        cart total, all in the shopper's display currency.

        Args:
          product: The product the shopper asked about ("how many mugs do I have?"), by
            catalog id or as said; it becomes the product talked about ("I only need 2 of
            those"). Optional.
        """
        services = await self._provider.get()
        cart = await services.boutique.cart.get_cart(tool_context.user_id)
        if product:
            st.remember_focus(
                tool_context.state, await _resolve_held(services, tool_context.user_id, product)
            )
        return await self.cart_result(services, cart, tool_context, action="viewed")

    @tool_result
    @in_call_order
    async def add_to_cart(
        self,
        product: str,
        tool_context: ToolContext,
        quantity: int = 1,
        for_whom: str | None = None,
    ) -> dict[str, Any]:
        """Add a product to the shopper's cart (on top of what is already there).

        Args:
          product: The product's catalog id (e.g. "OLJCESPC7Z") or its name as the shopper said
            it (e.g. "the watch").
          quantity: How many to add, 1 to 999. Defaults to 1.
          for_whom: Who it is for when it is a gift ("dad", "my sister"): the cart line is
            marked with it, and it teaches nothing of the shopper's own style. Omit for the
            shopper.
        """
        services = await self._provider.get()
        item = await resolve_product(services, product)
        # In focus even when the count is refused: "1000 mugs" (over the limit), "999 then?"
        st.remember_focus(tool_context.state, item)
        cart = await services.boutique.cart.add_item(tool_context.user_id, item.id, quantity)
        after = count_in(cart, item.id)
        record_line_change(tool_context, item, max(0, after - quantity), after)
        st.remember_focus(tool_context.state, item, added_quantity=quantity)  # "undo that"
        st.remember_added(tool_context.state, item, quantity, tool_context.invocation_id)
        person = None
        if for_whom and for_whom.strip():
            person = mark_gift(tool_context.state, item.id, for_whom, quantity)
        elif item.id not in gift_marks(tool_context.state):  # more of a gift is still a gift
            await _learn_from(services, tool_context.user_id, item)
        return await self.cart_result(
            services,
            cart,
            tool_context,
            action="added",
            product={"id": item.id, "name": item.name},
            quantity=quantity,
            **({"for_whom": person} if person else {}),
        )

    @tool_result
    @in_call_order
    async def remove_from_cart(
        self,
        product: str,
        tool_context: ToolContext,
        quantity: int | None = None,
        for_whom: str | None = None,
    ) -> dict[str, Any]:
        """Remove a product from the shopper's cart: its whole line, or some of it.

        Args:
          product: The product's catalog id or its name as the shopper said it.
          quantity: How many to take out ("one less mug": 1), 1 to 999; when the line holds
            no more than that, or this is omitted, the whole line goes.
          for_whom: Whose units to take out when they were added as someone's gift ("take my
            cousin's out"): only theirs go (all of theirs when `quantity` is omitted), and
            the rest of the line stays. Omit otherwise.
        """
        services = await self._provider.get()
        item = await _resolve_held(services, tool_context.user_id, product)
        whose: dict[str, str] = {}
        if for_whom and for_whom.strip():
            line = gift_marks(tool_context.state).get(item.id) or {}
            person = marked_person(line, for_whom)
            if person is None:
                raise NotFoundError(
                    f"No {item.name} in your cart is marked for {for_whom.strip()}.",
                    product_id=item.id,
                )
            quantity = min(quantity or line[person], line[person])
            whose = {"for_whom": person}
        if quantity is not None:
            if not 1 <= quantity <= 999:
                raise BadRequestError("Take out between 1 and 999.", quantity=quantity)
            # read, not remembered: the count taken from must be the cart's own
            now = count_in(await services.boutique.cart.get_cart(tool_context.user_id), item.id)
            if now > quantity:
                cart = await services.boutique.cart.set_quantity(
                    tool_context.user_id, item.id, now - quantity
                )
                record_line_change(tool_context, item, now, now - quantity)
                if whose:  # their units are out (only once the cart has changed)
                    unmark_gift(tool_context.state, item.id, whose["for_whom"], quantity)
                st.remember_focus(tool_context.state, item, removed_quantity=quantity)
                return await self.cart_result(
                    services,
                    cart,
                    tool_context,
                    action="quantity_set",
                    product={"id": item.id, "name": item.name},
                    quantity=now - quantity,
                    removed=quantity,
                    **whose,
                )
        held = _held_quantity(tool_context.state, item.id)
        before = await _held_before(services, tool_context, item.id)
        try:
            cart = await services.boutique.cart.remove_item(tool_context.user_id, item.id)
        except NotFoundError:
            raise NotFoundError(f"{item.name} is not in your cart.", product_id=item.id) from None
        record_line_change(tool_context, item, before, 0)
        # "actually, put them back": it, as many as there were
        st.remember_focus(tool_context.state, item, removed_quantity=held)
        st.remember_removed(tool_context.state, item, held)  # "... what I took out earlier"
        return await self.cart_result(
            services,
            cart,
            tool_context,
            action="removed",
            product={"id": item.id, "name": item.name},
            **whose,
        )

    @tool_result
    @in_call_order
    async def set_cart_quantity(
        self, product: str, quantity: int, tool_context: ToolContext
    ) -> dict[str, Any]:
        """Set how many of a product the cart holds (0 removes the line).

        Args:
          product: The product's catalog id or its name as the shopper said it.
          quantity: The new quantity, 0 to 999.
        """
        services = await self._provider.get()
        item = await _resolve_held(services, tool_context.user_id, product)
        before = _held_quantity(tool_context.state, item.id)
        was = await _held_before(services, tool_context, item.id)
        cart = await services.boutique.cart.set_quantity(tool_context.user_id, item.id, quantity)
        record_line_change(tool_context, item, was, count_in(cart, item.id))
        st.remember_focus(tool_context.state, item)
        if before is not None and before != quantity:  # "how many did I have before?"
            st.remember_quantity_change(tool_context.state, item, int(before), quantity)
        return await self.cart_result(
            services,
            cart,
            tool_context,
            action="quantity_set",
            product={"id": item.id, "name": item.name},
            quantity=quantity,
        )

    @tool_result
    @in_call_order
    async def quote_cart(
        self, products: list[str], changes: list[int], tool_context: ToolContext
    ) -> dict[str, Any]:
        """What the cart would come to after some changes, without making them ("what would
        it come to with two more jars?", "how much with one less tank top?").

        Args:
          products: The products changed, by catalog id or as the shopper said them.
          changes: For each product, how many more (positive) or fewer (negative); a line
            never goes below zero, so -999 means "without it".
        """
        if len(products) != len(changes) or not products:
            raise BadRequestError("Give one change for each product, at least one.")
        services = await self._provider.get()
        cart = await services.boutique.cart.get_cart(tool_context.user_id)
        counts = {item.product_id: item.quantity for item in cart.items}
        applied = []
        for said, change in zip(products, changes, strict=True):
            item = await _resolve_held(services, tool_context.user_id, said)
            before = counts.get(item.id, 0)
            counts[item.id] = max(0, before + change)
            applied.append(
                {"product": {"id": item.id, "name": item.name}, "change": counts[item.id] - before}
            )
            if len(products) == 1:  # "ok, get me two of them then": the one supposed
                st.remember_focus(tool_context.state, item)
        currency = st.display_currency(tool_context.state)
        cart = _in_added_order(cart, tool_context.state)
        now = await present_cart(services, cart, currency)
        quoted = Cart(cart.user_id, tuple(CartItem(pid, n) for pid, n in counts.items() if n > 0))
        return {
            "status": "ok",
            "action": "quoted",
            "changes": applied,
            "current_total": now["total"],
            "display_current_total": now["display_total"],
            "cart": await present_cart(services, quoted, currency),
        }

    @tool_result
    @in_call_order
    async def empty_cart(self, tool_context: ToolContext) -> dict[str, Any]:
        """Remove everything from the shopper's cart."""
        services = await self._provider.get()
        before = await services.boutique.cart.get_cart(tool_context.user_id)
        await services.boutique.cart.empty_cart(tool_context.user_id)
        cart = await services.boutique.cart.get_cart(tool_context.user_id)
        # "nooo, put it all back": what went, line by line (names as the cart showed them)
        names = {line["id"]: line["name"] for line in tool_context.state.get(st.CART_LINES) or []}
        tool_context.state[st.EMPTIED] = [
            {"id": i.product_id, "name": names.get(i.product_id, ""), "quantity": i.quantity}
            for i in before.items
        ]
        for i in before.items:
            st.remember_change(
                tool_context.state,
                tool_context.invocation_id,
                line={"id": i.product_id, "name": names.get(i.product_id, ""),
                      "before": i.quantity, "after": 0},
            )  # fmt: skip
        return await self.cart_result(services, cart, tool_context, action="emptied")

    @tool_result
    @in_call_order
    async def check_cart_coherence(self, tool_context: ToolContext) -> dict[str, Any]:
        """Does the shopper's cart go together as an outfit? A score from 0 to 1, what clashes
        (colours, styles, formality), what is missing (e.g. footwear) and products that would
        complete it.
        """
        services = await self._provider.get()
        cart = await services.boutique.cart.get_cart(tool_context.user_id)
        index = await services.catalog_index()
        by_id = {p.id: p for p in index.products}
        products = [by_id[i.product_id] for i in cart.items if i.product_id in by_id]
        if not products:
            return {
                "status": "ok",
                "items": [],
                "suggestions": [],
                "message": "The cart is empty, so there is nothing to judge yet.",
            }
        traits = await catalog_traits(services)
        verdict = coherence([Piece(p, traits.of(p)) for p in products])
        # Complements that fill a missing outfit slot come first.
        complements = [m.product for m in index.complements([p.id for p in products], limit=9)]
        complements.sort(key=lambda p: slot_of(p) not in verdict.missing)
        picks = complements[:3]
        st.remember_products(tool_context.state, picks)
        display = st.display_currency(tool_context.state)
        return {
            "status": "ok",
            "items": [p.name for p in products],
            **verdict.to_dict(),
            "suggestions": await present_products(services, picks, display),
        }
