"""Sphinx end to end: `sphinx-build -b gettext` → `locpipe translate` with the
templates from _build/gettext → `sphinx-build -D language=…`."""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from locpipe.catalog import WARNING_PREFIX
from locpipe.formats.pofile import read_po
from tests.conftest import REPO, Project, make_project

SPHINX = REPO / "tests" / "data" / "sphinx"
LOCALES = ("ko", "en_XA")


class _Page(HTMLParser):
    """The links, element ids and text of one HTML page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.chunks: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if found.get("id"):
            self.ids.add(str(found["id"]))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


def _sphinx(project: Project, *args: str) -> str:
    """Run sphinx-build in the project; return its warnings."""
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", *args],
        cwd=project.root,
        env=project.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.stderr


def _pages(folder: Path) -> dict[str, _Page]:
    skip = {"genindex.html", "search.html"}
    return {
        p.relative_to(folder).as_posix(): _Page(p)
        for p in sorted(folder.rglob("*.html"))
        if p.name not in skip
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Project:
    project = make_project(tmp_path_factory.mktemp("sphinx"), models_dir)
    shutil.rmtree(project.root / "content")
    shutil.copytree(SPHINX / "docs", project.root / "docs")
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko", "en_XA"]\nsources = []\n'
        'templates = ["docs/_build/gettext/**/*.pot"]\nthreads = 1\nbeam_size = 1\n',
        encoding="utf-8",
    )
    _sphinx(project, "-b", "gettext", "docs", "docs/_build/gettext")
    project.run("translate", check=True)
    warnings = {"en": _sphinx(project, "-b", "html", "docs", "out/en")}
    for locale in LOCALES:
        args = ("-b", "html", "-D", f"language={locale}", "docs", f"out/{locale}")
        warnings[locale] = _sphinx(project, *args)
    for locale, text in warnings.items():
        (project.root / "out" / f"{locale}.warnings").write_text(text, encoding="utf-8")
    return project


def test_catalogues_follow_the_sphinx_layout(built: Project) -> None:
    for locale in LOCALES:
        folder = built.locales / locale / "LC_MESSAGES"
        found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.mo"))
        assert found == [
            "api/index.mo",
            "api/usage.mo",
            "guide/configure.mo",
            "guide/index.mo",
            "guide/install.mo",
            "index.mo",
        ]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_html_shows_the_translations(built: Project, locale: str) -> None:
    pages = _pages(built.root / "out" / locale)
    shown = 0
    folder = built.locales / locale / "LC_MESSAGES"
    for po in folder.rglob("*.po"):
        page = pages[po.relative_to(folder).with_suffix(".html").as_posix()]
        for message in read_po(po).active():
            warned = any(c.startswith(WARNING_PREFIX) for c in message.translator_comments)
            if not message.msgstr or warned or "`" in message.msgid or "<" in message.msgid:
                continue  # markup renders differently from its source text
            assert " ".join(html.unescape(message.msgstr).split()) in page.text, message.msgid
            shown += 1
    assert shown >= 5


@pytest.mark.parametrize("locale", LOCALES)
def test_every_link_works(built: Project, locale: str) -> None:
    english = _pages(built.root / "out" / "en")
    folder = built.root / "out" / locale
    translated = _pages(folder)
    assert translated.keys() == english.keys()
    for name, page in translated.items():
        assert Counter(page.hrefs) == Counter(english[name].hrefs), name
        for href in page.hrefs:
            if "://" in href or href.startswith("mailto:"):
                continue
            path, _, anchor = href.partition("#")
            target = (folder / name).parent / path if path else folder / name
            assert target.is_file(), (name, href)
            if anchor:
                assert anchor in _Page(target).ids, (name, href)


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_add_no_sphinx_warning(built: Project, locale: str) -> None:
    """No broken inline markup ("start-string without end-string"), no
    inconsistent references: the translated build warns as the English does."""
    english = (built.root / "out" / "en.warnings").read_text(encoding="utf-8")
    translated = (built.root / "out" / f"{locale}.warnings").read_text(encoding="utf-8")
    assert "WARNING" not in english
    assert "WARNING" not in translated, translated
