"""locpipe.similarity: the index finds exactly what comparing every pair finds,
with scores equal to a textbook LCS (dynamic programming, written here)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.similarity import SimilarityIndex, similarity

WORDS = "the a plan city new budget bridge repair study council approved rejected on of".split()


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))) + rng.choice(".?")


def _lcs(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for ca in a:
        diagonal = 0
        for j, cb in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if ca == cb else max(row[j], row[j - 1])
    return row[-1]


def _score(a: str, b: str) -> float:
    return 2 * _lcs(a, b) / (len(a) + len(b)) if a or b else 1.0


def _scores(texts: list[str], query: str) -> list[tuple[float, int]]:
    return [(_score(query, t), i) for i, t in enumerate(texts)]


def _brute(texts: list[str], query: str, threshold: float, strict: bool) -> list[tuple[float, int]]:
    scored = _scores(texts, query)
    top = max(
        (s for s, _ in scored if s > threshold or (s == threshold and not strict)), default=None
    )
    return [(s, i) for s, i in scored if s == top]


TEXT = st.text(alphabet=st.sampled_from("ab c.가나다中文é\u0301😀"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(a=TEXT, b=TEXT)
def test_similarity_is_gettexts_ratio_of_the_lcs(a: str, b: str) -> None:
    assert similarity(a, b) == _score(a, b)


@pytest.mark.parametrize("size", [1, 40, 300], ids=["one", "tiny", "small"])
@settings(max_examples=8, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    threshold=st.sampled_from([0.6, 0.8, 0.95]),
    strict=st.booleans(),
)
def test_best_and_search_are_what_every_pair_gives(
    size: int, seed: int, threshold: float, strict: bool
) -> None:
    rng = random.Random(seed)
    texts = [_sentence(rng) for _ in range(size)]
    index = SimilarityIndex(texts)
    for n in range(4):
        query = _sentence(rng) if n % 2 else texts[rng.randrange(size)]
        assert index.best(query, threshold, strict=strict) == _brute(
            texts, query, threshold, strict
        )
        passing = [
            (s, i)
            for s, i in _scores(texts, query)
            if s > threshold or (s == threshold and not strict)
        ]
        assert index.search(query, threshold, strict=strict) == passing


def test_a_tie_at_the_threshold_is_kept_unless_strict() -> None:
    # "App" against "Approve": 2*3/10 = 0.6 exactly, msgmerge's threshold.
    index = SimilarityIndex(["Approve", "Apple pie", "Approve"])
    assert index.best("App", 0.6, strict=False) == [(0.6, 0), (0.6, 2)]
    assert index.best("App", 0.6, strict=True) == []
