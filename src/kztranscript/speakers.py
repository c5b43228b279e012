"""Who is the same person: name keys, spelling variants, title keys, short names, roles.

One definition for the parser (``Ластаев:`` resolves to Артур Ластаев), the producer checks
(one person spelled two ways), the batch speaker index (variants across an archive), captions
and lower-thirds (a change of speaker). A marker speaker's exact identity as written is
``Speaker.identity`` in the model; here is what makes two spellings one person.
"""

from __future__ import annotations

from collections.abc import Sequence

from kztranscript.lexicon import ANY
from kztranscript.model import Role, Speaker
from kztranscript.text import bare, fold, unconfuse


def name_key(name: str) -> str:
    """Identity of a name across spellings: case, Ё/Е and Latin look-alikes folded.

    >>> name_key("Артём  Ластаев") == name_key("артем Лacтаев")
    True
    """
    return " ".join(fold(unconfuse(name)).split())


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһі", "агкноуухи", "ьъ")


def spelling_key(name: str) -> str:
    """A name with every difference of spelling that is not a different name folded away:
    case, Ё/Е, look-alikes, Kazakh letters written as Russian ones (Жеңіс / Женис,
    Гүлнұр / Гульнур), and the order of its words (Жумабаев Талгат / Талгат Жумабаев).

    >>> spelling_key("Жеңіс Қасымбек") == spelling_key("Касымбек Женис")
    True
    """
    return " ".join(sorted(name_key(name).translate(_KAZAKH_TO_RUSSIAN).split()))


def same_person(a: str, b: str) -> bool:
    """Whether two names are one person written two ways (Ё/Е, look-alikes, Kazakh letters
    as Russian ones, word order, a typo or two).

    >>> same_person("Эльвира Азимова", "Эльвира Азимава"), same_person("Эльвира", "Азимова")
    (True, False)
    """
    ka, kb = name_key(a), name_key(b)
    if ka == kb or spelling_key(a) == spelling_key(b):
        return True
    ka, kb = spelling_key(a), spelling_key(b)
    ta, tb = ka.split(), kb.split()
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    # Spelling variants: every word close, and the whole name at most two edits apart.
    return _distance(ka, kb) <= 2 and all(_distance(x, y) <= 2 for x, y in zip(ta, tb, strict=True))


class SpellingIndex:
    """Names seen so far, found again by ``same_person`` in time independent of how many
    there are: each name's spelling key and every string one or two deletions from it point
    to the name (two strings two edits apart share such a string: the symmetric-delete
    index of SymSpell), so only those candidates are compared. Without it a check of 2,000
    speakers compared every pair (40 ms a speaker).

    >>> index = SpellingIndex()
    >>> index.add("Эльвира Азимова"); index.add("Асхат Беков")
    0
    1
    >>> index.matches("Эльвира Азимава"), index.matches("Марат Омаров")
    ([0], [])
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self._by_variant: dict[str, list[int]] = {}

    def add(self, name: str) -> int:
        """Remember ``name``; its number (in order of adding)."""
        number = len(self.names)
        self.names.append(name)
        for variant in _deletions(spelling_key(name)):
            self._by_variant.setdefault(variant, []).append(number)
        return number

    def matches(self, name: str) -> list[int]:
        """The numbers of the names added that ``same_person`` joins to ``name``, in order."""
        found: set[int] = set()
        for variant in _deletions(spelling_key(name)):
            found.update(self._by_variant.get(variant, ()))
        return [k for k in sorted(found) if same_person(name, self.names[k])]


def _deletions(key: str, depth: int = 2) -> set[str]:
    """``key`` and every string made from it by deleting one or two characters."""
    out = {key}
    edge = {key}
    for _ in range(depth):
        edge = {w[:i] + w[i + 1 :] for w in edge for i in range(len(w))}
        out |= edge
    return out


def title_key(title: str) -> str:
    """A title as compared between markers: a title written before the name starts with a
    capital ("Аким Астаны Женис Касымбек:") that the same title after it does not.

    >>> title_key("Аким Астаны") == title_key("аким Астаны")
    True
    """
    return title[:1].lower() + title[1:]


def resolve_short_name(name: str, known: Sequence[Speaker]) -> Speaker | None:
    """The speaker a later mention means: the same full name, or a surname (or another single
    name word) that only one known speaker has. ``known`` in order of appearance.

    >>> sp = Speaker("Артур Ластаев", "аким")
    >>> resolve_short_name("Ластаев", [sp]) is sp
    True
    """
    key = [fold(t) for t in name.split()]
    for sp in reversed(known):
        if sp.name is None:
            continue
        if key == [fold(t) for t in sp.name.split()]:
            return sp
    if len(key) == 1:
        hits = [sp for sp in known if sp.name and fold(sp.name.split()[-1]) == key[0]]
        if not hits:
            hits = [sp for sp in known if sp.name and key[0] in map(fold, sp.name.split())]
        if len({sp.name for sp in hits}) == 1:
            return hits[-1]
    return None


def role_of(title: str | None) -> Role:
    """Role from a marker title: correspondent, anchor, or (default) interviewee.

    >>> [role_of(t).value for t in ("корреспондент", "ведущий специалист", "ведущая")]
    ['correspondent', 'interviewee', 'anchor']
    """
    if not title:
        return Role.INTERVIEWEE
    words = [w for w in map(bare, title.split()) if w]
    lex = ANY
    for w in words:
        if w in lex.correspondent_abbreviations or w.startswith(lex.correspondent_stems):
            return Role.CORRESPONDENT
    for i, w in enumerate(words):
        if w in lex.anchor_words and w.startswith("жүргізуші") and i > 0:
            # Kazakh puts what is presented first: "бағдарламасының жүргізушісі" presents a
            # programme, "такси жүргізушісі" drives a taxi
            if words[i - 1].startswith(lex.programme_stems) or "«" in title:
                return Role.ANCHOR
            continue
        if w in lex.anchor_words and i == 0 and title.split()[0].endswith(","):
            return Role.ANCHOR  # "Presenter, Female #1": the role, then who
        if w in lex.anchor_words:
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is None or nxt in lex.anchor_next_words or "«" in title:
                return Role.ANCHOR
    return Role.INTERVIEWEE
