"""The PO reader refuses what msgfmt refuses, and what msgfmt would silently
garble, with the file and line, before a run writes anything (issue 24).

Each row records msgfmt's own verdict (`msgfmt -c`, GNU gettext 0.21), and the
test checks that verdict too, so the table stays true:

- "refuses": msgfmt exits non-zero (a syntax error).
- "garbles": msgfmt exits 0 but the compiled string is not the text (a NUL
  cuts it short, or it holds bytes that are not UTF-8); locpipe refuses.
- "warns": msgfmt exits 0 with "not a portable encoding name"; locpipe refuses
  the charset when it is no text encoding gettext knows.
- "accepts": both read it, to the same text.

gettext reads `\\xNN…` (every hex digit) and `\\ooo` as one *byte*, the value
modulo 256, in the file's charset: `\\xc3\\xa9` is "é" in a UTF-8 file,
`\\x4142` is "B", and `\\x110000` and `\\xD800` are a NUL.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from locpipe.errors import PoSyntaxError
from locpipe.formats.pofile import parse_po
from tests.conftest import Project

MSGFMT = shutil.which("msgfmt")

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: x\\n"\n'
    '"PO-Revision-Date: 2024-01-01 00:00+0000\\n"\n'
    '"Last-Translator: x\\n"\n'
    '"Language-Team: x\\n"\n'
    '"Language: ko\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset={charset}\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    "\n"
)
FIRST = HEADER.count("\n") + 1  # the line the entry below starts on

# (id, entry, msgfmt's verdict, locpipe's error (None: read) or the msgstr read, charset)
CASES = [
    ("duplicate-msgstr", 'msgid "a"\nmsgstr "reviewed"\nmsgstr ""', "refuses", "duplicate msgstr"),
    (
        "duplicate-msgstr[0]",
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[0] "y"',
        "refuses",
        "duplicate msgstr[0]",
    ),
    ("duplicate-msgid", 'msgid "a"\nmsgid "b"\nmsgstr "y"', "refuses", "duplicate msgid"),
    (
        "duplicate-msgctxt",
        'msgctxt "a"\nmsgctxt "b"\nmsgid "b"\nmsgstr "y"',
        "refuses",
        "duplicate msgctxt",
    ),
    (
        "duplicate-previous-msgid",
        '#| msgid "p"\n#| msgid "q"\nmsgid "a"\nmsgstr "x"',
        "refuses",
        "duplicate #| msgid",
    ),
    (
        "msgstr-in-a-plural",
        'msgid "a"\nmsgid_plural "as"\nmsgstr "x"',
        "refuses",
        "msgstr in a plural message",
    ),
    ("escape-x110000", 'msgid "a"\nmsgstr "\\x110000"', "garbles", "a NUL byte"),
    ("escape-xD800", 'msgid "a"\nmsgstr "\\xD800"', "garbles", "a NUL byte"),
    ("escape-nul", 'msgid "a"\nmsgstr "b\\0c"', "garbles", "a NUL byte"),
    ("escape-huge", 'msgid "a"\nmsgstr "\\x' + "f" * 5000 + '"', "garbles", "not utf-8 text"),
    ("escape-lone-byte", 'msgid "a"\nmsgstr "\\xe9"', "garbles", "not utf-8 text: \\xe9"),
    ("escape-q", 'msgid "a"\nmsgstr "\\q"', "refuses", "invalid escape sequence \\q"),
    ("escape-utf8-bytes", 'msgid "a"\nmsgstr "\\xc3\\xa9"', "accepts", "é"),
    ("escape-octal-bytes", 'msgid "a"\nmsgstr "\\303\\251!"', "accepts", "é!"),
    ("escape-long-hex", 'msgid "a"\nmsgstr "\\x4142"', "accepts", "B"),
    ("escape-ascii", 'msgid "a"\nmsgstr "\\x41\\101\\t"', "accepts", "AA\t"),
]
#: What msgfmt compiles for the "garbles" rows: cut at the NUL, or not UTF-8.
GARBLED = {
    "escape-x110000": b"",
    "escape-xD800": b"",
    "escape-nul": b"b",
    "escape-huge": b"\xff",
    "escape-lone-byte": b"\xe9",
}
CHARSETS = [
    ("base64", "warns", "is not a text encoding gettext can use"),
    ("rot13", "warns", "is not a text encoding gettext can use"),
    ("punycode", "warns", "is not a text encoding gettext can use"),
    ("UTF-7", "warns", "is not a text encoding gettext can use"),
    ("unicode_escape", "warns", "is not a text encoding gettext can use"),
    ("no-such-charset", "warns", "unsupported charset"),
    ("UTF-8\x00", "warns", "unsupported charset"),  # found by the fuzz campaign
    ("utf8", "warns", None),  # Python's name for UTF-8: read as UTF-8
    ("EUC-KR", "accepts", None),
    ("GB18030", "accepts", None),
]


def _msgfmt(tmp_path: Path, text: bytes) -> tuple[int, str, bytes]:
    assert MSGFMT is not None
    source, compiled = tmp_path / "x.po", tmp_path / "x.mo"
    source.write_bytes(text)
    compiled.unlink(missing_ok=True)
    done = subprocess.run(
        [MSGFMT, "-c", "-o", str(compiled), str(source)], capture_output=True, text=True
    )
    return done.returncode, done.stderr, compiled.read_bytes() if compiled.exists() else b""


def _msgfmt_translation(mo: bytes) -> bytes:
    """The msgstr msgfmt compiled for msgid "a" (the one message besides the header)."""
    import struct

    count, _, translations = struct.unpack_from("<III", mo, 8)
    for i in range(count):
        length, offset = struct.unpack_from("<II", mo, translations + 8 * i)
        if not mo[offset : offset + length].startswith(b"Project-Id-Version"):
            return mo[offset : offset + length]
    return b""  # an empty msgstr is not compiled


@pytest.mark.skipif(MSGFMT is None, reason="needs GNU gettext")
@pytest.mark.parametrize(("case", "entry", "verdict", "expected"), CASES, ids=[c[0] for c in CASES])
def test_entries(tmp_path: Path, case: str, entry: str, verdict: str, expected: str) -> None:
    text = (HEADER.format(charset="UTF-8") + entry + "\n").encode()
    code, stderr, mo = _msgfmt(tmp_path, text)
    if verdict == "refuses":
        assert code != 0, stderr
    else:
        assert code == 0, stderr
    if verdict == "garbles":
        assert _msgfmt_translation(mo) == GARBLED[case]
    if verdict == "accepts":
        assert _msgfmt_translation(mo).decode("utf-8") == expected
        assert parse_po(text, "x.po").messages[0].translations[0] == expected
        return
    with pytest.raises(PoSyntaxError) as caught:
        parse_po(text, "x.po")
    assert expected.lower() in caught.value.message.lower()
    assert caught.value.file == "x.po"
    assert caught.value.line is not None and FIRST <= caught.value.line <= entry.count("\n") + FIRST


@pytest.mark.skipif(MSGFMT is None, reason="needs GNU gettext")
@pytest.mark.parametrize(("charset", "verdict", "expected"), CHARSETS, ids=[c[0] for c in CHARSETS])
def test_charsets(tmp_path: Path, charset: str, verdict: str, expected: str | None) -> None:
    text = (HEADER.format(charset=charset) + 'msgid "a"\nmsgstr "b"\n').encode()
    code, stderr, _ = _msgfmt(tmp_path, text)
    assert code == 0
    assert ("not a portable encoding name" in stderr) is (verdict == "warns"), stderr
    if expected is None:
        assert parse_po(text, "x.po").messages[0].msgstr == "b"
        return
    with pytest.raises(PoSyntaxError, match=expected) as caught:
        parse_po(text, "x.po")
    assert caught.value.line == HEADER.count("\n") - 2  # the Content-Type line


def test_a_huge_escape_costs_what_a_short_one_does() -> None:
    """`\\x` followed by a million hex digits: read in linear time, no giant int."""
    text = (
        HEADER.format(charset="UTF-8") + 'msgid "a"\nmsgstr "\\x' + "4" * 10**6 + '1"\n'
    ).encode()
    assert parse_po(text, "x.po").messages[0].msgstr == "A"


# ------------------------------------------------------------ through the CLI


def _catalogue(project: Project, locale: str) -> Path:
    return project.locales / locale / "LC_MESSAGES" / "china-south-korea-relations.po"


def _add_a_sentence(project: Project) -> None:
    """A source change, so that every catalogue of the run is to be written."""
    source = next((project.root / "content").glob("*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")


FIRST_MSGID = 'msgid "China and South Korea seek to keep relations on the “right track”"'
#: the last line of a msgid msgcat wraps (it starts with `msgid ""`)
REVIEWED_MSGID = '"Both sides agreed to strengthen exchanges to foster strategic mutual trust."'


def _set_msgstr(path: Path, msgid_line: str, msgstr_lines: list[str]) -> int:
    """Replace the msgstr (every line of it) of the entry whose msgid ends
    with the line `msgid_line` by `msgstr_lines`, as a person would in an editor; return the
    number of the last line written."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(msgid_line) + 1
    assert lines[start].startswith("msgstr ")
    end = start + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    lines[start:end] = msgstr_lines
    path.write_text("\n".join(lines), encoding="utf-8")
    return start + len(msgstr_lines)


@pytest.mark.parametrize(
    ("locale", "msgstr", "expected"),
    [
        # zh_CN is written after ko: main wrote ko, then failed with a traceback
        ("zh_CN", 'msgstr "\\xD800"', "a NUL byte"),
        ("zh_CN", 'msgstr "\\x110000"', "a NUL byte"),
        ("ko", 'msgstr "\\x' + "d" * 3000 + '"', "not utf-8 text"),
    ],
    ids=["xD800", "x110000", "huge"],
)
def test_a_bad_escape_stops_the_run_at_its_line_before_any_write(
    translated: Project, locale: str, msgstr: str, expected: str
) -> None:
    _add_a_sentence(translated)
    line = _set_msgstr(_catalogue(translated, locale), FIRST_MSGID, [msgstr])
    before = translated.snapshot()
    done = translated.run("translate")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    where = f"{_catalogue(translated, locale)}:{line}: "
    assert done.stderr.startswith(f"locpipe: error: {where}"), done.stderr
    assert expected.lower() in done.stderr.lower()
    assert translated.snapshot() == before


def test_a_duplicated_msgstr_never_lets_mt_replace_a_review(translated: Project) -> None:
    """The issue's case: the last msgstr won, and an empty one sent a reviewed
    entry back to MT."""
    path = _catalogue(translated, "ko")
    line = _set_msgstr(path, REVIEWED_MSGID, ['msgstr "검토된 번역"', 'msgstr ""'])
    before = translated.snapshot()
    done = translated.run("translate")
    assert done.returncode == 1, done.stderr
    assert f"{path}:{line}: duplicate msgstr in one message" in done.stderr
    assert translated.snapshot() == before


def test_an_unknown_charset_stops_the_run_naming_the_line(translated: Project) -> None:
    path = _catalogue(translated, "ko")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("charset=UTF-8", "charset=base64", 1), encoding="utf-8")
    line = text[: text.index("charset=UTF-8")].count("\n") + 1
    before = translated.snapshot()
    done = translated.run("translate")
    assert done.returncode == 1, done.stderr
    assert f"{path}:{line}: charset 'base64' is not a text encoding" in done.stderr
    assert "Traceback" not in done.stderr
    assert translated.snapshot() == before
