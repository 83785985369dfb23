"""Rewrites of a message's tokens before its clauses are analysed.

Each turns a way of saying something into the plain form the rest of the planner reads:
"given that, what should I get?" loses its lead-in; "the second one from that list" loses
where the position counts from; "keep only the watch and bin the rest" becomes "remove
everything except the watch"; and in a clause, a story before the request that names its own
product is left out ("my sister just moved, so could you add the shakers?").

`rewrite_message` keeps the order every rewrite runs in. Most live in modules by kind:
`plainly`, `dictation`, `descriptions` and `whichever` (wordings said plainly first),
`repairs` (the shopper correcting the assistant or themselves), `asides` (what a message says
besides its request) and `counts_said` (counts said around the products); the rest are here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from cartmate.planner import lexicon
from cartmate.planner.analysis import analyse_clause
from cartmate.planner.asides import (
    back_soon,
    budget_then_ask,
    closing_please,
    how_many_we_are,
    leading_acknowledgement,
    mind_changed_about_doing,
    new_one_then_named,
    question_dropped,
    so_then_ask,
    without_aside,
    without_lead_in,
    without_occasion,
    without_purpose,
    without_remark,
    without_remark_about_them,
    without_settled_remark,
    without_when,
    without_when_i_asked,
    without_whose_remark,
)
from cartmate.planner.counts_said import (
    SHOWED_VERBS,
    a_set_of,
    all_but_a_count,
    count_in_sets,
    count_of_it,
    count_of_the_cheap,
    each_counted,
    fewer_after_the_noun,
    head_count,
    keep_only,
    one_each,
    one_for_each_reason,
    one_for_them_too,
    reference_then_count,
    without_list_qualifier,
    without_what_each_holds,
    without_with_it,
)
from cartmate.planner.descriptions import described_things_named
from cartmate.planner.dictation import as_dictated
from cartmate.planner.head_counts import people_counted
from cartmate.planner.money_phrases import currency_at
from cartmate.planner.other_languages import said_in_english
from cartmate.planner.plainly import plainly_said
from cartmate.planner.repairs import (
    alert_moved,
    corrected_count,
    count_was_right,
    instead_of,
    made_instead,
    made_it_another,
    meant_a_number,
    no_one_of_those,
    no_the_other,
    not_that_but,
    not_the_other_count,
    not_the_other_currency,
    not_what_i_meant,
    self_corrected,
    swap_a_category,
    trailing_count,
    what_about_count,
    without_after_all,
)
from cartmate.planner.text import Token, phrase_at, phrase_table, sentence_end, tokens_for
from cartmate.planner.whichever import whichever_said_plainly

__all__ = ["rewrite_message"]


def _than_first(tokens: list[Token]) -> list[Token]:
    """ "how much more than the jar is the candle holder?": "how much more is the candle
    holder than the jar?" (the product asked about first)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 5):
        if words[i : i + 2] != ["how", "much"] or words[i + 2] not in {"more", "less"}:
            continue
        if words[i + 3] != "than":
            continue
        verb = next((k for k in range(i + 4, len(words)) if words[k] in {"is", "are"}), None)
        if verb is None or verb == i + 4:
            return tokens
        end = next((k for k in range(verb + 1, len(words)) if words[k] in {"?", ".", ","}),
                   len(words))  # fmt: skip
        if end == verb + 1:
            return tokens
        than, subject = tokens[i + 3 : verb], tokens[verb + 1 : end]
        return [*tokens[: i + 3], tokens[verb], *subject, *than, *tokens[end:]]
    return tokens


def rewrite_message(tokens: list[Token]) -> list[Token]:
    """The whole message's rewrites, in this order: other languages' words in English
    (`other_languages`), courteous wrappings said plainly (`plainly`),
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
        said_in_english, plainly_said, as_dictated, described_things_named,
        whichever_said_plainly, _than_first,
        _negative_amount, _return_to_currency, _no_alerts_now, _not_adding, _not_this_count,
        _negated_traits, back_soon,
        _plain_english, _question_then_nots, reference_then_count,
        _someone_needs_none, _list_after_colon,
        _without_text_speak, _comma_then_question, _price_remark_first, _plus_and_with_as_and,
        _taste_idioms,
        _relative_suits,
        _matching_alike, _two_for_to, _can_go,
        _not_a_total,
        _without_spending_talk, so_then_ask, how_many_we_are, mind_changed_about_doing,
        question_dropped, without_when_i_asked, new_one_then_named,
        budget_then_ask, without_purpose, closing_please, leading_acknowledgement,
        without_occasion, without_whose_remark, without_aside, without_remark_about_them,
        without_when,
        without_remark, without_lead_in,
        without_list_qualifier,
        _one_shown_at, _pick_of_shown, a_set_of, count_in_sets, count_of_the_cheap,
        fewer_after_the_noun,
        without_what_each_holds,
        without_settled_remark,
        head_count, one_each,
        one_for_each_reason,
        one_for_them_too, count_of_it, without_with_it, all_but_a_count, keep_only,
        without_after_all,
        _just_the_one, _last_added, swap_a_category, alert_moved, not_that_but,
        made_it_another,
        no_one_of_those,
        no_the_other,
        meant_a_number,
        not_what_i_meant,
        self_corrected,
        count_was_right,
        not_the_other_count, not_the_other_currency, corrected_count, trailing_count,
        what_about_count, instead_of, made_instead,
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
_NOT_ADDING_TABLE = phrase_table((p, ()) for p in _NOT_ADDING)
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
        phrase = phrase_at(_NOT_ADDING_TABLE, words, i)
        if phrase is None:
            continue
        found = phrase[0]
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


_NOT_OVER_TABLE = phrase_table((p, ()) for p in _NOT_OVER)
_NOT_A_TRAIT_TABLE = phrase_table((p, ()) for p in _NOT_A_TRAIT)
#: Words that can start a change `_negated_traits` makes.
_NEGATION_FIRST = frozenset(_NOT_OVER_TABLE) | frozenset(_NOT_A_TRAIT_TABLE) | {"never"}


def _negated_traits(tokens: list[Token]) -> list[Token]:
    """ "something under 20 that isn't black", "what do you have that's not in accessories?":
    an exception ("except black"), so the search leaves those out rather than looking for
    them; "gifts without a price over 25": at most 25; "never show me gold things": not
    wanted, ever (a dislike)."""
    words = [t.text for t in tokens]
    if _NEGATION_FIRST.isdisjoint(words):
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        found = phrase_at(_NOT_OVER_TABLE, words, i)
        over = found[0] if found is not None else None
        if over is not None and i + len(over) < len(tokens) and tokens[i + len(over)].is_number:
            out += [replace(tokens[i], text="at", raw="at"),
                    replace(tokens[i], text="most", raw="most")]  # fmt: skip
            i += len(over)
            continue
        found = phrase_at(_NOT_A_TRAIT_TABLE, words, i)
        trait = found[0] if found is not None else None
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


_PLAIN_ENGLISH_TABLE = phrase_table(_PLAIN_ENGLISH)


def _plain_english(tokens: list[Token]) -> list[Token]:
    """Second-language wordings put the usual way (`_PLAIN_ENGLISH`), and "you have mug?"
    asked as "do you have mug?"."""
    said_words = [t.text for t in tokens]
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        found = phrase_at(_PLAIN_ENGLISH_TABLE, said_words, i)
        if found is not None:
            said, usual = found
            out += tokens_for(usual, tokens[i])
            i += len(said)
        elif not (
            tokens[i].is_number or said_words[i] in _WH_WORDS or said_words[i] == "you"
        ):  # none of the rules below starts here
            out.append(tokens[i])
            i += 1
        else:
            words = tuple(said_words[i : i + 3])
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
            if lead and "?" in (t.text for t in tokens[i : sentence_end(tokens, i) + 1]):
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
    end = sentence_end(tokens, q + 1)
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
        stop = sentence_end(tokens, end)
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
        rest = each_counted(rest, count)
    return [*tokens[:start], Token("add", tokens[colon].raw), *rest]


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
    if lexicon.STYLE_WORDS.isdisjoint(words):  # every idiom below names a colour or a look
        return tokens
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


_MAY = frozenset({"can", "could", "should", "must", "may"})


def _can_go(tokens: list[Token]) -> list[Token]:
    """ "Everything except the first item can go.", "the mug can go": a removal, said as
    what may leave (not "what can go with it", a question)."""
    words = [t.text for t in tokens]
    end = len(words)
    while end and not tokens[end - 1].is_word:
        end -= 1
    if end < 3 or words[end - 2] not in _MAY or words[end - 1] != "go" or "?" in words:
        return tokens
    start = max((k + 1 for k in range(end - 2) if tokens[k].is_boundary), default=0)
    said = tokens[start : end - 2]
    if not said or {t.text for t in said} & {"what", "which", "how", "where", "anything"}:
        return tokens
    return [*tokens[:start], Token("remove", "remove"), *said, *tokens[end:]]


def _plus_and_with_as_and(tokens: list[Token]) -> list[Token]:
    """ "shakers + a jar pls", "add watch w/ a candle holder": two products asked for. "+"
    between words is "and" (between numbers it is a sum); "with" is "and" when a product
    noun comes right before it and a product follows ("a mug with a jar"), not in "a top
    with sparkle"."""
    out = list(tokens)
    # "replace the hairdryer with the watch", "swap it with the jar": "with" is the swap's
    replacing = {t.text for t in tokens} & {"replace", "swap", "switch", "substitute", "trade"}
    for i in range(1, len(tokens) - 1):
        before, word, after = tokens[i - 1], tokens[i].text, tokens[i + 1 :]
        if replacing and word == "with":
            continue
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


def _one_shown_at(tokens: list[Token]) -> list[Token]:
    """ "the one you showed me first" is "the first one" (a position, not "the one" and
    "first" as two products)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 3):
        if words[i : i + 2] != ["the", "one"]:
            continue
        j = i + 2 + (words[i + 2] == "that")
        if words[j : j + 1] != ["you"] or j + 1 >= len(words) or words[j + 1] not in SHOWED_VERBS:
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
