"""The tool calls a specialist makes for the intent it owns, and for requests made for someone
else (gifts)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from cartmate.models.offline.alert_calls import (
    alert_in_currency,
    alert_moved_to,
    alerts_made_last,
    delete_alert,
    moved_alert,
    two_in_play,
)
from cartmate.models.offline.answered_questions import (
    another_of_several,
    several_just_asked_about,
)
from cartmate.models.offline.cart_calls import (
    as_many_as,
    as_many_as_last_added,
    count_before,
    lines_by_price,
    lines_of_category,
    make_supposed,
    one_each,
    one_of_a_line,
    put_back_count,
    quote_change,
    removal_call,
    swapped_count,
    undone_count,
    which_product,
)
from cartmate.models.offline.decisions import CallTools, Decision, Reply, ToolCall, one_call
from cartmate.models.offline.gifts import gift_lines, gifts_said, names_a_gift, recipient_of
from cartmate.models.offline.list_calls import LIST_KINDS, list_call
from cartmate.models.offline.reading import currency_just_asked, previous_kind
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.retailer_offers import a_retailer, compared_together, offer_price
from cartmate.models.offline.search_calls import (
    search_call,
)
from cartmate.models.offline.targets import (
    Target,
    UnresolvedError,
    cart_line,
    excluded_ids,
    same_again_counts,
    targets_of,
)
from cartmate.models.offline.wording import join_or as _join_or
from cartmate.money import Money
from cartmate.planner import CART_CHANGES, Intent, ProductRef
from cartmate.planner.recipients import GIFT_NOUNS

__all__ = ["for_someone"]


def for_someone(view: RequestView, intent: Intent) -> Decision:
    """The calls for `intent`, with who it is for: adds marked as that person's gift, and a
    gift named by its person ("swap my sister's gift", "take the gift out") that line."""
    person = recipient_of(view, intent)
    kind = intent.kind
    alike = _as_for_another(view, intent, person)
    if not isinstance(alike, Intent):
        return alike
    intent = alike
    gifts = gift_lines(view, person)
    by_person = [
        r for r in (*intent.products, intent.replaces) if r is not None and names_a_gift(r)
    ]
    said = set(re.findall(r"[a-z]+", view.user_text.lower()))
    if person and gifts and not by_person and kind == "remove_from_cart":
        # "take my sister's stuff out" (the planner keeps no product for "stuff"): hers
        by_person = [r for r in intent.products if r.anaphora and not r.text and not r.shown]
    gift_said = any(set((r.text or "").split()) & GIFT_NOUNS for r in by_person)
    whose = by_person and (person or gift_said) and kind in _GIFT_CHANGES
    # "take my sister's stuff out": all of hers; "take out the present": which one?
    all_theirs = kind == "remove_from_cart" and bool(
        any(set((r.text or "").split()) & _ALL_OF_THEM for r in by_person)
        or (person and said & _ALL_OF_THEM)
    )
    if whose and len(gifts) > 1 and not all_theirs:
        return Reply(f"Which gift: {gifts_said(gifts)}?")
    chosen: dict[str, str] = {}  # line id -> the person its units taken out are for
    if whose and gifts:
        # "swap my sister's gift for the jar": that line (none marked: "the gift" is as said)
        lines = gifts if all_theirs else gifts[:1]
        chosen = {line["id"]: line["for_whom"] for line in lines}
        refs = tuple(ProductRef(text=line["id"]) for line in lines)
        if intent.replaces is not None and names_a_gift(intent.replaces):
            intent = replace(intent, replaces=refs[0])
        products = tuple(one for r in intent.products for one in (refs if r in by_person else (r,)))
        intent = replace(intent, products=products, quantity=None)
    decision = _specialist_calls(view, intent)
    if chosen and isinstance(decision, CallTools):
        # only their units of a line shared with others ("take my cousin's out")
        decision = CallTools(
            tuple(
                ToolCall(c.name, {**c.args, "for_whom": chosen[c.args["product"]]})
                if c.name == "remove_from_cart" and c.args.get("product") in chosen
                else c
                for c in decision.calls
            ),
            decision.note,
        )
    if person and kind == "add_to_cart" and isinstance(decision, CallTools):
        decision = CallTools(
            tuple(
                ToolCall(c.name, {**c.args, "for_whom": person}) if c.name == "add_to_cart" else c
                for c in decision.calls
            ),
            decision.note,
        )
    return decision


_GIFT_CHANGES = frozenset({"remove_from_cart", "set_quantity", "add_to_cart"})
#: "my sister's stuff", "dad's presents", "all the gifts": every line of theirs
_ALL_OF_THEM = frozenset({"stuff", "things", "gifts", "presents", "ones", "everything", "all"})
#: "add another one for my brother too": more of what he got
_ANOTHER = re.compile(r"\b(?:another|one more|same again|again|more of)\b")


def _as_for_another(view: RequestView, intent: Intent, person: str | None) -> Intent | Decision:
    """ "The same for my mum as for my dad": what dad got, for mum too; "add another one for
    my brother": more of what he got (when he got one thing; asked when several)."""
    if intent.kind != "add_to_cart":
        return intent
    alike = next((r.shown for r in intent.products if r.shown and r.shown.which == "gifted"),
                 None)  # fmt: skip
    if alike is not None:
        lines = gift_lines(view, alike.text)
        if not lines and intent.same_again and (view.state.get("last_added") or {}).get("lines"):
            # "my son wants the same as his sister" right after her add (named otherwise)
            return replace(intent, products=(ProductRef(anaphora=True),))
        if not lines:
            return Reply(f"You haven't picked anything for {alike.text} yet.")
        refs = tuple(ProductRef(text=line["id"], quantity=line["gift_quantity"]) for line in lines)
        return replace(intent, products=refs, quantity=None, same_again=False)
    bare = intent.products and all(
        r.anaphora and not r.text and r.ordinal is None and r.shown is None for r in intent.products
    )
    if not (person and bare and _ANOTHER.search(view.user_text.lower())):
        return intent
    lines = gift_lines(view, person)
    if len(lines) > 1:
        return Reply(f"Another of which: {gifts_said(lines)}?")
    if lines:
        return replace(intent, products=(ProductRef(text=lines[0]["id"]),))
    return intent


#: "the kitchen thing", "that accessory item": one product of a kind, not all of them
_ONE_THING = re.compile(r"\b(?:the|that|this) \w+ (?:thing|one|item|product)\b(?! and)")
#: "and the jars to" (speech to text): "too" or "two"? Only a plural right before it says so.
_TOO_OR_TWO = re.compile(r"\b([a-z]+s) to\W*$")
#: "one of those", "one of them": a product (or alert) of several, not said which
_ONE_OF_THEM = re.compile(r"\bone of (?:those|them|these|the two|em)\b")
#: A dislike said as an instruction, not a taste ("I hate black" only ranks black last).
_NEVER = re.compile(
    r"\b(never|ever|under no circumstances|(do not|don'?t) want (anything|any)|nothing)\b"
)


def _specialist_calls(view: RequestView, intent: Intent) -> Decision:
    kind = intent.kind
    offered = view.tools
    if kind == "set_quantity" and intent.held is not None and not intent.products[0].text:
        # "I've got 1 in there but my list says 3": the line holding one; asked when several do
        lines = [x for x in view.state.get("cart") or [] if x.get("quantity") == intent.held]
        if len(lines) > 1:
            names = [x["name"] for x in lines]
            return Reply(f"Which one should be {intent.quantity}: {_join_or(names)}?")
        if lines:
            intent = replace(intent, products=(ProductRef(text=lines[0]["id"]),), held=None)

    if kind in LIST_KINDS:
        listed = list_call(view, intent)
        if listed is not None:
            return listed
    if kind == "search" and "search_products" in offered:
        return search_call(view, intent)
    if kind == "list_categories" and "list_categories" in offered:
        return one_call("list_categories")
    if kind == "view_cart" and intent.what_if and "quote_cart" in offered:
        return quote_change(view, intent)
    if kind == "set_quantity" and intent.what_if and "set_cart_quantity" in offered:
        return make_supposed(view, intent)
    if kind == "view_cart" and "view_cart" in offered:
        named = [r.text for r in intent.products if r.text]
        line = cart_line(view, named[0]) if len(named) == 1 and not intent.category else None
        if line is not None:  # "how many mugs do I have?": the mugs are talked about now
            return one_call("view_cart", product=line["id"])
        return one_call("view_cart")
    if kind == "empty_cart" and "empty_cart" in offered:
        if intent.excluded:  # "remove everything but the mug"
            keep = excluded_ids(view, intent)
            lines = [line for line in view.state.get("cart") or [] if line["id"] not in keep]
            if not lines:
                return one_call("view_cart")
            return CallTools(
                tuple(ToolCall("remove_from_cart", {"product": line["id"]}) for line in lines)
            )
        return one_call("empty_cart")
    if kind == "list_alerts" and "list_price_alerts" in offered:
        return one_call("list_price_alerts")
    if kind == "show_style" and "show_style_profile" in offered:
        return one_call("show_style_profile")
    if kind == "reset_style" and "reset_style_profile" in offered:
        return one_call("reset_style_profile")
    if kind == "analyse_style" and "analyse_style_photo" in offered:
        return one_call("analyse_style_photo", note=view.user_text or None)
    if kind == "style_statement" and "record_style_preferences" in offered:
        # "never show me gold things", "nothing black, ever": never shown
        never = _NEVER.search(view.user_text.lower()) and list(intent.dislikes)
        return one_call(
            "record_style_preferences",
            likes=list(intent.likes),
            dislikes=list(intent.dislikes),
            forget=list(intent.forget) or None,
            never=never or None,
        )
    if kind == "delete_alert" and "delete_price_alert" in offered:
        return delete_alert(view, intent)

    emptied = view.state.get("emptied_cart") or []
    if (
        kind == "add_to_cart"
        and emptied
        and previous_kind(view) == "empty_cart"
        and not any(r.text for r in intent.products)
    ):
        # "nooo, put it all back": every line the emptying took out, as many as there were
        return CallTools(
            tuple(
                ToolCall("add_to_cart", {"product": line["id"], "quantity": line["quantity"]})
                for line in emptied
            )
        )
    added = (view.state.get("last_added") or {}).get("lines") or []
    if kind == "add_to_cart" and intent.same_again and added:
        # "same again for my cousin": every line the last add put in, as many of each
        return CallTools(
            tuple(
                ToolCall("add_to_cart", {"product": line["id"], "quantity": quantity})
                for line, quantity in zip(added, same_again_counts(view, added), strict=True)
            )
        )
    asked_about = several_just_asked_about(view, intent)
    if asked_about:
        added = asked_about  # "make it two" after asking about the watch and the sunglasses
    if kind in CART_CHANGES and (asked_about or another_of_several(view, intent, added)):
        # "and one for my brother too" after a mug and a candle holder: one of which? So is
        # "delete one" after two mugs and two jars, and "make it two"
        names = " or ".join(dict.fromkeys(line["name"] for line in added))
        if kind == "add_to_cart":
            return Reply(f"Another of which: {names}?")
        if kind == "set_quantity" and intent.quantity is not None:
            return Reply(f"Which should be {intent.quantity}: {names}?")
        return Reply(f"Take one out of which: {names}?")
    if kind in CART_CHANGES and (dictated := _TOO_OR_TWO.search(view.user_text.lower())):
        # "and the jars to", dictated: all of them too, or two of them? Asked, not guessed
        return Reply(f"Do you mean all the {dictated.group(1)} too, or two of them?")
    one_of_line = one_of_a_line(view, intent)
    if one_of_line is not None:
        return CallTools((one_of_line,))
    cart_lines = [line["id"] for line in view.state.get("cart") or []]
    if kind == "compare_prices" and intent.about_cart and not intent.products[1:] and cart_lines:
        # "is anything in my cart cheaper at other shops?": each of its lines
        if not any(p.text for p in intent.products):
            return CallTools(tuple(ToolCall("compare_prices", {"product": i}) for i in cart_lines))
    if kind == "product_info" and intent.sort and "search_products" in offered:
        left_out = excluded_ids(view, intent)  # "the cheapest one that isn't a mug"
        shown = [p["id"] for p in view.state.get("recent_products") or []
                 if "id" in p and p["id"] not in left_out]  # fmt: skip
        if (
            1 < len(shown) <= 10
            and all(r.anaphora and not r.text and r.ordinal is None for r in intent.products)
            and re.search(r"\bwhich\b", view.user_text.lower())
        ):
            # "which of the two is cheaper?", "which of those is the cheapest?": ranked among
            # those shown, so the answer names it with the others' prices
            return one_call("search_products", among=shown, sort=intent.sort)
    try:
        targets = targets_of(view, intent)
    except UnresolvedError as unresolved:
        if unresolved.among and str(unresolved) == "same price":
            # "take out whichever of the tank top and the candle holder costs more": equal
            known = [*(view.state.get("cart") or []), *(view.state.get("recent_products") or [])]
            line = next((k for k in known if k.get("name") == unresolved.among[0]
                         and "price_usd_nanos" in k), {})  # fmt: skip
            each = (f" ({Money.from_nanos('USD', int(line['price_usd_nanos'])).format()} each)"
                    if line else "")  # fmt: skip
            names = " and ".join(unresolved.among)
            return Reply(f"{names} cost the same{each} - which one do you mean?")
        if unresolved.among:
            return Reply(f"Which one: {_join_or(list(unresolved.among))}?")
        return Reply(which_product(view))
    products = [t.product for t in targets]

    if kind == "complements" and "suggest_complements" in offered:
        first = None if intent.about_cart or not products else products[0]
        return one_call("suggest_complements", product=first)
    if not products:
        return Reply(which_product(view))
    if intent.as_many_as and kind in {"add_to_cart", "set_quantity"}:
        return as_many_as(view, intent, products)
    if kind == "add_to_cart" and intent.same_count and intent.replaces is None and added:
        return as_many_as_last_added(added, products)
    if kind == "product_info" and "get_product_details" in offered:
        if intent.for_shopper and len(products) > 1 and "search_products" in offered:
            # "which suits me better, the loafers or the tank top?": ranked by the profile
            return one_call("search_products", among=products, for_shopper=True, limit=1)
        if intent.for_shopper and "search_products" in offered:
            # "would the watch suit me?": the watch, with what the profile says of it
            return one_call("search_products", among=products, for_shopper=True)
        if intent.sort and len(products) > 1 and "search_products" in offered:
            # "which is cheaper, the hair dryer or the shades?": ranked among them, and the
            # answer is then "that one"
            # (both come back, the answer first, so both prices can be told)
            return one_call("search_products", among=products, sort=intent.sort)
        return CallTools(tuple(ToolCall("get_product_details", {"product": p}) for p in products))
    if kind == "add_to_cart" and "add_to_cart" in offered:
        if intent.quantity is not None and intent.quantity <= 0:
            # "add 0 mugs", "add -2 jars": neither one mug nor a silent removal
            said = "zero" if intent.quantity == 0 else "less than nothing"
            return Reply(
                f"That's {said}, so I haven't added anything. To take something out of your "
                'cart, say "remove" and what.'
            )
        # "add 2 mugs and a jar": counts said per product apply to that product only.
        per_product = len(targets) > 1 and any(t.quantity for t in targets)
        swapped = swapped_count(view, intent) if len(targets) == 1 else None
        if swapped is None and len(targets) == 1:
            swapped = put_back_count(view, intent, targets[0].product)
        each = one_each(view, intent) if len(targets) == 1 else None
        return CallTools(
            tuple(
                ToolCall(
                    "add_to_cart",
                    {
                        "product": t.product,
                        "quantity": each
                        or t.quantity
                        or (1 if per_product else intent.quantity)
                        or swapped
                        or 1,
                    },
                )
                for t in targets
            )
        )
    if kind == "remove_from_cart" and "remove_from_cart" in offered:
        kinds = lines_of_category(view, intent)
        if len(kinds) > 1 and _ONE_THING.search(view.user_text.lower()):
            # "take out the kitchen thing" with a mug and a jar in the cart: which one?
            names = [line["name"] for line in view.state.get("cart") or [] if line["id"] in kinds]
            return Reply(f"Which one: {_join_or(names)}?")
        if kinds:  # "remove all the kitchen stuff": every line of that category
            return CallTools(tuple(ToolCall("remove_from_cart", {"product": i}) for i in kinds))
        priced = lines_by_price(view, intent)
        if priced is not None:  # "take out everything that costs over 50 dollars"
            if not priced:
                return Reply("Nothing in your cart is in that price range, so nothing changed.")
            return CallTools(tuple(ToolCall("remove_from_cart", {"product": i}) for i in priced))
        count = intent.quantity or undone_count(view, intent, targets)
        # "swap one candle holder for a tank top" with two: one of them goes, not the line
        return CallTools(tuple(removal_call(view, t, count or t.quantity) for t in targets))
    if (
        kind == "set_quantity"
        and "set_cart_quantity" in offered
        and (intent.factor or intent.divisor)
    ):
        # "double the mugs": the cart line times the factor; "half that": divided (at least 1);
        # "double the kitchen stuff": every line of that category
        kinds = lines_of_category(view, intent)
        if kinds:
            targets = [Target(i) for i in kinds]
        calls = []
        for t in targets:
            line = cart_line(view, t.product)
            if line is None:
                return Reply(f"There is no {t.product} in your cart to change.")
            whole = line["quantity"] * (intent.factor or 1)
            divisor = intent.divisor or 1
            if whole % divisor and len(targets) == 1 and whole > 1:
                # "halve the mugs" with three of them: one or two? Asked, not rounded
                low = max(1, whole // divisor)
                return Reply(f"{line['name']}: {low} or {low + 1}? Half of {whole} isn't whole.")
            quantity = max(1, whole // divisor)
            calls.append(
                ToolCall("set_cart_quantity", {"product": line["id"], "quantity": quantity})
            )
        return CallTools(tuple(calls))
    if kind == "set_quantity" and "set_cart_quantity" in offered:
        before = count_before(view, products) if intent.quantity is None else None
        if before is not None:  # "go back to that many": the line as it was before its change
            return CallTools((ToolCall("set_cart_quantity", before),))
        if intent.quantity is None:
            return Reply("How many would you like?")
        return CallTools(
            tuple(
                ToolCall("set_cart_quantity", {"product": p, "quantity": intent.quantity})
                for p in products
            )
        )
    if kind == "compare_prices" and "compare_prices" in offered:
        # "how much would I save on the watch at Acme?": Acme is a shop, not a product
        products = [p for p in products if not a_retailer(view, p)] or products
        return CallTools(tuple(ToolCall("compare_prices", {"product": p}) for p in products))
    if kind == "deal_analysis" and "analyse_deal" in offered:
        args: dict[str, Any] = {"product": products[0]}
        said = intent.price or intent.max_price
        if said is not None:
            args["offered_price"] = str(said.amount)
            currency = said.currency or currency_just_asked(view)
            if currency:
                args["price_currency"] = currency
        return CallTools((ToolCall("analyse_deal", args),))
    if kind == "create_alert" and "create_price_alert" in offered and intent.target_change:
        return moved_alert(view, intent, products)
    if kind == "create_alert" and "create_price_alert" in offered:
        if intent.replace_alert and intent.currency and not any(r.text for r in intent.products):
            # "make the euro one 70": the alert set in euros
            alerts = view.state.get("alerts") or []
            in_code = [
                a for a in alerts if (a.get("target") or {}).get("currency_code") == intent.currency
            ]
            if len(in_code) > 1:
                return Reply(f"Which one: {_join_or([a['product_name'] for a in in_code])}?")
            if in_code:
                products = [in_code[0]["product_id"]]
        target: dict[str, Any]
        if intent.max_price is not None:
            target = {"target_price": str(intent.max_price.amount)}
            if intent.max_price.currency:
                target["price_currency"] = intent.max_price.currency
        elif intent.drop_percent is not None:  # "when it drops 20%": from today's price
            target = {"drop_percent": str(intent.drop_percent)}
        elif intent.drop_amount is not None:  # "if it drops by 10 dollars": from today's
            target = {"drop_amount": str(intent.drop_amount.amount)}
            if intent.drop_amount.currency:
                target["price_currency"] = intent.drop_amount.currency
        elif (elsewhere := alert_moved_to(view, intent, products)) is not None:
            return elsewhere  # "move the alert to the watch": same target, the watch's
        elif (moved := alert_in_currency(view, intent)) is not None:
            target = moved  # "sorry, I meant euros not pounds": the same amount, in euros
        elif (together := compared_together(view, intent)) is not None:
            return Reply(f"Which one: {together}?")  # "... to the cheapest price you found"
        elif (offer := offer_price(view, products)) is not None:
            target = offer  # "when yours drops to Acme's price": that shop's price
            found_for = offer.pop("product")
            products = [p for p in products if not a_retailer(view, p)] or [found_for]
        else:
            return Reply("At what price should I alert you?")
        if (
            _ONE_OF_THEM.search(view.user_text.lower())
            and not any(r.text for r in intent.products)
            and len(alerted := [a["product_name"] for a in view.state.get("alerts") or []]) > 1
        ):
            # "one of those should be 14" after two alerts: which one?
            return Reply(f"Which alert should change: {_join_or(alerted[-2:])}?")
        if len(weighed := two_in_play(view, intent)) > 1:
            return Reply(f"Which one: {_join_or(weighed)}?")  # "set an alert at 18" after two
        if intent.replace_alert:  # "change the hairdryer one to 18"
            target["replace"] = True
            made = alerts_made_last(view)
            if len(made) > 1 and not any(r.text for r in intent.products) and not intent.currency:
                # "make it 60" right after two alerts were made in one message: which?
                return Reply(f"Which alert should change: {_join_or(made)}?")
        # "tell me when the mug or the jar drop below 10": one alert per product
        return CallTools(
            tuple(ToolCall("create_price_alert", {"product": p, **target}) for p in products)
        )
    return Reply("")  # not this agent's job: the caller falls back to a plain answer
