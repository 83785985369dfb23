"""Other shops from a comparison, as the shopper names them ("Acme's price" for Acme Watches)."""

from __future__ import annotations

import re

__all__ = ["shop_word", "words_of"]

_WORD = re.compile(r"[a-z0-9]+")


def words_of(text: str) -> set[str]:
    """The words of a message, lower case, without punctuation ("acme's" -> "acme", "s")."""
    return set(_WORD.findall(text.lower()))


def shop_word(retailer: str) -> str:
    """The word a shopper calls a shop by: the first of its name ("acme" for Acme Watches)."""
    return (_WORD.findall(retailer.lower()) or [""])[0]
