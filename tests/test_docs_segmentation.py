"""Segmentation on real documentation: references stay with their sentence,
and segments with no words to translate stay out of the catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locpipe import pipeline
from locpipe.config import load_config
from locpipe.documents import wordless
from locpipe.documents.segment import segment
from locpipe.documents.wordless import has_words, is_reference
from locpipe.formats.pofile import read_po
from locpipe.placeholders import SENTINEL_RE, mask

# (id, Markdown source, expected segment texts)
CASES = [
    (
        "pull-reference",
        "- Fix the setter. (Pull #1185)\n",
        ["Fix the setter. (Pull #1185)"],
    ),
    (
        "linked-reference-in-parentheses",
        "Fixed hashing of frozen classes. ([#2258](https://github.com/a/b/issues/2258))\n",
        ["Fixed hashing of frozen classes. ([#2258](https://github.com/a/b/issues/2258))"],
    ),
    (
        "attrs-changelog-entry",  # from attrs' CHANGELOG.md
        "- Fixed the weakref slot.\n  It is added again.\n"
        "  [#1330](https://github.com/python-attrs/attrs/issues/1330)\n",
        [
            "Fixed the weakref slot.",
            "It is added again. [#1330](https://github.com/python-attrs/attrs/issues/1330)",
        ],
    ),
    (
        "two-references",
        "Drop Python 3.7. (see #12, fixes #13)\n",
        ["Drop Python 3.7. (see #12, fixes #13)"],
    ),
    (
        "reference-then-sentence",
        "Fix it. (#12) Then test.\n",
        ["Fix it. (#12)", "Then test."],
    ),
    (
        "badge-row",
        "[![PyPI](https://img.shields.io/pypi/v/attrs)](https://pypi.org/project/attrs/)"
        " [![CI](https://ci/b.svg)](https://ci)\n\nReal prose here.\n",
        ["Real prose here."],
    ),
    ("bare-url", "https://www.attrs.org/\n\nSee it.\n", ["See it."]),
    ("autolink-only", "<https://www.attrs.org/>\n\nSee it.\n", ["See it."]),
    ("version-heading", "## [24.2.0](https://github.com/a/b/tree/24.2.0) - 2024-08-06\n", []),
    ("numbers", "| 1.5 | 2024 |\n|---|---|\n| 3 | 4 |\n", []),
    ("code-only-cell", "| `--dry-run` | Show the plan. |\n|---|---|\n", ["Show the plan."]),
    ("code-like", "attrs.define()\n\n`attrs.frozen`\n", []),
    ("myst-target", "(api-validators)=\n\n# Validators\n", ["Validators"]),
    (
        "link-with-text-is-prose",
        "[Documentation](https://www.attrs.org/)\n",
        ["[Documentation](https://www.attrs.org/)"],
    ),
    ("one-word-heading", "# Changelog\n", ["Changelog"]),
    (
        "myst-colon-fence",  # from attrs' docs/init.md
        ":::{warning}\nYou never need to use `super()` here.\nEach class has its own.\n:::\n",
        ["You never need to use `super()` here.", "Each class has its own."],
    ),
    (
        "myst-backtick-admonition",
        "```{note}\nRead the [API docs](api.md). They help.\n```\n",
        ["Read the [API docs](api.md).", "They help."],
    ),
    (
        "myst-backtick-admonition-options",
        "```{admonition} Title\n:class: tip\n\nBody text.\n```\n",
        ["Body text."],
    ),
    ("myst-code-directive", "```{code-block} python\nprint('Hello there.')\n```\n", []),
    (
        "myst-directive-options",
        ":::{admonition} Tip\n:class: tip\n\nRead the docs.\n:::\n",
        ["Read the docs."],
    ),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_segments_of_real_docs(source: str, expected: list[str]) -> None:
    assert [s.text for s in segment(source, "markdown")] == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[![CI](https://ci/b.svg)](https://ci)", False),
        ("https://x.org/a", False),
        ("24.2.0 - 2024-08-06", False),
        ("`attrs.define`", False),
        ("--no-deps", False),
        ("x = 1", False),
        ("{doc}`usage`", False),
        ("Python3 works", True),
        ("Changelog", True),
        ("[Documentation](https://x.org)", True),
    ],
)
def test_has_words(text: str, words: bool) -> None:
    assert has_words(text) is words


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("(Pull #1185)", True),
        ("([#2258](https://github.com/a/b/issues/2258))", True),
        ("#1122", True),
        ("(see #12, fixes #13)", True),
        ("(It was slow.)", False),
        ("Then test.", False),
    ],
)
def test_is_reference(text: str, reference: bool) -> None:
    assert is_reference(text) is reference


class _Recorder:
    """A test engine that records what it is asked to translate."""

    engine_id = "recorder test 1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.seen += texts
        return [text.upper() for text in texts]


class _Recording:
    def __init__(self) -> None:
        self.engine = _Recorder()

    def check(self, locale: str) -> None:
        pass

    def load(self, locale: str) -> _Recorder:
        return self.engine


def test_app_strings_without_words_are_not_machine_translated(tmp_path: Path) -> None:
    """A template's wordless msgids (a bare placeholder, a URL, a version) are
    left to people, as a document's wordless segments are."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "app.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "%(count)s"\nmsgstr ""\n\n'
        'msgid "{0}: {1}"\nmsgstr ""\n\n'
        'msgid "https://example.org/docs"\nmsgstr ""\n\n'
        'msgid "Save your changes"\nmsgstr ""\n',
        encoding="utf-8",
    )
    (root / "locpipe.toml").write_text(
        'sources = []\ntemplates = ["app.pot"]\nlocales = ["ko"]\n', encoding="utf-8"
    )
    engines = _Recording()
    pipeline.translate(load_config(root), engines)
    assert engines.engine.seen == ["Save your changes"]
    po = read_po(root / "locales" / "ko" / "LC_MESSAGES" / "app.po")
    assert {m.msgid: m.msgstr for m in po.active() if m.msgid} == {
        "%(count)s": "",
        "{0}: {1}": "",
        "https://example.org/docs": "",
        "Save your changes": "SAVE YOUR CHANGES",
    }


@given(
    st.text(alphabet=st.sampled_from(list("ab Z0X1.:,;-'()[]<>`{}%|*_@$&\\~^=#!/w")), max_size=40)
)
def test_the_prose_shortcut_blanks_what_masking_blanks(text: str) -> None:
    """Skipping `mask` for text with nothing it could protect gives the same
    plain text as masking."""
    slow = SENTINEL_RE.sub(" ", mask(wordless._IMAGE.sub(" ", text)).text)
    assert wordless.plain_text(text) == slow
