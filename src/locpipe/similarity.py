"""Text similarity as GNU gettext measures it, and an index to search with it. Pure.

`similarity` is gettext's `fstrcmp`: 2·LCS / (len a + len b) over characters,
the measure msgmerge uses to carry a translation over to a changed msgid.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence


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

    def search(self, text: str, threshold: float, *, strict: bool) -> list[tuple[float, int]]:
        """(score, index) of every text scoring at least `threshold`
        (strictly above it when `strict`), in index order."""
        n = len(text)
        if n == 0 or threshold <= 0:
            return [(similarity(text, t), i) for i, t in enumerate(self._texts)]
        low = int(threshold * n / (2 - threshold)) - 1
        high = int(n * (2 - threshold) / threshold) + 1
        start = bisect.bisect_left(self._lengths, low)
        stop = bisect.bisect_right(self._lengths, high)
        counts = Counter(text)
        found: list[tuple[float, int]] = []
        for i in self._order[start:stop]:
            candidate = self._texts[i]
            total = n + len(candidate)
            bag = self._counts.get(i)
            if bag is None:
                bag = self._counts[i] = Counter(candidate)
            shared = sum(min(c, counts[ch]) for ch, c in bag.items() if ch in counts)
            if not passes(2 * shared / total, threshold, strict):
                continue
            masks = self._masks.get(i)
            if masks is None:
                masks = self._masks[i] = _masks(candidate)
            score = 2 * _lcs(masks, len(candidate), text) / total
            if passes(score, threshold, strict):
                found.append((score, i))
        found.sort(key=lambda pair: pair[1])
        return found


def passes(score: float, threshold: float, strict: bool) -> bool:
    return score > threshold if strict else score >= threshold
