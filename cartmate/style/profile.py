"""A shopper's learned style: decaying weights over what they show, buy and say.

Photos (`learn_from_analysis`), cart items (`learn_from_cart_item`) and statements
(`record_statement`: "I don't like yellow") all add weight to named signals: colours,
patterns, aesthetics and categories. Before new evidence is added, older weights decay
exponentially with a half-life of `HALF_LIFE` (30 days), so last season's photos fade while a
steady taste stays strong. A dislike wins over evidence: the disliked word is removed from
every signal and later photos or cart items do not bring it back until the shopper likes it
again.

Money is exact: the price band holds `{currency_code, units, nanos}` amounts, never floats.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from pydantic import BaseModel, Field, model_validator

from cartmate.money import Money, MoneyError
from cartmate.style.analysis import AESTHETICS, COLOUR_FAMILIES, StyleAnalysis
from cartmate.style.pixels import COLOURS

__all__ = ["HALF_LIFE", "MoneyAmount", "PriceBand", "StyleProfile", "normalise_word"]

HALF_LIFE = timedelta(days=30)
"""After this long without news, a signal counts half as much."""

_MIN_WEIGHT = 0.01  # weights decayed below this are forgotten, keeping the record small
_MAX_KEYS = 40  # per signal map: the strongest survive
_MAX_WORDS = 50  # likes and dislikes each: the most recent survive
_LIKE_BOOST = 1.0  # a stated like counts as much as one confident photo
_CART_COLOUR = 0.5  # colour words on a product are a weaker hint than a photo's pixels

_PATTERNS = {"solid", "textured", "patterned", "striped"}
_SYNONYMS = {
    "gray": "grey", "light grey": "silver", "light gray": "silver", "dark grey": "charcoal",
    "dark gray": "charcoal", "cream": "ivory", "off-white": "ivory", "off white": "ivory",
    "maroon": "burgundy", "wine": "burgundy", "golden": "gold", "baby blue": "light blue",
    "sky blue": "light blue", "lilac": "lavender", "violet": "purple", "sand": "beige",
    "minimal": "minimalist", "minimalism": "minimalist", "boho": "bohemian",
    "athletic": "sporty", "athleisure": "sporty", "sport": "sporty", "street": "streetwear",
    "plain": "solid", "stripes": "striped", "stripy": "striped", "stripe": "striped",
    "prints": "patterned", "print": "patterned", "patterns": "patterned",
    "pattern": "patterned", "texture": "textured", "textures": "textured",
}  # fmt: skip


_FAMILY_SHARE = 0.5  # each colour of a named family, against 1.0 for a colour named alone
#: How shoppers name a colour family: "earth tones", "earthy colours", "neutrals", "pastels".
_FAMILY_WORDS = {
    "earth": "earthy", "earthy": "earthy", "neutral": "neutral", "neutrals": "neutral",
    "bright": "bright", "brights": "bright", "pastel": "pastel", "pastels": "pastel",
    "dark": "dark", "darks": "dark",
}  # fmt: skip
_FAMILY_TAILS = frozenset({"tones", "tone", "colours", "colors", "colour", "color", "shades"})


def _family(word: str) -> frozenset[str]:
    """The colours of a family named by `word` ("earth tones", "pastels"), else none."""
    words = word.split()
    if words and (len(words) == 1 or (len(words) == 2 and words[1] in _FAMILY_TAILS)):
        family = _FAMILY_WORDS.get(words[0])
        if family is not None and (
            len(words) == 2 or words[0].endswith("s") or words[0] in {"earthy", "neutral", "pastel"}
        ):
            return COLOUR_FAMILIES[family]
    return frozenset()


def normalise_word(word: str) -> str:
    """Lower-case, single-spaced, with common synonyms mapped to our names ("gray" -> "grey")."""
    cleaned = " ".join(word.lower().split())
    return _SYNONYMS.get(cleaned, cleaned)


class MoneyAmount(BaseModel):
    """An exact amount in the wire shape of Online Boutique's Money."""

    currency_code: str
    units: int
    nanos: int = 0

    @model_validator(mode="after")
    def _valid(self) -> MoneyAmount:
        self.to_money()  # Money enforces the code, nanos range and sign rules
        return self

    @classmethod
    def of(cls, money: Money) -> MoneyAmount:
        """From a `Money`."""
        return cls(currency_code=money.currency_code, units=money.units, nanos=money.nanos)

    def to_money(self) -> Money:
        """As a `Money` (for arithmetic, comparison and formatting)."""
        return Money(self.currency_code, self.units, self.nanos)


class PriceBand(BaseModel):
    """What the shopper tends to spend per item: either bound may be open, one currency."""

    min: MoneyAmount | None = None
    max: MoneyAmount | None = None

    @model_validator(mode="after")
    def _ordered(self) -> PriceBand:
        if self.min is not None and self.max is not None:
            try:
                if self.min.to_money() > self.max.to_money():
                    raise ValueError("price band minimum is above its maximum")
            except MoneyError as exc:  # two currencies cannot be compared
                raise ValueError(str(exc)) from exc
        return self

    def currency_code(self) -> str | None:
        """The band's currency, or None when both bounds are open."""
        bound = self.min or self.max
        return bound.currency_code if bound else None


class StyleProfile(BaseModel):
    """Everything CartMate has learned about one shopper's style (JSON-serialisable)."""

    half_life: ClassVar[timedelta] = HALF_LIFE

    user_id: str = Field(min_length=1)
    colours: dict[str, float] = Field(default_factory=dict)
    patterns: dict[str, float] = Field(default_factory=dict)
    aesthetics: dict[str, float] = Field(default_factory=dict)
    categories: dict[str, float] = Field(default_factory=dict)
    price_band: PriceBand | None = None
    likes: list[str] = Field(default_factory=list)
    dislikes: list[str] = Field(default_factory=list)
    # dislikes said as never to be shown ("never show me gold things", "nothing black,
    # ever"): left out of browsing and category lists, not only ranked last
    never: list[str] = Field(default_factory=list)
    images_analysed: int = Field(0, ge=0)
    updated_at: datetime | None = None
    """When evidence last arrived (timezone-aware UTC); None for a profile never taught."""

    # ------------------------------------------------------------------ learning

    def learn_from_analysis(
        self, analysis: StyleAnalysis, now: datetime, weight: float = 1.0
    ) -> None:
        """Fold one photo's analysis in: colour shares, patterns, aesthetics, item kinds.

        Args:
            analysis: The photo's `StyleAnalysis`.
            now: When it was sent (naive datetimes are taken as UTC).
            weight: How much this photo counts (1.0 normally; more for "this is my style").
        """
        if not weight > 0:
            raise ValueError("weight must be positive")
        self._decay(now)
        for c in analysis.colours:
            self._add(self.colours, c.name, weight * c.share)
        for p in analysis.patterns:
            self._add(self.patterns, p, weight / len(analysis.patterns))
        for a in analysis.aesthetics:
            self._add(self.aesthetics, a.name, weight * a.confidence)
        for item in analysis.items:
            self._add(self.categories, item, weight / len(analysis.items))
        self.images_analysed += 1
        self._trim()

    def learn_from_cart_item(
        self,
        category_names: Iterable[str],
        colour_words: Iterable[str],
        now: datetime,
        *,
        price: Money | None = None,
    ) -> None:
        """Fold in a product the shopper put in their cart.

        Args:
            category_names: The product's categories (each counts 1.0).
            colour_words: Colour words from its name or description (each counts 0.5).
            now: When it was added.
            price: Its unit price; widens the price band to include it (same currency only:
                amounts in another currency are not comparable without rates, so ignored).
        """
        self._decay(now)
        for name in category_names:
            self._add(self.categories, name, 1.0)
        for word in colour_words:
            self._add(self.colours, word, _CART_COLOUR)
        if price is not None:
            self._widen_price_band(price)
        self._trim()

    def record_statement(
        self,
        likes: Iterable[str] = (),
        dislikes: Iterable[str] = (),
        now: datetime | None = None,
    ) -> None:
        """Record what the shopper said they like or dislike ("I don't like yellow").

        A like boosts the matching colour, pattern or aesthetic (or a category already
        known) and cancels an earlier dislike; a dislike removes the word from every signal
        and cancels an earlier like. Statements are not decayed: they stand until replaced.

        Args:
            likes: Words the shopper likes.
            dislikes: Words the shopper dislikes.
            now: When it was said (recorded as `updated_at` if later).
        """
        for word in map(normalise_word, likes):
            if not word:
                continue
            self.dislikes = [w for w in self.dislikes if w != word]
            self.never = [w for w in self.never if w != word]
            self.likes = [w for w in self.likes if w != word] + [word]
            target = self._signal_for(word)
            if target is not None:
                self._add(target, word, _LIKE_BOOST)
            for colour in _family(word):  # "earth tones": each of them, a little
                self._add(self.colours, colour, _LIKE_BOOST * _FAMILY_SHARE)
        for word in map(normalise_word, dislikes):
            if not word:
                continue
            self.likes = [w for w in self.likes if w != word]
            self.dislikes = [w for w in self.dislikes if w != word] + [word]
            for signal in (self.colours, self.patterns, self.aesthetics, self.categories):
                signal.pop(word, None)
            for colour in _family(word):
                self.colours.pop(colour, None)
        if now is not None:
            now = _aware(now)
            self.updated_at = max(self.updated_at or now, now)
        self._trim()

    def forget(self, words: Iterable[str]) -> None:
        """Take back what the shopper said about these words ("forget what I said about
        gold"): neither liked nor disliked any more, and a like's boost to its signal taken
        back. What photos taught stays."""
        gone = {normalise_word(w) for w in words} - {""}
        for word in gone & set(self.likes):  # the boost the statement gave goes with it
            target = self._signal_for(word)
            if target is not None and word in target:
                target[word] = max(target[word] - _LIKE_BOOST, 0.0)
            for colour in _family(word):
                if colour in self.colours:
                    self.colours[colour] = max(
                        self.colours[colour] - _LIKE_BOOST * _FAMILY_SHARE, 0.0
                    )
        self.likes = [w for w in self.likes if w not in gone]
        self.dislikes = [w for w in self.dislikes if w not in gone]
        self.never = [w for w in self.never if w not in gone]
        self._trim()

    def never_show(self, words: Iterable[str]) -> None:
        """Dislikes the shopper never wants shown ("never show me gold things"): recorded as
        dislikes, and kept out of browsing and category lists."""
        said = [w for w in map(normalise_word, words) if w]
        self.record_statement(dislikes=said)
        self.never = [w for w in self.never if w not in said] + said

    def set_price_band(self, minimum: Money | None, maximum: Money | None) -> None:
        """Set the band from a statement ("under $50" is `(None, Money("USD", 50, 0))`).

        Raises:
            ValueError: The bounds are in two currencies or in the wrong order.
        """
        lo = MoneyAmount.of(minimum) if minimum is not None else None
        hi = MoneyAmount.of(maximum) if maximum is not None else None
        self.price_band = PriceBand(min=lo, max=hi) if (lo or hi) else None

    # ------------------------------------------------------------------ reading

    def is_empty(self) -> bool:
        """True when nothing at all has been learned."""
        return not (
            self.colours or self.patterns or self.aesthetics or self.categories
            or self.likes or self.dislikes or self.price_band
        )  # fmt: skip

    def leading_aesthetics(self, n: int = 3) -> list[tuple[str, float]]:
        """The `n` strongest aesthetics with their share of all aesthetic weight (0..1)."""
        return _leading(self.aesthetics, n)

    def leading_colours(self, n: int = 3) -> list[tuple[str, float]]:
        """The `n` strongest colours with their share of all colour weight (0..1)."""
        return _leading(self.colours, n)

    def explain(self) -> str:
        """One or two plain sentences a shopper can read about what has been learned."""
        if self.is_empty():
            return "I don't know your style yet — send me a photo or tell me what you like."
        aesthetics = self.leading_aesthetics(2)
        colours = [name for name, _ in self.leading_colours(3)]
        pattern = _leading(self.patterns, 1)
        if aesthetics:
            (top, confidence), *rest = aesthetics
            first = f"You lean {top} ({confidence:.2f})" + "".join(f" and {n}" for n, _ in rest)
            if colours:
                first += f": mostly {_join(colours)}"
        elif colours:
            first = f"You wear mostly {_join(colours)}"
        else:
            first = ""  # nothing seen yet: what was said comes first
        if pattern and (aesthetics or colours):
            first += f", usually {pattern[0][0]}"
        avoided = _join(self.dislikes[-3:]) if self.dislikes else ""
        if avoided and first:
            first += f"; you avoid {avoided}"
        extras = []
        spoken = {*colours, *(n for n, _ in aesthetics)}
        liked = [w for w in self.likes if w not in spoken][-3:]
        if liked:
            extras.append(f"you like {_join(liked)}")
        categories = [name for name, _ in _leading(self.categories, 2)]
        if categories:
            extras.append(f"you shop mostly {_join(categories)}")
        band = self._describe_price_band()
        if band:
            extras.append(band)
        if avoided and not first:
            extras.append(f"you avoid {avoided}")
        second = _join(extras) if extras else ""
        sentences = [text[0].upper() + text[1:] + "." for text in (first, second) if text]
        return " ".join(sentences) or "I don't know much about your style yet."

    # ------------------------------------------------------------------ internals

    def _decay(self, now: datetime) -> None:
        """Fade every weight by the time since the last evidence, then stamp `now`."""
        now = _aware(now)
        if self.updated_at is not None and now > self.updated_at:
            factor = 0.5 ** ((now - self.updated_at) / self.half_life)
            for signal in (self.colours, self.patterns, self.aesthetics, self.categories):
                for key in list(signal):
                    signal[key] *= factor
        # Evidence arriving out of order (a retried update) never moves the clock back.
        self.updated_at = max(self.updated_at or now, now)

    def _add(self, signal: dict[str, float], word: str, amount: float) -> None:
        key = normalise_word(word)
        if key and key not in self.dislikes and amount > 0:
            signal[key] = signal.get(key, 0.0) + amount

    def _signal_for(self, word: str) -> dict[str, float] | None:
        if word in COLOURS:
            return self.colours
        if word in _PATTERNS:
            return self.patterns
        if word in AESTHETICS:
            return self.aesthetics
        return self.categories if word in self.categories else None

    def _trim(self) -> None:
        for signal in (self.colours, self.patterns, self.aesthetics, self.categories):
            keep = sorted(signal.items(), key=lambda kv: -kv[1])[:_MAX_KEYS]
            signal.clear()
            signal.update((k, round(v, 6)) for k, v in keep if v >= _MIN_WEIGHT)
        self.likes = self.likes[-_MAX_WORDS:]
        self.dislikes = self.dislikes[-_MAX_WORDS:]
        self.never = [w for w in self.never if w in self.dislikes]  # a never is a dislike

    def _widen_price_band(self, price: Money) -> None:
        band = self.price_band or PriceBand()
        if band.currency_code() not in (None, price.currency_code):
            return
        lo = band.min.to_money() if band.min else price
        hi = band.max.to_money() if band.max else price
        self.set_price_band(min(lo, price), max(hi, price))

    def _describe_price_band(self) -> str | None:
        band = self.price_band
        if band is None:
            return None
        if band.min and band.max:
            lo, hi = band.min.to_money(), band.max.to_money()
            if lo == hi:
                return f"you spend around {lo.format()}"
            return f"you spend {lo.format()}–{hi.format()}"
        if band.max:
            return f"you spend up to {band.max.to_money().format()}"
        return f"you spend from {band.min.to_money().format()}" if band.min else None


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _leading(signal: dict[str, float], n: int) -> list[tuple[str, float]]:
    total = sum(signal.values())
    if total <= 0 or n < 1:
        return []
    ranked = sorted(signal.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [(name, round(weight / total, 2)) for name, weight in ranked]


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
