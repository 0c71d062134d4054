"""Segmentation: sentence tables, block structure, Markdown, and invariants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locpipe.documents import segment as segment_module
from locpipe.documents.segment import (
    BlockKind,
    Segment,
    format_for,
    markdown_headings,
    segment,
    split_sentences,
)
from locpipe.documents.segment_rules import RULES, Rule
from locpipe.documents.wordless import has_words

DATA = Path(__file__).parent / "data" / "segment"
SAMPLE = Path(__file__).parent.parent / "content" / "china-south-korea-relations.txt"
K = BlockKind


def sentences(text: str, fmt: str = "text") -> list[str]:
    return [seg.text for seg in segment(text, fmt)]


def fold(s: str) -> str:
    """The msgid of a plain-text slice: line-break whitespace runs become one space."""
    return re.sub(r"\s+", lambda m: " " if re.search(r"[\r\n]", m[0]) else m[0], s)


def gap(src: str, start: int, end: int) -> str:
    """Non-whitespace text between segments (a leading byte-order mark counts as space)."""
    text = src[start:end]
    return (text.removeprefix("\ufeff") if start == 0 else text).strip()


def check_invariants(src: str, segs: tuple[Segment, ...], fmt: str) -> None:
    """Order, no overlap, trimmed non-empty slices, lossless rejoin, right lines."""
    pieces: list[str] = []
    pos = 0
    for seg in segs:
        assert pos <= seg.start < seg.end <= len(src), (seg, pos)
        piece = src[seg.start : seg.end]
        assert piece.strip() == piece, seg
        assert seg.text and seg.text.strip() == seg.text, seg
        assert "\n" not in seg.text and "\r" not in seg.text, seg
        assert seg.line == len(re.findall(r"\r\n|\r|\n", src[: seg.start])) + 1, seg
        if fmt == "text":
            assert seg.text == fold(piece), seg
            assert not has_words(gap(src, pos, seg.start)), "plain text leaves no words"
        pieces += [src[pos : seg.start], piece]
        pos = seg.end
    if fmt == "text":
        assert not has_words(gap(src, pos, len(src)))
    assert "".join([*pieces, src[pos:]]) == src


# --- sentences: (text, expected) --------------------------------------------

SENTENCES = [
    ("us-mid", "The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
    ("us-end", "He moved to the U.S. He was 12.", ["He moved to the U.S.", "He was 12."]),
    (
        "titles",
        "Dr. Watson met Mrs. Hudson on Baker St. near the park.",
        ["Dr. Watson met Mrs. Hudson on Baker St. near the park."],
    ),
    (
        "inc-mid",
        "Shares of Acme Inc. rose. The company is based in Ohio.",
        ["Shares of Acme Inc. rose.", "The company is based in Ohio."],
    ),
    (
        "eg-ie",
        "Use a box, e.g. The Container Store's. Ship it, i.e. Send it today.",
        ["Use a box, e.g. The Container Store's.", "Ship it, i.e. Send it today."],
    ),
    (
        "approx-am",
        "The trip takes approx. 3 hours. We leave at 9 a.m. tomorrow.",
        ["The trip takes approx. 3 hours.", "We leave at 9 a.m. tomorrow."],
    ),
    (
        "pm-time-zone",
        "Polls close at 8 p.m. ET. Counting starts at once.",
        ["Polls close at 8 p.m. ET.", "Counting starts at once."],
    ),
    (
        "decimals",
        "GDP grew 3.5 percent to 328.08 billion USD. Analysts expected 3.1.",
        ["GDP grew 3.5 percent to 328.08 billion USD.", "Analysts expected 3.1."],
    ),
    (
        "currency",
        "The deal is worth $1.5bn. It closes in 2025.",
        ["The deal is worth $1.5bn.", "It closes in 2025."],
    ),
    (
        "starts-with-number",
        "The vote was close. 52 senators agreed.",
        ["The vote was close.", "52 senators agreed."],
    ),
    (
        "curly-quote-end",
        "He called it “a great success.” Critics disagreed.",
        ["He called it “a great success.”", "Critics disagreed."],
    ),
    (
        "curly-quote-lowercase",
        "“Are you sure?” she asked. “Yes,” he said.",
        ["“Are you sure?” she asked.", "“Yes,” he said."],
    ),
    (
        "single-quote-end",
        "He said 'Stop.' Then he left.",
        ["He said 'Stop.'", "Then he left."],
    ),
    ("ellipsis-end", "He hesitated… Then he spoke.", ["He hesitated…", "Then he spoke."]),
    ("ellipsis-mid", "It was, well ... complicated.", ["It was, well ... complicated."]),
    (
        "parenthetical",
        "The index rose (see Table 2. It lists all data.) yesterday. Markets closed.",
        ["The index rose (see Table 2. It lists all data.) yesterday.", "Markets closed."],
    ),
    (
        "url",
        "Visit https://example.org/path/file.html?q=1. It has more.",
        ["Visit https://example.org/path/file.html?q=1.", "It has more."],
    ),
    (
        "email",
        "Write to info@example.co.uk. We answer daily.",
        ["Write to info@example.co.uk.", "We answer daily."],
    ),
    (
        "file-names",
        "Edit config.yaml and run setup.py. Then restart.",
        ["Edit config.yaml and run setup.py.", "Then restart."],
    ),
    (
        "versions",
        "Upgrade to Python 3.12.1 or v2.0. It is faster.",
        ["Upgrade to Python 3.12.1 or v2.0.", "It is faster."],
    ),
    (
        "initials",
        "The novel by J. R. R. Tolkien sold well. George W. Bush read it.",
        ["The novel by J. R. R. Tolkien sold well.", "George W. Bush read it."],
    ),
    (
        "inline-list",
        "1. Open the box 2. Remove the device 3. Plug it in",
        ["1. Open the box", "2. Remove the device", "3. Plug it in"],
    ),
    (
        "line-wrapped",
        "This paragraph was\nhard wrapped by an editor. It has\ntwo sentences.",
        ["This paragraph was hard wrapped by an editor.", "It has two sentences."],
    ),
    ("question-exclaim", "Why not? Because! Fine.", ["Why not?", "Because!", "Fine."]),
    (
        "number-abbreviation",
        "He lives at No. 10 Downing Street. It is famous.",
        ["He lives at No. 10 Downing Street.", "It is famous."],
    ),
    (
        "possessive",
        "Martin Luther King Jr.'s speech moved millions.",
        ["Martin Luther King Jr.'s speech moved millions."],
    ),
    (
        "month",
        "The meeting is on Jan. 5 in Seoul. Bring documents.",
        ["The meeting is on Jan. 5 in Seoul.", "Bring documents."],
    ),
    (
        "title-after-sentence",
        "We met the minister. Mr. Lee was late.",
        ["We met the minister.", "Mr. Lee was late."],
    ),
    (
        "colon",
        "Note: the office is closed. Come back.",
        ["Note: the office is closed.", "Come back."],
    ),
    ("no-final-punct", "One sentence. And a fragment", ["One sentence.", "And a fragment"]),
    ("whitespace-only", " \n\t \n", []),
    ("nbsp-inside", "It cost 5\u00a0USD. Cheap.", ["It cost 5\u00a0USD.", "Cheap."]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in SENTENCES], ids=[c[0] for c in SENTENCES]
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_examples(rule: Rule) -> None:
    """Every rule in segment_rules carries an example that holds."""
    assert tuple(sentences(rule.example)) == rule.expected, rule.why


def test_split_sentences_returns_trimmed_spans() -> None:
    text = "  Hello there.  How are you?\n"
    spans = split_sentences(text)
    assert spans == [(2, 14), (16, 28)]
    assert [text[s:e] for s, e in spans] == ["Hello there.", "How are you?"]


def test_a_single_newline_is_not_a_boundary_in_split_sentences() -> None:
    text = "It was a cold\nnight. Then\nit rained."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "It was a cold\nnight.",
        "Then\nit rained.",
    ]


# --- plain-text blocks -------------------------------------------------------

BLOCKS = [
    (
        "title-then-wrapped-paragraph",
        "My Title\nThis paragraph is wrapped at a narrow\nwidth and continues. Second one.\n",
        [
            (1, K.TITLE, "My Title"),
            (2, K.PARAGRAPH, "This paragraph is wrapped at a narrow width and continues."),
            (3, K.PARAGRAPH, "Second one."),
        ],
    ),
    (
        "blank-line-blocks",
        "First block.\n\nA heading without end\n\nLast block",
        [
            (1, K.PARAGRAPH, "First block."),
            (3, K.HEADING, "A heading without end"),
            (5, K.PARAGRAPH, "Last block"),
        ],
    ),
    (
        "list-lines",
        "Shopping list:\n- milk and\n  honey\n- eggs\n1. first\n2. second",
        [
            (1, K.PARAGRAPH, "Shopping list:"),
            (2, K.LIST_ITEM, "- milk and honey"),
            (4, K.LIST_ITEM, "- eggs"),
            (5, K.LIST_ITEM, "1. first"),
            (6, K.LIST_ITEM, "2. second"),
        ],
    ),
    (
        "crlf",
        "Title\r\n\r\nBody text. More\r\ntext here.\r\n",
        [
            (1, K.TITLE, "Title"),
            (3, K.PARAGRAPH, "Body text."),
            (3, K.PARAGRAPH, "More text here."),
        ],
    ),
    (
        "letter-lines",
        "\ufeffDear reader,\nThank you for reading.\nBest regards,\nThe Team\n",
        [
            (1, K.PARAGRAPH, "Dear reader,"),
            (2, K.PARAGRAPH, "Thank you for reading."),
            (3, K.PARAGRAPH, "Best regards,"),
            (4, K.PARAGRAPH, "The Team"),
        ],
    ),
    (
        "long-lines-are-paragraphs",
        "Headline Without Punctuation\n"
        + "A long line. " * 15
        + "\n"
        + "Next line ends U.S.\nEnd.",
        [
            (1, K.TITLE, "Headline Without Punctuation"),
            *[(2, K.PARAGRAPH, "A long line.")] * 15,
            (3, K.PARAGRAPH, "Next line ends U.S."),
            (4, K.PARAGRAPH, "End."),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in BLOCKS], ids=[c[0] for c in BLOCKS])
def test_text_blocks(text: str, expected: list[tuple[int, BlockKind, str]]) -> None:
    segs = segment(text, "text")
    assert [(s.line, s.kind, s.text) for s in segs] == expected
    check_invariants(text, segs, "text")


# Hand-judged: the title, then each long line as a paragraph split into its
# sentences; "U.S." and "328.08" do not end sentences; the last line is one.
SAMPLE_SENTENCES = [
    "China and South Korea seek to keep relations on the “right track”",
    "A telephone conversation on June 11 between Chinese President Xi Jinping and new South "
    "Korean President Lee Jae-myung aimed to deepen strategic cooperation.",
    "Xi Jinping noted that stable relations between the two countries contribute to regional "
    "and global peace.",
    "The Chinese leader emphasized that China and South Korea are “close neighbors” who have "
    "successfully overcome ideological differences and achieved common development over 33 "
    "years of diplomatic relations.",
    "Both sides agreed to strengthen exchanges to foster strategic mutual trust.",
    "They also highlighted the importance of enhancing bilateral cooperation to protect the "
    "multilateral system and free trade, which ensures the stability of global supply chains.",
    "For many countries in the Asia-Pacific region, including South Korea, China is a critical "
    "economic partner.",
    "Regional countries are significantly dependent on China’s market for their exports, as "
    "well as on Chinese investments and tourism.",
    "China’s economic growth and industrial power strengthen regional supply chains.",
    "Due to this interdependence, regional countries often try to balance their security "
    "interests within alliances with the U.S. and their economic interests with China, which "
    "necessitates a pragmatic diplomatic approach.",
    "Lee Jae-myung’s victory in the South Korean elections potentially shifts Seoul’s foreign "
    "policy, particularly concerning China.",
    "Relations were strained under the previous administration due to the U.S. deployment of "
    "the THAAD missile system in Korea and South Korea’s participation in technology sanctions "
    "against China.",
    "Lee Jae-myung, who supports “pragmatic diplomacy,” seeks to balance relations between the "
    "U.S. and China.",
    "His government’s priority is to restore partnership with China, as China is South Korea’s "
    "largest trading partner, with bilateral trade reaching 328.08 billion USD in 2024.",
    "Lee Jae-myung also urged China to play a “constructive role” in the denuclearization of "
    "the Korean Peninsula.",
    "During the telephone conversation, Lee Jae-myung noted that he affirmed his readiness to "
    "work with the Chinese side to deepen bilateral relations, including supporting the "
    "Confucian-Islamic Civilizations Dialogue initiative, which aims to enhance exchanges "
    "between peoples and deepen the integration of civilizations.",
    "This initiative, proposed by Malaysia, underscores the potential for strengthening "
    "cultural exchanges in the region.",
    "Western analysts are cautiously assessing the diplomatic maneuvers of South Korea’s new "
    "president, Lee Jae-myung.",
    "Although Seoul supports “pragmatic diplomacy” and seeks to improve relations with China, "
    "there are concerns in the West that this approach could come at the expense of weakening "
    "its strategic alliance with the United States, especially as Washington seeks to contain "
    "China’s growing influence in the region.",
    "Furthermore, China’s role in the denuclearization of the Korean Peninsula is often viewed "
    "skeptically in the West, as Beijing remains North Korea’s main diplomatic and economic ally.",
    "China and South Korea seek to keep relations on the “right track” Read More »",
]


def test_sample_article() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    segs = segment(text, "text")
    assert [s.text for s in segs] == SAMPLE_SENTENCES
    assert segs[0].kind is K.TITLE and segs[0].line == 1
    assert {s.kind for s in segs[1:]} == {K.PARAGRAPH}
    assert [s.line for s in segs] == [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 7, 7, 7, 8]
    check_invariants(text, segs, "text")


# --- Markdown ----------------------------------------------------------------

GUIDE = [
    (6, K.TITLE, "Getting Started with locpipe"),
    (8, K.PARAGRAPH, "locpipe segments English documents."),
    (8, K.PARAGRAPH, "It keeps every sentence as a gettext `msgid`, e.g. this one."),
    (11, K.HEADING, "Install"),
    (13, K.PARAGRAPH, "Run `pip install locpipe. --upgrade` first."),
    (
        13,
        K.PARAGRAPH,
        'Then read the [manual](https://example.com/docs/v1.2/index.html. "Manual. Here") again.',
    ),
    (16, K.QUOTE, "**Note.**"),
    (16, K.QUOTE, "The U.S. edition ships at 5 p.m. EST on Friday."),
    (17, K.QUOTE, "It costs $1.5bn."),
    (17, K.QUOTE, "Nobody knows why."),
    (19, K.LIST_ITEM, "Write the source files."),
    (20, K.LIST_ITEM, "Run *make translate*."),
    (20, K.LIST_ITEM, "It takes approx. 30 seconds."),
    (21, K.LIST_ITEM, "The result lands in `build/`."),
    (23, K.LIST_ITEM, "Apples"),
    (24, K.LIST_ITEM, "Pears"),
    (34, K.TABLE_CELL, "Option"),
    (34, K.TABLE_CELL, "Meaning"),
    # (36, "`--dry-run`") and (37, "`-q`"): code only, copied as they are
    (36, K.TABLE_CELL, "Show the plan."),
    (36, K.TABLE_CELL, "Change nothing."),
    (37, K.TABLE_CELL, "Quiet \\| terse."),
    (39, K.HEADING, "Setext heading"),
    # A hard line break ends a segment, so the rebuilt document keeps it.
    (42, K.PARAGRAPH, "Final paragraph with a hard break"),
    (43, K.PARAGRAPH, "and a question?"),
    (43, K.PARAGRAPH, "Yes!"),
]


def test_markdown_fixture() -> None:
    text = (DATA / "guide.md").read_text(encoding="utf-8")
    segs = segment(text, "markdown")
    assert [(s.line, s.kind, s.text) for s in segs] == GUIDE
    check_invariants(text, segs, "markdown")
    joined = " ".join(s.text for s in segs)
    for never in ("Getting started. Really", "Do not", "indented code", "HTML blocks", "---"):
        assert never not in joined


def test_markdown_spans_include_continuation_markers() -> None:
    text = "> First line\n> second line. Next.\n"
    segs = segment(text, "markdown")
    assert [text[s.start : s.end] for s in segs] == ["First line\n> second line.", "Next."]
    assert [s.text for s in segs] == ["First line second line.", "Next."]


MARKDOWN = [
    ("toml-front-matter", "+++\ntitle = 'x. Y'\n+++\nBody. Text.", ["Body.", "Text."]),
    (
        "unclosed-front-matter-is-text",
        "---\nNot front matter. Really.",
        ["Not front matter.", "Really."],
    ),
    ("code-span", "Call `a. B` now. Done.", ["Call `a. B` now.", "Done."]),
    (
        "link-text-and-url",
        "See [the docs. Here](http://x.io/A. B) now. Next.",
        ["See [the docs. Here](http://x.io/A. B) now.", "Next."],
    ),
    ("autolink", "Mail <https://x.io/A. B> now. Next.", ["Mail <https://x.io/A. B> now.", "Next."]),
    ("emphasis", "It *works. Really* well. Yes.", ["It *works. Really* well.", "Yes."]),
    ("atx-closing-hashes", "## Heading. Two ##\n", ["Heading.", "Two"]),
    ("fenced-tilde", "~~~\nno. Way.\n~~~\nText.", ["Text."]),
    ("html-block", "<p>Skip. Me.</p>\n\nKeep me.", ["Keep me."]),
    ("nested-quote-list", "> - one. Two\n>   three.", ["one.", "Two three."]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in MARKDOWN], ids=[c[0] for c in MARKDOWN]
)
def test_markdown(text: str, expected: list[str]) -> None:
    segs = segment(text, "markdown")
    assert [s.text for s in segs] == expected
    check_invariants(text, segs, "markdown")


def test_markdown_kinds() -> None:
    text = "# One\n\n# Two\n\n> quoted\n\n- item\n\n| head |\n|---|\n| body |\n"
    kinds = [(s.text, s.kind) for s in segment(text, "markdown")]
    assert kinds == [
        ("One", K.TITLE),
        ("Two", K.HEADING),
        ("quoted", K.QUOTE),
        ("item", K.LIST_ITEM),
        ("head", K.TABLE_CELL),
        ("body", K.TABLE_CELL),
    ]


# --- API ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("a.md", "markdown"), ("b/C.MARKDOWN", "markdown"), ("a.txt", "text"), ("md", "text")],
)
def test_format_for(path: str, fmt: str) -> None:
    assert format_for(path) == fmt


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError, match="html"):
        segment("x", "html")


def test_segments_are_frozen_values() -> None:
    seg = segment("Hi.", "text")[0]
    assert seg == Segment("Hi.", 0, 3, K.PARAGRAPH, 1)
    with pytest.raises(AttributeError):
        seg.text = "x"  # type: ignore[misc]


# --- properties --------------------------------------------------------------

TRICKY = st.sampled_from(
    [
        *".!?…\"'“”‘’()[]*_`•⁃-#>|",
        *[" ", "  ", "\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\ufeff", "\0"],
        *[
            "U.S.",
            "Mr.",
            "e.g.",
            "a.m.",
            "1.",
            "2)",
            "a.",
            "$1.5",
            "...",
            ". . .",
            "http://x.io/a.b",
        ],
        *["word", "Word", "I", "The", "\n\n", "1,000.", "x@y.z", "Ü", "한국", "中文。"],
    ]
)
TRICKY_TEXT = st.lists(TRICKY, max_size=60).map("".join)
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(st.text() | TRICKY_TEXT)
def test_text_is_lossless(text: str) -> None:
    check_invariants(text, segment(text, "text"), "text")


@PROPS
@given(st.text() | TRICKY_TEXT)
def test_split_sentences_covers_the_paragraph(text: str) -> None:
    spans = split_sentences(text)
    pos = 0
    for s, e in spans:
        assert pos <= s < e <= len(text)
        assert text[s:e].strip() == text[s:e]
        assert not text[pos:s].strip()
        pos = e
    assert not text[pos:].strip()


WORDS = st.sampled_from(["alpha", "Beta", "U.S.", "Dr.", "end.", "why?", "wow!", "1.5", "`x.Y`"])
LINE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
FRAGMENT = st.one_of(
    LINE,
    st.tuples(st.integers(1, 6), LINE).map(lambda t: "#" * t[0] + " " + t[1]),
    st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n".join("- " + x for x in ls)),
    st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n".join("> " + x for x in ls)),
    LINE.map(lambda x: "```\n" + x + "\n```"),
    LINE.map(lambda x: "    " + x),
    st.tuples(LINE, LINE).map(lambda t: f"| {t[0]} | b |\n|---|---|\n| c | {t[1]} |"),
    LINE.map(lambda x: "---\n" + x + "\n---"),
    LINE.map(lambda x: "<div>\n" + x + "\n</div>"),
    st.text(max_size=40),
    TRICKY_TEXT,
)
MARKDOWNISH = st.lists(
    st.tuples(FRAGMENT, st.sampled_from(["\n", "\n\n", "\r\n\r\n", "\n  \n"])), max_size=8
).map(lambda parts: "".join(a + b for a, b in parts))


@PROPS
@given(MARKDOWNISH)
def test_markdown_is_lossless(text: str) -> None:
    check_invariants(text, segment(text, "markdown"), "markdown")


@st.composite
def tagged_document(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """A Markdown document with unique prose words and unique code words."""
    prose: list[str] = []
    code: list[str] = []

    def words(pool: list[str], prefix: str) -> str:
        n = draw(st.integers(1, 4))
        new = [f"{prefix}{len(pool) + i}" for i in range(n)]
        pool.extend(new)
        ends = draw(st.sampled_from(["", ".", "?", " e.g. more."]))
        return " ".join(new) + ends

    blocks: list[str] = []
    previous = ""
    for kind in draw(st.lists(st.sampled_from("hpqlfit"), min_size=1, max_size=8)):
        if kind == "i" and previous == "l":
            kind = "f"  # an indented block after a list item continues the item
        previous = kind
        if kind == "h":
            blocks.append("## " + words(prose, "prose"))
        elif kind == "p":
            blocks.append(words(prose, "prose") + "\n" + words(prose, "prose"))
        elif kind == "q":
            blocks.append("> " + words(prose, "prose") + "\n> " + words(prose, "prose"))
        elif kind == "l":
            blocks.append("- " + words(prose, "prose") + "\n- " + words(prose, "prose"))
        elif kind == "f":
            blocks.append("```\n" + words(code, "code") + "\n```")
        elif kind == "i":
            blocks.append("    " + words(code, "code"))
        else:
            blocks.append(f"| {words(prose, 'prose')} |\n|---|\n| {words(prose, 'prose')} |")
    return "\n\n".join(blocks) + "\n", prose, code


@PROPS
@given(tagged_document())
def test_markdown_translates_prose_and_only_prose(doc: tuple[str, list[str], list[str]]) -> None:
    text, prose, code = doc
    segs = segment(text, "markdown")
    check_invariants(text, segs, "markdown")
    joined = " ".join(s.text for s in segs)
    assert sorted(re.findall(r"\bprose\d+\b", joined)) == sorted(prose), "each prose word once"
    assert all(word in text for word in code)
    assert not re.findall(r"\bcode\d+\b", joined), "code is never segmented"


# Segmentation parses Markdown blocks only (markdown-it's inline pass off, see
# segment._block_parser), a chunk of lines at a time (segment._chunks): it must
# give exactly what the full parse of the whole document gives.
BLOCKY = st.one_of(
    FRAGMENT,
    st.tuples(LINE, st.sampled_from(["x", "a b"])).map(
        lambda t: f"[{t[1]}]: /u '{t[0]}'\n\n[{t[1]}]"
    ),
    st.lists(LINE, min_size=1, max_size=3).map(
        lambda ls: "\n".join(f"1. {x}\n   > {x}" for x in ls)
    ),
    LINE.map(lambda x: f"- {x}\n\n  ```\n  {x}\n\n{x}\n  ```\n- *{x}* [l](u) `c` <b>{x}</b>"),
    LINE.map(lambda x: f"```\n{x}\n\n{x}\n\n```"),
    LINE.map(lambda x: f"~~~ unclosed\n\n{x}"),
    LINE.map(lambda x: f"<!-- {x}\n\n{x} -->\n{x}"),
    LINE.map(lambda x: f"<pre>\n\n{x}\n\n</pre>"),
    LINE.map(lambda x: f"<div>\n```\n</div>\n\n```\n{x}\n\n{x}\n```"),
    LINE.map(lambda x: f'!!! note "{x}"\n    {x}\n\n    - {x}'),
    LINE.map(lambda x: f"```{{note}}\n:class: tip\n{x}\n\n{x}\n```"),
    LINE.map(lambda x: f"{x}\n===\n\n{x}  \n{x}\\\n{x}"),
    LINE.map(lambda x: f"# {x}\n\n{x}\n{x}\n\n    {x}\n\n{x}"),
)
BLOCKY_DOCUMENT = st.tuples(
    st.sampled_from(["", "---\ntitle: T. x\n---\n", "+++\na = 1\n+++\n\n", "---\n\n"]),
    st.lists(st.tuples(BLOCKY, st.sampled_from(["\n", "\n\n", "\r\n\r\n", "\n \n"])), max_size=10),
).map(lambda t: t[0] + "".join(a + b for a, b in t[1]))


@PROPS
@given(BLOCKY_DOCUMENT)
def test_markdown_in_chunks_of_blocks_segments_as_the_full_parse_of_the_whole(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(segment_module, "_CHUNK_LINES", 1)  # a chunk wherever one may start
        chunked = (segment(text, "markdown"), markdown_headings(text))
        full = segment_module._markdown()
        patch.setattr(segment_module, "_block_parser", lambda: full)
        patch.setattr(segment_module, "_CHUNK_LINES", 1 << 30)  # one chunk: the whole
        assert (segment(text, "markdown"), markdown_headings(text)) == chunked
