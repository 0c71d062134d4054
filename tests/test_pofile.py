"""PO reading and writing: byte-identical to GNU msgcat, lossless to read."""

# Fullwidth CJK punctuation in strings is what these tests are about.
# ruff: noqa: RUF001

from __future__ import annotations

import gettext
import io
import subprocess
from pathlib import Path

import pytest

from locpipe.errors import PoSyntaxError
from locpipe.model import Catalog, Message
from locpipe.pofile import compile_mo, format_po, parse_po, read_po, write_po

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
    done = subprocess.run(["msgcat", str(source)], capture_output=True, check=True)
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
