"""locpipe.similarity: the index finds exactly what comparing every pair finds.

`best` searches small indexes one text at a time and large ones through the
count matrix; both must give the top of a brute-force comparison.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.similarity import _FEW_SEARCHES, _SMALL, SimilarityIndex, similarity

WORDS = "the a plan city new budget bridge repair study council approved rejected on of".split()


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))) + rng.choice(".?")


def _brute(texts: list[str], query: str, threshold: float, strict: bool) -> list[tuple[float, int]]:
    scored = [(similarity(query, t), i) for i, t in enumerate(texts)]
    top = max(
        (s for s, _ in scored if s > threshold or (s == threshold and not strict)), default=None
    )
    return [(s, i) for s, i in scored if s == top]


@pytest.mark.parametrize("size", [40, _SMALL // 10, _SMALL + 100], ids=["tiny", "small", "large"])
@settings(max_examples=8, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    threshold=st.sampled_from([0.6, 0.8, 0.95]),
    strict=st.booleans(),
)
def test_best_is_the_top_of_every_pair(
    size: int, seed: int, threshold: float, strict: bool
) -> None:
    rng = random.Random(seed)
    texts = [_sentence(rng) for _ in range(size)]
    index = SimilarityIndex(texts)
    # Enough searches that a small index switches to the count matrix too.
    for n in range(_FEW_SEARCHES + 2):
        query = _sentence(rng) if n % 2 else texts[rng.randrange(size)]
        assert index.best(query, threshold, strict=strict) == _brute(
            texts, query, threshold, strict
        )
