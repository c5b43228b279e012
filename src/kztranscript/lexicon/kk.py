"""Kazakh word lists (lower case).

Plain data: ``kztranscript.lexicon`` turns the three language modules into ``Lexicon`` values.
"""

# --- roles -------------------------------------------------------------------------------------
CORRESPONDENT_STEMS = ("тілші",)
CORRESPONDENT_ABBREVIATIONS: tuple[str, ...] = ()
# жүргізуші also means driver: Kazakh puts what is presented first ("бағдарламасының
# жүргізушісі" presents a programme, "такси жүргізушісі" drives a taxi).
ANCHOR_WORDS = ("жүргізуші", "жүргізушісі")
ANCHOR_NEXT_WORDS = ("бағдарламасының", "бағдарлама")
# Words for what an anchor presents, before "жүргізушісі".
PROGRAMME_STEMS = ("бағдарлама", "хабар", "жаңалық", "эфир", "телеарна", "арна", "шоу")
ROLE_LABELS = ("тілші", "тілшілер", "жүргізуші")

# --- credits written without a colon: "Дайындаған Асель Нұрова" ---------------------------------
CREDIT_PREFIXES = ("дайындаған", "дайындағандар")

# --- words that make a parenthetical inside a paragraph a stage direction -----------------------
DIRECTION_WORDS = ("қол шапалақ", "күлкі", "музыка ойнап тұр")
TRANSCRIPT_BOILERPLATE: tuple[str, ...] = ()

# --- a speaker's note in brackets: "(аударма)" ---------------------------------------------------
NOTE_WORDS = (
    *("аударма", "аудармашы", "кадрда", "кадр сыртында", "кадрдан тыс", "қазақша", "орысша"),
    "ағылшынша",
)
VOICEOVER_NOTES = ("кадр сыртында", "кадрдан тыс")
TRANSLATION_NOTES = ("аударма", "қазақша", "орысша", "ағылшынша", "қазақ тілінде", "орыс тілінде")
INTERPRETED_NOTES = ("аудармашы", "дыбыстау", "синхронды аударма")
LANGUAGE_NOTES = ("kk:қазақ", "ru:орыс", "en:ағылшын")

NARRATOR_WORDS = ("диктор",)

# --- names -------------------------------------------------------------------------------------
ANONYMOUS_WORDS = ("белгісіз", "дауыс")
NAME_PARTICLES = ("ұлы", "қызы", "улы")
HONORIFICS: tuple[str, ...] = ()
PATRONYMIC_ENDINGS: tuple[str, ...] = ()
# -ұлы / -қызы: a patronymic beside a surname, a surname alone ("Айгүл Серікқызы").
KAZAKH_PATRONYMIC = ("ұлы", "улы", "қызы", "кызы")
SURNAME_ENDINGS: tuple[str, ...] = ()

# Positions close a title written before the name: "Астана қаласының әкімі Жеңіс Қасымбек:".
POSITION_WORDS = tuple(
    """
    әкімі төрағасы төрағаның министрі вице-министрі премьер-министрі басшысы президенті
    директоры орынбасары депутаты сенаторы спикері елшісі хатшысы өкілі кеңесшісі
    ректоры профессоры мұғалімі дәрігері сарапшы сарапшысы саясаттанушы экономист
    заңгер қызметкері маманы бастығы меңгерушісі жетекшісі тұрғыны тұрғындары
    қатысушысы еріктісі фермер кәсіпкер зейнеткер студенті тілші тілшісі
    белсендісі төрайымы инженері жұмысшысы фермері шаруасы кәсіпкері зейнеткері оқушысы
    ұстазы тәрбиешісі ғалымы академигі жазушы ақын әншісі спортшысы жаттықтырушысы
    құрылысшы тергеушісі прокуроры судьясы адвокаты заңгері мейіргері анасы әкесі куәгер
    сатушы волонтері мүшесі сәулетші сәулетшісі суретші суретшісі тарихшы психологы
    агрономы ұшқыш кеншісі мұнайшысы әртісі актері актрисасы режиссері продюсері
    фотографы аспазшысы құтқарушысы полицейі
    """.split()
)
POSITION_MODIFIERS: tuple[str, ...] = ()
NOT_NAMES = tuple(
    """
    бұл ол біз сіз мен осы сол бүгін кеше және бірақ сондай-ақ сондықтан алайда мысалы яғни
    """.split()
)
REPORTING_STEMS = ("деді", "айтты", "атап", "мәлімдеді", "түсіндірді")

# --- line breaking -----------------------------------------------------------------------------
NO_LINE_END = tuple("және әрі бірақ немесе".split())
# Postpositions and enclitics follow their word (мен/бен/пен, да/де/та/те take their form
# from it): never start a line with one; ending a line with one is right.
NO_LINE_START = (
    *("үшін", "туралы", "бойынша", "арқылы", "дейін", "кейін", "сияқты", "секілді", "бері"),
    *("қарай", "шейін", "жөнінде", "мен", "бен", "пен", "да", "де", "та", "те", "ғой"),
    *("ма", "ме", "ба", "бе", "па", "пе", "ғана", "қана", "ше", "астам", "артық", "бірге"),
    *("жуық", "шамасында", "дейінгі", "сәйкес", "бастап", "қатысты", "байланысты"),
    *("қарамастан", "кейінгі", "соң", "тыс", "бұрынғы"),
)
# "A мен B": the enclitic joins two nouns; a cue that ends after it parts them.
COORDINATORS = ("мен", "бен", "пен")
# Enclitics spelled like Russian words (да, те, та …): their rule holds in Kazakh text only.
# The other postpositions bind in any text: a Kazakh phrase in a Russian script keeps them.
HOMOGRAPHS = tuple("да де та те ма ме ба бе па пе ше".split())
# Numerals and determiners stand before the word they count or point at: "үш | ауысым",
# "келесі | жыл", "осы | кітапхана" is a phrase cut in two.
BINDERS = tuple(
    """
    бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу алпыс жетпіс сексен
    тоқсан жүз мың бірнеше әр барлық бүкіл осы сол бұл мына сонау мұндай сондай осындай
    келесі алғашқы соңғы ең көптеген кейбір басқа ішкі сыртқы сағат алғаш
    астам жуық артық шамалы
    """.split()
)
# Suffixes that make a word modify the noun after it: participles (-ған, -атын) and
# locative adjectives (-дағы): "салынып жатқан | мектеп" is a phrase cut in two.
BINDERS += (
    *"""
    миллион миллиард триллион минус плюс жаңа үлкен кіші жас ескі басты негізгі ірі шағын
    """.split(),
)
MODIFIER_ENDINGS = (
    *("ған", "ген", "қан", "кен", "атын", "етін", "йтын", "йтін", "итын", "итін"),
    *("дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"),
    # ordinals (екінші оқылым) and adjectives of time and place (көктемгі сессия, жазғы)
    *("ншы", "нші", "ғы", "гі", "қы", "кі"),
)
# Words that end like one but are not (екен "it turns out", мерген "marksman"), and noun
# stems whose accusative ends like -атын/-етін (университетін, қызметін).
NOT_MODIFIERS = tuple("екен мерген зерген тегі бірген кеген жылқы балғы ақы".split())
MODIFIER_LOOKALIKE_STEMS = tuple(
    """
    университет қызмет мақсат саясат сағат табиғат әдебиет мәдениет жамағат қасиет
    """.split()
)
# The genitive: "ауданның | әкімі" cuts a possessive pair.
GENITIVE_ENDINGS = ("ның", "нің", "дың", "дің", "тың", "тің")
# Adjectives from nouns (-лық: "жылдық | жоспар"), weaker: -лық also makes nouns.
ADJECTIVE_ENDINGS = ("лық", "лік", "дық", "дік", "тық", "тік")
# The auxiliary verbs of analytic forms, after a converb in -п: "істеп | жүрген",
# "салынып | жатқан", "оқып | шыққан".
AUXILIARY_STEMS = tuple("жүр жат тұр отыр кел қал шық біт қой кет бер ал көр сал бол баста".split())
# Words in -п that are not converbs.
NOT_CONVERBS = tuple("кітап мектеп себеп талап әдеп көп топ тап сап жап шап теп кеп жауап".split())
WEAK_LINE_END: tuple[str, ...] = ()
CONJUNCTIONS = ("және", "бірақ", "немесе", "өйткені", "сондықтан", "себебі")
# Abbreviations bound to the number before them or the word after them ("4 млн гектар").
UNIT_ABBREVIATIONS = ("млн", "млн.", "млрд", "млрд.", "трлн", "трлн.", "№")
# Endings that close a phrase: the dative, locative, ablative and instrumental cases, and
# finite verbs (a Kazakh clause ends with its verb). A cue may end after one: "Ауданда |
# жаңа мектеп ашылды" keeps both phrases whole.
PHRASE_END_ENDINGS = (
    *("ға", "ге", "қа", "ке", "на", "не", "да", "де", "та", "те", "нда", "нде", "дан", "ден"),
    *("тан", "тен", "нан", "нен", "мен", "бен", "пен", "ды", "ді", "ты", "ті", "ады", "еді"),
    *("йды", "йді", "ыр", "ір", "мыз", "міз", "сыз", "сіз"),
)
# Two words that make one term ("сыбайлас жемқорлық" corruption, "ауыз су" drinking water):
# a break between them cuts a word in two.
COMPOUNDS = tuple(
    """
    сыбайлас_жемқорлық асыл_тұқымды ауыз_су алғаш_рет ертең_таңертең кеше_кешке
    бүгін_таңертең орта_есеппен іс_жүзінде жол_жүру білім_беру денсаулық_сақтау
    қоғамдық_көлік жер_асты жер_үсті өз_кезегінде әлеуметтік_желі әлеуметтік_желілерде
    """.split()
)
