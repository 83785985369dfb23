"""Intent cue phrases, in priority order, in a small pattern language (see `matching.py`).

Each entry is `(signal, pattern)`. Patterns are matched in the order listed and a token used
by one match is not available to later ones, so specific phrases come before generic ones:
"take the mug out" is a removal before "take" can be an add; "tell me about" is product info
before "tell me when" is an alert; "I would like" is a want before "like" is a taste.

Pattern language: words separated by spaces; `a|b` alternatives; a trailing `?` makes a word
optional; `*` skips up to four words (kept for the product mention: "take * out");
`#` is a number; a leading `~` checks a word without using it up ("only ~#" leaves the
number for the quantity); a first `^` anchors the pattern at the start of the clause;
`{name}` expands a macro below.
"""

from __future__ import annotations

from cartmate.planner.lexicon import COLOURS

# fmt: off
MACROS: dict[str, str] = {
    "cart": "cart|basket|trolley|carts|baskets|shoppingcart",
    "my": "my|the|our|your|this|an|a",
    "alert": "alert|alerts|notification|notifications|reminder|reminders|pricealert",
    "style": "style|styles|taste|tastes|preferences|preference|profile|aesthetic|likes|"
             "dislikes|look|looks|fashion|wardrobe",
    "pron": "it|that|this|them|those|these|they",
    "adv": "really|absolutely|totally|truly|so|just|also|do|very|quite|genuinely|honestly",
    "colour": "|".join(sorted(COLOURS)),
    "use": "beach|holiday|holidays|vacation|trip|travel|travelling|traveling|office|work|party|"
           "dinner|picnic|camping|gym|summer|winter|wedding|date|evening|weekend|kitchen|"
           "housewarming|festival|hiking|running|commute|commuting",
}

CUES: tuple[tuple[str, str], ...] = (
    # -- "Wait a second", "give me a minute": time, said in passing (before "give me" is a want
    # and "second" an ordinal)
    ("DENY", "(wait|just|hold on|hang on|give me|gimme|in|for) a|one? "
             "(second|sec|moment|minute|mo)"),
    ("DENY", "^ # (moment|sec|minute|mo)"),
    # -- "do it", "yes, do that": go ahead with what was just proposed (before "do" asks) ----
    ("AFFIRM", "do (it|that|so) please|then|now?"),
    # -- "sorry, my bad": an apology, no product ("bad") --------------------------------------
    ("DENY", "my bad|mistake"),
    # -- Small talk: about the assistant, or the shopper's own news and feelings; no product
    # ("day", "job") and no question about one (before "what is" / "is it" ask) -------------
    ("CHAT", "how is|was your day|morning|afternoon|evening|week|weekend|night going?"),
    ("CHAT", "(how is it|how are things|what have you been) going|up to?"),
    ("CHAT", "do|did you like|enjoy|love|hate your|this job|work"),
    # "I seem to have quite forgotten what I came in for": said in passing, nothing asked
    ("CHAT", "(forgot|forgotten) what i (came|wanted|was|needed|meant)"),
    ("CHAT", "are you (a robot|a bot|an ai|human|busy|happy|bored|tired|ok|okay|alright|well)"),
    ("CHAT", "(what is your name|who are you|who made you|what do you do for fun)"),
    ("CHAT", "do you (get tired|ever sleep|have feelings|have a name)"),
    ("CHAT", "decisions decisions"), ("CHAT", "so many (choices|options|decisions)"),
    ("CHAT", "i am so|really|very? excited|thrilled|stressed|nervous|tired|bored|exhausted"),
    ("CHAT", "so excited|thrilled|stoked|stressed|nervous|tired|bored|exhausted"),
    ("CHAT", "(i cannot wait|cannot wait|can not wait)"),
    ("OOS", "what time|day|date is it"), ("OOS", "what is the time|date"),
    # -- "go back to that many", "change it back": a line's count as it was before its change
    ("COUNT_BEFORE", "back to (that many|that number|the old number|how many i had|what i had)"),
    ("COUNT_BEFORE", "change|set|switch|turn it|that|them|the quantity|the number back"),
    # -- Another shop's offer, asked after a comparison or for one: "which shop was that?",
    # "where's the cheapest place to get the loafers?", "how much would I save buying it
    # there?" (before "which" asks and "how much" weighs two prices) --------------------------
    # "will it get there before the weekend?": delivery, not buying it at another shop
    ("NOT_OURS", "(get|be|reach) (there|here|to me|to him|to her|to them) (before|by|for|on)"),
    ("AT_THAT_SHOP", "which|what shop|store|retailer|site|website|place|seller was|is|had|has|"
                     "sells|sold|does"),
    ("AT_THAT_SHOP", "where is|are|was|were the? cheapest|best|lowest place|shop|store|site|"
                     "price|deal|offer"),
    ("AT_THAT_SHOP", "cheapest|best|cheaper place|shop|store|site|retailer to buy|get|find"),
    ("AT_THAT_SHOP", "(buying|getting|ordering|buy|get|order) it|them|those|that|both|one? "
                     "there|elsewhere"),
    # "how much would I save there?", "... on the watch at Acme?", "... at the cheapest shop?"
    ("AT_THAT_SHOP", "save|saved|saving|savings * there|elsewhere"),
    ("AT_THAT_SHOP", "save|saved|saving|savings * at|from"),
    # -- One product for another: "swap the mug for the watch", "replace it with the jar" -----
    ("SWAP", "swap|switch|replace|trade|substitute * for|with"),
    # "trade one of the candle holders for a mug": a count of a longer name (all kept for the
    # mention and its count)
    ("SWAP", "swap|switch|replace|trade|substitute * * for|with"),
    # -- "half as many", "twice as many": the line's count changed (before "as many" is the
    # count of another line)
    ("HALVE", "half as many|much"), ("MULTIPLY", "twice as many|much"),
    # -- "..., same number": as many as the line it replaces (before "number" is a position) --
    ("SAME_COUNT", "the? same number|amount|quantity|qty|count"), ("SAME_COUNT", "as many"),
    # -- Shop services the assistant does not handle (orders, delivery, returns) --------------
    ("SERVICE", "(where is|track|tracking|status of) my order|package|parcel|delivery|refund"),
    ("SERVICE", "return|returns|refund|refunds|shipping|delivery|deliver|ship|exchange"),
    ("SERVICE", "return policy"), ("SERVICE", "order status|history|tracking|number"),
    ("SERVICE", "my|past|previous orders"), ("SERVICE", "cancel|track my order"),
    # "the same as last time": there is no order history to repeat
    ("SERVICE", "same as last time|before"), ("SERVICE", "my usual|last order"),
    ("SERVICE", "reorder|re-order"), ("SERVICE", "order again"),
    # delivery dates, returns, stores, discounts, price changes: nothing to invent, whatever
    # else the clause says (`decide.RULES` puts these first)
    ("NOT_OURS", "(arrive|arrives|arrival|get here|in time)"), ("NOT_OURS", "send * back"),
    ("NOT_OURS", "be|get|gets|is|are delivered|shipped|posted"),
    ("NOT_OURS", "(opening hours|are you open|a shop in|a store in|physical shop|physical store)"),
    ("NOT_OURS", "(coupon|coupons|voucher|vouchers|promo code|discount code|discount)"),
    ("NOT_OURS", "(promo codes|discount codes|a code|this code|my code|the code|codes)"),
    ("NOT_OURS", "(what time do you|when do you) open|close"),
    ("NOT_OURS", "(closing time|opening time|open today|close today|open tomorrow)"),
    # customs and import taxes, damaged deliveries and replacements, crypto: not the shop's
    ("NOT_OURS", "(customs|import duty|import duties|import tax|import taxes)"),
    ("NOT_OURS", "(vat|sales tax|tax included|taxes included|include tax|include vat)"),
    ("NOT_OURS", "(arrived|damaged|chipped|faulty|replacement|replacements)"),
    ("NOT_OURS", "(get it to me|get them to me|by the weekend|by christmas)"),
    ("NOT_OURS", "card|note|message saying|says|reading"),
    ("NOT_OURS", "(put a card|put a little card|put a note|include a card|include a note)"),
    # (attempts to break the role, "ignore your instructions", "for free", "change the price
    # yourself", are declined whole before any cue: `understanding._MANIPULATION`)
    ("NOT_OURS", "price match|matching"), ("NOT_OURS", "make it * cheaper for me"),
    ("NOT_OURS", "set|change|lower the * price to"),
    ("NOT_OURS", "(paypal|apple pay|google pay|klarna|credit card|debit card|pay with|pay by)"),
    ("NOT_OURS", "payment|payments"),
    # gift wrapping, messages and cards: the checkout's, not the assistant's
    ("NOT_OURS", "gift wrap|wrapping|wrapped|message|messages|note|receipt"),
    ("NOT_OURS", "wrap|wrapped * separately|individually|up"),
    ("NOT_OURS", "wrap|wrapping it|them"),
    ("NOT_OURS", "(a card|a note|a message) (in|with) the? parcel|package|box|order"),
    ("NOT_OURS", "(next sale|black friday|cyber monday|loyalty|points card|rewards)"),
    ("NOT_OURS", "(phone number|email address|customer service|talk to a human|a real person)"),
    # -- "actually 3 jars is enough": that many (before "is enough" checks a budget) ----------
    ("SETQ", "~# * (is|are|will be|would be|should be) enough|plenty|sufficient"),
    # -- "Can I afford the loafers with 200?", "is that enough for the watch?": a budget check --
    ("AFFORD", "can|could i afford"), ("AFFORD", "^ can|could i still afford"),
    ("AFFORD", "(is|would|will) (that|it|this|100)? be? enough"),
    ("AFFORD", "(can|could) i squeeze"), ("AFFORD", "still fit in|into"),
    # "forget the budget", "no budget any more": stop keeping to one
    ("BUDGET_CLEAR", "forget|ignore|drop|remove|clear|scrap|cancel|lose|ditch (the|my|that)? "
                     "budget|limit"),
    ("BUDGET_CLEAR", "no budget|limit"), ("BUDGET_CLEAR", "never mind the? budget"),
    # "is that within my 30 pounds?", "am I still under budget?"
    ("AFFORD", "is|am|are that|it|this|i|we still? within|under|inside my|our|the? "
               "budget|limit"),
    ("AFFORD", "is|am|are that|it|this|i|we still? within|inside my|our|the? ~#"),
    ("AFFORD", "within|inside that|this|budget"),  # "is the hairdryer within that?"
    ("AFFORD", "enough (for|to buy|to get)"), ("AFFORD", "do i have enough"),
    ("AFFORD", "how much more (would|do|will) i need"),
    ("AFFORD", "would|will|does|can ~# cover"),  # "would 100 cover the loafers?"
    # "how much of my 50 is left?": the budget against the cart
    ("AFFORD", "how much of my * is|are left|remaining"),
    ("AFFORD", "how much (is|do i have|have i got) left|remaining"),
    # -- "Is the hairdryer ok for travel?": a question about it (before "ok" agrees) -----------
    ("INFO", "is|are * ok|okay|good|suitable|fine|alright for"),
    ("INFO", "is|are * ok|okay|good|suitable|fine|alright to"),  # "... ok to take travelling?"
    # "does it have more than one heat setting?", "what can I keep in the jar?": its description
    ("INFO", "does|do (it|they|this|that) have|hold|fit"),
    # "what could I wear with it?": what goes with it, not what its description says
    ("COMPLEMENT", "what (can|could|would|should|do) (i|you) wear with"),
    ("INFO", "what (can|could|would|do) (i|you) (keep|put|store|use|hold|carry|wear) "
             "(in|with|it)?"),
    # -- Courteous thanks: "how very kind", "most kind", "you've been most patient", "much
    # obliged", "that's most helpful" (before "helpful" asks for help) ---------------------
    ("THANKS", "how very? kind|good"), ("THANKS", "(most|very|so) kind"),
    ("THANKS", "ever so kind|helpful"),
    ("THANKS", "you have been (most|very|so|terribly|really|ever)? (so)? "
               "(patient|helpful|kind|good)"),
    ("THANKS", "(much|most) obliged"), ("THANKS", "(most|very|terribly|so|really) helpful"),
    # -- "Fair enough": agreement (before "fair" weighs a deal) --------------------------------
    ("AFFIRM", "fair enough"), ("AFFIRM", "that is fair"), ("AFFIRM", "fine by me"),
    # -- The assistant itself ---------------------------------------------------------------
    ("HELP", "what else? can you do|offer|help"), ("HELP", "what do you do"),
    ("HELP", "what else? can you help (me|us)? with"),
    ("HELP", "how does this|it|that|cartmate work"), ("HELP", "how do i use this|you|it"),
    ("HELP", "how can you help"), ("HELP", "how can i use this|you"),
    ("HELP", "what can i ask|say|do"), ("HELP", "what are you"), ("HELP", "who are you"),
    ("HELP", "are you a? bot|robot|human|ai|person|real|chatbot"),
    ("HELP", "who made|built|created|programmed you"),
    ("HELP", "what are your features|capabilities|commands|skills|options"),
    ("HELP", "how do i get started"), ("HELP", "how to use"), ("HELP", "how does * work"),
    ("HELP", "help|commands|instructions|tutorial|helpful|assist|assistance"),
    # -- Alerts: their verbs (add, remove, cancel, tell, track) are shared with other intents --
    # "move the cheaper one down by 5", "raise the watch alert by 10": an alert's target moved
    ("ALERT_SHIFT", "move|bring|lower|drop|knock|push|take|put|nudge|raise|bump|shift|put "
                    "* down|up by"),
    ("ALERT_SHIFT", "lower|raise|reduce|increase|cut * (one|alert|target) by"),
    ("ALERT_CANCEL", "stop|quit|cease watching|tracking|monitoring|following"),
    ("ALERT_CANCEL", "stop|quit notifying|alerting|emailing|pinging|messaging|telling me"),
    ("ALERT_CANCEL", "do not notify|alert|email|ping|message me"),
    ("ALERT_CANCEL", "no {alert} for (that|this|it|the)"),  # "no alert for that one then"
    ("ALERT_CANCEL", "no more {alert}"), ("ALERT_CANCEL", "turn|switch off * {alert}"),
    ("ALERT_CANCEL", "cancel|delete|remove|clear|stop|disable|kill|drop|deactivate|end|scrap|"
                     "ditch|erase|wipe|mute|silence|undo|forget * {alert}"),
    ("ALERT_CANCEL", "get rid of * {alert}"), ("ALERT_CANCEL", "unsubscribe|untrack|unwatch"),
    ("ALERT_CANCEL", "(do not|no longer) need|want * {alert}"),
    # "which one is closest to its target?": the alerts, with how far each is from its target
    ("ALERT_LIST", "closest|nearest to (its|their|the|my)? target|targets"),
    ("ALERT_LIST", "how far|close * from|to (its|their|the|my)? target|targets"),
    # "what was the target on the thing I set an alert on?": the alerts kept, no new one
    ("ALERT_LIST", "what|which is|was|are|were the|my (target|targets|alert price|alert prices)"),
    # "remind me which alerts I've set up": the alerts, not a new reminder
    ("ALERT_LIST", "remind me (of|about)? (which|what|my|the)? {alert}"),
    ("ALERT_LIST", "what am i watching|tracking|monitoring|following"),
    ("ALERT_LIST", "show|list|see|view|display|check|review|get * {alert}"),
    ("ALERT_LIST", "what|which|any * {alert}"), ("ALERT_LIST", "do i have * {alert}"),
    ("ALERT_LIST", "my price? {alert}"),
    ("ALERT_LIST", "still got|have * {alert}"), ("ALERT_LIST", "got|have my * {alert}"),
    ("ALERT_LIST", "how many * {alert}"),
    # "... and the alerts are gone?": a look at them
    ("ALERT_LIST", "{alert} are|is gone|deleted|cancelled|canceled|removed|still"),
    ("ALERT_LIST", "{alert} * (left|remaining|active|set up)"),
    ("ALERT_CREATE", "set|create|add|make|put|start|setup|schedule|open|place|send|give|get|"
                     "want|need * {alert}"),
    ("ALERT_CREATE", "turn|switch on * {alert}"),
    # "remind me what the loafers are made of": a question, not a reminder
    ("INFO", "remind me ,? ~what|how|which|where|why|who"),
    ("ALERT_CREATE", "alert|notify|ping|email|text|warn|remind|message|inform me"),
    ("ALERT_CREATE", "tell|let me know|hear? when|if|once|whenever"),
    ("ALERT_CREATE", "let me know"), ("ALERT_CREATE", "keep an eye on"),
    ("ALERT_CREATE", "keep me posted|updated|informed"),
    # ("what's the watch cost in quid?" asks a price: "watch" is the product after "the")
    ("ALERT_CREATE", "^ watch|track|monitor|follow the? price|prices|cost"),
    ("ALERT_CREATE", "you|please|and|to|then watch|track|monitor|follow the? price|prices|cost"),
    ("ALERT_CREATE", "track|monitor|follow the? price|prices|cost"),
    ("ALERT_CREATE", "track|monitor|follow * price|prices|cost"),
    ("ALERT_CREATE", "track|monitor"), ("ALERT_CREATE", "price drop|drops|watch|tracking"),
    ("ALERT_CREATE", "~when|if|once|whenever * drops|drop|falls|fall|dips|dip|reduced|"
                     "discounted|decreases|lowered|cheaper|sale|down|cheap|discount|back|"
                     "restocked|changes|changed|moves|available"),
    ("ALERT_WORD", "price? {alert}"),
    # -- Style ---------------------------------------------------------------------------------
    ("ANALYSE", "analyse|analyze|analyse|assess|rate|judge|evaluate|critique|review * "
                "style|outfit|look|photo|picture|image|selfie|clothes|appearance|pic"),
    ("ANALYSE", "how do i look"), ("ANALYSE", "what do you think of|about * "
                                              "outfit|look|photo|picture|image|selfie"),
    ("ANALYSE", "here is a|my photo|picture|pic|selfie"),
    # "recommend something that fits my style": products for the profile, not the profile
    ("SHOW_STYLE", "what is in my {style}"),  # (before "in my style" picks)
    ("STYLE_PICK", "recommend|suggest|show|find|pick|choose|get * for|fits|fit|suits|suit|"
                   "matches|match|with my {style}"),
    ("STYLE_PICK", "what|which|anything|something * fits|fit|suits|suit|matches|match my {style}"),
    ("STYLE_PICK", "based on my {style}"), ("STYLE_PICK", "in my style"),
    ("STYLE_PICK", "more|most me"),  # "which of these is more me?"
    # "which of these suits me better?", "which of them would suit me best?"
    ("STYLE_PICK", "which of (these|those|them|the two|both) (would|will|do you think)? "
                   "suit|suits|fits|fit me|better|best"),
    ("STYLE_PICK", "what|which would|will|could|do you (pick|choose|recommend|suggest|get) "
                   "for me"),
    ("STYLE_PICK", "what|which|anything (would|will|might|could|do you think)? suit|suits me"),
    ("SUITS", "suit|suits|flatter|flatters me"), ("SUITS", "look good|nice|ok|okay on me"),
    ("SUITS", "(suit|suits|fit|fits|match|matches|go with|goes with) * my {style}"),
    ("SUITS", "my (type|kind of thing)"),
    ("RESET_STYLE", "forget|reset|clear|delete|erase|wipe|remove|drop|scrap|restart * {style}"),
    ("RESET_STYLE", "forget everything|all * about me"),
    ("RESET_STYLE", "forget|erase|delete|wipe|clear what you (know|learned|learnt|have)"),
    # "forget what I said about gold": that taste only, not the whole profile
    ("FORGET_TASTE", "forget|ignore|scratch|disregard what i (said|told you) about"),
    # "I don't mind beige after all": a dislike taken back (not minding it is no like)
    ("FORGET_TASTE", "i do not|dont mind ~{colour}"),
    ("RESET_STYLE", "forget what i (like|said|told you)"),
    ("RESET_STYLE", "start fresh"), ("RESET_STYLE", "fresh start"), ("RESET_STYLE", "clean slate"),
    ("SHOW_STYLE", "what is|are my {style}"),
    ("SHOW_STYLE", "what|which {style} (am i|do i have|would you say|suits me)"),
    ("SHOW_STYLE", "show|tell|give|describe|see|view|display|summarise|summarize * my {style}"),
    ("SHOW_STYLE", "what do you know about me|my"), ("SHOW_STYLE", "what do i like|prefer"),
    # "what colours do you think I like?", "which colours would you say I prefer?"
    ("SHOW_STYLE", "what|which colours|colors|styles|materials|looks do you think|reckon|"
                   "guess|say|suppose i like|prefer|love|wear"),
    ("SHOW_STYLE", "what|which colours|colors|styles|materials|looks would you say i like|"
                   "prefer|love|wear"),
    ("SHOW_STYLE", "what|which colours|colors|styles|materials do|did i like|prefer|love|wear"),
    ("SHOW_STYLE", "what have you learned|learnt about me"), ("SHOW_STYLE", "my {style}"),
    ("SHOW_STYLE", "style profile"),
    # -- Cart view (before "how much" is a price question and "in my cart" an add) -------------
    ("VIEW_CART", "what is in {my}? {cart}"), ("VIEW_CART", "what do i have in {my}? {cart}"),
    ("VIEW_CART", "what is in there"), ("VIEW_CART", "how many items|things|products"),
    ("VIEW_CART", "what have|did i got|added|add|picked|chosen|selected|put|buy|bought"),
    ("VIEW_CART", "what have|did i leave|left|keep|kept|save|saved|stash|stashed"),
    ("VIEW_CART", "how much * total|subtotal|bill|owe"),
    ("VIEW_CART", "what is my|the total|subtotal"), ("VIEW_CART", "what do i owe"),
    ("VIEW_CART", "what is left|remaining"),
    ("VIEW_CART", "which|what ones? are left|remaining"),  # of the cart, or of the alerts
    # "how many mugs do I have?", "how many are in my basket?"
    # "what did I pick for dad?", "remind me what I got for my sister": the cart, by who
    ("VIEW_CART", "what (did|have) i pick|picked|get|got|choose|chose|chosen|buy|bought|add|"
                  "added|put|order|ordered * for"),
    ("VIEW_CART", "what i picked|got|chose|bought|added|put|ordered * for"),
    ("VIEW_CART", "how many * (do i have|have i got|are in|are there in|did i add|i have|"
                  "is that|does that make|will that be|would that be|are there now)"),
    ("VIEW_CART", "how many (now|altogether|in total|total|so far|is that)"),
    # "do I have any mugs in there?": a look at the cart
    ("VIEW_CART", "do|did i have|got * in there"),
    ("VIEW_CART", "do|did i (have|got) any"),  # "do I have any mugs?": in the cart
    ("VIEW_CART", "is|are * (in there|in my cart|in the cart)"),  # "is the mug in there?"
    # "is the candle holder still there?", "are the mugs still in?": a look at the cart
    ("VIEW_CART", "is|are * still (there|in|in there)"),
    # "have I got more mugs or more jars?": two of the cart's lines weighed by count
    ("VIEW_CART", "(have i got|have i|do i have|did i get|did i add|did i put in) more * or"),
    # "how many jars did I put in?": what the cart holds, not another add
    ("VIEW_CART", "how many * (did i put|have i put|did i get|have i got|did i buy|did i order|"
                  "did i take|did you put|did you add)"),
    ("VIEW_CART", "do|did i have|got * in {my}? {cart}"),
    ("VIEW_CART", "what is the damage"), ("VIEW_CART", "whats the damage"),
    # "how much are the jars coming to?", "what do the mugs add up to": a cart line's total
    # when the cart holds them (else a price question; see decide)
    ("COMES_TO", "come|comes|coming to"), ("COMES_TO", "add|adds|adding up to?"),
    ("COMES_TO", "work|works|working out to|at"),
    # "are they still in my cart?", "is the watch in my basket?": a look, not an add
    ("VIEW_CART", "^ and? is|are * still? in|inside {my}? {cart}"),
    ("VIEW_CART", "is (it|that|everything|this) empty|cleared"),
    ("VIEW_CART", "{cart} is empty|cleared"),  # "so my cart's empty?"
    ("VIEW_CART", "(it|that|everything) is empty|cleared now|right"),  # "so it's empty now?"
    ("VIEW_CART", "what is still in there|it"),
    ("VIEW_CART", "how much * the whole? lot"),
    # "how much is everything in yen": the cart's total, not the product in focus
    ("VIEW_CART", "how much is|for|would|does everything"),
    ("VIEW_CART", "how much is|would|does it all"), ("VIEW_CART", "how much * all of it"),
    ("VIEW_CART", "(fit|fits|fit in|stay within|stays within|within|inside) my budget"),
    ("VIEW_CART", "what does|do|would|will (that|it|this|everything|they|those|it all|that all) "
                  "(come to|add up to|cost in total|cost altogether|cost all together)"),
    ("VIEW_CART", "how much (is|does) (that|it|everything) (come to|all|altogether|in total)"),
    ("VIEW_CART", "how much (is|are|does|do|would)? (all|everything|it all|that all|all that|"
                  "all of that|all of it|all of them|the lot|them all) (together|altogether|"
                  "combined|in total|come to|cost|add up to)"),
    # "what's the most expensive line?": of the cart's lines, by what each comes to
    ("VIEW_CART", "(most expensive|priciest|dearest|biggest|largest|cheapest|smallest) line"),
    ("VIEW_CART", "total|subtotal|checkout|bill"),
    ("VIEW_CART", "(show|view|see|open|check|display|list|review|print|look at|check out) "
                  "me? {my}? {cart}"),
    ("VIEW_CART", "{cart} contents|summary|status|total"), ("VIEW_CART", "my|shopping bag"),
    ("VIEW_CART", "my order"), ("VIEW_CART", "did that|it|this (work|go through)"),
    # -- A size is no quantity ("the loafers in size 42"); the catalog has no sizes ----------
    ("SIZE", "size|sized|sz|sizes #"), ("SIZE", "(eu|us|uk) size? #"),
    # -- Which of those shown is cheaper / dearer: that product, not a new search ------------
    ("WHICH_PRICE", "which (one|ones|of them|of these|of those|of the two)? (is|are|costs|cost)? "
                    "the? (cheaper|cheapest|pricier|priciest|dearer|dearest|less expensive|"
                    "more expensive|least expensive|most expensive)"),
    # "what is the most expensive thing you have" searches the catalog; a comparative compares
    ("WHICH_PRICE", "what (one|of them|of these|of those|of the two)? (is|are|costs|cost)? "
                    "(cheaper|pricier|dearer|less expensive|more expensive)"),
    ("WHICH_PRICE", "which (one|of them|of these|of those)? costs? less|more"),
    # "what's cheapest of those?": a superlative of what was shown (not of the catalog)
    ("WHICH_PRICE", "what is the? (cheapest|priciest|dearest|least expensive|most expensive) "
                    "one? (of|out of|among) (them|these|those|the #)"),
    # "which of the two is cheaper here" ("two" is a number by now)
    ("WHICH_PRICE", "which of the|these|those|them # (is|are|costs|cost)? the? (cheaper|"
                    "cheapest|pricier|priciest|dearer|dearest|less expensive|more expensive)"),
    # "which would make a better housewarming gift?": the one of those shown that fits best
    ("WHICH_BETTER", "which of the|these|those|them # (would|will|is|makes|could|might)? "
                     "(make|be)? (a|the)? (better|best|more suitable|most suitable|nicer)"),
    ("WHICH_BETTER", "which (one|ones|of them|of these|of those|of the two|of both)? "
                     "(would|will|is|makes|could|might)? (make|be)? (a|the)? "
                     "(better|best|more suitable|most suitable|nicer)"),
    # "which one would you pick for a beach holiday?": the one of those shown that fits it
    ("WHICH_BETTER", "which (one|of them|of these|of those|of the two|of both)? "
                     "(would|will|do|should|could) (you|i) (pick|choose|take|recommend|get|bring|"
                     "pack|use|go for) for (a|an|the|my)? ~{use}"),
    # -- "How much more is the watch than the loafers?": the difference between two prices --
    ("PRICE_GAP", "how much (more|less|cheaper|dearer|pricier|more expensive|less expensive)"),
    ("PRICE_GAP", "(what is|what's) the price? difference"), ("PRICE_GAP", "price difference"),
    ("PRICE_GAP", "how much is the? difference"),  # of the two just compared
    ("PRICE_GAP", "by how much"), ("PRICE_GAP", "how big is the difference|gap"),
    ("PRICE_GAP", "how much (would|do|could|will|can) i save"),  # "... going for the loafers"
    # "is the watch more than twice the price of the loafers?", "... twice as expensive as":
    # the two prices weighed, the ratio answered
    ("PRICE_GAP", "(more|less|cheaper|dearer) than (twice|double|triple|half|thrice) the price"),
    ("PRICE_GAP", "(more|less) than (twice|double|triple|half|thrice) as (much|expensive|pricey)"),
    ("PRICE_GAP", "(twice|double|triple|thrice|half) the price|cost"),
    ("PRICE_GAP", "(twice|double|triple|thrice|half) as (much|expensive|pricey|dear|cheap)"),
    ("PRICE_GAP", "# times the price|cost"), ("PRICE_GAP", "# times as (much|expensive|pricey)"),
    ("PRICE_GAP", "# times (more expensive|pricier|dearer)"),
    # -- "No, I meant the other one" right after an add: swap it for the other one shown ----
    ("MEANT_OTHER", "(i meant|i mean|i wanted|i said|no|not that one) the other (one|ones)?"),
    # "sorry, I meant loafers": a correction of the product just named (see decide)
    # "that's more than I wanted", "more than I planned to spend": a view of the total
    ("TOO_DEAR", "more than i (wanted|planned|expected|hoped|meant|thought)"),
    ("MEANT", "(i meant|i mean|i wanted|i said|meant)"),
    # -- Too dear for the shopper (a statement, not "is it too expensive?"): cheaper ones ------
    ("TOO_DEAR", "too expensive|pricey|much|costly|dear|rich for me|us"),
    ("TOO_DEAR", "bit|little|tad|kinda|rather expensive|pricey|steep|costly|dear"),
    ("TOO_DEAR", "(out of|over|above|beyond) my (budget|price range)"),
    ("TOO_DEAR", "(can not|could not) afford"),
    # -- Turning down what was just shown: "none of these work for me" ------------------------
    ("REJECT_SHOWN", "none of (these|those|them|the above) (work|works|fit|fits|suit|suits|do)?"),
    ("REJECT_SHOWN", "do not {adv}? (like|love|want|fancy|care for|need) any of "
                     "(these|those|them|the above)"),
    ("REJECT_SHOWN", "not {adv}? (into|keen on|a fan of|feeling) any of (these|those|them)"),
    ("REJECT_SHOWN", "neither of (these|those|them)"),
    # "what else do you have": other products, not what goes with the last one
    ("REJECT_SHOWN", "what else (do|have|can|could) you (have|got|sell|carry|stock|show|offer)"),
    ("REJECT_SHOWN", "(got|have you got|do you have|is there) anything else"),
    ("REJECT_SHOWN", "what else is there"),
    # -- What the shopper wants, likes, dislikes (before "buy" is an add, "like" a taste) ------
    ("DONT_WANT", "do not want|need"), ("DONT_WANT", "no longer want|need"),
    # "I want to get rid of the loafers": before "want to get" is a want
    ("EMPTY", "get rid of everything"), ("REMOVE", "get rid of"),
    ("SETQ", "i? only|just want|need|keep ~#"),
    ("SETQ", "will|would do"),  # "3 jars will do"
    # "remove the mug but keep the alerts": what stays as it is asks for nothing
    ("AFFIRM", "^ but? keep"),
    # "what can I get for the kitchen?": a question about what there is, not an order
    ("SEARCH", "what can|could i get|buy|find|afford"),
    ("WANT", "i really|also|just|only? "
             "(want|need|would like|am after|wish for|will have|would love)"),
    ("WANT", "to buy|get|order|purchase|grab"),
    # "my nephew will want a mug too", "my sister wants one": for someone else, still an add
    ("WANT", "will|would want|need ~a|an|one|some|#"), ("WANT", "wants|needs ~a|an|one|some|#"),
    ("WANT", "i would love to have|get|buy"), ("WANT", "can|could|may i have|get|buy|order|grab"),
    ("WANT", "give|get|grab me"), ("WANT", "i am interested in"),
    ("WANT", "i am looking|hoping|wanting|planning to buy|get|order|purchase"),
    ("WANT", "want to buy|get|order|purchase|have"),
    ("DISLIKE", "do not {adv}? (like|love|enjoy|fancy|dig|care for)"),
    ("DISLIKE", "i do not {adv}? (do|wear|go for|dress in)"),  # "I don't do bright colours"
    ("DISLIKE", "hate|hates|dislike|dislikes|detest|loathe|despise"),
    ("DISLIKE", "i (never|rarely|seldom) (wear|buy|use|go for)"),  # "I never wear yellow"
    ("DISLIKE", "can not {adv}? stand"), ("DISLIKE", "not really? a|much? of? a? big? fan of"),
    ("DISLIKE", "not {adv}? (into|keen on|crazy about|big on)"), ("DISLIKE", "no more"),
    ("DISLIKE", "avoid|avoiding"), ("DISLIKE", "do not show|recommend|suggest|send me?"),
    ("DISLIKE", "sick|tired of"),
    # "nothing flashy", "no loud colours": a dislike only before a word of looks
    ("DISLIKE", "nothing|no (too|very|overly|that|so)? ~flashy|loud|bright|bold|busy|fussy|"
                "garish|gaudy|showy|sparkly|shiny|neon|colourful|colorful|patterned|frilly|"
                "glittery|bling|blingy|flamboyant|tacky|formal|dressy"),
    ("LIKE", "i {adv}? love|like|adore|enjoy|prefer|dig|fancy"),
    ("LIKE", "i am {adv}? more|much? (into|obsessed with|drawn to|partial to|all about|"
             "crazy about)"),  # "I'm more into black"
    ("LIKE", "i am a? big|huge? fan of"), ("LIKE", "big|huge fan of"),
    ("LIKE", "i (usually|mostly|always|often|tend to|only|just|mainly)? (wear|go for|dress in)"),
    ("LIKE", "my favourite|favorite|fave colour|color|style|material|colours|colors? is|are"),
    ("LIKE", "love|loves|adore|adores|prefer|prefers|loving|liking"),
    # "he's really into black": someone's taste (whose is decided from the clause)
    ("LIKE", "he|she|they is|are {adv}? (into|obsessed with|all about|crazy about)"),
    # "I've come round to black lately": a taste changed
    ("LIKE", "come|came|coming|grown|grew round|around to"), ("LIKE", "warmed|warming up to"),
    # -- Prices elsewhere and deals (before cart verbs: "where can I buy it cheaper") -----------
    ("COMPARE", "where else? can|could|should|do|would i find|get|buy * cheaper|less|cheapest"),
    ("COMPARE", "compare|comparing|comparison|compared|cheapest|cheaper * elsewhere|"
                "somewhere|anywhere"),
    ("COMPARE", "compare|comparing|comparison|compared|elsewhere"),
    ("COMPARE", "anywhere|somewhere else"), ("COMPARE", "price match|matching|check"),
    ("COMPARE", "other|another|different|competing stores|store|shops|shop|sites|site|"
                "websites|website|retailers|retailer|sellers|seller|vendors|places|merchants"),
    ("COMPARE", "competitor|competitors|competition"), ("COMPARE", "for less"),
    ("COMPARE", "amazon|ebay|walmart|etsy|argos|asos|zalando|aliexpress|ikea|costco|bestbuy"),
    ("COMPARE", "shop|look around"),
    ("COMPARE", "better|best price|deal|offer|prices"),
    # "sort those by price, highest first", "order by price descending"
    ("SORT_DESC", "(highest|dearest|priciest|most expensive) first"),
    ("SORT_ASC", "(lowest|cheapest|least expensive) first"),
    ("SORT_DESC", "sort|order|rank|list * by price|cost (descending|desc|high to low)"),
    ("SORT_DESC", "most to least expensive|pricey"), ("SORT_ASC", "least to most expensive|pricey"),
    ("SORT_DESC", "highest to lowest"), ("SORT_ASC", "lowest to highest"),
    ("SORT_DESC", "most|more expensive|pricey|luxurious"), ("SORT_ASC", "least|less expensive"),
    ("SORT_ASC", "most affordable|economical"), ("SORT_DESC", "high to low"),
    ("SORT_DESC", "price descending|desc"), ("SORT_ASC", "low to high"),
    ("SORT_BY", "sort|order|rank|list * by price|cost"),  # cheapest first, unless told
    ("DEAL", "good|great|fair|decent|reasonable|ok|okay|bad|fine|solid|honest deal|price|"
             "value|buy|bargain"),
    ("DEAL", "worth it|buying|getting"), ("DEAL", "worth the money|price|cost"), ("DEAL", "worth"),
    ("DEAL", "overpriced|ripoff|steal|bargain|deal"), ("DEAL", "over priced"), ("DEAL", "rip off"),
    ("DEAL", "value for money"), ("DEAL", "price|deal|cost fair|reasonable|decent|right"),
    ("DEAL", "fair|reasonable"), ("DEAL", "too expensive|pricey|much|costly"),
    ("DEAL", "is|are it|this|that|they|these|those|the * expensive|pricey|overpriced|costly|cheap"),
    # "what should I get?" asks for picks; "should I buy it?" weighs a deal
    ("RECOMMEND", "what|which should|would|could i (buy|get|pick|choose|go for)"),
    ("DEAL", "should i buy|get|purchase"), ("DEAL", "price history"),
    # -- Cart changes -------------------------------------------------------------------------
    ("EMPTY", "empty * {cart}"), ("EMPTY", "empty it|everything|out"),
    ("EMPTY", "clear|wipe|reset|clean|dump|trash|nuke|delete|remove * {cart}"),
    ("EMPTY", "(remove|delete|clear|drop|ditch|trash|dump|scrap|bin|get rid of) everything"),
    ("EMPTY", "remove|delete|clear all the? items|products|things|stuff?"),
    ("EMPTY", "take everything out"), ("EMPTY", "start over|again|afresh"),
    ("EMPTY", "start from scratch"), ("EMPTY", "clear all|everything"),
    ("EMPTY", "clear|empty|remove|delete|ditch|bin|dump|scrap the whole? lot"),
    ("INCREASE", "increase|raise|bump|up * by ~#"),
    ("DECREASE", "decrease|reduce|lower|cut|drop * by ~#"),
    ("DECREASE", "take|bring|knock * down ~to"),  # "take the mugs down to 2" (see TO_COUNT)
    # Said alone about what is in focus: "one more", "and two more", "one less" ("another
    # one" is a number there, see context_turns.one_more)
    ("INCREASE", "^ actually|ok|okay|oh|so|yes|yeah|hmm|well|um? and|make|plus? (it|that)? "
                 "~# more|extra|additional please?"),
    ("DECREASE", "^ actually|ok|okay|oh|so|yes|yeah|hmm|well|um? and|make? (it|that)? "
                 "~# less|fewer please?"),
    ("DECREASE", "~# fewer"),  # "hmm no, one fewer"
    ("INCREASE", "~# more of (those|these|them|it|that)"),  # "great, one more of those"
    # "one more of each": "each" left for the references (every line meant, not "it")
    ("INCREASE", "~# more of ~each|everything|both|all"),
    ("DECREASE", "~# less actually|then|please|of"),  # "hmm, one less actually", "one less of it"
    # "double the mugs", "triple it": the line times two or three
    ("MULTIPLY", "double|triple|quadruple"),
    # "too many, half that": the line halved ("half a dozen" is a number by now)
    ("HALVE", "halve"), ("HALVE", "half that|it|them|those"), ("HALVE", "half as many"),
    ("HALVE", "half of that|it|them|those"),
    ("SETQ", "change|update|set|adjust|modify|alter|edit|correct|increase|decrease|reduce|"
             "lower|raise|bump|cut|switch"),
    ("SETQ", "make {pron}?"), ("SETQ", "quantity|quantities|amount|count"),
    ("CURRENCY", "go|switch|change|revert back"), ("CURRENCY", "revert"),
    ("CURRENCY", "use|convert|converted|conversion|pay|paying|currency|currencies|denominated"),
    ("SETQ", "number of"), ("SETQ", "instead"), ("SETQ", "only|just ~#"),
    # "drop the candle holders to one", "take the mugs down to 2": a new count, not a removal
    ("TO_COUNT", "down|back? to ~#"),
    ("REMOVE", "remove|removed|delete|discard|ditch|scrap|nix|eliminate|unadd|subtract|minus"),
    ("REMOVE", "take ~# of * out|off|away"),  # "take one of the salt shakers off"
    ("REMOVE", "take * out|off|away"), ("REMOVE", "changed|change my mind about|on"),
    ("REMOVE", "take * * out|off"),  # "take the watch and the loafers out": a longer list
    ("REMOVE", "get rid of"), ("REMOVE", "put * back"), ("REMOVE", "clear out|away|off"),
    ("REMOVE", "drop|toss|bin|dump|lose|cancel|undo"),
    # "forget the loafers" (but "forget it" is "never mind")
    ("REMOVE", "forget about? ~the|my|those|these|that|both"),
    ("CART_FROM", "from|off of? {my}? {cart}"), ("CART_FROM", "out of {my}? {cart}"),
    ("ADD", "(i will|i would|i am going to|let us|i shall) (go|settle) with|for"),
    ("ADD", "let us do|get|take|grab"),  # "let's do the sunglasses for all three"
    ("ADD", "add|adding|put|place|throw|stick|pop|chuck|include|insert|toss"),
    ("ADD", "~# each"),  # "the mugs are cute, one each": taking them
    ("ADD", "i will|would|shall take|have"), ("ADD", "ill take|have"), ("ADD", "take"),
    ("ADD", "buy|purchase|order|grab|get|pick|reserve|checkout"),
    ("CART_TO", "to|into|in|onto|inside to? {my}? {cart}"),
    ("CART", "{cart}"),
    # -- Things that go together --------------------------------------------------------------
    ("COMPLEMENT", "go|goes|going|pair|pairs|work|works|look|looks|fit|fits well|good|nice|"
                   "great|best? with"),
    ("COMPLEMENT", "match|matches|matching|complement|complements|complementary|coordinate"),
    ("COMPLEMENT", "complete|finish|round * look|outfit|set|ensemble"),
    ("COMPLEMENT", "accessorise|accessorize"), ("COMPLEMENT", "wear * with"),
    ("COMPLEMENT", "style {pron}? with"), ("COMPLEMENT", "similar to?"),
    ("COMPLEMENT", "like this|that|it|those|these"), ("COMPLEMENT", "alternative|alternatives"),
    ("COMPLEMENT", "bought together"), ("COMPLEMENT", "you might|may|would also? like"),
    ("RECOMMEND", "recommend|recommendation|recommendations|suggest|suggestion|suggestions|"
                  "ideas|inspiration|advice|recommended"),
    ("RECOMMEND", "what|anything else"), ("RECOMMEND", "what is good|hot|new|trending"),
    ("RECOMMEND", "popular|bestsellers|bestseller|bestselling|trending|favourites|favorites"),
    ("RECOMMEND", "best|top sellers|selling|rated"),
    # -- Product information ------------------------------------------------------------------
    # ("do you stock", "what do you sell" before "stock" is an availability question)
    ("CATEGORIES", "what do you sell|offer|carry|stock|have|got"),
    ("SEARCH", "do|does you have|sell|carry|stock|got|offer|make"),
    ("INFO", "tell me more? about"), ("INFO", "tell me more"), ("INFO", "more about"),
    ("INFO", "difference|differences between?"), ("INFO", "tell me"),
    ("INFO", "information|details|detail|specs|specifications|description on|about|for|of?"),
    # "anything made of glass?", "show me things made of ceramic": browsing by material
    ("SEARCH", "(anything|something|things|stuff|products|items|everything|what) (that is|that "
               "are|which is|which are)? (made of|made from|made out of|in)"),
    ("INFO", "describe|explain"), ("INFO", "made of|from|out|with"), ("INFO", "made"),
    ("INFO", "what|which material|materials|fabric"), ("INFO", "material|materials|fabric"),
    ("INFO", "(what|how much) does|do|would|will * cost"),
    ("INFO", "how much is|are|does|do|for|would|will?"),
    ("INFO", "cost|costs|price|prices|pricing of|for"),
    ("INFO", "what is (the|their|its) (price|cost)"),
    ("INFO", "how expensive|pricey|cheap|costly"), ("INFO", "(in stock|out of stock)"),
    ("INFO", "sold out"),
    ("INFO", "available|availability|stock|instock"),
    ("INFO", "what colour|color|colours|colors|size|sizes|shape"),
    ("INFO", "come|comes in"),  # "do they come in gold?"
    # "what category is the candle holder in?" (not "what categories are there?")
    ("INFO", "what|which category|department|section is|are|does|do"),
    ("INFO", "how big|large|small|heavy|tall|wide|long"),
    ("INFO", "dimensions|size|weight|reviews|rating|ratings|features|warranty|capacity"),
    ("INFO", "fit|fits|sizing"),
    ("INFO", "take a closer? look at"), ("INFO", "look at"), ("INFO", "can|could you tell"),
    ("INFO", "anything about"),
    ("FOLLOW", "what|how about"), ("FOLLOW", "^ and also?"), ("FOLLOW", "also|too"),
    ("FOLLOW", "as well"), ("INFO_WEAK", "what is|are|was|were"), ("INFO_WEAK", "which"),
    ("INFO_WEAK", "how many"), ("INFO_WEAK", "do|did i have|own"),
    # "the gold thing, is it real gold?": a question about it, whatever came before
    ("INFO_WEAK", "is|are|does|do ~it|they|this|that|these|those"),
    # -- Catalogue browsing -------------------------------------------------------------------
    ("CATEGORIES", "what kind|kinds|type|types|sort|sorts of things|products|items|stuff|goods?"),
    ("CATEGORIES", "what|which categories|category|departments|sections"),
    ("CATEGORIES", "categories|departments|sections"),
    ("CATEGORIES", "what can i buy|get|find|shop"),
    ("CATEGORIES", "what products|items|things do you have|sell|offer|carry"),
    ("ALL_PRODUCTS", "show|list|see|browse|display me? all|everything"),
    ("ALL_PRODUCTS", "all of? the|your? products|items"),
    ("ALL_PRODUCTS", "everything you have|sell|got|offer"),
    ("ALL_PRODUCTS", "whole|full|entire|complete catalog|catalogue|range|store|shop|inventory|"
                     "selection|collection"),
    ("ALL_PRODUCTS", "catalog|catalogue|inventory|browse"),
    ("SEARCH", "show|find|search|fetch|display|list|get me? for?"),
    ("SEARCH", "looking|look|searching|hunting|shopping|browsing for"),
    ("SEARCH", "finding|searching|browsing|shopping"),
    ("SEARCH", "i am looking|searching|shopping|hunting|after"),

    ("SEARCH", "have you got"), ("SEARCH", "got any"), ("SEARCH", "is|are there any?"),
    ("SEARCH", "can|could|may i see"), ("SEARCH", "let me see"), ("SEARCH", "options|choices"),
    ("SEARCH", "got|have anything|something|any"), ("SEARCH", "any|search|need|want"),
    ("SEARCH", "anything|something"), ("SEARCH", "on sale"),
    ("SEARCH", "deals|discounts|offers|promotions|specials|discounted"),
    ("SORT_ASC", "lowest|low|least price|priced|cost|expensive"),
    ("SORT_ASC", "price ascending|asc"),
    ("SORT_ASC", "cheapest|cheaper|cheap|inexpensive|affordable|economical|lowest"),
    ("SORT_DESC", "highest|high price|priced|end"),
    ("SORT_DESC", "priciest|pricier|pricey|expensive|premium|luxury|luxurious|fanciest|"
                  "upscale|designer|highest|dearest|dearer"),
    ("SORT_DESC", "top of the range|line"),
    # -- Not shopping -------------------------------------------------------------------------
    ("OOS", "weather|forecast|temperature|rain|raining|snow|snowing|joke|jokes|poem|poems|"
            "poetry|haiku|song|songs|sing|lyrics|story|news|headlines|president|election|"
            "politics|football|soccer|basketball|baseball|cricket|tennis|sports|sport|score|"
            "scores|game|games|movie|movies|film|films|recipe|recipes|translate|homework|"
            "essay|math|maths|equation|horoscope|lottery|flight|flights|hotel|hotels|"
            "restaurant|restaurants|doctor|medicine|traffic|stocks|celebrity|celebrities|"
            "pizza|cinema|taxi|uber|directions"),
    ("OOS", "(near me|nearby|around here|in my area)"),
    ("OOS", "capital of"), ("OOS", "meaning of life"), ("OOS", "what time|day is it"),
    ("OOS", "who (won|invented|wrote|is the)"), ("OOS", "write me? a|an"), ("OOS", "calculate"),
    ("OOS", "stock market"),
    # -- Social -------------------------------------------------------------------------------
    ("BYE", "bye|goodbye|byebye|farewell|ciao|adios|later|goodnight"),
    ("BYE", "see you|ya later|soon?"), ("BYE", "good night"), ("BYE", "take care"),
    ("BYE", "that is all|it (for now|for today)?"), ("BYE", "i am done|finished"),
    ("BYE", "that will do|be all|be everything (for now|for today)?"),
    ("BYE", "have a good|nice|great day|one|night|evening|weekend"), ("BYE", "talk later|soon"),
    ("THANKS", "thanks|thank|thankyou|cheers|appreciated|appreciate|grateful|ta|merci"),
    ("THANKS", "you are a star|gem|legend|lifesaver|champ|hero|sweetheart|darling"),
    ("GREET", "hi|hello|hey|hiya|howdy|heya|yo|hola|hallo|greetings|sup|morning|afternoon|"
              "evening|hellooo|helloo|heyy|heyyy"),
    ("GREET", "good morning|afternoon|evening|day"), ("GREET", "what is up"),
    ("GREET", "how are you doing?"), ("GREET", "how is it going"), ("GREET", "nice to meet you"),
    ("DENY", "scratch that"),  # alone: take back what was just done (see decide)
    ("DENY", "no|nope|nah|nevermind|skip"),
    ("DENY", "(never mind|not now|forget it|not really|no way|no thanks|maybe later|not sure)"),
    ("DENY", "(i will|let me) think about it"),
    ("AFFIRM", "yes|yeah|yep|yup|yea|sure|okay|alright|absolutely|definitely|certainly|"
               "correct|exactly|affirmative|perfect|great|fine|cool"),
    ("AFFIRM", "lol|lmao|haha|hahaha|hehe|rofl|brb|omg|wow|ooh|aww|gotcha|noted"),
    ("AFFIRM", "please do"), ("AFFIRM", "go (ahead|for it)"), ("AFFIRM", "do it"),
    ("AFFIRM", "sounds good"), ("AFFIRM", "of course"),
)
# fmt: on
