"""Text handling for catalog search: normalisation, tokens, light stemming, typo tolerance.

Everything here is pure and deterministic. Index and query text go through the same steps
(`normalize` -> `tokenize` -> `stem`), so a plural in the catalog meets a singular in the
query. Stemming is deliberately conservative: only plural endings, never "-ing"/"-ed", because
an over-eager stemmer merges words a shopper keeps apart ("light"/"lighting").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = [
    "FUZZY_THRESHOLD",
    "MIN_FUZZY_LENGTH",
    "STOP_WORDS",
    "content_stems",
    "fuzzy_matches",
    "is_generic",
    "normalize",
    "stem",
    "tokenize",
]

#: Tokens shorter than this never take part in typo matching (too many near neighbours).
MIN_FUZZY_LENGTH = 4

#: Minimum normalised edit similarity (optimal string alignment: insertions, deletions,
#: substitutions and adjacent transpositions) for a typo match: one edit in five characters,
#: two in ten. A four-letter token can therefore only gain a letter ("wach" -> "watch").
FUZZY_THRESHOLD = 0.8

#: Words that carry no product meaning: English function words and shopper filler
#: ("show me something for the kitchen" means "kitchen"), and price talk, which callers
#: filter on themselves ("under $20"). Words that may name a product ("set", "pair", "top",
#: "light") are deliberately absent.
STOP_WORDS: frozenset[str] = frozenset(
    """
    a about add all also am an and any anything are as at be been buy can cart basket could
    do does for from get give got good great has have help her here him his how i id im in
    into is it its just like look looking love maybe me might more my need nice of on one
    ones or our perhaps please pls put remove show some someone something stuff thank thanks
    that the their them then there these they thing things this those to too us very want
    was we what whats which with would you your item items product products
    find search see buying shopping ideally really
    under over below above less than between around max maximum min minimum cheap cheaper
    cheapest budget affordable expensive price prices priced cost costs dollar dollars usd
    eur euro euros bucks
    """.split()
)

# Irregular plurals the suffix rules below would get wrong; both forms map to one stem.
_IRREGULAR = {
    "lens": "lens",
    "lenses": "lens",
    "knives": "knife",
    "leaves": "leaf",
    "shelves": "shelf",
    "scarves": "scarf",
    "women": "woman",
    "men": "man",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
}

_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Lower-case, accent-folded, punctuation-free text with single spaces.

    "&" becomes "and" and apostrophes are dropped ("Men's" -> "mens"), so "Salt & Pepper"
    and "salt and pepper" normalise alike.

    Args:
        text: Any text.

    Returns:
        The normalised text (possibly empty).
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_NON_WORD.sub(" ", _APOSTROPHES.sub("", folded)).split())


def tokenize(text: str) -> list[str]:
    """Normalised tokens of `text`, stop words included (phrases need them), unstemmed."""
    return normalize(text).split()


def stem(token: str) -> str:
    """A light plural stem of one normalised token.

    Handles "glasses"->"glass", "accessories"->"accessory", "watches"->"watch",
    "shoes"->"shoe", "loafers"->"loafer"; leaves "glass", "dress", "cactus" and words with
    digits alone. Singular "-ie" words become "-y" too so "cookie" and "cookies" agree.

    Args:
        token: A token from `tokenize`.

    Returns:
        The stem (the token itself when no rule applies).
    """
    if token in _IRREGULAR:
        return _IRREGULAR[token]
    if len(token) <= 3 or not token.isalpha():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("ie"):
        return token[:-2] + "y"
    if token.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return token[:-2]
    if token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("s"):
        return token[:-1]
    return token


def is_generic(token: str) -> bool:
    """Whether a normalised token carries no product meaning.

    True for stop words, numbers (prices and quantities: "2 mugs under 20") and single
    letters left by punctuation ("t-shirt" -> "t shirt").
    """
    return token in STOP_WORDS or token.isdigit() or (len(token) == 1 and token.isalpha())


def content_stems(text: str) -> list[str]:
    """Stems of the meaningful tokens of `text` (see `is_generic`)."""
    return [stem(t) for t in tokenize(text) if not is_generic(t)]


def fuzzy_matches(
    token: str, choices: Sequence[str] | Iterable[str], *, limit: int = 3
) -> list[tuple[str, float]]:
    """Typo-tolerant matches of `token` among `choices`, best first.

    Only tokens and choices of at least `MIN_FUZZY_LENGTH` characters take part, and only
    choices with the same first letter; identical strings are excluded (the caller handles
    exact matches, which always win).

    Args:
        token: A normalised (usually stemmed) query token.
        choices: Candidate vocabulary.
        limit: The most matches returned.

    Returns:
        `(choice, similarity)` pairs with similarity >= `FUZZY_THRESHOLD`, sorted by
        similarity descending, then alphabetically (deterministic).
    """
    if len(token) < MIN_FUZZY_LENGTH or limit <= 0:
        return []
    # Typos rarely hit the first letter, and requiring it keeps real words apart
    # ("chair" is not a typo of "hair").
    candidates = [
        c for c in choices if len(c) >= MIN_FUZZY_LENGTH and c != token and c[0] == token[0]
    ]
    found = process.extract(
        token,
        candidates,
        scorer=OSA.normalized_similarity,
        # rapidfuzz's cutoff arithmetic misses scores of exactly 0.8 ("wach"/"watch"), so
        # it prefilters loosely and the exact threshold is applied here.
        score_cutoff=FUZZY_THRESHOLD - 0.01,
        limit=None,
    )
    kept = {(c, float(s)) for c, s, _ in found if s >= FUZZY_THRESHOLD - 1e-9}
    ranked = sorted(kept, key=_by_score)
    return ranked[:limit]


def _by_score(item: tuple[str, float]) -> tuple[float, str]:
    return (-item[1], item[0])
