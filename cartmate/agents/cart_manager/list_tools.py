"""Shopping-list tools: the shopper's own list, the cart compared with it, the cart made to match.

"Here's my list: 2 mugs, a jar, the sunglasses. What's missing from my cart?" notes the list
(`note_shopping_list`) and answers from the comparison it returns; "is everything on my list
in there?" compares again (`compare_with_list`); "add whatever's missing" and "make my cart
match my list" change the cart (`match_cart_to_list`); "cross the jar off my list" changes
the list only (`cross_off_list`). The list lives in the session (see
`agent_runtime.shopping_list`), so any replica serving the shopper has it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from google.adk.tools.tool_context import ToolContext

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.call_order import in_call_order
from cartmate.agent_runtime.presenters import present_cart
from cartmate.agent_runtime.resolution import (
    AmbiguousProductError,
    UnknownProductError,
    resolve_product,
)
from cartmate.agent_runtime.results import tool_result
from cartmate.agent_runtime.services import AgentServices
from cartmate.agent_runtime.shopping_list import (
    compare_with_cart,
    list_lines,
    not_carried,
    save_list,
)
from cartmate.agents.cart_manager.tools import CartTools, count_in, record_line_change
from cartmate.boutique.models import Cart, CartItem, Product
from cartmate.errors import BadRequestError, NotFoundError

__all__ = ["ShoppingListTools"]

_MAX_LINES = 50
#: "the 18.99 one", "$18.99": a list line named by its price
_PRICE = re.compile(r"(?<![\w.])\$?(\d{1,6}(?:\.\d{1,2})?)(?![\w.])")


def _no_list() -> NotFoundError:
    return NotFoundError(
        "There is no shopping list in this conversation yet: tell me what's on it, for "
        'example "my list: 2 mugs, a jar, the sunglasses".'
    )


class ShoppingListTools:
    """The cart manager's list tools, on the same services and cart bookkeeping as its
    cart tools (`CartTools`)."""

    def __init__(self, cart_tools: CartTools) -> None:
        self._cart = cart_tools

    async def _compared(
        self,
        services: AgentServices,
        tool_context: ToolContext,
        cart: Cart,
        about: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        result = await self._cart.cart_result(services, cart, tool_context, **extra)
        lines = list_lines(tool_context.state)
        # what the list itself would cost ("how much would my whole list be in euros?")
        priced = await present_cart(
            services,
            Cart(cart.user_id, tuple(CartItem(x["id"], x["quantity"]) for x in lines)),
            st.display_currency(tool_context.state),
        )
        compared = compare_with_cart(lines, result["cart"]["items"])
        if about is not None:  # what was asked about becomes "those": "add one of them"
            await self._remember(services, tool_context, compared, about, lines)
        return {
            **result,
            "list": [
                {"product": {"id": x["id"], "name": x["name"]}, "quantity": x["quantity"]}
                for x in lines
            ],
            "not_carried": not_carried(tool_context.state),
            "list_total": priced["total"],
            "display_list_total": priced["display_total"],
            **compared,
        }

    async def _saved(
        self,
        services: AgentServices,
        tool_context: ToolContext,
        lines: list[dict[str, Any]],
        **extra: Any,
    ) -> dict[str, Any]:
        """The list with its lines changed (those at zero gone), kept, and compared again."""
        save_list(
            tool_context.state,
            [x for x in lines if x["quantity"] > 0],
            not_carried(tool_context.state),
        )
        cart = await services.boutique.cart.get_cart(tool_context.user_id)
        return await self._compared(services, tool_context, cart, **extra)

    async def _remember(
        self,
        services: AgentServices,
        tool_context: ToolContext,
        compared: dict[str, Any],
        about: str,
        lines: list[dict[str, Any]],
    ) -> None:
        side = compared["extra"] if about == "extra" else compared["missing"]
        ids = [x["product"]["id"] for x in side] or [x["id"] for x in lines]
        by_id = {p.id: p for p in (await services.catalog_index()).products}
        st.remember_products(tool_context.state, [by_id[i] for i in ids if i in by_id])

    @tool_result
    @in_call_order
    async def note_shopping_list(
        self,
        products: list[str],
        tool_context: ToolContext,
        quantities: list[int] | None = None,
        about: str | None = None,
    ) -> dict[str, Any]:
        """Keep the shopper's own shopping list (it replaces any list given before) and
        compare the cart with it: what is missing from the cart, what the cart holds beyond
        the list, and what the shop does not sell. Changes nothing in the cart.

        Args:
          products: The list's products as the shopper wrote them ("mugs", "the salt and
            pepper thing") or by catalog id, in the list's order.
          quantities: How many of each the list says, in the same order (default 1 each).
          about: What the shopper asked of it: "missing" (what the cart lacks) or "extra"
            (what the cart holds beyond the list); those products become "those" for the
            next request. Omitted, the list's products do.
        """
        counts = list(quantities or [])
        if counts and len(counts) != len(products):
            raise BadRequestError("Give one quantity for each product, or none.")
        if not products or len(products) > _MAX_LINES:
            raise BadRequestError(f"A list holds 1 to {_MAX_LINES} products.")
        services = await self._cart.provider.get()
        lines: dict[str, dict[str, Any]] = {}
        unsold: list[str] = []
        unclear: list[dict[str, Any]] = []
        resolved: list[Product] = []
        for n, said in enumerate(products):
            count = counts[n] if counts else 1
            if not 1 <= count <= 999:
                raise BadRequestError("A list line asks for 1 to 999.", quantity=count)
            try:
                item = await resolve_product(services, said)
            except UnknownProductError:
                unsold.append(said.strip())
                continue
            except AmbiguousProductError as exc:
                unclear.append({"said": said, "candidates": exc.details.get("candidates", [])})
                continue
            if item.id in lines:  # "a mug, ..., and another mug": one line of two
                lines[item.id]["quantity"] += count
            else:
                lines[item.id] = {
                    "id": item.id,
                    "name": item.name,
                    "quantity": count,
                    "price_usd_nanos": item.price_usd.total_nanos,  # "the 18.99 one"
                    "categories": list(item.categories),  # "the kitchen thing on my list"
                }
                resolved.append(item)
        save_list(tool_context.state, list(lines.values()), unsold)
        # the list's products are "those": "the kitchen thing from my list", "the 18.99 one"
        st.remember_products(tool_context.state, resolved)
        cart = await services.boutique.cart.get_cart(tool_context.user_id)
        return await self._compared(
            services,
            tool_context,
            cart,
            about,
            action="list_noted",
            **({"unclear": unclear} if unclear else {}),
        )

    @tool_result
    @in_call_order
    async def compare_with_list(
        self, tool_context: ToolContext, about: str | None = None
    ) -> dict[str, Any]:
        """Compare the cart with the shopper's shopping list (given earlier with
        note_shopping_list): what is missing, what is extra, whether it all matches, and
        what the list itself costs. Changes nothing.

        Args:
          about: What the shopper asked: "missing" or "extra"; those products become
            "those" for the next request ("add one of them", "get rid of those").
        """
        if not list_lines(tool_context.state) and not not_carried(tool_context.state):
            raise _no_list()
        services = await self._cart.provider.get()
        cart = await services.boutique.cart.get_cart(tool_context.user_id)
        return await self._compared(services, tool_context, cart, about, action="list_compared")

    async def _on_list(
        self, services: AgentServices, tool_context: ToolContext, said: str
    ) -> dict[str, Any]:
        """The list line `said` means: by price ("the 18.99 one"), else by name or id."""
        lines = list_lines(tool_context.state)
        priced = _PRICE.search(said)
        if priced is not None:
            amount = Decimal(priced.group(1))
            index = await services.catalog_index()
            by_id = {p.id: p for p in index.products}
            at = [
                x
                for x in lines
                if x["id"] in by_id and by_id[x["id"]].price_usd.to_decimal() == amount
            ]
            if len(at) == 1:
                return at[0]
            if len(at) > 1:
                raise AmbiguousProductError(
                    f"{said!r} could mean " + " or ".join(x["name"] for x in at) + ".",
                    reference=said,
                    candidates=[{"id": x["id"], "name": x["name"]} for x in at],
                )
        item = await resolve_product(services, said, prefer={x["id"] for x in lines})
        line = next((x for x in lines if x["id"] == item.id), None)
        if line is None:
            raise NotFoundError(f"{item.name} is not on your list.", product_id=item.id)
        return line

    @tool_result
    @in_call_order
    async def cross_off_list(
        self, product: str, tool_context: ToolContext, quantity: int | None = None
    ) -> dict[str, Any]:
        """Take a product off the shopper's shopping list (the cart stays as it is).

        Args:
          product: The list's product as the shopper said it ("the jar", "the 18.99 one")
            or its catalog id.
          quantity: How many fewer the list asks for; omitted, the whole line goes.
        """
        if not list_lines(tool_context.state):
            raise _no_list()
        services = await self._cart.provider.get()
        line = await self._on_list(services, tool_context, product)
        lines = list_lines(tool_context.state)
        for kept in lines:
            if kept["id"] == line["id"]:
                kept["quantity"] -= min(quantity or kept["quantity"], kept["quantity"])
        return await self._saved(
            services,
            tool_context,
            lines,
            action="list_crossed_off",
            product={"id": line["id"], "name": line["name"]},
        )

    @tool_result
    @in_call_order
    async def set_list_quantity(
        self, product: str, quantity: int, tool_context: ToolContext
    ) -> dict[str, Any]:
        """Change how many of a product the shopper's shopping list asks for ("make it 4 mugs
        on the list", "change the jars on my list to 5"); 0 takes it off, a product not on
        the list is put on it. The cart stays as it is.

        Args:
          product: The product as the shopper said it or its catalog id.
          quantity: The list's new count, 0 to 999.
        """
        if not 0 <= quantity <= 999:
            raise BadRequestError("A list line asks for 0 to 999.", quantity=quantity)
        if not list_lines(tool_context.state) and not not_carried(tool_context.state):
            raise _no_list()
        services = await self._cart.provider.get()
        lines = list_lines(tool_context.state)
        item = await resolve_product(services, product, prefer={x["id"] for x in lines})
        if not any(x["id"] == item.id for x in lines):
            lines.append({"id": item.id, "name": item.name, "quantity": 0,
                          "price_usd_nanos": item.price_usd.total_nanos,
                          "categories": list(item.categories)})  # fmt: skip
        for line in lines:
            if line["id"] == item.id:
                line["quantity"] = quantity
        return await self._saved(
            services,
            tool_context,
            lines,
            action="list_changed",
            product={"id": item.id, "name": item.name},
            quantity=quantity,
        )

    @tool_result
    @in_call_order
    async def match_cart_to_list(
        self,
        tool_context: ToolContext,
        only_missing: bool = False,
        products: list[str] | None = None,
        keep: list[str] | None = None,
    ) -> dict[str, Any]:
        """Change the cart so it holds what the shopper's shopping list says: add what is
        missing and, unless `only_missing`, take out what the list does not ask for.

        Args:
          only_missing: Only add what is missing ("add whatever's missing"); nothing is
            taken out.
          products: Only these products ("the jars too, as many as the list says"), as
            said or by id. Omit for the whole list and cart.
          keep: Products to leave as they are in the cart ("but leave the hairdryers
            alone"), as said or by id.
        """
        lines = list_lines(tool_context.state)
        if not lines and not not_carried(tool_context.state):
            raise _no_list()
        services = await self._cart.provider.get()
        user = tool_context.user_id
        listed = {x["id"] for x in lines}
        scope = {(await resolve_product(services, p, prefer=listed)).id for p in products or []}
        kept = {(await resolve_product(services, p, prefer=listed)).id for p in keep or []}
        cart = await services.boutique.cart.get_cart(user)
        changed: list[dict[str, Any]] = []
        index = await services.catalog_index()
        by_id = {p.id: p for p in index.products}

        def counts(c: Cart) -> dict[str, int]:
            return {i.product_id: i.quantity for i in c.items}

        wanted = {x["id"]: x["quantity"] for x in lines}
        for line in lines:
            pid = line["id"]
            have = counts(cart).get(pid, 0)
            if (scope and pid not in scope) or pid in kept or have >= line["quantity"]:
                continue
            more = line["quantity"] - have
            cart = await services.boutique.cart.add_item(user, pid, more)
            item = by_id.get(pid)
            if item is not None:
                record_line_change(tool_context, item, have, count_in(cart, pid))
                st.remember_added(tool_context.state, item, more, tool_context.invocation_id)
            changed.append({"product": {"id": pid, "name": line["name"]}, "change": more})
        if not only_missing:
            for pid, have in counts(cart).items():
                target = wanted.get(pid, 0)
                if (scope and pid not in scope) or pid in kept or have <= target:
                    continue
                if target:
                    cart = await services.boutique.cart.set_quantity(user, pid, target)
                else:
                    cart = await services.boutique.cart.remove_item(user, pid)
                item = by_id.get(pid)
                if item is not None:
                    record_line_change(tool_context, item, have, target)
                    if not target:
                        st.remember_removed(tool_context.state, item, have)
                name = item.name if item is not None else pid
                changed.append({"product": {"id": pid, "name": name}, "change": target - have})
        return await self._compared(
            services, tool_context, cart, action="list_matched", changes=changed
        )
