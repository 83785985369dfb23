"""Everyday English words that sit one typing slip away from a word the planner knows.

`fuzzy.correct` never changes a known word, so these are safe from being "corrected" into a
cue word or a product noun ("head" is not "hear", "world" is not "would", "hats" is not
"hate"). The list was built by running the corrector over frequent English words and keeping
those it would have changed; add to it when a real word is mistaken for a typo. The last
lines are everyday words of courtesy ("I'm afraid", "if it's no bother", "I dare say"): known,
they are never taken for a product's name either (`decide.sounds_like_a_product`).
"""

from __future__ import annotations

__all__ = ["COMMON_WORDS"]

COMMON_WORDS: frozenset[str] = frozenset(
    """
    abiding abound about above access acre act actually adhd adjunct admire adored adrian
    advise after again against age ago air airway airways albert alberta alder aldo alert
    alight all allow alonso already also alter altering alternate always americana anakin
    analysis analysts andy anesthetic anniversary anyone anything anyway apartment appear
    appreciative arise arm arrest arrows art arte ashore ask asked assets astros attain
    austrian autumn avid baby backer backers bad badges bagels bahrain bain bake bakers bald
    ball band bands bang bangs banker bans barack bard barges bark bars basket bath bathroom
    bats batter bays bead bear beast beat beater beatty because bed bedroom beet before
    begin behest behold bein beings beit believe below belt berger beset best bets better
    between bien big bigots bike bill bind bing birthday bit biting bitter blanco blanks
    blokes blot blur boat bobo boiled bold bolt bolted bolts bono book books boos boost
    boosts boot booths both bout bowels bowing bowled bows box boy brackets brad brag brand
    brands bricks bride bridge brig brill bring bro broken brother brought browning brows
    bruh brunch bucket buckets buckle bucs budget bugging buick build bulging bull bullet
    bullying bunting buoy bury burying bush busting busy but butter byte cables cadets cadre
    cafe cage cain cake calculator call called came camera canaan canada candice candid
    candies canned cannes canoes cap capita capitol caps car carat card cards care carey
    carney carole carpet carpets carrie carrots cartels carthage carve case cases caster cat
    cate categorized cats causal cellar certain certainty chained chair chairs chan chances
    chanel chang channels chanted chap chapter charged charges chart charts cheap cheat
    cheated cheater cheaters check checkers cheek cheered cheeses chest chests chiang chick
    chicks child children chilean chimes choking choose chooses chopper choral christmas
    claire clare clarke clean cleaner cleanse clear cleaver click clipper clones cloning
    closet closets closure clouds clover clowns coal coast coasts coat coates coats code
    coil cold colder coleman coll collar collars college colo colours colton come comes
    comets comfortable coming commandos compete complete completely completing compliment
    complimentary compliments computing concert concerted confer conferred consider cont
    contend contends contest contests contexts continents convent converge conversation
    convey conveyed cook cool cooling coop cooper coordinator coping cora cordial core corp
    corpse corral corset cost costa cosy could couldnt country coup coupe coupled coupon
    courage courts cover covered covert coveted cradle crafted crafts cram crate crater cray
    cream crease creative creator creature cremated crete crippled crocker crockett crowds
    crows cult curate curated cure current currently curse curt cusp cute dad dale daly
    daring dark darkest dart darwin date daughter davy dawn day dear decadent decal deceased
    deceit decency decide decker declaration declarations decode decree defeat defect
    defending defining definitively deformation delays delegate denial depots derail descent
    design designs desk despite detect detects devour did died dies digging dine dirty
    discord dish dishes doable docking dodging dog dogg dogs doin doing doll dome domes
    dominated donate done donnie dons dont donuts doping dose doses doubts doves draining
    dream dreams drinking driver drone drones drown dull durable duress durham during dutch
    dyer each ear earnings ease eat economic economics edict eileen either ejection elder
    electron elephant elevation elise elsie emil empathy end enough entail entice eras eros
    europa europe evacuate even evening every everyone everything exit expansive expect
    expense expensive extensive eye eyre face faction fade fail fails fair fairest faiths
    fake fall fame family famine fancy far farm farmer farrell fashionable fast faster
    father fathers fatter favour fawn feathers feel feline fellow felt fetish few fiance
    fiat fide fiend fife fight fights figs file fill fills filter finale find fine finest
    finite finnish fins fire firth fished fist fists fit fits fitter fitz flair flat
    flattered flew flora flour flowing flurry flutter fold fond footer forage forcing
    forfeit forge forgery forging forgot fork forks form forming formula forrest found
    fractures frame frames france francois frantic free french fridge friend friends fright
    fronts frosty fruits frying fulfil full fun fund fungal funny furnish furnished gadget
    gain gaines gamble game gaping garb garden garvey gary gassed gate gave gender genders
    gent gettin gifs gift given giving gladys glands glass glasses globes gloves glowing
    goat goers goes goin going gold goldie golf golfing gomes gone gong good goodies goof
    gosling got gould gout govt graceful grady graeme grammy gran granny grasses grassy
    gravy great greedy green greene greet greg greta grey grieve groves grow growing gurney
    gutter guy habits had hair hale hall halo halt halted hand happen happy hard hare hari
    hart has hast haste hatches hatred hats haunting haunts haute hayes haynes hays he
    header headphones healer hear heated heater heaters heats heavily heavy height heir
    helping her herb herd here hero herr hers heyday hiatus hike him hindered hinting hire
    his history hitman hogg hold holder holding holiday holster holt homage homie hone
    hooded hooking hoot hoover hopping hornet hornets hose host hostel hostels hot house
    howling hoyt huey huge hugging hugh hughes hugs hunted hurting husband ice iceland
    ideals imagine include indebted indiana inert inmate insect inspire insure intro
    inverted invested israel item items jacket jackie jarvis jeanne jens job jude just kale
    keegan keel keenan keep kept kern key kid kids kieran kilo kind kinda kindle king
    kitchen kitten knife knives know koran kroger lager lake lamp lamps lance land lander
    laptop large larvae lash lasted late latent later latest law lawyer layer lead leaned
    learn leases leash least leave leds lees left leg lender length lens lenses lent lerner
    less let letter levi levine lexi liar liars lice licked licking lien lies lieu life lift
    liga light like lila lilies lime linden line lineman ling linger lining linked linking
    list lister lite little live lives living loaded loader loading lobe locate locket lode
    lodging logged logging logs lone loner long longing lookin loom looming looms looping
    loose looser loosing looting lose loser loss lost lot lots louder loudest louise lounge
    louvre lovely lover lovin lowe lower luke lurking lust mace mach macy madame maddie made
    mahoney mainly make makes male mall maloney man mandy manning manny manu many march
    marched marches marching mare marino marion mark marker market marks markup marley
    marlin marlon marshes martha mary massage match mate maternal mathias mating matron mats
    mature maude maybe mcgill meade meal mean meant median meet men menacing mental merck
    messing meta metabolic metric mice mich might mild mile milk millie milo minced mind
    mine ming minh mining mins minutes mirage mist mite mitts moat mobile mobiles mode
    models modern modes modest modestly moines moist mom monday monet monies monkey monroe
    mont month mooney moore morale more morgue mornin morning morse mortal mosley most
    mother motive motley motoring mounted mourning mouthed move mover movers mower much mule
    mum munch munich mush must muster mutated nadine name nash near neat neither nelson nerd
    ness nested net netted neuron never new news newton nice niche nicole niece nigh nike
    noah node none nor nose note nothing notice noticing novice now nudge number oblige off
    offend offends offered office officer officers offset often oil okay old older oldest
    oliver only openly order ordered ordering orders origin ornate otter otters ounce ours
    out owen own pace pacers paces packard packed pact paid painter painting paints pair
    palace palaces palate pale pan panicked pans panties panting parents paris park part
    parting partner party partying pass paste pasted patel patents paterson patrice pats
    pausing pay peanuts pearce pearson peeing peking pen pens people per percent persian
    person peterson philippe phone picker picking pickle pickled pickles pico pierson
    pilates pile piling pill pinching pinning pints piping pirate pirates placid plague
    plagues plain plains plan planet plant planted planters planting plants plat plated
    plating play played players playin playing pleads please pleasure pleat plucked plunging
    pocket pointing points poised poking polk pond ponder ponds pong poop poplar populace
    ported portions portray pose posed posing post posture pot potion potions pots pottery
    poverty power praise praised praises praising pray praying preach precedence precious
    prefect present preside presidency preston pretty prevent prevents prey price pricing
    prick pride priest primed prince princes princess printing prison prize prized prizes
    proceed process produce producer producers produces promo prop proper proved proves
    proving puck pull puncture punk punt pure purpose put putt quaint quality quantify quick
    quickly quiet quilt quot quote rabies raged ragged raging raid raiding railing rained
    raise raisin raising rake rally rang rani ranked rankin ranking ranting rare rather
    rationing rations rats rattle rattled rattling reach reacted reacting read readily
    realise reality really realty reap reared rearing rebate reboot rebounds recent recite
    rector redmond reed refine refined refuge refuse refused regain regaining regal reilly
    reindeer relate related relating remain remainder remained remaining remember remote
    renal render renders rental repaid repairs repeal require rescue rescued resent resist
    resort respect rest rested resting retail retain retainer retaining retains reused
    reveal revise revised revive revived rewind rice ride riding rind ring ringing rings
    rising ritual rituals rivals roared roaring roasted roasting robo rocket rode rodgers
    roland role roll room root roscoe rose rosie ross rotate rotated rotating rouse rovers
    roving rowe rowing royal royale royals rubble rug rugs ruining rule rules ruling rumble
    run rung sable sad saddle sailed sake sale saline salle saloon same sample sand satire
    save saving saw saying scale scandal scandals scar scarce scare scared scares scholes
    school science scourge screws sea seal sealing seat seattle second secs sect secure
    seeing seem seemed seems seen seize seized seizing send sensed sent sept serve set
    setter settling severn sewing shadow shadows shahid shall shalt shamed shape shards
    shares sharpe shaved shay she sheet shell shelled shelling shells shes shift shifts
    shilling shines shingle shippers shirt shite shiver shock shocks shoe shone shoots shop
    short should shove shoved show showers showing shrimp shroud side sign silk sill silo
    simple sinn sion sipping sir sirens sis sister sisters sit sitter sixers sixties size
    sized sizes sizzling skate skates skipper skipping skirt skulls slay slick slid slider
    sling slip slipping sliver slough slow slowing small smart smell smelled smelling smokes
    sneaker snitch snooping snoring snort snow soap sock socks sofa soft sold solder sole
    solo somali someone somethin something sometimes somewhere son sons sony soon sorta
    sought soup source sowing spaces spades speak speaker speakers species speeds spell
    spelled spelling spend spends spices spills spirit spirits spite sponge sponges spoon
    spoons sport spot spots spring sprite sprout sprouts spying square squire stable stacks
    staffed stained stains staked stakes stale stalker stall stance stand star stared
    starling starr starred starry start startled startups starved stat stated static stats
    statue stature status statute statutes stay stayed steak stealing steam steele steep
    steering stella stem step stereo steven stewart stiff still stills sting stings stingy
    stinky stipend stirling stitch stomp stoner stoop stop stopping storage storey stories
    stormed stormy stow strait strand strap straps streak streep stress stride strides
    strikes stripped stripper strippers stripping strives stroke strokes strong struck
    stuart stuck sturdy stylish submit submits sued suing suited suitors sulfate summaries
    summer summit summits sun sung support supports sure surf surge surges suture sven sway
    sweat sweden sweet swell swelled swelling swing swings table tack tackle tackling tail
    take taken taking tale talk tall tame target tarzan tate taught tax tea team tear teen
    tele tellin temperate ten tending tent test than that thea theatre their them then
    thence theory ther there these theyre thick thierry thin thing things think thinly
    thirst thirsty thong those though thought thrash thread threat threw throat throne
    thrones through thus thwart tian ticket tide tied tiered tile tiles tilted time times
    timing ting tinged tinted tiny tip tips tire tired titled toasted today toe togo tokens
    told tome tomes tomorrow tongues tonight tonnes took topics toro totality totally toto
    toured towel towels tower toy toying toys tracing trading tragic tran translator
    transparency tray trays trend tricking tried trolling trolls troops tropes trucking try
    trying tubing tuning turin turing turn turned tying typing ugly undated under unusually
    upstate use used user uses usually vale vantage vase vases vending venting verify vert
    via vibe view vine violate violent vote voucher waging wait waiting wake walk walker
    wall waller walnut wang waning want war warden warm warning warp warped warren wary was
    washes washing wasnt wasting watcher wavy way weaker wealthier wear wearer weaver
    wedding week weekend weigh weight well welp went were wheat where wherever whether while
    whistle whit who why wide widget width wife wight wild wilde will win wind wine winter
    wire wise witch witches within without wonder woof word wore work works worlds worm
    worms worn worse worst would wraith wright wrists writ write wrote year yelp yeon yes
    yesterday yet yves
    abide afraid asking bother cared charming confess dare enquire gathered goodness indeed
    inquire meantime mantelpiece memory nonetheless quite recall recollect reflection reminds
    splendid trouble wondering optimistic ambitious hopeful pessimistic misunderstood
    misunderstand typo
    """.split()
)
