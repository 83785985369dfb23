"""The offline planner's decisions: from the shopper's intent to the next step of one agent.

Given what the agent sees (`RequestView`) the planner either
- calls this agent's tools (`CallTools`),
- hands the request to the specialist that owns it (`Transfer`), or
- answers in words (`Reply`): after its tools ran, for greetings and help, to ask which
  product is meant, or when nothing fits.
Which agent owns an intent is a fixed table (`decisions.OWNER`); which tool serves it depends on the
tools the agent was actually offered, as it would for a real model.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cartmate.models.offline.answered_questions import answered_which, one_of_several
from cartmate.models.offline.cart_calls import removal_call
from cartmate.models.offline.decisions import (
    OWNER,
    SPECIALIST_NAMES,
    CallTools,
    Decision,
    Reply,
    ToolCall,
    Transfer,
)
from cartmate.models.offline.gifts import recipient_of
from cartmate.models.offline.intent_in_context import recipient_said, request_of
from cartmate.models.offline.list_calls import LIST_KINDS
from cartmate.models.offline.outfits import occasion_in, outfit_request
from cartmate.models.offline.price_searches import price_search, single_pick
from cartmate.models.offline.reading import passing_currency, thread_currency
from cartmate.models.offline.recall import told_from_state
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.search_calls import alternatives_in_category, settled_by_focus
from cartmate.models.offline.specialist_calls import for_someone
from cartmate.models.offline.targets import Target, meant_what_was_added
from cartmate.models.offline.undo import NOTHING_TO_UNDO, undo_request, undone_intent
from cartmate.models.offline.waiting_requests import (
    checked_first,
    condition_checks,
    settled_condition,
    verdict_sentence,
    waiting_request,
)
from cartmate.models.offline.wording import join_or as _join_or
from cartmate.planner import Intent
from cartmate.planner.analysis import prepare_tokens
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.money_phrases import extract_money

__all__ = ["decide", "follow_up"]


_LOOKS = frozenset({"get_product_details", "view_cart", "list_price_alerts", "search_products"})


def _bound_currency(intent: Intent) -> str | None:
    """ "does that come to more than twenty pounds?": the total, in the pounds it is weighed
    against."""
    waiting = next((x.condition for x in (intent, *intent.secondary) if x.condition), None)
    if waiting is not None and waiting.amount is not None:
        # "only add the hairdryer if it's cheaper than 30 euros": checked in euros
        return waiting.amount.currency
    if intent.kind not in {"view_cart", "product_info"}:
        return None
    bound = intent.min_price or intent.max_price
    return bound.currency if bound is not None else None


def _outfit_decision(view: RequestView, intent: Intent) -> Decision | None:
    """Bundles and coherence checks ("an outfit under $150", "does my cart go together?")."""
    request = outfit_request(view.user_text)
    if request is None or view.images:
        return None
    owner = "product_discovery" if request == "bundle" else "cart_manager"
    if view.transfer_targets:
        if owner in view.transfer_targets:
            return Transfer(owner, note=f"Asking {SPECIALIST_NAMES[owner]}.")
        return None
    if request == "coherence" and "check_cart_coherence" in view.tools:
        return CallTools((ToolCall("check_cart_coherence", {}),))
    if request == "bundle" and "suggest_bundle" in view.tools:
        budget = intent.max_price or intent.price
        if budget is None:
            # "I've got 100 euros. can you put together an outfit for the weekend?": the
            # budget said in another sentence of the message
            said = extract_money(prepare_tokens(view.user_text))
            budget = said.max_price or said.price
        if budget is None:
            return Reply('What\'s your budget for the outfit? For example "under $150".')
        args: dict[str, Any] = {"budget": str(budget.amount)}
        if budget.currency:
            args["price_currency"] = budget.currency
        occasion = occasion_in(view.user_text)
        if occasion:
            args["occasion"] = occasion
        return CallTools((ToolCall("suggest_bundle", args),))
    return None


def decide(view: RequestView, intent: Intent) -> Decision:
    """The next step for this agent, before any of its tools ran this turn."""
    told = told_from_state(view)
    if told is not None:  # "what did you just change?", "just the names please"
        return Reply(told)
    which = one_of_several(view, intent)
    if which is not None:
        return which
    undo = undo_request(view)
    if undo is not None and (undo[1] is None or undone_intent(undo[1]) is None):
        return Reply(NOTHING_TO_UNDO)  # "undo that" with nothing changed yet
    if undo is not None and undo[0] == "ask":  # "put it back" after two lines went
        names = [line["name"] or line["id"] for line in undo[1]["lines"]]
        return Reply(f"Which one should I put back: {_join_or(names)}?")
    # "here's my list: ... what's missing from my cart?": the shopper's list, not an outfit
    outfit = None if intent.kind in LIST_KINDS else _outfit_decision(view, intent)
    if outfit is not None:
        return outfit
    owner = OWNER.get(intent.kind)
    if view.transfer_targets:  # the orchestrator (or any agent with specialists below it)
        budget = request_of(intent, "set_budget")
        if budget is not None and "set_budget" in view.tools:
            # "I've got 20 dollars. What can I get?": kept to first, then the search
            said = budget.max_price or budget.price
            args = {"amount": str(said.amount), "currency": said.currency} if said else {}
            return CallTools((ToolCall("set_budget", {k: v for k, v in args.items() if v}),))
        switch = request_of(intent, "set_currency")
        if (
            switch is not None
            and "set_display_currency" in view.tools
            and (switch is intent or switch.currency != view.state.get("display_currency"))
        ):
            # "what do you have for the kitchen? and show me prices in euros from now on":
            # the switch first, so the answer is already in euros
            return CallTools(
                (ToolCall("set_display_currency", {"currency": switch.currency or ""}),)
            )
        # "would the sunglasses work? how much are they in euros": a currency said in a later
        # request for the same specialist counts too
        # "add the tank top, and what's the hairdryer in euros?": a price asked in passing by
        # a later request for another specialist counts for the turn too (the cart's total
        # then comes in euros as well), unless the message changes the display currency
        asked = (
            intent.currency
            or next(
                (x.currency for x in intent.secondary if x.currency and OWNER.get(x.kind) == owner),
                None,
            )
            or passing_currency(intent)
            or thread_currency(view, intent)
            or _bound_currency(intent)
        )
        if (
            owner is not None
            and asked
            and asked != view.state.get("display_currency")
            and "set_display_currency" in view.tools
        ):
            # "what's my total in euros?": this answer in euros first, then hand over; the
            # shopper's display currency stays (only "switch to euros" changes it).
            return CallTools(
                (ToolCall("set_display_currency", {"currency": asked, "just_this_answer": True}),)
            )
        if owner is not None:
            if owner in view.transfer_targets:
                return Transfer(owner, note=f"Asking {SPECIALIST_NAMES[owner]}.")
            return Reply(
                f"Sorry, {SPECIALIST_NAMES[owner]} is not available right now. "
                "Please try again in a moment."
            )
        return Reply("")  # greetings, help, out of scope: answered by small_talk.small_talk
    # A specialist serves its own requests: in "back to usd and add one to my cart" the
    # orchestrator switched the currency and handed over the add.
    mine = [x for x in (intent, *intent.secondary) if OWNER.get(x.kind) == view.agent_name]
    if mine and mine[0] is not intent:
        intent = replace(mine[0], secondary=tuple(mine[1:]))
        owner = view.agent_name
    if owner is None and intent.kind != "set_currency":
        return Reply("")
    if intent.condition is not None and owner == view.agent_name:
        # "add the mug if it's under 10 bucks": the price checked first
        checked = checked_first(view, intent)
        if checked is not None:
            return checked
        intent = replace(intent, condition=None)
    if meant_what_was_added(view, intent):
        # "add the loaders" added the loafers; "sorry, I meant loafers": already right
        return CallTools((ToolCall("view_cart", {}),))
    added = (view.state.get("last_added") or {}).get("lines") or []
    answered = answered_which(view, intent, added)
    if answered is not None:
        # "The mug, he's not really a candles person." after "another of which?": one mug,
        # and nothing else the message says about the other; after "take one out of which?",
        # one mug fewer
        chosen, asked = answered
        if asked == "add_to_cart":
            said = intent.recipient or recipient_said(view)
            person = recipient_of(view, replace(intent, recipient=said))
            gift = {"for_whom": person} if person else {}
            return CallTools((ToolCall("add_to_cart", {"product": chosen, "quantity": 1, **gift}),))
        return CallTools((removal_call(view, Target(chosen, None), 1),))
    decision = for_someone(view, intent)
    # "add the mug and show my cart": later requests this agent also serves join the calls.
    for extra in intent.secondary:
        if not isinstance(decision, CallTools) or OWNER.get(extra.kind) != owner:
            break
        named = [c.args["product"] for c in decision.calls if "product" in c.args]
        taken_out = extra.kind == "add_to_cart" and any(
            c.name == "remove_from_cart" for c in decision.calls
        )  # "take the mugs out and add one of those": those shown, not the mugs
        if (
            named
            and extra.products
            and not taken_out
            and extra.replaces is None  # "swap the mug for that": that is not the mug
            and all(r.anaphora and not r.text and r.ordinal is None for r in extra.products)
        ):
            # "add the sunglasses, and put a second pair in too": "it" is what came before
            extra = replace(
                extra, products=tuple(replace(r, text=named[-1]) for r in extra.products)
            )
        more = for_someone(view, extra)
        if extra.replaces is not None and not isinstance(more, CallTools):
            return more  # "swap the shakers for that" with two shown: which? Nothing out yet
        if isinstance(more, CallTools):
            # "would the sunglasses work? how much are they?": one look is enough (a second
            # add of the same product is a second add)
            new = tuple(c for c in more.calls if c.name not in _LOOKS or c not in decision.calls)
            decision = CallTools(decision.calls + new, decision.note)
    return decision


def follow_up(view: RequestView, intent: Intent) -> Decision | None:
    """After this agent's own tools ran: hand over if the request still needs a specialist,
    or settle an ambiguous mention with the product in focus."""
    own = next((x for x in (intent, *intent.secondary) if x.kind == "search"), None)
    if (
        own is not None
        and own.relative
        and view.outcomes
        and all(o.name == "get_product_details" for o in view.outcomes)
        and "search_products" in view.tools
    ):  # the prices a relative search goes by, looked up: now the search
        searched = price_search(view, own)
        if isinstance(searched, CallTools) and searched.calls[0].name == "search_products":
            return searched
    picked = _picked_by_price(view, intent)
    if picked is not None:  # "the next one up from the mug": that one, looked at
        return picked
    checks = condition_checks(view, intent)
    if checks and len(checks) == len(view.outcomes):
        # the price a request waited on is known: do it, or say why not
        settled = settled_condition(view, intent)
        if settled is None:
            return Reply("I couldn't check that price just now, so I haven't changed anything.")
        if not settled[0]:
            return Reply(verdict_sentence(view, intent) or "")
        waiting = waiting_request(view, intent) or intent
        return decide(replace(view, outcomes=[]), replace(waiting, condition=None))
    settled = settled_by_focus(view)
    if settled is not None:
        return settled
    pending = _pending_peer(view, intent)
    if pending is not None:
        # "add the watch and tell me if the loafers drop under 80": the add is done here,
        # the alert is the price specialist's
        return Transfer(pending, note=f"Asking {SPECIALIST_NAMES[pending]}.")
    wider = alternatives_in_category(view, intent)
    if wider is not None:
        return wider
    # "back to usd and add one to my cart": after the switch, the request that needs a
    # specialist
    owner = OWNER.get(intent.kind) or next(
        (OWNER[x.kind] for x in intent.secondary if x.kind in OWNER), None
    )
    if (
        any(o.name == "set_budget" for o in view.outcomes)
        and not any(o.name == "set_display_currency" for o in view.outcomes)
        and "set_display_currency" in view.tools
    ):
        switch = request_of(intent, "set_currency")
        if switch is not None and switch.currency != view.state.get("display_currency"):
            # "my budget is 40 euros, and show me prices in euros": the switch too
            return CallTools(
                (ToolCall("set_display_currency", {"currency": switch.currency or ""}),)
            )
    # after the orchestrator's own settings (currency, budget), the request they came with
    switched = [o for o in view.outcomes if o.name in {"set_display_currency", "set_budget"}]
    if (
        owner in view.transfer_targets
        and switched
        and len(switched) == len(view.outcomes)
        and switched[-1].response.get("status") == "ok"
    ):
        return Transfer(owner, note=f"Asking {SPECIALIST_NAMES[owner]}.")
    return None


def _picked_by_price(view: RequestView, intent: Intent) -> Decision | None:
    """After a search that picks one product by price ("the one just above it in price",
    "closest in price to 20 dollars") found several: that one looked at (so it is "it"), or
    the ones tied for it asked about."""
    own = next((x for x in (intent, *intent.secondary) if x.kind == "search"), None)
    if (
        own is None
        or len(view.outcomes) != 1
        or view.outcomes[0].name != "search_products"
        or "get_product_details" not in view.tools
    ):
        return None
    products = view.outcomes[0].response.get("products") or []
    if len(products) < 2:
        return None
    pick, tied = single_pick(view, own, products)
    if pick is not None:
        return CallTools((ToolCall("get_product_details", {"product": pick["id"]}),))
    if tied:
        names = " and ".join(p["name"] for p in tied[:2])
        price = tied[0].get("display_price", "")
        return Reply(f"{names} cost the same ({price} each) - which one do you mean?")
    return None


def no_single_pick(view: RequestView) -> bool:
    """This turn's search picked no one product for an add of "it" to act on: products
    weighed by price ("the cheaper of ...") came out equal, or a search for one ("if there's
    anything under 6 dollars, add it") found none or several."""
    for outcome in view.outcomes:
        r = outcome.response
        products = r.get("products") or []
        filters = r.get("filters") or {}
        if outcome.name != "search_products":
            continue
        if filters.get("among"):
            if filters.get("sort") and len(products) >= 2 and (
                    products[0].get("price") == products[1].get("price")):  # fmt: skip
                return True
        elif len(products) != 1:
            return True
    return False


def _adds_it(intent: Intent) -> bool:
    """A later request of the message adds "it" (the one this turn's search picks)."""
    return any(
        x.kind == "add_to_cart" and all(r.anaphora and not r.text for r in x.products)
        for x in intent.secondary
    )


def _pending_peer(view: RequestView, intent: Intent) -> str | None:
    """The specialist that owns a request of this message no agent has served yet, when this
    specialist may hand over to it (a peer; the orchestrator hands over on its own)."""
    if not view.peers or not view.outcomes or outfit_request(view.user_text):
        return None  # (outfits are routed by their words, whatever the request's kind)
    if no_single_pick(view) and _adds_it(intent):
        return None  # "add the cheaper of the two" when they cost the same: asked, not added
    # The first request was this agent's (it was handed the turn for it, and its tools ran);
    # read again after them it may look like another's: "cancel all of them" once the alerts
    # are gone reads as a removal from the cart. Only the later requests go on to peers.
    cancelled = [name for o in view.outcomes if o.name == "delete_price_alert"
                 for name in o.response.get("deleted") or []]  # fmt: skip
    for request in intent.secondary:
        owner = OWNER.get(request.kind)
        if (
            request.kind == "remove_from_cart"
            and cancelled
            and all(
                (r.anaphora and not r.text)
                or (r.text and any(name_matches(r.text, n) for n in cancelled))
                for r in request.products
            )  # fmt: skip
        ):
            # "delete the candle holder one", "never mind the alert, cancel it": its alert
            # went; the cart line stays
            continue
        if owner and owner != view.agent_name and owner not in view.served and owner in view.peers:
            return owner
    return None
