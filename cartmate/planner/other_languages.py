"""Words of other languages that bilingual shoppers mix into English, said in English.

"hola! dos mugs por favor", "et en euros?", "bitte zwei jars and drei mugs", "quanto costa the
hairdryer?", "sim, duas, por favor", "Wie viel ist the tank top?", "la taza, dos": courtesy,
small words, question words, numbers, yes and no, and currency names in Spanish, French,
German, Italian and Portuguese become their English words before anything else reads the
message; the few product words common enough to be understood ("taza", "Sonnenbrille",
"montre") become the catalog's.

Rules, on the prepared tokens (lower case; accents kept or dropped alike):
- a phrase of `_PHRASES` is replaced wherever it stands (longest first);
- a single word of `_WORDS` is replaced; a word that is also English ("due", "e", "y", "et",
  "en", "die", "um", "sim", "no") only where the message holds another word of that
  language, so "due by Friday" and "die cast" stay English (a count alone in a short
  message, "ok, due please", is one).
"""

from __future__ import annotations

import unicodedata

from cartmate.planner.text import Token, phrase_at, phrase_table, tokens_for

__all__ = ["said_in_english"]


def _plain(word: str) -> str:
    """The word without accents ("cuánto" -> "cuanto", "três" -> "tres")."""
    if word.isascii():  # nothing to take off: most words
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


#: (words, English): phrases first, longest first within a start
_PHRASES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("s", "il", "vous", "plait"), ("please",)),
    (("s'il", "vous", "plait"), ("please",)),
    (("por", "favor"), ("please",)),
    (("per", "favore"), ("please",)),
    (("grazie", "mille"), ("thanks",)),
    (("danke", "schon"), ("thanks",)),
    (("muchas", "gracias"), ("thanks",)),
    (("merci", "beaucoup"), ("thanks",)),
    (("guten", "tag"), ("hi",)),
    (("buenos", "dias"), ("hi",)),
    (("c'est", "tout"), ("that", "is", "all")),
    (("c", "est", "tout"), ("that", "is", "all")),
    (("basta", "cosi"), ("that", "is", "all")),
    (("wie", "viel", "ist"), ("how", "much", "is")),
    (("wie", "viel", "kostet"), ("how", "much", "is")),
    (("wie", "viel"), ("how", "much")),
    (("quanto", "costa"), ("how", "much", "is")),
    (("quanto", "custa"), ("how", "much", "is")),
    (("quanto", "e"), ("how", "much", "is", "it")),
    (("cuanto", "es"), ("how", "much", "is", "it")),
    (("cuanto", "son"), ("how", "much", "is", "it")),
    (("cuanto", "cuesta"), ("how", "much", "is")),
    (("combien", "coute"), ("how", "much", "is")),
    (("zu", "teuer"), ("too", "expensive")),
    (("trop", "cher"), ("too", "expensive")),
    (("gafas", "de", "sol"), ("sunglasses",)),
    (("occhiali", "da", "sole"), ("sunglasses",)),
    (("lunettes", "de", "soleil"), ("sunglasses",)),
    (("oculos", "de", "sol"), ("sunglasses",)),
    (("et", "en"), ("and", "in")),
    (("y", "en"), ("and", "in")),
    (("e", "em"), ("and", "in")),
    (("und", "in"), ("and", "in")),
    (("il", "totale"), ("the", "total")),
    (("el", "total"), ("the", "total")),
    (("o", "total"), ("the", "total")),
)
#: single words, always read in English
_WORDS: dict[str, tuple[str, ...]] = {
    # courtesy and small talk
    "hola": ("hi",), "buenas": ("hi",), "bonjour": ("hi",), "salut": ("hi",), "hallo": ("hi",),
    "ciao": ("hi",), "buongiorno": ("hi",), "ola": ("hi",), "oi": ("hi",),
    "gracias": ("thanks",), "merci": ("thanks",), "danke": ("thanks",), "grazie": ("thanks",),
    "obrigado": ("thanks",), "obrigada": ("thanks",), "bitte": ("please",),
    "perfecto": ("great",), "perfetto": ("great",), "parfait": ("great",), "gut": ("good",),
    "vale": ("okay",), "scusi": ("sorry",), "desole": ("sorry",), "perdon": ("sorry",),
    # questions, yes and no
    "cuanto": ("how", "much"), "combien": ("how", "much"), "quanto": ("how", "much"),
    "oui": ("yes",), "ja": ("yes",), "si": ("yes",), "nein": ("no",), "nao": ("no",),
    "non": ("no",), "aussi": ("too",), "tambien": ("too",), "anche": ("too",),
    "tambem": ("too",), "auch": ("too",), "und": ("and",),
    # numbers
    "uno": ("1",), "una": ("1",), "dos": ("2",), "tres": ("3",), "cuatro": ("4",),
    "cinco": ("5",), "deux": ("2",), "trois": ("3",), "quatre": ("4",), "cinq": ("5",),
    "zwei": ("2",), "drei": ("3",), "vier": ("4",), "funf": ("5",), "tre": ("3",),
    "quattro": ("4",), "cinque": ("5",), "dois": ("2",), "duas": ("2",), "quatro": ("4",),
    "eins": ("1",),
    # currencies as they are said
    "euro": ("euros",), "franken": ("swiss", "francs"), "reais": ("brazilian", "reais"),
    "yenes": ("yen",), "libras": ("pounds",), "sterline": ("pounds",),
    # products common enough to be understood
    "taza": ("mug",), "tazza": ("mug",), "tasse": ("mug",), "caneca": ("mug",),
    "sonnenbrille": ("sunglasses",), "montre": ("watch",), "reloj": ("watch",),
    "uhr": ("watch",), "orologio": ("watch",), "relogio": ("watch",),
}  # fmt: skip
#: words that are English too: read as another language's only beside another of its words
_SHARED: dict[str, tuple[str, ...]] = {
    "due": ("2",), "e": ("and",), "y": ("and",), "et": ("and",), "en": ("in",), "em": ("in",),
    "die": ("the",), "der": ("the",), "das": ("the",), "le": ("the",), "la": ("the",),
    "les": ("the",), "il": ("the",), "el": ("the",), "o": ("the",), "um": ("1",), "un": ("1",),
    "une": ("1",), "ein": ("1",), "eine": ("1",), "sim": ("yes",), "no": ("no",),
    "sorry": ("sorry",),
}  # fmt: skip
#: shared words that are counts, read so in a short message ("ok, due please")
_COUNTS_SHARED = frozenset({"due", "um", "une", "ein", "eine"})
_BY_START = phrase_table(_PHRASES)


def said_in_english(tokens: list[Token]) -> list[Token]:
    """The message with the other languages' words said in English (see the module
    docstring)."""
    # the word as typed: "salut" is no typo of "salt", nor "em" of "them"
    words = [_plain(t.corrected_from or t.text) for t in tokens]
    foreign = any(w in _WORDS for w in words) or any(
        phrase_at(_BY_START, words, i) for i in range(len(words))
    )
    short = len([w for w in words if w.isalpha()]) <= 4
    if not foreign and not (short and any(w in _COUNTS_SHARED for w in words)):
        return tokens  # "ok, due please" alone is a count; "the bill is due today" is not
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        match = phrase_at(_BY_START, words, i)
        if match is not None:
            said, english = match
            out += tokens_for(english, tokens[i])
            i += len(said)
            continue
        english = _WORDS.get(words[i]) or _SHARED.get(words[i])
        if english is not None:
            out += tokens_for(english, tokens[i])
        else:
            out.append(tokens[i])
        i += 1
    return out
