"""Formal, courteous and internet English said plainly, before anything else reads it.

Very polite shoppers wrap a request in hedges: "Would it be at all possible to add two mugs
to my basket?", "I should be most obliged if you'd tell me should it drop below twenty
euros", "I must confess I have never much cared for anything gold". Read word by word, the
wrapping looks like products ("possible", "obliged") or like the request's own words. Here
each wrapping becomes the plain request it stands for ("please add two mugs ...", "tell me
if it drops below 20 euros", "I do not like anything gold"); what a wrapping only adds in
courtesy ("I'm afraid", "if you please", "if I may ask") goes.

Young shoppers' internet speak is said plainly the same way: "lmk if it drops under 90" is
"let me know if ...", "yeet the candle holder outta my cart" is "remove ... out of my cart",
"cop 2" is "add 2", "not feeling silver" is "I do not like silver", "what's the damage?" is
"what's the total?", and what only colours the message ("no cap", "ngl", "fr", "tbh",
"bestie", "iykyk", "slay", "is fire", "kinda mid") goes.

Rules, on the prepared tokens (lower case, contractions expanded, numbers as digits):
- a phrase of `_PLAIN` is replaced by its plain form wherever it stands (longest first);
- "might I have" is an order only before a count or "a"/"an"/"one"/"another"/"some";
- "remind me" before a question ("remind me, please: what have I got?") is "tell me";
- a word of address after a comma at a clause's end (", dear?", ", love.") goes;
- "should" after "tell me" / "let me know" (and "know" / "told") is "if" ("tell me should
  the watch ever fall below 100": if it falls), and the verb after it loses nothing: the
  alert reads "fall below 100" as it reads "falls below 100".
"""

from __future__ import annotations

from cartmate.planner.text import Token, phrase_at, phrase_table, tokens_for

__all__ = ["plainly_said"]

#: How a shopper may address the assistant at the end of a clause ("..., dear?", ", love")
_VOCATIVES = frozenset({"dear", "love", "darling", "sweetie", "hun", "honey", "pet", "duck"})

#: (formal phrase, plain phrase); longest phrases first within a shared start.
_PLAIN: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    # requests
    (("would", "it", "be", "at", "all", "possible", "to"), ("please",)),
    # "what do you actually sell?", "what do you even have?": the question, plainly
    (("do", "you", "actually"), ("do", "you")),
    (("do", "you", "even"), ("do", "you")),
    (("do", "you", "really"), ("do", "you")),
    # "oh, one last thing - could you show me my basket once more?": again, no count
    (("1", "last", "thing"), ()),
    (("1", "more", "thing"), ()),
    (("1", "last", "question"), ()),
    (("once", "more"), ("again",)),
    # "I should like one pair, please": British for "I would like"
    (("i", "should", "like"), ("i", "would", "like")),
    (("i", "should", "love"), ("i", "would", "love")),
    (("we", "should", "like"), ("we", "would", "like")),
    (("would", "it", "be", "possible", "to"), ("please",)),
    (("would", "you", "be", "so", "kind", "as", "to"), ("please",)),
    (("would", "you", "be", "so", "good", "as", "to"), ("please",)),
    (("would", "you", "be", "kind", "enough", "to"), ("please",)),
    (("might", "i", "trouble", "you", "for"), ("what", "is")),
    (("might", "i", "ask", "what"), ("what",)),
    (("might", "i", "enquire", "what"), ("what",)),
    (("might", "i", "inquire", "what"), ("what",)),
    (("may", "i", "ask", "what"), ("what",)),
    (("might", "i", "see"), ("show", "me")),
    (("might", "you", "have"), ("do", "you", "have")),
    (("might", "you", "suggest"), ("could", "you", "recommend")),
    (("might", "you", "recommend"), ("could", "you", "recommend")),
    (("i", "was", "wondering", "whether", "you", "might", "have"), ("do", "you", "have")),
    (("i", "was", "wondering", "if", "you", "might", "have"), ("do", "you", "have")),
    (("i", "was", "wondering", "whether", "you", "have"), ("do", "you", "have")),
    (("i", "was", "wondering", "if", "you", "have"), ("do", "you", "have")),
    (("i", "wonder", "whether", "you", "might", "have"), ("do", "you", "have")),
    (("i", "wonder", "if", "you", "might", "have"), ("do", "you", "have")),
    (("i", "do", "not", "suppose", "you", "stock"), ("do", "you", "have")),
    (("i", "do", "not", "suppose", "you", "have"), ("do", "you", "have")),
    (("i", "do", "not", "suppose", "you", "sell"), ("do", "you", "have")),
    (("could", "you", "possibly"), ("could", "you")),
    (("could", "i", "possibly"), ("could", "i")),
    # alerts: "I should very much like to be told should the tank top ever fall below 15",
    # "I'd be most grateful if you would let me know should they come down below 60"
    *((("i", modal, "be", *degree, feeling, "if", "you", "would"), ("please",))
      for modal in ("should", "would") for degree in ((), ("most",), ("very",), ("ever", "so"))
      for feeling in ("obliged", "grateful")),
    (("i", "should", "be", "ever", "so", "grateful", "to", "be", "told"), ("tell", "me")),
    (("i", "should", "be", "grateful", "to", "be", "told"), ("tell", "me")),
    (("i", "should", "very", "much", "like", "to", "be", "told"), ("tell", "me")),
    (("i", "should", "like", "to", "be", "told"), ("tell", "me")),
    (("i", "would", "like", "to", "be", "told"), ("tell", "me")),
    (("i", "would", "very", "much", "like", "to", "be", "told"), ("tell", "me")),
    (("kindly", "let", "me", "know"), ("let", "me", "know")),
    (("perhaps", "i", "might", "be", "told", "about"), ("alert", "me", "about")),
    (("i", "might", "be", "told", "about"), ("alert", "me", "about")),
    (("i", "should", "like", "to", "be", "told", "about"), ("alert", "me", "about")),
    # tastes: "I have never much cared for gold", "rather partial to black"
    (("have", "never", "much", "cared", "for"), ("do", "not", "like")),
    (("never", "much", "cared", "for"), ("do", "not", "like")),
    (("have", "never", "cared", "for"), ("do", "not", "like")),
    (("never", "cared", "for"), ("do", "not", "like")),
    (("am", "rather", "partial", "to"), ("like",)),
    (("am", "partial", "to"), ("like",)),
    (("rather", "partial", "to"), ("like",)),
    (("partial", "to"), ("like",)),
    (("simply", "can", "not", "abide"), ("can", "not", "stand")),
    (("can", "not", "abide"), ("can", "not", "stand")),
    (("rather", "fancy"), ("like",)),
    # internet speak: "lmk if it drops under 90", "yeet it outta my cart", "cop 2"
    (("lmk",), ("let", "me", "know")),
    (("yeet", "everything"), ("empty", "my", "cart")),
    (("yeet", "it", "all"), ("empty", "my", "cart")),
    (("yeet",), ("remove",)),
    (("outta",), ("out", "of")),
    (("cop",), ("add",)),
    (("grab", "me"), ("add",)),
    (("not", "feeling"), ("i", "do", "not", "like")),
    (("not", "vibing", "with"), ("i", "do", "not", "like")),
    (("idc",), ()),
    (("the", "damage"), ("the", "total")),
    (("no", "cap"), ()),
    (("ngl",), ()),
    (("fr",), ()),
    (("tbh",), ()),
    (("imo",), ()),
    (("bestie",), ()),
    (("iykyk",), ()),
    (("slay",), ()),
    (("bet",), ("okay",)),
    (("is", "fire"), ()),
    (("are", "fire"), ()),
    (("kinda", "mid"), ()),
    (("is", "bussin"), ()),
    (("its", "giving", "expensive"), ("too", "much")),  # a remark on the price, no search
    (("it", "is", "giving", "expensive"), ("too", "much")),
    (("its", "giving"), ()),
    (("it", "is", "giving"), ()),
    # the cart as lines: "make every line just one", "each line to 2"
    (("make", "every", "line", "just"), ("set", "everything", "to")),
    (("make", "every", "line"), ("set", "everything", "to")),
    (("make", "each", "line", "just"), ("set", "everything", "to")),
    (("make", "each", "line"), ("set", "everything", "to")),
    (("set", "every", "line", "to"), ("set", "everything", "to")),
    (("set", "each", "line", "to"), ("set", "everything", "to")),
    # money said loosely: "a dollar cheaper", "if they go half price"
    *((("a", unit, "cheaper"), ("1", unit, "cheaper"))
      for unit in ("dollar", "buck", "euro", "pound", "quid")),
    (("go", "half", "price"), ("drop", "50", "%")),
    (("goes", "half", "price"), ("drops", "50", "%")),
    (("are", "half", "price"), ("drop", "50", "%")),
    (("is", "half", "price"), ("drops", "50", "%")),
    # what only adds courtesy
    (("i", "must", "confess"), ()),
    (("i", "must", "say"), ()),
    (("i", "dare", "say"), ()),
    (("i", "am", "afraid"), ()),
    (("i", "think", "you", "misunderstood", "me"), ()),
    (("i", "think", "you", "misunderstood"), ()),
    (("you", "misunderstood", "me"), ()),
    (("you", "misunderstood"), ()),
    (("now", "i", "remember"), ()),
    (("now", "i", "recall"), ()),
    (("if", "you", "please"), ()),
    (("if", "you", "do", "not", "mind", "my", "asking"), ()),
    (("if", "i", "may", "ask"), ()),
    (("if", "i", "may"), ()),
    (("if", "it", "is", "no", "trouble"), ()),
    (("if", "it", "is", "not", "too", "much", "bother"), ()),
    (("if", "it", "is", "not", "too", "much", "trouble"), ()),
    (("if", "you", "would", "be", "so", "kind"), ()),
    (("if", "you", "would", "be", "so", "good"), ()),
    # "double everything that's left": all the cart's lines
    (("everything", "that", "is", "left"), ("everything",)),
    (("everything", "that", "is", "still", "in", "there"), ("everything",)),
    (("all", "that", "is", "left"), ("everything",)),
    (("whatever", "is", "left"), ("everything",)),
    # "let's just do one pair of sunglasses": that many of it, as "just one pair" says
    (("let", "us", "just", "do"), ("just",)),
    (("let", "us", "just", "go", "with"), ("just",)),
    (("let", "us", "just", "have"), ("just",)),
)  # fmt: skip
#: "what have you got that's good for the beach?": anything good for it (a search, not a
#: question about a product called "beach")
_BROWSING_FOR = tuple(
    ((*asked, "that", verb, good, "for"), ("anything", good, "for"))
    for asked in (("what", "have", "you", "got"), ("what", "do", "you", "have"),
                  ("what", "do", "you", "sell"), ("what", "you", "got"), ("what", "is", "there"))
    for verb in ("is", "are", "would", "be")
    for good in ("good", "nice", "great", "ideal", "perfect", "suitable", "best")
)  # fmt: skip
_BY_START = phrase_table((*_PLAIN, *_BROWSING_FOR))
#: The first words of the rules below the phrase table (`plainly_said`).
_RULE_STARTS = frozenset({"might", "should", "remind"}) | _VOCATIVES
#: Words without which a message holds nothing to say plainly.
_TRIGGERS = frozenset(_BY_START) | _RULE_STARTS

#: What may follow "might I have" when it orders something ("might I have one of the mugs").
_ORDERED = frozenset({"a", "an", "one", "another", "some", "a couple"})
#: "remind me what I have in my basket": a question, not an alert
_QUESTION_WORDS = frozenset({"what", "how", "which", "where", "who", "is", "are", "do", "does"})
#: "tell me should it drop": the words after which "should" starts a condition.
_TOLD = frozenset({"me", "know", "told"})


def plainly_said(tokens: list[Token]) -> list[Token]:
    """The message with its courteous wrappings said plainly (rules in the module docstring)."""
    if not any(t.text in _TRIGGERS for t in tokens):
        return tokens
    said = [t.text for t in tokens]
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        match = phrase_at(_BY_START, said, i)
        if match is not None:
            formal, plain = match
            out += tokens_for(plain, tokens[i])
            i += len(formal)
            continue
        if said[i] not in _RULE_STARTS:  # none of the rules below can start here
            out.append(tokens[i])
            i += 1
            continue
        words = tuple(said[i : i + 10])
        if (
            words[:3] == ("might", "i", "have")
            and len(words) > 3
            and (words[3] in _ORDERED or tokens[i + 3].is_number)
        ):
            out += [Token("please", tokens[i].raw), Token("add", tokens[i].raw)]
            i += 3
            continue
        if (
            words[0] in _VOCATIVES
            and out
            and out[-1].text == ","
            and (len(words) == 1 or words[1] in {"?", ".", "!", ","})
        ):  # "what are they made of, dear?": the shopper's address, no product
            out.pop()
            i += 1
            continue
        if words[:2] == ("remind", "me"):
            after = [w for w in words[2:] if w not in {",", ":", "please", "again", "-"}]
            if after and after[0] in _QUESTION_WORDS:
                # "remind me, please: what have I got in my basket?": tell me, no alert
                out += [Token("tell", tokens[i].raw), Token("me", tokens[i].raw)]
                i += 2
                continue
        if words[0] == "should" and out and out[-1].text in _TOLD:
            out.append(Token("if", tokens[i].raw))  # "tell me should it drop": if it drops
            i += 1
            if i < len(tokens) and tokens[i].text == "ever":
                i += 1
            continue
        out.append(tokens[i])
        i += 1
    return out
