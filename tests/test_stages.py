"""Each stage of locpipe.stages on its own: data in, data out, no files."""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from locpipe import catalog
from locpipe.catalog import State, state
from locpipe.documents.segment import segment
from locpipe.documents.sources import Document, Source
from locpipe.errors import PoSyntaxError
from locpipe.formats import headers
from locpipe.model import Catalog, Message
from locpipe.stages import build, compile, machine, memory, templates, update
from locpipe.terms import Glossary, Term

NOW = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
LATER = datetime(2026, 2, 3, 4, 5, tzinfo=UTC)
UTF8 = Message("", msgstr="Content-Type: text/plain; charset=UTF-8\n")
TEXT = "Seoul is large. Busan is by the sea.\n\nSeoul is large.\n"


def _document(text: str = TEXT, relpath: str = "content/a.txt") -> Document:
    return Document(Source(Path("/p") / relpath, relpath, "a"), text, segment(text, "text"))


def _reviewed(cat: Catalog, translations: dict[str, str]) -> Catalog:
    return Catalog(
        header=cat.header,
        messages=tuple(
            m.replace(msgstr=translations[m.msgid]) if m.msgid in translations else m
            for m in cat.messages
        ),
    )


# -- templates ---------------------------------------------------------------


def test_a_document_template_has_one_entry_per_sentence_with_every_reference() -> None:
    pot = templates.of_document(_document(), "proj", NOW, None)
    assert [(m.msgid, m.references) for m in pot.messages] == [
        ("Seoul is large.", ("content/a.txt:1", "content/a.txt:3")),
        ("Busan is by the sea.", ("content/a.txt:1",)),
    ]
    assert pot.header_field("POT-Creation-Date") == headers.format_date(NOW)


def test_an_unchanged_template_keeps_its_header_and_a_changed_one_is_dated_anew() -> None:
    old = templates.of_document(_document(), "proj", NOW, None)
    again = templates.of_document(_document(), "proj", LATER, old)
    assert again == old
    changed = templates.of_document(_document(TEXT + "\nNew one.\n"), "proj", LATER, old)
    assert changed.header_field("POT-Creation-Date") == headers.format_date(LATER)


def test_an_app_template_with_disagreeing_plural_forms_is_refused() -> None:
    pot = Catalog(
        header=Message(""),
        messages=(
            Message("a", msgid_plural="as", msgstr_plural=("", "")),
            Message("b", msgid_plural="bs", msgstr_plural=("", "", "")),
        ),
    )
    with pytest.raises(PoSyntaxError):
        templates.of_app(pot, Path("app.pot"))
    assert templates.of_app(Catalog(Message(""), pot.messages[:1]), Path("app.pot")).messages


# -- update ------------------------------------------------------------------


def test_update_fills_the_header_and_carries_reviewed_text_to_a_changed_sentence() -> None:
    pot = templates.of_document(_document(), "proj", NOW, None)
    first = update.updated(None, pot, "ko", "a", "proj")
    assert first.header_field("Language") == "ko"
    assert [state(m) for m in first.messages] == [State.UNTRANSLATED] * 2
    reviewed = _reviewed(first, {"Busan is by the sea.": "부산은 바닷가에 있다."})
    changed = templates.of_document(_document(TEXT.replace("sea", "ocean")), "proj", NOW, pot)
    merged = {m.msgid: m for m in update.updated(reviewed, changed, "ko", "a", "proj").messages}
    assert merged["Busan is by the ocean."].previous_msgid == "Busan is by the sea."
    assert state(merged["Busan is by the ocean."]) is State.FUZZY


def test_update_leaves_a_catalogue_alone_when_only_the_template_date_moved() -> None:
    pot = templates.of_document(_document(), "proj", NOW, None)
    first = update.updated(None, pot, "ko", "a", "proj")
    redated = pot.with_header_field("POT-Creation-Date", headers.format_date(LATER))
    assert update.updated(first, redated, "ko", "a", "proj") is first


# -- memory ------------------------------------------------------------------


def test_memory_is_made_of_catalogues_orphans_and_the_locales_compendia() -> None:
    ko = Catalog(Message("", msgstr="Language: ko\n"), ())
    zh = Catalog(Message("", msgstr="Language: zh_CN\n"), ())
    found = memory.known("ko", {"a": ko}, {"gone": ko}, {"comp/ko.po": ko, "comp/zh.po": zh})
    assert sorted(found) == ["comp/ko.po", "ko/a", "ko/gone"]


def test_memory_fills_untranslated_entries_from_another_catalogue() -> None:
    pot = templates.of_document(_document(), "proj", NOW, None)
    source = _reviewed(
        update.updated(None, pot, "ko", "a", "proj"), {"Seoul is large.": "서울은 크다."}
    )
    target = update.updated(None, pot, "ko", "b", "proj")
    known = memory.known("ko", {"b": target}, {"old": source}, {})
    filled, count = memory.filled({"b": target}, catalog.memory(known))
    assert count == 1
    entry = next(m for m in filled["b"].messages if m.msgid == "Seoul is large.")
    assert (entry.msgstr, state(entry)) == ("서울은 크다.", State.REVIEWED)
    assert entry.translator_comments == ("tm: ko/old",)


def test_traditional_locales_need_a_simplified_and_a_traditional_one() -> None:
    assert memory.traditional_locales(["ko", "zh_CN"]) == ([], [])
    assert memory.traditional_locales(["ko", "zh_TW"]) == ([], [])


def test_memory_may_fill_only_entries_whose_source_entered_or_left_it() -> None:
    pot = templates.of_document(_document(), "proj", NOW, None)
    done = _reviewed(update.updated(None, pot, "ko", "a", "proj"), {"Seoul is large.": "크다."})
    changed = catalog.memory({"a": done})
    assert memory.may_fill([Message("Seoul is large.")], changed)
    assert memory.may_fill([Message("Seoul is very large.")], changed)  # near
    assert not memory.may_fill([Message("Busan is by the sea.")], changed)
    assert not memory.may_fill([Message("Something else entirely.")], changed)


# -- machine -----------------------------------------------------------------


class _Upper:
    engine_id = "upper test 1"
    batch_sentences = 2

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [t.upper() for t in texts]


def _untranslated(*texts: str, flags: tuple[str, ...] = ()) -> Catalog:
    return Catalog(UTF8, tuple(Message(t, flags=flags) for t in texts))


def test_pending_is_distinct_shortest_first_with_flags_and_skips_wordless_and_long_texts() -> None:
    long_text = "word " * (machine.MAX_MT_CHARS // 5 + 1)
    cats = {
        "a": _untranslated("Hello %(name)s.", "Hi.", "%(count)s", long_text),
        "b": _untranslated("Hi.", flags=("python-format",)),
    }
    pots = {"a": _untranslated("Hello %(name)s.", flags=("python-format",))}
    found = machine.pending(cats, pots, ("c-format",))
    assert found == {
        "Hi.": ("c-format", "python-format"),
        "Hello %(name)s.": ("c-format", "python-format"),
    }
    assert machine.too_long(cats.values()) == 1


def test_translate_masks_batches_restores_and_reports_lost_placeholders() -> None:
    engine = _Upper()
    texts = {"Save %(n)d files.": ("python-format",), "Open Seoul.": (), "Close.": ()}
    glossary = Glossary.of([Term("Seoul", "서울")])
    batches = list(machine.translate(texts, engine, glossary))
    assert [b.size for b in batches] == [2, 1]
    assert all("%(n)d" not in text for call in engine.calls for text in call)
    assert batches[0].translations["Save %(n)d files."] == "SAVE %(n)d FILES."
    assert batches[0].translations["Open Seoul."] == "OPEN 서울."
    assert batches[0].warnings == {} and batches[0].scores == {}
    filled, count = machine.filled(_untranslated("Close.", "Other."), batches[1], "e 1", 1)
    assert count == 1 and state(filled.messages[0]) is State.MACHINE


def test_batches_joined_fill_a_catalogue_as_each_batch_in_turn_does() -> None:
    """The driver writes after several batches at once: the catalogue must
    be what filling batch after batch gives, a plural entry whose msgid and
    msgid_plural came in different batches included (neither fills it)."""
    split = Message("One file.", msgid_plural="Many files.", msgstr_plural=("",))
    together = Message("A cat.", msgid_plural="Cats.", msgstr_plural=("",))
    cat = Catalog(UTF8, (*_untranslated("Open.", "Save it.").messages, split, together))
    texts = dict.fromkeys(["Open.", "One file.", "Many files.", "Save it.", "A cat.", "Cats."], ())
    batches = list(machine.translate(texts, _Upper(), Glossary()))
    assert [b.size for b in batches] == [2, 2, 2]
    one_by_one, total = cat, 0
    for batch in batches:
        one_by_one, filled = machine.filled(one_by_one, batch, "e 1", 1)
        total += filled
    at_once, count = machine.filled(cat, machine.joined(batches), "e 1", 1)
    assert at_once == one_by_one and count == total == 3
    assert not at_once.messages[2].translated and at_once.messages[3].translated


# -- compile and build -------------------------------------------------------


def _machine_and_reviewed() -> Catalog:
    cat = _untranslated("One.", "Two.")
    cat, _ = catalog.apply_machine(cat, {"One.": "하나."}, "e 1")
    return _reviewed(cat, {"Two.": "둘."})


@pytest.mark.parametrize(("policy", "shipped"), [("all", 2), ("reviewed", 1)])
def test_compile_ships_what_the_policy_allows(policy: str, shipped: int) -> None:
    suffix, data = compile.compiled(_machine_and_reviewed(), "ko", "a", policy)
    assert suffix == ".mo"
    read = gettext.GNUTranslations(io.BytesIO(data))
    assert (read.gettext("One."), read.gettext("Two.")) == (
        ("하나." if shipped == 2 else "One."),
        "둘.",
    )
    suffix, data = compile.compiled(_machine_and_reviewed(), "ko", "a", policy, "json")
    assert suffix == ".json" and ("하나." in data.decode()) is (shipped == 2)


def test_build_rebuilds_the_shipping_segments_and_keeps_the_rest() -> None:
    doc = _document("One. Two.\n")
    cat = _machine_and_reviewed()
    assert build.rebuilt(doc, cat, "ko", "all") == "하나. 둘.\n".encode()
    assert build.rebuilt(doc, cat, "ko", "reviewed") == "One. 둘.\n".encode()
    assert build.rebuilt(doc, cat, "ko", "reviewed", min_percent=60) is None
