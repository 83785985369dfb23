"""Things described by what they are for, said by the name of the thing.

A shopper who does not know what the shop calls something describes it: "the thing you put
salt in", "something to dry my hair", "a thing for my coffee", "something to keep my pasta
in", "something for the sun on my eyes", "shoes without laces", "the time thing". Read word
by word, the description looks like a request of its own ("put salt in" is an add) or names
nothing ("tell time"). Here each description becomes the ordinary English name of what it
describes ("the salt shakers", "a hairdryer", "a mug", "a jar", "sunglasses", "slip-on
shoes", "the watch"), which the catalog's own vocabulary then resolves like any other name.

Rules, on the prepared tokens (lower case, contractions expanded):
- a thing word ("something", "anything", "a thing", "the thing(s)", "the one(s)", "stuff"),
  then a purpose: "to <verb> [my|the|your] <object> [in|on|from|out of|with]", "for
  [my|the|your] <object> [on|in|out of my eyes]", or a relative clause "[that|which]
  <you|I|we|people> <verb> [my|the] <object> [in|on|...]";
- "[the] <object> thing(s)" / "the <object> container(s)";
- "shoes without laces", "shoes with no laces", "laceless shoes": slip-on shoes;
- "something to wear": something of the clothing kind (no product chosen).

The object decides the name (`_NAMES`); some objects name a thing only with their own verbs
("dry my hair", "tell the time"), so "something to keep my hair tidy" is left as it was.
"""

from __future__ import annotations

from cartmate.planner.text import Token

__all__ = ["described_things_named"]

#: (object words, the verbs it needs, or () for any, singular name, plural name)
_NAMES: tuple[tuple[tuple[str, ...], frozenset[str], tuple[str, ...], tuple[str, ...]], ...] = (
    (("salt", "and", "pepper"), frozenset(), ("salt", "shakers"), ("salt", "shakers")),
    (("salt", "&", "pepper"), frozenset(), ("salt", "shakers"), ("salt", "shakers")),
    (("salt",), frozenset(), ("salt", "shakers"), ("salt", "shakers")),
    (("pepper",), frozenset(), ("salt", "shakers"), ("salt", "shakers")),
    (("coffee",), frozenset(), ("mug",), ("mugs",)),
    (("tea",), frozenset(), ("mug",), ("mugs",)),
    (("hot", "drinks"), frozenset(), ("mug",), ("mugs",)),
    (("candles",), frozenset(), ("candle", "holder"), ("candle", "holders")),
    (("candle",), frozenset(), ("candle", "holder"), ("candle", "holders")),
    (("tealights",), frozenset(), ("candle", "holder"), ("candle", "holders")),
    (("hair",), frozenset({"dry", "drying", "dries", "blow"}), ("hairdryer",), ("hairdryers",)),
    (("time",), frozenset({"tell", "telling", "tells", "keep", "keeps", "know", "check", "see"}),
     ("watch",), ("watches",)),
    (("sun", "on", "eyes"), frozenset(), ("sunglasses",), ("sunglasses",)),
    (("sun", "in", "eyes"), frozenset(), ("sunglasses",), ("sunglasses",)),
    (("sun", "out", "of", "eyes"), frozenset(), ("sunglasses",), ("sunglasses",)),
    (("eyes", "in", "the", "sun"), frozenset(), ("sunglasses",), ("sunglasses",)),
    (("eyes",), frozenset({"protect", "protects", "shade", "shades", "cover"}),
     ("sunglasses",), ("sunglasses",)),
    (("sun",), frozenset(), ("sunglasses",), ("sunglasses",)),
    *(
        ((food,), frozenset(), ("jar",), ("jars",))
        for food in ("pasta", "rice", "flour", "sugar", "cookies", "biscuits", "spices", "cereal",
                     "oats", "beans", "snacks", "leftovers", "pantry", "lentils", "nuts")
    ),
)  # fmt: skip

#: thing words and the determiner each leaves
_THINGS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("something",), ("any",)),  # "something to dry my hair": any hairdryers (a search)
    (("anything",), ("any",)),
    (("a", "thing"), ("a",)),
    (("a", "container"), ("a",)),
    (("the", "thing"), ("the",)),
    (("the", "things"), ("the",)),
    (("the", "one"), ("the",)),
    (("the", "ones"), ("the",)),
    (("things",), ()),
    (("thing",), ()),
    (("stuff",), ()),
)
_PLURAL_THINGS = frozenset({"things", "ones", "stuff", "something", "anything"})
_WHO = frozenset({"you", "i", "we", "people", "one", "u", "they"})
_VERBS = frozenset({
    "put", "keep", "store", "hold", "dry", "tell", "drink", "use", "block", "pour", "grind",
    "check", "know", "see", "protect", "shade", "carry", "light", "burn", "have", "serve",
})  # fmt: skip
_OWNERS = frozenset({"my", "your", "the", "our", "his", "her", "their", "some", "one"})
_PREPOSITIONS = (("out", "of"), ("in",), ("into",), ("on",), ("from",), ("with",), ("for",))
_HEADS = {"thing": False, "things": True, "container": False, "containers": True}
#: The words a named object or a thing phrase starts with: elsewhere neither is looked for.
_NAME_FIRST = frozenset(obj[0] for obj, *_ in _NAMES)
_THING_FIRST = frozenset(thing[0] for thing, _ in _THINGS)


def described_things_named(tokens: list[Token]) -> list[Token]:
    """The message with each description of a thing said by its name (see the module
    docstring)."""
    words = [t.text for t in tokens]
    if not (
        {"thing", "things", "something", "anything", "container", "containers", "stuff", "one",
         "ones", "laces", "laceless"} & set(words)
    ):  # fmt: skip
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        found = _description_at(words, i)
        if found is None:
            out.append(tokens[i])
            i += 1
            continue
        length, name = found
        out += [Token(w, tokens[i].raw) for w in name]
        i += length
    return out


def _description_at(words: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
    """(how many words the description at `i` takes, the name it becomes), or None."""
    if (
        words[i] in {"something", "anything"}
        and words[i + 1 : i + 3] == ["to", "wear"]
        and words[i + 3 : i + 4] != ["with"]  # "anything to wear with the tank top?" goes with
    ):
        return 3, (words[i], "clothing")  # a kind of thing, no product: "anything to wear?"
    laces = _slip_ons_at(words, i)
    if laces is not None:
        return laces
    head = _object_head_at(words, i)
    if head is not None:
        return head
    for thing, determiner in _THINGS if words[i] in _THING_FIRST else ():
        if tuple(words[i : i + len(thing)]) != thing:
            continue
        plural = thing[-1] in _PLURAL_THINGS
        j = i + len(thing)
        verbs: set[str] = set()
        if j < len(words) and words[j] in {"that", "which"}:
            j += 1
        if j < len(words) and words[j] in _WHO and j + 1 < len(words) and words[j + 1] in _VERBS:
            verbs.add(words[j + 1])
            j += 2
        elif words[j : j + 1] == ["to"] and j + 1 < len(words) and words[j + 1] in _VERBS:
            verbs.add(words[j + 1])
            j += 2
        elif words[j : j + 1] == ["for"]:
            j += 1
        else:
            continue
        named = _object_at(words, j, verbs)
        if named is None:
            continue
        end, singular, plural_name = named
        end = _after_preposition(words, end)
        return end - i, (*determiner, *(plural_name if plural else singular))
    return None


def _object_at(
    words: list[str], j: int, verbs: set[str]
) -> tuple[int, tuple[str, ...], tuple[str, ...]] | None:
    """The object a purpose names at `j` (an owner word before it skipped): where it ends
    and the thing's names, when the verbs said fit it."""
    if j < len(words) and words[j] in _OWNERS:
        j += 1
    for obj, needs, singular, plural in _NAMES:
        said = [w for w in words[j : j + len(obj) + 2] if w not in _OWNERS]
        if tuple(said[: len(obj)]) != obj or (needs and not needs & verbs):
            continue
        # the object's words, with any owner words between them ("sun on my eyes")
        taken, k = 0, j
        while taken < len(obj):
            if words[k] not in _OWNERS or words[k] == obj[taken]:
                taken += 1
            k += 1
        return k, singular, plural
    return None


def _after_preposition(words: list[str], j: int) -> int:
    """Past a stranded preposition ("you put salt in"), when nothing it governs follows."""
    for preposition in _PREPOSITIONS:
        if tuple(words[j : j + len(preposition)]) == preposition:
            after = j + len(preposition)
            if after >= len(words) or not words[after].isalpha() or words[after] in {
                "please", "too", "as", "and", "then", "now", "right", "for", "my", "cart",
            }:  # fmt: skip
                return after
    return j


def _object_head_at(words: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
    """ "the time thing", "the pasta container", "salt things": the thing so named."""
    if words[i] not in _NAME_FIRST:
        return None
    for obj, _, singular, plural in _NAMES:
        end = i + len(obj)
        if tuple(words[i:end]) == obj and end < len(words) and words[end] in _HEADS:
            return end + 1 - i, plural if _HEADS[words[end]] else singular
    return None


def _slip_ons_at(words: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
    """ "shoes without laces", "shoes with no laces", "laceless shoes": slip-on shoes."""
    if words[i : i + 2] == ["laceless", "shoes"]:
        return 2, ("slip", "on", "shoes")
    if words[i] not in {"shoes", "shoe"}:
        return None
    for tail in (("without", "laces"), ("with", "no", "laces"), ("without", "any", "laces"),
                 ("without", "shoelaces"), ("with", "no", "shoelaces")):  # fmt: skip
        if tuple(words[i + 1 : i + 1 + len(tail)]) == tail:
            return 1 + len(tail), ("slip", "on", "shoes")
    return None
