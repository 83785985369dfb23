"""Message rewrites that leave out what a message says besides its request.

Lead-ins and acknowledgements ("great, ...", "given that, ..."), closing courtesies
(", please"), purposes and occasions ("... for my flat", "before his birthday"), asides and
remarks ("the bathroom one would get steamed up", "the watch is enough for now"), stories
before the request ("my sister just moved, so could you add the shakers?") and afterwords:
each goes, so only the request is analysed (see `rewrites.rewrite_message`).
"""

from __future__ import annotations

import re

from cartmate.planner import lexicon
from cartmate.planner.analysis import analyse_clause
from cartmate.planner.clause_predicates import ASKING, generic_ref
from cartmate.planner.text import Token, phrase_at, phrase_table, sentence_end

__all__ = [
    "without_afterword",
    "without_preamble",
    "back_soon",
    "budget_then_ask",
    "closing_please",
    "how_many_we_are",
    "leading_acknowledgement",
    "mind_changed_about_doing",
    "question_dropped",
    "new_one_then_named",
    "without_when_i_asked",
    "so_then_ask",
    "without_aside",
    "without_remark_about_them",
    "without_lead_in",
    "without_occasion",
    "without_purpose",
    "without_remark",
    "without_settled_remark",
    "without_when",
    "without_whose_remark",
]


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


def closing_please(tokens: list[Token]) -> list[Token]:
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


def leading_acknowledgement(tokens: list[Token]) -> list[Token]:
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


_ASKING_AFTER_SO = frozenset(
    "could can would will please add put get i'll i five four three two six make set change "
    "just only remove take cancel show tell let what which".split()
)


def mind_changed_about_doing(tokens: list[Token]) -> list[Token]:
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


_DROP_VERBS = frozenset({"forget", "ignore", "skip", "scratch"})
_QUESTION_NOUNS = frozenset({"question", "questions", "query", "thing"})


def question_dropped(tokens: list[Token]) -> list[Token]:
    """ "forget the watch question, just add the loafers": a question let go, not the watch
    taken out (nothing of it is asked or changed)."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words[:-2]):
        if word not in _DROP_VERBS and words[i : i + 2] != ["never", "mind"]:
            continue
        j = i + (2 if word == "never" else 1) + (words[i + 1 : i + 2] == ["about"])
        end = j
        while end < len(words) and words[end] not in {",", ".", "!", ";", "-"} and end - j < 6:
            end += 1
        said = words[j:end]
        if len(said) < 2 or said[-1] not in _QUESTION_NOUNS or end >= len(words) - 1:
            continue
        return [*tokens[:i], *tokens[end + 1 :]]
    return tokens


_BOUNDS = frozenset({".", "!", "?", ";"})


def new_one_then_named(tokens: list[Token]) -> list[Token]:
    """ "Fine, I'll just buy a new one. Add a mug.": the "new one" is the mug the next
    sentence adds, one add (not a second of whatever was talked about)."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 2):
        if words[i : i + 3] != ["a", "new", "one"]:
            continue
        end = i + 3
        while end < len(words) and words[end] not in _BOUNDS:
            end += 1
        rest = words[end + 1 :]
        if not rest or not {"add", "put", "get"} & set(rest[:2]):
            return tokens
        start = i
        while start > 0 and words[start - 1] not in _BOUNDS | {","}:
            start -= 1
        return [*tokens[:start], *tokens[end + 1 :]]
    return tokens


_SAID_VERBS = frozenset({"asked", "looked", "switched", "changed", "said", "talked", "mentioned"})


def without_when_i_asked(tokens: list[Token]) -> list[Token]:
    """ "the first thing you showed me, before I asked about the euros - add that": when
    something was shown, said in passing; no product of its own."""
    words = [t.text for t in tokens]
    for i, word in enumerate(words[:-3]):
        if (
            word in {"before", "after"}
            and words[i + 1] in {"i", "we"}
            and (words[i + 2] in _SAID_VERBS)
        ):
            end = i + 3
            while end < len(words) and words[end] not in {",", ".", "!", "?", ";", "-"}:
                end += 1
            return [*tokens[:i], *tokens[end:]]
        looked = _looked_at(words, i)
        if looked:  # "add the loafers I looked at first": the loafers, named
            return [*tokens[:i], *tokens[i + looked :]]
    return tokens


_LOOKED = (("looked", "at"), ("asked", "about"), ("saw",), ("checked",), ("viewed",))
_WHEN_LOOKED = frozenset({"first", "earlier", "before", "last", "already"})
#: what "I looked at" may qualify without naming it ("the one I looked at first")
_NOT_NAMED = lexicon.ORDINAL_NOUNS | frozenset(
    {"one", "ones", "thing", "things", "item", "what", "whatever", "the", "those", "that", "it"}
)


def _looked_at(words: list[str], i: int) -> int:
    """Length of "I looked at first" right after a product named at i, else 0."""
    if words[i] != "i" or i == 0 or words[i - 1] in _NOT_NAMED:
        return 0
    for verb in _LOOKED:
        n = len(verb)
        if tuple(words[i + 1 : i + 1 + n]) == verb:
            end = i + 1 + n
            return end - i + (words[end : end + 1] and words[end] in _WHEN_LOOKED)
    return 0


_PER_HEAD = (("per", "person"), ("per", "head"), ("a", "head"), ("each",))


def budget_then_ask(tokens: list[Token]) -> list[Token]:
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


def how_many_we_are(tokens: list[Token]) -> list[Token]:
    """ "There are five of us including me. Five pairs, please.": a head count before the
    request, no product."""
    words = [t.text for t in tokens]
    for i in range(len(words) - 3):
        counted = words[i : i + 2] in (["there", "are"], ["we", "are"]) and tokens[i + 2].is_number
        if counted and (i == 0 or words[i - 1] in {".", "!", "?", ","}):
            end = sentence_end(tokens, i)
            if end + 1 < len(tokens):  # a request follows
                return [*tokens[:i], *tokens[end + 1 :]]
    return tokens


def so_then_ask(tokens: list[Token]) -> list[Token]:
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


def without_purpose(tokens: list[Token]) -> list[Token]:
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
            return [*tokens[:i], *tokens[sentence_end(tokens, i) :]]
        if (
            words[i] == ","
            and words[i + 1 : i + 2] == ["i"]
            and set(words[i + 2 : i + 5]) & {"like", "love", "adore", "fancy"}
            and words[sentence_end(tokens, i) - 1] in {"it", "them", "that", "those"}
        ):  # "I'll get the tank top for myself anyway, I rather like it": a remark
            return [*tokens[:i], *tokens[sentence_end(tokens, i) :]]
        if (
            words[i] in {"and", ",", ".", "?", "!"}  # "... below 15? I might buy more then."
            and words[i + 1 : i + 2] == ["i"]
            and words[i + 2 : i + 3] in (["will"], ["might"], ["may"], ["would"], ["could"])
            and i + 3 < len(words)
            and words[i + 3] in _LATER_BUY
            and _ALERT_WORDS & set(words[:i])
        ):
            if words[i] in {".", "?", "!"}:  # a sentence of its own: it all goes
                return [*tokens[: i + 1], *tokens[sentence_end(tokens, i + 1) + 1 :]]
            return [*tokens[:i], *tokens[sentence_end(tokens, i) :]]
    return tokens


#: When something was done, said in passing: "what did I leave in my cart last time?".
_WHEN = (
    ("last", "time"), ("the", "other", "day"), ("yesterday",), ("last", "week"),
    ("last", "night"), ("earlier", "today"), ("so", "far"), ("up", "to", "now"),
    ("on", "the", "other", "hand"),  # an aside too: "the other" is no product here
)  # fmt: skip
_WHEN_STARTS = frozenset(phrase[0] for phrase in _WHEN)


#: Occasions a gift is for: when it is wanted, never a product ("before his birthday").
_OCCASIONS = frozenset(
    "birthday bday christmas xmas anniversary wedding graduation retirement holidays".split()
)
_OCCASION_DAYS = frozenset({"mother", "father", "valentine", "valentines", "mothers", "fathers"})
_WHOSE = frozenset("his her my their our your the a mum mom dad".split())


def without_occasion(tokens: list[Token]) -> list[Token]:
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
        return without_occasion([*tokens[:start], *tokens[end:]])
    return tokens


_ASIDE_SUBJECTS = frozenset({"he", "she", "they"})
_ASIDE_VERBS = frozenset("loves likes adores enjoys drinks collects needs wants is".split())


def without_aside(tokens: list[Token]) -> list[Token]:
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


#: Words that make what follows a comma a request or a question of its own, not a remark
_ASKS_OR_ORDERS = frozenset(
    "add put take remove get buy swap change make show find need want please pls ? "
    "cancel alert tell what which how when where why can could would".split()
)


def without_remark_about_them(tokens: list[Token]) -> list[Token]:
    """ "Loafers for my dad, please - he lives in them.", "... a bamboo jar for my sister -
    she just moved in": after a request that names a product, what the person does says
    nothing to do."""
    words = [t.text for t in tokens]
    for i in range(2, len(words) - 2):
        if words[i] != ",":  # a remark starts after a comma
            continue
        # "..., it's too pricey", "..., that is too much": a remark on it, likewise
        k = i + 1  # "..., actually - he already has sunglasses"
        while k < len(words) - 1 and words[k] in {"actually", "anyway", "though", ","}:
            k += 1
        on_it = words[k] in {"it", "that", "this"} and words[k + 1] in _REMARKING
        end = sentence_end(tokens, i)
        rest = set(words[k:end])
        # "..., summer's nearly over anyway": a statement naming no product
        stated = bool(rest & _STATING) and not rest & lexicon.SHOPPING_NOUNS
        if not (words[k] in _ASIDE_SUBJECTS or on_it or stated):
            continue
        if end < len(words) and words[end] == "?":  # "..., is yours a good deal?" asks
            continue
        before = set(words[:i])
        if set(words[k:end]) & _ASKS_OR_ORDERS:
            continue
        if not before & (_NAMED | lexicon.PEOPLE):  # what, or whose
            continue
        if not before & (_NAMED | _CHANGING) and words[k] in _ASIDE_SUBJECTS:
            continue  # "a present for my dad, he loves coffee": what he likes is the search
        if not before & _DONE_WITH:  # "the watch, it's too pricey" alone asks nothing done
            continue
        return [*tokens[:i], *tokens[end:]]
    return tokens


#: Products named outright ("the loafers"), not what a gift or a need is called
_NAMED = lexicon.SHOPPING_NOUNS - frozenset(
    "gift gifts present presents stuff things item items anything something coffee".split()
)
#: A change to the cart, which a remark after it is no part of ("take my cousin's out")
_CHANGING = frozenset("take remove drop swap replace trade add put ditch".split())
#: Words of a statement, not a request ("summer is nearly over anyway", "she has one")
_STATING = frozenset({"is", "are", "was", "were", "has", "have", "had", "already", "anyway"})
#: Verbs of a remark on a product ("it is too pricey", "that looks cheap")
_REMARKING = frozenset({"is", "was", "looks", "seems", "feels"})
#: What a request the remark follows does: a change to the cart, or a gift for someone
_DONE_WITH = frozenset(
    "add put remove take swap replace trade switch drop get buy for instead".split()
)


_THOSE = frozenset("these those they them it that all both".split())
_BELONG = frozenset("are were was is re".split())
_GIFTS = frozenset("gift gifts present presents his hers theirs".split())


def without_whose_remark(tokens: list[Token]) -> list[Token]:
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


def without_when(tokens: list[Token]) -> list[Token]:
    """A past time said in passing names no product; "the same as last time" (a reorder)
    keeps it."""
    words = [t.text for t in tokens]
    if _WHEN_STARTS.isdisjoint(words):  # most messages: no phrase can start anywhere
        return tokens
    for phrase in _WHEN:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) != phrase or (i and words[i - 1] in {"as", "than"}):
                continue
            start = i - 1 if i and words[i - 1] in {"from", "since", "in"} else i
            return without_when([*tokens[:start], *tokens[i + n :]])
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


def without_remark(tokens: list[Token]) -> list[Token]:
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
            return [*tokens[: i - 1], *tokens[sentence_end(tokens, i) :]]
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
            return [*tokens[: i - 1], *tokens[sentence_end(tokens, i) :]]
    for i in range(2, len(words) - 2):
        if words[i - 1] != "," or words[i] not in _REMARK_SUBJECTS:
            continue
        end = sentence_end(tokens, i)
        modal = next((k for k in range(i + 1, min(end, i + 5)) if words[k] in _REMARK_MODALS), None)
        if modal is None or words[modal + 1 : modal + 2] in (["you"], ["like"], ["be"]):
            continue  # "that would you ..."; "I would like"; "it would be nice to add ..."
        return [*tokens[: i - 1], *tokens[end:]]
    return tokens


# No lead-in is a longer one's first words and listed before it: the longest is the first.
_LEAD_IN_TABLE = phrase_table((lead, ()) for lead in _LEAD_INS)


def without_lead_in(tokens: list[Token]) -> list[Token]:
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
    lead = phrase_at(_LEAD_IN_TABLE, words, start) if start < len(words) else None
    if lead is not None:
        end = start + len(lead[0])
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


#: "the watch is enough for now": the shopper settling, said after a request
_SETTLED = re.compile(
    r"^(?:the |that |this |those |these |my |one )?[a-z ]{0,30}\b(?:is|are) "
    r"(?:enough|plenty|fine|all i need)(?: for (?:now|today|me))?$"
)


def without_settled_remark(tokens: list[Token]) -> list[Token]:
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


def back_soon(tokens: list[Token]) -> list[Token]:
    """ "brb, doorbell": the shopper steps away; what follows "brb" is why, never a request.
    "long story short" introduces the point, it is no story to look up."""
    words = [t.text for t in tokens]
    if "brb" in words:
        return tokens[: words.index("brb") + 1]
    for i in range(len(words) - 2):
        if words[i : i + 3] == ["long", "story", "short"]:
            return [*tokens[:i], *tokens[i + 3 :]]
    return tokens
