"""`locpipe check` on human-reviewed ko/zh catalogues of four projects
(Django, Sphinx, Mailman's key catalogue with its English one, OpenStack
Horizon): quiet on them, every error a named real defect, and loud on
defects seeded into their real entries."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.support.qa_real import (
    REAL,
    SEEDS,
    Loaded,
    Outcome,
    Rates,
    errors,
    load,
    rates,
    seeded,
    variant_swaps,
)

#: Every error `check` reports on the sample, read one by one: (file under
#: tests/data/qa/real, msgid start, check, the real defect it is).
REAL_DEFECTS = (
    (
        "django/contrib/admindocs/locale/ko/LC_MESSAGES/django.po",
        "To use these filters",
        "markup",
        "<code> translated as <코드>",
    ),
    (
        "horizon/horizon/locale/zh_Hans/LC_MESSAGES/djangojs.po",
        "{$ 'Please provide",
        "placeholders",
        "Chinese quotes “…” in an AngularJS expression: a syntax error",
    ),
    (
        "horizon/openstack_dashboard/locale/ko_KR/LC_MESSAGES/django.po",
        "Edit {{ qos_spec_name }}",
        "placeholders",
        "`{ qos_spec_name }}`: a brace lost, the name is shown raw",
    ),
    (
        "horizon/openstack_dashboard/locale/ko_KR/LC_MESSAGES/djangojs.po",
        "A volume name less than",
        "placeholders",
        "`validationRules` capitalised in the expression: undefined",
    ),
    (
        "horizon/openstack_dashboard/locale/zh_Hans/LC_MESSAGES/django.po",
        "QoS Specs can be associated",
        "markup",
        "a 449-character help text cut to its first sentence",
    ),
    (
        "horizon/openstack_dashboard/locale/zh_Hans/LC_MESSAGES/djangojs.po",
        "This page contains examples",
        "markup",
        "the link to the documentation dropped with the second sentence",
    ),
    (
        "horizon/openstack_dashboard/locale/zh_Hans/LC_MESSAGES/djangojs.po",
        "This page contains examples",
        "urls",
        "the same: http://schemaform.io/ lost",
    ),
    (
        "mailman/messages/ko/LC_MESSAGES/mailman.po",
        "Ignoring non-dictionary",
        "placeholders",
        "`{0! r}`: an invalid field, str.format raises ValueError",
    ),
    (
        "mailman/messages/ko/LC_MESSAGES/mailman.po",
        "list:user:action:subscribe.txt",
        "placeholders",
        "${token} and ${request_email} dropped: the confirmation cannot be done",
    ),
    (
        "mailman/messages/ko/LC_MESSAGES/mailman.po",
        "list:user:action:unsubscribe.txt",
        "placeholders",
        "${token} and ${request_email} dropped, likewise",
    ),
    (
        "mailman/messages/zh_Hans/LC_MESSAGES/mailman.po",
        "Programmatically, you can",
        "urls",
        "the List-ID example ant.example.com written as ant@example.com",
    ),
)


@pytest.fixture(scope="module")
def real() -> list[Loaded]:
    return load(REAL)


@pytest.fixture(scope="module")
def found(real: list[Loaded]) -> Rates:
    return rates(real)


def test_the_sample_is_large_enough_to_mean_something(real: list[Loaded], found: Rates) -> None:
    assert set(found.entries) == {"ko", "zh"}
    assert min(found.entries.values()) >= 5000
    assert {item.project for item in real} == {"django", "sphinx", "mailman", "horizon"}
    keyed = [item for item in real if item.sources]
    assert {item.project for item in keyed} == {"mailman"}  # its en catalogue is found
    assert min(len(item.sources or {}) for item in keyed) >= 20


@pytest.mark.parametrize("language", ["ko", "zh"])
def test_few_findings_on_human_translations(found: Rates, language: str) -> None:
    assert found.per_1000(language) <= 20, found.findings[language]


def test_every_error_is_a_named_real_defect(real: list[Loaded], found: Rates) -> None:
    by_file = {str(item.path): item for item in real}
    named = Counter[tuple[str, str, str, str]]()
    for problem in errors(real):
        item = by_file[problem.file]
        message = next(m for m in item.catalog.active() if m.lineno == problem.line)
        rel = item.path.relative_to(REAL).as_posix()
        key = next(
            (
                d
                for d in REAL_DEFECTS
                if (d[0], d[2]) == (rel, problem.check) and message.msgid.startswith(d[1])
            ),
            None,
        )
        assert key is not None, f"an error no one has read: {problem}"
        named[key] += 1
    assert set(named) == set(REAL_DEFECTS)  # each defect still found
    # So false alarms are 0 per 1,000; with the real defects, at most 1.1.
    for language in ("ko", "zh"):
        assert found.per_1000(language, "error") <= 1.1


@pytest.fixture(scope="module")
def outcomes(real: list[Loaded]) -> dict[str, list[Outcome]]:
    by_seed: dict[str, list[Outcome]] = {}
    for outcome in seeded(real, per_seed=25):
        by_seed.setdefault(outcome.seed.split("/")[0], []).append(outcome)
    return by_seed


@pytest.mark.parametrize("seed", [*SEEDS, "hangul-in-chinese", "plural-count"])
def test_every_seeded_defect_is_reported(outcomes: dict[str, list[Outcome]], seed: str) -> None:
    made = outcomes.get(seed, [])
    assert len(made) >= 8, f"{seed}: too few real entries to seed"
    missed = [(o.seed, o.where, o.found) for o in made if not o.caught]
    assert missed == []


def test_simplified_and_traditional_swapped_are_mostly_reported(real: list[Loaded]) -> None:
    # Sphinx ships zh_CN and zh_TW: each one's translation put in the other's
    # catalogue. Rewordings that share every character cannot be told apart.
    swaps = variant_swaps(real)
    assert swaps["seeded"] >= 1000
    assert swaps["caught"] >= 0.85 * swaps["seeded"]
