"""Placeholder detection, masking before MT and restoring after."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from locpipe.placeholders import (
    SENTINEL_RE,
    mask,
    placeholders,
    protected_spans,
    spans,
    unmask,
)


def _texts(text: str, flags: tuple[str, ...] = ()) -> list[str]:
    return [text[a:b] for a, b in protected_spans(text, flags)]


@pytest.mark.parametrize(
    ("text", "flags", "expected"),
    [
        ("Hello %(user_name)s!", (), ["%(user_name)s"]),
        ("%1$s owes %2$d", (), ["%1$s", "%2$d"]),
        ("Total: %.2f EUR", (), ["%.2f"]),
        ("%d%% done", (), ["%d", "%%"]),
        ("100%% sure", (), []),
        ("100%% sure", ("python-format",), ["%%"]),
        ("5% off today", (), []),
        ("5% off today", ("c-format",), ["% o"]),
        ("%s files", ("no-c-format",), []),
        ("%sfoo is not clear", (), []),
        ("Hi {name!r:>10} and {0} and {}", (), ["{name!r:>10}", "{0}", "{}"]),
        ("{user.name} {items[0]}", (), ["{user.name}", "{items[0]}"]),
        ("{{count}} items", (), ["{{count}}"]),
        ("{{ literal }} {0}", ("python-brace-format",), ["{{", "}}", "{0}"]),
        ("{0} apples", ("no-python-brace-format",), []),
        ("a { b } c", (), []),
        ("<b>Save</b> &amp; &#39;quit&#x27;", (), ["<b>", "</b>", "&amp;", "&#39;", "&#x27;"]),
        (
            '<a href="https://x.org/">link</a><br/>',
            (),
            ['<a href="https://x.org/">', "</a>", "<br/>"],
        ),
        ("a < b > c", (), []),
        ("Run `pip install {pkg}` now", (), ["`pip install {pkg}`"]),
        ("See https://example.com/a_(b), then", (), ["https://example.com/a_(b)"]),
        ("(see https://example.com/x).", (), ["https://example.com/x"]),
        ("见https://example.org/a。然后", (), ["https://example.org/a"]),
        ("Visit www.example.com/x.", (), ["www.example.com/x"]),
        ("Write to first.last@example.co.uk.", (), ["first.last@example.co.uk"]),
        ("请联系a@b.org或", (), ["a@b.org"]),
        ("Plain prose, 100% safe.", (), []),
    ],
    ids=[
        "named",
        "positional",
        "precision",
        "percent-escape-with-directive",
        "percent-escape-alone-unflagged",
        "percent-escape-flagged",
        "prose-percent-unflagged",
        "prose-percent-c-format",
        "no-c-format",
        "glued-to-letter",
        "brace-fields",
        "brace-attr-index",
        "double-brace",
        "brace-escapes-flagged",
        "no-python-brace-format",
        "spaced-braces",
        "tags-entities",
        "tag-with-url-attribute",
        "comparison-not-tag",
        "code-wins-over-brace",
        "url-balanced-paren",
        "url-unbalanced-paren",
        "url-cjk-punctuation",
        "www-url",
        "email",
        "email-in-chinese",
        "nothing",
    ],
)
def test_protected_spans(text: str, flags: tuple[str, ...], expected: list[str]) -> None:
    assert _texts(text, flags) == expected


def test_spans_have_kinds() -> None:
    found = spans("Hi %s <b>x</b> {0} https://a.org a@b.org `c` &amp;")
    assert [s.kind for s in found] == [
        "printf",
        "tag",
        "tag",
        "brace",
        "url",
        "email",
        "code",
        "entity",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("%s and %s", {"%s": 2}),
        ("%d%% of {0}", {"%d": 1, "{0}": 1}),
        ("<b>%(n)s</b> https://x.org", {"%(n)s": 1}),
        ("no placeholders", {}),
    ],
    ids=["repeated", "percent-escape-left-out", "markup-and-urls-left-out", "none"],
)
def test_placeholders(text: str, expected: dict[str, int]) -> None:
    assert placeholders(text) == Counter(expected)


def test_mask_uses_sentinels_without_underscores() -> None:
    masked = mask("Hello %(user_name)s, you have %d new {kind} messages")
    assert masked.text == "Hello ZX0Z, you have ZX1Z new ZX2Z messages"
    assert masked.tokens == ("%(user_name)s", "%d", "{kind}")
    assert "_" not in masked.text


def test_mask_merges_adjacent_spans() -> None:
    masked = mask("%(count)d%% done")
    assert masked.text == "ZX0Z done"
    assert masked.tokens == ("%(count)d%%",)


@pytest.mark.parametrize(
    "text",
    ["Model ZX1Z ships", "zx 3 z and %s", "ZX1%s", "Z X12 {0}"],
    ids=["lookalike", "spaced-lookalike", "prefix-glued", "spaced-prefix"],
)
def test_mask_protects_sentinel_lookalikes(text: str) -> None:
    masked = mask(text)
    found = [int(m.group(1)) for m in SENTINEL_RE.finditer(masked.text)]
    assert found == list(range(len(masked.tokens)))
    assert unmask(masked.text, masked) == (text, [])


@pytest.mark.parametrize(
    "translated",
    [
        "ZX1Z님, ZX0Z 안녕하세요",
        "zx1z님, zx0z 안녕하세요",
        "ZX 1 Z님, Z X0Z 안녕하세요",
        "ＺＸ１Ｚ님, ＺＸ０Ｚ 안녕하세요",
    ],
    ids=["reordered", "lowercase", "spaces-inside", "full-width"],
)
def test_unmask_tolerates_model_spellings(translated: str) -> None:
    masked = mask("Hello %(user_name)s, %d new")
    assert unmask(translated, masked) == ("%d님, %(user_name)s 안녕하세요", [])


@pytest.mark.parametrize(
    ("translated", "problems"),
    [
        ("안녕하세요 ZX1Z", ["lost %(user_name)s"]),
        ("ZX0Z ZX0Z ZX1Z", ["duplicated %(user_name)s"]),
        ("ZX0Z ZX1Z ZX7Z", ["unknown marker ZX7Z"]),
        ("안녕하세요", ["lost %(user_name)s", "lost %d"]),
    ],
    ids=["lost", "duplicated", "unknown", "all-lost"],
)
def test_unmask_reports_problems(translated: str, problems: list[str]) -> None:
    masked = mask("Hello %(user_name)s, %d new")
    assert unmask(translated, masked)[1] == problems


def test_unmask_identical_tokens_may_swap() -> None:
    masked = mask("%s and %s")
    assert unmask("ZX1Z 和 ZX0Z", masked) == ("%s 和 %s", [])
    assert unmask("ZX0Z 和 ZX0Z", masked) == ("%s 和 %s", [])


_PIECES = st.sampled_from(
    [
        "a",
        "Save ",
        " ",
        "\u3000",
        "中文",
        "Z",
        "X",
        "z",
        "x",
        "0",
        "1",
        "12",
        "ＺＸ",
        "%",
        "%s",
        "%(user_name)s",
        "%1$d",
        "%%",
        "{",
        "}",
        "{0}",
        "{name}",
        "<b>",
        "</b>",
        "&amp;",
        "`",
        "@",
        ".",
        "(",
        ")",
        "https://x.org/a_b",
        "me@x.org",
        "%1",
        "$t(a.b)",
        "{count, plural, one {",
        "} other {",
        "#",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)
_FLAGS = st.sampled_from(
    [(), ("c-format",), ("python-format",), ("python-brace-format",), ("icu-message-format",)]
)


@settings(max_examples=500)
@given(_TEXTS, _FLAGS)
@example("a``a```", ())  # a source letter already touching reST markup stays as it was
def test_mask_unmask_round_trip(text: str, flags: tuple[str, ...]) -> None:
    masked = mask(text, flags)
    found = list(SENTINEL_RE.finditer(masked.text))
    assert [int(m.group(1)) for m in found] == list(range(len(masked.tokens)))
    assert all(m.group(0) == f"ZX{i}Z" for i, m in enumerate(found))
    assert unmask(masked.text, masked) == (text, [])


@given(_TEXTS, st.randoms(use_true_random=False))
def test_unmask_restores_any_order(text: str, rng: object) -> None:
    import random

    assert isinstance(rng, random.Random)
    masked = mask(text)
    order = list(range(len(masked.tokens)))
    rng.shuffle(order)
    translated = "译文 " + " ".join(f"ZX{i}Z" for i in order)
    restored, problems = unmask(translated, masked)
    assert problems == []
    assert restored == "译文 " + " ".join(masked.tokens[i] for i in order)


@given(_TEXTS)
def test_spans_do_not_overlap(text: str) -> None:
    found = protected_spans(text)
    assert all(a < b for a, b in found)
    assert all(found[i][1] <= found[i + 1][0] for i in range(len(found) - 1))


# -- placeholders of JavaScript libraries and ICU MessageFormat ---------------

_ICU = ("icu-message-format",)


@pytest.mark.parametrize(
    ("text", "flags", "expected", "counted"),
    [
        ("Hello %1, you have %2 messages", (), ["%1", "%2"], {"%1": 1, "%2": 1}),
        ("%1$s is printf, %1 is gettext.js", (), ["%1$s", "%1"], {"%1$s": 1, "%1": 1}),
        ("%10 is not gettext.js", (), [], {}),
        ("Hello {{name}}", (), ["{{name}}"], {"{{name}}": 1}),
        ("{{- html}} costs {{price, currency}}", (), ["{{- html}}", "{{price, currency}}"], None),
        ("See $t(common.help) first", (), ["$t(common.help)"], {"$t(common.help)": 1}),
        ("Hello {name}", _ICU, ["{name}"], {"{name}": 1}),
        ("Paid {n, number} on {d, date, short}", _ICU, ["{n, number}", "{d, date, short}"], None),
        (
            "You have {count, plural, one {# file} other {# files}}",
            _ICU,
            ["{count, plural, one {", "#", "} other {", "#", "}}"],
            {"{count}": 1},
        ),
        (
            "{g, select, male {He} other {They}} left",
            _ICU,
            ["{g, select, male {", "} other {", "}}"],
            {"{g}": 1},
        ),
        (
            "{n, plural, offset:1 =0 {nobody} other {# and {who}}}",
            _ICU,
            ["{n, plural, offset:1 =0 {", "} other {", "#", "{who}", "}}"],
            {"{n}": 1, "{who}": 1},
        ),
    ],
    ids=[
        "gettext.js",
        "gettext.js-beside-printf",
        "two-digits-not-gettext.js",
        "i18next",
        "i18next-unescaped-and-format",
        "i18next-nesting",
        "icu-simple",
        "icu-typed",
        "icu-plural",
        "icu-select",
        "icu-nested-offset",
    ],
)
def test_js_and_icu_placeholders(
    text: str, flags: tuple[str, ...], expected: list[str], counted: dict[str, int] | None
) -> None:
    assert _texts(text, flags) == expected
    if counted is not None:
        assert placeholders(text, flags) == Counter(counted)


def test_icu_case_text_stays_translatable() -> None:
    masked = mask("You have {count, plural, one {# file} other {# files}}", _ICU)
    assert masked.text == "You have ZX0Z fileZX1Z filesZX2Z"


def test_icu_braces_are_not_python_braces_without_the_flag() -> None:
    # Unflagged, "{count, plural, …}" is no python brace field: nothing to mask.
    assert _texts("You have {count, plural, one {# file} other {# files}}") == []


def test_korean_icu_translation_without_one_case_keeps_the_argument() -> None:
    source = "{count, plural, one {# file} other {# files}}"
    assert placeholders("{count, plural, other {파일 #개}}", _ICU) == placeholders(source, _ICU)
