"""Laying out the words of one cue as lines: the best cut points by the costs of
``linebreak`` (the rules at each boundary) plus balance, short lines and a shorter top line.

Fewest lines first: a third line only when every two-line layout breaks a rule.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import combinations, pairwise

from kztranscript.linebreak import (
    ILLEGAL,
    SHORT_LINE,
    SHORT_LINE_CHARS,
    TOP_HEAVY,
    gap_costs,
)
from kztranscript.model import Language
from kztranscript.style import CaptionStyle

_Layout = tuple[float, tuple[int, ...]]  # (cost, cut points)
# What a character of imbalance between the lines costs: balance matters, but less than
# where the lines break (a phrase a line reads better than two even halves).
BALANCE = 1.0


def best_layout(
    prefix: Sequence[int], costs: Sequence[float], j: int, k: int, style: CaptionStyle
) -> _Layout | None:
    """The best way to lay out words j..k-1 in 2..max_lines lines, or None if none fits.

    ``prefix[i]`` is the width of the first i words with a space after each; ``costs[c - 1]``
    is what a break before word c costs. Cut points in the result are word indices.
    """
    if style.max_lines < 2 or k - j < 2:
        return None
    best = _two_lines(prefix, costs, j, k, style.max_chars)
    for lines in range(3, style.max_lines + 1):
        if best is not None and best[0] < ILLEGAL:
            break  # fewest lines first, unless every layout so far breaks a rule
        more = _k_lines(prefix, costs, j, k, style.max_chars, lines)
        if more is not None and (best is None or more < best):
            best = more
    return best


def _two_lines(
    prefix: Sequence[int], costs: Sequence[float], j: int, k: int, limit: int
) -> _Layout | None:
    """The best two-line layout, the common case: one pass over the cut points where the
    bottom line fits (found by bisection: the words before them cannot make it fit)."""
    start, total = prefix[j], prefix[k] - prefix[j]
    best: _Layout | None = None
    first = max(j + 1, min(bisect_left(prefix, prefix[k] - limit - 1, j + 1, k), k - 1))
    for c in range(first, k):
        top = prefix[c] - start - 1
        bottom = total - (prefix[c] - start) - 1
        if top > limit and c > j + 1:
            break
        if bottom > limit and k - c > 1:
            continue
        cost = costs[c - 1] + BALANCE * abs(top - bottom)
        cost += (SHORT_LINE if top < SHORT_LINE_CHARS else 0) + (
            SHORT_LINE if bottom < SHORT_LINE_CHARS else 0
        )
        if top > bottom:
            cost += TOP_HEAVY
        if best is None or (cost, (c,)) < best:
            best = (cost, (c,))
    return best


def _k_lines(
    prefix: Sequence[int], costs: Sequence[float], j: int, k: int, limit: int, lines: int
) -> _Layout | None:
    """The best layout in exactly ``lines`` lines (three: few words, every cut is tried)."""
    best: _Layout | None = None
    for cuts in combinations(range(j + 1, k), lines - 1):
        bounds = (j, *cuts, k)
        widths = [prefix[b] - prefix[a] - 1 for a, b in pairwise(bounds)]
        if any(w > limit and b - a > 1 for w, (a, b) in zip(widths, pairwise(bounds), strict=True)):
            continue
        cost = sum(costs[c - 1] for c in cuts)
        cost += BALANCE * (max(widths) - min(widths))
        cost += sum(SHORT_LINE for w in widths if w < SHORT_LINE_CHARS)  # no stubby lines
        if widths[0] > widths[-1]:
            cost += TOP_HEAVY  # bottom-heavy on ties: a shorter top line
        key = (cost, cuts)
        if best is None or key < best:
            best = key
    return best


def break_lines(
    words: Sequence[str],
    style: CaptionStyle,
    tr: Sequence[int] | None = None,
    language: Language | None = None,
    costs: Sequence[float] | None = None,
) -> tuple[str, ...]:
    """Lay out the words of one cue as lines by the broadcast rules.

    The words must fit (see ``fits``); a single word longer than a line stands alone.
    ``costs`` are the words' ``gap_costs`` when the caller has them (else computed from
    ``tr``, the words' ``traits``, with the word lists of ``language``).

    >>> break_lines("Председатель Конституционного суда Эльвира Азимова".split(), CaptionStyle())
    ('Председатель Конституционного суда', 'Эльвира Азимова')
    """
    n = len(words)
    if n == 0:
        return ()
    if n == 1 or sum(map(len, words)) + n - 1 <= style.max_chars:
        return (" ".join(words),)
    if costs is None:
        costs = gap_costs(words, language, tr)
    prefix = [0]
    for w in words:
        prefix.append(prefix[-1] + len(w) + 1)
    best = best_layout(prefix, costs, 0, n, style)
    if best is None:  # nothing fits in max_lines (the chunker prevents this): fill greedily
        out: list[str] = []
        for w in words:
            if out and len(out[-1]) + 1 + len(w) <= style.max_chars:
                out[-1] += " " + w
            else:
                out.append(w)
        return tuple(out)
    bounds = (0, *best[1], n)
    return tuple(" ".join(words[a:b]) for a, b in pairwise(bounds))
