"""locpipe.merge on its own: the thresholds and tie-breaks msgmerge uses."""

from __future__ import annotations

from locpipe import merge
from locpipe.catalog import State, state
from locpipe.model import Catalog, Message

HEADER = Message("", "Content-Type: text/plain; charset=UTF-8\n")


def _merge(old: list[Message], new: list[Message]) -> dict[tuple[str | None, str], Message]:
    merged = merge.update(Catalog(HEADER, tuple(old)), Catalog(HEADER, tuple(new)), HEADER)
    return {m.key: m for m in merged.messages}


def test_exactly_sixty_percent_similar_is_enough_as_in_msgmerge() -> None:
    # fstrcmp("App", "Approve") = 2·3/10: msgmerge's context bonus lifts it
    # over its strict threshold.
    merged = _merge([Message("Approve", msgstr="通过")], [Message("App")])
    assert merged[None, "App"].msgstr == "通过"
    assert merged[None, "App"].previous_msgid == "Approve"


def test_another_msgctxt_needs_more_than_sixty_percent() -> None:
    merged = _merge([Message("Approve", msgstr="通过", msgctxt="button")], [Message("App")])
    assert merged[None, "App"].msgstr == ""


def test_on_a_tie_the_same_context_wins() -> None:
    old = [
        Message("Open", msgstr="열기", msgctxt="file"),
        Message("Open", msgstr="개점", msgctxt="shop"),
    ]
    merged = _merge(old, [Message("Open.", msgctxt="shop")])
    assert merged["shop", "Open."].msgstr == "개점"


def test_obsolete_entries_lend_their_translation_and_are_then_dropped() -> None:
    old = [Message("Obsolete sentence about cats", msgstr="고양이", obsolete=True)]
    merged = _merge(old, [Message("Obsolete sentence about dogs")])
    assert merged[None, "Obsolete sentence about dogs"].msgstr == "고양이"
    assert (None, "Obsolete sentence about cats") not in merged


def test_machine_output_of_an_entry_turned_plural_is_translated_afresh() -> None:
    from locpipe import catalog

    pot = Catalog(HEADER, (Message("%d file"),))
    machine, _ = catalog.apply_machine(
        merge.update(None, pot, HEADER), {"%d file": "파일 %d개"}, "t"
    )
    assert state(machine.messages[0]) is State.MACHINE
    plural = Message("%d file", msgid_plural="%d files", msgstr_plural=("",))
    merged = _merge(list(machine.messages), [plural])
    assert merged[None, "%d file"].msgstr_plural == ("",)
    assert state(merged[None, "%d file"]) is State.UNTRANSLATED
