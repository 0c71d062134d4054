"""The pseudo-localisation engine."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locpipe import __version__
from locpipe.mt import Translator
from locpipe.mt.pseudo import LOCALE, PseudoProvider, PseudoTranslator, accent, pseudo_localise
from locpipe.placeholders import placeholders, protected_spans, spans


def test_is_a_translator() -> None:
    engine: Translator = PseudoTranslator()
    assert engine.engine_id == f"pseudo locpipe {__version__}"
    assert engine.translate(["Save", "Open"]) == ["⟦Šáṽé⟧", "⟦Öþéñ⟧"]
    assert engine.translate([]) == []


def test_provider_serves_the_pseudo_locale() -> None:
    provider = PseudoProvider()
    provider.check(LOCALE)
    assert isinstance(provider.load(LOCALE), PseudoTranslator)
    assert LOCALE == "en_XA"


def test_accent_leaves_no_ascii_letter() -> None:
    out = accent("The quick brown fox jumps over the lazy dog THE QUICK BROWN FOX")
    assert not any("a" <= c.lower() <= "z" for c in out)
    assert len(out) == len("The quick brown fox jumps over the lazy dog THE QUICK BROWN FOX")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello %(user_name)s", "⟦Ĥéļļö %(user_name)s⟧"),
        ("<b>Save</b> {0}", "⟦<b>Šáṽé</b> {0}⟧"),
        ("Mail a@b.org or see https://x.org/a", "⟦Ṁáíļ a@b.org öŕ šéé https://x.org/a ļö⟧"),
        ("  Indented\n", "  ⟦Îñðéñţéð⟧\n"),
        ("   ", "   "),
    ],
    ids=["printf", "markup-and-brace", "email-and-url", "outer-whitespace", "blank"],
)
def test_pseudo_localise(source: str, expected: str) -> None:
    assert pseudo_localise(source) == expected


def test_lengthens_by_about_a_third() -> None:
    source = "The Chinese leader emphasized that China and South Korea are close neighbors."
    ratio = len(pseudo_localise(source)) / len(source)
    assert 1.3 <= ratio <= 1.4


_TEXT = st.lists(
    st.sampled_from(["word ", "Save", " ", "%s", "{name}", "<i>", "</i>", "&amp;", "ZX1Z", "x"]),
    max_size=12,
).map("".join)


@given(_TEXT)
def test_placeholders_survive_and_output_is_deterministic(text: str) -> None:
    out = pseudo_localise(text)
    assert out == pseudo_localise(text)
    assert placeholders(out) == placeholders(text)
    spans_in = sorted(text[a:b] for a, b in protected_spans(text))
    # The engine's own markers (⟦ ⟧) form no markup: every span of the
    # output is one of the source's.
    spans_out = sorted(out[s.start : s.end] for s in spans(out))
    assert spans_out == spans_in
