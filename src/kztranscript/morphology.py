"""pymorphy3's Russian analysers, loaded once per process and only when a check or a Russian
script's line breaking asks for one (the dictionaries take a fraction of a second to load)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The full analyser: dictionary words and guesses for unknown ones (surnames)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def tagger() -> Any:
    """For the line breaker: dictionary words and guesses, unsorted by likelihood (the sort
    nearly doubles the time; agreement is judged over every analysis anyway)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(probability_estimator_cls=None)


@lru_cache(maxsize=1)
def dictionary_analyzer() -> Any:
    """Dictionary words only: a word it does not know has no parse (a third of the time of
    the full analyser, and no guesses to mislead the line breaker)."""
    import pymorphy3
    from pymorphy3.units import DictionaryAnalyzer

    return pymorphy3.MorphAnalyzer(units=[DictionaryAnalyzer()])
