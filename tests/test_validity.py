"""formats.validity: locpipe's msgfmt -c, checked against msgfmt, and the
whitespace a translation takes when it moves to another source."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from locpipe import catalog, merge
from locpipe.catalog import State, state
from locpipe.formats.pofile import format_po, parse_po
from locpipe.formats.validity import carried, failures, fit_edges
from locpipe.model import FUZZY, Catalog, Message

HEADER = Message(
    msgid="",
    msgstr=(
        "Project-Id-Version: t\nPO-Revision-Date: 2026-01-01 00:00+0000\nLast-Translator: t\n"
        "Language-Team: t\nLanguage: ko\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
        "Plural-Forms: nplurals=1; plural=0;\n"
    ),
)
TWIN = "\n      %(used)s of %(quota)s Used\n      "

CASES = [
    pytest.param(Message(msgid="Hello", msgstr="안녕"), True, id="plain"),
    pytest.param(Message(msgid="Hello\n", msgstr="안녕"), False, id="trailing-newline-lost"),
    pytest.param(Message(msgid="Hello", msgstr="\n안녕"), False, id="leading-newline-added"),
    pytest.param(Message(msgid=TWIN, msgstr="%(used)s / %(quota)s 사용"), False, id="twin"),
    pytest.param(
        Message(msgid=TWIN, msgstr="\n      %(used)s / %(quota)s 사용\n      "), True, id="twin-ok"
    ),
    pytest.param(Message(msgid=TWIN, msgstr="\n%(used)s / %(quota)s 사용\n"), False, id="twin-end"),
    pytest.param(Message(msgid=" Hello ", msgstr="안녕"), True, id="spaces-free"),
    pytest.param(
        Message(msgid="%(a)s left", msgstr="%(b)s 남음", flags=("python-format",)),
        False,
        id="python-format",
    ),
    pytest.param(
        Message(msgid="{n} left", msgstr="남음", flags=("python-brace-format",)),
        False,
        id="brace-format",
    ),
    pytest.param(
        Message(msgid="%s of %d", msgstr="%d 중 %s", flags=("c-format",)), False, id="c-order"
    ),
    pytest.param(
        Message(msgid="%(a)s of %(b)s", msgstr="%(b)s 중 %(a)s", flags=("python-format",)),
        True,
        id="named-any-order",
    ),
    pytest.param(
        Message(msgid="x {n}", msgstr="y", flags=("javascript-format",)), True, id="unparsed-flag"
    ),
    # Django admindocs: a directive inside markup is a directive all the same.
    pytest.param(
        Message(
            msgid="Put <code>%(code)s</code> in your template.",
            msgstr="템플릿에 <코드>%(code)s</코드>를 넣으세요.",
            flags=("python-format",),
        ),
        True,
        id="directive-in-code",
    ),
    pytest.param(
        Message(
            msgid="Put <code>%(code)s</code> in your template.",
            msgstr="템플릿에 <code>코드</code>를 넣으세요.",
            flags=("python-format",),
        ),
        False,
        id="directive-in-code-lost",
    ),
    pytest.param(
        Message(
            msgid="See https://example.com/?q=%(term)s",
            msgstr="https://example.com/?q=%(term)s 참조",
            flags=("python-format",),
        ),
        True,
        id="directive-in-url",
    ),
    pytest.param(
        Message(
            msgid="See `{name}` and {n}", msgstr="`이름` 참조", flags=("python-brace-format",)
        ),
        False,
        id="brace-in-code-lost",
    ),
    pytest.param(
        Message(msgid="%d file", msgid_plural="%d files", msgstr_plural=("파일 %d개", "파일 %d개")),
        False,
        id="two-forms-for-one",
    ),
    pytest.param(
        Message(msgid="%d file", msgid_plural="%d files", msgstr_plural=("파일 %d개",)),
        True,
        id="one-form",
    ),
    pytest.param(
        Message(msgid="Hello again\n", msgstr="안녕", flags=(FUZZY,)), True, id="fuzzy-skipped"
    ),
]


@pytest.mark.parametrize(("message", "valid"), CASES)
def test_verdicts(message: Message, valid: bool) -> None:
    compiled = [m for m in (message,) if not m.fuzzy]
    assert (not failures(compiled, 1)) is valid


def test_the_verdicts_are_msgfmt_s(tmp_path: Path) -> None:
    """One file holding every case: msgfmt -c names exactly the entries
    locpipe names (msgfmt reports at the msgstr line, inside the entry)."""
    messages = tuple(p.values[0].replace(msgctxt=p.id) for p in CASES)  # type: ignore[union-attr]
    po = tmp_path / "cases.po"
    po.write_text(format_po(Catalog(HEADER, messages)), encoding="utf-8")
    done = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    lines = {int(n) for n in re.findall(r"cases\.po:(\d+): (?!warning)", done.stderr)}
    parsed = parse_po(po.read_bytes(), str(po))
    starts = [m.lineno for m in parsed.messages] + [10**9]
    msgfmt_bad = {
        parsed.messages[i].msgctxt
        for i in range(len(parsed.messages))
        if any(starts[i] <= n < starts[i + 1] for n in lines)
    }
    by_line = {m.lineno: m.msgctxt for m in parsed.messages}
    ours = {by_line[f.line] for f in failures([m for m in parsed.messages if not m.fuzzy], 1)}
    assert ours == msgfmt_bad
    assert len(ours) == sum(1 for p in CASES if not p.values[1])


@pytest.mark.parametrize(
    ("text", "old", "new", "expected"),
    [
        ("%(used)s / %(quota)s 사용", TWIN, TWIN.strip(), "%(used)s / %(quota)s 사용"),
        ("\n  %(used)s / %(quota)s 사용\n  ", TWIN, TWIN.strip(), "%(used)s / %(quota)s 사용"),
        (
            "%(used)s / %(quota)s 사용",
            TWIN.strip(),
            TWIN,
            "\n      %(used)s / %(quota)s 사용\n      ",
        ),
        ("안녕 ", "Hello ", "Hello ", "안녕 "),  # same ends: the translator's text stands
        ("안녕", "Hello", "Hello:\n", "안녕\n"),
    ],
)
def test_carried_takes_the_new_source_s_ends(text: str, old: str, new: str, expected: str) -> None:
    assert carried(text, old, new) == expected


def test_fit_edges_leaves_blank_text_alone() -> None:
    assert fit_edges("  ", "\nx\n") == "  "


def test_the_whitespace_twin_from_memory_passes_msgfmt() -> None:
    """The issue's case: the memory matches on whitespace-normalised msgids."""
    twin = Message(msgid=TWIN, msgstr="\n      %(used)s / %(quota)s 사용\n      ")
    memory = catalog.memory({"ko/dashboard": Catalog(HEADER, (twin,))})
    fresh = Catalog(HEADER, (Message(msgid=TWIN.strip(), flags=("python-format",)),))
    filled, count = catalog.apply_memory(fresh, memory)
    assert count == 1
    entry = filled.messages[0]
    assert entry.msgstr == "%(used)s / %(quota)s 사용"
    assert state(entry) is State.REVIEWED
    assert not failures(filled.messages, 1)


def test_machine_output_takes_the_source_s_ends() -> None:
    fresh = Catalog(HEADER, (Message(msgid=TWIN),))
    filled, _ = catalog.apply_machine(fresh, {TWIN: "%(used)s / %(quota)s 사용"}, "argos t 1")
    entry = filled.messages[0]
    assert entry.msgstr == "\n      %(used)s / %(quota)s 사용\n      "
    assert state(entry) is State.MACHINE
    assert not failures([entry.replace(flags=())], 1)


def test_a_fuzzy_match_takes_the_new_source_s_ends() -> None:
    old = Catalog(HEADER, (Message(msgid="\nDelete the selected items\n", msgstr="\n선택 삭제\n"),))
    pot = Catalog(HEADER, (Message(msgid="Delete the selected items?"),))
    merged = merge.update(old, pot, HEADER)
    entry = merged.messages[0]
    assert entry.fuzzy and entry.previous_msgid == "\nDelete the selected items\n"
    assert entry.msgstr == "선택 삭제"
    assert not failures([entry.replace(flags=())], 1)
