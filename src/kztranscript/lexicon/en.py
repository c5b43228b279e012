"""English word lists (lower case), for English transcripts and English markers.

Plain data: ``kztranscript.lexicon`` turns the three language modules into ``Lexicon`` values.
"""

# --- roles -------------------------------------------------------------------------------------
CORRESPONDENT_STEMS = ("correspondent", "reporter")
CORRESPONDENT_ABBREVIATIONS = ("corr",)
ANCHOR_WORDS = ("anchor", "host", "presenter", "co-host", "co-anchor")
ANCHOR_NEXT_WORDS = ("of", "for")
PROGRAMME_STEMS: tuple[str, ...] = ()
ROLE_LABELS = ("correspondent", "reporter", "anchor", "host")

# --- credits written without a colon: "Produced by …" -------------------------------------------
CREDIT_PREFIXES = ("produced by", "reported by", "written by", "edited by", "filmed by", "shot by")

# --- stage directions in transcripts: "(LAUGHTER)", "(BEGIN VIDEOTAPE)" ---------------------------
DIRECTION_WORDS = (
    *("laughter", "laughing", "laughs", "applause", "crosstalk", "inaudible", "unintelligible"),
    *("music", "playing", "videotape", "video clip", "audio clip", "commercial break", "begin"),
    *("end", "soundbite", "sound bite", "gunfire", "foreign language"),
)
TRANSCRIPT_BOILERPLATE = (
    *("rush transcript", "may not be in its final form", "this copy may not"),
    *("transcript provided by", "copyright", "all rights reserved", "(c) ", "©"),
)

# --- a speaker's note in brackets: "(on camera)", "(through translator)" --------------------------
NOTE_WORDS = (
    *("voice-over", "voice over", "voiceover", "v/o", "vo", "on camera", "off camera"),
    *("on-camera", "translator", "translation", "translated", "interpreter", "through", "via"),
    *("by phone", "on phone", "telephone", "cont'd", "continuing", "voice of", "archive"),
    *("on tape", "in kazakh", "in russian", "in english"),
)
VOICEOVER_NOTES = ("voice-over", "voice over", "voiceover", "v/o")
TRANSLATION_NOTES = (
    *("translation", "translated", "in kazakh", "in russian", "in english"),
    *("subtitled", "from kazakh", "from russian"),
)
INTERPRETED_NOTES = (
    *("through translator", "through interpreter", "via translator", "via interpreter"),
    *("voice of translator", "voice of interpreter", "dubbed"),
)
LANGUAGE_NOTES = ("kk:kazakh", "ru:russian", "en:english")

# --- names -------------------------------------------------------------------------------------
# Words that describe a speaker with no name (no lower-third is made for one).
ANONYMOUS_WORDS = (
    *("unidentified", "unknown", "anonymous", "crowd", "narrator", "auctioneer", "announcer"),
    *("interpreter", "translator", "moderator", "protester", "protesters", "audience"),
    *("caller", "voice", "voices", "man", "woman", "child", "boy", "girl", "officer"),
    *("dispatcher", "pilot", "operator", "spokesperson", "guest", "presenter", "host"),
)
# A voice heard over pictures, never seen: its speech is voice-over.
NARRATOR_WORDS = ("narrator", "announcer")
NAME_PARTICLES = (
    *("van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn", "al"),
    "el",
)
HONORIFICS = (
    *("mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "rev."),
    *("sir", "dame"),
)
# Russian patronymics transliterated: "Ivan Sergeyevich Orlov".
PATRONYMIC_ENDINGS = ("ovich", "evich", "yevich", "ovna", "evna", "yevna", "ichna")
KAZAKH_PATRONYMIC: tuple[str, ...] = ()
SURNAME_ENDINGS: tuple[str, ...] = ()

POSITION_WORDS = tuple(
    """
    minister president vice-president mayor governor chairman chairwoman chair director
    ambassador spokesman spokeswoman spokesperson secretary secretary-general senator
    professor expert analyst resident ceo head deputy correspondent reporter
    activist journalist writer teacher doctor student worker farmer owner founder
    coordinator manager witness member officer nurse principal parent volunteer councilman
    councilwoman councilmember commissioner sheriff chief lawyer attorney
    """.split()
)
POSITION_MODIFIERS = tuple(
    "former acting first deputy chief senior general special permanent executive".split()
)
NOT_NAMES = tuple(
    """
    the a an in on at this that these those it he she we they i you but and or so if when what
    here there now today note for by from with also however example update question answer
    summary source sources headline photo video tags date time
    """.split()
)
REPORTING_STEMS = ("said", "says", "told", "added", "explained", "noted", "stated")

# --- line breaking -----------------------------------------------------------------------------
NO_LINE_END = tuple(
    """
    a an the of to in on at by for with and or but between across through as until than into
    onto upon within without among against toward towards during over under about from since
    per via near like
    """.split()
)
NO_LINE_START: tuple[str, ...] = ()
HOMOGRAPHS: tuple[str, ...] = ()
WEAK_LINE_END: tuple[str, ...] = ()
CONJUNCTIONS = tuple("and but or because which that when".split())
UNIT_ABBREVIATIONS: tuple[str, ...] = ()

# Determiners, numbers and modals bind to the word after them: "this | board", "could | take".
BINDERS = tuple(
    """
    this these those my your his its our their every each another either neither some any no
    several both one two three four five six seven eight nine ten eleven twelve twenty thirty
    forty fifty hundred thousand million billion will would can could should might must shall
    can't won't couldn't wouldn't shouldn't mustn't
    least few nearly almost roughly approximately
    """.split()
)
BINDERS += ("minus", "plus")
MODIFIER_ENDINGS: tuple[str, ...] = ()
NOT_MODIFIERS: tuple[str, ...] = ()
MODIFIER_LOOKALIKE_STEMS: tuple[str, ...] = ()
GENITIVE_ENDINGS: tuple[str, ...] = ()
ADJECTIVE_ENDINGS: tuple[str, ...] = ()
AUXILIARY_STEMS: tuple[str, ...] = ()
NOT_CONVERBS: tuple[str, ...] = ()
PHRASE_END_ENDINGS: tuple[str, ...] = ()
# Two words that make one term: a break between them cuts it in two.
COMPOUNDS = tuple(
    """
    per_cent police_officers waiting_lists health_care
    """.split()
)
