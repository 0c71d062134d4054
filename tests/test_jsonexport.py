"""JSON export for JavaScript apps."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection

import pytest

from locpipe.catalog import State, fingerprint, state
from locpipe.formats.jsonexport import FORMAT, export_json, message_key
from locpipe.model import Catalog, Message

HEADER = Message(msgid="", msgstr="Language: ko\nPlural-Forms: nplurals=1; plural=0;\n")


def _machine(msgid: str, msgstr: str = "", plural: str | None = None) -> Message:
    """An entry as MT leaves it: fuzzy, with a matching `# mt:` fingerprint."""
    forms = (msgstr,)
    comment = f"mt: argos test 1.0 fp:{fingerprint(forms)}"
    return Message(
        msgid=msgid,
        msgstr="" if plural else msgstr,
        msgid_plural=plural,
        msgstr_plural=forms if plural else (),
        flags=("fuzzy",),
        translator_comments=(comment,),
    )


MESSAGES = (
    Message(msgid="Hello", msgstr="안녕하세요"),
    Message(msgid="Open", msgctxt="menu", msgstr="열기"),
    _machine("Relations improved.", "관계가 개선되었다."),
    Message(
        msgid="%d file",
        msgid_plural="%d files",
        msgstr_plural=("파일 %d개",),
        flags=("c-format",),
    ),
    _machine("%d year", "%d년", plural="%d years"),
    Message(
        msgid="Edited after MT",
        msgstr="사람이 고친 번역",
        flags=("fuzzy",),
        translator_comments=("mt: argos test 1.0 fp:000000000000",),
    ),
    Message(msgid="Carried over", msgstr="이전 번역", flags=("fuzzy",)),
    Message(msgid="Not yet", msgstr=""),
    Message(msgid="Half", msgid_plural="Halves", msgstr_plural=("",)),
    Message(msgid="Gone", msgstr="사라짐", obsolete=True),
)
CATALOG = Catalog(header=HEADER, messages=MESSAGES)


def test_states_of_the_fixture() -> None:
    assert [state(m) for m in MESSAGES[:8]] == [
        State.REVIEWED,
        State.REVIEWED,
        State.MACHINE,
        State.REVIEWED,
        State.MACHINE,
        State.FUZZY,  # edited, left fuzzy: needs work
        State.FUZZY,
        State.UNTRANSLATED,
    ]


def test_default_export_matches_reviewed_and_machine_entries_one_for_one() -> None:
    document = json.loads(export_json(CATALOG, "ko", domain="app"))
    included = MESSAGES[:5]
    assert set(document) == {"format", "locale", "domain", "plural_forms", "messages", "plurals"}
    assert document["format"] == FORMAT
    assert document["locale"] == "ko"
    assert document["domain"] == "app"
    assert document["plural_forms"] == "nplurals=1; plural=0;"
    expected: dict[str, object] = {}
    for m in included:
        expected[message_key(m)] = list(m.msgstr_plural) if m.msgid_plural else m.msgstr
    assert document["messages"] == expected
    assert document["plurals"] == {"%d file": "%d files", "%d year": "%d years"}


def test_context_key_and_value_types() -> None:
    messages = json.loads(export_json(CATALOG, "ko", domain="app"))["messages"]
    assert messages["menu\u0004Open"] == "열기"
    assert messages["%d file"] == ["파일 %d개"]
    assert messages["Hello"] == "안녕하세요"


@pytest.mark.parametrize(
    ("include", "keys"),
    [
        ({State.MACHINE}, {"Relations improved.", "%d year"}),
        ({State.REVIEWED}, {"Hello", "menu\u0004Open", "%d file"}),
        ({State.FUZZY}, {"Edited after MT", "Carried over"}),
        ({State.UNTRANSLATED}, set()),
        (lambda m: m.msgctxt is not None, {"menu\u0004Open"}),
        (
            lambda m: True,
            {"Hello", "menu\u0004Open", "Relations improved.", "%d file"}
            | {"%d year", "Edited after MT", "Carried over"},
        ),
    ],
    ids=["machine", "reviewed", "fuzzy", "untranslated", "predicate", "everything"],
)
def test_include_picks_entries(
    include: Collection[State] | Callable[[Message], bool], keys: set[str]
) -> None:
    text = export_json(CATALOG, "ko", domain="app", include=include)
    assert set(json.loads(text)["messages"]) == keys


def test_output_is_deterministic_sorted_and_unescaped() -> None:
    text = export_json(CATALOG, "ko", domain="app")
    shuffled = Catalog(header=HEADER, messages=tuple(reversed(MESSAGES)))
    assert export_json(shuffled, "ko", domain="app") == text
    assert "안녕하세요" in text
    assert text.endswith("}\n")
    keys = list(json.loads(text)["messages"])
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("header", "locale", "expected"),
    [
        ("Plural-Forms: nplurals=2; plural=(n > 1);\n", "ko", "nplurals=2; plural=(n > 1);"),
        ("Language: ko\n", "ko", "nplurals=1; plural=0;"),
        ("Language: zh_CN\n", "zh_CN", "nplurals=1; plural=0;"),
        ("", "en_XA", "nplurals=2; plural=(n != 1);"),
    ],
    ids=["header", "cldr-ko", "cldr-zh_CN", "gettext-default"],
)
def test_plural_forms(header: str, locale: str, expected: str) -> None:
    catalog = Catalog(header=Message(msgid="", msgstr=header), messages=MESSAGES[:1])
    assert json.loads(export_json(catalog, locale, domain="d"))["plural_forms"] == expected
