"""Jed and i18next JSON (locpipe compile --format jed / i18next), as data; the
libraries themselves load them in test_js_libraries.py."""

from __future__ import annotations

import json

import pytest

from locpipe.formats.jsonexport import EXPORTERS, export_i18next, export_jed, export_json
from locpipe.model import Catalog, Message
from tests.test_jsonexport import CATALOG

EN = Catalog(
    header=Message(
        msgid="", msgstr="Language: en_XA\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    ),
    messages=(
        Message(
            msgid="%d file", msgid_plural="%d files", msgstr_plural=("[%d ƒíļé]", "[%d ƒíļéš]")
        ),
        Message(msgid="Open", msgctxt="menu", msgid_plural="Open all", msgstr_plural=("a", "b")),
    ),
)


def test_jed_wraps_every_value_in_a_list() -> None:
    data = json.loads(export_jed(CATALOG, "ko", domain="app"))
    assert data["domain"] == "app"
    entries = data["locale_data"]["app"]
    assert entries[""] == {"domain": "app", "lang": "ko", "plural_forms": "nplurals=1; plural=0;"}
    assert entries["Hello"] == ["안녕하세요"]
    assert entries["menu\x04Open"] == ["열기"]
    assert entries["%d file"] == ["파일 %d개"]


def test_jed_and_i18next_ship_what_the_default_json_ships() -> None:
    default = json.loads(export_json(CATALOG, "ko", domain="app"))["messages"]
    jed = json.loads(export_jed(CATALOG, "ko", domain="app"))["locale_data"]["app"]
    assert set(jed) - {""} == set(default)
    i18next = json.loads(export_i18next(CATALOG, "ko", domain="app"))
    assert len(i18next) == len(default)


@pytest.mark.parametrize(
    ("catalog", "locale", "expected"),
    [
        (CATALOG, "ko", {"%d file_other": "파일 %d개", "Open_menu": "열기"}),
        (
            EN,
            "en_XA",
            {
                "%d file_one": "[%d ƒíļé]",
                "%d file_other": "[%d ƒíļéš]",
                "Open_menu_one": "a",
                "Open_menu_other": "b",
            },
        ),
    ],
    ids=["korean-one-category", "pseudo-english-two"],
)
def test_i18next_keys(catalog: Catalog, locale: str, expected: dict[str, str]) -> None:
    data = json.loads(export_i18next(catalog, locale, domain="app"))
    for key, value in expected.items():
        assert data[key] == value
    assert "%d file_one" in data if locale == "en_XA" else "%d file_one" not in data


def test_formats_have_their_own_file_names() -> None:
    suffixes = [suffix for suffix, _export in EXPORTERS.values()]
    assert suffixes == [".json", ".jed.json", ".i18next.json"]
