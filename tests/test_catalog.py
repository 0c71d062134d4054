"""The entry lifecycle (catalog.py): pure updates over frozen catalogues."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locpipe import catalog, merge
from locpipe.catalog import Occurrence, State, state
from locpipe.model import Catalog, Message

HEADER = Message(msgid="", msgstr="Language: ko\n")
LONG = (
    "Both sides agreed to strengthen exchanges to foster strategic mutual trust "
    "between the two governments and their peoples."
)


def pot(*texts: str) -> Catalog:
    return catalog.template(
        HEADER, [Occurrence(t, f"doc.txt:{i + 1}") for i, t in enumerate(texts)]
    )


def machine(cat: Catalog, suffix: str = "!") -> Catalog:
    translations = {t: f"번역 {t}{suffix}" for t in catalog.pending(cat)}
    filled, _ = catalog.apply_machine(cat, translations, "argos test 1.0")
    return filled


def review(cat: Catalog, msgid: str, text: str) -> Catalog:
    return Catalog(
        header=cat.header,
        messages=tuple(
            m.replace(msgstr=text, flags=()) if m.msgid == msgid else m for m in cat.messages
        ),
    )


def by_id(cat: Catalog) -> dict[str, Message]:
    return {m.msgid: m for m in cat.messages}


def test_template_merges_duplicate_sentences_into_one_entry() -> None:
    cat = catalog.template(
        HEADER,
        [Occurrence("A.", "a.txt:1"), Occurrence("B.", "a.txt:2"), Occurrence("A.", "b.txt:4")],
    )
    assert [(m.msgid, m.references) for m in cat.messages] == [
        ("A.", ("a.txt:1", "b.txt:4")),
        ("B.", ("a.txt:2",)),
    ]


def test_machine_entries_are_fuzzy_with_provenance() -> None:
    cat = machine(merge.update(None, pot("One.", "Two."), HEADER))
    for m in cat.messages:
        assert state(m) is State.MACHINE
        assert m.fuzzy
        assert m.translator_comments[-2] == "mt: argos test 1.0"
        assert m.translator_comments[-1].startswith("fp:")
        assert (catalog.mt_comment(m) or "").startswith("mt: argos test 1.0 fp:")


def test_editing_a_machine_entry_without_clearing_fuzzy_leaves_it_fuzzy() -> None:
    """Fuzzy means "needs work" in Poedit, Django and pybabel, whoever edited it."""
    cat = machine(merge.update(None, pot("One."), HEADER))
    edited = cat.messages[0].replace(msgstr="하나.")
    assert edited.fuzzy
    assert state(edited) is State.FUZZY
    assert state(edited.replace(flags=())) is State.REVIEWED


def test_reviewed_translation_survives_and_is_never_machine_translated() -> None:
    cat = review(machine(merge.update(None, pot("One.", "Two."), HEADER)), "One.", "하나.")
    again = merge.update(cat, pot("One.", "Two.", "Three."), HEADER)
    assert by_id(again)["One."].msgstr == "하나."
    assert catalog.pending(again) == ["Three."]
    assert state(by_id(again)["One."]) is State.REVIEWED


def test_changed_sentence_keeps_reviewed_translation_as_fuzzy_with_previous_msgid() -> None:
    cat = review(merge.update(None, pot(LONG, "Other."), HEADER), LONG, "양측은 합의했다.")
    changed = LONG.replace("strengthen", "deepen")
    merged = by_id(merge.update(cat, pot(changed, "Other."), HEADER))
    entry = merged[changed]
    assert entry.msgstr == "양측은 합의했다."
    assert entry.fuzzy and entry.previous_msgid == LONG
    assert state(entry) is State.FUZZY
    assert LONG not in merged, "the old entry was used, so it is not kept as obsolete too"


def test_unrelated_sentence_does_not_inherit_a_translation() -> None:
    cat = review(merge.update(None, pot(LONG), HEADER), LONG, "양측은 합의했다.")
    merged = by_id(merge.update(cat, pot("The weather in Seoul was mild today."), HEADER))
    assert merged["The weather in Seoul was mild today."].msgstr == ""
    assert merged[LONG].obsolete


def test_one_old_entry_serves_every_new_entry_it_is_closest_to() -> None:
    # msgmerge's rule: a sentence split into two variants gives its
    # translation to both, each fuzzy with the old sentence as `#|`.
    cat = review(merge.update(None, pot(LONG), HEADER), LONG, "양측은 합의했다.")
    a, b = LONG.replace("strengthen", "deepen"), LONG.replace("strengthen", "widen")
    merged = merge.update(cat, pot(a, b), HEADER)
    assert [(m.msgstr, m.fuzzy, m.previous_msgid) for m in merged.active()] == [
        ("양측은 합의했다.", True, LONG),
        ("양측은 합의했다.", True, LONG),
    ]
    assert not merged.obsolete()


def test_an_entry_still_in_the_template_lends_its_translation() -> None:
    cat = review(merge.update(None, pot(LONG), HEADER), LONG, "양측은 합의했다.")
    variant = LONG.replace("strengthen", "deepen")
    merged = by_id(merge.update(cat, pot(LONG, variant), HEADER))
    assert state(merged[LONG]) is State.REVIEWED
    assert merged[variant].msgstr == "양측은 합의했다."
    assert merged[variant].fuzzy and merged[variant].previous_msgid == LONG


def test_machine_entry_with_changed_source_is_translated_afresh() -> None:
    cat = machine(merge.update(None, pot(LONG), HEADER))
    changed = LONG.replace("strengthen", "deepen")
    merged = merge.update(cat, pot(changed), HEADER)
    assert catalog.pending(merged) == [changed]


def test_removed_sentence_becomes_obsolete_and_comes_back() -> None:
    cat = review(merge.update(None, pot("Keep.", "Drop."), HEADER), "Drop.", "버림.")
    removed = merge.update(cat, pot("Keep."), HEADER)
    assert [m.msgid for m in removed.obsolete()] == ["Drop."]
    assert removed.obsolete()[0].references == ()
    restored = merge.update(removed, pot("Keep.", "Drop."), HEADER)
    entry = by_id(restored)["Drop."]
    assert not entry.obsolete and entry.msgstr == "버림." and entry.references == ("doc.txt:2",)


def test_untranslated_removed_sentence_is_dropped_not_obsoleted() -> None:
    cat = merge.update(None, pot("Keep.", "Drop."), HEADER)
    assert [m.msgid for m in merge.update(cat, pot("Keep."), HEADER).messages] == ["Keep."]


def test_memory_reuses_reviewed_translations_only() -> None:
    reviewed = review(
        machine(merge.update(None, pot("Shared.", "Mine."), HEADER)), "Shared.", "공유."
    )
    other = merge.update(None, pot("Shared.", "Mine."), HEADER)
    memory = catalog.memory({"first": reviewed})
    filled, count = catalog.apply_memory(other, memory)
    assert count == 1
    entry = by_id(filled)["Shared."]
    assert entry.msgstr == "공유." and not entry.fuzzy
    assert entry.translator_comments == ("tm: first",)
    assert by_id(filled)["Mine."].msgstr == "", "machine output never feeds the memory"


def test_counts() -> None:
    cat = review(machine(merge.update(None, pot("A.", "B.", "C."), HEADER)), "A.", "에이.")
    cat = merge.update(cat, pot("A.", "B.", "D."), HEADER)
    assert catalog.counts(cat) == catalog.Counts(reviewed=1, machine=1, untranslated=1, obsolete=1)


sentences = st.lists(
    st.sampled_from(
        [LONG, LONG.replace("strengthen", "deepen"), "One.", "Two.", "Three.", "Four."]
    ),
    max_size=6,
    unique=True,
)


@given(first=sentences, second=sentences, reviewed=st.sets(st.integers(0, 5)))
def test_update_twice_equals_update_once(
    first: list[str], second: list[str], reviewed: set[int]
) -> None:
    cat = machine(merge.update(None, pot(*first), HEADER))
    for i in reviewed:
        if i < len(first):
            cat = review(cat, first[i], f"검토 {i}")
    once = merge.update(cat, pot(*second), HEADER)
    assert merge.update(once, pot(*second), HEADER) == once
    kept = {m.msgid: m.msgstr for m in once.messages if state(m) is State.REVIEWED}
    for i in reviewed:
        if i < len(first) and first[i] in second:
            assert kept[first[i]] == f"검토 {i}"


POOL = [
    LONG,
    LONG.replace("strengthen", "deepen"),
    LONG.replace("mutual trust", "mutual understanding"),
    "One.",
    "Two.",
    "Three.",
    "Relations improved in 2024.",
    "Relations improved in 2025.",
    "The weather in Seoul was mild today.",
]
#: what a reviewer may do to one entry
ACTIONS = st.sampled_from(["none", "edit+clear", "clear", "edit-keep-fuzzy", "blank"])


def reviewer(cat: Catalog, actions: list[str]) -> Catalog:
    """Apply one reviewer action per active entry, in order."""
    messages = list(cat.messages)
    active = [i for i, m in enumerate(messages) if not m.obsolete]
    for i, action in zip(active, actions, strict=False):
        m = messages[i]
        if action == "edit+clear":
            m = m.replace(msgstr=f"검토 {i}", flags=(), previous_msgid=None)
        elif action == "clear" and m.msgstr:
            m = m.replace(flags=(), previous_msgid=None)
        elif action == "edit-keep-fuzzy" and m.msgstr:
            m = m.replace(msgstr=f"고침 {i}")
        elif action == "blank":
            m = m.replace(msgstr="", flags=())
        messages[i] = m
    return Catalog(cat.header, tuple(messages))


@given(
    first=st.lists(st.sampled_from(POOL), max_size=7, unique=True),
    second=st.lists(st.sampled_from(POOL), max_size=7, unique=True),
    third=st.lists(st.sampled_from(POOL), max_size=7, unique=True),
    actions=st.lists(ACTIONS, max_size=7),
)
def test_lifecycle_properties_over_random_reviews_and_source_edits(
    first: list[str], second: list[str], third: list[str], actions: list[str]
) -> None:
    """Over any reviews and two rounds of source edits: updating twice equals
    updating once, no reviewed translation is lost (it is kept, carried over
    or obsolete), every carried-over translation names its source in `#|`,
    and the catalogue reads back from msgcat's format with the same states."""
    from locpipe.formats.pofile import format_po, parse_po

    cat = reviewer(machine(merge.update(None, pot(*first), HEADER)), actions)
    for texts in (second, third):
        before = cat
        cat = merge.update(before, pot(*texts), HEADER)
        assert merge.update(cat, pot(*texts), HEADER) == cat
        survivors = [m.msgstr for m in cat.messages if m.msgstr]
        for m in before.active():
            if state(m) is State.REVIEWED:
                assert m.msgstr in survivors, m
        # `#|` is the sentence the translation was written for: the msgid of
        # the entry it came from, or that entry's own `#|`.
        sources = {(m.msgid, m.msgstr) for m in before.messages} | {
            (m.previous_msgid, m.msgstr) for m in before.messages
        }
        for m in cat.active():
            if m.previous_msgid is not None and m.msgstr:
                assert (m.previous_msgid, m.msgstr) in sources, m
        assert [m.msgid for m in cat.active()] == texts
        again = parse_po(format_po(cat).encode(), "x.po")
        assert [state(m) for m in again.messages] == [state(m) for m in cat.messages]
        cat = machine(cat)


def test_plural_entries_get_the_locales_number_of_forms() -> None:
    plural = Message(msgid="%d file", msgid_plural="%d files", msgstr_plural=("", ""))
    translated = Message(msgid="%d dir", msgid_plural="%d dirs", msgstr_plural=("폴더 %d개",))
    cat = Catalog(header=HEADER, messages=(plural, translated))
    assert [m.msgstr_plural for m in catalog.fit_plurals(cat, 1).messages] == [
        ("",),
        ("폴더 %d개",),
    ]
    assert catalog.fit_plurals(cat, 2).messages[1].msgstr_plural == ("폴더 %d개", "폴더 %d개")


def _machine(msgid: str, text: str, plural: str | None = None) -> Message:
    message = Message(msgid, msgid_plural=plural, msgstr_plural=("",) if plural else ())
    filled, _ = catalog.apply_machine(
        Catalog(Message(""), (message,)), {msgid: text, **({plural: text} if plural else {})}, "e 1"
    )
    return filled.messages[0]


def test_accept_clears_fuzzy_and_previous_and_records_the_review() -> None:
    machine = _machine("Open the file.", "파일을 여세요.")
    accepted = catalog.accept(machine)
    assert state(accepted) is State.REVIEWED
    assert accepted.translator_comments == ("mt-reviewed: e 1",)
    # msgmerge -U puts fuzzy back: still a reviewed translation waiting, never "machine".
    assert state(accepted.replace(flags=("fuzzy",))) is not State.MACHINE
    suggestion = Message(
        "Open the files.",
        "파일을 여세요.",
        flags=("fuzzy",),
        translator_comments=("tm: ko/a ~90%",),
        previous_msgid="Open the file.",
    )
    taken = catalog.accept(suggestion, ["파일들을 여세요."])
    assert (taken.msgstr, taken.previous_msgid, taken.fuzzy) == ("파일들을 여세요.", None, False)
    assert taken.translator_comments == ("tm: ko/a ~90%",)
    assert state(taken) is State.REVIEWED


def test_reject_empties_every_form_and_drops_provenance_only() -> None:
    plural = _machine("%d file", "%d개 파일", plural="%d files")
    plural = plural.replace(translator_comments=("a note", *plural.translator_comments))
    rejected = catalog.reject(plural)
    assert rejected.msgstr_plural == ("",)
    assert rejected.translator_comments == ("a note",)
    assert (rejected.fuzzy, rejected.previous_msgid, state(rejected)) == (
        False,
        None,
        State.UNTRANSLATED,
    )


@pytest.mark.parametrize("texts", [[""], ["a", "b"]], ids=["empty", "two-forms"])
def test_accept_refuses_an_empty_text_or_a_wrong_number_of_forms(texts: list[str]) -> None:
    machine = _machine("Open the file.", "파일을 여세요.")
    with pytest.raises(ValueError):
        catalog.accept(machine, texts)
