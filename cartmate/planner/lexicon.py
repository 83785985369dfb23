"""Word lists of the planner: numbers, ordinals, currencies, colours, categories, fillers.

All words are lower-case and already normalised (contractions expanded, see `text.py`).
Intent cue phrases live in `cue_phrases.py`. Nothing here knows the catalog: product words
are generic shopping vocabulary, used only to tell a product mention from gibberish and to
correct typos.
"""

from __future__ import annotations

# fmt: off
# (Tables are laid out by hand: one entry per line would make them unreadable.)

# --- Normalisation -------------------------------------------------------------------------

#: Whole-word contractions and apostrophe-less spellings, expanded before anything else.
CONTRACTIONS: dict[str, str] = {
    "what's": "what is", "whats": "what is", "that's": "that is", "thats": "that is",
    "it's": "it is", "there's": "there is", "theres": "there is", "here's": "here is",
    "who's": "who is", "whos": "who is", "how's": "how is", "hows": "how is",
    "where's": "where is", "wheres": "where is", "let's": "let us",
    "i'm": "i am", "im": "i am", "i'll": "i will", "i'd": "i would", "i've": "i have",
    "ive": "i have", "you're": "you are", "youre": "you are", "you've": "you have",
    "youve": "you have", "we've": "we have", "weve": "we have", "they've": "they have",
    "you'd": "you would", "youd": "you would", "you'll": "you will", "youll": "you will",
    "don't": "do not", "dont": "do not", "doesn't": "does not", "doesnt": "does not",
    "didn't": "did not", "didnt": "did not", "can't": "can not", "cant": "can not",
    "cannot": "can not", "won't": "will not", "wont": "will not", "isn't": "is not",
    "isnt": "is not", "aren't": "are not", "arent": "are not", "wasn't": "was not",
    "shouldn't": "should not", "wouldn't": "would not", "wouldnt": "would not",
    "couldn't": "could not", "haven't": "have not", "havent": "have not", "hasn't": "has not",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "gimme": "give me",
    "lemme": "let me", "lets": "let us", "whatcha": "what are you", "dunno": "do not know",
    "they're": "they are", "theyre": "they are", "we're": "we are", "she's": "she is",
    "shes": "she is", "he's": "he is", "wasnt": "was not", "weren't": "were not",
    "werent": "were not", "shouldnt": "should not", "couldnt": "could not",
    "hadn't": "had not", "hadnt": "had not", "they'll": "they will", "she'll": "she will",
    "he'll": "he will", "we'll": "we will", "it'll": "it will",
    "noo": "no", "nooo": "no", "noooo": "no", "nooooo": "no", "nope": "no", "nah": "no",
}

#: Emoji that stand for a word ("☕ stuff?", "add 2 mugs 🙏", "💰 total?"); others are dropped.
EMOJI_WORDS: dict[str, str] = {
    "☕": "coffee", "🍵": "tea", "🙏": "please", "💰": "price", "💵": "price", "💲": "price",
    "🤑": "price", "❌": "remove", "🗑": "remove", "🛒": "cart", "🧺": "basket", "👍": "okay",
    "👌": "okay", "✅": "yes", "❤": "love", "😍": "love", "🥰": "love", "👎": "no",
    "🕶": "sunglasses", "⌚": "watch", "👞": "loafers", "🕯": "candle", "🧂": "salt and pepper",
    "💇": "hair", "👕": "top", "🍳": "kitchen", "🎁": "gift",
    "➕": "add", "➖": "remove", "🔔": "alert me", "⏰": "alert me", "👀": "show me",
    "🔁": "swap", "🔄": "swap", "→": "swap", "🤔": "", "😬": "", "🙂": "", "😊": "",
}
#: Short typos and chat abbreviations: too short for fuzzy matching, so listed explicitly.
ALIASES: dict[str, str] = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "plse": "please",
    "pleas": "please", "thx": "thanks", "thnx": "thanks", "thanx": "thanks", "tnx": "thanks",
    "ty": "thanks", "tysm": "thanks", "thankyou": "thank you", "thanku": "thank you",
    "ad": "add", "teh": "the", "hte": "the", "wat": "what", "wht": "what", "wut": "what",
    "whta": "what", "wich": "which", "whcih": "which", "abt": "about", "qty": "quantity",
    "n": "and", "&": "and", "hii": "hi", "rm": "remove",
    "helo": "hello", "cna": "can", "shw": "show", "sho": "show", "hw": "how", "rmv": "remove",
    "dlt": "delete", "chk": "check", "alrt": "alert", "yuo": "you", "adn": "and", "fo": "of",
    "waht": "what", "wats": "what is", "wots": "what is", "whts": "what is", "wuts": "what is",
    "wer": "where", "wen": "when", "hav": "have", "gud": "good", "cud": "could",
    "wud": "would", "shud": "should", "smth": "something", "sth": "something",
    "kart": "cart", "crt": "cart", "bsket": "basket", "w/": "with",
    "candleholder": "candle holder", "candleholders": "candle holders", "tanktop": "tank top",
    "tanktops": "tank tops", "saltand": "salt and", "saltnpepper": "salt and pepper",
    "glassjar": "glass jar", "hair-dryer": "hairdryer", "sun-glasses": "sunglasses",
    "info": "information", "pic": "photo", "pics": "photos", "cuz": "because", "rn": "now",
    "sunnies": "sunglasses", "shades": "sunglasses", "tee": "top", "cya": "bye", "bc": "because",
    "hairdrier": "hairdryer", "blowdryer": "hairdryer", "ok": "okay", "k": "okay", "kk": "okay",
    "nvm": "never mind", "em": "them", "tho": "though", "altho": "although", "jus": "just",
    "tel": "tell", "secnd": "second", "scond": "second", "frist": "first", "fisrt": "first",
    "thrid": "third", "thrd": "third", "hows": "how is", "doller": "dollar",
    "dollers": "dollars", "dolars": "dollars", "euro's": "euros",
}

#: A product's name typed (or autocorrected) as two words: "hair dryer", "sun glasses".
SPLIT_NAMES: dict[str, str] = {
    "hair dryer": "hairdryer", "hair dryers": "hairdryers", "hair drier": "hairdryer",
    "hair driers": "hairdryers", "blow dryer": "hairdryer", "blow drier": "hairdryer",
    "sun glasses": "sunglasses", "sun glass": "sunglasses",
}

#: Word sequences kept as one token, so "and" inside them never splits a list.
COMPOUNDS: tuple[tuple[str, ...], ...] = (
    ("salt", "and", "pepper"), ("pepper", "and", "salt"), ("black", "and", "white"),
    ("fish", "and", "chips"), ("rock", "and", "roll"), ("arts", "and", "crafts"),
    ("bed", "and", "bath"), ("hair", "and", "beauty"), ("home", "and", "garden"),
)

# --- Numbers and ordinals ------------------------------------------------------------------

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
#: Vague amounts, as counts: "a couple" -> 2, "a few" -> 3, "several" -> 3, "a dozen" -> 12.
VAGUE_NUMBERS: dict[str, int] = {
    "couple": 2, "few": 3, "several": 3, "dozen": 12, "single": 1, "another": 1,
}
#: After these, "one" is a pronoun ("this one", "the second one"), not the number 1.
ONE_PRONOUN_AFTER: frozenset[str] = frozenset(
    "this that the which each every any no other another same these those new cheap cheaper "
    "cheapest expensive big bigger small smaller nice good blue red black white first second "
    "third fourth fifth last final latter former top right left".split()
)
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "former": 1,
    "last": -1, "final": -1, "latter": -1, "penultimate": -2,
}
#: Nouns that may follow an ordinal and add nothing ("the second item").
ORDINAL_NOUNS: frozenset[str] = frozenset(
    "one ones item items product products result results option options choice pick thing "
    "entry line listing suggestion".split()
)
#: Words that turn a following number into a position ("number 2", "option 3", "#1").
POSITION_WORDS: frozenset[str] = frozenset("number no # item option result product choice".split())

# --- Currencies ----------------------------------------------------------------------------

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "฿": "THB", "₱": "PHP",
    "zł": "PLN",
}
#: Currency names, longest first wins. Single words that are also English words
#: ("won", "real", "rand") are in WEAK_CURRENCY_WORDS instead.
CURRENCY_NAMES: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "buck": "USD", "bucks": "USD", "us dollars": "USD",
    "us dollar": "USD", "american dollars": "USD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "quid": "GBP", "sterling": "GBP", "british pounds": "GBP",
    "pounds sterling": "GBP", "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY", "rmb": "CNY",
    "renminbi": "CNY", "chinese yuan": "CNY", "canadian dollars": "CAD",
    "canadian dollar": "CAD", "loonies": "CAD", "australian dollars": "AUD",
    "australian dollar": "AUD", "aussie dollars": "AUD", "new zealand dollars": "NZD",
    "nz dollars": "NZD", "kiwi dollars": "NZD", "hong kong dollars": "HKD", "hk dollars": "HKD",
    "singapore dollars": "SGD", "singapore dollar": "SGD", "swiss francs": "CHF",
    "swiss franc": "CHF", "franc": "CHF", "francs": "CHF", "swedish krona": "SEK",
    "swedish kronor": "SEK", "krona": "SEK", "kronor": "SEK", "norwegian krone": "NOK",
    "norwegian kroner": "NOK", "krone": "NOK", "kroner": "NOK", "danish krone": "DKK",
    "danish kroner": "DKK", "icelandic krona": "ISK", "icelandic kronur": "ISK",
    "zloty": "PLN", "zlotys": "PLN", "zlotych": "PLN", "polish zloty": "PLN", "forint": "HUF",
    "forints": "HUF", "hungarian forint": "HUF", "koruna": "CZK", "czech koruna": "CZK",
    "czech crowns": "CZK", "lei": "RON", "leu": "RON", "romanian lei": "RON", "lev": "BGN",
    "leva": "BGN", "bulgarian lev": "BGN", "kuna": "HRK", "croatian kuna": "HRK",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "russian rubles": "RUB",
    "lira": "TRY", "liras": "TRY", "turkish lira": "TRY", "brazilian real": "BRL",
    "brazilian reais": "BRL", "reais": "BRL", "rupee": "INR", "rupees": "INR",
    "indian rupees": "INR", "rupiah": "IDR", "indonesian rupiah": "IDR", "shekel": "ILS",
    "shekels": "ILS", "israeli shekels": "ILS", "korean won": "KRW", "south korean won": "KRW",
    "peso": "MXN", "pesos": "MXN", "mexican pesos": "MXN", "mexican peso": "MXN",
    "philippine pesos": "PHP", "philippine peso": "PHP", "ringgit": "MYR", "baht": "THB",
    "thai baht": "THB", "south african rand": "ZAR", "dirham": "AED", "dirhams": "AED",
    "riyal": "SAR", "riyals": "SAR", "naira": "NGN", "hryvnia": "UAH", "dong": "VND",
    # other pesos, named by country: their own codes (the shop may not show them)
    "argentine pesos": "ARS", "argentine peso": "ARS", "argentinian pesos": "ARS",
    "chilean pesos": "CLP", "chilean peso": "CLP", "colombian pesos": "COP",
    "colombian peso": "COP",
}
# "plain old US dollars", "good old pounds", "regular dollars": the same currencies.
CURRENCY_NAMES.update({
    f"{homely} {name}": code
    for homely in ("plain old", "good old", "regular", "normal", "ordinary", "plain", "boring")
    for name, code in list(CURRENCY_NAMES.items())
    if name in {"dollars", "us dollars", "american dollars", "bucks", "pounds", "euros", "yen"}
})
#: Currency words that are also English words: a currency only after a number or "in"/"to".
WEAK_CURRENCY_WORDS: dict[str, str] = {
    "won": "KRW", "real": "BRL", "rand": "ZAR", "try": "TRY",
    # "what's the total in Canadian?", "in aussie": a country's word for its money
    "canadian": "CAD", "aussie": "AUD", "australian": "AUD", "swiss": "CHF", "japanese": "JPY",
    "mexican": "MXN", "swedish": "SEK", "norwegian": "NOK", "danish": "DKK", "polish": "PLN",
    "indian": "INR", "british": "GBP", "american": "USD", "singaporean": "SGD",
    "singapore": "SGD", "brazilian": "BRL", "turkish": "TRY", "hungarian": "HUF",
    "czech": "CZK", "chinese": "CNY", "korean": "KRW", "kiwi": "NZD",
}  # fmt: skip
#: ISO codes understood as words ("in jpy", "25 usd"); "try" is in WEAK_CURRENCY_WORDS.
CURRENCY_CODES: frozenset[str] = frozenset(
    "usd eur jpy bgn czk dkk gbp huf pln ron sek chf isk nok hrk rub aud brl cad cny hkd idr "
    "ils inr krw mxn myr nzd php sgd thb zar aed sar ars clp cop egp ngn kes pkr vnd twd uah "
    "btc".split()
)
#: Words that never name an unknown currency ("switch to the", "in stock").
NOT_CURRENCY: frozenset[str] = frozenset(
    "the a an my your our it that this them those these stock cart basket total order prices "
    "price currency please now instead all everything both one yes no ok okay total full "
    "general here there mind time case".split()
)

# --- Prices --------------------------------------------------------------------------------

MAX_COMPARATORS: tuple[tuple[str, ...], ...] = (
    ("no", "more", "than"), ("not", "more", "than"), ("no", "higher", "than"),
    ("not", "over"), ("less", "than"), ("lower", "than"), ("cheaper", "than"), ("at", "most"),
    ("up", "to"), ("<", "="), ("budget", "of"), ("budget", "is"), ("budget", "to"),
    ("under",), ("below",),
    ("beneath",), ("max",), ("maximum",), ("within",), ("<",), ("budget",), ("underneath",),
    ("hits",), ("reaches",), ("cheaper", "then"), ("less", "then"),
)
MIN_COMPARATORS: tuple[tuple[str, ...], ...] = (
    ("no", "less", "than"), ("not", "less", "than"), ("more", "than"), ("higher", "than"),
    ("pricier", "than"), ("at", "least"), ("starting", "at"), ("starting", "from"),
    ("upwards", "of"), (">", "="), ("over",), ("above",), ("min",), ("minimum",), (">",),
    ("more", "then"),
)
#: After an amount: "$30 max", "20 or less" / "50 and up", "$50+".
MAX_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("or", "less"), ("or", "under"), ("or", "below"), ("or", "cheaper"), ("and", "under"),
    ("and", "below"), ("max",), ("maximum",), ("tops",), ("at", "most"), ("at", "the", "most"),
)
MIN_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("or", "more"), ("and", "up"), ("and", "above"), ("and", "over"), ("or", "above"),
    ("+",), ("plus",), ("minimum",), ("min",), ("at", "least"),
)
#: Verbs after which "to $80" is a target price ("drops to $80").
DROP_VERBS: frozenset[str] = frozenset(
    "drop drops dropped falls fall dips dip goes go gets get comes come down reduced lowered "
    "decreases".split()
)
#: Words allowed between a comparator and its amount ("under about $30").
AMOUNT_FILLERS: frozenset[str] = frozenset("about around roughly approximately like a the".split())

# --- Colours, categories, style ------------------------------------------------------------

COLOURS: frozenset[str] = frozenset(
    "black white grey gray silver gold golden red blue navy green yellow orange pink purple "
    "violet brown beige tan cream ivory khaki olive teal turquoise maroon burgundy copper "
    "bronze mustard charcoal nude clear transparent multicolour multicolor rainbow neon pastel "
    "lilac lavender coral mint peach rose".split()
)
MULTIWORD_COLOURS: tuple[tuple[str, ...], ...] = (
    ("navy", "blue"), ("light", "blue"), ("dark", "blue"), ("dark", "grey"), ("dark", "gray"),
    ("light", "grey"), ("rose", "gold"), ("off", "white"), ("black and white",),
)
#: Category words and synonyms -> the shop's category names.
CATEGORY_WORDS: dict[str, str] = {
    "accessories": "accessories", "accessory": "accessories", "clothing": "clothing",
    "clothes": "clothing", "apparel": "clothing", "garments": "clothing", "outfits": "clothing",
    "tops": "tops", "top": "tops", "shirts": "tops", "shirt": "tops", "t": "tops",
    "footwear": "footwear", "shoes": "footwear", "shoe": "footwear", "sneakers": "footwear",
    "trainers": "footwear", "sandals": "footwear", "heels": "footwear", "flipflops": "footwear",
    "boots": "footwear", "hair": "hair", "haircare": "hair", "beauty": "beauty",
    "cosmetics": "beauty", "grooming": "beauty", "decor": "decor", "decoration": "decor",
    "decorations": "decor", "home": "home", "homeware": "home", "homewares": "home",
    "house": "home", "household": "home", "apartment": "home", "apartments": "home",
    "kitchen": "kitchen", "kitchenware": "kitchen",
    "cooking": "kitchen", "cookware": "kitchen", "dining": "kitchen", "cooks": "kitchen",
    "baking": "kitchen", "bakes": "kitchen",
}
#: Attributes that make "no more X" / "don't want X" a style statement, not a cart removal.
STYLE_WORDS: frozenset[str] = COLOURS | frozenset(
    "stripes stripy striped florals floral plaid checks checked tartan polka dots dotted "
    "prints print patterns patterned leather suede denim silk wool cotton linen velvet lace "
    "metal metallic plastic wood wooden ceramic glass bamboo minimalist minimal boho bohemian "
    "vintage retro classic modern sporty casual formal elegant edgy preppy chunky oversized "
    "skinny bright dark bold muted earthy tones colours colors animal sequins "
    "glitter sparkly shiny matte logos ruffles fringe tassels frills baggy tight cropped "
    "sparkle understated relaxed flashy dressy smart".split()
)
#: Trailing words of a like/dislike that add nothing ("minimalist stuff" -> "minimalist").
STYLE_FILLERS: frozenset[str] = frozenset(
    "colour color shade tone at all stuff things items pieces style styles look looks vibe "
    "vibes designs products a lot "
    "much so very really too lots kind kinds sort type types of the those that these please "
    "in on my for any anything everything something with bit to keep wearing by way "
    "neither also either ever anymore".split()
)

# --- Shopping nouns and fillers ------------------------------------------------------------

#: Generic product-type words: a bare message made of these is a search, not gibberish.
SHOPPING_NOUNS: frozenset[str] = frozenset(
    "sunglasses glasses shades eyewear watch watches wristwatch clock loafers loafer shoes "
    "shoe footwear sneakers boots sandals heels slippers top tops tank shirt shirts tee blouse "
    "crop hairdryer hairdryers dryer dryers hair candle candles holder holders candleholder "
    "tealight salt pepper shaker shakers grinder grinders mill mills jar jars canister "
    "container glass bamboo mug mugs cup cups coffee tea kitchen kitchenware decor home gift "
    "gifts present presents accessory accessories jewellery jewelry bag bags hat hats dress "
    "dresses jacket jeans trousers pants skirt scarf belt wallet ring necklace bracelet "
    "earrings lamp vase plate plates bowl bowls kettle towel pillow blanket perfume makeup "
    "brush comb clothes clothing outfit item items product products thing things stuff "
    "something anything beauty clothing ceramic leather suede gold silver steel".split()
)
#: People a product is for ("one for me and another for my flatmate", "a gift for my niece"):
#: never a product, so never part of a product mention or a search query.
PEOPLE: frozenset[str] = frozenset(
    "mum mom mam mummy mommy dad daddy papa sister sis brother bro sibling siblings son "
    "daughter kid kids child children niece nieces nephew nephews aunt auntie uncle cousin "
    "cousins grandma gran granny nan nana grandpa grandad granddad grandparents parents "
    "grandmother grandfather grandmothers grandfathers grandson granddaughter stepmum "
    "stepdad godmother godfather godson goddaughter groomsmen bridesmaids people guests "
    "friend friends mate mates buddy bestie bff flatmate flatmates roommate roommates "
    "housemate housemates wife husband partner girlfriend boyfriend gf bf fiance fiancee "
    "boss colleague colleagues coworker coworkers neighbour neighbor teacher myself "
    "yourself himself herself ourselves themselves girl girls boy boys lads ladies guys "
    "twins triplets".split()
)
#: Words that together tell what the shopper is doing: "doing the big shop", "stocking up".
ERRANDS: tuple[frozenset[str], ...] = (
    frozenset({"doing", "shop"}), frozenset({"doing", "shopping"}), frozenset({"stocking", "up"}),
)
#: Occasions a present or an outfit is for: kept from a story told before the request ("the
#: housewarming is on saturday. what would you recommend?" looks for housewarming things).
OCCASIONS: frozenset[str] = frozenset(
    "housewarming wedding birthday anniversary christmas graduation engagement retirement "
    "party dinner picnic camping beach holiday vacation office".split()
)
#: Plural words that name one thing ("sunglasses", "the shakers"): no count of their own.
PAIR_NOUNS: frozenset[str] = frozenset(
    "sunglasses glasses shades spectacles loafers shoes sneakers trainers boots sandals "
    "slippers heels jeans trousers pants shorts leggings tights socks shakers scissors "
    "headphones earphones earbuds earrings gloves mittens binoculars tongs pliers tweezers "
    "pyjamas pajamas".split()
)
#: Words removed from product mentions and search queries (they never name a product).
FILLERS: frozenset[str] = PEOPLE | frozenset(
    "the a an some any my your our me i you we us to for of from in on at by with please pls "
    "now just also too really actually maybe perhaps again instead anymore more extra bit tad "
    "slightly somewhat even already still anyway wrong oops whoops old yours missing lacking "
    "getting buying next month months week weeks year years tomorrow tonight "
    "additional is are was were be am been do does did can could would will should shall may "
    "might must there here what which how much many so very well okay oh um uh hmm yes yeah "
    "hey hi hello thanks thank lol not it's its their his her them they then than if when "
    "about like quantity qty price prices cost costs total piece pieces unit units pcs new "
    "nice good great cool awesome perfect lovely kindly want need get got have has had see "
    "show let know own mine want wanted looking look as into onto out off up down over other "
    "another different same kind sort type one ones sure right all every each whole entire "
    "available category categories section department range selection options option list "
    "elsewhere store stores shop shops online still check checking though something anything "
    "someone somewhere else goes comes gets becomes went only just nothing say think reckon guess "
    "believe wonder mean suppose likes loves enjoys needs wants she he her him his hers ooh wow "
    "ah aw cute pretty beautiful gorgeous looks seems seem sounds added bought picked chose chosen "
    "selected saw showed shown mentioned pair pairs between difference full complete completely "
    "currently current totally fully right exactly come comes coming back once soon ping "
    "wait oops whoops sorry suggested recommended offered listed lot go going hit hits reach "
    "reaches drop drops dropped fall falls dip dips sink sinks ever together altogether "
    "combined quick question questions before earlier previously given considering "
    "based autocorrect autocorrected typo typos misspelled misspelt btw fyi anyway anyways "
    "meanwhile incidentally site sites website websites retailer retailers seller sellers "
    "amazon ebay rather repeat moment today lately recently meh ugh welp budget stay spend "
    "spending tbh imo imho ngl tho fr lmao haha ha hah hehe rn atm honestly bring huh eh erm "
    "er hm jk "
    "kidding way far waaay found charge charges charging target targets changed save saved "
    "saving savings called named robot bot".split()
)
#: Dropped from search queries only ("items under $50" searches everything).
QUERY_GENERIC: frozenset[str] = frozenset(
    "something anything everything nothing items item products product things thing stuff goods "
    "merchandise catalog catalogue inventory sell sells bits bobs".split()
)
#: Days and times ("I need them by Friday"): when, never what.
TIME_WORDS: frozenset[str] = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight weekend "
    "week month morning evening time".split()
)
#: Separate several mentions ("the mug and the jar", "mugs, jars").
LIST_SEPARATORS: frozenset[str] = frozenset({"and", "or", ",", "plus", "+", "/", "nor", "vs", "but",
                                             "versus", "than"})
#: End of a request: the next words may be a new request.
CLAUSE_BOUNDARIES: frozenset[str] = frozenset({".", "!", "?", ";"})
#: Verbs that start a new request after "and" ("add the mug and show my cart").
CLAUSE_VERBS: frozenset[str] = frozenset(
    "add put remove delete show view check tell switch change convert empty clear compare "
    "find search set make let alert notify give take buy what how is are can could do does "
    "drop cancel update forget reset list open display get recommend suggest describe "
    "explain ping email text message warn keep".split()
)
#: Connectors that always start a new request ("add the mug, then show my cart").
CLAUSE_CONNECTORS: tuple[tuple[str, ...], ...] = (
    ("and", "then"), ("then",), ("after", "that"), ("and", "also"), ("afterwards",),
)
# fmt: on

# fmt: off
#: Words that make "in X" / "to X" a currency request even when X is not a known currency
#: ("prices in bitcoin" -> "BITCOIN", passed through for the tool to refuse).
CURRENCY_CUE_WORDS: frozenset[str] = frozenset(
    "currency currencies price prices pricing convert conversion converted pay paying costs "
    "cost display amounts money total subtotal cart basket".split()
)
# fmt: on


#: Where a product was seen elsewhere ("saw them for 80 at a market stall"): never a product.
PLACE_NOUNS: frozenset[str] = frozenset(
    "stall stalls market markets shop shops store stores outlet outlets mall malls fair "
    "boutique boutiques website websites site sites retailer retailers seller sellers app apps "
    "marketplace".split()
)
