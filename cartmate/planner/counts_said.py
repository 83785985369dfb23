"""Message rewrites for counts said around the products.

"a set of the shakers", ", two sets", "one for each of my three flatmates", "4, one for each
windowsill", "one for me too", "2 of the cheap jars", "put four jars in - flour, sugar, rice
and pasta", "remove all but one of the mugs", "keep only the watch and bin the rest", a head
count ("we're four"): each becomes a plain count of the product it is of (see
`rewrites.rewrite_message`).
"""

from __future__ import annotations

from decimal import Decimal

from cartmate.planner import lexicon
from cartmate.planner.analysis import analyse_clause
from cartmate.planner.clause_predicates import ASKING
from cartmate.planner.head_counts import people_counted
from cartmate.planner.text import Token, sentence_end

__all__ = [
    "fewer_after_the_noun",
    "SHOWED_VERBS",
    "a_set_of",
    "all_but_a_count",
    "count_in_sets",
    "count_of_it",
    "count_of_the_cheap",
    "each_counted",
    "head_count",
    "keep_only",
    "one_each",
    "one_for_each_reason",
    "one_for_them_too",
    "reference_then_count",
    "without_list_qualifier",
    "without_what_each_holds",
    "without_with_it",
]

#: Verbs that clear "the rest" ("keep the watch and bin the rest").
_REST_VERBS = frozenset(
    "bin remove ditch drop lose toss dump clear delete scrap trash rid chuck".split()
)
#: What "the rest" is called.
_REST_WORDS = frozenset({"rest", "others"})


def head_count(tokens: list[Token]) -> list[Token]:
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


_TAKING = (("give", "me"), ("i", "take"), ("i", "will", "take"), ("i", "want"), ("i", "need"),
           ("i", "will", "have"))  # fmt: skip


def reference_then_count(tokens: list[Token]) -> list[Token]:
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


def each_counted(tokens: list[Token], count: int) -> list[Token]:
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


_OWNERS = frozenset({"my", "the", "our", "his", "her", "their", "of"})


def one_for_them_too(tokens: list[Token]) -> list[Token]:
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


def a_set_of(tokens: list[Token]) -> list[Token]:
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
            return a_set_of(_without_where_each_goes(kept))
    return tokens


def count_of_the_cheap(tokens: list[Token]) -> list[Token]:
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


def count_in_sets(tokens: list[Token]) -> list[Token]:
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
        end = sentence_end(tokens, i)
        if [w for w in words[i:end] if w == "1"] and words[i:end].count("for") >= 2:
            return [*tokens[: i - 1], *tokens[end:]]
    return tokens


def without_what_each_holds(tokens: list[Token]) -> list[Token]:
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


def one_each(tokens: list[Token]) -> list[Token]:
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
        end = sentence_end(tokens, i)
        # ", and the hairdryer for my wife" after it is another request
        end = next((j for j in range(i + 2, end) if words[j] in {",", "and", ";"}), end)
        return [*tokens[: i - 1], *tokens[end:]]
    return tokens


#: How a reason for a count starts: "(I want) one for each windowsill".
_REASON_LEADS = (("i", "want"), ("i", "need"), ("i", "would", "like"))


def one_for_each_reason(tokens: list[Token]) -> list[Token]:
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
        end = sentence_end(tokens, i)
        if any(t.is_number for t in tokens[i + 3 : end]):
            continue  # "one for each of my 3 flatmates": that count (one_each)
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


def count_of_it(tokens: list[Token]) -> list[Token]:
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


def without_with_it(tokens: list[Token]) -> list[Token]:
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
SHOWED_VERBS = frozenset({
    "showed", "shown", "gave", "given", "listed", "suggested", "sent", "found", "show",
    "recommended", "mentioned",
})  # fmt: skip


def without_list_qualifier(tokens: list[Token]) -> list[Token]:
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
            if k < len(words) and words[k] in SHOWED_VERBS:
                k += 1
                while k < len(words) and words[k] in {"me", "us", "before", "earlier"}:
                    k += 1
                j = k
        return tokens[:i] + tokens[j:]
    return tokens


#: Verbs that take lines out ("remove all but two of the mugs").
_TAKE_OUT = frozenset("remove delete ditch drop bin lose scrap dump toss take rid".split())
_ALL_OF = frozenset({"all", "everything"})


def all_but_a_count(tokens: list[Token]) -> list[Token]:
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


def keep_only(tokens: list[Token]) -> list[Token]:
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


def fewer_after_the_noun(tokens: list[Token]) -> list[Token]:
    """ "actually, one jar fewer", "two mugs less": "one fewer jar" (that many fewer of the
    line), as the count is said before a noun."""
    words = [t.text for t in tokens]
    for i, token in enumerate(tokens):
        if not token.is_number:
            continue
        k = i + 1
        while k < len(words) and k - i <= 3 and words[k].isalpha() and words[k] not in {
            "fewer", "less", "more"}:  # fmt: skip
            k += 1
        if k == i + 1 or k >= len(words) or words[k] not in {"fewer", "less"}:
            continue
        after = words[k + 1 : k + 2]
        if after and after[0] not in {".", "!", ",", "please", "then", "thanks"}:
            continue  # "two mugs less than the jars": a comparison
        return [*tokens[: i + 1], tokens[k], *tokens[i + 1 : k], *tokens[k + 1 :]]
    return tokens
