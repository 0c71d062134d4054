"""PO reading and writing: byte-identical to GNU msgcat, lossless to read."""

# Fullwidth CJK punctuation in strings is what these tests are about.

from __future__ import annotations

import gettext
import io
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from locpipe.errors import PoSyntaxError
from locpipe.formats.pofile import (
    compile_mo,
    format_po,
    format_po_bytes,
    parse_po,
    read_po,
    write_po,
)
from locpipe.model import Catalog, Message

DATA = Path(__file__).parent / "data" / "po"

HEADER = Message(
    msgid="",
    msgstr=(
        "Project-Id-Version: demo 1.0\n"
        "PO-Revision-Date: 2024-01-01 00:00+0000\n"
        "Last-Translator: Nobody <nobody@example.com>\n"
        "Language-Team: Korean\n"
        "Language: ko\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "Plural-Forms: nplurals=1; plural=0;\n"
    ),
)


HEADER_UTF8 = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def msgcat(text: str, tmp_path: Path) -> str:
    """What GNU msgcat writes for the PO text `text` (default options)."""
    source = tmp_path / "in.po"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(["msgcat", str(source)], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    if not done.stdout:
        # msgcat writes nothing for a header-only catalogue unless forced; the
        # formatting is the same either way.
        assert "\n\n" not in text, "msgcat dropped messages"
        done = subprocess.run(
            ["msgcat", "--force-po", str(source)], capture_output=True, check=True
        )
    return done.stdout.decode("utf-8")


def msgfmt_check(text: str, tmp_path: Path) -> None:
    source = tmp_path / "check.po"
    source.write_text(text, encoding="utf-8")
    subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "check.mo"), str(source)],
        capture_output=True,
        check=True,
    )


def catalog(*messages: Message) -> Catalog:
    return Catalog(header=HEADER, messages=messages)


SAMPLE = catalog(
    Message(
        msgid="The quick brown fox jumps over the lazy dog. " * 3,
        msgstr="빠른 갈색 여우가 게으른 개를 뛰어넘습니다. " * 4,
        flags=("fuzzy",),
        translator_comments=("mt: argos ko 1.0",),
        references=tuple(f"content/article-{i}.md:{i * 10}" for i in range(12)),
    ),
    Message(
        msgid='Hello\nWorld "quoted" \\ tab\t', msgstr="你好，世界。「引用」（括号）：测试、" * 5
    ),
    Message(
        msgid="%(n)s file",
        msgid_plural="%(n)s files",
        msgstr_plural=("%(n)s 파일",),
        flags=("python-format",),
        msgctxt="menu",
    ),
    Message(
        msgid="Changed sentence.", msgstr="바뀐 문장.", flags=("fuzzy",), previous_msgid="Old."
    ),
    Message(msgid="Gone.", msgstr="사라짐.", obsolete=True, previous_msgid="Gone before."),
)


def test_golden_bytes() -> None:
    golden = (DATA / "sample.po").read_text(encoding="utf-8")
    assert format_po(SAMPLE) == golden


def test_golden_is_what_msgcat_writes(tmp_path: Path) -> None:
    text = format_po(SAMPLE)
    assert msgcat(text, tmp_path) == text
    msgfmt_check(text, tmp_path)


def test_parse_format_round_trip() -> None:
    text = format_po(SAMPLE)
    parsed = parse_po(text.encode(), "sample.po")
    assert parsed == SAMPLE
    assert format_po(parsed) == text


def test_write_po_is_atomic_and_skips_identical(tmp_path: Path) -> None:
    target = tmp_path / "ko" / "LC_MESSAGES" / "demo.po"
    assert write_po(target, SAMPLE) is True
    mtime = target.stat().st_mtime_ns
    assert write_po(target, SAMPLE) is False
    assert target.stat().st_mtime_ns == mtime
    assert read_po(target) == SAMPLE


def test_compile_mo_loads_in_gettext() -> None:
    mo = compile_mo(SAMPLE, include_fuzzy=False)
    t = gettext.GNUTranslations(io.BytesIO(mo))
    assert t.gettext('Hello\nWorld "quoted" \\ tab\t').startswith("你好")
    assert t.npgettext("menu", "%(n)s file", "%(n)s files", 5) == "%(n)s 파일"
    assert t.gettext("Changed sentence.") == "Changed sentence."  # fuzzy left out
    assert t.gettext("Gone.") == "Gone."  # obsolete never included
    fuzzy = gettext.GNUTranslations(io.BytesIO(compile_mo(SAMPLE, include_fuzzy=True)))
    assert fuzzy.gettext("Changed sentence.") == "바뀐 문장."


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('msgid "a\nmsgstr "b"\n', 1, "string"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate"),
        ('msgid ""\nmsgstr "no colon here\\n"\n', 1, "header"),
        ('msgid "a"\nmsgstr "b"\n"tail\n', 3, "string"),
        ('msgid "a"\n', 1, "msgstr"),
        ('msgid "a"\nmsgstr "\\q"\n', 2, "escape"),
    ],
    ids=[
        "unterminated",
        "duplicate",
        "broken-header",
        "unterminated-continuation",
        "no-msgstr",
        "bad-escape",
    ],
)
def test_parse_errors_carry_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(PoSyntaxError) as info:
        parse_po(text.encode(), "bad.po")
    assert info.value.line == line
    assert info.value.file == "bad.po"
    assert fragment in info.value.message


def test_invalid_utf8_is_refused_with_line() -> None:
    data = HEADER_UTF8 + b'msgid "a"\nmsgstr "\xff"\n'
    with pytest.raises(PoSyntaxError) as info:
        parse_po(data, "bad.po")
    assert info.value.line == 5


def test_legacy_charset_is_converted() -> None:
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=EUC-KR\\n"\n\n'
    text += 'msgid "a"\nmsgstr "안녕"\n'
    parsed = parse_po(text.encode("euc-kr"), "legacy.po")
    assert parsed.messages[0].msgstr == "안녕"
    assert parsed.header_field("Content-Type") == "text/plain; charset=UTF-8"


def test_unknown_charset_is_refused() -> None:
    data = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=X-NOPE\\n"\n'
    with pytest.raises(PoSyntaxError, match="charset"):
        parse_po(data, "bad.po")


# ------------------------------------------------------------ msgcat identity

ENGLISH = [
    "the",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "lazy",
    "dog",
    "translation",
    "internationalisation",
    "a",
    "I",
    "file",
    "files",
    "e.g.",
    "Mr.",
    "U.S.",
    "3.14",
    "$5",
    "50%",
    "(see",
    "note)",
    "[1]",
    "{name}",
    "%(count)s",
    "% d",
    "%1$s",
    "%%",
    "%(a b)s",
    "%5.2f",
    "%s",
    "%d",
    "don't",
    "well-known",
    "--option",
    "/usr/share/locale",
    "https://example.com/a/b?c=d&e=f",
    "x" * 85,
    "self-contained,",
    "end.",
    "why?",
    "yes!",
    "quote:",
    "<b>bold</b>",
    "#1",
]
KOREAN = [
    "안녕하세요",
    "번역",
    "파일",
    "여우가",
    "게으른",
    "개를",
    "뛰어넘습니다",
    "한국어",
    "국제화",
    "가",
    "각",
    "한",
    "ㄱ",
    "ㅏ",
    "테스트입니다",
    "값은",
    "입니다",
]
CHINESE = ["你好", "世界", "翻译", "文件", "国际化", "中文", "测试", "数据", "的", "是", "很"]
PUNCT = [
    "，",
    "。",
    "、",
    "：",
    "；",
    "！",
    "？",
    "（",
    "）",
    "「",
    "」",
    "『",
    "』",
    "《",
    "》",
    "【",
    "】",
    "〜",
    "…",
    "—",
    "–",
    "“",
    "”",
    "‘",
    "’",
    "·",
    "・",
    "ー",
    "々",
    "％",
    "＄",
]
ASCII = [*" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "\n", "\t", "\\n", "\r", "\a"]
SEPARATORS = [" ", " ", " ", "", "", "\n", "  ", ", ", ". ", "\t", "\u00a0", "\u3000"]


@st.composite
def texts(draw: st.DrawFn, min_words: int = 0) -> str:
    words = st.sampled_from(ENGLISH + KOREAN + CHINESE + PUNCT + ASCII)
    items = draw(
        st.lists(st.tuples(words, st.sampled_from(SEPARATORS)), min_size=min_words, max_size=40)
    )
    return "".join(w + s for w, s in items)


REFERENCES = st.builds(
    lambda d, n, line: f"{d}{n}.py" + (f":{line}" if line else ""),
    st.sampled_from(["", "./", "src/", "content/very/long/directory/name/for/wrapping/"]),
    st.text(alphabet="abcdefghij_-.", min_size=1, max_size=30).filter(lambda s: s[0] != "."),
    st.integers(min_value=0, max_value=99999),
)
COMMENTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=60
).filter(lambda c: not c.endswith("\\"))  # gettext joins a line ending in a backslash to the next
FLAGS = st.lists(
    st.sampled_from(
        [
            "fuzzy",
            "python-format",
            "python-brace-format",
            "no-python-format",
            "no-wrap",
            "wrap",
            "c-format",
        ]
    ),
    max_size=3,
    unique=True,
)


# Known divergence, pinned by test_brace_format_before_an_overlong_word below:
# with python-brace-format, GNU msgcat 0.21 keeps a word longer than the line
# on the line before it when a named {field} follows. The property test leaves
# that one combination to the pinned example.
OVERLONG = "x" * 85


@st.composite
def messages(draw: st.DrawFn) -> Message:
    plural = draw(st.booleans())
    msgstr = draw(st.one_of(st.just(""), texts()))
    previous = draw(st.one_of(st.none(), texts()))
    obsolete = draw(st.booleans())
    flags = tuple(draw(FLAGS))
    message = Message(
        msgid=draw(texts(min_words=1)),
        msgstr="" if plural else msgstr,
        msgctxt=draw(st.one_of(st.none(), texts())),
        msgid_plural=draw(texts()) if plural else None,
        msgstr_plural=tuple(draw(st.lists(texts(), min_size=1, max_size=3))) if plural else (),
        flags=flags,
        translator_comments=tuple(draw(st.lists(COMMENTS, max_size=2))),
        extracted_comments=tuple(draw(st.lists(COMMENTS, max_size=2))),
        # msgcat dedupes references before it drops "./", so `a.py` beside
        # `./a.py` comes out twice, and msgcat run on its own output then
        # dedupes them: not a fixed point of msgcat, whatever the writer does
        # (test_references_wrap_dedupe_and_normalise_like_msgcat covers that
        # input against msgcat directly).
        references=tuple(
            draw(st.lists(REFERENCES, max_size=12, unique_by=lambda r: r.removeprefix("./")))
        ),
        previous_msgctxt=draw(st.one_of(st.none(), texts())) if previous is not None else None,
        previous_msgid=previous,
        previous_msgid_plural=draw(st.one_of(st.none(), texts())) if plural and previous else None,
        obsolete=obsolete,
    )
    strings = (message.msgctxt or "", message.msgid, message.msgid_plural or "", message.msgstr)
    assume(
        "python-brace-format" not in flags
        or not any(OVERLONG in t for t in (*strings, *message.msgstr_plural))
    )
    return message


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    found = draw(st.lists(messages(), min_size=1, max_size=6, unique_by=lambda m: m.key))
    flags = ("fuzzy",) if draw(st.booleans()) else ()
    return Catalog(header=HEADER.replace(flags=flags), messages=tuple(found))


@pytest.mark.xfail(
    strict=True,
    reason="msgcat 0.21 keeps an overlong word on the line before a named brace "
    "directive; locpipe breaks before the word as libunistring's algorithm says",
)
def test_brace_format_before_an_overlong_word(tmp_path: Path) -> None:
    message = Message(msgid=f"the {OVERLONG} {{name}} ", flags=("python-brace-format",))
    text = format_po(Catalog(header=HEADER, messages=(message,)))
    assert msgcat(text, tmp_path) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_format_po_is_what_msgcat_writes(
    tmp_path_factory: pytest.TempPathFactory, cat: Catalog
) -> None:
    text = format_po(cat)
    assert msgcat(text, tmp_path_factory.mktemp("po")) == text
    assert format_po(parse_po(text.encode(), "generated.po")) == text


@settings(max_examples=100, deadline=None)
@given(catalogs(), st.sampled_from(["UTF-8", "ASCII", "us-ascii"]))
def test_format_po_bytes_are_format_po_in_utf8(cat: Catalog, charset: str) -> None:
    """Written entry by entry, the bytes are those of the whole text; a
    header saying ASCII says UTF-8 once some text is not ASCII."""
    header = cat.header.replace(msgstr=f"Content-Type: text/plain; charset={charset}\n")
    cat = Catalog(header, cat.messages)
    assert format_po_bytes(cat) == format_po(cat).encode("utf-8")


# ------------------------------------------------------------ real-world files


@pytest.mark.parametrize("name", ["django-ko.po", "django-zh_Hans.po"])
def test_django_catalogue_is_msgcat_identical_and_lossless(name: str, tmp_path: Path) -> None:
    data = (DATA / name).read_bytes()
    parsed = parse_po(data, name)
    expected = msgcat(data.decode("utf-8"), tmp_path)
    assert format_po(parsed) == expected
    # Every entry survives: polib (an independent parser) sees the same ones.
    import polib

    reference = polib.pofile(data.decode("utf-8"))
    assert len(parsed.messages) == len([e for e in reference if e.msgid != ""]) > 300
    ours = {(m.msgctxt, m.msgid): m.translations for m in parsed.messages}
    theirs = {
        (e.msgctxt, e.msgid): (
            tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
            if e.msgid_plural
            else (e.msgstr,)
        )
        for e in reference
        if e.msgid != ""
    }
    assert ours == theirs
    msgfmt_check(format_po(parsed), tmp_path)


# ------------------------------------------------------------ foreign writers

FOREIGN = HEADER_UTF8.decode() + (
    "#: b.py:3\n"
    "# translator comment after the reference\n"
    "#,fuzzy ,python-format\n"
    "#. extracted\n"
    '#| msgid "Old "\n'
    '#| "text"\n'
    'msgid "A long sentence that Poedit wrapped differently from how "\n'
    '"GNU gettext would, "\n'
    '"at some narrower width than seventy-nine columns."\n'
    'msgstr "번역"\n'
    "\n"
    "#, fuzzy\n"
    '#~| msgid "was"\n'
    '#~ msgid "gone"\n'
    '#~ msgstr "사라짐"\n'
    "\n"
    '#~ msgid "obsolete without translation"\n'
    '#~ msgstr ""\n'
)


def test_foreign_layout_is_read_losslessly_and_normalised(tmp_path: Path) -> None:
    parsed = parse_po(FOREIGN.encode(), "foreign.po")
    first = parsed.messages[0]
    assert first.flags == ("fuzzy", "python-format")
    assert first.previous_msgid == "Old text"
    assert first.translator_comments == ("translator comment after the reference",)
    assert parsed.messages[1].previous_msgid == "was" and parsed.messages[1].obsolete
    assert format_po(parsed) == msgcat(FOREIGN, tmp_path)


@pytest.mark.parametrize(
    ("flags", "written"),
    [
        (("python-format", "fuzzy"), "#, fuzzy, python-format"),
        (("no-wrap", "c-format", "wrap"), "#, c-format"),
        (("possible-python-format",), "#, python-format"),
        (("impossible-c-format", "no-python-format"), "#, no-python-format"),
        (("invented-flag", "fuzzy"), "#, fuzzy"),
        (("range: 0..10", "c-format"), "#, c-format, range: 0..10"),
    ],
    ids=[
        "fuzzy-first",
        "last-wrap-wins",
        "possible",
        "impossible-dropped",
        "unknown-dropped",
        "range-last",
    ],
)
def test_flags_are_written_in_gettext_order(
    flags: tuple[str, ...], written: str, tmp_path: Path
) -> None:
    text = format_po(
        catalog(Message(msgid="one", msgid_plural="%d", msgstr_plural=("x",), flags=flags))
    )
    assert written + "\n" in text
    assert msgcat(text, tmp_path) == text


def test_fuzzy_is_dropped_from_untranslated_entries(tmp_path: Path) -> None:
    text = format_po(catalog(Message(msgid="one", flags=("fuzzy",))))
    assert "fuzzy" not in text.split("\n\n", 1)[1]
    assert msgcat(text, tmp_path) == text


def test_obsolete_entries_keep_their_flags(tmp_path: Path) -> None:
    source = HEADER_UTF8.decode() + ('#, no-wrap\n#~ msgid "' + "word " * 30 + '"\n#~ msgstr "x"\n')
    assert format_po(parse_po(source.encode(), "x.po")) == msgcat(source, tmp_path)


def test_references_wrap_dedupe_and_normalise_like_msgcat(tmp_path: Path) -> None:
    refs = ["./a.py:010", "a.py:10", "./a.py:10", "lib/x.py", "lib/x.py", "c.py:x"]
    refs += [f"some/long/path/module_{i}.py:{i}" for i in range(8)]
    source = HEADER_UTF8.decode() + f'#: {" ".join(refs)}\nmsgid "m"\nmsgstr "n"\n'
    text = format_po(parse_po(source.encode(), "refs.po"))
    # "./a.py:10" and "a.py:10" differ until "./" is dropped on output, as in gettext.
    assert "#: a.py:10 a.py:10 lib/x.py c.py:x " in text
    assert all(len(line) <= 79 for line in text.splitlines() if line.startswith("#:"))
    assert text == msgcat(source, tmp_path)


def test_header_only_catalogue_is_written() -> None:
    assert format_po(catalog()) == 'msgid ""\nmsgstr ""\n' + "".join(
        f'"{line}\\n"\n' for line in HEADER.msgstr.splitlines()
    )


# Every code point of the blocks powrap classifies by table, each once in a
# random context: a regression net for the line-break class table.
TABLE_BLOCKS = [
    (0x21, 0x7E),
    (0xA0, 0x24F),
    (0x1100, 0x11FF),
    (0x2000, 0x2027),
    (0x202F, 0x205F),
    (0x2070, 0x2BFF),
    (0x2E80, 0x33FF),
    (0xFE10, 0xFE6F),
    (0xFF01, 0xFFEE),
    (0x1F300, 0x1F6FF),
]


def test_every_table_character_wraps_like_msgcat(tmp_path: Path) -> None:
    import random
    import unicodedata

    rng = random.Random(20240601)
    chars = [
        chr(cp)
        for lo, hi in TABLE_BLOCKS
        for cp in range(lo, hi + 1)
        if unicodedata.category(chr(cp)) != "Cn"
    ]
    rng.shuffle(chars)
    filler = ["word", " ", " ", "안녕하세요", "你好", "x" * 20, "\n", "  "]
    found: dict[tuple[str | None, str], Message] = {}
    for start in range(0, len(chars), 25):
        parts = [
            c + rng.choice(filler) if rng.random() < 0.4 else c for c in chars[start : start + 25]
        ]
        msgid = f"{start} " + "".join(parts)
        found[(None, msgid)] = Message(msgid=msgid, msgstr="".join(reversed(parts)))
    text = format_po(catalog(*found.values()))
    assert msgcat(text, tmp_path) == text
