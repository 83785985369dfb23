"""Answers that need no tool: greetings, help, thanks, small talk, what the shop cannot do,
and requests declined (nothing in them is looked up)."""

from __future__ import annotations

import re

from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.wording import pick
from cartmate.planner import Intent

__all__ = ["HELP_TEXT", "declined", "small_talk"]

HELP_TEXT = (
    'I can search the catalog ("sunglasses under $25", "something for the kitchen"), '
    'tell you about a product, manage your cart ("add two mugs", "remove the watch", '
    '"show my cart"), show prices in another currency ("prices in euros"), compare prices '
    'with other shops and set price alerts ("tell me if the loafers drop below $80"), '
    "and learn your style from a photo."
)


#: Asking for an earlier order again ("the same as last time"): no order history here.
_PAST_ORDERS = re.compile(
    r"\b(same as (last time|before)|my usual|last order|re-?order|order again|past orders?)\b",
    re.IGNORECASE,
)


def small_talk(intent: Intent, view: RequestView) -> str:
    seed = view.user_text
    kind = intent.kind
    if kind == "greet":
        return (
            pick(
                seed,
                [
                    "Hi! I'm CartMate, your shopping assistant. ",
                    "Hello! I'm CartMate. ",
                    "Hey there! CartMate here. ",
                ],
            )
            + "What are you looking for today? "
            + HELP_TEXT
        )
    if kind == "help":
        return HELP_TEXT
    if kind == "thanks":
        return pick(seed, ["You're welcome!", "Happy to help!", "Any time!"]) + (
            " Anything else I can find for you?"
        )
    if kind == "goodbye":
        return "Goodbye! Your cart will be here when you come back."
    if kind == "affirm":
        return "Great! What would you like to do next?"
    if kind == "deny":
        return "No problem. Anything else I can help you find?"
    if kind == "chat":
        return _chat(seed)
    if kind == "out_of_scope":
        if _PAST_ORDERS.search(view.user_text):
            return (
                "I don't have your past orders, so I can't repeat one. Tell me what you'd like "
                "and I'll put it in your cart."
            )
        return declined(view.user_text) + " " + HELP_TEXT
    # asked back, never guessed: what the shopper wants is a question to them
    return "Sorry, I didn't understand that. What would you like me to do? " + HELP_TEXT


_ABOUT_ME = re.compile(r"\b(you|your|you're|yours)\b")
_A_BOT = re.compile(r"\b(bot|robot|chatbot|an? ai|a\.i\.|machine|computer|program|real)\b")
_FEELINGS = re.compile(r"\b(excited|thrilled|stoked|can'?t wait|cannot wait)\b")


def _chat(said: str) -> str:
    """Small talk answered briefly and warmly, then back to shopping: about the assistant
    ("how's your day going?"), the shopper's news ("so excited!") or a sigh ("decisions,
    decisions")."""
    text = said.lower()
    if _ABOUT_ME.search(text) and _A_BOT.search(text):
        # "are you a bot?": plainly yes, never a person
        return ("Yes: I'm CartMate, the shop's automated shopping assistant, not a person. I "
                "can find products, manage your cart and compare prices. What can I find for "
                "you?")  # fmt: skip
    if _ABOUT_ME.search(text) and re.search(r"\b(job|work)\b", text):
        return ("I do! Helping people find things they'll love is the best part of it. What "
                "can I find for you?")  # fmt: skip
    if _ABOUT_ME.search(text):
        return pick(said, [
            "I'm doing well, thanks for asking! I'm CartMate: helping you shop is what I do "
            "best. What can I find for you?",
            "All good here, thanks! I'm CartMate, your shopping assistant. What would you like "
            "to look at next?",
        ])  # fmt: skip
    if _FEELINGS.search(text):
        return "That sounds great! If you need anything for it, tell me what you're after."
    return "Take your time! Tell me when you'd like to look at something else."


#: What a shop assistant here cannot say or do, by what the shopper asked: said plainly,
#: never made up (no delivery dates, return windows, discounts or price changes).
_DECLINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(replacements?|damaged|chipped|faulty|arrived|broke|broken)\b"),
     "I can't look up orders or send replacements: I only see the catalog and your cart."),
    (re.compile(r"\b(deliver\w*|arriv(e|es|al|ing)|ship\w*|get here|in time|by (mon|tues|"
                r"wednes|thurs|fri|satur|sun)day)\b"),
     "I can't tell you delivery times or costs, or promise a delivery date."),
    (re.compile(r"\b(customs|import (duty|duties|tax|taxes)|duties)\b"),
     "I can't tell you about customs charges or import taxes."),
    (re.compile(r"\b(vat|sales tax|tax|taxes)\b"),
     "I can't tell you how tax applies: the prices I give are the shop's catalog prices."),
    (re.compile(r"\b(return\w*|refund\w*|send (it|them) back|exchange)\b"),
     "I can't tell you about returns or refunds."),
    (re.compile(r"\b(opening hours|open|close|closing|shop in|store in|physical (shop|store))\b"),
     "I can't help with opening hours or shops: I only know this online shop's catalog."),
    (re.compile(r"\b(coupon|voucher|promo|discount|codes?|cheaper for me|yourself|for free|free of "
                r"charge|ignore|(set|change|lower) the .*price to)\b"),
     "I can't change prices or give discounts: the prices are the shop's."),
    (re.compile(r"\bprice match"), "I can't promise to match other shops' prices."),
    (re.compile(r"\b(paypal|apple pay|google pay|klarna|credit card|debit card|pay with|pay by|"
                r"payments?|bitcoin|crypto\w*)\b"),
     "I can't tell you which payment methods the checkout takes."),
    (re.compile(r"\b(sale|black friday|cyber monday|loyalty|points|rewards)\b"),
     "I can't tell you about sales or loyalty schemes: I only know today's prices."),
    (re.compile(r"\b(wrap\w*|gift (message|note|receipt)|(card|note|message) (in|with))\b"),
     "I can't arrange gift wrapping or gift messages: the checkout handles those."),
    (re.compile(r"\b(phone number|email address|customer service|human|real person)\b"),
     "I can't put you in touch with the shop's staff: I'm the shop's assistant for products, "
     "your cart and prices."),
)  # fmt: skip


def declined(said: str) -> str:
    """What the assistant cannot help with in `said`, plainly."""
    text = said.lower()
    found = [answer for pattern, answer in _DECLINES if pattern.search(text)]
    return " ".join(dict.fromkeys(found)) or (
        "I can only help with shopping here, so I can't answer that."
    )
