"""One sentence → the fewest, most natural cue-sized pieces (the cue-boundary chooser).

Dynamic programming over cut points: each piece must fit a cue and costs ``CUE_COST``, a
little for being shorter than a full cue, and what its own best layout costs
(``linebreak.best_layout``: a phrase or rule its line break would cut, its balance); the cue
boundary after it costs what the line-break rules say of that boundary
(``linebreak.gap_costs``: a cue break inside a noun phrase is as bad as a line break there).
A piece's layout is worked out only when it could still beat the best way found so far.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, pairwise

from kztranscript.cohesion import PHRASE_SPLIT
from kztranscript.layout import best_layout
from kztranscript.linebreak import gap_costs
from kztranscript.model import Language
from kztranscript.style import CaptionStyle

CUE_COST = 100.0  # prefer fewer cues…
SLACK_WEIGHT = 0.05  # …of even length
UNLAYABLE = 800  # a piece whose every two-line layout breaks a line-break rule
# A cue of a word or two that does not end its sentence flashes by half a thought.
FRAGMENT = 150
FRAGMENT_CHARS = 16
# …and a sentence's last cue of one word ("жабық.") or under this many characters dangles.
TAIL_CHARS = 10


def fragment(j: int, k: int, n: int, width: int) -> bool:
    """Whether piece j..k-1 of a sentence of n words is a fragment: a cue that does not end
    the sentence and holds two words or fewer (or under ``FRAGMENT_CHARS``), or the last cue
    of a sentence cut in pieces holding one word (or under ``TAIL_CHARS``)."""
    if k < n:
        return k - j <= 2 or width < FRAGMENT_CHARS
    return j > 0 and (k - j == 1 or width < TAIL_CHARS)


@lru_cache(maxsize=64)
def _slack_costs(cap: int, widest: int) -> tuple[float, ...]:
    """What a piece of each width up to ``widest`` costs for being shorter than ``cap``."""
    return tuple(
        SLACK_WEIGHT * (cap - w) * (cap - w) / 10 if w < cap else 0.0 for w in range(widest + 1)
    )


class _Chunker:
    """The pieces of one sentence: the words' widths and boundary costs, and the search."""

    def __init__(
        self,
        words: Sequence[str],
        style: CaptionStyle,
        costs: Sequence[float],
        cue_costs: Sequence[float],
    ) -> None:
        self.n = len(words)
        self.style = style
        self.limit, self.max_lines = style.max_chars, style.max_lines
        self.prefix = [0, *accumulate(len(w) + 1 for w in words)]
        self.costs = costs
        self.cue_costs = cue_costs
        # widest piece, with spaces
        self.piece_max = self.max_lines * (max(self.limit, *map(len, words), 0) + 1)
        self.slack_cost = _slack_costs(self.limit * self.max_lines, self.piece_max)

    def longest(self, j: int) -> int:
        """The end of the longest piece from j (greedy fill of max_lines lines, as fits())."""
        end = j
        for _ in range(self.max_lines):
            nxt = bisect_right(self.prefix, self.prefix[end] + self.limit + 1, end + 1) - 1
            end = nxt if nxt > end else end + 1  # a single over-long word takes a line alone
            if end >= self.n:
                return self.n
        return end

    def layout_cost(self, j: int, k: int) -> float:
        """What the best layout of words j..k-1 costs (0 on one line)."""
        if self.prefix[k] - self.prefix[j] - 1 <= self.limit:
            return 0.0
        best = best_layout(self.prefix, self.costs, j, k, self.style)
        return best[0] if best is not None else UNLAYABLE

    def piece(self, j: int, k: int) -> float:
        """What piece j..k-1 costs, layout aside: CUE_COST, slack, a fragment, the cue
        boundary after it."""
        width = self.prefix[k] - self.prefix[j] - 1
        cost = CUE_COST + self.slack_cost[width] + (self.cue_costs[k - 1] if k < self.n else 0.0)
        if fragment(j, k, self.n, width):
            cost += FRAGMENT
        return cost

    def upper_bound(self) -> float:
        """The cost of the greedy split (the longest piece each time): no answer costs more."""
        total, j = 1e-6, 0  # never prune a tie
        while j < self.n:
            k = self.longest(j)
            total += self.piece(j, k) + self.layout_cost(j, k)
            j = k
        return total

    def lower_bounds(self, floor: float) -> list[float]:
        """From each cut point k to the end, no less than: the pieces the rest needs by width,
        each CUE_COST and the cheapest layout, and the cheapest cue boundary between them."""
        n, prefix = self.n, self.prefix
        cheapest = min(0.0, *self.cue_costs) if self.cue_costs else 0.0
        out = [0.0] * (n + 1)
        for k in range(n):
            q = -(-(prefix[n] - prefix[k]) // self.piece_max)
            out[k] = q * (CUE_COST + floor) + (q - 1) * cheapest
        return out

    def cuts(self) -> list[int]:
        """The cut points of the cheapest split (0 and n included): every piece costs
        CUE_COST, its slack, its best layout, and the cue boundary after it. A piece's layout
        is worked out only when the piece could still lead to the cheapest split."""
        n, prefix, inf, limit = self.n, self.prefix, float("inf"), self.limit
        breaks = max(1, self.max_lines - 1)
        # no layout costs less: every line break at the cheapest gap, and perfect balance
        floor = (min(0.0, *self.costs) if self.costs else 0.0) * breaks
        upper, lower = self.upper_bound(), self.lower_bounds(floor)
        best: list[float] = [inf] * (n + 1)
        prev = [0] * (n + 1)
        best[0] = 0.0
        slack, cue_costs, costs = self.slack_cost, self.cue_costs, self.costs
        for j in range(n):
            base = best[j]
            if base == inf:
                continue
            cheapest = 0.0  # the cheapest line break inside piece j..k-1 so far
            for k in range(j + 1, self.longest(j) + 1):
                # self.piece(j, k), inlined: this loop is the captioner's hottest
                width = prefix[k] - prefix[j] - 1
                cost = base + CUE_COST + slack[width]
                if k < n:
                    cost += cue_costs[k - 1]
                    if k - j <= 2 or width < FRAGMENT_CHARS:
                        cost += FRAGMENT
                elif j > 0 and (k - j == 1 or width < TAIL_CHARS):
                    cost += FRAGMENT  # fragment(j, k, n, width), inlined
                if width > limit:
                    # the piece's layout costs at least its cheapest break(s)
                    bound = cost + cheapest * breaks
                    if bound >= best[k] or bound + lower[k] > upper:
                        if k < n and costs[k - 1] < cheapest:
                            cheapest = costs[k - 1]
                        continue
                    cost += self.layout_cost(j, k)
                if cost < best[k] and cost + lower[k] <= upper:
                    best[k] = cost
                    prev[k] = j
                if k < n and costs[k - 1] < cheapest:
                    cheapest = costs[k - 1]
        cuts = [n]
        while cuts[-1] > 0:
            cuts.append(prev[cuts[-1]])
        return cuts[::-1]


def chunk_sentence(
    words: Sequence[str],
    style: CaptionStyle,
    costs: Sequence[float] | None = None,
    language: Language | None = None,
    cue_costs: Sequence[float] | None = None,
) -> list[tuple[str, ...]]:
    """Cut one sentence into the fewest, most natural cue-sized pieces.

    ``costs`` are the words' ``linebreak.gap_costs`` when the caller has them, else they
    are computed with the word lists of ``language``; ``cue_costs`` what a cue break costs
    at each gap (default: the same). A sentence that fits one cue stays whole unless every
    layout of it cuts a phrase or breaks a rule.

    >>> [len(p) for p in chunk_sentence(("слово " * 30).split(), CaptionStyle())]
    [10, 10, 10]
    """
    if not words:
        return [tuple(words)]
    if costs is None:
        costs = gap_costs(words, language)
    chunker = _Chunker(words, style, costs, cue_costs if cue_costs is not None else costs)
    if chunker.longest(0) == chunker.n and chunker.layout_cost(0, chunker.n) < PHRASE_SPLIT:
        return [tuple(words)]  # fits one cue, and reads well in it
    return [tuple(words[a:b]) for a, b in pairwise(chunker.cuts())]
