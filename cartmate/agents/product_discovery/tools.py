"""Discovery tools: CartMate ranks the whole catalog itself; prices filter after conversion."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from google.adk.tools.tool_context import ToolContext

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.amounts import parse_amount
from cartmate.agent_runtime.budget import budget_for
from cartmate.agent_runtime.presenters import present_products
from cartmate.agent_runtime.resolution import (
    AmbiguousProductError,
    UnknownProductError,
    resolve_product,
)
from cartmate.agent_runtime.results import tool_result
from cartmate.agent_runtime.services import AgentServices, ServiceProvider
from cartmate.boutique.models import Product
from cartmate.discovery.ranking import ScoredProduct
from cartmate.errors import BadRequestError, CartMateError, NotFoundError
from cartmate.money import Money
from cartmate.style.affinity import product_affinity
from cartmate.style.bundles import BundleItem, optimise_bundle
from cartmate.style.catalog_traits import catalog_traits
from cartmate.style.coherence import Piece, slot_of
from cartmate.style.profile import StyleProfile

__all__ = ["DiscoveryTools"]

# How much style can reorder results: enough to decide among close matches, never enough to
# put an irrelevant product above a relevant one.
_STYLE_WEIGHT = 0.3

_MAX_RESULTS = 20


# The products this turn looked at (ADK's temp: state lives for one invocation).
_DETAILED = "temp:cartmate_detailed"


async def _within(
    services: AgentServices,
    products: list[Product],
    high: Money | None,
    low: Money | None,
    currency: str,
) -> list[Product]:
    """The products whose price, in `currency`, is within the limits (None: no limit)."""
    if high is None and low is None:
        return products
    prices = await services.boutique.currency.convert_many(
        [p.price_usd for p in products], currency
    )
    return [
        p
        for p, price in zip(products, prices, strict=True)
        if (high is None or price <= high) and (low is None or price >= low)
    ]


class DiscoveryTools:
    """The product discovery agent's tools, bound to the process's services."""

    def __init__(self, provider: ServiceProvider) -> None:
        self._provider = provider

    @tool_result
    async def search_products(
        self,
        tool_context: ToolContext,
        query: str = "",
        category: str | None = None,
        max_price: str | None = None,
        min_price: str | None = None,
        price_currency: str | None = None,
        sort: str | None = None,
        exclude: list[str] | None = None,
        limit: int | None = None,
        among: list[str] | None = None,
        for_shopper: bool = False,
        recipient_likes: list[str] | None = None,
        recipient_dislikes: list[str] | None = None,
        without: list[str] | None = None,
    ) -> dict[str, Any]:
        """Search the whole catalog, best matches first, prices in the shopper's currency.

        Understands synonyms ("shades" finds sunglasses, "kitchen" the kitchen category),
        colours and materials in descriptions, and small typos.

        Args:
          query: What the shopper is looking for, e.g. "sunglasses" or "black shoes". Empty
            lists everything (optionally within `category`).
          category: Only products in this category, e.g. "kitchen" or "accessories".
          max_price: Upper price limit as a decimal string, e.g. "25".
          min_price: Lower price limit as a decimal string.
          price_currency: ISO code the limits are in, e.g. "USD" or "EUR". Defaults to the
            shopper's display currency.
          sort: "price_asc" (cheapest first), "price_desc", or empty for relevance.
          exclude: Products to leave out (ids or names), e.g. those just shown when the
            shopper asks for "something else", or "not the mug".
          limit: Show at most this many (1 to 20), e.g. 1 for "what's the cheapest thing you
            have?". Defaults to 20.
          among: Only rank these products (ids or names), e.g. the two just compared when the
            shopper asks "which would make a better housewarming gift?": the best match
            first (all of them, `relaxed`, when the words match none).
          for_shopper: True when the shopper asks for picks for themselves ("what would you
            recommend for me?"): what their style profile says they dislike (a colour, a
            material, a category) is left out instead of ranked last, unless nothing else
            would be left.
          recipient_likes: For a gift, what the person it is for likes, as the shopper said
            ("he's really into black" -> ["black"]). With `recipient_dislikes`, these rank the
            search instead of the shopper's own profile (and are never saved to it); what the
            recipient dislikes is left out unless nothing else would be left.
          recipient_dislikes: For a gift, what the person it is for dislikes ("hates
            anything silver" -> ["silver"]).
          without: Colours, materials or categories to leave out of this search, as the
            shopper rules them out ("under 20 that isn't black" -> ["black"], "anything but
            kitchen stuff" -> ["kitchen"]); every product that matches one is left out.
        """
        services = await self._provider.get()
        display = st.display_currency(tool_context.state)
        limit_currency = (price_currency or display).strip().upper()
        if max_price or min_price:  # only price limits need the currency service here
            limit_currency = await services.boutique.currency.check(limit_currency)
        high = parse_amount(max_price, limit_currency, "max_price")
        low = parse_amount(min_price, limit_currency, "min_price")
        if sort not in (None, "", "price_asc", "price_desc", "relevance"):
            raise BadRequestError("sort must be price_asc, price_desc or relevance.")
        if limit is not None and not 1 <= limit <= _MAX_RESULTS:
            raise BadRequestError(f"limit must be between 1 and {_MAX_RESULTS}.")
        index = await services.catalog_index()
        if category and index.match_category(category) is None:
            raise NotFoundError(
                f"There is no {category!r} category. Categories: {', '.join(index.categories())}."
            )
        scored = index.search(query or "", category=category, precise=True)
        relaxed = False
        if not scored and query and (high is not None or low is not None):
            # "a gift for my mom under $30": no product matches the words, but the budget is
            # clear, so show what fits it rather than nothing.
            scored, relaxed = index.search("", category=category), True
        if among:
            # ids or names ("candle holder"), resolved as every product argument is
            named = [(await resolve_product(services, ref)).id for ref in among]
            wanted = set(named)
            kept = [m for m in scored if m.product.id in wanted]
            if not kept:
                kept = [m for m in index.search("", category=category) if m.product.id in wanted]
                relaxed = True
            scored = kept
        recipient = None
        if recipient_likes or recipient_dislikes:
            recipient = StyleProfile(user_id="recipient")
            recipient.record_statement(recipient_likes or (), recipient_dislikes or ())
            for_shopper = True  # picks for them: leave out what they dislike
        ranked_by_style, unwanted, disliked, never = await self._style_order(
            services, tool_context.user_id, scored, recipient
        )
        why = ranked_by_style or {}
        left_out = await _ids_of(services, exclude or [])
        for trait in without or []:  # "that isn't black": whatever matches it, by the index
            left_out |= {m.product.id for m in index.search(trait, precise=True)}
            if (named_category := index.match_category(trait)) is not None:
                left_out |= {p.id for p in index.products if named_category in p.categories}
        # Browsing ("what's nice under $20?"): not what the shopper said they don't want ("no
        # more kitchen stuff"); asked for by name or category, it is shown.
        browsing = not (query or category or among) and len(unwanted) < len(scored)
        hidden = unwanted if browsing else set()
        if for_shopper and len(disliked | hidden) < len(scored):
            hidden |= disliked  # picks for them: nothing in a colour they can't stand
        said = set((query or "").lower().split())
        kept_out = {pid for pid, words in never.items() if not words & said}
        if not among and len(kept_out | hidden) < len(scored):
            # "never show me gold things": not in a browse or a category list either (asked
            # for by that very word, "gold watches", it is shown)
            hidden |= kept_out
        matches = [m.product for m in scored if m.product.id not in left_out | hidden]
        matches = await _within(services, matches, high, low, limit_currency)
        if sort in ("price_asc", "price_desc"):
            matches.sort(key=lambda p: p.price_usd.total_nanos, reverse=sort == "price_desc")
        shown = matches[: limit or _MAX_RESULTS]
        if among and matches:
            # "which makes a better gift?" ranks those being weighed: all of them stay
            # "those" ("I'll get both"), the best fit first and in focus
            rest = [p for p in index.products if p.id in wanted and p not in matches]
            st.remember_products(tool_context.state, [*matches, *rest])
            st.remember_focus(tool_context.state, matches[0])
            if len(wanted) > 1:  # "the second of the two you compared": as the shopper named them
                st.remember_weighed(tool_context.state, list(dict.fromkeys(named)))
        elif shown:  # an empty search leaves what was shown before ("the first one")
            about = " ".join(w for w in (query, category) if w)
            st.remember_products(tool_context.state, shown, new_topic=True, about=about)
            fitting = [p for p in shown if not (why.get(p.id) or "clashes").startswith("clashes")]
            if (for_shopper or recipient) and [p.id for p in fitting] == [shown[0].id]:
                # "what would you recommend for me?": the one pick that fits the taste comes
                # first, named with why, so "is it real silver?" and "I'll take two" are about
                # it (several that fit, as after a photo of a black outfit: which one?)
                st.remember_focus(tool_context.state, shown[0])
            tool_context.state[st.LAST_SEARCH] = {
                "query": query or "",
                "category": category,
                "sort": sort or None,
                "max_price": max_price,
                "min_price": min_price,
                "price_currency": limit_currency if (max_price or min_price) else None,
                # what the search was measured from ("the one just below it in price"), so
                # "add it, and the one just below it" can still add "it"
                "excluded": sorted(left_out) if exclude else [],
            }
        # With a budget: what the cart leaves of it, and which of these fit in that
        budget = await budget_for(services, tool_context.user_id, tool_context.state, shown)
        return {
            "status": "ok",
            "query": query,
            **({"budget": budget} if budget else {}),
            "filters": {
                "category": category,
                "max_price": max_price,
                "min_price": min_price,
                "price_currency": limit_currency if (high or low) else None,
                "sort": sort,
                "excluded": len(left_out),
                "not_wanted": len(hidden),  # what the shopper's (or recipient's) taste rules out
                "for_recipient": recipient is not None,  # ranked by a gift recipient's taste
                "among": len(wanted) if among else None,
            },
            "total_matches": len(matches),
            "relaxed": relaxed,  # the words matched nothing; only the filters applied
            # words no product matches ("nike" in "nike shoes"): what is shown is not that
            "unmatched": index.unmatched(query) if query and scored and not among else [],
            # words the products shown only mention ("bag": the Hairdryer fits in a gym bag):
            # asked for as things, the shop has none; as a use ("for the beach"), they fit
            "mentioned_only": (
                index.mentioned_only(query, [p.id for p in shown]) if query and not among else []
            ),
            "catalog_stale": services.boutique.catalog.stale,
            "currency": display,
            "products": [
                {
                    **shown_product,
                    **({"why": why[shown_product["id"]]} if why.get(shown_product["id"]) else {}),
                }
                for shown_product in await present_products(services, shown, display)
            ],
            "styled": ranked_by_style is not None,  # the shopper's profile ordered them
        }

    async def _style_order(
        self,
        services: AgentServices,
        user_id: str,
        scored: list[ScoredProduct],
        recipient: StyleProfile | None = None,
    ) -> tuple[dict[str, str] | None, set[str], set[str], dict[str, set[str]]]:
        """Re-rank by relevance plus style affinity (in place), by the shopper's profile or,
        for a gift, the `recipient`'s tastes; returns why each one fits (those with a
        reason), or None when no profile ranked them, the ids of those in a category the
        profile rules out, of those it scores below neutral (a disliked colour or
        material), and of those with something the shopper never wants shown."""
        profile = recipient
        if profile is None:
            try:
                profile = await services.profiles.get(user_id)
            except CartMateError:
                return None, set(), set(), {}  # no profile store: plain relevance
        if profile.is_empty() or not scored:
            return None, set(), set(), {}
        best = max(m.score for m in scored) or 1.0
        # Photo colours and aesthetics per catalog version (cached); text-only on failure.
        traits = await catalog_traits(services)
        fits = {
            m.product.id: product_affinity(profile, m.product, traits.of(m.product)) for m in scored
        }
        scored.sort(key=lambda m: -(m.score / best + _STYLE_WEIGHT * fits[m.product.id].score))
        unwanted = {pid for pid, fit in fits.items() if fit.ruled_out}
        disliked = {pid for pid, fit in fits.items() if fit.score < 0}
        never = {pid: set(fit.clashes) & set(profile.never) for pid, fit in fits.items()}
        never = {pid: words for pid, words in never.items() if words}
        whose = "your" if recipient is None else "their"
        why = {pid: fit.why_for(whose) for pid, fit in fits.items()}
        return {pid: text for pid, text in why.items() if text}, unwanted, disliked, never

    @tool_result
    async def get_product_details(self, product: str, tool_context: ToolContext) -> dict[str, Any]:
        """Everything about one product: description, categories, price and availability.

        Args:
          product: The product's catalog id or its name as the shopper said it.
        """
        services = await self._provider.get()
        item = await resolve_product(services, product)
        try:  # available means the catalog serves it right now
            item = await services.boutique.catalog.get_product(item.id)
            available = True
        except NotFoundError:
            available = False
        by_id = {p.id: p for p in (await services.catalog_index()).products}
        # No await from here to the end of the state changes: the calls of one response run
        # concurrently, and each must see the others' products.
        st.remember_focus(tool_context.state, item)
        st.remember_asked_about(tool_context.state, item)
        shown_before = {p.get("id") for p in tool_context.state.get(st.RECENT_PRODUCTS) or []}
        earlier = [i for i in tool_context.state.get(_DETAILED) or [] if i != item.id]
        if item.id not in shown_before or earlier:
            # A product from outside the list becomes "those"; one of the list leaves it as it
            # was, so "what about the second one?" still counts in the list. Several looked
            # at in one turn ("the difference between the mug and the jar") are "both", and
            # neither is "it" ("make it three" then asks which).
            together = [by_id[i] for i in dict.fromkeys(earlier) if i in by_id]
            st.remember_products(tool_context.state, [*together, item])
            if together:
                tool_context.state[st.FOCUS_PRODUCT] = None
                st.remember_weighed(tool_context.state, [*(p.id for p in together), item.id])
            else:
                st.remember_focus(tool_context.state, item)
        tool_context.state[_DETAILED] = [*earlier, item.id]
        display = st.display_currency(tool_context.state)
        (shown,) = await present_products(services, [item], display)
        budget = await budget_for(services, tool_context.user_id, tool_context.state, [item])
        return {
            "status": "ok",
            "product": shown,
            "available": available,
            **({"budget": budget} if budget else {}),
        }

    @tool_result
    async def list_categories(self, tool_context: ToolContext) -> dict[str, Any]:
        """The catalog's categories, with how many products each holds."""
        del tool_context
        services = await self._provider.get()
        index = await services.catalog_index()
        counts = {c: 0 for c in index.categories()}
        for product in index.products:
            for category in product.categories:
                counts[category] = counts.get(category, 0) + 1
        return {
            "status": "ok",
            "categories": [{"name": name, "count": count} for name, count in counts.items()],
        }

    @tool_result
    async def suggest_complements(
        self, tool_context: ToolContext, product: str | None = None
    ) -> dict[str, Any]:
        """Products that go well with one product, or with the whole cart when none is given.

        Ranked by the shopper's style profile when there is one; what it rules out (a colour
        they avoid) is left out, unless nothing else would be left (`left_out_for_style`).

        Args:
          product: The product's catalog id or name; empty means the shopper's cart.
        """
        services = await self._provider.get()
        index = await services.catalog_index()
        if product:
            base: list[Product] = [await resolve_product(services, product)]
        else:
            cart = await services.boutique.cart.get_cart(tool_context.user_id)
            by_id = {p.id: p for p in index.products}
            base = [by_id[i.product_id] for i in cart.items if i.product_id in by_id]
        if not base:
            return {
                "status": "ok",
                "for": [],
                "products": [],
                "message": "The cart is empty, so there is nothing to match yet.",
            }
        matches = index.complements([p.id for p in base])
        left_out: list[str] = []
        if matches:  # what the shopper's style rules out goes, unless nothing would be left
            _, unwanted, disliked, _never = await self._style_order(
                services, tool_context.user_id, matches
            )
            kept = [m for m in matches if m.product.id not in unwanted | disliked]
            left_out = [m.product.name for m in matches if kept and m not in kept]
            matches = kept or matches
        picks = [m.product for m in matches]
        if not picks:  # Online Boutique's own recommendations as a second opinion
            ids = await services.boutique.recommendation.list_recommendations(
                tool_context.user_id, [p.id for p in base]
            )
            by_id = {p.id: p for p in index.products}
            picks = [by_id[i] for i in ids if i in by_id][:3]
        st.remember_products(tool_context.state, picks)
        display = st.display_currency(tool_context.state)
        result: dict[str, Any] = {
            "status": "ok",
            "for": [p.name for p in base],
            "products": await present_products(services, picks, display),
        }
        if left_out:
            result["left_out_for_style"] = left_out
        return result

    @tool_result
    async def suggest_bundle(
        self,
        tool_context: ToolContext,
        budget: str,
        price_currency: str | None = None,
        occasion: str | None = None,
    ) -> dict[str, Any]:
        """Put together the most coherent outfit (clothing, footwear, accessories) within a
        budget, matched to the shopper's style profile when there is one.

        Args:
          budget: The most the whole outfit may cost, as a decimal string, e.g. "150".
          price_currency: ISO code of the budget, e.g. "USD" or "EUR". Defaults to the
            shopper's display currency.
          occasion: What it is for, e.g. "work", "weekend", "evening" (optional).
        """
        services = await self._provider.get()
        display = st.display_currency(tool_context.state)
        currency = await services.boutique.currency.check(price_currency or display)
        limit = parse_amount(budget, currency, "budget")
        if limit is None or limit.is_negative():
            raise BadRequestError('Give the budget as an amount, for example "150".')
        index = await services.catalog_index()
        traits = await catalog_traits(services)
        try:
            profile = await services.profiles.get(tool_context.user_id)
        except CartMateError:
            profile = None  # no profile store: coherence alone decides
        pieces = [Piece(p, traits.of(p)) for p in index.products if slot_of(p)]
        prices = await services.boutique.currency.convert_many(
            [p.product.price_usd for p in pieces], currency
        )
        wanted = (occasion or "").strip().lower()
        fits = {
            p.product.id: product_affinity(profile, p.product, p.traits)
            for p in pieces
            if profile is not None and not profile.is_empty()
        }
        items = [
            BundleItem(
                piece=p,
                price_nanos=price.total_nanos,
                affinity=fits[p.product.id].score if p.product.id in fits else 0.0,
                occasion=bool(wanted)
                and (
                    wanted in p.traits.occasions
                    or re.search(rf"\b{re.escape(wanted)}", p.product.description.lower())
                    is not None
                ),
            )
            for p, price in zip(pieces, prices, strict=True)
        ]
        settings = services.settings
        # The exact search is CPU work on small catalogs, bounded work on large ones.
        result = await asyncio.to_thread(
            optimise_bundle,
            items,
            limit.total_nanos,
            exact_max=settings.style_bundle_exact_max,
            max_iterations=settings.style_bundle_max_iterations,
        )
        chosen = [i.piece.product for i in result.items]
        st.remember_products(tool_context.state, chosen)
        shown = await present_products(services, chosen, display)
        for product in shown:
            fit = fits.get(product["id"])
            if fit is not None and fit.why:
                product["why"] = fit.why
        total = Money.from_nanos(currency, result.total_nanos)
        return {
            "status": "ok",
            "budget": {**limit.to_dict(), "display": limit.format()},
            "occasion": occasion,
            "products": shown,
            "total": {**total.to_dict(), "display": total.format()},
            "coherence": result.coherence.to_dict(),
            "method": result.method,
            "styled": bool(fits),
            **({} if chosen else {"message": "Nothing in the catalog fits that budget."}),
        }


async def _ids_of(services: AgentServices, references: list[str]) -> set[str]:
    """The ids of the products named (ids or names); a name that fits none or several
    products leaves nothing out."""
    ids = set()
    for reference in references:
        try:
            ids.add((await resolve_product(services, reference)).id)
        except (UnknownProductError, AmbiguousProductError):
            continue
    return ids
