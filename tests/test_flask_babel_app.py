"""A minimal Flask-Babel app (tests/frameworks/flask_app): pybabel extract →
locpipe translate (test models and the pseudo engine) → Flask's test client."""

from __future__ import annotations

import gettext
import html
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from locpipe.catalog import State, state
from locpipe.formats.pofile import read_po
from locpipe.mt.pseudo import pseudo_localise
from tests.conftest import REPO, Project
from tests.support.frameworks import copy_app, probe

pytest.importorskip("flask_babel")
wtforms = pytest.importorskip("wtforms")

APP = REPO / "tests" / "frameworks" / "flask_app"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Project:
    base = tmp_path_factory.mktemp("flask")
    # The pseudo-locale under a name Babel knows (en_XA is not in CLDR).
    # The app's forms are WTForms, whose own catalogues translate its messages.
    config = (
        'locales = ["ko", "zh_Hans_CN", "en_001"]\npseudo_locale = "en_001"\n'
        'package_catalogues = ["wtforms"]\n'
    )
    project = copy_app(APP, base, models_dir, config)
    extract = [sys.executable, "-m", "babel.messages.frontend", "extract"]
    subprocess.run(
        [*extract, "-F", "babel.cfg", "-o", "messages.pot", "."],
        cwd=project.root,
        check=True,
        capture_output=True,
    )
    project.run("translate", check=True)
    return project


ACCEPTED = [
    ("ko", "ko"),
    ("ko-KR", "ko"),
    ("zh-CN", "zh_Hans_CN"),
    ("zh-Hans", "zh_Hans_CN"),
    ("zh-Hans-CN", "zh_Hans_CN"),
    ("zh", "zh_Hans_CN"),
]


@pytest.fixture(scope="module")
def pages(app: Project) -> dict[str, dict[str, Any]]:
    """The page for each Accept-Language and for the pseudo-locale, asked once."""
    return probe(app, *(accept for accept, _folder in ACCEPTED), "lang=en_001")


@pytest.mark.parametrize(("accept", "folder"), ACCEPTED)
def test_korean_and_chinese_are_served(
    app: Project, pages: dict[str, dict[str, Any]], accept: str, folder: str
) -> None:
    po = read_po(app.root / "translations" / folder / "LC_MESSAGES" / "messages.po")
    (title,) = (m for m in po.active() if m.msgid == "Fresh bread every morning")
    assert title.msgstr
    page = pages[accept]
    assert page["status"] == 200
    assert f'<h1 id="title">{html.escape(title.msgstr)}</h1>' in page["html"]


WTFORMS = {"ko": "ko", "zh_Hans_CN": "zh"}  # WTForms' folder for each


@pytest.mark.parametrize(("accept", "folder"), ACCEPTED)
def test_a_string_wtforms_translates_ships_wtforms_translation(
    app: Project, pages: dict[str, dict[str, Any]], accept: str, folder: str
) -> None:
    """ "This field is required." is WTForms' own message too: the app's
    catalogue takes WTForms' human translation instead of MT."""
    msgid = "This field is required."
    own = gettext.translation(
        "wtforms", str(Path(wtforms.__file__).parent / "locale"), [WTFORMS[folder]]
    ).gettext(msgid)
    assert own != msgid
    po = read_po(app.root / "translations" / folder / "LC_MESSAGES" / "messages.po")
    (entry,) = (m for m in po.active() if m.msgid == msgid)
    assert entry.msgstr == own and state(entry) is State.REVIEWED
    source = f"tm: wtforms:locale/{WTFORMS[folder]}/LC_MESSAGES/wtforms.po"
    assert source in entry.translator_comments
    assert f'<p id="required">{html.escape(own)}</p>' in pages[accept]["html"]


def test_the_pseudo_locale_renders(pages: dict[str, dict[str, Any]]) -> None:
    page = pages["lang=en_001"]
    assert page["status"] == 200
    title = pseudo_localise("Fresh bread every morning")
    loaves = pseudo_localise("2 loaves are left.")
    assert f'<h1 id="title">{html.escape(title)}</h1>' in page["html"]
    assert f'<p id="loaves">{html.escape(loaves)}</p>' in page["html"]
    greeting = pseudo_localise("Hello, %(name)s!") % {"name": "Mina"}
    assert f'<p id="greeting">{html.escape(greeting)}</p>' in page["html"]


def test_en_xa_is_unknown_to_babel() -> None:
    """Why the pseudo-locale's name is configurable: Flask-Babel parses the
    selected locale with Babel, which knows no en_XA."""
    from babel import Locale, UnknownLocaleError

    with pytest.raises(UnknownLocaleError):
        Locale.parse("en_XA")
    assert str(Locale.parse("en_001")) == "en_001"


def test_pybabel_compile_skips_machine_entries(app: Project, tmp_path: Path) -> None:
    """What the manual (docs/apps) says: `pybabel compile` leaves fuzzy (machine) entries
    out, so locpipe's compile (run by `locpipe translate`) ships them."""
    import gettext

    root = tmp_path / "app"
    shutil.copytree(app.root, root, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "translations"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    mo = root / "translations" / "ko" / "LC_MESSAGES" / "messages.mo"
    compiled = gettext.GNUTranslations(mo.open("rb"))
    assert compiled.gettext("Fresh bread every morning") == "Fresh bread every morning"
