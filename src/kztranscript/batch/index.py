"""The archive's speaker index: every speaker of a batch run, spelling variants merged."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kztranscript.speakers import title_key
from kztranscript.writers.lowerthirds import inert

SPEAKER_FIELDS = (
    "key",
    "name",
    "variants",
    "titles",
    "roles",
    "scripts",
    "appearances",
    "first_script",
)


@dataclass(frozen=True, slots=True)
class SpeakerSeen:
    """One appearance of a named speaker in one script (sent from a worker)."""

    key: str  # speakers.name_key of the name
    name: str
    title: str
    role: str


@dataclass
class SpeakerIndex:
    """What the archive knows of one person, folded over their appearances."""

    name: str
    variants: dict[str, None] = field(default_factory=dict)
    titles: dict[str, None] = field(default_factory=dict)
    roles: dict[str, None] = field(default_factory=dict)
    scripts: set[str] = field(default_factory=set)
    appearances: int = 0
    first_script: str = ""


def csv_line(values: Iterable[Any]) -> str:
    """One CSV row, cells made inert for spreadsheets."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([inert(v) for v in values])
    return buf.getvalue()


def fold_speaker(speakers: dict[str, SpeakerIndex], seen: SpeakerSeen, script: str) -> None:
    sp = speakers.get(seen.key)
    if sp is None:
        sp = speakers[seen.key] = SpeakerIndex(seen.name, first_script=script)
    sp.variants[seen.name] = None
    # "Аким Астаны" (written before the name) and "аким Астаны" are one title
    if seen.title and title_key(seen.title) not in map(title_key, sp.titles):
        sp.titles[seen.title] = None
    sp.roles[seen.role] = None
    sp.scripts.add(script)
    sp.appearances += 1


def speakers_csv(speakers: dict[str, SpeakerIndex]) -> str:
    buf = io.StringIO()
    buf.write(csv_line(SPEAKER_FIELDS))
    for k in sorted(speakers):
        sp = speakers[k]
        buf.write(
            csv_line(
                [
                    k,
                    sp.name,
                    " | ".join(sorted(sp.variants)),
                    " | ".join(sorted(sp.titles)),
                    " ".join(sorted(sp.roles)),
                    len(sp.scripts),
                    sp.appearances,
                    sp.first_script,
                ]
            )
        )
    return buf.getvalue()
