"""One sentence → the fewest, most natural cue-sized pieces (the cue-boundary chooser).

Dynamic programming over cut points: each piece must fit a cue; a cut costs what the
line-break rules say of that boundary (``linebreak.pair_costs``), uneven pieces cost a
little, and a piece whose every two-line layout would break a rule costs a lot.

The search is pruned, never changing its answer: a greedy cut gives an upper bound, and the
rest of the sentence after a cut point costs at least ``CUE_COST`` for each piece its width
needs plus the best cut bonuses left, so a cut point that cannot lead to a solution as good
is never recorded.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, pairwise

from kztranscript.linebreak import ILLEGAL, pair_costs, traits
from kztranscript.model import Language
from kztranscript.style import CaptionStyle

CUE_COST = 100.0  # prefer fewer cues…
SLACK_WEIGHT = 0.05  # …of even length
UNLAYABLE = 800  # a piece whose every two-line layout breaks a line-break rule


@lru_cache(maxsize=64)
def _slack_costs(cap: int, widest: int) -> tuple[float, ...]:
    """What a piece of each width up to ``widest`` costs for being shorter than ``cap``."""
    return tuple(
        SLACK_WEIGHT * (cap - w) * (cap - w) / 10 if w < cap else 0.0 for w in range(widest + 1)
    )


class _Chunker:
    """The pieces of one sentence: the words' widths and boundary costs, and the search."""

    def __init__(self, words: Sequence[str], style: CaptionStyle) -> None:
        self.n = len(words)
        self.limit, self.max_lines = style.max_chars, style.max_lines
        self.prefix = [0, *accumulate(len(w) + 1 for w in words)]

    def prepare(self, words: Sequence[str], tr: Sequence[int]) -> None:
        """Boundary costs and width tables (only for sentences that need cutting)."""
        n, prefix = self.n, self.prefix
        self.cut_cost = [0.0, *pair_costs(tr), 0.0]
        # legal_before[c]: how many cut points before c no rule forbids (O(1) range checks)
        self.legal_before = [0, 0, *accumulate(c < ILLEGAL for c in self.cut_cost[1:n])]
        # widest piece, with spaces
        self.piece_max = self.max_lines * (max(self.limit, *map(len, words)) + 1)
        self.slack_cost = _slack_costs(self.limit * self.max_lines, self.piece_max)
        # lo[k]: the first cut point where the bottom line of a piece ending at k fits
        self.lo = [bisect_left(prefix, p - self.limit - 1) for p in prefix]

    def longest(self, j: int) -> tuple[int, int]:
        """The end of the longest piece from j (greedy fill of max_lines lines, as fits()),
        and the last cut point where a top line from j fits."""
        end = j
        first = -1
        for _ in range(self.max_lines):
            nxt = bisect_right(self.prefix, self.prefix[end] + self.limit + 1, end + 1) - 1
            if first < 0:
                first = nxt
            end = nxt if nxt > end else end + 1  # a single over-long word takes a line alone
            if end >= self.n:
                return self.n, first
        return end, first

    def rule_breaking(self, j: int, k: int, hi_j: int) -> bool:
        """Whether words[j:k] (wider than a line) has no two-line layout at a legal cut."""
        a = self.lo[k] if self.lo[k] > j else j + 1  # the bottom line fits
        b = hi_j if hi_j < k else k - 1  # the top line fits
        return a > b or self.legal_before[b + 1] == self.legal_before[a]

    def lower_bounds(self) -> list[float]:
        """From each cut point k to the end: the q pieces the rest needs by width cost
        CUE_COST each, and the q - 1 cuts between them at least the two best bonuses after
        k, then the second best for each further cut."""
        n, cut_cost = self.n, self.cut_cost
        if CUE_COST + min(cut_cost) <= 0:  # more pieces would not always cost more
            return [-float("inf")] * (n + 1)
        lower = [0.0] * (n + 1)
        best1 = best2 = 0.0  # the two lowest cut costs (at most 0) after k
        for k in range(n - 1, -1, -1):
            c = cut_cost[k + 1] if k + 1 < n else 0.0
            if c < best2:
                best1, best2 = (c, best1) if c < best1 else (best1, c)
            q = -(-(self.prefix[n] - self.prefix[k]) // self.piece_max)
            lower[k] = q * CUE_COST + (best1 + (q - 2) * best2 if q > 1 else 0.0)
        return lower

    def upper_bound(self) -> float:
        """The cost of the greedy cut, backing off from cut points a rule forbids."""
        upper = 1e-6  # never prune a tie
        j = 0
        while j < self.n:
            end, hi_j = self.longest(j)
            k = end
            while k > j + 1 and self.cut_cost[k] >= ILLEGAL:
                k -= 1
            if self.cut_cost[k] >= ILLEGAL:
                k = end
            width = self.prefix[k] - self.prefix[j] - 1
            upper += CUE_COST + self.slack_cost[width] + self.cut_cost[k]
            if width > self.limit and self.rule_breaking(j, k, hi_j):
                upper += UNLAYABLE
            j = k
        return upper

    def cuts(self) -> list[int]:
        """The cut points of the cheapest split (0 and n included)."""
        n, prefix, inf = self.n, self.prefix, float("inf")
        slack_cost, cut_cost, limit = self.slack_cost, self.cut_cost, self.limit
        lower, upper = self.lower_bounds(), self.upper_bound()
        best: list[float] = [inf] * (n + 1)
        prev = [0] * (n + 1)
        best[0] = 0.0
        for j in range(n):
            base = best[j]
            if base == inf:
                continue
            end, hi_j = self.longest(j)
            base += CUE_COST
            start = prefix[j] + 1
            for k in range(j + 1, end + 1):
                width = prefix[k] - start
                cost = base + slack_cost[width] + cut_cost[k]
                if cost >= best[k] or cost + lower[k] > upper:
                    continue
                if width > limit and self.rule_breaking(j, k, hi_j):
                    cost += UNLAYABLE  # every layout of this piece would break a rule
                    if cost >= best[k] or cost + lower[k] > upper:
                        continue
                best[k] = cost
                prev[k] = j
        cuts = [n]
        while cuts[-1] > 0:
            cuts.append(prev[cuts[-1]])
        return cuts[::-1]


def chunk_sentence(
    words: Sequence[str],
    style: CaptionStyle,
    tr: Sequence[int] | None = None,
    language: Language | None = None,
) -> list[tuple[str, ...]]:
    """Cut one sentence into the fewest, most natural cue-sized pieces.

    ``tr`` are the words' traits (``linebreak.traits``) when the caller has them, else they
    are computed with the word lists of ``language``.

    >>> [len(p) for p in chunk_sentence(("слово " * 30).split(), CaptionStyle())]
    [10, 10, 10]
    """
    chunker = _Chunker(words, style)
    if not words or chunker.longest(0)[0] == chunker.n:  # fits one cue
        return [tuple(words)]
    chunker.prepare(words, tr if tr is not None else [traits(w, language) for w in words])
    return [tuple(words[a:b]) for a, b in pairwise(chunker.cuts())]
