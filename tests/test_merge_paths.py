"""Every transition of a merge keeps a person's translation, through the real
CLI on app templates: singular↔plural, fuzzy matches into plural entries,
sources still in the template, a new format flag, a changed msgctxt, and no
rewrites on no-change runs for templates from pybabel, xgettext, Sphinx and
Django. Each result also passes `msgfmt -c`, as msgmerge's does."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from tests.conftest import REPO, Project, make_project

TEMPLATES = REPO / "tests" / "data" / "templates"

HEADER = """msgid ""
msgstr ""
"Project-Id-Version: app 1.0\\n"
"POT-Creation-Date: 2025-01-01 00:00+0000\\n"
"PO-Revision-Date: 2025-01-02 00:00+0000\\n"
"Last-Translator: Kim Minji <minji@example.org>\\n"
"Language-Team: Korean\\n"
"Language: {locale}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plurals}\\n"

"""
PLURALS = {"ko": "nplurals=1; plural=0;", "en_XA": "nplurals=2; plural=(n != 1);"}


def _app(project: Project, pot: str, old: str, locale: str = "ko") -> Path:
    """The project as an app: `pot` its template, `old` the reviewed
    catalogue of `locale` (entries after the header). Returns the catalogue."""
    (project.root / "locpipe.toml").write_text(
        f'locales = ["{locale}"]\nsources = []\ntemplates = ["app.pot"]\n', encoding="utf-8"
    )
    (project.root / "app.pot").write_text(HEADER.format(locale="", plurals="") + pot, "utf-8")
    target = project.root / "locales" / locale / "LC_MESSAGES" / "app.po"
    target.parent.mkdir(parents=True)
    header = HEADER.format(locale=locale, plurals=PLURALS[locale])
    target.write_text(header + old, encoding="utf-8")
    return target


def _update(project: Project, po: Path) -> dict[str, polib.POEntry]:
    project.run("update", "-q", check=True)
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True)
    assert check.returncode == 0, check.stderr.decode()
    return {(e.msgctxt or "") + "|" + e.msgid: e for e in polib.pofile(str(po))}


SEARCH = "Search finished, found ${n} page(s) matching the search query."
SEARCH_PLURAL = (
    'msgid "Search finished, found one page matching the search query."\n'
    'msgid_plural "Search finished, found ${n} pages matching the search query."\n'
    'msgstr[0] ""\nmsgstr[1] ""\n\n'
)
#: A template and an old catalogue with every transition, one update for all.
TEMPLATE = (
    'msgid "Please correct the error below."\n'
    'msgid_plural "Please correct the errors below."\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
    'msgid "%(n)s file"\nmsgstr ""\n\n' + SEARCH_PLURAL + 'msgid "Unknown content"\nmsgstr ""\n\n'
    'msgid "Skip to main content"\nmsgstr ""\n\n'
    'msgid "Unknown contents"\nmsgstr ""\n\n'
    'msgctxt "verb"\nmsgid "Order"\nmsgstr ""\n\n'
    + "".join(
        f'#, python-brace-format\nmsgid "Welcome, {{name}} {n}"\nmsgstr ""\n\n' for n in range(3)
    )
)
#: Brace-format translations: one passes `msgfmt -c`, two would fail it.
WELCOME = {"{name}님, 환영합니다": False, "환영합니다, {이름}": True, "환영합니다": True}
OLD = (
    'msgid "Please correct the error below."\nmsgstr "아래 오류를 해결해주세요."\n\n'
    'msgid "%(n)s file"\nmsgid_plural "%(n)s files"\nmsgstr[0] "파일 %(n)s개"\n\n'
    f'msgid "{SEARCH}"\nmsgstr "검색 완료: ${{n}}개 페이지"\n\n'
    'msgid "Unknown content"\nmsgstr "알 수 없는 형식입니다."\n\n'
    'msgid "Order"\nmsgstr "주문하기"\n\n'
    + "".join(f'msgid "Welcome, {{name}} {n}"\nmsgstr "{t}"\n\n' for n, t in enumerate(WELCOME))
)


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, polib.POEntry]:
    base = tmp_path_factory.mktemp("merged")
    project = make_project(base, base / "argos-packages")
    return _update(project, _app(project, TEMPLATE, OLD))


def test_singular_turning_plural_keeps_the_translation_fuzzy(
    merged: dict[str, polib.POEntry],
) -> None:
    entry = merged["|Please correct the error below."]
    assert entry.msgstr_plural == {0: "아래 오류를 해결해주세요."}
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == "Please correct the error below."


def test_plural_turning_singular_keeps_the_first_form_fuzzy(
    merged: dict[str, polib.POEntry],
) -> None:
    entry = merged["|%(n)s file"]
    assert entry.msgstr == "파일 %(n)s개" and "fuzzy" in entry.flags
    assert entry.previous_msgid_plural == "%(n)s files"


def test_fuzzy_match_into_a_plural_entry_fills_its_form(merged: dict[str, polib.POEntry]) -> None:
    entry = merged["|Search finished, found one page matching the search query."]
    assert entry.msgstr_plural == {0: "검색 완료: ${n}개 페이지"}
    assert "fuzzy" in entry.flags and entry.previous_msgid == SEARCH


def test_fuzzy_match_into_a_plural_entry_fills_every_form_of_the_locale(
    project: Project,
) -> None:
    old = f'msgid "{SEARCH}"\nmsgstr "검색 완료: ${{n}}개 페이지"\n'
    entries = _update(project, _app(project, SEARCH_PLURAL, old, "en_XA"))
    entry = entries["|Search finished, found one page matching the search query."]
    assert entry.msgstr_plural == {0: "검색 완료: ${n}개 페이지", 1: "검색 완료: ${n}개 페이지"}


def test_an_entry_still_in_the_template_lends_its_translation_to_several(
    merged: dict[str, polib.POEntry],
) -> None:
    assert merged["|Unknown content"].msgstr == "알 수 없는 형식입니다."
    assert "fuzzy" not in merged["|Unknown content"].flags
    for msgid in ("Skip to main content", "Unknown contents"):
        assert merged[f"|{msgid}"].msgstr == "알 수 없는 형식입니다."
        assert merged[f"|{msgid}"].previous_msgid == "Unknown content"


def test_a_new_format_flag_the_translation_fails_makes_it_fuzzy(
    merged: dict[str, polib.POEntry],
) -> None:
    # msgmerge's rule: only a translation that would now fail `msgfmt -c`
    # goes back to a reviewer; one that passes stays reviewed.
    for n, (msgstr, fuzzy) in enumerate(WELCOME.items()):
        entry = merged[f"|Welcome, {{name}} {n}"]
        assert entry.msgstr == msgstr
        assert ("fuzzy" in entry.flags) is fuzzy, msgstr
        assert "python-brace-format" in entry.flags


def test_a_changed_msgctxt_keeps_the_translation(merged: dict[str, polib.POEntry]) -> None:
    entry = merged["verb|Order"]
    assert entry.msgstr == "주문하기" and "fuzzy" in entry.flags
    assert entry.previous_msgctxt is None and entry.previous_msgid == "Order"


@pytest.mark.parametrize("style", ["pybabel", "xgettext", "sphinx", "makemessages"])
def test_no_change_run_writes_nothing_for_each_extractors_template(
    project: Project, style: str
) -> None:
    """The template as each extractor writes it (tests/data/templates): after
    a person translates every entry, update after update changes no byte,
    even when the clock has moved on (an earlier PO-Revision-Date)."""
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko", "zh_CN"]\nsources = []\ntemplates = ["app.pot"]\n', encoding="utf-8"
    )
    (project.root / "app.pot").write_bytes((TEMPLATES / f"{style}.pot").read_bytes())
    project.run("update", "-q", check=True)
    for locale in ("ko", "zh_CN"):
        po = project.root / "locales" / locale / "LC_MESSAGES" / "app.po"
        catalogue = polib.pofile(str(po))
        for entry in catalogue:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
        catalogue.metadata["PO-Revision-Date"] = "2020-01-01 00:00+0000"
        catalogue.save(str(po))
    project.run("update", "-q", check=True)  # a PO editor's wrapping becomes msgcat's
    for locale in ("ko", "zh_CN"):
        po = project.root / "locales" / locale / "LC_MESSAGES" / "app.po"
        text = po.read_text(encoding="utf-8")
        assert '"PO-Revision-Date: 2020-01-01 00:00+0000\\n"' in text, "entries did not change"
    before = project.snapshot()
    project.run("update", "-q", check=True)
    assert project.snapshot() == before
