"""Per-language word lists the parser and the caption rules rely on.

All entries are lower case; callers compare with ``fold()`` (casefold, Ё→Е).
"""

from __future__ import annotations

from kztranscript.model import Role

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def fold(word: str) -> str:
    """Case- and Ё-insensitive key: ``fold("Ёлка") == fold("елка")``."""
    return word.casefold().replace("ё", "е")


# --- roles (matched against the start of each word of a marker title) ----------------------
CORRESPONDENT_STEMS = (
    "корреспондент",
    "собкор",
    "спецкор",
    "репортер",
    "репортёр",
    "тілші",
    "correspondent",
    "reporter",
)
ANCHOR_WORDS = frozenset(
    {
        "ведущий",
        "ведущая",
        "телеведущий",
        "телеведущая",
        "жүргізуші",
        "жүргізушісі",
        "anchor",
        "host",
        "presenter",
        "co-host",
        "co-anchor",
    }
)
# "ведущий специалист" is a job, not a presenter: an anchor word counts only when the title
# is just that word, or the next word names a programme.
ANCHOR_NEXT_WORDS = frozenset(
    {
        "программы",
        "новостей",
        "эфира",
        "телеканала",
        "передачи",
        "шоу",
        "выпуска",
        "бағдарламасының",
        "бағдарлама",
        "of",
        "for",
    }
)


# Kazakh words for what an anchor presents, before "жүргізушісі" (жүргізуші also means driver).
PROGRAMME_STEMS = ("бағдарлама", "хабар", "жаңалық", "эфир", "телеарна", "арна", "шоу")
# Abbreviations of "correspondent" matched as whole words ("корр" would also start "коррупция").
CORRESPONDENT_ABBREVIATIONS = frozenset({"корр", "спецкорр", "собкорр", "corr"})


def role_of(title: str | None) -> Role:
    """Role from a marker title: correspondent, anchor, or (default) interviewee."""
    if not title:
        return Role.INTERVIEWEE
    words = [w.strip("«»\"'(),.:;") for w in fold(title).split()]
    words = [w for w in words if w]
    for w in words:
        if w in CORRESPONDENT_ABBREVIATIONS or any(w.startswith(s) for s in CORRESPONDENT_STEMS):
            return Role.CORRESPONDENT
    for i, w in enumerate(words):
        if w in ANCHOR_WORDS and w.startswith("жүргізуші") and i > 0:
            # Kazakh puts what is presented first: "бағдарламасының жүргізушісі" presents a
            # programme, "такси жүргізушісі" drives a taxi
            if words[i - 1].startswith(PROGRAMME_STEMS) or "«" in title:
                return Role.ANCHOR
            continue
        if w in ANCHOR_WORDS:
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is None or nxt in ANCHOR_NEXT_WORDS or fold(title).count("«") > 0:
                return Role.ANCHOR
    return Role.INTERVIEWEE


# --- credits --------------------------------------------------------------------------------
# A line starting with one of these and a colon is a credit, never spoken.
CREDIT_LABELS = frozenset(
    {
        "автор",
        "авторы",
        "автор сюжета",
        "автор текста",
        "авторы сюжета",
        "оператор",
        "операторы",
        "видеооператор",
        "видеооператоры",
        "оператор-монтажер",
        "монтаж",
        "монтажер",
        "режиссер",
        "режиссер монтажа",
        "продюсер",
        "редактор",
        "шеф-редактор",
        "выпускающий редактор",
        "графика",
        "фото",
        "фотограф",
        "звукорежиссер",
        "звукооператор",
        "видео",
        "съемка",
        "текст",
        "авторлар",
        "операторлар",
        "монтаждаған",
        "түсірген",
        "дайындаған",
        "author",
        "authors",
        "camera",
        "cameraman",
        "editor",
        "producer",
        "producers",
        "photo",
        "video",
    }
) | frozenset(
    {  # a newsroom system's header: the story's metadata, never spoken
        *("тема", "хронометраж", "хрон", "рубрика", "дата", "дата эфира", "дата выхода"),
        *("эфир", "время эфира", "выпуск", "слаг", "формат", "программа", "длительность"),
        *("тақырыбы", "ұзақтығы", "айдары", "күні", "эфир күні", "бағдарлама"),
        *("slug", "topic", "duration", "runtime", "date", "air date", "program", "programme"),
    }
)
# Role words that, as a label followed by names only, are credits ("Корреспондент: Имя
# Фамилия"); alone before speech they are a nameless speaker with that role.
ROLE_LABELS = frozenset(
    {
        "корреспондент",
        "корреспонденты",
        "собкор",
        "спецкор",
        "корр.",
        "корр",
        "репортер",
        "репортёр",
        "ведущий",
        "ведущая",
        "тілші",
        "тілшілер",
        "жүргізуші",
        "correspondent",
        "reporter",
        "anchor",
        "host",
    }
)
# Credits written without a colon: "Подготовила Асель Нурова", "Produced by …".
CREDIT_PREFIXES = (
    "подготовил",
    "подготовила",
    "подготовили",
    "подготовил(а)",
    "снимал",
    "снимала",
    "снимали",
    "дайындаған",
    "дайындағандар",
    "produced by",
    "reported by",
    "written by",
    "edited by",
    "filmed by",
    "shot by",
)

# --- section labels and directions -----------------------------------------------------------
# Labels some channels put before a section ("ЗК:", "СИНХРОН:"): structure, not speech.
VOICEOVER_LABELS = frozenset(
    {"зк", "зт", "закадр", "за кадром", "vo", "v/o", "voice-over", "voiceover", "voice over"}
    | {"голос за кадром", "диктор", "дикторский текст", "announcer"}
)
SYNC_LABELS = frozenset({"синхрон", "синх", "снх", "sot"})
STANDUP_LABELS = frozenset({"стендап", "standup", "stand-up"})
LEAD_LABELS = frozenset(
    {"подводка", "подводка к сюжету", "подводка к материалу", "лид", "lead", "intro"}
)
SECTION_LABELS = (
    VOICEOVER_LABELS
    | LEAD_LABELS
    | SYNC_LABELS
    | STANDUP_LABELS
    | frozenset({"анонс", "лайф", "интершум", "иш", "зтм", "outro", "тақырып"})
)
# Labels of a line that gives on-screen graphics text ("ТИТР: Имя Фамилия, должность"): an
# instruction to the graphics operator, never spoken.
GRAPHICS_LABELS = frozenset(
    {"титр", "титры", "плашка", "графика", "суперы", "супер", "lower third", "super", "cg"}
)
# Words that make a parenthetical inside a paragraph a stage direction, not text.
DIRECTION_WORDS = frozenset(
    {
        "laughter",
        "laughing",
        "laughs",
        "applause",
        "crosstalk",
        "inaudible",
        "unintelligible",
        "music",
        "playing",
        "videotape",
        "video clip",
        "audio clip",
        "commercial break",
        "begin",
        "end",
        "soundbite",
        "sound bite",
        "gunfire",
        "foreign language",
        "зк",
        "зт",
        "синхрон",
        "стендап",
        "лайф",
        "интершум",
        "шум",
        "музыка",
        "смех",
        "аплодисменты",
        "неразборчиво",
        "қол шапалақ",
        "күлкі",
        "музыка ойнап тұр",
    }
)
TRANSCRIPT_BOILERPLATE = (
    "rush transcript",
    "may not be in its final form",
    "this copy may not",
    "transcript provided by",
    "copyright",
    "all rights reserved",
    "(c) ",
    "©",
)

# --- speaker notes -------------------------------------------------------------------------
NOTE_WORDS = (
    "продолжение",
    "окончание",
    "перевод",
    "переводчик",
    "аударма",
    "аудармашы",
    "за кадром",
    "закадр",
    "в кадре",
    "кадрда",
    "кадр сыртында",
    "кадрдан тыс",
    "синхрон",
    "стендап",
    "по телефону",
    "по видеосвязи",
    "видеосвязь",
    "архив",
    "voice-over",
    "voice over",
    "voiceover",
    "v/o",
    "vo",
    "on camera",
    "off camera",
    "on-camera",
    "translator",
    "translation",
    "translated",
    "interpreter",
    "through",
    "via",
    "by phone",
    "on phone",
    "telephone",
    "cont'd",
    "continuing",
    "voice of",
    "archive",
    "on tape",
    "қазақша",
    "орысша",
    "на казахском",
    "на русском",
    "in kazakh",
    "in russian",
    "по-казахски",
    "по-русски",
    "по-английски",
    "на английском",
    "ағылшынша",
    "in english",
)
# Notes that mean the speaker is heard, not seen: the segment is voice-over.
VOICEOVER_NOTES = (
    *("voice-over", "voice over", "voiceover", "v/o", "за кадром", "закадр", "зк"),
    *("кадр сыртында", "кадрдан тыс"),
)

# --- anonymous speakers ----------------------------------------------------------------------
ANONYMOUS_WORDS = frozenset(
    {
        "unidentified",
        "unknown",
        "anonymous",
        "crowd",
        "неизвестный",
        "неизвестная",
        "неизвестные",
        "аноним",
        "голос",
        "голоса",
        "белгісіз",
        "дауыс",
    }
)

# --- names ------------------------------------------------------------------------------------
# Lower-case words allowed inside a name (Людвиг ван Бетховен, Ахмед Ахмед оглы).
NAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ван",
        "фон",
        "де",
        "ибн",
        "бин",
        "аль",
        "оглы",
        "кызы",
        "ұлы",
        "қызы",
        "улы",
    }
)
HONORIFICS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "rev.", "sir", "dame"}
)
# Patronymics (a name's middle word): Russian endings, and the Kazakh -ұлы / -қызы.
PATRONYMIC_ENDINGS = ("ович", "евич", "ёвич", "овна", "евна", "ёвна", "ична", "инична")
KAZAKH_PATRONYMIC = ("ұлы", "улы", "қызы", "кызы")
# Nominative surname shapes: male -ов/-ев/-ин/-ский, female -ова/-ева/-ина/-ская.
SURNAME_ENDINGS = (
    *("ов", "ев", "ёв", "ин", "ын", "ский", "цкий"),
    *("ова", "ева", "ёва", "ина", "ына", "ская", "цкая"),
)

# Positions that open a title written before the name (Russian, English: "Аким Астаны Женис
# Касымбек:") or close it (Kazakh: "Астана қаласының әкімі Жеңіс Қасымбек:"), folded.
POSITION_WORDS = frozenset(
    """
    аким председатель сопредседатель зампред министр вице-министр премьер-министр
    вице-премьер глава президент вице-президент директор гендиректор замдиректора
    заместитель руководитель начальник депутат сенатор спикер посол консул мэр губернатор
    секретарь генсек пресс-секретарь советник представитель постпред уполномоченный
    омбудсмен ректор проректор декан профессор доцент учитель врач главврач эксперт
    политолог экономист аналитик юрист адвокат прокурор судья следователь сотрудник
    специалист инспектор командир генерал полковник майор инженер житель жительница
    жители участник участница волонтёр волонтер фермер предприниматель пенсионер
    пенсионерка студент студентка школьник школьница очевидец очевидица пострадавший
    пострадавшая продавец водитель строитель корреспондент спецкор собкор
    әкімі төрағасы төрағаның министрі вице-министрі премьер-министрі басшысы президенті
    директоры орынбасары депутаты сенаторы спикері елшісі хатшысы өкілі кеңесшісі
    ректоры профессоры мұғалімі дәрігері сарапшы сарапшысы саясаттанушы экономист
    заңгер қызметкері маманы бастығы меңгерушісі жетекшісі тұрғыны тұрғындары
    қатысушысы еріктісі фермер кәсіпкер зейнеткер студенті тілші тілшісі
    minister president vice-president mayor governor chairman chairwoman chair director
    ambassador spokesman spokeswoman spokesperson secretary secretary-general senator
    professor expert analyst resident ceo head deputy correspondent reporter
    активист активистка блогер журналист журналистка писатель поэт артист артистка певец
    певица спортсмен спортсменка тренер чемпион чемпионка ученый учёный академик рабочий
    механик медсестра воспитатель воспитательница родитель мать отец свидетель
    свидетельница ветеран турист туристка покупатель владелец владелица основатель
    основательница координатор менеджер администратор член архитектор дизайнер художник
    художница программист историк социолог психолог эколог агроном ветеринар пилот капитан
    машинист шахтер шахтёр металлург нефтяник энергетик библиотекарь музыкант композитор
    режиссер режиссёр продюсер актер актёр актриса фотограф повар спасатель пожарный
    полицейский пограничник
    белсендісі төрайымы инженері жұмысшысы фермері шаруасы кәсіпкері зейнеткері оқушысы
    ұстазы тәрбиешісі ғалымы академигі жазушы ақын әншісі спортшысы жаттықтырушысы
    құрылысшы тергеушісі прокуроры судьясы адвокаты заңгері мейіргері анасы әкесі куәгер
    сатушы волонтері мүшесі сәулетші сәулетшісі суретші суретшісі тарихшы психологы
    агрономы ұшқыш кеншісі мұнайшысы әртісі актері актрисасы режиссері продюсері
    фотографы аспазшысы құтқарушысы полицейі
    activist journalist writer teacher doctor student worker farmer owner founder
    coordinator manager witness
    """.split()
)
# Words that may stand before the position word in a title: "Первый заместитель…".
POSITION_MODIFIERS = frozenset(
    """
    первый главный генеральный исполнительный исполняющий и.о. врио бывший старший
    ведущий постоянный чрезвычайный специальный официальный независимый заслуженный
    народный почетный почётный вице former acting first deputy chief senior general
    special permanent executive
    """.split()
)
# Capitalized words that start sentences or headings and are never a speaker's name.
NOT_NAMES = frozenset(
    """
    в во на по с со к ко о об у из от до за для без при про над под через перед между и а но да
    или либо не ни это этот эта эти то тот та те так как также кроме однако сегодня вчера
    завтра итак например сейчас теперь здесь там тогда если когда что чтобы все всё всего его
    ее её их он она оно они мы вы я ты наш наша наши ваш свой кто где куда почему зачем вопрос
    ответ справка внимание примечание цитата итог итоги важно напомним кстати подробнее тема
    заголовок текст титр титры источник источники дата время место вывод выводы цель список
    пункт статья глава раздел часть этап шаг задача задачи результат результаты бұл ол біз сіз
    мен осы сол бүгін кеше және бірақ сондай-ақ сондықтан алайда мысалы яғни the a an in on at
    this that these those it he she we they i you but and or so if when what here there now
    today note for by from with also however example update question answer summary source
    sources headline photo video tags date time
    """.split()
)

# --- reporting verbs: a "title" holding one is narration ("…, рассказала:") ----------------
REPORTING_STEMS = (
    "сказал",
    "рассказал",
    "отметил",
    "заявил",
    "сообщил",
    "пояснил",
    "подчеркнул",
    "добавил",
    "говорит",
    "считает",
    "уверен",
    "поделил",
    "признал",
    "напомнил",
    "ответил",
    "уточнил",
    "объяснил",
    "рассуждает",
    "делится",
    "отмечает",
    "говорят",
    "говорил",
    "рассказыва",
    "заявля",
    "сообща",
    "поясня",
    "подчеркива",
    "объясня",
    "жалуют",
    "деді",
    "айтты",
    "атап",
    "мәлімдеді",
    "түсіндірді",
    "said",
    "says",
    "told",
    "added",
    "explained",
    "noted",
    "stated",
)
