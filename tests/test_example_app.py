"""Issue 5: the example app's .pot → locpipe translate → the app runs in every locale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from locpipe import catalog
from locpipe.formats.pofile import parse_po, read_po
from locpipe.placeholders import placeholders
from tests.conftest import REPO, Project

EXAMPLE = REPO / "examples" / "app"
LOCALES = ("ko", "zh_CN", "en_XA")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Project:
    """A copy of the example app, translated once with the tiny models (and
    the pseudo engine for en_XA)."""
    base = tmp_path_factory.mktemp("app")
    root = base / "app"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    with (root / "locpipe.toml").open("a", encoding="utf-8") as config:
        config.write("threads = 1\n")
    (base / "home").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update(
        HOME=str(base / "home"),
        ARGOS_PACKAGES_DIR=str(models_dir),
        PYTHONPATH=os.pathsep.join([str(REPO / "tests" / "support" / "netguard"), str(REPO)]),
    )
    project = Project(root=root, env=env)
    project.run("translate", check=True)
    return project


def test_committed_template_is_what_pybabel_extracts(tmp_path: Path) -> None:
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-o", str(out), "."],
        cwd=EXAMPLE,
        check=True,
        capture_output=True,
    )
    fresh = parse_po(out.read_bytes(), str(out))
    committed = read_po(EXAMPLE / "messages.pot")
    assert fresh.messages == committed.messages


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogues_pass_msgfmt_check(app: Project, locale: str) -> None:
    po = app.root / "locales" / locale / "LC_MESSAGES" / "messages.po"
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_intact_or_entry_warned(app: Project, locale: str) -> None:
    cat = read_po(app.root / "locales" / locale / "LC_MESSAGES" / "messages.po")
    assert catalog.counts(cat).untranslated == 0
    for m in cat.active():
        source = m.msgid_plural if m.msgid_plural is not None else m.msgid
        intact = all(
            placeholders(t, m.flags) == placeholders(source, m.flags) for t in m.translations
        )
        warned = any(c.startswith("mt-warning: ") for c in m.translator_comments)
        assert m.fuzzy and (intact or warned), m


def test_pseudo_locale_keeps_every_placeholder(app: Project) -> None:
    cat = read_po(app.root / "locales" / "en_XA" / "LC_MESSAGES" / "messages.po")
    for m in cat.active():
        assert not any(c.startswith("mt-warning: ") for c in m.translator_comments)
        assert m.translations[0].startswith("⟦")


@pytest.mark.parametrize("locale", LOCALES)
def test_app_runs_in_each_locale(app: Project, locale: str) -> None:
    done = subprocess.run(
        [sys.executable, "app.py", locale], cwd=app.root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 7


@pytest.mark.parametrize(("lang", "locale"), [("ko_KR.UTF-8", "ko"), ("zh_CN.UTF-8", "zh_CN")])
def test_gettext_finds_the_locale_from_lang(app: Project, lang: str, locale: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    script = (
        "import gettext, sys\n"
        "t = gettext.translation('messages', 'locales')\n"
        "print(t.info()['language'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=app.root, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip() == locale, done.stderr


def test_pseudo_output_reaches_the_app(app: Project) -> None:
    done = subprocess.run(
        [sys.executable, "app.py", "en_XA"], cwd=app.root, capture_output=True, text=True
    )
    assert "Mina" in done.stdout
    assert any(line.startswith("⟦") for line in done.stdout.splitlines())


def test_babel_loads_the_result(app: Project) -> None:
    from babel.support import Translations

    cat = read_po(app.root / "locales" / "zh_CN" / "LC_MESSAGES" / "messages.po")
    shipped = [
        m
        for m in cat.active()
        if m.msgid_plural is None
        and not any(c.startswith("mt-warning: ") for c in m.translator_comments)
    ]
    assert len(shipped) >= 2, "the two context entries have no placeholder to lose"
    translations = Translations.load(str(app.root / "locales"), ["zh_CN"], domain="messages")
    for m in shipped:
        if m.msgctxt is None:
            assert translations.gettext(m.msgid) == m.msgstr
        else:
            assert translations.pgettext(m.msgctxt, m.msgid) == m.msgstr
