"""The shopper's own shopping list: giving it, comparing the cart with it, acting on it.

"here's my list: 2 mugs, a bamboo jar, the sunglasses. what's missing from my cart?", "My
list:\\n- loafers\\n- a toaster\\nWhat's not in my cart yet?", "3 mugs, a jar - that's my list"
give a list (`note_list`, its products with their counts; the comparison answers whatever
the message asks of it). Then, with a list known (`ConversationContext.list_product_names`)
or said in so many words: "is everything on my list in there?", "anything in my cart that's
not on the list?", "what's missing?" (`check_list`); "add whatever's missing", "put the
missing ones in" (`fill_list`); "make my cart match my list" (`match_list`; "but leave the
hairdryers alone" keeps them as they are: `excluded`); "now the jars too, as many as the list
says" (`match_list` of the jars only); "cross the jar off my list" (`cross_off_list`, the
list only; "the 18.99 one" is by `price`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from cartmate.planner import lexicon
from cartmate.planner.analysis import prepare_tokens
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.intents import ConversationContext, Intent, PriceLimit, ProductRef
from cartmate.planner.money_phrases import extract_money

__all__ = ["list_request", "listed_order"]

Understand = Callable[[str], Intent]

_COUNT = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a|an)"
#: what is said before a list's name ("ok so here's my list", "now here's the stuff I need")
_FILLER = r"(?:(?:ok(?:ay)?|so|right|and|hmm|now|well|alright)[, ]+)*"
_LIST = r"(?:full |shopping |weekly |grocery |whole )?list"
#: where a list starts: "here's my list:", "my list for the weekend:", "my list is", "List
#: for my new flat:", "here's what I wrote down:"
_INTRO = re.compile(
    rf"(?:^|[.!?,]\s+|\n){_FILLER}(?:here'?s |here is |this is )?"
    rf"(?:(?:my|the) {_LIST}|{_LIST})(?: of (?:what|the things|stuff) i need)?"
    rf"(?: for (?:the |my |our )?[a-z' ]{{1,30}}?)?"
    rf"(?: actually)?(?:\s*(?::|-|–|—)|\s+(?:is|says|reads)\s*:?)\s*"
    rf"|(?:^|[.!?,]\s+|\n){_FILLER}"
    rf"here'?s what i (?:wrote|jotted|put) down\s*:?\s*"
    # "Things I need for my trip:", "here's what I need:", "I wrote a list earlier:"
    rf"|(?:^|[.!?,]\s+|\n){_FILLER}(?:here'?s |this is )?(?:the )?"
    rf"(?:things|stuff|what) (?:i|we) need(?: for (?:the |my |our )?[a-z' ]{{1,30}}?)?\s*:\s*"
    rf"|(?:^|[.!?]\s+|\n)i (?:wrote|made|did) (?:a|my) (?:shopping )?list(?: earlier| before)?"
    rf"\s*:\s*"
)
#: a list handed over to keep, not to buy: "just so you have it, here's my list"
_FYI = re.compile(r"\b(?:just so you have it|for reference|fyi|for the record|to keep)\b")
#: where a list said first ends: "3 mugs, a jar - that's my list."
_OUTRO = re.compile(rf"\s*(?:[-–—,:]\s*)?that'?s (?:my|the) {_LIST}\b[.!]?\s*")
#: a line or sentence that asks rather than lists
_ASKS = re.compile(
    r"^\s*(?:what|whats|what's|is|are|anything|any|how|which|do|does|can|could|so|and is|"
    r"am i|have i|tell me)\b"
)

#: what a message asks of the list it gives ("what's missing from my cart?", "compare that
#: with my basket"); with nothing asked, the list is an order
_ASKED_OF_IT = re.compile(
    r"\?|\b(?:missing|compare|cart|basket|need|needed|still|got|have|there|match|check|"
    r"which|what|whats|anything|everything)\b"
)
_CROSS_OFF = re.compile(
    r"\b(?:cross|take|strike|scratch|knock|rub|remove|drop|delete)\b (?P<x>.+?) "
    r"(?:off|from) (?:my|the) (?:shopping )?list\b"
)
_MATCH = re.compile(
    r"\bmake (?:my |the )?(?:cart|basket)(?: exactly)?(?: match| the same as| look like)\b"
    r"|\bmatch (?:my|the) (?:shopping )?list\b|\b(?:cart|basket) matches (?:my|the) list\b"
)
#: "how much would my whole list cost?", "what would everything on my list come to?"
_LIST_COST = re.compile(
    r"\bhow much\b[^?.!]*\blist\b"
    r"|\bwhat\b[^?.!]*\blist\b[^?.!]*\b(?:cost|costs|come to|comes to|total)\b"
    r"|\bwhat\b[^?.!]*\b(?:cost|costs|total|price)\b[^?.!]*\blist\b"
)
_LIST_COUNT = re.compile(
    rf"\bmake it (?P<n>{_COUNT}) (?P<x>[a-z][a-z ]*?) on (?:my|the) (?:shopping )?list\b"
    rf"|\b(?:change|set|bump|put|update|make|raise|lower|cut|drop)(?: up| down)? (?:the |my )?"
    rf"(?P<x2>[a-z][a-z ]*?) on (?:my|the) (?:shopping )?list (?:up |down )?to "
    rf"(?:just |only )?(?P<n2>{_COUNT})\b"
)
_AS_MANY = re.compile(r"\bas many as (?:my|the) (?:shopping )?list says\b")
_FILL = re.compile(
    r"\b(?:add|put|get|throw|pop)(?: in)? (?:whatever'?s|whats|what'?s|everything that'?s|"
    r"all that'?s|the (?:rest|missing (?:ones|things|items|stuff|bits))|the (?:ones|things|items"
    r"|stuff) (?:that are |that'?s )?missing)\b"
    r"|\bfill (?:in |up )?(?:the |my )?(?:cart|basket)(?: up)? with\b"
    # "add only what I'm still missing", "add the bits I don't have yet"
    r"|\b(?:add|put|get|throw|pop)(?: in)? (?:only |just )?(?:what(?:ever)?|the (?:bits|things|"
    r"stuff|ones|rest)|everything) (?:that )?(?:i'?m|i am|we'?re|i|we) (?:still )?(?:missing|"
    r"don'?t (?:have|have yet)|haven'?t got)\b"
)
_CHECK_SAID = re.compile(
    r"\b(?:on|off|from|in|against) (?:my|the) (?:shopping )?list\b"
    r"|\bcompare (?:that |it |this )?(?:with|to) (?:my|the) (?:cart|basket)\b"
)
_CHECK_KNOWN = re.compile(
    r"\b(?:what'?s|whats|what is|anything|something|is anything|what am i|are any) "
    r"(?:still )?missing\b|\bnot in my (?:cart|basket) yet\b|\b(?:isn'?t|is not|aren'?t|not) "
    r"on (?:it|there)\b|\beverything (?:there|in there)\b|\bstill need to get\b"
    r"|\bin (?:my|the) (?:cart|basket) that'?s not\b|\bthat (?:is|'s|isn'?t) not for the\b"
)
_LEAVE = re.compile(
    r",?\s*\b(?:but |and )?(?:leave|keep) (?:the |my )?(?P<x>[a-z ]+?) (?:alone|as (?:it is|they"
    r" are)|be)\b|,?\s*\bbut (?:not|don'?t touch) (?:the |my )?(?P<y>[a-z ]+?)(?=[.!?,]|$)"
)
_PRICE = re.compile(r"\$?(\d{1,6}(?:\.\d{1,2})?)\b")
#: "I've got 1 mug in there but the list says 3, fix it": that line set to the list's count
_LIST_SAYS = re.compile(
    rf"\b(?:i'?ve got|i have|i got|there'?s|there are) (?P<n>{_COUNT})(?: (?P<x>[a-z][a-z ]*?))?"
    rf" in (?:there|my cart|the cart|my basket)(?: but|,)+ (?:the|my) (?:shopping )?list says "
    rf"(?P<m>{_COUNT})\b"
)
#: "add the kitchen thing from my list": an add among the list's products
_FROM_LIST = re.compile(r"\s*\b(?:from|off|on) (?:my|the) (?:shopping )?list\b")
_ADD = re.compile(r"\b(?:add|put|get|throw|grab)\b")


def list_request(text: str, ctx: ConversationContext, understand: Understand) -> Intent | None:
    """The list request a message makes, or None (see the module docstring). `understand`
    reads the words of a list or a request around it, as the planner reads any message."""
    said = (text or "").replace("’", "'").strip()
    low = said.lower()
    given = _list_given(low)
    products = _products(given[0], understand) if given is not None else ()
    if given is not None and products and _kept_not_bought(low, given[1], products, ctx):
        # "here's my list: ... what's missing from my cart?"; a list alone is an order
        # ("Weekly list: mugs x2, one jar": see `listed_order`)
        then: tuple[Intent, ...] = ()
        if _FILL.search(given[1]):  # "... just add whatever's missing"
            then = (Intent(kind="fill_list", confidence=0.9),)
        elif _MATCH.search(given[1]):
            then = (Intent(kind="match_list", confidence=0.9),)
        return Intent(kind="note_list", products=products, secondary=then,
                      list_side=_side_asked(given[1]), confidence=0.95)  # fmt: skip
    cost = _LIST_COST.search(low)
    if cost is not None and given is None:  # "how much would my whole list be in euros?"
        money = extract_money(prepare_tokens(said))
        return Intent(kind="price_list", currency=money.currency, confidence=0.9)
    changed = _LIST_COUNT.search(low)
    if changed is not None:  # "change the jars on my list to 5": the list, not the cart
        words = changed.group("x") or changed.group("x2") or ""
        count = _number(changed.group("n") or changed.group("n2"))
        ref = next(iter(understand(f"add the {words}").products), ProductRef(text=words))
        category = lexicon.CATEGORY_WORDS.get(str(ref.text).split()[0]) if ref.text else None
        then = (Intent(kind="match_list", confidence=0.9),) if _MATCH.search(low) else ()
        if not then and _FILL.search(low):  # "..., and add what's missing"
            then = (Intent(kind="fill_list", confidence=0.9),)
        return Intent(kind="list_quantity", products=(replace(ref, quantity=None),),
                      quantity=count, category=category, secondary=then,
                      confidence=0.9)  # fmt: skip
    known = bool(ctx.list_product_names)
    says = _LIST_SAYS.search(low)
    if says is not None:
        count = _number(says.group("m"))
        named = says.group("x")
        ref = (ProductRef(text=named, quantity=count) if named
               else ProductRef(anaphora=True, quantity=count))  # fmt: skip
        if named:
            ref = next(iter(understand(f"add the {named}").products), ref)
            ref = replace(ref, quantity=count)
        held = None if named else _number(says.group("n"))
        return Intent(
            kind="set_quantity", products=(ref,), quantity=count, held=held, confidence=0.9
        )
    if _ADD.search(low) and _FROM_LIST.search(low) and not _FILL.search(low):
        # "just add the kitchen thing from my list": the list's products are those shown
        return understand(_FROM_LIST.sub("", said))
    crossed = _CROSS_OFF.search(low)
    if crossed is not None:
        return _crossed_off(crossed.group("x"), understand)
    if _MATCH.search(low) or (_AS_MANY.search(low) and known):
        return _with_rest(low, _matched(low, understand), understand)
    fill = _FILL.search(low)
    if fill is not None and (known or "list" in low):
        rest = _LEAVE.sub("", _FILL.sub("", low, count=1))
        filled = _with_rest(rest, Intent(kind="fill_list", confidence=0.9), understand, raw=True)
        if filled.secondary and fill.start() > len(low) - len(low.lstrip()) + 3:
            # "get rid of those and add whatever's missing": in the order said
            first, *more = filled.secondary
            return replace(first, secondary=(*more, replace(filled, secondary=())))
        return filled
    outfit = re.search(r"\b(?:look|outfit|wardrobe|style)\b", low)  # "missing from the look"
    if _CHECK_SAID.search(low) or (known and not outfit and _CHECK_KNOWN.search(low)):
        return Intent(kind="check_list", list_side=_side_asked(low), confidence=0.9)
    return None


#: a comparison asked about what the cart holds beyond the list, not what it lacks
_EXTRA_ASKED = re.compile(
    r"\b(?:not on|isn'?t on|aren'?t on|not for|isn'?t for|aren'?t for|extra|beyond|more than|"
    r"too many|don'?t need|off (?:my|the) list)\b"
)


def _side_asked(said: str) -> str | None:
    """ "anything in my cart that's not on my list?": the extras; "what's missing?": what the
    cart lacks; None when the question says neither."""
    if _EXTRA_ASKED.search(said):
        return "extra"
    return "missing" if re.search(r"\b(?:missing|need|not in my|still|yet)\b", said) else None


def _number(said: str) -> int:
    words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
    return int(said) if said.isdigit() else words[said]


def listed_order(
    text: str, ctx: ConversationContext, understand: Understand
) -> tuple[ProductRef, ...]:
    """The products of a list given as an order, with nothing asked of it ("Weekly list: mugs
    x2, one bamboo jar and the shakers."): added, and kept as the shopper's list too."""
    low = (text or "").replace("’", "'").lower()
    given = _list_given(low)
    if given is None:
        return ()
    products = _products(given[0], understand)
    return () if _kept_not_bought(low, given[1], products, ctx) else products


def _kept_not_bought(
    low: str, after: str, products: tuple[ProductRef, ...], ctx: ConversationContext
) -> bool:
    """A list given to compare the cart with, not an order: something is asked of it, it is
    handed over "just so you have it", or the cart already holds some of it."""
    held = [n.lower() for n in ctx.cart_product_names]
    overlap = any(
        r.text and any(name_matches(str(r.text), name) for name in held) for r in products
    )
    return bool(_ASKED_OF_IT.search(after) or _FYI.search(low) or overlap)


def _list_given(low: str) -> tuple[str, str] | None:
    """The list's own words in a message that gives one, and what the message says after
    it; None when it gives none."""
    intro = _INTRO.search(low)
    if intro is not None:
        body = low[intro.end() :]
        after = ""
    else:
        outro = _OUTRO.search(low)
        if outro is None:
            return None
        body = low[: outro.start()]
        body = re.sub(r"^(?:ok(?:ay)?|so|right)[, ]+", "", body)
        after = low[outro.end() :]
    # one line per item, or commas; the list ends where a question or another sentence starts
    lines = [x.strip(" \t-•*") for x in body.split("\n")]
    kept: list[str] = []
    for n, line in enumerate(lines):
        if not line:
            continue
        if _ASKS.match(line):
            after = " ".join(lines[n:]) + " " + after
            break
        end = re.search(r"[.?!](?:\s|$)", line)
        if end is not None:  # "2 mugs, a jar. what's missing?": the list ends there
            kept.append(line[: end.start()])
            after = " ".join([line[end.start() :], *lines[n + 1 :]]) + " " + after
            break
        kept.append(line)
    joined = ", ".join(kept)
    outro = _OUTRO.search(joined)
    if outro is not None:
        joined, after = joined[: outro.start()], joined[outro.end() :] + " " + after
    joined = joined.strip(" ,;:")
    return (joined, after) if joined else None


def _products(items: str, understand: Understand) -> tuple[ProductRef, ...]:
    # "2 x mug", "tank top x3": a count written with "x" before its item, not in it
    parts = [re.sub(r"^(.+?)\s*(?:x|[-–—:])\s*(\d{1,3})$", r"\2 \1", x.strip())
             for x in items.split(",")]  # fmt: skip
    parts = [re.sub(r"^(\d{1,3})\s*x\s*(?=[a-z])", r"\1 ", x) for x in parts]
    read = understand("add " + ", ".join(parts))
    refs = [r for x in (read, *read.secondary) if x.kind == "add_to_cart" for r in x.products]
    return tuple(r for r in refs if r.text)


def _crossed_off(words: str, understand: Understand) -> Intent:
    """ "cross the jar off my list": that product; "the 18.99 one": the one at that price."""
    priced = _PRICE.search(words)
    if priced is not None and not re.search(r"[a-z]{3,}", _PRICE.sub("", words).replace(
            "the", "").replace("one", "")):  # fmt: skip
        amount = PriceLimit(amount=Decimal(priced.group(1)))
        return Intent(kind="cross_off_list", products=(ProductRef(anaphora=True),),
                      price=amount, confidence=0.9)  # fmt: skip
    read = understand(f"remove {words}")
    refs = tuple(r for r in read.products if r.text) or (ProductRef(anaphora=True),)
    return Intent(kind="cross_off_list", products=refs[:1], confidence=0.9)


def _matched(low: str, understand: Understand) -> Intent:
    """ "make my cart match my list", "the jars too, as many as the list says" (those only),
    "... but leave the hairdryers alone" (kept as they are)."""
    kept: list[ProductRef] = []
    for found in _LEAVE.finditer(low):
        words = found.group("x") or found.group("y") or ""
        kept += [r for r in understand(f"remove the {words}").products if r.text]
    scope: tuple[ProductRef, ...] = ()
    if _AS_MANY.search(low):
        before = _AS_MANY.split(low)[0]
        scope = tuple(r for r in understand(f"add {before}").products if r.text)
    return Intent(kind="match_list", products=scope, excluded=tuple(kept), confidence=0.9)


def _with_rest(rest: str, intent: Intent, understand: Understand, raw: bool = False) -> Intent:
    """The list request, with what else the message asks ("add whatever's missing, and take
    the watch out") as the requests after it."""
    if not raw:
        return intent
    words = re.sub(r"^[\s,.;!]*(?:and|then|also|plus|ok(?:ay)?|now)?[\s,]*", "", rest).strip()
    words = re.sub(r"^(?:and|then|also|plus)\b[\s,]*", "", words).strip(" ,.;!")
    if len(re.findall(r"[a-z]{3,}", words)) < 2:
        return intent  # "ok add whatever's missing please": nothing else asked
    more = understand(words)
    if more.kind in {"unknown", "chat", "affirm", "thanks", "greet", "check_list", "fill_list"}:
        return intent
    return replace(intent, secondary=(more, *more.secondary))
