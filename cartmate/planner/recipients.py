"""Who something is for: "add the loafers for my dad", "the mug for the coworker", "swap my
sister's gift", "what did I pick for mum?". A gift says nothing of the shopper's own style,
and the cart can be read back by who each line is for.

Recipients are person words as said ("dad", "sister", "coworker"); "him"/"her"/"them" are kept
as said, for the caller to resolve against the people the conversation named
(`resolve_pronoun`). "for me"/"for myself" is the shopper: no recipient.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cartmate.planner import lexicon
from cartmate.planner.text import Token

__all__ = [
    "GIFT_NOUNS",
    "GIFT_WORDS",
    "PRONOUNS",
    "gender_of",
    "people_named",
    "recipient_in",
    "recipients_in",
    "resolve_pronoun",
    "same_as_for",
    "with_persons_named",
]

PRONOUNS = frozenset({"him", "her", "them"})
#: "take my cousin's out": a removal of someone's, said by their name alone
_TAKING_OUT = frozenset({"take", "remove", "drop", "delete", "ditch", "cancel"})
_AFTER_WHOSE = frozenset({"out", "too", "please", "pls", "actually", "then", "as", "well", ".",
                          "!", ",", "off", "away", "now"})  # fmt: skip
_SPENT = frozenset({"spending", "spend", "spent", "paying"})
_SELF = frozenset({"me", "myself", "us", "ourselves", "yourself"})
#: Words between "for" and the person: "for my dad", "for the coworker", "for our neighbour".
_DETERMINERS = frozenset({"my", "our", "the", "his", "her", "their", "your", "a"})
#: Words for a gift as such ("take the gift out").
GIFT_NOUNS = frozenset({"gift", "gifts", "present", "presents", "pressie"})
#: After a person's (possessive) name, a line named by who it is for: "my sister's gift",
#: "dad's present", "mum's one".
GIFT_WORDS = GIFT_NOUNS | {"one", "thing", "stuff"}
#: Verbs whose first object is who it is for: "get him that", "buy my sister the jar".
_GIVING = frozenset({"get", "buy", "grab", "order", "give", "getting", "buying", "giving"})
_MALE = frozenset(
    "dad daddy papa brother bro son nephew uncle grandpa grandad granddad grandfather grandson "
    "stepdad godfather godson husband boyfriend bf fiance boy lads".split()
)
_FEMALE = frozenset(
    "mum mom mam mummy mommy sister sis daughter niece aunt auntie grandma gran granny nan nana "
    "grandmother granddaughter stepmum godmother goddaughter wife girlfriend gf fiancee girl "
    "ladies".split()
)
#: One person, a gift goes to (not groups nor "people": those are head counts).
_PERSONS = (lexicon.PEOPLE - {"people", "guests", "myself", "yourself", "himself", "herself",
                              "ourselves", "themselves"})  # fmt: skip


def recipient_in(tokens: Sequence[Token]) -> str | None:
    """The person a request is for, as said ("dad", "coworker", "her"), else None."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        # "how much am I spending on the kids?": "on" after spending says who, like "for"
        spent_on = word == "on" and bool(_SPENT & set(words[max(0, i - 3) : i]))
        # "and on my wife?", "what about my wife?" after the question: who is asked about
        lead = [w for w in words[:i] if w not in {"and", "so", "then"}]
        spent_on = spent_on or (word == "on" and not lead)
        spent_on = spent_on or (word == "about" and lead in (["what"], ["how"]))
        # "what's my dad getting?": who gets what
        if word == "getting" and i >= 1 and words[i - 1] in _PERSONS and "what" in words[:i]:
            return words[i - 1]
        if word == "for" or spent_on:
            j = i + 1
            if j < len(words) and (words[j] in _SELF or tokens[j].is_number):
                return None  # "for me", "for all 3": the shopper, or a head count
            while j < len(words) and words[j] in _DETERMINERS - {"her", "his"}:
                j += 1
            if j < len(words) and words[j] in _PERSONS:
                return words[j]
            if j < len(words) and words[j] in PRONOUNS and not _owned_after(words, j):
                return words[j]
            if words[i + 1 : i + 2] in (["her"], ["his"]) and j + 1 < len(words):
                if words[i + 2] in _PERSONS:  # "for her sister"
                    return words[i + 2]
        elif word in _PERSONS and i + 1 < len(words) and words[i + 1] in GIFT_WORDS:
            return word  # "my sister's gift" (the possessive is gone by now)
        elif (
            word in _PERSONS
            and i >= 2
            and words[i - 1] in {"my", "our"}
            and set(words[:i]) & _TAKING_OUT
            and set(words[i + 1 :]) <= _AFTER_WHOSE
        ):
            return word  # "take my cousin's out", "remove my sister's"
        elif word in _GIVING and i + 1 < len(words):
            j = i + 1 + (words[i + 1] in {"my", "our"})
            if j < len(words) and (words[j] in _PERSONS or words[j] in {"him", "her"}):
                return words[j]  # "get him that as well", "buy my dad the loafers"
    return None


def recipients_in(tokens: Sequence[Token]) -> tuple[str, ...]:
    """Every person a question is about, in the order said: "the presents for dad and my
    cousin" -> ("dad", "cousin"); one person, or none, as `recipient_in` finds them."""
    first = recipient_in(tokens)
    if first is None:
        return ()
    words = [t.text for t in tokens]
    found = [first]
    at = words.index(first) + 1 if first in words else len(words)
    while at < len(words) and words[at] in {"and", ",", "&"}:
        j = at + 1
        while j < len(words) and words[j] in _DETERMINERS | {"for", "on"}:
            j += 1
        if j >= len(words) or words[j] not in _PERSONS:
            break
        found.append(words[j])
        at = j + 1
    return tuple(dict.fromkeys(found))


_WHOSE = r"(?:(?:my|our|the|his|her) )?"
_WHO = r"([a-z]+)"
#: "the same for my mum as for my dad", "same again for my uncle as my brother", "my mum
#: gets the same as my dad", "get my mum the same as dad", "same as dad's for mum"
_SAME_AS_FOR = (
    (re.compile(rf"\bsame(?: thing| things| again)? for {_WHOSE}{_WHO},? as (?:for )?{_WHOSE}"
                rf"{_WHO}\b"), 1, 2),
    (re.compile(rf"\b{_WHOSE}{_WHO} (?:gets|can have|should get|will get|wants) the same"
                rf"(?: thing| things)? as {_WHOSE}{_WHO}\b"), 1, 2),
    (re.compile(rf"\b(?:get|buy|give) {_WHOSE}{_WHO} the same(?: thing| things)? as "
                rf"(?:for )?{_WHOSE}{_WHO}\b"), 1, 2),
    (re.compile(rf"\bsame as (?:for )?{_WHOSE}{_WHO}(?:s|'s)? for {_WHOSE}{_WHO}\b"), 2, 1),
)  # fmt: skip


def same_as_for(text: str) -> tuple[str, str] | None:
    """ "The same for my mum as for my dad": (who it is for now, whose gifts to copy), both
    persons, else None."""
    said = text.lower().replace("’", "'")
    for pattern, now, before in _SAME_AS_FOR:
        found = pattern.search(said)
        if found and found.group(now) in _PERSONS and found.group(before) in _PERSONS:
            return found.group(now), found.group(before)
    return None


def _owned_after(words: list[str], j: int) -> bool:
    """ "for her new home": "her" owns what follows, and is then no recipient of its own."""
    return (
        words[j] == "her"
        and j + 1 < len(words)
        and words[j + 1] not in {",", ".", "?", "!", "and", "please", "too"}
    )


def gender_of(person: str) -> str | None:
    return "m" if person in _MALE else "f" if person in _FEMALE else None


def people_named(texts: Iterable[str]) -> list[str]:
    """The persons the texts name, in order (a shopper's messages, oldest first)."""
    found = []
    for text in texts:
        for word in text.lower().replace("'s", " ").replace("’s", " ").split():
            word = word.strip(".,!?;:-")
            if word in _PERSONS:
                found.append(word)
    return found


def resolve_pronoun(pronoun: str, named: Sequence[str]) -> str | None:
    """Who "him"/"her"/"them" is: the person last named who can be it."""
    want = {"him": "m", "her": "f"}.get(pronoun)
    for person in reversed(named):
        if want is None or gender_of(person) in {want, None}:
            return person
    return None


def with_persons_named(tokens: list[Token]) -> list[Token]:
    """ "and my sister loves cooking - put the shakers in for her": "for her" is the person
    the message named before it (so "add it for her" earlier in the message may still be
    someone from an earlier message)."""
    named: list[str] = []
    out = list(tokens)
    for i, token in enumerate(tokens):
        if token.text in _PERSONS:
            named.append(token.text)
        elif token.text in PRONOUNS and i > 0 and tokens[i - 1].text == "for" and named:
            if _owned_after([t.text for t in tokens], i):
                continue
            person = resolve_pronoun(token.text, named)
            if person is not None:
                out[i] = Token(person, token.raw)
    return out
