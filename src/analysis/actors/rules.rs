//! The closed word lists behind the actor finder's rules: particles, context nouns,
//! endings. Open-ended lexicons live in `data/ner/` and `data/names/`.

/// Lower-case particles that may sit inside a name between capitalised words.
pub(super) const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "di", "da", "do", "dos", "das", "du", "des", "la", "las",
    "los", "le", "el", "al", "bin", "ibn", "bint", "van", "von", "ter", "zu", "y", "ben", "abu",
    "e", "af",
];

/// Lower-case prefixes joined by a hyphen to a capitalised name ("al-Assad", "el-Sisi").
pub(super) const NAME_PREFIXES: &[&str] = &[
    "al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "az", "ibn", "bin", "abu", "ben", "de",
    "da", "di", "du", "la", "le", "van", "von",
];

/// Lower-case nouns right after a name that make it an organisation ("Tesco accounts",
/// "Harley-Davidson spokeswoman").
pub(super) const ORG_FOLLOWERS: &[&str] = &[
    "customers",
    "customer",
    "shares",
    "stock",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "executives",
    "executive",
    "employees",
    "staff",
    "headquarters",
    "accounts",
    "account",
    "cardholders",
    "users",
    "subscribers",
    "shareholders",
    "products",
    "stores",
    "brand",
    "boss",
    "chairman",
    "founder",
    "subsidiary",
    "lawmakers",
    "officials",
    "members",
    "supporters",
    "leadership",
    "website",
    "platform",
    "app",
    "chief",
    "director",
    "ceo",
    "news",
    "agency",
    "television",
    "radio",
    "newspaper",
    "company",
    "firm",
    "party",
    "network",
    "broadcaster",
    "regime",
    "junta",
    "militia",
    "battalion",
    "brigade",
    "cartel",
    "gang",
    "faction",
    // "one Immortals player", "the Rovers coach": a team.
    "player",
    "players",
    "coach",
    "captain",
];

/// Lower-case nouns right after a name that make it a person who leads ("the Monti
/// government"). Not "regime": "the Nazi regime" names a party.
pub(super) const PERSON_FOLLOWERS: &[&str] = &[
    "government",
    "administration",
    "presidency",
    "cabinet",
    "era",
];

/// Lower-case nouns right after a name that make it a place ("the Abbotsford area").
pub(super) const PLACE_FOLLOWERS: &[&str] = &[
    "area",
    "region",
    "province",
    "county",
    "district",
    "border",
    "coast",
    "residents",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "city",
    "town",
    "village",
    "airport",
    "valley",
    "constituency",
    "police",
];

/// Head words that name one institution on their own.
pub(super) const INSTITUTIONS: &[&str] = &[
    "Senate",
    "Congress",
    "Parliament",
    "Kremlin",
    "Pentagon",
    "Knesset",
    "Duma",
    "Bundestag",
    "Politburo",
    "Vatican",
    "Commons",
    "Cabinet",
    "Bundesrat",
    "Storting",
    "Riksdag",
    "Sejm",
];

/// Auxiliaries and frequent verbs that follow a subject.
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "was", "has", "had", "will", "would", "can", "could", "may", "might", "must", "should",
    "shall", "did", "does", "also", "has", "later", "then", "now", "still", "never", "herself",
    "himself", "itself", "became", "became", "won", "left", "met", "led", "took", "made", "gave",
    "went", "came", "began", "wrote", "told", "said", "says",
];

/// Lower-case prefixes that make a hyphenated word ordinary ("pro-Beijing", "anti-EU").
pub(super) const ORDINARY_PREFIXES: &[&str] = &[
    "pro", "anti", "non", "ex", "post", "pre", "mid", "neo", "pan", "semi", "self", "ultra",
    "over", "under", "counter", "all", "multi", "inter", "intra", "trans", "sub", "super",
];

/// Prepositions after which an unknown capitalised word is most likely a place.
pub(super) const PLACE_PREPOSITIONS: &[&str] =
    &["in", "near", "outside", "across", "around", "throughout"];

/// Lower-case words right before a name that make it an organisation.
pub(super) const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "group",
    "newspaper",
    "agency",
    "party",
    "band",
    "club",
    "team",
    "network",
    "broadcaster",
    "channel",
    "daily",
    "magazine",
    "outlet",
    "carrier",
    "airline",
    "giant",
    "retailer",
    "maker",
    "startup",
    "bank",
    "brand",
    "platform",
    "service",
    "site",
    "website",
    "app",
    "organisation",
    "organization",
    "charity",
    "union",
    "studio",
    "journal",
    "publisher",
    "television",
    "broadcaster",
    "movement",
    "league",
    "federation",
    "association",
    "university",
    "institute",
    "hospital",
    "ministry",
    "council",
    "committee",
    "government",
    "center",
    "centre",
    "foundation",
    "coalition",
    "alliance",
    "corporation",
    "society",
    "watchdog",
    "college",
    "school",
];

/// Lower-case nouns that make the name they describe a place ("the town of X", "X, a
/// church").
pub(super) const PLACE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "hamlet",
    "province",
    "state",
    "county",
    "district",
    "region",
    "island",
    "capital",
    "port",
    "municipality",
    "borough",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "river",
    "lake",
    "mountain",
    "church",
    "cathedral",
    "mosque",
    "temple",
    "shrine",
    "monastery",
    "museum",
    "building",
    "palace",
    "castle",
    "monument",
    "landmark",
    "square",
    "stadium",
    "prison",
    "camp",
    "base",
];

/// Lower-case nouns for things that are not actors: substances, objects, products, events
/// ("Novichok, a nerve agent,", "the Hajj, an annual pilgrimage").
pub(super) const THING_NOUNS: &[&str] = &[
    "agent",
    "toxin",
    "neurotoxin",
    "poison",
    "chemical",
    "substance",
    "drug",
    "compound",
    "virus",
    "disease",
    "weapon",
    "missile",
    "rocket",
    "vaccine",
    "medicine",
    "software",
    "browser",
    "phone",
    "device",
    "product",
    "ship",
    "vessel",
    "tanker",
    "freighter",
    "warship",
    "frigate",
    "destroyer",
    "submarine",
    "yacht",
    "ferry",
    "aircraft",
    "plane",
    "car",
    "vehicle",
    "festival",
    "holiday",
    "ritual",
    "pilgrimage",
    "ceremony",
    "tournament",
    "language",
    "religion",
    "dish",
    "hashtag",
    // "the ICI system", "the NEMISIS database": schemes and records, not their makers.
    "system",
    "database",
];

/// Nouns that classify ("a range of", "a kind of"): the noun after "of" names the kind.
pub(super) const CLASSIFIERS: &[&str] = &[
    "range", "kind", "type", "class", "family", "form", "strain", "variant", "sort", "group",
    "series", "brand",
];

/// Head words after which "on" continues a name ("Council on Foreign Relations").
pub(super) const ON_HEADS: &[&str] = &[
    "Council",
    "Committee",
    "Commission",
    "Conference",
    "Court",
    "Panel",
    "Institute",
    "Centre",
    "Center",
    "Forum",
    "Group",
    "Office",
    "Agency",
];

/// First words of multi-word place names ("North Kesteven", "Port Harcourt").
pub(super) const PLACE_STARTS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper",
    "Lower", "Greater", "Central", "Port", "Lake", "Mount", "Mt.", "San", "Santa", "Saint", "St.",
    "Fort", "Cape", "Isla", "Rio", "Los", "Las", "Le", "La", "Al", "El", "Ras", "Casa", "Plaza",
    "Piazza", "Palazzo", "Rue", "Via", "Calle", "Avenida", "Place", "Porta", "Villa", "Masjid",
];

/// Endings of adjectives and nationality words, which a lone capitalised word with no other
/// evidence is more likely to be than a name ("Presidential", "Indigenous", "Scottish").
pub(super) const ADJECTIVE_ENDINGS: &[&str] = &[
    "onal", "tual", "ural", "ish", "ese", "ous", "ical", "ial", "ean", "ian", "ians", "ans", "tic",
    "ive", "ary", "ern", "ful",
];

/// Endings of plural common nouns ("Brands", "Forums", "Administrations", "Investments").
pub(super) const PLURAL_ENDINGS: &[&str] = &[
    "ies", "ions", "ments", "ists", "ants", "ents", "ings", "ics", "ives", "ors", "ums", "ands",
    "ces", "ages", "ures", "ats", "ems", "ets", "ites",
];

/// Endings of ordinary words that open sentences ("Naturally", "Speaking", "Critics").
pub(super) const OPENER_ENDINGS: &[&str] = &[
    "ly", "ing", "ed", "ists", "ers", "ians", "ants", "ents", "ors", "ies", "ness", "ment", "tion",
    "ity", "dom", "ism",
];

/// Longest chunk of capitalised tokens considered, so one pathological line stays linear.
pub(super) const MAX_CHUNK_TOKENS: usize = 16;

/// Lower-case nouns right before a Title Case name that make it the title of a work
/// ("the book Blown for Good", "the film Gravity"), which is not an actor.
pub(super) const WORK_NOUNS: &[&str] = &[
    "book",
    "film",
    "movie",
    "album",
    "song",
    "novel",
    "play",
    "documentary",
    "series",
    "show",
    "programme",
    "program",
    "episode",
    "single",
    "opera",
    "musical",
    "painting",
    "poem",
    "game",
    "memoir",
    "biography",
    "hit",
];

/// Lower-case nouns after a platform's name that make it a medium, not an actor
/// ("Facebook posts", "a Twitter feed", "YouTube videos").
pub(super) const MEDIUM_NOUNS: &[&str] = &[
    "post",
    "posts",
    "feed",
    "feeds",
    "page",
    "pages",
    "video",
    "videos",
    "tweet",
    "tweets",
    "profile",
    "profiles",
    "photo",
    "photos",
    "livestream",
    "thread",
    "threads",
    "hashtag",
    "search",
    "searches",
];

/// First words that make a capitalised phrase an organisation in languages that put the
/// head word first ("Instituto Gonzaga", "Partido Popular", "Banca d'Italia").
pub(super) const ORG_STARTS: &[&str] = &[
    "Instituto",
    "Istituto",
    "Institut",
    "Movimento",
    "Movimiento",
    "Mouvement",
    "Partido",
    "Partito",
    "Parti",
    "Universidad",
    "Università",
    "Université",
    "Universität",
    "Universidade",
    "Banco",
    "Banca",
    "Banque",
    "Fundación",
    "Fondazione",
    "Fondation",
    "Stiftung",
    "Ministerio",
    "Ministero",
    "Ministère",
    "Asociación",
    "Associazione",
    "Federación",
    "Federazione",
    "Confederación",
    "Consejo",
    "Consiglio",
    "Conseil",
    "Frente",
    "Comité",
    "Comitato",
    "Agencia",
    "Agenzia",
    "Grupo",
    "Gruppo",
    "Groupe",
    "Sindicato",
    "Compagnie",
    "Compañía",
];

/// Endings of abstract nouns and adherents, which a lone capitalised word with no other
/// evidence is more likely to be than a name ("Islamophobia", "Scientologist").
pub(super) const ABSTRACT_ENDINGS: &[&str] = &[
    "phobia", "ism", "isms", "ist", "ists", "ology", "ness", "ment", "ments", "tion", "tions",
];

/// Words that open a picture credit ("Image: Nick Moreau."): the names after them took
/// the picture or own it; they are no actors of the story.
pub(super) const CREDIT_WORDS: &[&str] = &[
    "Image",
    "Images",
    "Photo",
    "Photos",
    "Photograph",
    "Picture",
    "Video",
    "Credit",
    "Illustration",
    "Audio",
];

/// Epithets after "the" that end a person's name ("Lucas Cranach the Elder").
pub(super) const EPITHETS: &[&str] = &["Elder", "Younger", "Great"];

/// Lower-case forms of capitalised head words that make the name after them a vehicle, a
/// storm or an operation ("Space Shuttle Columbia", "Hurricane Katrina", "Operation Clambake").
pub(super) const THING_HEADS: &[&str] = &[
    "shuttle",
    "spacecraft",
    "satellite",
    "rover",
    "probe",
    "hurricane",
    "typhoon",
    "cyclone",
    "storm",
    "operation",
];

/// Most words in a quoted Title Case run taken as the title of a work
/// ("Andy Warhol: Photographs and Prints from the University Collection").
pub(super) const MAX_TITLE_WORDS: usize = 12;

/// Lower-case nouns after a city's name that make the pair a treaty or a target ("the
/// Paris agreement", "the Oslo accords", "the Kyoto protocol").
pub(super) const TREATY_NOUNS: &[&str] = &[
    "agreement",
    "agreements",
    "accord",
    "accords",
    "treaty",
    "protocol",
    "targets",
    "convention",
];

/// Lower-case words of sport reports: a country named mostly in sentences holding them,
/// in an article with several such sentences, is its national team ("Sweden beat South
/// Korea 1-0 with a penalty").
pub(super) const SPORT_WORDS: &[&str] = &[
    "match",
    "matches",
    "goal",
    "goals",
    "scored",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "penalty",
    "referee",
    "squad",
    "coach",
    "innings",
    "wicket",
    "wickets",
    "tournament",
    "fixture",
    "qualifier",
    "semi-final",
    "quarter-final",
    "league",
    "cup",
    "debutants",
    "champions",
    "kick-off",
    "halftime",
    "half-time",
    "game",
    "games",
    "minute",
    "stadium",
    "possession",
    "scoring",
    "header",
    "defeated",
    "football",
    "soccer",
    "cricket",
    "rugby",
    "hockey",
    "basketball",
];

/// Sentences with a sport word an article needs before its countries can be teams.
pub(super) const MIN_SPORT_SENTENCES: usize = 3;

/// Capitalised words before "Center" or "Centre" that make it a site people visit, a place,
/// rather than an institution ("Kennedy Space Center", "Metro Toronto Convention Centre";
/// but "Pew Research Center", "Carter Center").
pub(super) const FACILITY_MODIFIERS: &[&str] = &[
    "Space",
    "Science",
    "Rocket",
    "Flight",
    "Convention",
    "Conference",
    "Exhibition",
    "Exposition",
    "Visitor",
    "Visitors",
    "Shopping",
    "Trade",
    "Civic",
    "Community",
    "Sports",
    "Sport",
    "Leisure",
    "Recreation",
    "Aquatic",
    "Aquatics",
    "Art",
    "Arts",
    "Cultural",
    "Heritage",
    "Nature",
    "Events",
    "Detention",
    "Transit",
    "Distribution",
    "Data",
];

/// Institutions known by their building ("the White House said"): where every mention
/// is after a preposition of place ([`LOCATIVE_PREPOSITIONS`]) the name is the building.
pub(super) const SEATS: &[&str] = &[
    "White House",
    "Kremlin",
    "Pentagon",
    "Downing Street",
    "Élysée Palace",
    "Blue House",
];

/// Prepositions that make the building after them a place ("at the Kremlin").
pub(super) const LOCATIVE_PREPOSITIONS: &[&str] = &[
    "at", "in", "inside", "outside", "into", "near", "toward", "towards",
];

/// Verbs of motion before "to" that make its object a destination ("came to the White
/// House", "bring it to the White House"); "wrote to the White House" addresses the body.
pub(super) const MOTION_VERBS: &[&str] = &[
    "come",
    "comes",
    "came",
    "coming",
    "go",
    "goes",
    "went",
    "going",
    "bring",
    "brings",
    "brought",
    "bringing",
    "return",
    "returned",
    "returns",
    "travel",
    "travelled",
    "traveled",
    "walk",
    "walked",
    "march",
    "marched",
    "marching",
    "move",
    "moved",
    "invited",
    "invite",
    "taken",
    "took",
    "take",
    "drove",
    "flew",
    "headed",
];

/// Head words of places that may be a department of a university or college ("the Block
/// Museum of Art at Northwestern University" is one of its institutions).
pub(super) const PART_OF_ACADEMY: &[&str] = &[
    "Museum",
    "Gallery",
    "Galleries",
    "Library",
    "Center",
    "Centre",
    "Observatory",
    "Planetarium",
];

/// Head words of universities and colleges, after "at" ([`PART_OF_ACADEMY`]).
pub(super) const ACADEMIES: &[&str] = &[
    "University",
    "College",
    "Institute",
    "Polytechnic",
    "Academy",
];

/// Lower-case nouns for buildings that "the X of" does not make a place of the name after
/// it: "the church of Scientology" names a faith, "the temple of Apollo" a god.
pub(super) const SHRINE_NOUNS: &[&str] = &[
    "church",
    "cathedral",
    "mosque",
    "temple",
    "shrine",
    "monastery",
    "museum",
    "monument",
    "landmark",
];

/// Verbs of telling: the name right after one is the listener, not the speaker ("told
/// El Mundo", "warned Smith"), unlike an inverted "said Smith".
pub(super) const TELLING_VERBS: &[&str] = &[
    "told",
    "tells",
    "warned",
    "warns",
    "informed",
    "informs",
    "assured",
    "assures",
    "urged",
    "urges",
    "thanked",
    "thanks",
    "reassured",
];

/// Lower-case time nouns before "of" that make the name after them a feast or an event,
/// not an actor ("the day of Ashura", "the eve of Passover").
pub(super) const TIME_NOUNS: &[&str] = &[
    "day", "days", "eve", "night", "week", "month", "season", "feast", "festival", "holiday",
];

/// Lower-case nouns for things a country's adjective only describes: media, culture,
/// sport, language, food, the calendar ("French television", "the Chinese zodiac", "the
/// Gabonese and Estonian teams"). Before any other noun the adjective keeps the country as
/// an actor: in news "Russian forces", "Iranian nuclear sites", "Russian gas" are about the
/// country. Singular forms; a plural "s" is taken off before the look-up.
pub(super) const DESCRIBED_NOUNS: &[&str] = &[
    "television",
    "tv",
    "radio",
    "channel",
    "broadcaster",
    "media",
    "press",
    "newspaper",
    "magazine",
    "film",
    "cinema",
    "movie",
    "music",
    "song",
    "band",
    "literature",
    "novel",
    "poetry",
    "art",
    "culture",
    "tradition",
    "folklore",
    "zodiac",
    "calendar",
    "cuisine",
    "food",
    "dish",
    "wine",
    "cheese",
    "beer",
    "language",
    "accent",
    "dialect",
    "translation",
    "word",
    "style",
    "fashion",
    "architecture",
    "design",
    "team",
    "club",
    "league",
    "championship",
    "squad",
    "side",
    "football",
    "soccer",
    "basketball",
    "rugby",
    "tennis",
    "title",
    "record",
    "origin",
    "descent",
    "heritage",
    "version",
    "edition",
];
