"""References to products of lists shown before the latest one, or to cart lines by when
they were added.

"the first thing you showed me", "the one you showed before that", "that watch from earlier",
"the kitchen one from before", "the other accessory you showed me", "the last one from that
kitchen list", "the first thing I added": the phrase is taken out of the message and stands
as "it" there (so "add two of the first thing you showed me" reads "add two of it"); which
product it means is kept as a `ShownEarlier` for a resolver with the lists shown lately.
"""

from __future__ import annotations

from cartmate.planner import lexicon
from cartmate.planner.intents import ShownEarlier
from cartmate.planner.text import Token

__all__ = ["shown_earlier"]

_SHOWED = frozenset({"showed", "shown", "gave", "listed", "suggested", "recommended", "found"})
_EARLIER = frozenset({"before", "earlier", "previously"})
_HEADS = frozenset({"one", "1", "thing", "item", "product"})
_LISTS = frozenset({"list", "lot", "bunch", "search", "results"})
_ADDED = frozenset({"added", "put", "got", "picked", "chose"})


#: what names a list shown before as a topic ("back to the kitchen stuff")
_TOPIC_NOUNS = frozenset({"stuff", "things", "list", "ones", "search", "results", "items"})
_STOPS = frozenset({",", ":", ".", "-", "!", "?", ";"})


def _back_to_list(words: list[str]) -> tuple[int, int, str] | None:
    """ "going back to the kitchen stuff: ...": where that phrase starts and ends, and the
    topic of the list it goes back to."""
    for i in range(len(words) - 2):
        if words[i : i + 2] != ["back", "to"]:
            continue
        j = i + 2 + (words[i + 2] in {"the", "those", "that", "these", "my", "your"})
        k = j
        while k < len(words) and words[k] not in _STOPS and k - j < 4:
            k += 1
        if k >= len(words) or words[k] not in _STOPS or words[k - 1] not in _TOPIC_NOUNS:
            return None  # "back to the watch, add it": a product, not a list
        topic = words[j : k - 1]
        if not topic:
            return None
        start = i - (i > 0 and words[i - 1] in {"going", "go", "coming", "getting", "get"})
        return start, k + 1, " ".join(topic)
    return None


def _ordinal_one(words: list[str], start: int) -> tuple[int, int] | None:
    """Where "the second one" (or "the last thing") is, from `start`: its index and ordinal."""
    for i in range(start, len(words) - 2):
        ordinal = lexicon.ORDINALS.get(words[i + 1])
        if words[i] == "the" and ordinal and words[i + 2] in _HEADS:
            return i, ordinal
    return None


def shown_earlier(tokens: list[Token]) -> tuple[list[Token], ShownEarlier | None]:
    """The tokens with such a phrase as "it", and what it refers to; unchanged, None, if
    the message has none."""
    words = [t.text for t in tokens]
    back = _back_to_list(words)
    pointed = _ordinal_one(words, back[1]) if back else None
    if back and pointed:
        # "going back to the kitchen stuff: I'll take the second one": of that list
        (start, end, topic), (at, ordinal) = back, pointed
        kept = [*tokens[:start], *tokens[end:at], Token("it", "it"), *tokens[at + 3 :]]
        return kept, ShownEarlier("list", topic, ordinal, False)
    for i, word in enumerate(words):
        taken = _taken_out_at(words, i)
        if taken:  # "what I took out earlier": the last line taken out of the cart
            return [*tokens[:i], Token("it", "it"), *tokens[i + taken :]], ShownEarlier(
                "removed", None, None, False
            )
        weighed = _weighed_at(words, i)
        if weighed:  # "the second of the two you compared (at the start)"
            end, ref = weighed
            return [*tokens[:i], Token("it", "it"), *tokens[end:]], ref
        alerted = _alerted_at(words, i)
        if alerted:  # "the thing I set an alert on": the product of the shopper's alert
            return [*tokens[:i], Token("it", "it"), *tokens[i + alerted :]], ShownEarlier(
                "alerted", None, None, False
            )
        if words[i : i + 3] == ["in", "the", "middle"]:
            # "what's in the middle now?": the cart's middle line, as listed
            end = (
                i + 3 + (words[i + 3 : i + 6] in (["of", "my", "cart"], ["of", "the", "cart"])) * 3
            )
            return [*tokens[:i], Token("it", "it"), *tokens[end:]], ShownEarlier(
                "cart", None, 0, False
            )
        if word == "whatever" and words[i + 1 : i + 2] in (["i"], ["we"]):
            # "remove whatever I added first": the thing I added first
            said = _at(["the", "thing", *words[i + 1 :]], 0)
            if said is not None:
                end, ref = said
                return [*tokens[:i], Token("it", "it"), *tokens[i + end - 1 :]], ref
        if word not in {"the", "that", "this"}:
            continue
        line = _cart_line_at(words, i)
        if line is not None:  # "the second thing in my cart", "the top line", "the middle one"
            end, ref = line
            return [*tokens[:i], Token("it", "it"), *tokens[end:]], ref
        found = _at(words, i)
        if found is not None:
            end, ref = found
            rest = tokens[end:]
            if rest and rest[0].text == ",":  # "that watch from earlier, what's it in euros?"
                rest = rest[1:]
            return [*tokens[:i], Token("it", "it"), *rest], ref
    return tokens, None


def _at(words: list[str], i: int) -> tuple[int, ShownEarlier] | None:
    """(end, reference) for a phrase starting at words[i] ("the"/"that"/"this")."""
    j = i + 1
    j += j < len(words) and words[j] == "very"  # "the very first thing you showed me"
    ordinal = _ordinal(words, j)
    j += ordinal is not None
    other = j < len(words) and words[j] == "other"
    j += other
    # the head: "one"/"thing", or a noun that describes it ("watch", "kitchen one")
    start = j
    while j < len(words) and words[j] not in _HEADS and _describes(words[j]) and j - start < 2:
        j += 1
    described = " ".join(words[start:j]) or None
    head = words[j] if j < len(words) and words[j] in _HEADS else None
    if head is not None:
        j += 1
    elif described is None:
        return None
    # "the last one from that kitchen list"
    if j + 2 < len(words) and words[j] in {"from", "in", "on", "of"}:
        k = j + 1 + (words[j + 1] in {"that", "the", "this"})
        about = []
        while k < len(words) and words[k] not in _LISTS and _describes(words[k]) and len(about) < 2:
            about.append(words[k])
            k += 1
        if k < len(words) and words[k] in _LISTS and (about or ordinal):
            # "from that list" with no words for it: the latest list of several
            return k + 1, ShownEarlier("list", " ".join(about) or None, ordinal, other)
    # "... (that) you showed (me) (before that | first)", "... from before/earlier"
    k = j + (j < len(words) and words[j] == "that")
    if ordinal is None and described is None:
        by_when = _added_when(words, k, other)  # "the thing I added first / before the mugs"
        if by_when is not None:
            return by_when
    if ordinal and ordinal > 0 and described is None and words[k : k + 1] in (["i"], ["we"]):
        # "the first thing I added", "the second one I put in" ("the last thing I added" is
        # "it", the product an add puts in focus: see rewrites._last_added)
        if k + 1 < len(words) and words[k + 1] in _ADDED:
            end = k + 2 + (k + 2 < len(words) and words[k + 2] in {"in", "to"})
            return end, ShownEarlier("added", None, ordinal, other)
    if k + 1 < len(words) and words[k] == "you" and words[k + 1] in _SHOWED:
        verb = words[k + 1]
        k += 2
        k += k < len(words) and words[k] in {"me", "us"}
        if words[k : k + 2] == ["before", "that"]:
            return k + 2, ShownEarlier("before", described, ordinal, other)
        if ordinal == 1 and described is None:
            if verb not in {"showed", "shown"}:
                return None  # "the first one you suggested": of the latest suggestions
            return k, ShownEarlier("first", None, 1, other)  # "the first thing you showed me"
        k += k < len(words) and words[k] in _EARLIER
        if described or other:  # "the other accessory you showed me"
            return k, ShownEarlier("earlier", described, ordinal, other)
        return None
    if j + 1 < len(words) and words[j] == "from" and words[j + 1] in _EARLIER:
        # "the kitchen one from before"; "the one from earlier" (which, of all shown?)
        return j + 2, ShownEarlier("earlier", described, ordinal, other)
    return None


#: Where a line stands in the cart as listed: 0 is the middle one
_PLACES = {"top": 1, "bottom": -1, "middle": 0}
_LINE_HEADS = frozenset({"line", "item", "thing", "one", "1", "product"})
_CARTS = frozenset({"cart", "basket", "trolley", "bag"})
#: Verbs that put a product in the cart: "in my cart" after them is where, not which
_PUTTING = frozenset("add put chuck throw pop stick place get".split())


def _cart_line_at(words: list[str], i: int) -> tuple[int, ShownEarlier] | None:
    """(end, reference) for a line of the cart by where it is listed: "the second thing in
    my cart", "the top line", "the bottom item", "the middle one", "the first line"."""
    j = i + 1
    place = _PLACES.get(words[j]) if j < len(words) else None
    ordinal = place if place is not None else _ordinal(words, j)
    if ordinal is None or j + 1 >= len(words) or words[j + 1] not in _LINE_HEADS:
        return None
    head, end = words[j + 1], j + 2
    said = words[end : end + 3]
    in_cart = len(said) == 3 and said[0] in {"in", "of"} and said[1] in {"my", "the"}
    in_cart = in_cart and said[2] in _CARTS and not set(words[:i]) & _PUTTING
    if in_cart:  # "the second thing in my cart" (not "chuck the 2nd one in my cart")
        end += 3
    elif not (head == "line" or (head == "item" and place is not None) or place == 0):
        # "the first one", "the top one": of the list shown; "the second item": of the lines
        # a change to the cart is about (`targets`); "the middle one" is the cart's
        return None
    return end, ShownEarlier("cart", None, ordinal, False)


def _added_when(words: list[str], k: int, other: bool) -> tuple[int, ShownEarlier] | None:
    """After "the thing" at words[k]: "I added first" / "I added last" (the line added
    first or last), or "I added before (after) the mugs" (the line added just before or
    after the one named)."""
    if words[k : k + 1] not in (["i"], ["we"]) or k + 2 >= len(words) or words[k + 1] not in _ADDED:
        return None
    when = words[k + 2]
    if when in {"first", "last"}:
        return k + 3, ShownEarlier("added", None, 1 if when == "first" else -1, other)
    if when not in {"before", "after"} or k + 3 >= len(words):
        return None
    m = k + 3 + (words[k + 3] in {"the", "my", "those", "that"})
    named = []
    while m < len(words) and _describes(words[m]) and len(named) < 3:
        named.append(words[m])
        m += 1
    if not named:
        return None
    return m, ShownEarlier("added", " ".join(named), -1 if when == "before" else 1, other)


_TOOK_OUT = (("took", "out"), ("taken", "out"), ("removed",), ("deleted",), ("dropped",),
             ("took", "off"), ("threw", "out"))  # fmt: skip


def _taken_out_at(words: list[str], i: int) -> int:
    """How many words "what I took out (earlier)" / "the thing I removed" / "everything I
    took out before" spans from words[i]; 0 when no such phrase starts there."""
    j = i
    if words[j : j + 1] in (["what"], ["everything"]):
        j += 1
    elif words[j : j + 1] == ["the"] and j + 1 < len(words) and words[j + 1] in _HEADS | {"stuff"}:
        j += 2
    else:
        return 0
    j += words[j : j + 1] == ["that"]
    if words[j : j + 1] != ["i"]:
        return 0
    j += 1
    j += j < len(words) and words[j] in {"just", "had"}
    verb = next((v for v in _TOOK_OUT if tuple(words[j : j + len(v)]) == v), None)
    if verb is None:
        return 0
    j += len(verb)
    j += j < len(words) and words[j] in _EARLIER
    return j - i


_COMPARED = frozenset({"compared", "weighed", "contrasted"})
_AT_THE_START = (["at", "the", "start"], ["at", "the", "beginning"], ["first"], ["earlier"],
                 ["before"], ["at", "first"])  # fmt: skip


def _weighed_at(words: list[str], i: int) -> tuple[int, ShownEarlier] | None:
    """ "the second of the two you compared (at the start)", "the cheaper of the two we
    compared earlier": (end, reference); None when no such phrase starts at words[i]."""
    if words[i : i + 1] != ["the"]:
        return None
    ordinal = _ordinal(words, i + 1)
    if ordinal is None:
        return None
    j = i + 2
    j += j < len(words) and words[j] in _HEADS
    if words[j : j + 3] not in (["of", "the", "two"], ["of", "the", "ones"], ["of", "the", "2"]):
        if words[j : j + 2] != ["of", "both"]:
            return None
        j += 2
    else:
        j += 3
    j += j < len(words) and words[j] in {"things", "products", "items", "ones"}
    j += j < len(words) and words[j] == "that"
    if words[j : j + 1] not in (["you"], ["we"], ["i"]) or j + 1 >= len(words):
        return None
    if words[j + 1] not in _COMPARED:
        return None
    j += 2
    start = next((len(w) for w in _AT_THE_START if words[j : j + len(w)] == w), 0)
    first = bool(start) and words[j : j + 1] != ["earlier"] and words[j : j + 1] != ["before"]
    return j + start, ShownEarlier("weighed", "start" if first else None, ordinal, False)


_ALERT_WORDS = frozenset({"alert", "alerts", "reminder", "notification", "watch"})


def _alerted_at(words: list[str], i: int) -> int:
    """How many words "the thing I set an alert on" / "the one I'm watching the price of"
    spans from words[i]; 0 when no such phrase starts there."""
    if words[i : i + 1] != ["the"] or i + 1 >= len(words) or words[i + 1] not in _HEADS:
        return 0
    j = i + 2
    j += words[j : j + 1] == ["that"]
    if words[j : j + 2] not in (["i", "set"], ["i", "put"], ["i", "made"], ["i", "created"]):
        return 0
    j += 2
    j += j < len(words) and words[j] in {"a", "an", "the", "my"}
    j += j < len(words) and words[j] == "price"
    if j >= len(words) or words[j] not in _ALERT_WORDS:
        return 0
    j += 1
    j += j < len(words) and words[j] in {"on", "for"}
    return j - i


def _ordinal(words: list[str], j: int) -> int | None:
    if j >= len(words):
        return None
    if words[j] == "last":
        return -1
    return lexicon.ORDINALS.get(words[j])


def _describes(word: str) -> bool:
    """A word that can describe a product: a shopping noun, a category or a colour."""
    known = lexicon.SHOPPING_NOUNS | lexicon.COLOURS | lexicon.CATEGORY_WORDS.keys()
    return word in known or word.rstrip("s") in known
