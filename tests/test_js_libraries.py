"""locpipe's JSON in the JavaScript libraries themselves: gettext.js (default
format), Jed (`--format jed`) and i18next (`--format i18next`), run by Node.

Skipped when `node` is not on the PATH or the npm packages of tests/js are
not installed (`npm ci --prefix tests/js`; `make test` and .ci/run do it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from locpipe.formats.pofile import read_po, write_po
from tests.conftest import REPO, Project, make_project

JS = REPO / "tests" / "js"
NODE = shutil.which("node")

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node is not on the PATH"),
    pytest.mark.skipif(
        not (JS / "node_modules" / "jed").is_dir(),
        reason="npm packages missing: run `npm ci --prefix tests/js`",
    ),
]

POT = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Open file"
msgstr ""

msgctxt "menu"
msgid "Open"
msgstr ""

msgid "%1 file"
msgid_plural "%1 files"
msgstr[0] ""
msgstr[1] ""

msgid "Hello %1, you have %2 messages"
msgstr ""

#, javascript-format
msgid "Saved %s of %d files"
msgstr ""

msgid "{{count}} photo"
msgid_plural "{{count}} photos"
msgstr[0] ""
msgstr[1] ""

msgid "Welcome, {{name}}!"
msgstr ""
"""

# What reviewers wrote (the test models' output is gibberish, so the lookups
# are checked against these).
REVIEWED = {
    "ko": {
        "Open file": "파일 열기",
        "Open": "열기",
        "%1 file": "파일 %1개",
        "Hello %1, you have %2 messages": "%1님, 메시지가 %2개 있습니다",
        "Saved %s of %d files": "파일 %s개 저장됨 (전체 %d개)",
        "{{count}} photo": "사진 {{count}}장",
        "Welcome, {{name}}!": "{{name}}님, 환영합니다!",
    },
    "zh_Hans": {
        "Open file": "打开文件",
        "Open": "打开",
        "%1 file": "%1 个文件",
        "Hello %1, you have %2 messages": "%1，您有 %2 条消息",
        "Saved %s of %d files": "已保存 %s 个文件（共 %d 个）",
        "{{count}} photo": "{{count}} 张照片",
        "Welcome, {{name}}!": "欢迎，{{name}}！",
    },
}


def _app(base: Path, reviews: dict[str, dict[str, str]], locales: list[str]) -> Project:
    """A project translating app.pot into `locales`, with `reviews` written
    into its catalogues, compiled to every JSON format."""
    project = make_project(base, base / "packages")
    (project.root / "app.pot").write_text(POT, encoding="utf-8")
    (project.root / "locpipe.toml").write_text(
        f'sources = []\ntemplates = ["app.pot"]\nlocales = {json.dumps(locales)}\n',
        encoding="utf-8",
    )
    project.run("update", check=True)
    for locale, reviewed in reviews.items():
        path = project.locales / locale / "LC_MESSAGES" / "app.po"
        po = read_po(path)
        messages = tuple(
            m.replace(msgstr_plural=(reviewed[m.msgid],))
            if m.msgid_plural
            else m.replace(msgstr=reviewed[m.msgid])
            if m.msgid
            else m
            for m in po.messages
        )
        write_po(path, type(po)(header=po.header, messages=messages))
    for fmt in ("json", "jed", "i18next"):
        project.run("compile", "--format", fmt, check=True)
    return project


def _looked_up(app: Project, locale: str) -> dict[str, dict[str, str]]:
    """What each library returns for the probes of tests/js/load_catalogs.mjs."""
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(JS / "load_catalogs.mjs"), str(app.locales / locale / "LC_MESSAGES"), "app"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, dict[str, str]] = json.loads(done.stdout.splitlines()[-1])
    return found  # the last line: Jed logs the plural rule first


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return _app(tmp_path_factory.mktemp("js"), REVIEWED, sorted(REVIEWED))


@pytest.mark.parametrize("locale", sorted(REVIEWED))
def test_libraries_load_locpipe_json(app: Project, locale: str) -> None:
    got = _looked_up(app, locale)
    t = REVIEWED[locale]
    assert got["gettext.js"] == {
        "singular": t["Open file"],
        "context": t["Open"],
        "plural1": t["%1 file"].replace("%1", "1"),
        "plural2": t["%1 file"].replace("%1", "2"),
        "placeholders": t["Hello %1, you have %2 messages"]
        .replace("%1", "Mina")
        .replace("%2", "3"),
    }
    assert got["jed"] == {
        "singular": t["Open file"],
        "context": t["Open"],
        "plural1": t["%1 file"].replace("%1", "1"),
        "plural2": t["%1 file"].replace("%1", "2"),
        "placeholders": t["Saved %s of %d files"].replace("%s", "3").replace("%d", "5"),
    }
    assert got["i18next"] == {
        "singular": t["Open file"],
        "context": t["Open"],
        "plural1": t["{{count}} photo"].replace("{{count}}", "1"),
        "plural2": t["{{count}} photo"].replace("{{count}}", "2"),
        "placeholders": t["Welcome, {{name}}!"].replace("{{name}}", "Mina"),
    }


def test_an_untranslated_plural_falls_back_alike_in_every_library(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Nothing translated yet: gettext.js and Jed show the English with the
    English plural rule; i18next does the same from the English resource
    `compile --format i18next` writes (before, it showed "2 photo")."""
    project = _app(tmp_path_factory.mktemp("js-untranslated"), {}, ["zh_Hans"])
    got = _looked_up(project, "zh_Hans")
    plurals = {(lib, got[lib]["plural1"], got[lib]["plural2"]) for lib in got}
    assert plurals == {
        ("gettext.js", "1 file", "2 files"),
        ("jed", "1 file", "2 files"),
        ("i18next", "1 photo", "2 photos"),
    }
    english = project.locales / "en" / "LC_MESSAGES" / "app.i18next.json"
    assert json.loads(english.read_text("utf-8"))["{{count}} photo_other"] == "{{count}} photos"


def test_jed_values_are_lists(app: Project) -> None:
    data = json.loads((app.locales / "ko" / "LC_MESSAGES" / "app.jed.json").read_text("utf-8"))
    entries = data["locale_data"]["app"]
    assert entries["Open file"] == ["파일 열기"]
    assert entries["menu\x04Open"] == ["열기"]
    assert entries[""]["plural_forms"] == "nplurals=1; plural=0;"


def test_i18next_keys_follow_cldr_categories(app: Project) -> None:
    path = app.locales / "zh_Hans" / "LC_MESSAGES" / "app.i18next.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["{{count}} photo_other"] == "{{count}} 张照片"
    assert "{{count}} photo_one" not in data
    assert data["Open_menu"] == "打开"


def test_lockfile_is_committed_and_node_modules_ignored() -> None:
    assert (JS / "package-lock.json").is_file()
    assert "node_modules/" in (JS / ".gitignore").read_text("utf-8").split()
