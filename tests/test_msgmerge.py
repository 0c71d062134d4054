"""GNU msgmerge over locpipe's catalogues: provenance and states survive, and
locpipe's fuzzy matching carries over at least what msgmerge carries over."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from locpipe import catalog, merge
from locpipe.catalog import Occurrence, State, state
from locpipe.formats import headers
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog, Message
from locpipe.similarity import similarity

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LONG = (
    "Both sides agreed to strengthen exchanges to foster strategic mutual trust "
    "between the two governments and their peoples."
)
SENTENCES = (
    "China and South Korea seek to keep relations on the “right track”",
    LONG,
    "Xi Jinping noted that stable relations between the two countries contribute "
    "to regional and global peace.",
    "China’s economic growth and industrial power strengthen regional supply chains.",
    "Lee Jae-myung also urged China to play a “constructive role” in the "
    "denuclearization of the Korean Peninsula.",
    "Read More »",
    "Western analysts are cautiously assessing the diplomatic maneuvers.",
    "Relations were strained under the previous administration.",
    "This initiative underscores the potential for cultural exchanges.",
)
GONE = "Due to this interdependence, regional countries often try to balance their interests."
NEAR_MEMORY = "Lee Jae-myung urged China to play a constructive role on the Korean Peninsula."


def _template(texts: tuple[str, ...] | list[str]) -> Catalog:
    header = headers.template_header("doc", "locpipe", NOW)
    return catalog.template(
        header, [Occurrence(t, f"doc.txt:{i + 1}") for i, t in enumerate(texts)]
    )


def _edit(cat: Catalog, msgid: str, **changes: object) -> Catalog:
    return Catalog(
        cat.header, tuple(m.replace(**changes) if m.msgid == msgid else m for m in cat.messages)
    )


def lifecycle_catalog() -> tuple[Catalog, Catalog]:
    """(catalogue, template): every state locpipe produces, in one catalogue.

    Machine entries; a reviewed one (fuzzy cleared, `# mt:` kept, as PO
    editors do); one edited but left fuzzy (reviewed by the fingerprint rule);
    an exact memory fill (`# tm:`); a near-memory suggestion (fuzzy, `#|`,
    `# tm: … ~NN%`); a carried-over fuzzy entry (`#|`); untranslated; obsolete.
    """
    first = _template([*SENTENCES, GONE])
    cat = merge.update(None, first, headers.catalog_header("doc", "ko", "locpipe", first))
    cat, _ = catalog.apply_memory(
        cat,
        catalog.memory(
            {
                "ko/other": Catalog(
                    cat.header,
                    (
                        Message(msgid=SENTENCES[5], msgstr="더 읽기 »"),
                        Message(
                            msgid=NEAR_MEMORY, msgstr="이재명은 중국에 건설적 역할을 촉구했다."
                        ),
                    ),
                )
            }
        ),
    )
    todo = [t for t in catalog.pending(cat) if t != SENTENCES[8]]
    cat, _ = catalog.apply_machine(cat, {t: f"기계 번역: {t[:20]}" for t in todo}, "argos t 1.0")
    cat = _edit(cat, LONG, msgstr="양측은 교류를 강화하기로 합의했다.", flags=())
    cat = _edit(cat, SENTENCES[2], msgstr="시진핑은 평화에 기여한다고 말했다.")  # still fuzzy
    cat = _edit(cat, GONE, msgstr="상호 의존 때문에.", flags=())
    cat = _edit(cat, SENTENCES[7], msgstr="관계가 긴장되었다.", flags=())
    # the sentence changes: its reviewed text is carried over as fuzzy with #|
    second = [s.replace("previous", "former") for s in SENTENCES]
    cat = merge.update(cat, _template(second), cat.header)
    return cat, _template(second)


def expected_states(cat: Catalog) -> dict[tuple[str | None, str], State]:
    return {m.key: state(m) for m in cat.messages}


def test_the_fixture_covers_every_state() -> None:
    cat, _ = lifecycle_catalog()
    assert set(expected_states(cat).values()) == set(State)
    comments = [c for m in cat.messages for c in m.translator_comments]
    assert any(c.startswith("mt: ") for c in comments)
    assert "tm: ko/other" in comments
    assert any(c.startswith("tm: ko/other ~") for c in comments)
    assert any(m.previous_msgid for m in cat.messages)
    assert cat.obsolete()


def msgmerge(po: Path, pot: Path, out: Path, *options: str) -> Catalog:
    subprocess.run(["msgmerge", "--quiet", *options, "-o", str(out), str(po), str(pot)], check=True)
    return read_po(out)


@pytest.mark.parametrize("options", [(), ("--previous",)], ids=["plain", "previous"])
def test_unchanged_template_keeps_every_comment_flag_and_state(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    cat, pot = lifecycle_catalog()
    write_po(tmp_path / "x.po", cat)
    write_po(tmp_path / "x.pot", pot)
    merged = msgmerge(tmp_path / "x.po", tmp_path / "x.pot", tmp_path / "out.po", *options)
    assert expected_states(merged) == expected_states(cat)
    for before, after in zip(cat.messages, merged.messages, strict=True):
        assert after.translator_comments == before.translator_comments
        assert after.flags == before.flags
        assert after.msgstr == before.msgstr
    if options:
        # with --previous msgmerge keeps #| too, so nothing at all changes
        assert (tmp_path / "out.po").read_bytes() == (tmp_path / "x.po").read_bytes()


CHANGED = {
    LONG: LONG.replace("strengthen", "deepen"),  # reviewed (fuzzy cleared)
    SENTENCES[2]: SENTENCES[2].replace("stable", "steady"),  # reviewed, left fuzzy
    SENTENCES[3]: SENTENCES[3].replace("industrial power", "industry"),  # machine
}


@pytest.mark.parametrize("changed", list(CHANGED), ids=["reviewed", "edited-fuzzy", "machine"])
def test_changed_sentence_states_agree_with_locpipe_update(tmp_path: Path, changed: str) -> None:
    cat, _ = lifecycle_catalog()
    texts = [CHANGED[changed] if m.msgid == changed else m.msgid for m in cat.active()]
    pot = _template(texts)
    write_po(tmp_path / "x.po", cat)
    write_po(tmp_path / "x.pot", pot)
    merged = msgmerge(tmp_path / "x.po", tmp_path / "x.pot", tmp_path / "out.po", "--previous")
    ours = merge.update(cat, pot, cat.header)
    theirs, mine = expected_states(merged), expected_states(ours)
    for key, value in mine.items():
        if key[1] not in (changed, CHANGED[changed]):
            assert theirs.get(key) == value, key
    new = (None, CHANGED[changed])
    kind = state(next(m for m in cat.messages if m.msgid == changed))
    if kind is State.MACHINE:
        # msgmerge carries machine output over; the src: hash in `# mt:` shows it
        # belongs to another sentence, and locpipe's next update translates it afresh.
        assert theirs[new] is State.FUZZY and mine[new] is State.UNTRANSLATED
    else:
        assert theirs[new] is mine[new] is State.FUZZY
    # either way, locpipe's update over msgmerge's output converges on its own
    # (msgmerge keeps the `# mt:` comment of a carried entry, locpipe drops it;
    # msgmerge has no `#|` for an entry that was fuzzy, see the next test)
    assert summary(merge.update(merged, pot, cat.header)) == summary(ours)


def summary(cat: Catalog) -> list[tuple[str, str, State]]:
    return [(m.msgid, m.msgstr, state(m)) for m in cat.active()]


def test_known_limit_edited_fuzzy_entry_loses_its_previous_msgid_in_msgmerge(
    tmp_path: Path,
) -> None:
    """msgmerge writes `#|` only for entries that were not fuzzy, so a reviewer
    who edits a machine entry must clear the fuzzy flag for msgmerge to show the
    diff; locpipe's own update always does (and the src: hash keeps the state
    right either way)."""
    cat, _ = lifecycle_catalog()
    texts = [CHANGED[SENTENCES[2]] if m.msgid == SENTENCES[2] else m.msgid for m in cat.active()]
    write_po(tmp_path / "x.po", cat)
    write_po(tmp_path / "x.pot", _template(texts))
    merged = msgmerge(tmp_path / "x.po", tmp_path / "x.pot", tmp_path / "out.po", "--previous")
    entry = next(m for m in merged.messages if m.msgid == CHANGED[SENTENCES[2]])
    assert entry.previous_msgid is None and state(entry) is State.FUZZY
    ours = merge.update(cat, _template(texts), cat.header)
    assert next(m for m in ours.messages if m.msgid == CHANGED[SENTENCES[2]]).previous_msgid


# ------------------------------------------------------- similarity table

BASE = (
    "The Chinese leader emphasized that China and South Korea are close neighbors "
    "who have overcome ideological differences."
)
TRADE = (
    "His government’s priority is to restore partnership with China, with bilateral "
    "trade reaching 328.08 billion USD in 2024."
)
#: (name, old sentences, new sentences): realistic source edits.
EDITS = [
    ("one word", [LONG], [LONG.replace("strengthen", "deepen")]),
    ("number", [TRADE], [TRADE.replace("328.08", "331.2").replace("2024", "2025")]),
    ("typo fix", [BASE.replace("ideological", "ideologcal")], [BASE]),
    ("quotes", ['Lee supports "pragmatic diplomacy."'], ["Lee supports “pragmatic diplomacy.”"]),
    ("clause added", [BASE], [BASE.replace("differences.", "differences over 33 years.")]),
    ("clause dropped", [TRADE], [TRADE.split(", with")[0] + "."]),
    ("half kept", [LONG], ["Both sides agreed to strengthen exchanges."]),
    ("title", ["Read More"], ["Read More »"]),
    ("short word", ["Close"], ["Clone"]),
    ("reworded", [LONG], ["The two governments promised closer ties and more trust."]),
    ("unrelated", [LONG], ["The weather in Seoul was mild today."]),
    ("split in two", [LONG], [LONG.split(" between")[0] + ".", "It concerns the two peoples."]),
    (
        "one old, two new",
        [LONG],
        [LONG.replace("strengthen", "deepen"), LONG.replace("strengthen", "widen")],
    ),
    (
        "two old, two new",
        [LONG, BASE],
        [BASE.replace("close", "good"), LONG.replace("mutual", "shared")],
    ),
]


def _old_catalog(olds: list[str]) -> Catalog:
    pot = _template(olds)
    cat = merge.update(None, pot, headers.catalog_header("doc", "ko", "locpipe", pot))
    return Catalog(
        cat.header, tuple(m.replace(msgstr=f"번역 {i}") for i, m in enumerate(cat.messages))
    )


def _picks(cat: Catalog, olds: list[str]) -> dict[str, str | None]:
    """For each active msgid, the old sentence its translation came from."""
    index = {f"번역 {i}": old for i, old in enumerate(olds)}
    return {m.msgid: index.get(m.msgstr) for m in cat.active()}


def grams(text: str) -> set[str]:
    return {text[i : i + 4] for i in range(len(text) - 3)}


def msgmerge_picks(tmp_path: Path, olds: list[str], news: list[str]) -> dict[str, str | None]:
    old = _old_catalog(olds)
    write_po(tmp_path / "old.po", old)
    write_po(tmp_path / "new.pot", _template(news))
    merged = msgmerge(tmp_path / "old.po", tmp_path / "new.pot", tmp_path / "out.po", "--previous")
    return _picks(merged, olds)


def locpipe_picks(olds: list[str], news: list[str]) -> dict[str, str | None]:
    old = _old_catalog(olds)
    return _picks(merge.update(old, _template(news), old.header), olds)


@pytest.mark.parametrize(("name", "olds", "news"), EDITS, ids=[e[0] for e in EDITS])
def test_locpipe_matches_what_msgmerge_matches(
    tmp_path: Path, name: str, olds: list[str], news: list[str]
) -> None:
    theirs = msgmerge_picks(tmp_path, olds, news)
    ours = locpipe_picks(olds, news)
    for new in news:
        if theirs[new] is None:
            if ours[new] is not None:
                # msgmerge only scores candidates sharing a 4-gram with the new
                # msgid (msgl-fsearch.c); locpipe scores every plausible one.
                assert not grams(new) & grams(ours[new]), f"{name}: locpipe matched more"
                assert similarity(new, ours[new]) > catalog.FUZZY_THRESHOLD
        else:
            # Same pick, one old entry serving several new ones as in msgmerge.
            assert ours[new] == theirs[new], f"{name}: locpipe chose differently"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (LONG, LONG.replace("strengthen", "deepen")),
        ("Close", "Clone"),
        ("", "abc"),
        ("가나다라", "가나라"),
        ("중국과 한국은 관계를 유지한다.", "중국과 한국은 관계를 강화한다."),
    ],
)
def test_similarity_is_gettext_fstrcmp(a: str, b: str) -> None:
    """2·LCS/(m+n): checked against a plain dynamic-programming LCS."""
    previous = [0] * (len(b) + 1)
    for x in a:
        row = [0]
        for j, y in enumerate(b):
            row.append(previous[j] + 1 if x == y else max(previous[j + 1], row[j]))
        previous = row
    expected = 2 * previous[-1] / (len(a) + len(b)) if a or b else 1.0
    assert similarity(a, b) == pytest.approx(expected)
    assert similarity(b, a) == pytest.approx(expected)


def test_ten_thousand_entries_with_a_few_changes(tmp_path: Path) -> None:
    """The pre-filters keep this quick: only the changed entries are compared,
    and only with candidates of a plausible length and character make-up."""
    texts = [f"{LONG[: 40 + i % 60]} item {i}." for i in range(10_000)]
    old = _old_catalog(texts)
    changed = list(texts)
    for i in (17, 4242, 9001):
        changed[i] = changed[i].replace("agreed", "decided")
    changed[5000] = "A sentence that is new and matches nothing at all."
    merged = {m.msgid: m for m in merge.update(old, _template(changed), old.header).active()}
    assert [merged[changed[i]].previous_msgid for i in (17, 4242, 9001)] == [
        texts[17],
        texts[4242],
        texts[9001],
    ]
    assert merged[changed[5000]].msgstr == ""
