"""`locpipe check` on human-reviewed ko/zh catalogues (Django, Sphinx): quiet on
them, and loud on defects seeded into their real entries."""

from __future__ import annotations

import pytest

from tests.support.qa_real import REAL, SEEDS, Loaded, Rates, load, rates, seeded, variant_swaps


@pytest.fixture(scope="module")
def real() -> list[Loaded]:
    return load(REAL)


@pytest.fixture(scope="module")
def found(real: list[Loaded]) -> Rates:
    return rates(real)


def test_the_sample_is_large_enough_to_mean_something(real: list[Loaded], found: Rates) -> None:
    r = found
    assert set(r.entries) == {"ko", "zh"}
    assert min(r.entries.values()) >= 1500
    assert {item.locale for item in real} == {"ko", "zh_CN", "zh_TW"}  # headers say zh_CN


@pytest.mark.parametrize("language", ["ko", "zh"])
def test_few_false_alarms_on_human_translations(found: Rates, language: str) -> None:
    r = found
    assert r.per_1000(language, "error") <= 3, r.findings[language]
    assert r.per_1000(language) <= 30, r.findings[language]


def test_every_seeded_defect_is_reported(real: list[Loaded]) -> None:
    outcomes = list(seeded(real))
    kinds = {o.seed.split("/")[0] for o in outcomes}
    assert kinds == set(SEEDS) | {"hangul-in-chinese", "plural-count"}
    assert len(outcomes) >= 500
    missed = [(o.seed, o.where, o.found) for o in outcomes if not o.caught]
    assert missed == []


def test_simplified_and_traditional_swapped_are_mostly_reported(real: list[Loaded]) -> None:
    # Sphinx ships zh_CN and zh_TW: each one's translation put in the other's
    # catalogue. Rewordings that share every character cannot be told apart.
    swaps = variant_swaps(real)
    assert swaps["seeded"] >= 1000
    assert swaps["caught"] >= 0.85 * swaps["seeded"]
