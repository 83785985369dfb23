"""Message rewrites for repairs: a shopper correcting the assistant or themselves.

"no, not that one - the jar", "I meant 4", "oops, typo - I meant 16", "three not two",
"pounds, not euros", "that's not what I meant, I wanted the mug", "(undo that,) 4 was right",
"X instead of Y", "after all", "move the alert to the watch": each becomes the plain request
it stands for before the message's clauses are analysed (see `rewrites.rewrite_message`).
"""

from __future__ import annotations

from dataclasses import replace

from cartmate.planner import lexicon
from cartmate.planner.analysis import analyse_clause
from cartmate.planner.clause_predicates import generic_ref
from cartmate.planner.money_phrases import currency_at
from cartmate.planner.recipients import GIFT_NOUNS
from cartmate.planner.text import Token, agreed_to, phrase_at, phrase_table

__all__ = [
    "alert_moved",
    "corrected_count",
    "count_was_right",
    "instead_of",
    "made_instead",
    "made_it_another",
    "meant_a_number",
    "no_one_of_those",
    "no_the_other",
    "not_that_but",
    "not_the_other_count",
    "not_the_other_currency",
    "not_what_i_meant",
    "self_corrected",
    "swap_a_category",
    "trailing_count",
    "what_about_count",
    "without_after_all",
]


#: What takes back the product or request just said: "the watch, no wait, the sunglasses".
_CORRECTIONS = (
    ("no", "wait"), ("wait", "no"), ("oh", "actually"), ("actually",), ("sorry",),
    ("i", "mean"), ("i", "meant"), ("or", "rather"), ("scratch", "that"), ("no",),
)  # fmt: skip
# By first word, longest first: within a first word that is also the order above.
_CORRECTION_TABLE = phrase_table((p, ()) for p in _CORRECTIONS)
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
    for phrase, _ in _CORRECTION_TABLE.get(words[i], ()):
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


def swap_a_category(tokens: list[Token]) -> list[Token]:
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


def alert_moved(tokens: list[Token]) -> list[Token]:
    """ "move the alert to the watch": "the alert to the watch" (the verb is no product; the
    policy reads the move from the message itself)."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words[:-1]):
        if word in {"move", "switch", "transfer"}:
            j = i + 1 + (words[i + 1] in {"the", "my", "that", "this"})
            if j < len(words) and words[j] in {"alert", "alerts"}:
                return [*tokens[:i], *tokens[i + 1 :]]
    return tokens


def not_that_but(tokens: list[Token]) -> list[Token]:
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


def made_it_another(tokens: list[Token]) -> list[Token]:
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


def no_one_of_those(tokens: list[Token]) -> list[Token]:
    """ "hmm, no, one of those should be 14": the "no" only prefaces the correction."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words[:4]):
        if word == "no" and [w for w in words[i + 1 : i + 4] if w != ","][:2] in (
            ["1", "of"],
            ["one", "of"],
        ):
            return [t for t in tokens[i + 1 :] if t.text != ","] if i < 3 else tokens
    return tokens


def no_the_other(tokens: list[Token]) -> list[Token]:
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


def meant_a_number(tokens: list[Token]) -> list[Token]:
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


_NOT_WHAT_TABLE = phrase_table((p, ()) for p in _NOT_WHAT)


def not_what_i_meant(tokens: list[Token]) -> list[Token]:
    """ "that's not what I meant, I wanted the black one": "I meant the black one" (the one
    just added comes out, the black one goes in). Alone, it stays a take-back."""
    words = [t.text for t in tokens]
    for i in range(len(words)):
        found = phrase_at(_NOT_WHAT_TABLE, words, i)
        if found is None:
            continue
        phrase = found[0]
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


def self_corrected(tokens: list[Token]) -> list[Token]:
    """A product or request taken back in the same message, and what replaces it:

    - "and the watch, no wait, the sunglasses instead", "put in a tank top. no, make it a
      pair of loafers": the new product where the old one was said;
    - "remove the mug, oh actually, just take one of them out": the new request, with
      "them" the product said before.

    Only when the part before names a product; a count alone ("add a mug, actually make that
    two") is `corrected_count`'s."""
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
            correction = phrase_at(_CORRECTION_TABLE, said, 0)
            more = len(correction[0]) if correction is not None else 0
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


def count_was_right(tokens: list[Token]) -> list[Token]:
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


def not_the_other_count(tokens: list[Token]) -> list[Token]:
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


def not_the_other_currency(tokens: list[Token]) -> list[Token]:
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


def what_about_count(tokens: list[Token]) -> list[Token]:
    """ "ok what about 999 then" after a count was refused: the count ("about 999" is no
    price here: nothing after it says money)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i] in {"what", "how"} and words[i + 1] == "about" and tokens[i + 2].is_number:
            after = words[i + 3] if i + 3 < len(words) else ""
            if after in {"", "then", "?", ".", "!", "please", "instead"}:
                return [*tokens[:i], *tokens[i + 2 :]]
    return tokens


def trailing_count(tokens: list[Token]) -> list[Token]:
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


def corrected_count(tokens: list[Token]) -> list[Token]:
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


_PRICE_QUESTION = frozenset({"save", "saving", "savings", "cost", "costs", "difference"})


def instead_of(tokens: list[Token]) -> list[Token]:
    """ "I'd like the watch after all, instead of the sunglasses": swap the sunglasses for
    the watch (when both sides name a product). Not in a price question: "if I got 3 jars
    instead of 3 mugs how much would I save?" compares them, it changes nothing."""
    words = [t.text for t in tokens]
    if _PRICE_QUESTION & set(words) or any(
        words[i : i + 2] == ["how", "much"] for i in range(len(words) - 1)
    ):
        return tokens
    for i in range(len(words) - 2):
        if (words[i], words[i + 1]) != ("instead", "of"):
            continue
        start = max((j + 1 for j in range(i) if tokens[j].is_boundary), default=0)
        if not [t for t in tokens[start:i] if t.is_word]:
            return _instead_of_first(tokens, start, i)
        stop = next((j for j in range(i + 2, len(words)) if tokens[j].is_boundary), len(words))
        wanted = without_after_all([t for t in tokens[start:i] if t.text != ","])
        out = tokens[i + 2 : stop]
        named = [r for r in analyse_clause(wanted).refs.products if r.text and not generic_ref(r)]
        gone = [r for r in analyse_clause(out).refs.products if r.text and not generic_ref(r)]
        if len(named) != 1 or len(gone) != 1:
            return tokens
        swap = Token("swap", "swap")
        return [*tokens[:start], swap, *out, Token("for", "for"), *wanted, *tokens[stop:]]
    return tokens


#: Where what is wanted starts after "instead of X": "I'll have", "give me", "can I get"
_WANTED_STARTS = frozenset({",", "i", "give", "can", "could", "let", "put", "make", "get"})


def _instead_of_first(tokens: list[Token], start: int, i: int) -> list[Token]:
    """ "Instead of two mugs I'll have two jars": the first named comes out, the second
    goes in (each with its own count)."""
    words = [t.text for t in tokens]
    stop = next((j for j in range(i + 2, len(words)) if tokens[j].is_boundary), len(words))
    k = next((j for j in range(i + 3, stop) if words[j] in _WANTED_STARTS), None)
    if k is None:
        return tokens
    out, wanted = tokens[i + 2 : k], [t for t in tokens[k:stop] if t.text != ","]
    named = [r for r in analyse_clause(wanted).refs.products if r.text and not generic_ref(r)]
    gone = [r for r in analyse_clause(out).refs.products if r.text and not generic_ref(r)]
    if len(named) != 1 or len(gone) != 1:
        return tokens
    at = next(j for j, t in enumerate(wanted) if t.text not in _WANTED_STARTS | _HAVING)
    swap = Token("swap", "swap")
    return [*tokens[:start], swap, *out, Token("for", "for"), *wanted[at:], *tokens[stop:]]


#: "I'll have", "I will take", "give me", "can I get": the verbs before what is wanted
_HAVING = frozenset({"will", "would", "have", "take", "me", "we", "like", "want", "please"})
#: "make my dad's present the sunglasses instead", "make it the jar instead"
_MAKE = frozenset({"make", "change", "switch"})


def made_instead(tokens: list[Token]) -> list[Token]:
    """ "Make my dad's present the sunglasses instead.", "make it the jar instead", "change
    mum's gift to the hairdryer instead": a swap of what is named first for what comes
    after (both must name something, and "instead" must be said)."""
    words = [t.text for t in tokens]
    if "instead" not in words or "of" in words:
        return tokens
    at = next((j for j, w in enumerate(words) if w in _MAKE), None)
    end = words.index("instead")
    if at is None or end < at + 3:
        return tokens
    for k in range(at + 2, end):
        if words[k] not in {"the", "a", "an", "to", "into", "2", "3", "4", "5"}:
            continue
        gone, wanted = tokens[at + 1 : k], tokens[k + (words[k] in {"to", "into"}) : end]
        gone_words = {t.text for t in gone}
        names_gone = bool(gone_words & (GIFT_NOUNS | {"it", "that", "this", "them"})) or [
            r for r in analyse_clause(gone).refs.products if r.text and not generic_ref(r)
        ]
        named = [r for r in analyse_clause(wanted).refs.products if r.text and not generic_ref(r)]
        if names_gone and len(named) == 1:
            swap = Token("swap", "swap")
            return [*tokens[:at], swap, *gone, Token("for", "for"), *wanted, *tokens[end + 1 :]]
    return tokens


def without_after_all(tokens: list[Token]) -> list[Token]:
    """ "the watch after all": a change of mind, not "all" of anything."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 1):
        if (words[i], words[i + 1]) == ("after", "all"):
            return [*tokens[:i], *tokens[i + 2 :]]
    return tokens
