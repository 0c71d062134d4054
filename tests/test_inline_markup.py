"""Inline markup of Markdown/MyST and reST is masked, restored and checked."""

from __future__ import annotations

import pytest

from locpipe.model import Catalog, Message
from locpipe.placeholders import mask, unmask
from locpipe.qa import check_catalog

CASES = [
    (
        "relative-link",
        "See [the setup](docs/setup.md#install) first.",
        ["[", "](docs/setup.md#install)"],
    ),
    (
        "link-with-title",
        'Read [it](https://x.org/a "Title") now.',
        ["[", '](https://x.org/a "Title")'],
    ),
    ("angle-destination", "Open [the file](<my file.md>) here.", ["[", "](<my file.md>)"]),
    (
        "parens-in-target",
        "See [wiki](https://en.wikipedia.org/wiki/A_(b)) too.",
        ["[", "](https://en.wikipedia.org/wiki/A_(b))"],
    ),
    ("image", "The ![project logo](img/logo.svg) shows.", ["![", "](img/logo.svg)"]),
    (
        "badge-in-link",
        "[![CI](https://ci/badge.svg)](https://ci/run)",
        ["[![", "](https://ci/badge.svg)](https://ci/run)"],
    ),
    ("full-reference", "Use [the docs][docs-link] please.", ["[", "][docs-link]"]),
    ("collapsed-reference", "Built on [Werkzeug][] and more.", ["[Werkzeug][]"]),
    ("shortcut-reference", "Built on [Werkzeug] and [Jinja].", ["[Werkzeug]", "[Jinja]"]),
    ("shortcut-before-colon", "It writes to [standard out]:", ["[standard out]"]),
    ("footnote-ref", "It is faster[^pypy] on PyPy.", ["[^pypy]"]),
    ("footnote-definition", "[^pypy]: Only on PyPy.", ["[^pypy]:"]),
    (
        "autolink",
        "Mail <hynek@example.com> or see <https://www.attrs.org/>.",
        ["<hynek@example.com>", "<https://www.attrs.org/>"],
    ),
    (
        "myst-role",
        "Read {doc}`usage` and {ref}`the API <api>` now.",
        ["{doc}`usage`", "{ref}`the API <api>`"],
    ),
    ("myst-empty-link", "See [](api-validators) for more.", ["[](api-validators)"]),
    ("myst-target", "(api-validators)=", ["(api-validators)="]),
    ("myst-substitution", "Version {{ version }} is out.", ["{{ version }}"]),
    ("inline-html", "Press <kbd>Ctrl</kbd> now.", ["<kbd>", "</kbd>"]),
    ("code-with-brackets", "Call [`f[0]`](api.md) now.", ["[", "`f[0]`](api.md)"]),
    ("rst-literal", "Use ``attrs.define`` here.", ["``attrs.define``"]),
    (
        "rst-role",
        "See :py:class:`attrs.Attribute` and :doc:`api`.",
        [":py:class:`attrs.Attribute`", ":doc:`api`"],
    ),
    (
        "rst-hyperlink",
        "Read `the guide <https://x.org/g>`_ and `PEP 8`_.",
        ["`", " <https://x.org/g>`_", "`PEP 8`_"],
    ),
    (
        "rst-named-reference",
        "The click-contrib_ organization and Sphinx__ too.",
        ["click-contrib_", "Sphinx__"],
    ),
    ("snake-case-is-not-a-reference", "Set max_width and __init__ here.", ["__", "__"]),
    ("rst-substitution", "Version |release| is here.", ["|release|"]),
    ("strong-and-em", "This is **very** *important*.", ["**", "**", "*", "*"]),
    ("no-markup", "A plain [sentence with brackets, punctuation and spaces.]", []),
    ("task-box", "[x] done", []),
    ("placeholder-in-brackets", "Delete [%s]?", ["%s"]),
]


@pytest.mark.parametrize(("text", "tokens"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_markup_is_masked_and_restored(text: str, tokens: list[str]) -> None:
    masked = mask(text)
    joined = "".join(masked.tokens)
    for token in tokens:
        assert token in joined
    restored, problems = unmask(masked.text, masked)
    assert (restored, problems) == (text, [])


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("A plain [sentence with brackets, punctuation and spaces.]", "sentence"),
        ("Read [the setup guide](setup.md) first.", "setup guide"),
        ("Read `the setup guide <https://x.org/g>`_ first.", "setup guide"),
        ("This is **very** *important*.", "important"),
        ("Read :doc:`the API reference <api/index>` first.", "the API reference"),
    ],
)
def test_text_inside_markup_stays_translatable(text: str, word: str) -> None:
    assert word in mask(text).text


def test_a_lost_link_target_is_a_problem() -> None:
    masked = mask("See [the setup](docs/setup.md) first.")
    _, problems = unmask("ZX0Zthe setup first.", masked)
    assert problems == ["lost ](docs/setup.md)"]


def test_link_brackets_that_come_back_out_of_order_are_a_problem() -> None:
    masked = mask("See [the setup](docs/setup.md) and [more](more.md).")
    _, swapped_links = unmask("ZX2ZmoreZX3Z, ZX0Zthe setupZX1Z.", masked)
    assert swapped_links == []  # whole links may change places
    _, problems = unmask("ZX1Zthe setupZX0Z ZX2ZmoreZX3Z.", masked)
    assert problems == ["link brackets out of order"]


@pytest.mark.parametrize(
    ("source", "target", "lost", "severity"),
    [
        ("See [it](docs/a.md#x).", "[그것](docs/b.md#x) 참조.", "lost ](docs/a.md#x)", "error"),
        ("Read {doc}`usage`.", "{doc}`사용` 읽기.", "lost {doc}`usage`", "error"),
        ("Fast[^pypy] here.", "여기 빠름[^파이].", "lost [^pypy]", "error"),
        ("Read :doc:`api`.", "api 읽기.", "lost :doc:`api`", "error"),
    ],
)
def test_check_reports_lost_markup(source: str, target: str, lost: str, severity: str) -> None:
    cat = Catalog(header=Message(""), messages=(Message(source, msgstr=target, lineno=3),))
    problems = check_catalog(cat, "x.po", "ko")
    assert any(
        p.check == "markup" and lost in p.message.split(", ") and p.severity == severity
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("source", "translated", "expected"),
    [
        ("Use ``pip`` now.", "ZX0Z를 사용", "``pip``\\ 를 사용"),
        ("See :doc:`api` now.", "지금ZX0Z 참조", "지금\\ :doc:`api` 참조"),
        (
            "Read `the guide <https://x.org>`_ now.",
            "ZX0Z안내ZX1Z를 읽기",
            "`안내 <https://x.org>`_\\ 를 읽기",
        ),
        ("Version |release| is out.", "버전 ZX0Z입니다", "버전 |release|\\ 입니다"),
        ("Use `pip` now.", "ZX0Z를 사용", "`pip`를 사용"),  # Markdown code: no separator
        ("Use ``pip`` now.", "ZX0Z 사용", "``pip`` 사용"),
    ],
)
def test_rest_markup_is_kept_apart_from_letters(
    source: str, translated: str, expected: str
) -> None:
    """docutils recognises inline markup only between spaces or punctuation,
    so "``pip``를" would not be a literal: an escaped space keeps it apart."""
    assert unmask(translated, mask(source)) == (expected, [])


def test_check_leaves_a_translated_bare_label_alone() -> None:
    """A bare [label] is a link only where a definition exists; in app
    strings ("[source]") a translator rightly translates it."""
    message = Message("Use [Werkzeug].", msgstr="[벡자이그] 사용.", lineno=3)
    cat = Catalog(header=Message(""), messages=(message,))
    assert [p for p in check_catalog(cat, "x.po", "ko") if p.check == "markup"] == []
