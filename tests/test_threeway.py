"""Saving a catalogue someone else saved meanwhile: their edits win (issue 24).

`locpipe.threeway.merge` is the pure rule; `locpipe.formats.guarded` reads a
catalogue recording what was read and saves over it only while it is
unchanged, merging a save made meanwhile. polib, an independent writer that
wraps and orders differently, plays the person.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.formats import guarded
from locpipe.formats.pofile import format_message, format_po, parse_po, write_po
from locpipe.model import Catalog, Message
from locpipe.threeway import merge

HEADER = Message("", msgstr="Language: ko\nContent-Type: text/plain; charset=UTF-8\n")


def _cat(*messages: Message, header: Message = HEADER) -> Catalog:
    return Catalog(header=header, messages=messages)


def _by_id(cat: Catalog) -> dict[str, Message]:
    return {m.msgid: m for m in cat.messages}


MT = ("mt: pseudo 1",)


def test_their_edit_wins_and_our_other_changes_stay() -> None:
    base = _cat(Message("a"), Message("b"), Message("c", "기존"))
    ours = _cat(
        Message("a", "기계 a", flags=("fuzzy",), translator_comments=MT),
        Message("b", "기계 b", flags=("fuzzy",), translator_comments=MT),
        Message("c", "기존"),
        Message("d"),  # new in the template
    )
    theirs = _cat(Message("a", "사람 a"), Message("b"), Message("c", "기존 고침"))
    merged = merge(base, ours, theirs)
    got = _by_id(merged.catalog)
    assert got["a"] == Message("a", "사람 a")  # they translated what we machine-translated
    assert got["b"] == ours.messages[1]  # untouched by them: ours
    assert got["c"] == Message("c", "기존 고침")
    assert got["d"] == Message("d")
    assert [m.msgid for m in merged.catalog.messages] == ["a", "b", "c", "d"]
    assert merged.theirs == 2


def test_their_additions_and_deletions_stand() -> None:
    base = _cat(Message("a"), Message("gone"))
    ours = _cat(Message("a", "우리"), Message("gone", "우리"), Message("new"))
    theirs = _cat(Message("a"), Message("added", "그들"))
    got = merge(base, ours, theirs).catalog
    assert [m.msgid for m in got.messages] == ["a", "new", "added"]
    assert _by_id(got)["a"].msgstr == "우리"


def test_an_entry_we_removed_stays_removed_unless_they_changed_it() -> None:
    base = _cat(Message("kept by them"), Message("dropped"))
    ours = _cat()
    theirs = _cat(Message("kept by them", "고침"), Message("dropped"))
    assert merge(base, ours, theirs).catalog.messages == (Message("kept by them", "고침"),)


def test_an_entry_we_made_obsolete_while_they_edited_it_stays_theirs() -> None:
    base = _cat(Message("a", "old"))
    ours = _cat(Message("a", "old", obsolete=True))
    theirs = _cat(Message("a", "reviewed"))
    assert merge(base, ours, theirs).catalog.messages == (Message("a", "reviewed"),)


def test_the_header_is_theirs_only_when_they_changed_it() -> None:
    base = _cat(Message("a"))
    ours = _cat(Message("a"), header=HEADER.replace(msgstr=HEADER.msgstr + "X-Ours: 1\n"))
    assert merge(base, ours, base).catalog.header == ours.header
    theirs = _cat(Message("a"), header=HEADER.replace(msgstr=HEADER.msgstr + "X-Theirs: 1\n"))
    assert merge(base, ours, theirs).catalog.header == theirs.header


def test_a_file_that_appeared_meanwhile_is_theirs_where_both_have_it() -> None:
    ours = _cat(Message("a", "우리"), Message("b", "우리"))
    theirs = _cat(Message("a", "그들"))
    got = merge(None, ours, theirs).catalog
    assert _by_id(got) == {"a": Message("a", "그들"), "b": Message("b", "우리")}


def test_a_save_that_only_rewraps_or_reorders_counts_as_untouched() -> None:
    base = _cat(Message("a", flags=("python-format", "fuzzy"), references=("x.py:1",)))
    theirs = _cat(Message("a", flags=("fuzzy", "python-format"), references=("./x.py:1",)))
    ours = _cat(Message("a", "번역", flags=("python-format",), references=("x.py:1",)))
    merged = merge(base, ours, theirs)
    assert merged.catalog.messages == ours.messages and merged.theirs == 0


_text = st.sampled_from(["", "x", "번역", "y"])
_message = st.builds(
    Message,
    msgid=st.sampled_from(["a", "b", "c", "d"]),
    msgstr=_text,
    flags=st.sampled_from([(), ("fuzzy",)]),
    obsolete=st.booleans(),
)
_catalog = st.lists(_message, max_size=6, unique_by=lambda m: (m.obsolete, m.msgid)).map(
    lambda ms: _cat(*ms)
)


@settings(max_examples=300, deadline=None)
@given(base=_catalog, ours=_catalog, theirs=_catalog)
def test_merge_laws(base: Catalog, ours: Catalog, theirs: Catalog) -> None:
    """Nobody else saved: ours. We changed nothing: theirs (the same entries
    as msgcat writes them). Every entry they changed is in the result as they
    left it."""

    def written(messages: tuple[Message, ...]) -> set[str]:
        return {format_message(m) for m in messages}

    assert merge(base, ours, base).catalog == ours
    assert written(merge(base, base, theirs).catalog.messages) == written(theirs.messages)
    got = written(merge(base, ours, theirs).catalog.messages)
    old = written(base.messages)
    assert all(format_message(m) in got for m in theirs.messages if format_message(m) not in old)


# ------------------------------------------------------------ guarded.save on disk


def _po(tmp_path: Path) -> Path:
    path = tmp_path / "ko" / "doc.po"
    write_po(path, _cat(Message("One.", references=("doc.md:1",)), Message("Two.")))
    return path


def test_save_writes_when_nobody_else_did(tmp_path: Path) -> None:
    path = _po(tmp_path)
    base = guarded.read(path)
    ours = _cat(Message("One.", "하나", references=("doc.md:1",)), Message("Two.", "둘"))
    saved = guarded.save(ours, base)
    assert saved.changed and saved.theirs == 0 and saved.catalog == ours
    assert path.read_bytes() == format_po(ours).encode()
    assert saved.tracked == guarded.read(path)  # the base of the next save


def test_save_merges_a_polib_save_made_meanwhile(tmp_path: Path) -> None:
    path = _po(tmp_path)
    base = guarded.read(path)
    person = polib.pofile(str(path), wrapwidth=40)
    person.find("One.").msgstr = "사람이 고친 번역"
    person.save()
    polib_bytes = path.read_bytes()
    ours = _cat(
        Message("One.", "기계", flags=("fuzzy",), translator_comments=MT, references=("doc.md:1",)),
        Message("Two.", "기계 둘", flags=("fuzzy",), translator_comments=MT),
    )
    saved = guarded.save(ours, base)
    on_disk = _by_id(parse_po(path.read_bytes(), str(path)))
    assert on_disk["One."].msgstr == "사람이 고친 번역" and not on_disk["One."].fuzzy
    assert on_disk["Two."] == ours.messages[1]
    # their entry, and their header (polib adds an empty "#" comment to it)
    assert saved.theirs == 2 and saved.catalog == parse_po(path.read_bytes(), "x")
    assert saved.catalog.header == parse_po(polib_bytes, "x").header


def test_save_leaves_a_deleted_file_deleted(tmp_path: Path) -> None:
    path = _po(tmp_path)
    base = guarded.read(path)
    path.unlink()
    with pytest.raises(guarded.ConcurrentEdit, match="deleted while locpipe was working"):
        guarded.save(_cat(Message("One.", "하나")), base)
    assert not path.exists()


def test_save_leaves_an_unreadable_save_alone_and_names_its_line(tmp_path: Path) -> None:
    path = _po(tmp_path)
    base = guarded.read(path)
    broken = path.read_bytes() + b'\nmsgid "half a save\n'
    path.write_bytes(broken)
    with pytest.raises(guarded.ConcurrentEdit) as caught:
        guarded.save(_cat(Message("One.", "하나")), base)
    assert caught.value.line == broken.count(b"\n")
    assert "cannot be read" in caught.value.message
    assert path.read_bytes() == broken


def test_save_gives_up_on_a_file_that_never_stops_changing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _po(tmp_path)
    base = guarded.read(path)
    real = guarded.write_if_unchanged
    saves = iter(range(100))

    def someone_saves_first(target: Path, data: bytes, expected: object) -> object:
        write_po(path, _cat(Message("One.", f"저장 {next(saves)}")))
        return real(target, data, expected)  # type: ignore[arg-type]

    monkeypatch.setattr(guarded, "write_if_unchanged", someone_saves_first)
    with pytest.raises(guarded.ConcurrentEdit, match="changed on disk 5 times"):
        guarded.save(_cat(Message("One.", "하나")), base)
    assert _by_id(parse_po(path.read_bytes(), "x"))["One."].msgstr == "저장 4"
