"""Translation memory (catalog.memory / apply_memory): exact fills and near-match
suggestions, pure; and one run through the real CLI with a compendium."""

from __future__ import annotations

import random

import pytest

from locpipe import catalog, merge
from locpipe.catalog import MEMORY_THRESHOLD, Occurrence, State, state
from locpipe.formats.pofile import read_po
from locpipe.model import Catalog, Message
from locpipe.similarity import similarity
from tests.conftest import SAMPLE, Project

HEADER = Message(msgid="", msgstr="Language: ko\n")
SENTENCE = "Both sides agreed to strengthen exchanges to foster strategic mutual trust."
NEAR = "Both sides agreed to deepen exchanges to foster strategic mutual trust."
FAR = "The weather in Seoul was mild for most of the week."
KO = "양측은 전략적 상호 신뢰를 증진하기 위해 교류를 강화하기로 합의했다."


def pot(*texts: str) -> Catalog:
    return catalog.template(
        HEADER, [Occurrence(t, f"doc.txt:{i + 1}") for i, t in enumerate(texts)]
    )


def reviewed(*pairs: tuple[str, str]) -> Catalog:
    """A catalogue whose entries are all reviewed (not fuzzy)."""
    return Catalog(HEADER, tuple(Message(msgid=s, msgstr=t) for s, t in pairs))


def machine(*texts: str) -> Catalog:
    cat = merge.update(None, pot(*texts), HEADER)
    filled, _ = catalog.apply_machine(cat, {t: f"기계 {t}" for t in texts}, "argos test 1.0")
    return filled


def fill(
    target: Catalog, memory: dict[str, Catalog], near: float | None = MEMORY_THRESHOLD
) -> tuple[dict[str, Message], int]:
    filled, count = catalog.apply_memory(target, catalog.memory(memory), near=near)
    return {m.msgid: m for m in filled.messages}, count


def test_exact_match_is_whitespace_normalised_and_reviewed() -> None:
    target = merge.update(None, pot(f"  {SENTENCE.replace(' ', '  ', 2)}\n"), HEADER)
    entries, count = fill(target, {"ko/other": reviewed((SENTENCE, KO))})
    (entry,) = entries.values()
    assert count == 1
    # msgfmt -c: the msgid ends with a newline, so must the msgstr
    assert entry.msgstr == f"  {KO}\n" and not entry.fuzzy and state(entry) is State.REVIEWED
    assert entry.translator_comments == ("tm: ko/other",)


def test_near_match_is_a_fuzzy_suggestion_with_previous_msgid_and_score() -> None:
    entries, count = fill(merge.update(None, pot(NEAR), HEADER), {"c.po": reviewed((SENTENCE, KO))})
    entry = entries[NEAR]
    score = similarity(NEAR, SENTENCE)
    assert MEMORY_THRESHOLD <= score < 1.0
    assert count == 1
    assert entry.msgstr == KO and entry.fuzzy
    assert entry.previous_msgid == SENTENCE, "the reviewer sees the diff against the memory"
    assert entry.translator_comments == (f"tm: c.po ~{int(score * 100)}%",)
    assert state(entry) is State.FUZZY


def test_suggestion_is_not_machine_translated() -> None:
    target = merge.update(None, pot(NEAR, FAR), HEADER)
    filled, _ = catalog.apply_memory(target, catalog.memory({"c": reviewed((SENTENCE, KO))}))
    assert catalog.pending(filled) == [FAR]
    after_mt, count = catalog.apply_machine(filled, {NEAR: "기계", FAR: "기계"}, "argos t 1")
    assert count == 1
    assert {m.msgid: m.msgstr for m in after_mt.messages}[NEAR] == KO


def test_unrelated_sentence_gets_nothing() -> None:
    entries, count = fill(merge.update(None, pot(FAR), HEADER), {"c": reviewed((SENTENCE, KO))})
    assert count == 0 and entries[FAR].msgstr == ""


def test_near_matches_can_be_switched_off() -> None:
    entries, count = fill(
        merge.update(None, pot(NEAR), HEADER), {"c": reviewed((SENTENCE, KO))}, near=None
    )
    assert count == 0 and entries[NEAR].msgstr == ""


def test_exact_match_wins_over_a_near_one() -> None:
    memory = {"a": reviewed((SENTENCE, KO)), "b": reviewed((NEAR, "가까운 번역"))}
    entries, _ = fill(merge.update(None, pot(NEAR), HEADER), memory)
    assert entries[NEAR].msgstr == "가까운 번역" and not entries[NEAR].fuzzy


def test_the_most_similar_memory_sentence_is_suggested() -> None:
    closer = SENTENCE.replace("mutual", "common")
    memory = {"a": reviewed((SENTENCE, KO)), "b": reviewed((closer, "더 가까운"))}
    target = NEAR.replace("mutual", "common")  # `closer` differs by one word, SENTENCE by two
    entries, _ = fill(merge.update(None, pot(target), HEADER), memory)
    assert entries[target].msgstr == "더 가까운"
    assert entries[target].previous_msgid == closer


def test_machine_and_fuzzy_output_never_feed_the_memory() -> None:
    carried = Message(msgid=SENTENCE, msgstr="옛 번역", flags=("fuzzy",), previous_msgid="Old.")
    memory = catalog.memory(
        {
            "mt": machine(SENTENCE),
            "fuzzy": Catalog(HEADER, (carried,)),
            "gone": Catalog(
                HEADER,
                (Message(msgid=SENTENCE, msgstr="옛 기계", flags=("fuzzy",), obsolete=True),),
            ),
        }
    )
    assert dict(memory) == {}
    # a suggestion made in one catalogue does not become memory for the next
    first, _ = catalog.apply_memory(
        merge.update(None, pot(NEAR), HEADER), catalog.memory({"c": reviewed((SENTENCE, KO))})
    )
    assert NEAR not in catalog.memory({"first": first})


def test_edited_machine_entry_left_fuzzy_is_not_reviewed_memory() -> None:
    cat = machine(SENTENCE)
    edited = Catalog(HEADER, (cat.messages[0].replace(msgstr=KO),))  # still fuzzy, text changed
    assert state(edited.messages[0]) is State.FUZZY
    entries, _ = fill(merge.update(None, pot(SENTENCE), HEADER), {"x": edited})
    assert entries[SENTENCE].msgstr == ""
    accepted = Catalog(HEADER, (edited.messages[0].replace(flags=()),))
    entries, _ = fill(merge.update(None, pot(SENTENCE), HEADER), {"x": accepted})
    assert entries[SENTENCE].msgstr == KO


def test_suggestion_survives_an_update_and_becomes_reviewed_when_accepted() -> None:
    template = pot(NEAR)
    filled, _ = catalog.apply_memory(
        merge.update(None, template, HEADER), catalog.memory({"c": reviewed((SENTENCE, KO))})
    )
    assert merge.update(filled, template, HEADER) == filled
    accepted = filled.messages[0].replace(flags=(), previous_msgid=None)
    assert state(accepted) is State.REVIEWED


def test_first_catalogue_by_name_wins_on_equal_sentences() -> None:
    memory = {"b": reviewed((SENTENCE, "비")), "a": reviewed((SENTENCE, "에이"))}
    entries, _ = fill(merge.update(None, pot(SENTENCE), HEADER), memory)
    assert entries[SENTENCE].msgstr == "에이"
    assert entries[SENTENCE].translator_comments == ("tm: a",)


def test_plain_mapping_works_as_memory() -> None:
    plain = dict(catalog.memory({"c": reviewed((SENTENCE, KO))}))
    filled, count = catalog.apply_memory(merge.update(None, pot(NEAR), HEADER), plain)
    assert count == 1 and filled.messages[0].fuzzy


def test_large_memory_finds_the_one_near_match() -> None:
    rng = random.Random(7)
    words = "trade policy region China Korea partner growth supply chain market talks".split()
    sentences = {
        " ".join(rng.choice(words) for _ in range(rng.randint(4, 18))).capitalize() + f" {i}."
        for i in range(5000)
    }
    memory = reviewed(*((s, f"번역 {i}") for i, s in enumerate(sorted(sentences))))
    memory = Catalog(HEADER, (*memory.messages, Message(msgid=SENTENCE, msgstr=KO)))
    new = [f"Nothing like the memory at all, number {i}." for i in range(200)] + [NEAR]
    entries, count = fill(merge.update(None, pot(*new), HEADER), {"big": memory})
    assert count == 1 and entries[NEAR].msgstr == KO


COMPENDIUM = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {language}\\n"

msgid "{exact}"
msgstr "{exact_text}"

msgid "{near}"
msgstr "{near_text}"
"""


@pytest.fixture
def sample_sentences() -> tuple[str, str]:
    """Two sentences of the sample article."""
    text = SAMPLE.read_text(encoding="utf-8")
    exact = (
        "Xi Jinping noted that stable relations between the two countries "
        "contribute to regional and global peace."
    )
    near_source = "China’s economic growth and industrial power strengthen regional supply chains."
    assert exact in text and near_source in text
    return exact, near_source


def test_compendium_fills_exact_and_suggests_near_through_the_cli(
    project_with_models: Project, sample_sentences: tuple[str, str]
) -> None:
    project = project_with_models
    exact, near_source = sample_sentences
    near = near_source.replace("industrial power", "industrial might")
    (project.root / "tm").mkdir()
    for language, suffix in (("ko", "검토"), ("ja", "レビュー")):
        (project.root / "tm" / f"{language}.po").write_text(
            COMPENDIUM.format(
                language=language,
                exact=exact,
                exact_text=f"시진핑은 안정적인 관계가 평화에 기여한다고 말했다 {suffix}.",
                near=near,
                near_text=f"중국의 경제 성장과 산업력은 공급망을 강화한다 {suffix}.",
            ),
            encoding="utf-8",
        )
    with (project.root / "locpipe.toml").open("a", encoding="utf-8") as config:
        config.write('compendia = ["tm/*.po"]\n')
    project.run("translate", check=True)
    po = project.locales / "ko" / "LC_MESSAGES" / f"{SAMPLE.stem}.po"
    entries = {m.msgid: m for m in read_po(po).active()}
    hit = entries[exact]
    assert state(hit) is State.REVIEWED and hit.msgstr.endswith("검토.")
    assert hit.translator_comments == ("tm: tm/ko.po",)
    suggestion = entries[near_source]
    score = similarity(near_source, near)
    assert state(suggestion) is State.FUZZY and suggestion.msgstr.endswith("검토.")
    assert suggestion.previous_msgid == near
    assert suggestion.translator_comments == (f"tm: tm/ko.po ~{int(score * 100)}%",)
    others = [m for m in entries.values() if m.msgid not in (exact, near_source)]
    assert all(state(m) is State.MACHINE for m in others), "the rest is machine-translated"
    zh = read_po(project.locales / "zh_CN" / "LC_MESSAGES" / f"{SAMPLE.stem}.po")
    assert all(state(m) is State.MACHINE for m in zh.active()), "a ja compendium serves no one"
    before = project.snapshot()
    project.run("translate", check=True)
    assert project.snapshot() == before, "a second run keeps suggestions and rewrites nothing"


def test_obsolete_reviewed_entries_feed_the_memory_after_active_ones() -> None:
    """A sentence that moved to another document left a reviewed `#~` entry
    behind: it is memory, but an active reviewed entry of any catalogue wins."""
    gone = Catalog(HEADER, (Message(msgid=SENTENCE, msgstr="사라짐", obsolete=True),))
    assert catalog.memory({"a": gone})[SENTENCE][0].msgstr == "사라짐"
    both = catalog.memory({"a": gone, "z": reviewed((SENTENCE, KO))})
    assert both[SENTENCE][0].msgstr == KO and both[SENTENCE][1] == "z"


def test_plural_entries_and_contexts_come_back_exactly() -> None:
    """A renamed app template's plural entries and context-dependent words
    get their own reviewed translations back."""
    files = Message(msgid="%d file", msgid_plural="%d files", msgstr_plural=("파일 %d개",))
    may_month = Message(msgid="May", msgctxt="month name", msgstr="5월")
    may_verb = Message(msgid="May", msgctxt="verb", msgstr="해도 된다")
    old = Catalog(HEADER, (may_verb, may_month, files.replace(obsolete=True)))
    target = Catalog(
        HEADER,
        (
            files.replace(msgstr_plural=("",)),
            may_month.replace(msgstr=""),
            Message(msgid="%d file", msgid_plural="%d files", msgstr_plural=("", "")),
        ),
    )
    filled, count = catalog.apply_memory(target, catalog.memory({"ko/old": old}))
    plural, month, two_forms = filled.messages
    assert plural.msgstr_plural == ("파일 %d개",) and state(plural) is State.REVIEWED
    assert month.msgstr == "5월"
    assert two_forms.msgstr_plural == ("", ""), "another number of forms is not filled"
    assert count == 2
