"""A thirty-seventh set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, what a photo analysis returns, and the catalog facts): they check what a careful human
shop assistant would do (which tools ran and that nothing was written on a question, a bad
image or an unclear request, which products and quantities, currencies, what the cart and the
style profile hold afterwards) and the essential facts of its answers, not their wording.
Their theme is a shopper who sends photos, six to eight turns each: an outfit or a room as
"this is my style - what would you pick for me?" / "what would go with it?" / "find me
something like this" (synthetic outfit photos of plain colour blocks on white, whose colours
the offline analyser reads exactly: black, beige and camel, camel, gold and beige, black, grey
and silver, navy, black and mustard), a catalog product's own photo sent back ("Do you have
this mug? How much is it in pounds?", "I love this watch - is it yours?", "Do you have these
loafers?", the tank top's photo with "find me something like this"; the product is named,
since the offline analyser measures colours and does not recognise items), then text turns
that rely on what the photos taught: "which of these suits me better?" (the sunglasses over
the loafers after a black outfit, the watch over the tank top after camel, gold and beige, the
tank top among three after black, grey and silver, the sunglasses over the watch once gold is
disliked), "what colours do you think I like?" (the leading colours of the profile the photos
and the adds built), "forget what you learned from that photo" (the profile reset: the only
tool that forgets what a photo taught), mixed with plain shopping (adds, prices and totals in
pounds, euros, yen and Canadian dollars, euros from now on and back, the cart). Bad images are
rejected plainly (no analysis, nothing written, the cart, the profile and the display currency
kept, the next turn going on as before): bytes that are not an image sent as image/jpeg or
image/png, a truncated PNG, a truncated JPEG, a GIF and a BMP (the tools take JPEG, PNG or
WebP only, and the answer says so), and a PNG whose header claims 10000 x 10000 pixels (over
the 40-megapixel limit). The tools accept any image of at least one pixel, so no tiny-image
refusal is expected. A photo comes with a text request in the same message twice: "Add the
mug too - and this photo is my kitchen, it's my style." (the mug added and the photo
analysed) and "Add the mug too - and here's a photo of my desk." with bytes that are no image
(the mug added, the photo refused). Two requests are genuinely ambiguous and must be asked
about, nothing written: "Add that one." after a photo's "find me something like this" showed
the four black products, and "Add it." after the watch and the sunglasses were priced and
then a photo of the shopper's own jacket (which the shop does not sell) was sent. Every
conversation ends with a check of the cart (product id -> quantity) in Online Boutique.
Conversions are computed in the test by the shop's currency service (the embedded one): the
total converted, or its lines (or unit prices) converted and added up, any of which the answer
may show. Any the assistant gets wrong are left failing, never weakened to pass nor marked
xfail.

First run: 4 of 12 passed. One expectation was the test's own mistake and was fixed, made
stricter, not weaker: "What colours do you think I like?" (and "What do you know about my style
now?") only looked for the colour words in the answer, so the tank-top conversation passed on
an answer that was a product description ("Tank Top costs $18.99. A fitted black crop top
..."); the shopper's colours are what CartMate keeps in their style profile, so
show_style_profile must now have run (that conversation now fails there: 3 of 12 pass). The
nine failures are the assistant's (each conversation stops at its first wrong turn, so later
turns were not reached; the tool calls were read from a traced replay of the same run):
- "Which of these suits me better?" (after the black outfit's picks rightly led with the four
  black products and the sunglasses and the loafers were rightly priced, $19.99 and $89.99)
  called show_style_profile() only ("You lean minimalist (0.69) and edgy: mostly black, usually
  solid.") instead of naming the sunglasses as the better fit;
- "Lovely, add two of them." after "Do you have this mug? How much is it in pounds?" with the
  mug's photo (which analysed the photo and listed all nine products for the shopper, the Mug at
  £6.84 among them, instead of answering about the mug) called no tool ("Which product do you
  mean? Recently we looked at: 1. Sunglasses, ... 9. Bamboo Glass Jar.") instead of adding two
  mugs;
- "What colours do you think I like?" after "This is my style." with the beige and camel photo
  (rightly analysed) called no tool (handed to the product finder: "Which product do you mean?
  You can name it, for example "the watch".") instead of reading the profile: beige and camel;
- "Add the mug too - and this photo is my kitchen, it's my style." called analyse_style_photo
  only ("Mostly mustard and black ... You shop mostly kitchen and you spend around $5.49.")
  instead of also adding the mug;
- "Which of these suits me: the tank top, the watch or the loafers?" (after the black, grey and
  silver outfit, the first two in yen, ¥2,235 and ¥2,123, and the sunglasses added, all
  rightly done) called search_products(among=["OLJCESPC7Z", "tank top", "watch", "loafers"],
  for_shopper=True, limit=1), the sunglasses just added slipped in among the three named ("Of
  those, Sunglasses ($19.99) is most you: ...") instead of naming the tank top;
- "I love this watch - is it yours? What does it cost?" with the watch's photo called
  analyse_style_photo only ("Mostly taupe, khaki and beige ... usually solid.") instead of
  saying the Watch is the shop's, at $109.99;
- "What colours do you think I like?" after the black photo and the camel, gold and beige photo
  (both rightly analysed) called no tool (handed to the product finder: "Which product do you
  mean? ...") instead of reading the profile: black, then camel, gold or beige;
- "What colours do you think I like?" (after the candle holder and two jars added, the
  truncated JPEG rightly refused, "The image is damaged or incomplete; please send it again.",
  and the black, grey and silver photo analysed) called get_product_details(product=
  "9SIQT8TOJO") ("Bamboo Glass Jar costs $5.49. ...") instead of reading the profile: silver
  first;
- "What colours do you think I like?" (after the tank top's photo rightly led with the black
  products, the prices in Canadian dollars, CA$25.41 and CA$33.44, the tank top added and the
  BMP rightly refused, "That file is not a JPEG, PNG or WebP image.") called
  get_product_details(product="66VCHSJNUP") ("Tank Top costs $18.99. A fitted black crop top
  ...") instead of reading the profile: black.
The three that pass: the "find me something like this" photo and "Add that one." rightly asked
(the hairdryer then, the truncated PNG refused, yen, another hairdryer); the jacket photo and
"Add it." rightly asked ("Which product do you mean? Recently we looked at: 1. Watch, 2.
Sunglasses."), the GIF refused; the loafers' photo, the 10000 x 10000 PNG refused ("The image
has too many pixels; the limit is 40 megapixels."), the watch rightly judged to suit camel,
gold and beige.

The conversations still failing are marked xfail(strict) with the turn they fail at (the
first run's failures above; 3 of 12 passed), so a fix shows as an unexpected pass.

Worked on since (the same session): "what colours do you think I like?" (and "which colours
would you say I prefer?", "what colours do I like?") reads the style profile, and "which of
these suits me better?" ranks the products just shown by it: 9 of 12 pass. Still failing: a
photo sent with a request ("add the mug too - and this photo is my kitchen") only analyses the
photo, "I love this watch - is it yours? What does it cost?" with its photo only analyses it,
and "lovely, add two of them" after "do you have this mug?" with its photo asks which.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    BLACK,
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
    LOAFERS,
    MUG,
    PRICE,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    amounts_in,
    assert_asked,
    assert_final_cart,
    cart_of,
    changes_cart,
    in_currency,
    in_passing,
    result_of,
    said_no,
    says_amount,
    shown_names,
    switched_for_good,
    switched_to,
    tastes_said,
    tools_of,
    understood,
    usd_total,
    writes_of,
    wrote_nothing,
)

Photo = tuple[bytes, str]

#: The catalog's own product photos (the pictures products.json names).
PHOTOS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "online-boutique" / "img"

#: Colours as the offline analyser names them (its own reference hexes, as RGB).
RGB = {
    "black": (13, 13, 13), "charcoal": (59, 59, 61), "grey": (128, 128, 128),
    "silver": (192, 192, 196), "beige": (214, 198, 165), "camel": (184, 134, 91),
    "gold": (201, 169, 74), "navy": (31, 42, 68), "mustard": (212, 160, 23),
    "red": (200, 16, 46),
}  # fmt: skip

WEARABLE = {"Sunglasses", "Tank Top", "Watch", "Loafers"}
ANALYSE = "analyse_style_photo"

#: Words by which an answer says it could not use a photo.
_NO = (
    "can't", "cannot", "can not", "couldn't", "could not", "unable", "not able", "isn't a",
    "is not a", "not a jpeg", "not an image", "not a valid", "damaged", "incomplete", "corrupt",
    "broken", "truncated", "unsupported", "not supported", "too many pixels", "too large",
    "too big", "only accept", "only take", "only read", "send it again", "another photo",
    "try again",
)  # fmt: skip
REFUSED = tuple({w for base in _NO for w in (base, base.replace("'", "\u2019"))})


#: The product photos live beside the checkout (../shared), which a clean clone may lack.
needs_photos = pytest.mark.skipif(not PHOTOS.exists(), reason="reference photos not present")


def photo(name: str) -> Photo:
    """A catalog product's own photo, as the shopper sends it back."""
    return (PHOTOS / f"{name}.jpg").read_bytes(), "image/jpeg"


def outfit(*colours: str) -> Photo:
    """A photo of an outfit (or a room): blocks of these colours, top to bottom, on white."""
    img = Image.new("RGB", (160, 240), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    band = 200 // len(colours)
    for i, name in enumerate(colours):
        draw.rectangle([40, 20 + i * band, 119, 20 + (i + 1) * band - 1], fill=RGB[name])
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return buffer.getvalue(), "image/png"


def _encoded(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), RGB["red"]).save(buffer, format=fmt)
    return buffer.getvalue()


def _huge_png() -> bytes:
    """A one-pixel PNG whose header claims 10000 x 10000 pixels (its checksum fixed)."""
    data = bytearray(outfit("black")[0])
    header = struct.pack(">II", 10_000, 10_000) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


_PNG = outfit("navy", "red")[0]
_JPEG = _encoded("JPEG")  # any JPEG: cut short, it is no image (made here, no file needed)
NOT_AN_IMAGE: Photo = (b"This is definitely not a picture.\n" * 20, "image/jpeg")
GARBAGE_PNG: Photo = (bytes(range(256)) * 4, "image/png")
TRUNCATED_PNG: Photo = (_PNG[: len(_PNG) // 2], "image/png")
TRUNCATED_JPEG: Photo = (_JPEG[: len(_JPEG) * 2 // 5], "image/jpeg")
GIF: Photo = (_encoded("GIF"), "image/gif")
BMP: Photo = (_encoded("BMP"), "image/bmp")
HUGE_PNG: Photo = (_huge_png(), "image/png")


def analysed(turn: Turn) -> dict[str, Any]:
    """The photo was analysed (and its style learned); the analysis result."""
    return result_of(turn, ANALYSE)


def photo_colours(turn: Turn) -> set[str]:
    """Every colour the turn's photo analyses named."""
    return {c["name"] for a in analysed(turn)["analyses"] for c in a["colours"]}


async def images_seen(services: AgentServices) -> int:
    """How many photos the shopper's style profile has learned from."""
    return (await services.profiles.get("shopper")).images_analysed


async def leading_colours(services: AgentServices, n: int) -> list[str]:
    return [name for name, _ in (await services.profiles.get("shopper")).leading_colours(n)]


async def assert_photo_refused(
    turn: Turn,
    services: AgentServices,
    cart: dict[str, int],
    seen: int,
    writes: bool = False,
) -> None:
    """A bad image: no analysis, said plainly, the cart and the profile's photos kept (and,
    unless the same message asked for a change, nothing written)."""
    assert not any(n == ANALYSE and r.get("status") == "ok" for n, r in turn.tool_results), (
        turn.tool_results
    )
    assert understood(turn) and said_no(turn, REFUSED), turn.text
    if not writes:
        assert wrote_nothing(turn), turn.tool_results
    assert await cart_of(services) == cart
    assert await images_seen(services) == seen


def names_formats(turn: Turn) -> bool:
    """The answer says which kinds of photo it can read (JPEG, PNG or WebP)."""
    text = turn.text.lower()
    return any(w in text for w in ("jpeg", "jpg", "png", "webp"))


def assert_style_told(turn: Turn, *colours: str) -> None:
    """What CartMate knows of the shopper's style was read (show_style_profile: the photos and
    the adds both taught it) and the answer names these colours; nothing written."""
    result_of(turn, "show_style_profile")
    text = turn.text.lower()
    for colour in colours:
        assert any(c in text for c in colour.split("|")), (colour, turn.text)
    assert not writes_of(turn), turn.tool_calls


def assert_suits(turn: Turn, best: str) -> None:
    """A "which suits me?": `best` named, first if products were ranked, nothing written."""
    assert best in turn.text, turn.text
    ranked = [r for _, r in turn.tool_results if r.get("status") == "ok" and r.get("products")]
    if ranked:
        assert ranked[-1]["products"][0]["name"] == best, ranked[-1]["products"]
    assert not writes_of(turn), turn.tool_calls


async def assert_says_price(
    turn: Turn, services: AgentServices, cart: dict[str, int], code: str, passing: bool = True
) -> None:
    """The answer states what `cart` (or one product) costs in `code` (in passing)."""
    candidates = await amounts_in(services, cart, code)
    assert any(says_amount(turn.text, c) for c in candidates), (candidates, turn.text)
    if passing:
        assert in_passing(turn), turn.tool_calls
    assert not writes_of(turn), turn.tool_calls


async def test_black_outfit_pick_for_me_sunglasses_or_loafers_suit_me_add_euros_colours_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    picks = await shopper.say(
        "This is my style - what would you pick for me?", images=[outfit("black", "black")]
    )
    assert photo_colours(picks) == {"black"}, analysed(picks)
    names = shown_names(picks)
    assert set(names[: len(BLACK)]) == BLACK, names  # the black things first
    assert not changes_cart(picks), picks.tool_calls
    assert await cart_of(services) == {}

    prices = await shopper.say("How much are the sunglasses and the loafers?")
    assert "$19.99" in prices.text and "$89.99" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    suits = await shopper.say("Which of these suits me better?")
    assert_suits(suits, "Sunglasses")  # black frame, dark lenses: the black outfit's palette

    await shopper.say("Great, add the sunglasses.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $19.99

    colours = await shopper.say("What colours do you think I like?")
    assert_style_told(colours, "black")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


@needs_photos
@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at 'Lovely, add two of them.' "
        "(see this conversation's bullet in the module docstring)"
    ),
)
async def test_mug_photo_do_you_have_it_in_pounds_two_mugs_not_an_image_refused_jar_total_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    mug = await shopper.say(
        "Do you have this mug? How much is it in pounds?", images=[photo("mug")]
    )
    assert "Mug" in mug.text, mug.text
    await assert_says_price(mug, services, {MUG: 1}, "GBP")  # $8.99
    assert await cart_of(services) == {}

    await shopper.say("Lovely, add two of them.")
    cart = {MUG: 2}
    assert await cart_of(services) == cart

    seen = await images_seen(services)
    bad = await shopper.say("Here's another one I like.", images=[NOT_AN_IMAGE])
    await assert_photo_refused(bad, services, cart, seen)

    await shopper.say("Never mind. Add a bamboo jar as well.")
    cart = {MUG: 2, JAR: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total now?")
    assert usd_total(cart) in total.text, total.text  # $23.47
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)


async def test_find_something_like_this_add_that_one_asked_hairdryer_truncated_png_yen_another(
    shopper: Conversation, services: AgentServices
) -> None:
    like = await shopper.say("Find me something like this.", images=[outfit("black", "black")])
    assert photo_colours(like) == {"black"}, analysed(like)
    names = shown_names(like)
    assert set(names[: len(BLACK)]) == BLACK, names
    assert not changes_cart(like), like.tool_calls

    which = await shopper.say("Add that one.")
    assert_asked(which)  # four black things were shown: which?
    assert await cart_of(services) == {}

    await shopper.say("The hairdryer.")
    cart = {HAIRDRYER: 1}
    assert await cart_of(services) == cart

    seen = await images_seen(services)
    scarf = await shopper.say(
        "And here's my favourite scarf - anything to match?", images=[TRUNCATED_PNG]
    )
    await assert_photo_refused(scarf, services, cart, seen)

    yen = await shopper.say("OK. How much is the hairdryer in yen?")
    await assert_says_price(yen, services, {HAIRDRYER: 1}, "JPY")  # $24.99

    await shopper.say("Add another hairdryer then, one for my flat too.")
    cart = {HAIRDRYER: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $49.98


async def test_beige_camel_style_colours_forget_that_photo_nothing_known_watch_euros_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    style = await shopper.say("This is my style.", images=[outfit("beige", "camel")])
    assert photo_colours(style) == {"beige", "camel"}, analysed(style)
    assert not changes_cart(style), style.tool_calls
    assert await images_seen(services) == 1

    colours = await shopper.say("What colours do you think I like?")
    assert_style_told(colours, "beige", "camel")

    forget = await shopper.say(
        "Actually that was my sister's outfit, not mine. Forget what you learned from that photo."
    )
    assert (await services.profiles.get("shopper")).is_empty(), forget.tool_calls
    assert not changes_cart(forget), forget.tool_calls
    assert await cart_of(services) == {}

    now = await shopper.say("What do you know about my style now?")
    assert_style_told(now)
    text = now.text.lower()
    assert "beige" not in text and "camel" not in text, now.text

    await shopper.say("Add the watch.")
    cart = {WATCH: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("How much is that in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $109.99

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)


@pytest.mark.xfail(
    strict=True,
    reason=(
        'fails at "Add the mug too - and this photo is my kitchen, it\'s my style." '
        "(see this conversation's bullet in the module docstring)"
    ),
)
async def test_jar_then_add_the_mug_too_with_kitchen_photo_colours_cad_take_jar_out_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put a bamboo jar in my cart.")
    assert await cart_of(services) == {JAR: 1}

    both = await shopper.say(
        "Add the mug too - and this photo is my kitchen, it's my style.",
        images=[outfit("black", "mustard")],
    )
    cart = {JAR: 1, MUG: 1}
    assert await cart_of(services) == cart
    assert photo_colours(both) == {"black", "mustard"}, analysed(both)

    colours = await shopper.say("What colours do you think I like?")
    assert_style_told(colours, "black", "mustard|yellow")

    cad = await shopper.say("How much is my cart in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $14.48

    await shopper.say("Take the jar out.")
    cart = {MUG: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $8.99


async def test_watch_and_sunglasses_jacket_photo_add_it_asked_sunglasses_gif_refused_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("How much are the watch and the sunglasses?")
    assert "$109.99" in prices.text and "$19.99" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    jacket = await shopper.say("Here's the jacket I wear most days.", images=[outfit("navy")])
    assert photo_colours(jacket) == {"navy"}, analysed(jacket)
    assert not changes_cart(jacket), jacket.tool_calls

    which = await shopper.say("Add it.")
    assert_asked(which)  # the watch, the sunglasses - or the jacket, which the shop doesn't sell?
    assert await cart_of(services) == {}

    await shopper.say("The sunglasses.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    seen = await images_seen(services)
    gif = await shopper.say("And here's an animation of my outfit.", images=[GIF])
    await assert_photo_refused(gif, services, cart, seen)
    assert names_formats(gif), gif.text  # what it can read instead

    euros = await shopper.say("Fine. What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $19.99

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)


@needs_photos
async def test_loafers_photo_in_stock_huge_photo_refused_add_gold_style_watch_suits_add_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    loafers = await shopper.say(
        "Do you have these loafers? What do they cost?", images=[photo("loafers")]
    )
    assert "Loafers" in loafers.text and "$89.99" in loafers.text, loafers.text
    assert not writes_of(loafers), loafers.tool_calls
    assert await cart_of(services) == {}

    seen = await images_seen(services)
    huge = await shopper.say("Here's a high-res photo of my summer outfit.", images=[HUGE_PNG])
    await assert_photo_refused(huge, services, {}, seen)

    await shopper.say("OK, add the loafers.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    style = await shopper.say(
        "This one works though - this is my style.", images=[outfit("camel", "gold", "beige")]
    )
    assert photo_colours(style) == {"camel", "gold", "beige"}, analysed(style)
    assert not changes_cart(style), style.tool_calls

    suits = await shopper.say("Which suits me better, the watch or the tank top?")
    assert_suits(suits, "Watch")  # gold-tone with camel, gold and beige; not the black top

    await shopper.say("Add the watch then.")
    cart = {LOAFERS: 1, WATCH: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $199.98


async def test_grey_outfit_what_goes_with_it_first_two_in_yen_sunglasses_tank_top_suits_two(
    shopper: Conversation, services: AgentServices
) -> None:
    goes = await shopper.say(
        "This is my style - what would go with it?", images=[outfit("black", "grey", "silver")]
    )
    assert photo_colours(goes) == {"black", "grey", "silver"}, analysed(goes)
    names = shown_names(goes)
    assert names[0] in WEARABLE, names  # something to wear with an outfit
    assert not changes_cart(goes), goes.tool_calls

    yen = await shopper.say("How much are the first two in yen?")
    for name in names[:2]:
        price = (await in_currency(services, PRICE[ID[name]], "JPY")).format()
        assert price in yen.text, (price, yen.text)
    assert in_passing(yen), yen.tool_calls
    assert not writes_of(yen), yen.tool_calls

    await shopper.say("Add the sunglasses.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    suits = await shopper.say("Which of these suits me: the tank top, the watch or the loafers?")
    assert_suits(suits, "Tank Top")  # black with black, grey and silver

    await shopper.say("Great, two of the tank top then.")
    cart = {SUNGLASSES: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $57.97


@needs_photos
@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at 'I love this watch - is it yours? What does it cost?' "
        "(see this conversation's bullet in the module docstring)"
    ),
)
async def test_watch_photo_is_it_yours_euros_for_good_add_mug_too_with_garbage_photo_total(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say(
        "I love this watch - is it yours? What does it cost?", images=[photo("watch")]
    )
    assert "Watch" in watch.text and "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    euros = await shopper.say("Switch me to euros from now on, please.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    await shopper.say("Add the watch.")
    assert await cart_of(services) == {WATCH: 1}

    seen = await images_seen(services)
    desk = await shopper.say(
        "Add the mug too - and here's a photo of my desk.", images=[GARBAGE_PNG]
    )
    cart = {WATCH: 1, MUG: 1}
    await assert_photo_refused(desk, services, cart, seen, writes=True)  # the mug still added
    assert tools_of(desk).count("add_to_cart") == 1, desk.tool_calls

    total = await shopper.say("What's my total?")
    await assert_says_price(total, services, cart, "EUR", passing=False)  # $118.98, euros still

    final = await shopper.say("Back to dollars, and show me my cart.")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)


async def test_black_then_camel_gold_photos_colours_no_gold_watch_or_sunglasses_add_it_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("This is my style.", images=[outfit("black")])
    assert photo_colours(first) == {"black"}, analysed(first)

    second = await shopper.say("And this too.", images=[outfit("camel", "gold", "beige")])
    assert photo_colours(second) == {"camel", "gold", "beige"}, analysed(second)
    assert await images_seen(services) == 2
    assert await cart_of(services) == {}

    colours = await shopper.say("What colours do you think I like?")
    assert_style_told(colours, "black", "camel|gold|beige")  # black: all of the first photo

    gold = await shopper.say("I really don't like gold though.")
    likes, dislikes = tastes_said(gold)
    assert "gold" in dislikes and "gold" not in likes, gold.tool_calls
    assert "gold" not in (await services.profiles.get("shopper")).colours
    assert await cart_of(services) == {}

    suits = await shopper.say("So which suits me better, the watch or the sunglasses?")
    assert_suits(suits, "Sunglasses")  # the watch is gold-tone

    await shopper.say("Add the one you recommend.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_candle_and_jars_truncated_jpeg_refused_resent_room_colours_pounds_three_jars(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a candle holder and two bamboo jars.")
    cart = {CANDLE_HOLDER: 1, JAR: 2}
    assert await cart_of(services) == cart

    room = await shopper.say(
        "Here's a photo of my living room - that's the look I go for.", images=[TRUNCATED_JPEG]
    )
    await assert_photo_refused(room, services, cart, 0)

    again = await shopper.say("Let me try again.", images=[outfit("black", "grey", "silver")])
    assert photo_colours(again) == {"black", "grey", "silver"}, analysed(again)
    assert await images_seen(services) == 1
    assert not changes_cart(again), again.tool_calls

    colours = await shopper.say("What colours do you think I like?")
    (top,) = await leading_colours(services, 1)
    assert_style_told(colours, top)  # silver: the photo's and the candle holder's

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $29.97

    await shopper.say("Make it three jars.")
    cart = {CANDLE_HOLDER: 1, JAR: 3}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $35.46


@needs_photos
async def test_tank_top_photo_like_this_prices_in_cad_add_it_bmp_refused_colours_two_mugs(
    shopper: Conversation, services: AgentServices
) -> None:
    like = await shopper.say("Find me something like this.", images=[photo("tank-top")])
    assert "black" in photo_colours(like), analysed(like)
    names = shown_names(like)
    assert set(names[: len(BLACK)]) == BLACK, names
    assert not changes_cart(like), like.tool_calls

    cad = await shopper.say("How much are the tank top and the hairdryer in Canadian dollars?")
    for product in (TANK_TOP, HAIRDRYER):
        price = (await in_currency(services, PRICE[product], "CAD")).format()
        assert says_amount(cad.text, price), (price, cad.text)
    assert in_passing(cad), cad.tool_calls
    assert not writes_of(cad), cad.tool_calls

    await shopper.say("Add the tank top.")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart

    seen = await images_seen(services)
    bmp = await shopper.say("And this is my look for the weekend.", images=[BMP])
    await assert_photo_refused(bmp, services, cart, seen)
    assert names_formats(bmp), bmp.text

    colours = await shopper.say("What colours do you think I like?")
    assert_style_told(colours, "black")

    await shopper.say("Add two mugs too.")
    cart = {TANK_TOP: 1, MUG: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $36.97
