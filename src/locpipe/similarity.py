"""Text similarity as GNU gettext measures it, and an index to search with it. Pure.

`similarity` is gettext's `fstrcmp`: 2·LCS / (len a + len b) over characters,
the measure msgmerge uses to carry a translation over to a changed msgid.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported on first use: a no-change run never needs it
    import numpy as np
    import numpy.typing as npt

#: `best` bounds the scores of a few texts one by one, and those of many
#: texts, or of an index searched more than a few times, through the count
#: matrix: numpy's import alone costs more than a few searches of a few
#: thousand texts (a re-run that changed one sentence makes one search).
_SMALL = 2000
_SMALL_INDEX = 64
_FEW_SEARCHES = 8

#: Characters that get a column of their own in the count matrix of `best`
#: (the most frequent ones); the others are counted together.
_COLUMNS = 255


def _masks(text: str) -> dict[str, int]:
    """For each character of `text`, the bit set of its positions."""
    masks: dict[str, int] = {}
    for i, char in enumerate(text):
        masks[char] = masks.get(char, 0) | (1 << i)
    return masks


def _lcs(masks: Mapping[str, int], length: int, other: str) -> int:
    """Length of the longest common subsequence of the text behind `masks`
    (of `length` characters) and `other`; bit-parallel (Hyyrö 2004), so one
    pass over `other` with a few big-integer operations per character."""
    full = (1 << length) - 1
    v = full
    for char in other:
        u = v & masks.get(char, 0)
        v = ((v + u) | (v - u)) & full
    return length - v.bit_count()


def similarity(a: str, b: str) -> float:
    """GNU gettext's `fstrcmp` similarity: 2·LCS(a, b) / (len a + len b),
    1.0 for equal texts, 0.0 for nothing in common."""
    if not a and not b:
        return 1.0
    return 2 * _lcs(_masks(a), len(a), b) / (len(a) + len(b))


class SimilarityIndex:
    """Texts prepared for similarity search.

    A search looks only at texts whose length allows the threshold
    (2·min/(sum) bounds the score), then drops those whose shared character
    counts cannot reach it (the `quick_ratio` bound, from counts computed
    once), and computes the exact LCS only for the rest. All three bounds
    are exact, so the result is the same as comparing every pair.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = list(texts)
        self._order = sorted(range(len(self._texts)), key=lambda i: len(self._texts[i]))
        self._lengths = [len(self._texts[i]) for i in self._order]
        self._counts: dict[int, Counter[str]] = {}
        self._masks: dict[int, dict[str, int]] = {}
        self._matrix: _CountMatrix | None = None
        self._searches = 0

    def search(self, text: str, threshold: float, *, strict: bool) -> list[tuple[float, int]]:
        """(score, index) of every text scoring at least `threshold`
        (strictly above it when `strict`), in index order."""
        n = len(text)
        if n == 0 or threshold <= 0:
            return [(similarity(text, t), i) for i, t in enumerate(self._texts)]
        found: list[tuple[float, int]] = []
        for _, i in self._bounded(text, threshold, strict):
            candidate = self._texts[i]
            masks = self._masks.get(i)
            if masks is None:
                masks = self._masks[i] = _masks(candidate)
            score = 2 * _lcs(masks, len(candidate), text) / (n + len(candidate))
            if passes(score, threshold, strict):
                found.append((score, i))
        found.sort(key=lambda pair: pair[1])
        return found

    def _bounded(self, text: str, threshold: float, strict: bool) -> list[tuple[float, int]]:
        """(score bound, index) of the texts whose length and shared
        characters allow `threshold`, highest bound first (then index order):
        the candidates `search` scores, and `best`'s without the count matrix."""
        n = len(text)
        low = int(threshold * n / (2 - threshold)) - 1
        high = int(n * (2 - threshold) / threshold) + 1
        start = bisect.bisect_left(self._lengths, low)
        stop = bisect.bisect_right(self._lengths, high)
        counts = Counter(text)
        found: list[tuple[float, int]] = []
        for i in self._order[start:stop]:
            bag = self._counts.get(i)
            if bag is None:
                bag = self._counts[i] = Counter(self._texts[i])
            shared = sum(min(c, counts[ch]) for ch, c in bag.items() if ch in counts)
            bound = 2 * shared / (n + len(self._texts[i]))
            if passes(bound, threshold, strict):
                found.append((bound, i))
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        return found

    def best(self, text: str, threshold: float, *, strict: bool) -> list[tuple[float, int]]:
        """(score, index) of the texts with the highest score, if it is at
        least `threshold` (strictly above it when `strict`), in index order.

        The same answer as the top of `search`, found faster: the length and
        character-count bounds of every text are computed at once, and exact
        scores are computed best bound first, only while a bound can still
        reach the best score found.
        """
        if not text or threshold <= 0 or not self._texts:
            every = self.search(text, threshold, strict=strict)
            best = max((score for score, _ in every), default=None)
            return [(score, i) for score, i in every if score == best]
        ordered: Iterable[tuple[float, int]]
        self._searches += 1
        size = len(self._texts)
        if self._matrix is None and (
            size <= _SMALL_INDEX or (size <= _SMALL and self._searches <= _FEW_SEARCHES)
        ):
            ordered = self._bounded(text, threshold, strict)
        else:
            if self._matrix is None:
                self._matrix = _CountMatrix(self._texts)
            bounds = self._matrix.bounds(text)
            order = (-bounds).argsort(kind="stable")
            ordered = ((float(bounds[i]), i) for i in order.tolist())
        masks = _masks(text)
        n = len(text)
        top = threshold
        found: list[tuple[float, int]] = []
        for bound, i in ordered:
            if bound < top or not passes(bound, threshold, strict):
                break
            candidate = self._texts[i]
            score = 2 * _lcs(masks, n, candidate) / (n + len(candidate))
            if not passes(score, threshold, strict) or (found and score < top):
                continue
            if not found or score > top:
                found, top = [], score
            found.append((score, i))
        found.sort(key=lambda pair: pair[1])
        return found


class _CountMatrix:
    """Character counts of many texts, for bounding all their scores at once.

    LCS(a, b) is at most the characters a and b have in common counted with
    multiplicity, so 2·common / (len a + len b) bounds the score. Frequent
    characters have a column each; the rest are pooled, which only loosens
    the bound (it stays a bound).
    """

    def __init__(self, texts: Sequence[str]) -> None:
        import numpy as np

        totals: Counter[str] = Counter()
        bags = [Counter(t) for t in texts]
        for bag in bags:
            totals.update(bag)
        self._column = {ch: k for k, (ch, _) in enumerate(totals.most_common(_COLUMNS))}
        self._counts = np.zeros((len(texts), len(self._column) + 1), dtype=np.int32)
        for row, bag in enumerate(bags):
            for ch, count in bag.items():
                self._counts[row, self._column.get(ch, len(self._column))] += count
        self._lengths = np.array([len(t) for t in texts], dtype=np.int64)

    def bounds(self, text: str) -> npt.NDArray[np.float64]:
        """The score bound of `text` against every text, as float64."""
        import numpy as np

        query = np.zeros(len(self._column) + 1, dtype=np.int32)
        for ch, count in Counter(text).items():
            query[self._column.get(ch, len(self._column))] += count
        common = np.minimum(self._counts, query).sum(axis=1)
        bounds: npt.NDArray[np.float64] = 2 * common / (len(text) + self._lengths)
        return bounds


def passes(score: float, threshold: float, strict: bool) -> bool:
    return score > threshold if strict else score >= threshold
