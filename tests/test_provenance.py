"""Provenance markers read back after the tools that rewrap translator comments.

polib and Babel wrap every `# ` comment at 76 characters of text with
textwrap (which also breaks after a hyphen between letters); the markers must
read back the same, and a person's comment next to them must stay theirs.
The subprocess writers (msgcat, msgmerge, translate-toolkit, …) are in
tests/test_writer_matrix.py.
"""

from __future__ import annotations

import io
import textwrap

import polib
import pytest
from babel.messages import pofile as babel_pofile
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe import catalog, provenance
from locpipe.catalog import State, state
from locpipe.formats.pofile import format_po, parse_po
from locpipe.model import FUZZY, Catalog, Message

HEADER = Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
LONG_ENGINE = "opus-mt Helsinki-NLP/opus-mt-tc-big-en-ko-extra-long-package-name 2024-01-01-beta"


def machine_entry(engine: str, msgid: str = "The valley is wide.", text: str = "골짜기") -> Message:
    cat = Catalog(HEADER, (Message(msgid=msgid),))
    filled, _ = catalog.apply_machine(cat, {msgid: text}, engine, scores={msgid: -0.4242})
    return filled.messages[0]


def polib_roundtrip(message: Message, wrapwidth: int) -> Message:
    po = polib.pofile(format_po(Catalog(HEADER, (message,))), wrapwidth=wrapwidth)
    return parse_po(po.__unicode__().encode(), "p")


def babel_roundtrip(message: Message) -> Message:
    cat = babel_pofile.read_po(io.BytesIO(format_po(Catalog(HEADER, (message,))).encode()))
    out = io.BytesIO()
    babel_pofile.write_po(out, cat, include_previous=True)
    return parse_po(out.getvalue(), "b").messages[0]


def test_the_marker_is_two_short_lines_read_as_one() -> None:
    entry = machine_entry("argos translate-en_ko 1.1")
    assert entry.translator_comments[0] == "mt: argos translate-en_ko 1.1"
    assert entry.translator_comments[1].startswith("score:-0.42 fp:")
    assert all(len(c) <= provenance.WRAP_WIDTH for c in entry.translator_comments)
    comment = catalog.mt_comment(entry) or ""
    assert comment.startswith("mt: argos translate-en_ko 1.1 score:-0.42 fp:")
    assert catalog.mt_score(entry) == pytest.approx(-0.42)
    assert state(entry) is State.MACHINE


@pytest.mark.parametrize("engine", ["argos translate-en_ko 1.1", LONG_ENGINE])
@pytest.mark.parametrize("writer", ["polib-78", "polib-0", "babel"])
def test_markers_survive_the_wrapping_writers(engine: str, writer: str) -> None:
    entry = machine_entry(engine)
    entry = entry.replace(
        translator_comments=("Checked with the glossary.", *entry.translator_comments)
    )
    if writer == "babel":
        back = babel_roundtrip(entry)
    else:
        back = polib_roundtrip(entry, int(writer.split("-")[1])).messages[0]
    assert state(back) is State.MACHINE
    assert catalog.mt_comment(back) == catalog.mt_comment(entry)
    assert catalog.without_provenance(back.translator_comments) == ("Checked with the glossary.",)
    accepted = catalog.record_reviews(Catalog(HEADER, (back.replace(flags=()),))).messages[0]
    assert accepted.translator_comments == (
        "Checked with the glossary.",
        f"mt-reviewed: {engine}",
    )


LEGACY = "mt: argos translate-en_ko-1_1 1.1.0 score:-0.42 fp:{fp} src:{src}"


def legacy_entry(msgid: str, text: str, comments: tuple[str, ...]) -> Message:
    return Message(msgid=msgid, msgstr=text, flags=(FUZZY,), translator_comments=comments)


def test_the_single_line_marker_of_older_files_is_read_whole_and_wrapped() -> None:
    msgid, text = "The valley is wide.", "골짜기"
    fp = catalog.fingerprint((text,))
    src = catalog.source_hash(Message(msgid=msgid))
    line = LEGACY.format(fp=fp, src=src)
    assert len(line) > provenance.WRAP_WIDTH  # what polib rewraps
    wrapped = tuple(textwrap.wrap(line, provenance.WRAP_WIDTH, break_long_words=False))
    assert len(wrapped) == 2
    for comments, persons in [
        ((line,), ()),
        (wrapped, ()),
        (
            ("Reviewed by Kim.", *wrapped, "Glossary: 골짜기"),
            ("Reviewed by Kim.", "Glossary: 골짜기"),
        ),
    ]:
        entry = legacy_entry(msgid, text, comments)
        assert state(entry) is State.MACHINE
        assert catalog.mt_comment(entry) == line
        assert catalog.without_provenance(comments) == persons
    # the source changed and msgmerge carried the entry over (no #|): stale
    stale = legacy_entry("The valley was wide.", text, wrapped)
    assert catalog.stale_machine(stale) and state(stale) is State.FUZZY


def test_a_wrap_after_a_hyphen_joins_back_without_a_space() -> None:
    comments = (
        "mt-reviewed: opus-mt Helsinki-NLP/opus-mt-tc-big-en-ko-extra-long-package-",
        "name",
    )
    block = provenance.find(comments, provenance.REVIEWED)
    assert block is not None and block.end == 2
    assert block.engine == "opus-mt Helsinki-NLP/opus-mt-tc-big-en-ko-extra-long-package-name"


def test_a_person_s_line_after_a_short_marker_is_theirs() -> None:
    comments = ("tm: ko/guide", "Keep the brand name in Latin letters.")
    assert catalog.without_provenance(comments) == ("Keep the brand name in Latin letters.",)
    warning = "mt-warning: lost %(name)s"
    assert catalog.without_provenance((warning, "see issue 12")) == ("see issue 12",)


def test_a_long_warning_wrapped_by_a_tool_is_dropped_whole_once_resolved() -> None:
    problems = "lost %(first_name)s; lost %(last_name)s; term 'GitHub' placed by position"
    wrapped = tuple(
        textwrap.wrap(f"mt-warning: {problems}", provenance.WRAP_WIDTH, break_long_words=False)
    )
    assert len(wrapped) == 2
    entry = Message(
        msgid="Hello %(first_name)s %(last_name)s",
        msgstr="안녕 %(first_name)s %(last_name)s",
        flags=("python-format",),
        translator_comments=(*wrapped, "A person's note."),
    )
    assert catalog.record_reviews(Catalog(HEADER, (entry,))).messages[0].translator_comments == (
        "A person's note.",
    )


words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz0123456789_.-/", min_size=1, max_size=30
).filter(lambda w: not w.startswith("-") and "--" not in w and not w.endswith("-"))


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=6), st.sampled_from([78, 0, 40]))
def test_any_engine_id_reads_back_after_polib(parts: list[str], width: int) -> None:
    engine = "argos " + " ".join(parts)
    entry = machine_entry(engine)
    back = polib_roundtrip(entry, width).messages[0]
    assert state(back) is State.MACHINE
    assert (catalog.mt_comment(back) or "").split() == (catalog.mt_comment(entry) or "").split()
