"""Rewrites of a message's tokens before its clauses are analysed.

Each turns a way of saying something into the plain form the rest of the planner reads:
"given that, what should I get?" loses its lead-in; "the second one from that list" loses
where the position counts from; "keep only the watch and bin the rest" becomes "remove
everything except the watch"; and in a clause, a story before the request that names its own
product is left out ("my sister just moved, so could you add the shakers?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from cartmate.planner import lexicon
from cartmate.planner.analysis import analyse_clause
from cartmate.planner.decide import ASKING, generic_ref
from cartmate.planner.descriptions import described_things_named
from cartmate.planner.dictation import as_dictated
from cartmate.planner.head_counts import people_counted
from cartmate.planner.money_phrases import currency_at
from cartmate.planner.plainly import plainly_said
from cartmate.planner.text import Token, agreed_to
from cartmate.planner.whichever import whichever_said_plainly

__all__ = ["rewrite_message", "without_afterword", "without_preamble"]


def rewrite_message(tokens: list[Token]) -> list[Token]:
    """The whole message's rewrites, in this order: courteous wrappings said plainly (`plainly`),
    dictation's homophones put back (`dictation`), things described by what they are for said by
    their names (`descriptions`), "whichever is cheaper" (`whichever`), "brb", second-language
    wordings ("most cheap"), "list: ...", "idk", "gold isn't me" / "silver all the way" / "I'm a
    casual dresser", "... that would suit me", "matching ...", "2" for "to", "a total ...",
    "more than I want to spend", ", so ..." after a reason, a head count, "changed my mind about
    waiting", "the limit is ... what could I get", a purpose, a closing ", please", "great,"
    before a count, "before his birthday", "those are for him, not me.", "for dad, he loves
    coffee - a mug", "last time", ", the bathroom one would get steamed up", lead-in, list
    qualifier, "the one you showed first", "get me the cheaper of the two", "a set of", ", two
    sets", "for each of the twins", "one for each of", "4, one for each windowsill", "one for me
    too", "add 1 and a tank top", "with it" after an add, "remove all but one (of the mugs)",
    keep-only, "after all", "just the one", "the last thing I added", "that's not what I meant,
    I wanted X", a product or request taken back, "(undo that,) 4 was right", "three not two",
    "pounds, not euros", a count corrected in passing, a trailing count, "what about 999", "X
    instead of Y"."""
    for rewrite in (
        plainly_said, as_dictated, described_things_named, whichever_said_plainly,
        _negative_amount, _return_to_currency, _no_alerts_now, _not_adding, _not_this_count,
        _negated_traits, _back_soon,
        _plain_english, _question_then_nots, _reference_then_count,
        _someone_needs_none, _list_after_colon,
        _without_text_speak, _comma_then_question, _price_remark_first, _plus_and_with_as_and,
        _taste_idioms,
        _relative_suits,
        _matching_alike, _two_for_to,
        _not_a_total,
        _without_spending_talk, _so_then_ask, _how_many_we_are, _mind_changed_about_doing,
        _budget_then_ask, _without_purpose, _closing_please, _leading_acknowledgement,
        _without_occasion, _without_whose_remark, _without_aside, _without_when,
        _without_remark, _without_lead_in,
        _without_list_qualifier,
        _one_shown_at, _pick_of_shown, _a_set_of, _count_in_sets, _count_of_the_cheap,
        _without_what_each_holds,
        _without_settled_remark,
        _head_count, _one_each,
        _one_for_each_reason,
        _one_for_them_too, _count_of_it, _without_with_it, _all_but_a_count, _keep_only,
        _without_after_all,
        _just_the_one, _last_added, _swap_a_category, _alert_moved, _not_that_but,
        _made_it_another,
        _no_one_of_those,
        _no_the_other,
        _meant_a_number,
        _not_what_i_meant,
        _self_corrected,
        _count_was_right,
        _not_the_other_count, _not_the_other_currency, _corrected_count, _trailing_count,
        _what_about_count, _instead_of,
    ):  # fmt: skip
        tokens = rewrite(tokens)
    return tokens


#: "... that isn't black", "which aren't in accessories", "that's not a mug": what to leave out.
_NOT_A_TRAIT = (
    ("that", "is", "not"), ("that", "are", "not"), ("which", "is", "not"),
    ("which", "are", "not"), ("that", "is", "not", "in"), ("that", "are", "not", "in"),
    ("which", "is", "not", "in"), ("which", "are", "not", "in"), ("not", "in"),
    ("that", "does", "not", "come", "in"), ("that", "do", "not", "come", "in"),
)  # fmt: skip
#: "any gifts without a price over 25?", "nothing over 20": at most that much.
_NOT_OVER = (
    ("without", "a", "price", "over"), ("without", "a", "price", "above"),
    ("with", "no", "price", "over"), ("without", "going", "over"), ("nothing", "over"),
    ("none", "over"), ("not", "over"), ("nothing", "above"), ("not", "above"),
)  # fmt: skip


_NOT_ADDING = (
    ("do", "not", "add"), ("do", "not", "put"), ("i", "am", "not", "buying"),
    ("not", "buying"), ("i", "am", "not", "adding"), ("not", "adding"),
)  # fmt: skip
_WHAT_NOT_ADDED = frozenset(
    {"it", "them", "that", "those", "these", "this", "anything", "yet", "now", "for", "in",
     "to", "my", "the", "cart", "basket", "just", "right", "away", "any", "more"}
)  # fmt: skip


def _return_to_currency(tokens: list[Token]) -> list[Token]:
    """ "I shall return to US dollars after all": back to that currency (no return of goods)."""
    for i in range(len(tokens) - 2):
        if (
            tokens[i].text in {"return", "revert"}
            and tokens[i + 1].text == "to"
            and currency_at(tokens, i + 2) is not None
        ):
            back = [
                replace(tokens[i], text="go", raw="go"),
                replace(tokens[i], text="back", raw="back"),
            ]
            return [*tokens[:i], *back, *tokens[i + 1 :]]
    return tokens


def _no_alerts_now(tokens: list[Token]) -> list[Token]:
    """ "no alerts for now - just show me the cart": nothing to do with alerts (dropped)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i] != "no" or words[i + 1] not in {"alert", "alerts"}:
            continue
        stop = i + 2
        for tail in (["for", "now"], ["right", "now"], ["today"], ["thanks"], ["yet"],
                     ["thank", "you"], ["please"]):  # fmt: skip
            if words[stop : stop + len(tail)] == tail:
                stop += len(tail)
                break
        else:
            continue
        if stop < len(words) and words[stop] in {",", ".", "-", "!", ";"}:
            stop += 1
        return [*tokens[:i], *tokens[stop:]]
    return tokens


def _not_adding(tokens: list[Token]) -> list[Token]:
    """ "don't add it yet, just tell me the price", "how much is it? I'm not buying it": no
    add, only the question (the words saying so are dropped, with their comma)."""
    words = [t.text for t in tokens]
    for i in range(len(words)):
        found = next((p for p in _NOT_ADDING if tuple(words[i : i + len(p)]) == p), None)
        if found is None:
            continue
        stop = i + len(found)
        while stop < len(words) and words[stop] in _WHAT_NOT_ADDED:
            stop += 1
        if stop < len(words) and words[stop] not in {",", ".", "-", "!", ";"}:
            continue  # "don't add the mug, add the jar": a product named, left to the rest
        start = i - 1 if i > 0 and words[i - 1] in {",-"} else i
        rest = [*tokens[:start], *tokens[stop + 1 :]]
        return rest if any(t.is_word for t in rest) else tokens
    return tokens


def _not_this_count(tokens: list[Token]) -> list[Token]:
    """ "put two mugs in. actually no, not two - three": the count said first becomes three,
    and the correction goes."""
    words = [t.text for t in tokens]
    for i in range(1, len(tokens) - 2):
        if words[i] != "not" or not tokens[i + 1].is_number:
            continue
        j = i + 2 + (words[i + 2] in {",", "-", "but"})
        if j >= len(tokens) or not tokens[j].is_number:
            continue
        said = [
            k for k in range(i) if tokens[k].is_number and tokens[k].value == tokens[i + 1].value
        ]
        if not said:
            continue
        start = i
        while start > said[-1] + 1 and words[start - 1] in {
            ",",
            ".",
            "-",
            "actually",
            "no",
            "wait",
            "sorry",
            "oh",
            "hmm",
        }:
            start -= 1  # fmt: skip
        fixed = [*tokens[: said[-1]], tokens[j], *tokens[said[-1] + 1 : start]]
        return [*fixed, *tokens[j + 1 :]]
    return tokens


def _negated_traits(tokens: list[Token]) -> list[Token]:
    """ "something under 20 that isn't black", "what do you have that's not in accessories?":
    an exception ("except black"), so the search leaves those out rather than looking for
    them; "gifts without a price over 25": at most 25; "never show me gold things": not
    wanted, ever (a dislike)."""
    words = [t.text for t in tokens]
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        over = next((p for p in _NOT_OVER if tuple(words[i : i + len(p)]) == p), None)
        if over is not None and i + len(over) < len(tokens) and tokens[i + len(over)].is_number:
            out += [replace(tokens[i], text="at", raw="at"),
                    replace(tokens[i], text="most", raw="most")]  # fmt: skip
            i += len(over)
            continue
        trait = max((p for p in _NOT_A_TRAIT if tuple(words[i : i + len(p)]) == p),
                    key=len, default=None)  # fmt: skip
        after = words[i + len(trait)] if trait is not None and i + len(trait) < len(words) else ""
        if after in {"a", "an", "the"} and trait is not None and i + len(trait) + 1 < len(words):
            after = words[i + len(trait) + 1]
        if trait is not None and trait[-1] == "in" and after not in lexicon.CATEGORY_WORDS:
            trait = None  # "not in euros, in pounds": a currency taken back, no category
        if trait is not None and not (
            after in lexicon.STYLE_WORDS
            or after in lexicon.CATEGORY_WORDS
            or after in lexicon.SHOPPING_NOUNS
            or after.rstrip("s") in lexicon.SHOPPING_NOUNS
        ):
            trait = None  # "that's not what I meant": no trait, nothing left out
        if trait is not None and i > 0 and after:
            out.append(replace(tokens[i], text="except", raw="except"))
            i += len(trait)
            if words[i] in {"a", "an", "the"}:
                i += 1
            continue
        if words[i : i + 3] == ["never", "show", "me"]:
            out += [replace(tokens[i], text=w, raw=w) for w in ("i", "do", "not", "like")]
            i += 3
            continue
        out.append(tokens[i])
        i += 1
    return out


def _negative_amount(tokens: list[Token]) -> list[Token]:
    """ "negative 5 dollars", "minus 10": the amount below zero, as "-5" would be (a price
    no one can set, refused plainly rather than read as a product called "negative")."""
    out: list[Token] = []
    for token in tokens:
        if out and out[-1].text in {"negative", "minus"} and token.value is not None:
            out[-1] = replace(token, text=f"-{token.text}", raw=f"-{token.raw}",
                              value=-token.value)  # fmt: skip
            continue
        out.append(token)
    return out


def _head_count(tokens: list[Token]) -> list[Token]:
    """ "a pair of sunglasses for each of the twins" (2), "one mug each for me, my partner
    and our two kids" (4), "a hairdryer for each of my 3 girls": the product said once, that
    many of it; who they are for names no product. A group whose size is not said ("a mug
    for each of the kids") is left alone."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 3):
        # "add mugs for my two kids": a plural with no count of its own, one each
        plural = words[i - 1].endswith("s") and words[i - 1] in lexicon.SHOPPING_NOUNS
        plural = plural and words[i - 1] not in {"gifts", "presents", "accessories"}
        uncounted = i < 2 or not (tokens[i - 2].is_number or words[i - 2] in {"a", "an", "the"})
        if words[i] == "for" and words[i + 1] in {"my", "our"} and tokens[i + 2].is_number:
            count, _ = people_counted(tokens, i + 1)
            if count and count > 1 and plural and uncounted:
                number = Token(str(count), tokens[i + 2].raw, value=Decimal(count))
                return [*tokens[: i - 1], number, *tokens[i - 1 :]]
    for i in range(len(words) - 2):
        if words[i : i + 3] == ["for", "each", "of"]:
            count, end = people_counted(tokens, i + 3)
        elif words[i : i + 2] == ["each", "for"]:
            count, end = people_counted(tokens, i + 2)
        else:
            continue
        if count is None or count < 2:
            continue
        # the count said before the product ("one mug", "a pair of"): that many instead
        for d in range(i - 1, max(-1, i - 7), -1):
            if words[d] in {"a", "an", "one"} or (tokens[d].is_number and tokens[d].value == 1):
                after = d + 1
                if words[after : after + 2] in (["pair", "of"], ["set", "of"]):
                    after += 2
                number = Token(str(count), tokens[d].raw, value=Decimal(count))
                return [*tokens[:d], number, *tokens[after:i], *tokens[end:]]
            if not tokens[d].is_word or words[d] in {"for", "and"}:
                break
    return tokens


#: Wordings of English as a second language, and their usual English (the same meaning):
#: "which is most cheap?", "kindly share the rate of the hair dryer", "how much is
#: difference?". Matched as whole token runs.
_PLAIN_ENGLISH: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("most", "cheap"), ("cheapest",)),
    (("more", "cheap"), ("cheaper",)),
    (("most", "cheaper"), ("cheapest",)),
    (("more", "cheaper"), ("cheaper",)),
    (("kindly", "share"), ("tell", "me")),
    (("kindly", "tell"), ("tell",)),
    (("the", "rate", "of"), ("the", "price", "of")),
    (("is", "difference"), ("is", "the", "difference")),
    (("is", "total"), ("is", "the", "total")),
    (("final", "amount"), ("total",)),
    (("total", "amount"), ("total",)),
    (("by", "a", "fifth"), ("by", "20", "%")),  # "tell me when they drop by a fifth"
    (("by", "a", "quarter"), ("by", "25", "%")),
    (("by", "a", "tenth"), ("by", "10", "%")),
    (("by", "a", "half"), ("by", "50", "%")),
    (("by", "half"), ("by", "50", "%")),
    (("in", "us", "?"), ("in", "usd", "?")),  # "and in US?": US dollars
    (("in", "us", "."), ("in", "usd", ".")),
    (("saw", "1"), ("saw", "it")),  # "saw one for a tenner": one of it, no count
    (("seen", "1"), ("seen", "it")),
    (("found", "1"), ("found", "it")),
    (("a", "tenner"), ("10",)),  # "saw one for a tenner"
    (("a", "fiver"), ("5",)),
    (("how", "much", "cost"), ("how", "much", "is")),  # "how much cost the watch?"
    (("how", "much", "costs"), ("how", "much", "is")),
)
_WH_WORDS = frozenset({"what", "where", "how", "which", "when", "why"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "it", "they", "he", "she"})
_MODALS_TO_INVERT = frozenset({"can", "could", "should", "will", "would", "must", "may"})
#: "you have mug?": a question without its "do" (at a sentence's start).
_BARE_QUESTIONS = {("you", "have"): "do", ("you", "sell"): "do", ("you", "got"): "have"}


def _plain_english(tokens: list[Token]) -> list[Token]:
    """Second-language wordings put the usual way (`_PLAIN_ENGLISH`), and "you have mug?"
    asked as "do you have mug?"."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        words = tuple(t.text for t in tokens[i : i + 3])
        for said, usual in _PLAIN_ENGLISH:
            if words[: len(said)] == said:
                out += [
                    Token(w, tokens[i].raw, value=Decimal(w) if w.isdigit() else None)
                    for w in usual
                ]
                i += len(said)
                break
        else:
            if (
                tokens[i].is_number
                and words[1:2] in (("piece",), ("pieces",), ("pcs",), ("pc",))
                and words[2:3] != ("of",)
            ):
                # "that one also, two piece": two of it
                out += [tokens[i], Token("of", tokens[i].raw), Token("them", tokens[i].raw)]
                i += 2
                continue
            if (
                len(words) == 3
                and words[0] in _WH_WORDS
                and words[1] in _SUBJECT_PRONOUNS
                and words[2] in _MODALS_TO_INVERT
            ):
                # "what i can keep in the jar?": "what can i keep ..."
                out += [tokens[i], tokens[i + 2], tokens[i + 1]]
                i += 3
                continue
            starts = not out or out[-1].is_boundary or out[-1].text == ","
            lead = _BARE_QUESTIONS.get(words[:2]) if starts else None
            if lead and "?" in (t.text for t in tokens[i : _sentence_end(tokens, i) + 1]):
                out.append(Token(lead, tokens[i].raw))
            out.append(tokens[i])
            i += 1
    return out


def _question_then_nots(tokens: list[Token]) -> list[Token]:
    """ "you have other thing for kitchen? not mug, not jar": what the question leaves out,
    said after it ("... except mug and jar?"), not a correction of anything."""
    words = [t.text for t in tokens]
    if "?" not in words:
        return tokens
    q = words.index("?")
    end = _sentence_end(tokens, q + 1)
    tail = tokens[q + 1 : end]
    if len(tail) < 2 or tail[0].text != "not":
        return tokens
    parts: list[list[Token]] = [[]]
    for token in tail[1:]:
        if token.text in {",", "and", "or", "nor"}:
            continue
        if token.text == "not":
            parts.append([])
        else:
            parts[-1].append(token)
    if not all(parts):
        return tokens
    named: list[Token] = [Token("except", tail[0].raw)]
    for n, part in enumerate(parts):
        named += ([Token("and", tail[0].raw)] if n else []) + part
    return [*tokens[:q], *named, tokens[q], *tokens[end:]]


_TAKING = (("give", "me"), ("i", "take"), ("i", "will", "take"), ("i", "want"), ("i", "need"),
           ("i", "will", "have"))  # fmt: skip


def _reference_then_count(tokens: list[Token]) -> list[Token]:
    """ "ok the more cheap one, give me two", "the cheaper one, two please": the count is of
    the one pointed at ("give me two of the cheaper one")."""
    words = [t.text for t in tokens]
    if "," not in words:
        return tokens
    comma = words.index(",")
    start = 1 if words[:1] in (["ok"], ["okay"]) else 0
    pointed = words[start:comma]
    if len(pointed) < 2 or pointed[0] != "the" or pointed[-1] not in {"one", "ones"}:
        return tokens
    k = comma + 1
    taking = next((t for t in _TAKING if tuple(words[k : k + len(t)]) == t), ())
    k += len(taking)
    if k >= len(tokens) or not tokens[k].is_number:
        return tokens
    rest = [t.text for t in tokens[k + 1 :]]
    if any(w not in {"please", "pls", "plz", ".", "!", "then"} for w in rest):
        return tokens
    add = [Token("add", tokens[k].raw)]
    return [*add, tokens[k], Token("of", tokens[k].raw), *tokens[start:comma], *tokens[k + 1 :]]


_NOT_NAMES = frozenset({"i", "it", "this", "that", "you", "we", "they", "he", "she", "one"})
_NOT_NEEDING = (("does", "not", "need"), ("will", "not", "need"), ("no", "longer", "needs"))


def _someone_needs_none(tokens: list[Token]) -> list[Token]:
    """ "my sister doesn't need the tank top, she's going to borrow mine": one person drops
    out, so one fewer of it (the line may hold others' too); why is no request."""
    words = [t.text for t in tokens]
    for k in range(1, len(words) - 3):
        said = next((n for n in _NOT_NEEDING if tuple(words[k : k + len(n)]) == n), None)
        if said is None:
            continue
        who = tokens[k - 1]
        person = (
            who.text in lexicon.PEOPLE - {"myself", "ourselves", "themselves"}
            or (who.text in {"he", "she"})
            or (who.is_word and who.raw[:1].isupper() and who.text not in _NOT_NAMES)
        )
        if not person or who.text.endswith("s"):
            continue  # "the kids don't need ...": how many is not said
        start = k - 1
        while start > 0 and words[start - 1] in {"my", "our", "his", "her", "their"}:
            start -= 1
        end = k + len(said)
        stop = _sentence_end(tokens, end)
        comma = next((j for j in range(end, stop) if words[j] == ","), stop)
        product = tokens[end:comma]
        if not product or product[0].text not in {"the", "her", "his", "their", "that", "this"}:
            continue  # "doesn't need anything fancy": no product in the cart named
        take = [Token("remove", who.raw), Token("1", who.raw, value=Decimal(1))]
        return [*tokens[:start], *take, *product, *tokens[stop:]]
    return tokens


#: Before a colon, words that make what follows it a list of things to buy.
_LIST_LEADS = frozenset({"list", "order", "go", "sorted", "need", "needs", "want", "wants"})


def _list_after_colon(tokens: list[Token]) -> list[Token]:
    """ "Weekly list: mugs x2, one bamboo jar and the shakers", "Presents sorted in one go:
    the watch for my dad, ...", "stocking up for me and my three housemates: a mug each and
    a jar each": what follows the colon is the order ("add ..."); a head count before it
    makes "a mug each" that many mugs."""
    words = [t.text for t in tokens]
    if ":" not in words or "?" in words:
        return tokens
    colon = words.index(":")
    start = colon
    while start > 0 and not tokens[start - 1].is_boundary:
        start -= 1
    lead = set(words[start:colon])
    count = None
    for i in range(start, colon):
        if words[i] == "for":
            count, _ = people_counted(tokens, i + 1)
            break
    listed = lead & _LIST_LEADS or any(e <= lead for e in lexicon.ERRANDS) or (count or 0) > 1
    if not listed or colon + 2 >= len(words):
        return tokens
    rest = tokens[colon + 1 :]
    if count and count > 1:
        rest = _each_counted(rest, count)
    return [*tokens[:start], Token("add", tokens[colon].raw), *rest]


def _each_counted(tokens: list[Token], count: int) -> list[Token]:
    """ "a mug each and a jar each" for four people: "4 mug and 4 jar"."""
    out: list[Token] = []
    for token in tokens:
        if token.text != "each":
            out.append(token)
            continue
        for d in range(len(out) - 1, max(-1, len(out) - 5), -1):
            if out[d].text in {"a", "an", "one"} or (out[d].is_number and out[d].value == 1):
                out[d] = Token(str(count), out[d].raw, value=Decimal(count))
                break
    return out


#: What takes back the product or request just said: "the watch, no wait, the sunglasses".
_CORRECTIONS = (
    ("no", "wait"), ("wait", "no"), ("oh", "actually"), ("actually",), ("sorry",),
    ("i", "mean"), ("i", "meant"), ("or", "rather"), ("scratch", "that"), ("no",),
)  # fmt: skip
#: A request of its own after the take-back replaces the one before it.
_ACTIONS = ("ADD", "REMOVE", "DECREASE", "INCREASE", "CART_TO", "CART_FROM", "SWAP", "EMPTY")
_PRONOUNS = frozenset({"it", "them", "those", "that", "these", "this"})
_PRODUCT_WORDS = lexicon.SHOPPING_NOUNS - lexicon.COLOURS - lexicon.STYLE_WORDS


def _correction_at(words: list[str], i: int) -> int:
    """Length of a take-back said at i (after a comma or sentence end), else 0. Typed fast
    with no comma, only the unmistakable ones count: "add the mug no wait the jar"."""
    if i == 0:
        return 0
    punctuated = words[i - 1] in {",", ".", "!", "-"}
    for phrase in _CORRECTIONS:
        if tuple(words[i : i + len(phrase)]) == phrase and (punctuated or phrase in _BARE):
            return len(phrase)
    return 0


_BARE = frozenset({("no", "wait"), ("wait", "no"), ("or", "rather"), ("scratch", "that")})


#: "that's not what I meant", "that isn't what I asked for", "wrong one": the last action was
#: wrong; what follows says what was meant.
_NOT_WHAT = (
    ("that", "is", "not", "what", "i", "meant"), ("that", "is", "not", "what", "i", "wanted"),
    ("that", "is", "not", "what", "i", "asked", "for"), ("that", "is", "not", "what", "i", "said"),
    ("not", "what", "i", "meant"), ("not", "what", "i", "wanted"), ("wrong", "1"),
    ("wrong", "one"),
)  # fmt: skip
_WANTED = (("i", "wanted"), ("i", "want"), ("i", "asked", "for"), ("i", "said"))


def _swap_a_category(tokens: list[Token]) -> list[Token]:
    """ "swap all the kitchen things for the hairdryer": "remove all the kitchen things and
    add the hairdryer" (a swap of one product is understanding's; this is of a category)."""
    words = [t.text for t in tokens]
    if words[:1] not in (["swap"], ["replace"], ["switch"]) or "for" not in words:
        return tokens
    f = words.index("for")
    said = [w for w in words[1:f] if w not in {"all", "the", "my", "of"}]
    if len(said) != 2 or said[0] not in lexicon.CATEGORY_WORDS or said[1] not in _CATEGORY_NOUNS:
        return tokens
    remove = [Token("remove", tokens[0].raw), *tokens[1:f]]
    return [*remove, Token("and", "and"), Token("add", tokens[f].raw), *tokens[f + 1 :]]


_CATEGORY_NOUNS = frozenset({"things", "stuff", "items", "products", "bits"})


def _alert_moved(tokens: list[Token]) -> list[Token]:
    """ "move the alert to the watch": "the alert to the watch" (the verb is no product; the
    policy reads the move from the message itself)."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words[:-1]):
        if word in {"move", "switch", "transfer"}:
            j = i + 1 + (words[i + 1] in {"the", "my", "that", "this"})
            if j < len(words) and words[j] in {"alert", "alerts"}:
                return [*tokens[:i], *tokens[i + 1 :]]
    return tokens


def _not_that_but(tokens: list[Token]) -> list[Token]:
    """ "not that candle holder thing, the shakers - what do they cost?": "I meant the shakers
    ...", the product taken back at the start gone; "no wait not the mug the salt n pepper
    shakers", dictated: "not the mug, the salt and pepper shakers" (a swap after an add)."""
    lead = 0  # "no wait not the mug the salt n pepper shakers", dictated without commas
    while lead < len(tokens) and tokens[lead].text in {"no", "wait", ",", "oh", "sorry"}:
        lead += 1
    tokens = (
        tokens[lead:] if lead and tokens[lead : lead + 1] and tokens[lead].text == "not" else tokens
    )
    words = [t.text for t in tokens]
    if words[:1] != ["not"] or words[1:2] not in (["that"], ["the"], ["this"]):
        return tokens
    comma = next((i for i, w in enumerate(words) if w in {",", "-", ";"}), None)
    if comma is None:  # no comma: the second "the" starts what was meant
        second = next((i for i in range(2, min(len(words), 7)) if words[i] == "the"), None)
        if second is None:
            return tokens
        tokens = [*tokens[:second], Token(",", ","), *tokens[second:]]
        words = [t.text for t in tokens]
        comma = second
    if comma > 6 or words[comma + 1 : comma + 2] not in (["the"], ["a"]):
        return tokens
    rest = words[comma + 1 :]
    if "?" not in rest and not {"what", "how", "which", "is", "are"} & set(rest):
        return tokens  # "not the mug, the candle holder": a swap after an add (understanding)
    said = [Token("i", tokens[0].raw), Token("meant", tokens[0].raw)]
    return [*said, *tokens[comma + 1 :]]  # "..., the shakers - what do they cost?": those


def _made_it_another(tokens: list[Token]) -> list[Token]:
    """ "scratch that, make it the sunglasses instead": "I meant the sunglasses" (the product
    just acted on was the wrong one; a count, "make it 3", stays a count)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i : i + 2] not in (["make", "it"], ["make", "that"]):
            continue
        if words[i + 2] not in {"the", "a", "an"}:
            return tokens
        before = [w for w in words[:i] if w not in {",", ".", "!", "-"}]
        taken_back = before in ([], ["scratch", "that"], ["no"], ["actually"], ["sorry"])
        if taken_back and ("instead" in words or before):
            said = [Token("i", tokens[i].raw), Token("meant", tokens[i].raw)]
            return [*said, *(t for t in tokens[i + 2 :] if t.text != "instead")]
        return tokens
    return tokens


def _no_one_of_those(tokens: list[Token]) -> list[Token]:
    """ "hmm, no, one of those should be 14": the "no" only prefaces the correction."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words[:4]):
        if word == "no" and [w for w in words[i + 1 : i + 4] if w != ","][:2] in (
            ["1", "of"],
            ["one", "of"],
        ):
            return [t for t in tokens[i + 1 :] if t.text != ","] if i < 3 else tokens
    return tokens


def _no_the_other(tokens: list[Token]) -> list[Token]:
    """ "no no, the black one", "no, the jar": a correction of what was just done, "I meant
    the black one" (the whole message; "no, the mug is fine" says more)."""
    cut = next(
        (i for i in range(1, len(tokens)) if tokens[i].text == "not" and tokens[i - 1].text == ","),
        len(tokens),
    )  # "no no, the candle holder, not the tank top": what is not meant goes
    kept = tokens[: cut - 1] if cut < len(tokens) else tokens
    words = [t.text for t in kept if t.text not in {",", ".", "!", "-"}]
    lead = 0
    while lead < len(words) and words[lead] in {"no", "nope", "wait"}:
        lead += 1
    rest = words[lead:]
    if not lead or "no" not in words[:lead] or rest[:1] != ["the"] or not 2 <= len(rest) <= 4:
        return tokens
    if any(w in {"is", "are", "was", "not"} for w in rest):
        return tokens
    start = next(i for i, t in enumerate(kept) if t.text == "the")
    said = [Token("i", tokens[0].raw), Token("meant", tokens[0].raw)]
    return [*said, *kept[start:]]


def _meant_a_number(tokens: list[Token]) -> list[Token]:
    """ "oops, typo - I meant 16": "make it 16", the count or the alert's target just said,
    said again (a number alone after "I meant" names no product)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i : i + 2] not in (["i", "meant"], ["i", "mean"]) or not tokens[i + 2].is_number:
            continue
        if all(not t.is_word for t in tokens[i + 3 :]):
            made = [Token("make", tokens[i].raw), Token("it", tokens[i + 1].raw)]
            return [*made, *tokens[i + 2 :]]
    return tokens


def _not_what_i_meant(tokens: list[Token]) -> list[Token]:
    """ "that's not what I meant, I wanted the black one": "I meant the black one" (the one
    just added comes out, the black one goes in). Alone, it stays a take-back."""
    words = [t.text for t in tokens]
    for i in range(len(words)):
        phrase = next((p for p in _NOT_WHAT if tuple(words[i : i + len(p)]) == p), None)
        if phrase is None:
            continue
        j = i + len(phrase)
        later = words[j:]
        if any(later[k : k + 3] == ["the", "other", "one"] for k in range(len(later))):
            # "wrong one, the other mug... I mean the other one": the other one was meant
            said = ("i", "meant", "the", "other", "one")
            return [*tokens[:i], *(Token(w, tokens[i].raw) for w in said)]
        if j >= len(words) or words[j] not in {",", ".", "-", ";"}:
            return tokens
        k = j + 1
        lead = next((w for w in _WANTED if tuple(words[k : k + len(w)]) == w), None)
        if lead is not None:
            k += len(lead)
        elif words[k : k + 2] != ["i", "meant"]:
            return tokens
        else:
            k += 2
        meant = [Token("i", tokens[i].raw), Token("meant", tokens[i].raw)]
        return [*tokens[:i], *meant, *tokens[k:]]
    return tokens


def _self_corrected(tokens: list[Token]) -> list[Token]:
    """A product or request taken back in the same message, and what replaces it:

    - "and the watch, no wait, the sunglasses instead", "put in a tank top. no, make it a
      pair of loafers": the new product where the old one was said;
    - "remove the mug, oh actually, just take one of them out": the new request, with
      "them" the product said before.

    Only when the part before names a product; a count alone ("add a mug, actually make that
    two") is `_corrected_count`'s."""
    words = [t.text for t in tokens]
    for k in range(2, len(words)):
        n = _correction_at(words, k)
        if not n:
            continue
        end = k
        while end > 0 and words[end - 1] in {",", ".", "!", "-"}:
            end -= 1
        head, tail = tokens[:end], tokens[k + n :]
        while tail:  # "sorry, I meant ...", "no, make it a pair of loafers"
            said = [t.text for t in tail[:2]]
            more = next((len(p) for p in _CORRECTIONS if tuple(said[: len(p)]) == p), 0)
            skip = (
                1 if said[:1] == [","] else more or 2 * (said in (["make", "it"], ["make", "that"]))
            )
            if not skip:
                break
            tail = tail[skip:]
        if agreed_to(words[:end]):
            continue  # "fine, tea lights it is. actually drop it to four": agreed, not taken back
        said = analyse_clause(head)
        named = [r for r in said.refs.products if r.text and not generic_ref(r)]
        if len(named) != 1 or not said.refs.mention_tokens:
            continue
        if not said.has(*_ACTIONS) and not set((named[0].text or "").split()) & _PRODUCT_WORDS:
            continue  # "oops wrong one, I meant the sunglasses": no product was said before
        start = min(said.refs.mention_tokens)
        while start > 0 and (
            head[start - 1].is_number or head[start - 1].text in {"a", "an", "the", "some"}
        ):
            start -= 1
        stop = max(said.refs.mention_tokens) + 1
        mention = head[start:stop]
        new = analyse_clause(tail)
        if new.has(*_ACTIONS):
            if any(r.text and not generic_ref(r) for r in new.refs.products):
                return tail  # "..., actually remove the jar": that request instead
            return [u for t in tail for u in (mention if t.text in _PRONOUNS else [t])]
        if any(r.text and not generic_ref(r) for r in new.refs.products):
            kept = [t for t in tail if t.text not in {"instead", "then"}]
            return [*head[:start], *kept, *head[stop:]]
    return tokens


_RIGHT = frozenset("right fine correct ok okay better good perfect".split())


def _count_was_right(tokens: list[Token]) -> list[Token]:
    """ "no, undo that, 4 was right": "make it 4" (the count said right is the quantity; the
    undo before it says the same)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if not (tokens[i].is_number and words[i + 1] in {"was", "is"} and words[i + 2] in _RIGHT):
            continue
        start = i
        while start > 0 and words[start - 1] in {",", "-"}:
            start -= 1
        for undo in (("undo", "that"), ("undo", "it"), ("undo",)):
            if tuple(words[start - len(undo) : start]) == undo:
                start -= len(undo)
                break
        else:
            start = i
        said = [Token("make", tokens[i].raw), Token("it", tokens[i].raw), tokens[i]]
        return [*tokens[:start], *said, *tokens[i + 3 :]]
    return tokens


_AFTER_A_COUNT = frozenset({",", ".", "!", "please", "pls", "plz", "thanks", "then"})


def _not_the_other_count(tokens: list[Token]) -> list[Token]:
    """ "three not two", "3, not 2": the first count; the one after "not" is taken back.
    "make it two mugs instead of three": the count after "instead of" is the old one."""
    for i in range(len(tokens) - 2):
        if (
            [t.text for t in tokens[i : i + 2]] in (["instead", "of"], ["rather", "than"])
            and tokens[i + 2].is_number
            and all(t.is_boundary or t.text in _AFTER_A_COUNT for t in tokens[i + 3 :])
            and any(t.is_number for t in tokens[:i])
        ):
            return [*tokens[:i], *tokens[i + 3 :]]
    for i in range(len(tokens) - 2):
        j = i + 2 if tokens[i + 1].text == "not" else i + 3
        if (
            tokens[i].is_number
            and j < len(tokens)
            and tokens[j].is_number
            and [t.text for t in tokens[i + 1 : j]] in (["not"], [",", "not"])
        ):
            return [*tokens[: i + 1], *tokens[j + 1 :]]
    return tokens


def _not_the_other_currency(tokens: list[Token]) -> list[Token]:
    """ "pounds, not euros", "in pounds not dollars", "not euros, pounds": the currency meant;
    the one after "not" is taken back (it named the last answer's, which was wrong)."""
    for i, token in enumerate(tokens):
        at = i + 2 if i + 1 < len(tokens) and tokens[i + 1].text == "in" else i + 1
        if token.text != "not" or currency_at(tokens, at) is None:
            continue  # ("no, not in euros - in pounds": the same)
        _, used = currency_at(tokens, at) or ("", 0)
        start, stop = i, at + used
        if start > 0 and tokens[start - 1].text == ",":
            start -= 1
        if stop < len(tokens) and tokens[stop].text == ",":
            stop += 1
        rest = tokens[stop:]
        words = {t.text for t in tokens}
        if (
            at == i + 2
            and [t.text for t in rest[:1]] == ["in"]
            and not words & {"now", "switch", "always", "default", "everything", "good"}
        ):
            # "what's that in euros?", then "no, not in euros - in pounds": that, in pounds
            rest = [replace(rest[0], text="that", raw="that"), *rest]
        return [*tokens[:start], *rest]
    return tokens


def _what_about_count(tokens: list[Token]) -> list[Token]:
    """ "ok what about 999 then" after a count was refused: the count ("about 999" is no
    price here: nothing after it says money)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i] in {"what", "how"} and words[i + 1] == "about" and tokens[i + 2].is_number:
            after = words[i + 3] if i + 3 < len(words) else ""
            if after in {"", "then", "?", ".", "!", "please", "instead"}:
                return [*tokens[:i], *tokens[i + 2 :]]
    return tokens


def _trailing_count(tokens: list[Token]) -> list[Token]:
    """ "mug. 2.": a few words naming a product, then a count on its own: "2 mug"."""
    body = tokens[:-1] if tokens and tokens[-1].text in {".", "!"} else tokens
    if len(body) < 3 or not body[-1].is_number or body[-2].text != ".":
        return tokens
    named = body[:-2]
    if len(named) > 4 or any(t.is_number or not t.is_word for t in named):
        return tokens
    return [body[-1], *named]


#: Words that take back the count just said: "add 3 mugs no wait 2".
_TAKE_BACK = (
    ("no", "wait"), ("no", "sorry"), ("sorry",), ("wait",), ("i", "mean"), ("i", "meant"),
    ("actually",), ("or", "rather"), ("rather",), ("make", "that"), ("no",),
    # "a few mugs for the coffee - let's say six": the vague count made exact
    ("let", "us", "say"), ("say",),
)  # fmt: skip


def _corrected_count(tokens: list[Token]) -> list[Token]:
    """ "add 3 mugs no wait 2", "3 jars, sorry, 2 jars": the second count replaces the first
    (said once, where the first was)."""
    words = [t.text for t in tokens]
    numbers = [i for i, t in enumerate(tokens) if t.is_number]
    if len(numbers) != 2:
        return tokens
    first, second = numbers
    k = second
    while k > 0 and words[k - 1] in {",", "just", "only"}:  # "no wait, just 1"
        k -= 1
    for back in _TAKE_BACK:
        start = k - len(back)
        if start > first + 1 and tuple(words[start:k]) == back:
            head = tokens[first + 1 : start]
            while head and head[-1].text == ",":
                head.pop()
            said = [t.text for t in head]
            rest = tokens[second + 1 :]
            if said and [t.text for t in rest[: len(said)]] == said:  # "2 jars" again
                rest = rest[len(said) :]
            elif rest and rest[0].is_word and rest[0].text not in lexicon.FILLERS:
                return [*tokens[:first], tokens[second], *rest]  # "3 mugs, no 2 jars"
            return [*tokens[:first], tokens[second], *head, *rest]
    return tokens


_ADDED_VERBS = frozenset("added put picked chose got bought grabbed ordered".split())
#: "the last thing I looked at": what was talked about last, "it".
_LOOKED_VERBS = frozenset("looked viewed checked asked saw".split())
_LOOKED_AT = frozenset({"at", "about", "out"})
_THING_WORDS = frozenset({"thing", "one", "item", "product"})
_CART_WORDS = frozenset({"cart", "basket", "trolley", "bag"})


def _last_added(tokens: list[Token]) -> list[Token]:
    """ "what was the last thing I added?", "take out the last one I put in": "it", the
    product in focus (an add puts what it added in focus), not the last product shown;
    "what did you just add?" is "what was it?"."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i : i + 2] == ["did", "you"]:
            j = i + 2 + (words[i + 2] == "just")
            if j < len(words) and words[j] in {"add", "put", "added"}:
                end = j + 1 + (j + 1 < len(words) and words[j + 1] in {"in", "to"})
                it = [Token("was", tokens[i].raw), Token("it", tokens[j].raw)]
                return [*tokens[:i], *it, *tokens[end:]]
    for i, word in enumerate(words):
        if word not in {"last", "latest"} and words[i : i + 2] != ["most", "recent"]:
            continue
        j = i + (2 if word == "most" else 1)
        j += j < len(words) and words[j] in _THING_WORDS
        j += j < len(words) and words[j] == "that"
        if j < len(words) and words[j] in {"i", "we"}:
            j += 1 + (j + 1 < len(words) and words[j + 1] == "just")
            if j < len(words) and words[j] in _LOOKED_VERBS:
                start = i - (i > 0 and words[i - 1] == "the")
                end = j + 1 + (j + 1 < len(words) and words[j + 1] in {"you", "u"})
                end += end < len(words) and words[end] in _LOOKED_AT
                return [*tokens[:start], Token("it", tokens[i].raw), *tokens[end:]]
            if j < len(words) and words[j] in _ADDED_VERBS:
                start = i - (i > 0 and words[i - 1] == "the")
                end = j + 1
                if end < len(words) and words[end] in {"in", "to", "into"}:  # "... to my cart"
                    end += 1 + (end + 1 < len(words) and words[end + 1] in {"the", "my", "our"})
                    end += end < len(words) and words[end] in _CART_WORDS
                return [*tokens[:start], Token("it", tokens[i].raw), *tokens[end:]]
    return tokens


def _just_the_one(tokens: list[Token]) -> list[Token]:
    """ "too many watches, just the one": "only 1" (a quantity, where "the one" would be a
    reference to a product)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i] in {"just", "only"} and words[i + 1 : i + 3] == ["the", "one"]:
            one = Token("1", tokens[i + 2].raw, value=Decimal(1))
            return [*tokens[:i], Token("only", tokens[i].raw), one, *tokens[i + 3 :]]
        if words[i] in {"just", "only"} and words[i + 1] == "the" and tokens[i + 2].is_number:
            # "perhaps just the three candle holders, then": only 3 of them
            return [*tokens[:i], Token("only", tokens[i].raw), *tokens[i + 2 :]]
    return tokens


#: Verbs that clear "the rest" ("keep the watch and bin the rest").
_REST_VERBS = frozenset(
    "bin remove ditch drop lose toss dump clear delete scrap trash rid chuck".split()
)
#: What "the rest" is called.
_REST_WORDS = frozenset({"rest", "others"})


#: Openers that point back at what was said, not at a product: "given that, what should I
#: get?", "based on that", "with that in mind", "in that case".
_LEAD_INS = (
    ("given", "that"),
    ("considering", "that"),
    ("based", "on", "that"),
    ("based", "on", "this"),
    ("with", "that", "in", "mind"),
    ("with", "this", "in", "mind"),
    ("in", "that", "case"),
    ("in", "which", "case"),
    ("that", "being", "said"),
    ("knowing", "that"),
    # A change of mind: "on second thought, swap the mugs for jars" ("second" is no position)
    ("on", "second", "thought"),
    ("on", "second", "thoughts"),
    ("second", "thoughts"),
    ("on", "reflection"),
    ("on", "further", "thought"),
    ("thinking", "about", "it"),
    # "heads up: I never wear yellow", "fyi I'm all about neutrals": a note, no taste of "heads"
    ("heads", "up", ":"),
    ("heads", "up"),
    ("fyi",),
    ("just", "so", "you", "know"),
    ("quick", "thing"),
)
#: A return to an earlier topic: "anyway, back to the mugs - make it 4" is about the mugs.
_BACK_TO = (("back", "to"), ("going", "back", "to"), ("returning", "to"))

#: An acknowledgement said before the answer: "great, half a dozen please".
_ACKNOWLEDGEMENTS = frozenset(
    "great perfect cool nice lovely awesome brilliant excellent ok okay sure alright right "
    "good fab super sweet yes yeah yep".split()
)
_COUNT_WORDS = frozenset({"half", "couple", "few", "pair", "dozen", "another"})


#: A polite tail that asks nothing: "..., if that is possible.", "..., if you don't mind".
_POLITE_TAILS = (
    ("if", "that", "is", "possible"), ("if", "possible"), ("if", "it", "is", "possible"),
    ("if", "you", "can"), ("if", "you", "could"), ("if", "you", "do", "not", "mind"),
    ("if", "you", "would", "be", "so", "kind"), ("thank", "you"), ("thanks",),
)  # fmt: skip


def _closing_please(tokens: list[Token]) -> list[Token]:
    """ "five pairs, please.": the comma before a closing "please" splits nothing; a polite
    tail (", if that is possible") asks nothing and goes."""
    words = [t.text for t in tokens]
    end = len(words)
    while end and tokens[end - 1].is_boundary:
        end -= 1
    for tail in _POLITE_TAILS:
        start = end - len(tail)
        if start > 2 and tuple(words[start:end]) == tail and words[start - 1] == ",":
            tokens = [*tokens[: start - 1], *tokens[end:]]
            words = [t.text for t in tokens]
            end = start - 1
            break
    if end >= 3 and words[end - 1] in {"please", "pls", "plz"} and words[end - 2] == ",":
        return [*tokens[: end - 2], *tokens[end - 1 :]]
    return tokens


def _leading_acknowledgement(tokens: list[Token]) -> list[Token]:
    """ "great, half a dozen please", "perfect, two please", "ok 3 of those": the count is
    the answer, the acknowledgement only its politeness (alone, "great" stays a thanks)."""
    if len(tokens) < 2 or tokens[0].text not in _ACKNOWLEDGEMENTS:
        return tokens
    start = 2 if tokens[1].text == "," else 1
    head = tokens[start : start + 3]
    if head and (head[0].is_number or any(t.text in _COUNT_WORDS for t in head)):
        return tokens[start:]
    return tokens


#: Who a purpose is for ("... so she can keep her coffee beans in it").
_PURPOSE_SUBJECTS = frozenset("she he they i we you it everyone mum mom dad".split())
_MODALS = frozenset("can could will would may might has have gets get".split())
_LATER_BUY = frozenset({"get", "buy", "order", "grab", "take"})
_ALERT_WORDS = frozenset({"know", "notify", "ping", "alert", "drops", "drop", "falls", "goes"})


def _sentence_end(tokens: list[Token], i: int) -> int:
    while i < len(tokens) and tokens[i].text not in {".", "!", "?"}:
        i += 1
    return i


_ASKING_AFTER_SO = frozenset(
    "could can would will please add put get i'll i five four three two six make set change "
    "just only remove take cancel show tell let what which".split()
)


def _mind_changed_about_doing(tokens: list[Token]) -> list[Token]:
    """ "I've changed my mind about waiting, I'll just buy it now": a change of plan, not a
    product taken out (that is "changed my mind about the mug")."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 4):
        if words[i : i + 4] == ["changed", "my", "mind", "about"] and words[i + 4].endswith("ing"):
            start = i - 2 if words[i - 2 : i] in (["i", "have"], ["i", "had"]) else i
            end = i + 5
            while end < len(words) and words[end] not in {",", ".", "!", "?"}:
                end += 1
            return [*tokens[:start], *tokens[end + (end < len(words)) :]]
    return tokens


_PER_HEAD = (("per", "person"), ("per", "head"), ("a", "head"), ("each",))


def _budget_then_ask(tokens: list[Token]) -> list[Token]:
    """ "the limit is 10 dollars per person. What could I get for that?": a search within the
    budget ("limit" is the budget; "for that" is that money, not a product)."""
    words = [t.text for t in tokens]
    if "limit" not in words and "budget" not in words:
        return tokens
    tokens = [Token("budget", t.raw) if t.text == "limit" else t for t in tokens]
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        if word not in {".", "!"} or not any(t.is_number for t in tokens[:i]):
            continue
        ask = words[i + 1 : i + 5]
        if ask[:1] == ["what"] and ask[1:2] and ask[1] in {"could", "can", "should", "would"}:
            rest = tokens[i + 1 :]
            said = [t.text for t in rest]
            for n in range(len(said) - 1):
                if said[n] in {"for", "with"} and said[n + 1] == "that":
                    rest = [*rest[:n], *rest[n + 2 :]]
                    break
            head = tokens[:i]
            for phrase in _PER_HEAD:  # "10 dollars per person": the budget, each
                k = len(phrase)
                if tuple(t.text for t in head[-k:]) == phrase:
                    head = head[:-k]
                    break
            return [*head, Token(",", ","), *rest]
    return tokens


def _how_many_we_are(tokens: list[Token]) -> list[Token]:
    """ "There are five of us including me. Five pairs, please.": a head count before the
    request, no product."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 3):
        counted = words[i : i + 2] in (["there", "are"], ["we", "are"]) and tokens[i + 2].is_number
        if counted and (i == 0 or words[i - 1] in {".", "!", "?", ","}):
            end = _sentence_end(tokens, i)
            if end + 1 < len(tokens):  # a request follows
                return [*tokens[:i], *tokens[end + 1 :]]
    return tokens


def _so_then_ask(tokens: list[Token]) -> list[Token]:
    """ "he's always losing his sunglasses, so could you add a pair of those for him?": what
    comes before ", so" is the reason, a sentence of its own; the request follows."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 1):
        polite = words[-2:-1] in (["please"], ["pls"]) or words[-1:] in (["please"], ["pls"])
        if (
            words[i] == "so"
            and words[i - 1] == ","
            and (
                words[i + 1] in _ASKING_AFTER_SO
                or tokens[i + 1].is_number
                or (polite and words[i + 1] in {"the", "a", "an", "one"})  # "so the mug, please"
            )
        ):
            return [*tokens[: i - 1], Token(".", "."), *tokens[i + 1 :]]
        if (
            words[i - 1] == ","
            and words[i : i + 2] in (["could", "you"], ["can", "you"], ["would", "you"])
            and "?" in words[i:]
        ):  # "my stepmum collects mugs, could you add two of the mugs for her?"
            return [*tokens[: i - 1], Token(".", "."), *tokens[i:]]
    return tokens


def _without_purpose(tokens: list[Token]) -> list[Token]:
    """What a request is for, said after it, names no product: "one of those jars as well so
    she can keep her coffee beans in it"; "let me know if the watch drops below 100 and I'll
    get it for his birthday" (the plan after the alert, not an add)."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 2):
        j = i + 1 + (words[i + 1] == "that")
        if (
            words[i] == "so"
            and words[i - 1] not in {".", "!", "?"}
            and j + 1 < len(words)
            and words[j] in _PURPOSE_SUBJECTS
            and (words[j + 1] in _MODALS or words[j] in {"we", "they"})  # "so we all match"
        ):
            return [*tokens[:i], *tokens[_sentence_end(tokens, i) :]]
        if (
            words[i] == ","
            and words[i + 1 : i + 2] == ["i"]
            and set(words[i + 2 : i + 5]) & {"like", "love", "adore", "fancy"}
            and words[_sentence_end(tokens, i) - 1] in {"it", "them", "that", "those"}
        ):  # "I'll get the tank top for myself anyway, I rather like it": a remark
            return [*tokens[:i], *tokens[_sentence_end(tokens, i) :]]
        if (
            words[i] in {"and", ",", ".", "?", "!"}  # "... below 15? I might buy more then."
            and words[i + 1 : i + 2] == ["i"]
            and words[i + 2 : i + 3] in (["will"], ["might"], ["may"], ["would"], ["could"])
            and i + 3 < len(words)
            and words[i + 3] in _LATER_BUY
            and _ALERT_WORDS & set(words[:i])
        ):
            if words[i] in {".", "?", "!"}:  # a sentence of its own: it all goes
                return [*tokens[: i + 1], *tokens[_sentence_end(tokens, i + 1) + 1 :]]
            return [*tokens[:i], *tokens[_sentence_end(tokens, i) :]]
    return tokens


#: What says a taste is not the shopper's: "gold just isn't me", "black is not my thing".
_NOT_ME = (("me",), ("my", "thing"), ("my", "style"), ("my", "colour"), ("my", "color"),
           ("for", "me"), ("my", "cup", "of", "tea"))  # fmt: skip
_HEDGES = frozenset({"just", "really", "simply", "quite", "honestly"})
_MY_CLOTHES = frozenset({"wardrobe", "closet", "clothes"})


def _taste_idioms(tokens: list[Token]) -> list[Token]:
    """Tastes said as idioms, as plain likes and dislikes: "gold just isn't me" is "I don't
    like gold", "silver all the way" is "I love silver", "I'm a relaxed, casual dresser:
    linen and suede" is "I like relaxed, casual, linen and suede"."""
    words = [t.text for t in tokens]
    start = 0
    for i in range(len(words) + 1):
        if i < len(words) and not tokens[i].is_boundary:
            continue
        said, k = words[start:i], start
        # "gold isn't me, I'm more of a silver person": up to the comma is the first taste
        comma = said.index(",") if "," in said else len(said)
        taste = [t for t in tokens[start : start + comma] if t.text in lexicon.STYLE_WORDS]
        j = next((n for n in range(comma - 1) if said[n : n + 2] == ["is", "not"]), None)
        negated = 2
        if j is None and "not" in said[1:comma]:  # "silver's not for me" (the 's is gone)
            j, negated = said.index("not"), 1
        plain_before = lexicon.STYLE_WORDS | _HEDGES | {"stuff", "things", "anything"}
        if j is not None and taste and all(w in plain_before for w in said[:j]):
            rest = [w for w in said[j + negated : comma] if w not in _HEDGES | {"at", "all"}]
            if tuple(rest) in _NOT_ME:
                said_as = _plain(tokens[k], ("i", "do", "not", "like"), taste)
                after = _taste_idioms(tokens[start + comma :])  # ", I'm more of a silver person"
                return [*tokens[:start], *said_as, *after]
        more = next((n for n in range(len(said) - 4)
                     if said[n : n + 5] == ["i", "am", "more", "of", "a"]), None)  # fmt: skip
        if more is not None and "person" in said[more:]:
            # "I'm more of a silver person": silver is liked
            p = more + said[more:].index("person")
            looks = [t for t in tokens[start + more + 5 : start + p]
                     if t.text in lexicon.STYLE_WORDS]  # fmt: skip
            if looks:
                like = _plain(tokens[start + more], ("i", "like"), looks)
                return [*tokens[: start + more], *like, *tokens[start + p + 1 :]]
        clothes = next((n for n, w in enumerate(said) if w in _MY_CLOTHES), None)
        if clothes is not None and "is" in said[clothes:]:
            # "I love black, honestly most of my wardrobe is black": black is liked
            is_at = clothes + said[clothes:].index("is")
            worn = [t for t in tokens[start + is_at + 1 : i] if t.text in lexicon.STYLE_WORDS]
            rest = [w for w in said[is_at + 1 :] if w not in _HEDGES | {"mostly", "all", "and"}]
            begin = max((n + 1 for n in range(clothes) if said[n] == ","), default=0)
            if worn and len(worn) == len(rest):
                joined = [x for t in worn for x in (t, Token("and", "and"))][:-1]
                said_as = _plain(tokens[k], ("i", "love"), joined)
                return [*tokens[: start + begin], *said_as, *tokens[i:]]
        if said[-3:] == ["all", "the", "way"] and len(said) == 4 and taste:
            return [*tokens[:start], *_plain(tokens[k], ("i", "love"), taste), *tokens[i:]]
        if said[:3] == ["i", "am", "a"] and "dresser" in said:
            d = said.index("dresser")
            looks = [t for t in tokens[start + 3 : start + d] if t.text != ","]
            after = [t for t in tokens[start + d + 1 : i] if t.text not in {":", "-"}]
            if looks and all(t.text in lexicon.STYLE_WORDS for t in looks):
                joined = [x for t in looks for x in (t, Token("and", "and"))][:-1]
                like = _plain(tokens[k], ("i", "like"), joined)
                more = [Token("and", "and"), *after] if after else []
                return [*tokens[:start], *like, *more, *tokens[i:]]
        start = i + 1
    return tokens


_SUIT_VERBS = frozenset({"suit", "suits", "flatter", "flatters", "fit", "fits", "match"})


def _relative_suits(tokens: list[Token]) -> list[Token]:
    """ "what accessories do you have that would suit me?": "that" joins the picks asked for
    to the products; it points at nothing shown. "which suits me better, X or Y": "better"
    names no product."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 1):
        if words[i - 1 : i + 1] == ["suits", "me"] or words[i - 1 : i + 1] == ["suit", "me"]:
            if words[i + 1] in {"better", "best", "more", "most"}:
                return [*tokens[: i + 1], *tokens[i + 2 :]]
    for i in range(1, len(words) - 2):
        if words[i] not in {"that", "which"} or words[i - 1] in {",", "."}:
            continue
        k = i + 1 + (words[i + 1] in {"would", "will", "might", "could", "should", "may"})
        if k < len(words) and words[k] in _SUIT_VERBS and "me" in words[k + 1 : k + 4]:
            return [*tokens[:i], *tokens[i + 1 :]]
    return tokens


def _plain(at: Token, lead: tuple[str, ...], taste: list[Token]) -> list[Token]:
    return [*(Token(w, at.raw) for w in lead), *taste]


#: Text-speak asides that never carry a request: "idk whats cheapest of those".
_TEXT_SPEAK = frozenset("idk dunno idc tbh ngl imo imho fwiw iirc afaik smh".split())


_SPEND_VERBS = frozenset({"want", "wanted", "planned", "hoped", "meant", "intended", "like"})
_AUXILIARIES = frozenset({"does", "do", "did", "will", "would", "can", "could"})


def _without_spending_talk(tokens: list[Token]) -> list[Token]:
    """ "it's a bit more than I want to spend": a view of a price, no wish to buy it; "how
    much coffee does the jar hold?": what it holds, not a product ("coffee" finds the mug)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 4):
        if (
            words[i] == "than"
            and words[i + 1] == "i"
            and words[i + 2] in _SPEND_VERBS
            and words[i + 3] == "to"
            and words[i + 4] in {"spend", "pay"}
        ):
            return _without_spending_talk([*tokens[:i], *tokens[i + 5 :]])
    for i in range(len(words) - 3):
        if words[i : i + 2] != ["how", "much"] or words[i + 2] in {"more", "less", "extra"}:
            continue
        for j in (i + 3, i + 4):  # one or two words of what is held
            if j < len(words) and words[j] in _AUXILIARIES and words[i + 2] not in _AUXILIARIES:
                return [*tokens[: i + 2], *tokens[j:]]
    return tokens


def _not_a_total(tokens: list[Token]) -> list[Token]:
    """ "she's a total tea addict": "total" says how much of one, no cart total."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 1):
        if (
            words[i] == "total"
            and words[i - 1] in {"a", "an"}
            and words[i + 1].isalpha()
            and words[i + 1] not in {"of", "is", "in", "for"}
        ):
            return [*tokens[:i], *tokens[i + 1 :]]
    return tokens


def _without_text_speak(tokens: list[Token]) -> list[Token]:
    """Text-speak asides go: "idk whats cheapest of those"; so does "to be honest"."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i : i + 3] == ["to", "be", "honest"]:
            tokens = [*tokens[:i], *tokens[i + 3 :]]
            break
    kept = [t for t in tokens if t.text not in _TEXT_SPEAK]
    return kept if kept and len(kept) != len(tokens) else tokens


_QUESTION_OPENERS = frozenset(
    "when will would what how do does can could is are which who where".split()
)


def _comma_then_question(tokens: list[Token]) -> list[Token]:
    """ "add two mugs - and when would they arrive?", "put three in my cart, I need them by
    Friday, will they get here in time?": a question the shop cannot answer, after the last
    comma, is a sentence of its own (a dash is read as a comma)."""
    words = [t.text for t in tokens]
    if words[-1:] != ["?"] or "," not in words:
        return tokens
    comma = len(words) - 1 - words[::-1].index(",")
    start = comma + 1 + (comma + 1 < len(words) and words[comma + 1] in {"and", "also", "but"})
    if start >= len(words) - 1 or words[start] not in _QUESTION_OPENERS:
        return tokens
    if not analyse_clause(tokens[start:]).has("NOT_OURS", "SERVICE"):
        return tokens  # "the last one you showed, what's that in yen?": one request
    before = analyse_clause(tokens[:comma])
    if not before.cues:
        return tokens  # "the mug, is it dishwasher safe?": one question about the mug
    return [*tokens[:comma], Token(".", "."), *tokens[start:]]


_PRICE_REMARKS = (
    ["that", "is", "a", "lot"], ["that", "is", "too", "much"], ["too", "much"],
    ["bit", "much"], ["a", "bit", "much"], ["bit", "pricey"], ["too", "pricey"],
    ["that", "is", "expensive"], ["that", "is", "pricey"], ["ouch"], ["yikes"],
)  # fmt: skip


def _price_remark_first(tokens: list[Token]) -> list[Token]:
    """ "thats a lot, nvm the watch": a remark on the price, then the request; the remark's
    "that" is no product to act on. Only before a comma with a request after it."""
    words = [t.text for t in tokens]
    if "," not in words:
        return tokens
    comma = words.index(",")
    rest = tokens[comma + 1 :]
    if words[:comma] in _PRICE_REMARKS and rest and analyse_clause(rest).cues:
        return rest
    return tokens


def _plus_and_with_as_and(tokens: list[Token]) -> list[Token]:
    """ "shakers + a jar pls", "add watch w/ a candle holder": two products asked for. "+"
    between words is "and" (between numbers it is a sum); "with" is "and" when a product
    noun comes right before it and a product follows ("a mug with a jar"), not in "a top
    with sparkle"."""
    out = list(tokens)
    for i in range(1, len(tokens) - 1):
        before, word, after = tokens[i - 1], tokens[i].text, tokens[i + 1 :]
        if word == "+" and not before.is_number and not after[0].is_number:
            out[i] = Token("and", tokens[i].raw)
        elif word == "with" and _product_noun(before.text) and _names_a_product(after):
            out[i] = Token("and", tokens[i].raw)
    return out


def _product_noun(word: str) -> bool:
    return word in lexicon.SHOPPING_NOUNS and word not in lexicon.QUERY_GENERIC


def _names_a_product(tokens: Sequence[Token]) -> bool:
    """The words open with a product noun, after at most an article or a count."""
    words = [t.text for t in tokens[:4]]
    while words and (words[0] in {"a", "an", "the", "some", "one", "two"} or tokens[0].is_number):
        words, tokens = words[1:], tokens[1:]
    return bool(words) and (_product_noun(words[0]) or (len(words) > 1 and _product_noun(words[1])))


def _matching_alike(tokens: list[Token]) -> list[Token]:
    """ "matching sunglasses for the groomsmen": sunglasses alike, not what goes with them."""
    kept = [
        t
        for i, t in enumerate(tokens)
        if not (
            t.text == "matching"
            and i + 1 < len(tokens)
            and tokens[i + 1].text in lexicon.SHOPPING_NOUNS
        )
    ]
    return kept if len(kept) != len(tokens) else tokens


def _two_for_to(tokens: list[Token]) -> list[Token]:
    """ "add the sun glasses 2 cart", "back 2 dollars thx": "2" typed for "to"."""
    words = [t.text for t in tokens]
    for i, token in enumerate(tokens[1:], 1):
        if token.raw != "2":
            continue
        after = words[i + 1 : i + 3]
        to_cart = bool(after) and (
            after[0] in _CART_WORDS
            or (after[0] in {"my", "the", "your", "ur"} and after[1:] and after[1] in _CART_WORDS)
        )
        to_money = (
            words[i - 1] in {"back", "switch", "change", "go", "convert", "over"}
            and bool(after)
            and (after[0] in lexicon.CURRENCY_NAMES or after[0] in lexicon.CURRENCY_CODES)
        )
        if to_cart or to_money:
            return [*tokens[:i], Token("to", token.raw), *tokens[i + 1 :]]
    return _to_for_two(tokens)


_ORDERING = frozenset({"add", "get", "buy", "order", "want", "need", "put", "grab", "and", "plus"})


def _to_for_two(tokens: list[Token]) -> list[Token]:
    """ "add to tank tops", "i want to mugs": "to" typed for "two", before a plural product
    right after an ordering verb (never "add to my cart", "want to see")."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 1):
        if words[i] != "to" or words[i - 1] not in _ORDERING:
            continue
        run = 0  # "to [black] [tank] [tops]": the product's words after it
        while (
            i + 1 + run < len(words)
            and run < 3
            and (
                words[i + 1 + run] in lexicon.SHOPPING_NOUNS
                or words[i + 1 + run] in lexicon.COLOURS
            )
        ):
            run += 1
        noun = words[i + run] if run else ""
        if noun.endswith("s") and noun.rstrip("s") in _SINGULARS:
            two = Token("2", tokens[i].raw, value=Decimal(2))
            return [*tokens[:i], two, *tokens[i + 1 :]]
    return tokens


_SINGULARS = frozenset(w.rstrip("s") for w in lexicon.SHOPPING_NOUNS)


#: When something was done, said in passing: "what did I leave in my cart last time?".
_WHEN = (
    ("last", "time"), ("the", "other", "day"), ("yesterday",), ("last", "week"),
    ("last", "night"), ("earlier", "today"), ("so", "far"), ("up", "to", "now"),
    ("on", "the", "other", "hand"),  # an aside too: "the other" is no product here
)  # fmt: skip


#: Occasions a gift is for: when it is wanted, never a product ("before his birthday").
_OCCASIONS = frozenset(
    "birthday bday christmas xmas anniversary wedding graduation retirement holidays".split()
)
_OCCASION_DAYS = frozenset({"mother", "father", "valentine", "valentines", "mothers", "fathers"})
_WHOSE = frozenset("his her my their our your the a mum mom dad".split())


def _without_occasion(tokens: list[Token]) -> list[Token]:
    """ "tell me if the watch drops under 100 before his birthday", "new shoes for his
    birthday": the occasion goes ("in time for" stays: a delivery question)."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        end = i + 1
        if word in _OCCASION_DAYS and words[i + 1 : i + 2] == ["day"]:
            end = i + 2
        elif word not in _OCCASIONS:
            continue
        start = i
        while start > 0 and words[start - 1] in _WHOSE:
            start -= 1
        if start > 0 and words[start - 1] in {"before", "for", "by", "on", "at", "this"}:
            keep = words[start - 1] == "for" and words[start - 3 : start - 1] == ["in", "time"]
            start -= 0 if keep else 1
        return _without_occasion([*tokens[:start], *tokens[end:]])
    return tokens


_ASIDE_SUBJECTS = frozenset({"he", "she", "they"})
_ASIDE_VERBS = frozenset("loves likes adores enjoys drinks collects needs wants is".split())


def _without_aside(tokens: list[Token]) -> list[Token]:
    """ "for dad, he loves coffee - a mug": why, said between who it is for and what, names
    nothing asked for (the product after it does)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 3):
        if words[i] != "," or words[i + 1] not in _ASIDE_SUBJECTS:
            continue
        if words[i + 2] not in _ASIDE_VERBS:
            continue
        j = next((k for k in range(i + 3, len(words)) if words[k] in {",", "-"}), None)
        if j is not None and j + 1 < len(words) and words[j + 1] in {"a", "an", "the", "some"}:
            return [*tokens[:i], *tokens[j:]]
    return tokens


_THOSE = frozenset("these those they them it that all both".split())
_BELONG = frozenset("are were was is re".split())
_GIFTS = frozenset("gift gifts present presents his hers theirs".split())


def _without_whose_remark(tokens: list[Token]) -> list[Token]:
    """ "Those are all for him, not me. What do you know about my style?", "remember these
    were gifts.": who the products are for, said before the question, asks nothing."""
    ends = [i for i, t in enumerate(tokens) if t.text in {".", "!", "?"}]
    if not ends or ends[0] == len(tokens) - 1:
        return tokens
    head = [t.text for t in tokens[: ends[0]] if t.text not in {",", "-"}]
    while head and head[0] in {"remember", "note", "fyi", "so", "and", "oh", "but"}:
        head = head[1:]
    if head[:1] == ["the"]:  # "the loafers are his, not mine"
        verb = next((i for i, w in enumerate(head[:5]) if w in _BELONG), None)
        head = head[verb - 1 :] if verb else head
        head = ["they", *head[1:]] if verb else head
    if len(head) < 3 or head[0] not in _THOSE or not (set(head[1:3]) & _BELONG):
        return tokens
    rest = set(head[2:])
    if rest & _GIFTS or ("for" in rest and rest & (lexicon.PEOPLE | {"him", "her", "them"})):
        return tokens[ends[0] + 1 :]
    return tokens


def _without_when(tokens: list[Token]) -> list[Token]:
    """A past time said in passing names no product; "the same as last time" (a reorder)
    keeps it."""
    words = [t.text for t in tokens]
    for phrase in _WHEN:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) != phrase or (i and words[i - 1] in {"as", "than"}):
                continue
            start = i - 1 if i and words[i - 1] in {"from", "since", "in"} else i
            return _without_when([*tokens[:start], *tokens[i + n :]])
    return tokens


#: Sounds of thinking, nothing else.
_FILLERS = frozenset("hmm hm hmmm um umm uh uhh erm er".split())
#: Said before a lead-in: "hmm, on second thought ...".
_INTERJECTIONS = frozenset("hmm hm um umm uh ok okay oh so well actually wait no nah".split())


#: How a remark after a request starts ("the bathroom one", "it", "that") and what says it
#: is one: a modal verb soon after ("would get steamed up", "will crack anyway").
_REMARK_SUBJECTS = frozenset("the this that it they those these one mine his hers".split())
_REMARK_MODALS = frozenset("would will might wouldn't won't 'd".split())


_FEWER = frozenset({"fewer", "less", "remove", "take", "drop", "minus", "scrap", "cancel"})


def _without_remark(tokens: list[Token]) -> list[Token]:
    """ "one less actually, the bathroom one would get steamed up": after a request and a
    comma, a sentence's end that says what would happen is a remark; it names nothing to do.
    So is what stays after a removal ("remove the tank top, I'll stick with the loafers")."""
    words = [t.text for t in tokens]
    for i in range(2, len(words) - 3):
        # "remove the tank top, I'll stick with the loafers": what stays needs nothing done
        k = i + 2 + (words[i + 2] == "just")
        if (
            words[i - 1] == ","
            and words[i : i + 2] == ["i", "will"]
            and words[k : k + 2] in (["stick", "with"], ["stay", "with"], ["keep", "the"])
            and {"remove", "take", "drop", "delete"} & set(words[:i])
        ):
            return [*tokens[: i - 1], *tokens[_sentence_end(tokens, i) :]]
    for i in range(2, len(words) - 2):
        # "one fewer mug, Sam's not coming home", "then one fewer mug, I'll keep using my old
        # one": why fewer, after a comma; it names nothing to do
        fewer = _FEWER & set(words[:i])
        keeps = words[i : i + 3] == ["i", "will", "keep"]
        negated = {"not", "never"} & set(words[i + 1 : i + 3])
        # "scrap the watch one, never gonna afford it anyway"
        never = words[i] == "never"
        said_why = words[i] not in {"not", "no"} and (negated or keeps or never)
        if words[i - 1] == "," and fewer and said_why and tokens[i].is_word:
            return [*tokens[: i - 1], *tokens[_sentence_end(tokens, i) :]]
    for i in range(2, len(words) - 2):
        if words[i - 1] != "," or words[i] not in _REMARK_SUBJECTS:
            continue
        end = _sentence_end(tokens, i)
        modal = next((k for k in range(i + 1, min(end, i + 5)) if words[k] in _REMARK_MODALS), None)
        if modal is None or words[modal + 1 : modal + 2] in (["you"], ["like"], ["be"]):
            continue  # "that would you ..."; "I would like"; "it would be nice to add ..."
        return [*tokens[: i - 1], *tokens[end:]]
    return tokens


def _without_lead_in(tokens: list[Token]) -> list[Token]:
    """Each sentence's lead-in goes ("Oh, of course. In that case, two mugs ...")."""
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i - 1].text in {".", "!", "?"}:
            rest = _sentence_without_lead_in(tokens[i:])
            if len(rest) != len(tokens) - i:
                tokens = [*tokens[:i], *rest]
    return _sentence_without_lead_in(tokens)


def _sentence_without_lead_in(tokens: list[Token]) -> list[Token]:
    words = [t.text for t in tokens]
    start = 0
    if words and words[0] in _INTERJECTIONS:  # "hmm, on second thought"
        start = 1 + (len(words) > 1 and words[1] == ",")
    if start == 0 and words[:1] == ["anyway"]:  # "anyway, back to the mugs"
        start = 1 + (len(words) > 1 and words[1] == ",")
    for lead in _LEAD_INS:
        end = start + len(lead)
        if tuple(words[start:end]) == lead:
            rest = end + (len(words) > end and words[end] == ",")
            return tokens[rest:] or tokens
    for lead in _BACK_TO:  # the topic stays ("the mugs"), the words of returning go
        end = start + len(lead)
        if tuple(words[start:end]) == lead and end < len(words):
            return tokens[end:]
    if words[:1] == ["wait"] and words[1:2] and words[1] in ASKING:
        return tokens[1:]  # "wait is the top black too": a question, not a pause to undo
    if start and words[0] in _FILLERS and start < len(words):
        return tokens[start:]  # "hmm, and 3 more of them": a pause, never a word of the request
    return tokens


def _one_shown_at(tokens: list[Token]) -> list[Token]:
    """ "the one you showed me first" is "the first one" (a position, not "the one" and
    "first" as two products)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 3):
        if words[i : i + 2] != ["the", "one"]:
            continue
        j = i + 2 + (words[i + 2] == "that")
        if words[j : j + 1] != ["you"] or j + 1 >= len(words) or words[j + 1] not in _SHOWED:
            continue
        k = j + 2 + (j + 2 < len(words) and words[j + 2] in {"me", "us"})
        if k < len(words) and (words[k] in lexicon.ORDINALS or words[k] == "last"):
            return [*tokens[:i], tokens[i], tokens[k], tokens[i + 1], *tokens[k + 1 :]]
    return tokens


_WANTING = (
    ("get", "me"), ("grab", "me"), ("give", "me"), ("i", "want"), ("i", "will", "take"),
    ("i", "will", "have"), ("i", "would", "like"), ("i", "will", "go", "with"),
    ("let", "us", "go", "with"), ("go", "with"), ("ok",), ("okay",), ("then",),
)  # fmt: skip
_COMPARED = frozenset({"cheaper", "cheapest", "pricier", "priciest", "dearer"})
_GROUP = frozenset({"both", "them", "those", "these"})


def _pick_of_shown(tokens: list[Token]) -> list[Token]:
    """ "get me the cheaper of the two", "the cheapest of those please": one of the products
    shown, to add (not a search for cheaper ones); "which is the cheaper of the two?" asks."""
    words = [t.text for t in tokens]
    start, moved = 0, True
    while moved:  # "ok then, get me ..."
        moved = False
        start += words[start : start + 1] == [","]
        for phrase in _WANTING:
            if tuple(words[start : start + len(phrase)]) == phrase:
                start, moved = start + len(phrase), True
    if words[start : start + 1] != ["the"] or start + 3 > len(words):
        return tokens
    if words[start + 1] not in _COMPARED or words[start + 2] != "of":
        return tokens
    group = words[start + 3 : start + 5]
    if not (group[:1] and (group[0] in _GROUP or (group[0] == "the" and len(group) == 2))):
        return tokens
    return [Token("add", tokens[0].raw), *tokens[start:]]


_OWNERS = frozenset({"my", "the", "our", "his", "her", "their", "of"})


def _one_for_them_too(tokens: list[Token]) -> list[Token]:
    """ "and one for me too", "one for my mum as well": another one of it."""
    words = [t.text for t in tokens]
    if words[:1] and words[0] in ASKING:
        return tokens  # "is there one for me too?" asks
    too = any(w in {"too", "also"} for w in words) or "as well" in " ".join(words)
    for i, word in enumerate(words[:-2]):
        if (
            too
            and word in {"one", "1"}
            and words[i + 1] == "for"
            and (words[i - 1] if i else "") not in {"another", "the", "each"}
        ):
            one = [Token("another", tokens[i].raw), Token("one", tokens[i].raw)]
            return [*tokens[:i], *one, *tokens[i + 1 :]]
    return tokens


def _a_set_of(tokens: list[Token]) -> list[Token]:
    """ "a set of the salt and pepper shakers": one of them; "two sets of the shakers": two
    ("set" changes no quantity). Where each goes, said after ("..., one for the house and
    one for the caravan"), names no product."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 2):
        noun = (
            words[i + 3] if words[i + 2 : i + 3] == ["the"] and i + 3 < len(words) else words[i + 2]
        )
        paired = words[i] in {"pair", "pairs"} and noun in lexicon.PAIR_NOUNS
        if (
            (words[i] in {"set", "sets"} or paired)  # "1 pair of the sunglasses": one of them
            and words[i + 1] == "of"
            and (words[i - 1] in {"a", "one"} or tokens[i - 1].is_number)
        ):
            kept = [*tokens[:i], *tokens[i + 2 :]]
            if words[i + 2 : i + 3] == ["the"]:
                kept = [*tokens[:i], *tokens[i + 3 :]]  # "2 the shakers": "2 shakers"
            return _a_set_of(_without_where_each_goes(kept))
    return tokens


#: "the watch is enough for now": the shopper settling, said after a request
_SETTLED = re.compile(
    r"^(?:the |that |this |those |these |my |one )?[a-z ]{0,30}\b(?:is|are) "
    r"(?:enough|plenty|fine|all i need)(?: for (?:now|today|me))?$"
)


def _without_settled_remark(tokens: list[Token]) -> list[Token]:
    """ "take the loafers out - the watch is enough for now": after the request, why (the
    shopper settling) is no request of its own ("3 jars is enough" alone still is)."""
    words = [t.text for t in tokens]
    end = len(words)
    while end and words[end - 1] in {".", "!"}:
        end -= 1
    for comma in (i for i, w in enumerate(words[:end]) if w == ","):
        if comma and _SETTLED.match(" ".join(words[comma + 1 : end])):
            return [*tokens[:comma], *tokens[end:]]
    return tokens


def _count_of_the_cheap(tokens: list[Token]) -> list[Token]:
    """ "and 2 of the cheap jars": two jars (the jars called cheap, no price order asked)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 4):
        if (
            tokens[i].is_number
            and words[i + 1 : i + 3] == ["of", "the"]
            and words[i + 3] in {"cheap", "inexpensive", "pricey", "expensive", "dear"}
            and words[i + 4].isalpha()
        ):
            return [*tokens[: i + 3], *tokens[i + 4 :]]
    return tokens


def _count_in_sets(tokens: list[Token]) -> list[Token]:
    """ "and the salt and pepper things, two sets": two of them (the count of what was just
    named, in sets, packs, boxes or pairs)."""
    words = [t.text for t in tokens]
    for i in range(2, len(words)):
        if (
            words[i] in {"sets", "packs", "boxes", "pairs"}
            and tokens[i - 1].is_number
            and words[i - 2] in {",", "-"}
            and (i + 1 == len(words) or words[i + 1] in {".", "!", ",", "please"})
        ):
            of_them = [Token("of", tokens[i].raw), Token("them", tokens[i].raw)]
            return [*tokens[:i], *of_them, *tokens[i + 1 :]]
    return tokens


def _without_where_each_goes(tokens: list[Token]) -> list[Token]:
    """ "..., one for the house and one for the caravan": after a count, where each one goes
    (two or more "one for ..."), not more products."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 3):
        if words[i - 1] != "," or words[i : i + 2] != ["1", "for"]:
            continue
        end = _sentence_end(tokens, i)
        if [w for w in words[i:end] if w == "1"] and words[i:end].count("for") >= 2:
            return [*tokens[: i - 1], *tokens[end:]]
    return tokens


def _without_what_each_holds(tokens: list[Token]) -> list[Token]:
    """ "put four of the jars in, please - flour, sugar, rice and pasta": after a count, a
    list of as many things that are no products (what each one holds or is for) ends the
    message; it names no more products."""
    words = [t.text for t in tokens]
    counts = [t for t in tokens if t.is_number and t.value is not None and 2 <= t.value <= 12]
    if not counts:
        return tokens
    end = len(words)
    while end and words[end - 1] in {".", "!"}:
        end -= 1
    items, k = 0, end
    while k > 0:
        word = words[k - 1]
        if (
            not word.isalpha()
            or word in lexicon.SHOPPING_NOUNS
            or word in lexicon.CATEGORY_WORDS
            or word in {"please", "in", "too", "them", "it", "thanks", "one", "each"}
        ):
            break
        items += 1
        k -= 1
        if k and words[k - 1] in {",", "and"}:
            k -= 1
            continue
        break
    said = tokens[k - 1].text if k else ""
    if items < 2 or items != int(counts[0].value or 0) or said not in {",", "please", ":"}:
        return tokens
    return [*tokens[: k - 1 if said in {",", ":"} else k], *tokens[end:]]


def _one_each(tokens: list[Token]) -> list[Token]:
    """ "one for each of my three flatmates", "one each for my 4 nieces": that many of it
    (who they are for names no product)."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        if word not in {"one", "1"} or i + 3 >= len(words):
            continue
        j = i + 1
        if words[j : j + 2] == ["for", "each"] or words[j : j + 2] == ["for", "every"]:
            j += 2
        elif words[j : j + 2] == ["each", "for"]:
            j += 2
        else:
            continue
        while j < len(words) and words[j] in _OWNERS:
            j += 1
        if j < len(words) and tokens[j].is_number and not tokens[j].multiplier:
            end = (
                j
                + 1
                + (
                    j + 1 < len(words)
                    and tokens[j + 1].text.isalpha()
                    and tokens[j + 1].text not in {"please", "pls", "then", "and"}
                )
            )
            it = [tokens[j], Token("of", tokens[i].raw), Token("it", tokens[i].raw)]
            return [*tokens[:i], *it, *tokens[end:]]
    return _counted_then_one_each(tokens)


def _counted_then_one_each(tokens: list[Token]) -> list[Token]:
    """ "three mugs then, one each", "4 jars please, one for each of us": after a count,
    how they are shared out is no second count."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 1):
        if words[i] not in {"one", "1"} or words[i - 1] not in {",", "-", "and"}:
            continue
        if words[i + 1] != "each" and words[i + 1 : i + 3] != ["for", "each"]:
            continue
        if not any(t.is_number and t.text not in {"one", "1"} for t in tokens[:i]):
            continue
        end = _sentence_end(tokens, i)
        return [*tokens[: i - 1], *tokens[end:]]
    return tokens


#: How a reason for a count starts: "(I want) one for each windowsill".
_REASON_LEADS = (("i", "want"), ("i", "need"), ("i", "would", "like"))


def _one_for_each_reason(tokens: list[Token]) -> list[Token]:
    """ "make that 4, I want one for each windowsill": after a count, why that many (one
    for each of something not counted) names no product and no other count."""
    words = [t.text for t in tokens]
    counted = False
    for i, word in enumerate(words):
        counted = counted or (tokens[i].is_number and word not in {"one", "1"})
        if not counted or word not in {"one", "1"} or words[i + 1 : i + 3] not in (
            ["for", "each"], ["for", "every"]
        ):  # fmt: skip
            continue
        end = _sentence_end(tokens, i)
        if any(t.is_number for t in tokens[i + 3 : end]):
            continue  # "one for each of my 3 flatmates": that count (_one_each)
        start = i
        for lead in _REASON_LEADS:
            if tuple(words[start - len(lead) : start]) == lead:
                start -= len(lead)
        while start > 0 and words[start - 1] in {",", "and", "-"}:
            start -= 1
        return [*tokens[:start], *tokens[end:]]
    return tokens


_ADD_VERBS = frozenset({"add", "put", "get", "grab", "buy", "take", "order"})
_AND = frozenset({"and", "n", "&", "plus", ","})


def _count_of_it(tokens: list[Token]) -> list[Token]:
    """ "add 1 n a tank top w/ it": a count with no product, then another product, is that
    many of the product in focus ("add 1 of it and a tank top")."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 2):
        j = i + 1 + (words[i + 1] in {"please", "pls", "plz"})  # "add 2 pls n 3 mugs"
        if (
            words[i - 1] in _ADD_VERBS
            and tokens[i].is_number
            and not tokens[i].multiplier
            and j + 1 < len(words)
            and words[j] in _AND
            and (words[j + 1] in {"a", "an", "the", "some"} or tokens[j + 1].is_number)
        ):
            of_it = [Token("of", tokens[i].raw), Token("it", tokens[i].raw)]
            return [*tokens[: i + 1], *of_it, *tokens[i + 1 :]]
    return tokens


def _without_with_it(tokens: list[Token]) -> list[Token]:
    """ "add a tank top w/ it": what the new line goes with, not another line of "it" (but
    "what goes with it?" asks for matches)."""
    words = [t.text for t in tokens]
    end = len(words)
    while end and (tokens[end - 1].is_boundary or words[end - 1] in {"please", "pls", "thx"}):
        end -= 1
    if (
        end >= 3
        and words[end - 2] == "with"
        and words[end - 1] in {"it", "that", "them", "those"}
        and any(w in _ADD_VERBS for w in words[: end - 2])
    ):
        return [*tokens[: end - 2], *tokens[end:]]
    return tokens


_LIST_WORDS = frozenset({"list", "lists", "results", "search", "selection", "options", "ones"})
_SHOWED = frozenset({"showed", "shown", "gave", "given", "listed", "suggested", "sent", "found",
                     "show", "recommended", "mentioned"})  # fmt: skip


def _without_list_qualifier(tokens: list[Token]) -> list[Token]:
    """ "the second one from that list", "the fourth one from the list you showed me before":
    where the position counts from, which is always the products last shown. Dropped, so
    "list" is no request to list and "that" no reference of its own."""
    words = [t.text for t in tokens]
    if not any(t.ordinal is not None or t.text in lexicon.ORDINALS for t in tokens):
        return tokens
    for i, word in enumerate(words):
        if word not in {"from", "on", "in", "of"}:
            continue
        j = i + 1
        if j < len(words) and words[j] in {"the", "that", "this", "your", "those", "these"}:
            j += 1
        if j >= len(words) or words[j] not in _LIST_WORDS:
            continue
        j += 1
        # "... you showed me (before)", "... you gave us earlier"
        if j < len(words) and words[j] in {"you", "u"}:
            k = j + 1
            if k < len(words) and words[k] in _SHOWED:
                k += 1
                while k < len(words) and words[k] in {"me", "us", "before", "earlier"}:
                    k += 1
                j = k
        return tokens[:i] + tokens[j:]
    return tokens


#: Verbs that take lines out ("remove all but two of the mugs").
_TAKE_OUT = frozenset("remove delete ditch drop bin lose scrap dump toss take rid".split())
_ALL_OF = frozenset({"all", "everything"})


def _all_but_a_count(tokens: list[Token]) -> list[Token]:
    """ "remove all but one of the hairdryers", "too pricey, remove all but one": a new count
    for that line (or the one in focus), "set the hairdryers to 1"; not an emptied cart.
    "remove all but the mug" names a product instead, and stays an exception."""
    words = [t.text for t in tokens]
    for i in range(1, len(words) - 2):
        count = tokens[i + 2].value
        if not (words[i] in _ALL_OF and words[i + 1] in {"but", "except"} and count):
            continue
        verb = next((j for j in range(i - 1, -1, -1) if words[j] in _TAKE_OUT), None)
        if verb is None or any(not tokens[j].is_word for j in range(verb, i)):
            return tokens
        if words[verb] == "rid" and verb > 0 and words[verb - 1] == "get":
            verb -= 1
        end = i + 3 + (i + 3 < len(words) and words[i + 3] == "of")
        stop = end
        while stop < len(words) and tokens[stop].is_word and words[stop] not in {"and", "then"}:
            stop += 1
        if any(t.is_word for t in tokens[stop:]):
            return tokens  # "... except 2 of the jars and the mug": an exception list
        line = tokens[end:stop] or [Token("it", "it")]
        to = [Token("to", "to"), tokens[i + 2]]
        return [*tokens[:verb], Token("set", "set"), *line, *to, *tokens[stop:]]
    return tokens


def _keep_only(tokens: list[Token]) -> list[Token]:
    """ "keep only the watch and bin the rest", "just keep the mug in my cart": the same as
    "remove everything except the watch". Only with "the rest"/"the others" or the cart
    named: "keep only the black ones" after a search narrows the search instead."""
    words = [t.text for t in tokens]
    if "keep" not in words:
        return tokens
    k = words.index("keep")
    cleared = [i for i in range(k) if words[i] in {"clear", "empty"}]
    if cleared and k > 0 and words[k - 1] in {"but", ","} and k + 1 < len(words):
        # "clear the cart but keep the sunglasses": everything out except the sunglasses
        kept = tokens[k + 1 :]
        if analyse_clause(kept).refs.products:
            clear = [Token(w, w) for w in ("remove", "everything", "except")]
            return tokens[: cleared[0]] + clear + kept
    start = k + 1 + (k + 1 < len(words) and words[k + 1] in {"only", "just"})
    only = start == k + 2 or (k > 0 and words[k - 1] in {"only", "just"})
    rest = next((i for i in range(start, len(words)) if words[i] in _REST_WORDS), None)
    if rest is not None:
        verbs = [i for i in range(start, rest) if words[i] in _REST_VERBS]
        if not verbs:
            return tokens
        end, after = verbs[0], rest + 1
        if words[end - 1] == "get":  # "get rid of the rest"
            end -= 1
    elif only and words[start:] and {"cart", "basket"} & set(words[start:]):
        end = after = len(words)
    else:
        return tokens
    while end > start and words[end - 1] in {"and", ",", "then"}:
        end -= 1
    kept = tokens[start:end]
    if not kept or not analyse_clause(kept).refs.products:
        return tokens  # "just keep me posted": nothing to keep
    clear = [Token(w, w) for w in ("remove", "everything", "except")]
    lead = k - 1 if k > 0 and words[k - 1] in {"only", "just"} else k  # "only keep ..."
    return tokens[:lead] + clear + kept + tokens[after:]


#: Words of a story about someone, before the request it leads up to.
_STORY_WORDS = frozenset(
    "i i'm im she he we they my her his our their me him us mum mom dad sister brother "
    "friend wife husband partner boss".split()
)


#: Who an afterword is about ("..., she lives alone lol").
_SUBJECTS = frozenset("she he they we i it my her his our their".split())


def without_afterword(tokens: list[Token]) -> list[Token]:
    """ "make it just one of the gift, she lives alone lol": what is said after the request
    about someone (a part after the last comma that starts with who it is about, with no
    request, number or shopping word of its own) names no product, so it is left out."""
    commas = [i for i, t in enumerate(tokens) if t.text == ","]
    if not commas:
        return tokens
    cut = commas[-1]
    rest = [t.text for t in tokens[cut + 1 :]]
    if (rest[:2] == ["1", "for"] or rest[:3] == ["1", "is", "for"]) and set(rest) & lexicon.PEOPLE:
        return tokens[:cut]  # "make it two, one's for my mum": who the second one is for
    after = [t for t in tokens[cut + 1 :] if t.text not in lexicon.FILLERS or t.text in _SUBJECTS]
    if (
        not after
        or after[0].text not in _SUBJECTS
        or any(t.is_number for t in after)
        or any(t.text in lexicon.SHOPPING_NOUNS or t.text in lexicon.COLOURS for t in after)
        or any(m.signal not in _ASIDES for m in analyse_clause(tokens[cut + 1 :]).cues)
        or not analyse_clause(tokens[:cut]).cues
    ):
        return tokens
    return tokens[:cut]


_ASIDES = frozenset({"AFFIRM"})  # "..., she lives alone lol": a laugh asks for nothing


def without_preamble(tokens: list[Token]) -> list[Token]:
    """ "my sister just moved into her first flat, she owns nothing, so could you add the
    salt and pepper shakers?": the story before the request names no products. Comma-
    separated parts before the first part with a request are dropped when they tell of
    someone (a person word, no request and no number of their own) and the request names
    its product itself."""
    commas = [i for i, t in enumerate(tokens) if t.text == ","]
    if not commas or not {t.text for t in tokens[: commas[-1]]} & _STORY_WORDS:
        return tokens  # no story before a comma: nothing to drop (and no analysis to pay)
    cues = analyse_clause(tokens).cues
    # the request starts at its first cue, or, in a bare list ("restocking my kitchen, 4 mugs,
    # 3 jars"), at its first number
    starts = [m.start for m in cues] or [i for i, t in enumerate(tokens) if t.is_number][:1]
    if not starts:
        return tokens
    first = min(starts)
    cut = max((i for i in commas if i < first), default=None)
    if cut is None:
        return tokens
    story, request = tokens[:cut], tokens[cut + 1 :]
    if not {t.text for t in story} & _STORY_WORDS or any(t.is_number for t in story):
        return tokens  # no story ("the mug, the jar, add them"), or a budget in it
    # Only when the request names its own product: "I'm torn between the mug and the jar,
    # how much is each?" needs the first part.
    named = [r for r in analyse_clause(request).refs.products if r.text and not generic_ref(r)]
    return request if named else tokens


_PRICE_QUESTION = frozenset({"save", "saving", "savings", "cost", "costs", "difference"})


def _instead_of(tokens: list[Token]) -> list[Token]:
    """ "I'd like the watch after all, instead of the sunglasses": swap the sunglasses for
    the watch (when both sides name a product). Not in a price question: "if I got 3 jars
    instead of 3 mugs how much would I save?" compares them, it changes nothing."""
    words = [t.text for t in tokens]
    if _PRICE_QUESTION & set(words) or any(
        words[i : i + 2] == ["how", "much"] for i in range(len(words) - 1)
    ):
        return tokens
    for i in range(1, len(words) - 2):
        if (words[i], words[i + 1]) != ("instead", "of"):
            continue
        start = max((j + 1 for j in range(i) if tokens[j].is_boundary), default=0)
        stop = next((j for j in range(i + 2, len(words)) if tokens[j].is_boundary), len(words))
        wanted = _without_after_all([t for t in tokens[start:i] if t.text != ","])
        out = tokens[i + 2 : stop]
        named = [r for r in analyse_clause(wanted).refs.products if r.text and not generic_ref(r)]
        gone = [r for r in analyse_clause(out).refs.products if r.text and not generic_ref(r)]
        if len(named) != 1 or len(gone) != 1:
            return tokens
        swap = Token("swap", "swap")
        return [*tokens[:start], swap, *out, Token("for", "for"), *wanted, *tokens[stop:]]
    return tokens


def _without_after_all(tokens: list[Token]) -> list[Token]:
    """ "the watch after all": a change of mind, not "all" of anything."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 1):
        if (words[i], words[i + 1]) == ("after", "all"):
            return [*tokens[:i], *tokens[i + 2 :]]
    return tokens


def _back_soon(tokens: list[Token]) -> list[Token]:
    """ "brb, doorbell": the shopper steps away; what follows "brb" is why, never a request.
    "long story short" introduces the point, it is no story to look up."""
    words = [t.text for t in tokens]
    if "brb" in words:
        return tokens[: words.index("brb") + 1]
    for i in range(len(words) - 2):
        if words[i : i + 3] == ["long", "story", "short"]:
            return [*tokens[:i], *tokens[i + 3 :]]
    return tokens
