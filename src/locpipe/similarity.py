"""Text similarity as GNU gettext measures it, and an index to search with it. Pure.

`similarity` is gettext's `fstrcmp`: 2·LCS / (len a + len b) over characters,
the measure msgmerge uses to carry a translation over to a changed msgid.
The longest common subsequence is computed by RapidFuzz (`LCSseq`, an exact
bit-parallel LCS in C++), and the ratio here, so scores are the same floats
whichever way a text is found.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

from rapidfuzz.distance import LCSseq

#: RapidFuzz's normalised Indel similarity is 1 - (len a + len b - 2·LCS) /
#: (len a + len b): the same ratio computed another way, and its cut-off
#: becomes a whole distance by rounding down ((1 - 0.6)·10 is 3.99…96, so
#: "App" would miss "Approve" at exactly 0.6). Searching this far below a
#: threshold finds every text whose exact score reaches it; the exact score
#: then decides.
_MARGIN = 1e-6


def similarity(a: str, b: str) -> float:
    """GNU gettext's `fstrcmp` similarity: 2·LCS(a, b) / (len a + len b),
    1.0 for equal texts, 0.0 for nothing in common."""
    if not a and not b:
        return 1.0
    return 2 * LCSseq.similarity(a, b) / (len(a) + len(b))


class SimilarityIndex:
    """Texts prepared for similarity search.

    A search looks only at texts whose length allows the threshold
    (2·min/(sum) bounds the score), lets RapidFuzz score those against it
    in one call (skipping early the ones that cannot reach the threshold),
    and computes the exact score of the few it returns. The result is the
    same as comparing every pair.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = list(texts)
        self._order = sorted(range(len(self._texts)), key=lambda i: len(self._texts[i]))
        self._sorted = [self._texts[i] for i in self._order]
        self._lengths = [len(t) for t in self._sorted]

    def _scored(
        self, text: str, threshold: float, strict: bool
    ) -> Iterator[tuple[float, float, int]]:
        """(RapidFuzz's score, exact score, index) of the texts scoring at
        least `threshold` (strictly above it when `strict`), RapidFuzz's
        score highest first."""
        n = len(text)
        low = int(threshold * n / (2 - threshold)) - 1
        high = int(n * (2 - threshold) / threshold) + 1
        start = bisect.bisect_left(self._lengths, low)
        stop = bisect.bisect_right(self._lengths, high)
        if start >= stop:
            return
        from rapidfuzz import process  # only a search needs it
        from rapidfuzz.distance import Indel

        found = process.extract(
            text,
            self._sorted[start:stop],
            scorer=Indel.normalized_similarity,
            score_cutoff=threshold - _MARGIN,
            limit=None,
        )
        for _, rough, k in found:
            candidate = self._sorted[start + k]
            score = 2 * LCSseq.similarity(text, candidate) / (n + len(candidate))
            if passes(score, threshold, strict):
                yield rough, score, self._order[start + k]

    def search(self, text: str, threshold: float, *, strict: bool) -> list[tuple[float, int]]:
        """(score, index) of every text scoring at least `threshold`
        (strictly above it when `strict`), in index order."""
        if not text or threshold <= 0:
            every = [(similarity(text, t), i) for i, t in enumerate(self._texts)]
            return [(s, i) for s, i in every if passes(s, threshold, strict)]
        return sorted(((s, i) for _, s, i in self._scored(text, threshold, strict)), key=_index)

    def best(self, text: str, threshold: float, *, strict: bool) -> list[tuple[float, int]]:
        """(score, index) of the texts with the highest score, if it is at
        least `threshold` (strictly above it when `strict`), in index order."""
        if not text or threshold <= 0:
            every = self.search(text, threshold, strict=strict)
            top = max((score for score, _ in every), default=None)
            return [(score, i) for score, i in every if score == top]
        found: list[tuple[float, int]] = []
        top = threshold
        for rough, score, i in self._scored(text, threshold, strict):
            if found and rough < top - _MARGIN:
                break
            if not found or score > top:
                found, top = [], score
            if score == top:
                found.append((score, i))
        return sorted(found, key=_index)


def _index(pair: tuple[float, int]) -> int:
    return pair[1]


def passes(score: float, threshold: float, strict: bool) -> bool:
    return score > threshold if strict else score >= threshold
