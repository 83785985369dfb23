"""Normalising and tokenising a shopper's message.

Rules, in order:
1. Unicode NFKC; curly quotes to straight; emoji, pictographs and control characters removed
   (currency signs kept: they are category Sc, not So).
2. Tokens: currency signs (incl. prefixed dollars "C$", "NZ$"), numbers ("1,299.50", "2nd",
   "3x", "x3", "5k"), words (letters with inner apostrophes), a few operators (< > + - % # &
   /) and punctuation (? ! . , ; :).
3. Words are lower-cased and expanded: contractions ("what's" -> "what is", "dont" -> "do
   not"), possessive "'s" dropped ("today's" -> "today"), chat abbreviations and short typos
   ("pls", "ad", "teh"). A "-" survives only inside a price range ("$20-$50").
Typo correction (`fuzzy.py`) and number words (`numbers.py`) come after this.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from cartmate.planner.lexicon import (
    ALIASES,
    COMPOUNDS,
    CONTRACTIONS,
    EMOJI_WORDS,
    ORDINALS,
    SPLIT_NAMES,
)

__all__ = [
    "PhraseTable",
    "Token",
    "agreed_to",
    "merge_compounds",
    "normalise",
    "phrase_at",
    "phrase_table",
    "sentence_end",
    "tokenise",
    "tokens_for",
]

_DROP_CATEGORIES = frozenset({"So", "Sk", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"})
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_TOKEN_RE = re.compile(
    r"""
    (?P<cur>(?<![^\W\d_])(?:us|ca|au|nz|hk|c|a|s|r)\$|[$€£¥₹₩₽₺₪฿₱])
  | x(?P<xnum>\d+)(?![\w.])
  | (?P<num>\d+(?:[.,]\d+)*)(?P<suffix>st|nd|rd|th|x|k)?(?![^\W\d_])
  | (?P<word>[^\W\d_]+(?:'[^\W\d_]+)*'?)
  | (?P<op><=|>=|[<>+\-%#&/*=^])
  | (?P<punct>[?!.,;:])
    """,
    re.VERBOSE | re.IGNORECASE,
)
_ORDINAL_NAMES = {v: k for k, v in ORDINALS.items() if 0 < v <= 12 and k not in {"former"}}
_APOSTROPHE_SUFFIXES = (
    ("n't", " not"),
    ("'ll", " will"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'d", " would"),
    ("'m", " am"),
    ("'s", ""),
    ("'", ""),
)
_NOT_BASES = {"can": "can", "won": "will", "don": "do", "ain": "is", "shan": "shall"}


@dataclass(frozen=True)
class Token:
    """One token of a normalised message.

    Attributes:
        text: The normalised form that rules match ("add", "25", "$", "?", "salt and pepper").
        raw: What was typed, original case (for unknown currency codes like "XYZ").
        value: Numeric value of numbers and number words, else None.
        multiplier: The number was written "3x" or "x3".
        ordinal: Position for written ordinals ("2nd" -> 2), else None.
        corrected_from: The typed word when `text` is a typo correction.
    """

    text: str
    raw: str
    value: Decimal | None = None
    multiplier: bool = False
    ordinal: int | None = None
    corrected_from: str | None = None

    @property
    def is_number(self) -> bool:
        """Whether the token is a number (digits or number words)."""
        return self.value is not None

    @property
    def is_boundary(self) -> bool:
        """Whether the token ends a sentence (. ! ? ;)."""
        return self.text in {".", "!", "?", ";"}

    @property
    def is_word(self) -> bool:
        """Whether the token is a word (letters), not a number, sign or punctuation."""
        return self.value is None and self.text[:1].isalpha()


_EMOJI = re.compile("|".join(re.escape(e) for e in sorted(EMOJI_WORDS, key=len, reverse=True)))


def normalise(text: str) -> str:
    """NFKC-normalises, straightens quotes, turns emoji that stand for a word into it
    (`EMOJI_WORDS`) and drops other emoji and control characters."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _EMOJI.sub(lambda m: f" {EMOJI_WORDS[m.group(0)]} ", text)
    # A dash between spaces after words is a pause ("restocking my kitchen - 4 mugs, ..."),
    # written as a comma; "20 - 50" stays a range.
    text = re.sub(r"(?<=[^\W\d]) [-\u2013\u2014] ", ", ", text)
    # "no. 2", "Nr.3": an abbreviated "number", not the end of a sentence
    text = re.sub(r"\b(?:no|nr|num)\.\s*(?=\d)", "number ", text, flags=re.IGNORECASE)
    # "w/ it", "w/o the case": with, without
    text = re.sub(r"\bw/o\b", " without ", text, flags=re.IGNORECASE)
    text = re.sub(r"\bw/", " with ", text, flags=re.IGNORECASE)
    # "2mugs", "3jars": a count typed onto its word ("2nd", "3x", "10k" keep theirs)
    text = re.sub(
        r"\b(\d+)(?!(?:st|nd|rd|th|x|k|am|pm)\b)([^\W\d_]{2,})\b",
        r"\1 \2",
        text,
        flags=re.IGNORECASE,
    )
    # "hair dryer", "sun glasses": a product's name typed (or autocorrected) as two words
    text = _SPLIT_NAMES.sub(lambda m: SPLIT_NAMES[m.group(1).lower()], text)
    kept = (" " if unicodedata.category(c) in _DROP_CATEGORIES else c for c in text)
    return re.sub(r"\s+", " ", "".join(kept)).strip()


_SPLIT_NAMES = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in SPLIT_NAMES) + r")\b", re.IGNORECASE
)


def _parse_number(digits: str) -> Decimal | None:
    """'1,299.50' -> 1299.50; '25,50' -> 25.50 (a comma before exactly 3 digits groups)."""
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    elif digits.count(",") == 1 and "." not in digits:
        digits = digits.replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _expand_word(word: str) -> list[str]:
    """Lower-cased word -> normalised words (contractions, possessives, aliases)."""
    if word in CONTRACTIONS:
        return CONTRACTIONS[word].split()
    if "'" in word:
        for suffix, replacement in _APOSTROPHE_SUFFIXES:
            if word.endswith(suffix):
                base = word[: -len(suffix)]
                if suffix == "n't":
                    base = _NOT_BASES.get(base, base)
                return [*_expand_word(base), *replacement.split()] if base else []
    if word in ALIASES:
        return ALIASES[word].split()
    return [word]


def _number_token(m: re.Match[str]) -> Token:
    raw = m.group(0)
    if m.group("xnum"):
        return Token(m.group("xnum"), raw, Decimal(m.group("xnum")), multiplier=True)
    value = _parse_number(m.group("num"))
    suffix = (m.group("suffix") or "").lower()
    if value is None:
        return Token(raw, raw)
    if suffix in {"st", "nd", "rd", "th"}:
        n = int(value)
        return Token(_ORDINAL_NAMES.get(n, f"#{n}"), raw, ordinal=n)
    if suffix == "k":
        value *= 1000
    text = format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return Token(text, raw, value, multiplier=suffix == "x")


def tokenise(text: str) -> list[Token]:
    """Splits a normalised message into tokens (rules 2-3 of the module docstring).

    Args:
        text: A message, ideally already passed through `normalise`.

    Returns:
        The tokens, in order.
    """
    tokens: list[Token] = []
    minus = False
    for m in _TOKEN_RE.finditer(text):
        raw = m.group(0)
        if m.group("cur"):
            tokens.append(Token(raw.lower(), raw))
        elif m.group("xnum") or m.group("num"):
            token = _number_token(m)
            if minus and token.value is not None and not token.multiplier:
                # "add -2 jars": a negative count, refused later rather than read as 2
                tokens.pop()
                token = Token(f"-{token.text}", f"-{raw}", -token.value)
            tokens.append(token)
        elif (
            m.group("op") == "-"
            and text[m.end() : m.end() + 1].isdigit()
            and (m.start() == 0 or text[m.start() - 1].isspace())
        ):
            minus = True
            tokens.append(Token("-", raw))
            continue
        elif m.group("word"):
            lowered = raw.lower().strip("'")
            tokens.extend(Token(w, raw) for w in _expand_word(lowered))
        else:
            tokens.append(Token(ALIASES.get(raw, raw), raw))
        minus = False
    return _drop_stray_dashes(tokens)


def _drop_stray_dashes(tokens: list[Token]) -> list[Token]:
    """Keeps "-" only between amounts ("20-50", "$20-$50"); "t-shirt" -> "t shirt"."""
    kept: list[Token] = []
    for i, token in enumerate(tokens):
        if token.text == "-":
            before = i > 0 and tokens[i - 1].is_number
            after = i + 1 < len(tokens) and (
                tokens[i + 1].is_number or tokens[i + 1].text in {"$", "€", "£", "¥"}
            )
            if not (before and after):
                continue
        kept.append(token)
    return kept


#: phrases by their first word, longest first: what a rewrite replaces and with what
PhraseTable = dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]


def phrase_table(pairs: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> PhraseTable:
    """(phrase, replacement) pairs by first word, the longest phrases first."""
    table: PhraseTable = {}
    for said, plain in sorted(pairs, key=lambda p: -len(p[0])):
        table.setdefault(said[0], []).append((said, plain))
    return table


def phrase_at(
    table: PhraseTable, words: Sequence[str], i: int
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The longest phrase of `table` that `words` hold at `i`, with its replacement."""
    # Most words start no phrase: one lookup, no generator, answers them
    for said, plain in table.get(words[i], ()):
        if tuple(words[i : i + len(said)]) == said:
            return said, plain
    return None


#: Joiners of a list that mean "and" ("the jar along with 2 mugs", "the mug as well as the jar").
_JOINERS: tuple[tuple[str, ...], ...] = (
    ("along", "with"), ("together", "with"), ("as", "well", "as"), ("in", "addition", "to"),
)  # fmt: skip
#: After these, "along with" / "together with" is "with" ("what goes along with the watch",
#: "would go well together with the mug").
_WITH_VERBS = frozenset({"go", "goes", "going", "went", "fit", "fits", "work", "works", "pair",
                         "pairs", "match", "matches", "wear", "style", "look", "looks", "well",
                         "nicely", "good", "great", "best"})  # fmt: skip


#: Joiners and compounds by their first word, longest first (`phrase_at`); a joiner is read
#: as "and" (or "with", see `merge_compounds`), a compound as one token of its words.
_JOINER_TABLE = phrase_table((joiner, ("and",)) for joiner in _JOINERS)
_COMPOUND_TABLE = phrase_table((compound, (" ".join(compound),)) for compound in COMPOUNDS)


def merge_compounds(tokens: list[Token]) -> list[Token]:
    """Joins fixed phrases ("salt and pepper") into one token so lists never split them, and
    reads a list joiner ("along with", "as well as") as "and" (or as "with" after a verb such
    as "goes"), so its words never become part of a product mention."""
    words = [t.text for t in tokens]
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        joiner = phrase_at(_JOINER_TABLE, words, i)
        if joiner is not None:
            said = joiner[0]
            raw = " ".join(t.raw for t in tokens[i : i + len(said)])
            after_verb = bool(out) and out[-1].text in _WITH_VERBS and said[-1] == "with"
            out.append(Token("with" if after_verb else "and", raw))
            i += len(said)
            continue
        compound = phrase_at(_COMPOUND_TABLE, words, i)
        if compound is not None:
            said, (merged,) = compound
            out.append(Token(merged, " ".join(t.raw for t in tokens[i : i + len(said)])))
            i += len(said)
        else:
            out.append(tokens[i])
            i += 1
    return out


def agreed_to(words: list[str]) -> bool:
    """ "tea lights it is", "euros it is then": a choice agreed to in passing (the idiom ends
    in "it is"); it names nothing that a request after it means by "it"."""
    said = [w for w in words if w not in {".", "!", ",", "-", "then"}]
    counted = any(c.isdigit() for w in said for c in w)  # "3 mugs it is": an order
    return len(said) > 2 and said[-2:] == ["it", "is"] and not counted


def sentence_end(tokens: list[Token], i: int) -> int:
    """Where the sentence holding token `i` ends (its ".", "!" or "?", or the end)."""
    while i < len(tokens) and tokens[i].text not in {".", "!", "?"}:
        i += 1
    return i


def tokens_for(words: Iterable[str], said: Token) -> list[Token]:
    """Tokens for replacement words, from where `said` stood (digits keep their value)."""
    return [Token(w, said.raw, value=Decimal(w) if w.isdigit() else None) for w in words]
