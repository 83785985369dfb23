"""The sentences of a message read with each other before their requests are built: a
story that asks nothing is left out (its occasion and need go with the request), someone
else's taste ranks the search and is not recorded, a product named in one sentence is what
"it" in the next means, and a topic said alone joins the request after it."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from cartmate.planner import lexicon
from cartmate.planner.analysis import Clause, analyse_clause, prepare_tokens
from cartmate.planner.intents import (
    CART_CHANGES,
    ConversationContext,
    Intent,
)
from cartmate.planner.recipients import recipient_in
from cartmate.planner.requests_together import is_an_order, only_names
from cartmate.planner.text import Token, agreed_to

__all__ = [
    "with_asked_about",
    "declined_for_whom",
    "named_before",
    "tastes_of_others",
    "topic_joined",
    "within_the_budget_said",
    "without_stories",
]


#: Who a story is about.
_STORY = lexicon.PEOPLE | frozenset("i i'm she he we they my her his our their".split())
#: Verbs of an opinion about a product ("is a bit much", "looks cheap", "seems small").
_OPINION = frozenset("is are was looks look seems seem feels feel".split())
#: "She says go for it": someone else's words, told; the shopper's request comes after.
_REPORTED = frozenset("says said thinks thought reckons reckoned told".split())


#: What the shopper is doing ("doing the family shopping", "sorting out presents",
#: "grabbing a few gifts", "shopping for the whole family"): an errand, no request
_ERRAND_DOING = frozenset("doing sorting grabbing getting buying picking shopping".split())
_ERRAND_OF = frozenset("shopping shop presents gifts gift present family christmas".split())
#: Words an errand may hold besides its verb and object
_ERRAND_WORDS = (
    _ERRAND_DOING | _ERRAND_OF | lexicon.PEOPLE
    | frozenset("i am i'm we are the a my our for some few couple of out up today this "
                "week weekend whole lot lots bit big little !".split())
)  # fmt: skip
#: Products named outright (not "gifts", "stuff"): what a request after an errand names
_NAMED_WANTS = lexicon.SHOPPING_NOUNS - frozenset(
    "gift gifts present presents stuff things item items anything something".split()
)


def _an_errand(words: set[str]) -> bool:
    """A sentence that only says what the shopper is out doing ("I'm doing the family
    shopping today"), no product, no question, no "please"."""
    return (
        bool(words & _ERRAND_DOING)
        and bool(words & _ERRAND_OF)
        and not words & {"?", "please", "pls", "plz"}
        and all(w in _ERRAND_WORDS or w.isdigit() or not w.isalnum() for w in words)
    )


#: Words of a story that say what is wanted ("needs new shoes", "my sister cooks").
_NEEDED = (lexicon.SHOPPING_NOUNS | frozenset(lexicon.CATEGORY_WORDS)) - lexicon.OCCASIONS


_ELSEWHERE = re.compile(
    r"^(?:, )?(?:and |but |so |then )?i (?:will|am going to|am gonna|would rather|shall) (?:just )?"
    r"(?:get|buy|order|grab) (?:it|them|those|that|these|one) (?:at|from|elsewhere|somewhere)\b"
)


#: "too much", "that's a bit pricey", "way too expensive": a reaction to a price
_TOO_DEAR = re.compile(
    r"^(?:(?:hmm+|ugh|oh|wow|ok|okay|nah|no)\s*,?\s*)*(?:that is |it is |they are )?"
    r"(?:way |a bit |a little |bit |far |much )?(?:too (?:much|expensive|pricey|dear)|"
    r"pricey|expensive|steep)\s*(?:for me)?\s*[.!]?$"
)


def without_stories(parts: list[list[Token]]) -> list[list[Token]]:
    """ "my sister's just moved into her first flat and the housewarming is on saturday. what
    would you recommend i bring?": a sentence that tells of someone and asks nothing is left
    out when another one asks; its occasion ("housewarming") goes with the request."""
    if len(parts) < 2:
        return parts  # nothing else to ask (and no analysis to pay)
    told = [analyse_clause(part) for part in parts]
    if not any(c.cues for c in told) and not any(
        _an_errand({t.text for t in part}) for part in parts[:-1]
    ):
        return parts
    kept: list[list[Token]] = []
    occasions: list[Token] = []
    needs: list[Token] = []
    told_of: list[Token] = []
    errands: list[int] = []
    for n, (part, c) in enumerate(zip(parts, told, strict=True)):
        words = {t.text for t in part}
        # "The best man lives in London.": no request, no product, when another part asks
        asks = any(m.signal != "FOLLOW" for m in c.cues)  # "and my stepmum collects mugs"
        reported = words & _REPORTED and words & (_STORY - {"i", "i'm"})
        told_only = (words & _STORY and not (asks and not reported)) or not (
            c.cues
            or words & lexicon.SHOPPING_NOUNS
            or c.money.currency  # "back to dollars,"
            or any(p.ordinal for p in c.refs.products)  # "the second one. add it"
        )
        # "hiya, doing the big shop for the house.": what the shopper is doing, no request
        social = all(m.signal in {"GREET", "THANKS", "AFFIRM"} for m in c.cues)
        told_only = told_only or (social and any(e <= words for e in lexicon.ERRANDS))
        # "I'm sorting out presents.", "Grabbing a few gifts.", "Shopping for the whole family
        # today!": the errand, when a later sentence names what is wanted
        errand = _an_errand(words) and any(
            set(t.text for t in p) & _NAMED_WANTS for p in parts[n + 1 :]
        )
        told_only = told_only or errand
        errands += [n] if errand else []
        told_only = told_only and not words & {"please", "pls", "plz"}  # a story never asks
        # "and my sister loves cooking - put the shakers in for her": someone else's taste,
        # told, when another part orders something
        told_only = told_only or bool(
            c.cues
            and all(m.signal in {"LIKE", "DISLIKE", "FOLLOW"} for m in c.cues)
            and words & (lexicon.PEOPLE | {"she", "he"})
            and not words & {"i", "me"}
            and any(lc.has("ADD", "CART_TO", "REMOVE", "SWAP") for lc in told)
        )
        # "a crop top is a bit much for me. Take the tank top out.": an opinion, no request,
        # when a later sentence asks about a product it names itself
        later = [w for p, lc in zip(parts[n + 1 :], told[n + 1 :], strict=True) if lc.cues
                 for w in (t.text for t in p)]  # fmt: skip
        told_only = told_only or bool(
            not c.cues and words & _OPINION and set(later) & lexicon.SHOPPING_NOUNS
        )
        # "too much. anything cheaper in accessories?": a reaction, the request after it
        told_only = told_only or bool(
            _TOO_DEAR.match(" ".join(t.text for t in part)) and len(parts) > n + 1
        )
        # "take the loafers out then, I'll get them at Shoe Barn": bought elsewhere, no add
        told_only = told_only or bool(_ELSEWHERE.match(" ".join(t.text for t in part)))
        counts = [  # "I've drawn two people": a head count is no quantity
            t for n, t in enumerate(part)
            if t.is_number and not (n + 1 < len(part) and part[n + 1].text in lexicon.PEOPLE)
        ]  # fmt: skip
        if told_only and (not counts or errand):
            # "my granddaughter tells me you also sell a hairdryer. is it very heavy?": "it"
            told_of = [t for t in part if t.text in lexicon.SHOPPING_NOUNS - _NOT_AN_ANTECEDENT]
            occasions += [t for t in part if t.text in lexicon.OCCASIONS]
            # "my dad needs new shoes. what have you got?": what is needed goes with it
            needs += [t for t in part if t.text in _NEEDED and t.text not in lexicon.PEOPLE]
            continue
        if occasions and c.cues:
            part = [*part, Token("for", "for"), *occasions]
            occasions = []
        if needs and c.cues and not (c.category or any(p.text for p in c.refs.products)):
            part = [*part, *needs]
        needs = []
        if told_of and not words & lexicon.SHOPPING_NOUNS and "it" in words:
            at = next(k for k, t in enumerate(part) if t.text == "it")
            part = [*part[:at], Token("the", "the"), *told_of[-1:], *part[at + 1 :]]
        told_of = []
        kept.append(part)
    # with no cue anywhere ("Sunglasses for my dad and a mug for my mum." after the errand),
    # all but the errand
    return kept or [part for n, part in enumerate(parts) if n not in errands] or parts


def within_the_budget_said(intents: list[Intent]) -> list[Intent]:
    """ "I've got 20 dollars. What can I get?": the search after a budget is within it."""
    budget = next((i for i in intents if i.kind == "set_budget"), None)
    limit = budget and (budget.max_price or budget.price)
    if limit is None:
        return intents
    out = []
    for i in intents:
        if i.kind == "search" and i.max_price is None and not i.relative:
            i = replace(i, max_price=limit, budget_check=False)
        elif i.budget_check and i.max_price is None:  # "100 bucks max. can I afford the watch?"
            i = replace(i, max_price=limit)
        out.append(i)
    return out


def declined_for_whom(said: list[tuple[Intent, Clause]]) -> list[tuple[Intent, Clause]]:
    """ "the mug - and can you gift wrap it for him?": who the declined part says it is for,
    the add is for (the wrapping is declined, the gift still a gift)."""
    persons = {recipient_in(c.tokens) for i, c in said if i.kind == "out_of_scope"} - {None}
    if len(persons) != 1:
        return said
    [person] = persons
    return [
        (replace(i, recipient=person) if i.kind == "add_to_cart" and not i.recipient else i, c)
        for i, c in said
    ]


def _price_seen(tokens: list[Token]) -> bool:
    """A sentence that only tells of a price ("saw them for 80 dollars at a market stall")."""
    if not any(t.is_number for t in tokens):
        return False  # (no analysis to pay for the common sentence with no amount)
    told = analyse_clause(tokens)
    return told.money.price is not None and not told.cues


_ASKED_VERBS = frozenset({"asked", "looked", "viewed", "checked"})
_THIRD_PERSON = frozenset({"he", "she", "they", "his", "her", "their", "him", "them"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
_TASTE_VERBS = frozenset(
    "love loves like likes hate hates adore adores prefer prefers into dislike dislikes "
    "stand fan obsessed".split()
)


def tastes_of_others(said: list[tuple[Intent, Clause]]) -> list[Intent]:
    """ "he hates anything black", "she loves going out": someone else's taste, never the
    shopper's. It ranks the message's search (`likes`/`dislikes` are then the recipient's)
    and is not recorded; words that name no colour, material or style are dropped."""
    out: list[Intent] = []
    others: list[Intent] = []
    for intent, c in said:
        words = [t.text for t in c.tokens]
        verb = next((n for n, w in enumerate(words) if w in _TASTE_VERBS), len(words))
        at = next(
            (n for n in range(verb - 1, -1, -1) if words[n] in _THIRD_PERSON | _FIRST_PERSON),
            None,
        )
        subject = None if at is None else words[at]
        if subject in {"my", "our"} and words[at + 1 : at + 2] and words[at + 1] in lexicon.PEOPLE:
            subject = "they"  # "my sister loves gold": hers
        if intent.kind == "style_statement" and subject in _THIRD_PERSON:
            others.append(intent)
        else:
            out.append(intent)
    if not others:
        return out

    def styled(phrases: tuple[str, ...]) -> tuple[str, ...]:
        kept = [w for p in phrases for w in p.split() if w in lexicon.STYLE_WORDS]
        return tuple(dict.fromkeys(kept))

    likes = styled(tuple(x for i in others for x in i.likes))
    dislikes = styled(tuple(x for i in others for x in i.dislikes))
    high = next((i.max_price for i in others if i.max_price is not None), None)
    low = next((i.min_price for i in others if i.min_price is not None), None)
    n = next((n for n, i in enumerate(out) if i.kind == "search"), None)
    if n is None and any(
        i.kind in {"product_info", *CART_CHANGES} and any(r.text for r in i.products) for i in out
    ):
        return out  # "she's into clothes. how much are the tank top and the candle holder?"
    if n is None:
        # "a present for my dad under 30, he hates black": picks for him
        out.insert(0, replace(others[0], kind="search", likes=(), dislikes=(), products=()))
        n = 0
    search = out[n]
    out[n] = replace(
        search,
        likes=(*search.likes, *likes),
        dislikes=(*search.dislikes, *dislikes),
        max_price=search.max_price if search.max_price is not None else high,
        min_price=search.min_price if search.min_price is not None else low,
    )
    return out


#: Words too general to be what "yours" or "them" in a later sentence stands for.
_NOT_AN_ANTECEDENT = frozenset(
    "gift gifts present presents item items product products thing things stuff something "
    "anything kitchen home decor clothes clothing outfit accessory accessories beauty".split()
)
_STANDS_FOR = (
    ("each", "of", "them"), ("both", "of", "them"), ("yours",), ("them",), ("those",), ("it",),
)  # fmt: skip


def _from_the_noun(words: list[str]) -> list[str]:
    """ "torn watch" -> "watch": a story's stray word before the product's own words."""
    known = lexicon.SHOPPING_NOUNS | lexicon.COLOURS
    first = next((i for i, w in enumerate(words) if w in known), 0)
    return words[first:]


def named_before(tokens: list[Token]) -> list[Token]:
    """ "I'm torn between the watch and the loafers for my husband. How much is each of
    them?", "my mum's hairdryer has just died. How much is yours?": a question's "them" or
    "yours" is what an earlier sentence of the message named (when it names nothing itself)."""
    ends = [
        i for i, t in enumerate(tokens)
        if t.text in {".", "!", "?"} or (t.text in {",", "-"} and _orders_at(tokens, i + 1))
    ]  # fmt: skip
    if not ends or ends[0] == len(tokens) - 1:
        return tokens  # one sentence
    start = ends[0] + 1
    if agreed_to([t.text for t in tokens[:start]]):
        return tokens  # "tea lights it is. drop it to four": agreed to, not what "it" is
    before = analyse_clause(tokens[:start])
    named = [
        " ".join(_from_the_noun(m.split())) for m in before.refs.mentions
        if set(m.split()) & lexicon.SHOPPING_NOUNS and not set(m.split()) & _NOT_AN_ANTECEDENT
    ]  # fmt: skip
    if not named:
        return tokens
    rest = tokens[start:]
    if analyse_clause(rest).refs.mentions:
        return tokens  # the question names its own product
    words = [t.text for t in rest]
    for phrase in _STANDS_FOR:
        for i in range(len(words) - len(phrase) + 1):
            if tuple(words[i : i + len(phrase)]) == phrase:
                said = prepare_tokens(" and ".join(f"the {m}" for m in named))
                head = rest[:i]
                if (
                    head
                    and "pair" in head[-1].raw
                    and len(named) == 1
                    and set(named[0].split()) & lexicon.PAIR_NOUNS
                ):  # "a pair of those" (the sunglasses): one pair
                    head = [*head[:-1], replace(head[-1], text="1", value=Decimal(1))]
                tail = rest[i + len(phrase) :]
                person = recipient_in(tokens[:start])
                if person and recipient_in(rest) is None:  # "loafers for my dad - add them"
                    end = len(tail) - (bool(tail) and not tail[-1].is_word)
                    tail = [*tail[:end], Token("for", "for"), Token(person, person), *tail[end:]]
                return [*tokens[:start], *head, *said, *tail]
    return tokens


#: Verbs that order what was just named: "the shakers are perfect for her, add them".
_ORDER_VERBS = frozenset({"add", "put", "get", "buy", "order", "grab", "throw", "pop"})


def _orders_at(tokens: list[Token], i: int) -> bool:
    """Whether an order for something ("add them", "so please get it") starts at token i."""
    while i < len(tokens) and tokens[i].text in {"so", "and", "please", "just", "then"}:
        i += 1
    return i < len(tokens) and tokens[i].text in _ORDER_VERBS


def with_asked_about(tokens: list[Token], ctx: ConversationContext) -> list[Token]:
    """ "the first thing I asked about", "the second one I looked at": that product of the
    ones asked about one at a time, by name (the last is "it", see `rewrites`)."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        position = lexicon.ORDINALS.get(word)
        if position is None or position < 1 or not (0 < position <= len(ctx.asked_about_names)):
            continue
        j = i + 1 + (i + 1 < len(words) and words[i + 1] in {"thing", "one", "product", "item"})
        j += j < len(words) and words[j] == "that"
        if words[j : j + 1] not in (["i"], ["we"]) or j + 1 >= len(words):
            continue
        if words[j + 1] not in _ASKED_VERBS:
            continue
        end = j + 2 + (j + 2 < len(words) and words[j + 2] in {"you", "u"})
        end += end < len(words) and words[end] in {"about", "at"}
        start = i - (i > 0 and words[i - 1] == "the")
        name = ctx.asked_about_names[position - 1]
        return [*tokens[:start], *prepare_tokens(f"the {name}"), *tokens[end:]]
    return tokens


def topic_joined(parts: list[list[Token]], ctx: ConversationContext) -> list[list[Token]]:
    """ "the mugs, make it 4": a clause that only names a product, then a request that names
    none, is one request about that product."""
    if len(parts) < 2:
        return parts
    out: list[list[Token]] = []
    for part in parts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and only_names(prev, ctx)
            and not is_an_order(prev)
            and not agreed_to([t.text for t in prev])
        ):  # "tea lights it is. drop it to four": agreed to, not the topic of what follows
            after = analyse_clause(part)
            declined = after.has("NOT_OURS", "SERVICE")  # "the mug - can you gift wrap it?"
            if after.cues and not any(p.text for p in after.refs.products) and not declined:
                out[-1] = [*prev, Token(",", ","), *part]
                continue
        if prev is not None and _price_seen(prev):
            after = analyse_clause(part)
            if after.has("DEAL") and after.money.price is None:
                # "saw them for 80 dollars at a market stall. is that a good deal?": that price
                out[-1] = [*prev, Token(",", ","), *part]
                continue
        out.append(part)
    return out
