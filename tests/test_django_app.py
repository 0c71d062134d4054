"""A minimal Django site (tests/frameworks/django_site) through the whole cycle:
makemessages --keep-pot → locpipe translate (test models) → locpipe compile →
Django's test client in Korean and Simplified Chinese."""

from __future__ import annotations

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from locpipe.catalog import State, state
from locpipe.formats.pofile import read_po
from tests.conftest import REPO, Project
from tests.support.frameworks import copy_app, probe

django = pytest.importorskip("django")

SITE = REPO / "tests" / "frameworks" / "django_site"
LOCALES = ("ko", "zh_Hans")


def _manage(root: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _makemessages(root: Path) -> None:
    """What a Django developer runs: --keep-pot leaves locale/*.pot for locpipe."""
    _manage(root, "makemessages", "--all", "--keep-pot")
    _manage(root, "makemessages", "--all", "--keep-pot", "-d", "djangojs")


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "locale").rglob("*"))
        if p.is_file()
    }


def _machine(site: Project, locale: str, domain: str, msgid: str) -> str:
    po = read_po(site.root / "locale" / locale / "LC_MESSAGES" / f"{domain}.po")
    (message,) = (m for m in po.active() if m.msgid == msgid)
    assert message.msgstr and "mt-warning" not in " ".join(message.translator_comments)
    return message.msgstr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Project:
    """The site after makemessages, locpipe translate and locpipe compile."""
    base = tmp_path_factory.mktemp("django")
    project = copy_app(SITE, base, models_dir, "")
    _makemessages(project.root)
    assert sorted(p.name for p in (project.root / "locale").iterdir()) == [
        "django.pot",
        "djangojs.pot",
    ]
    project.run("translate", check=True)
    project.run("compile", check=True)
    return project


def test_folders_are_the_ones_django_reads(site: Project) -> None:
    for locale in LOCALES:
        for domain in ("django", "djangojs"):
            assert (site.root / "locale" / locale / "LC_MESSAGES" / f"{domain}.mo").is_file()


ACCEPTED = [
    ("ko", "ko", "ko"),
    ("ko-KR,ko;q=0.9", "ko", "ko"),
    ("zh-CN", "zh_Hans", "zh-hans"),
    ("zh-hans", "zh_Hans", "zh-hans"),
    ("zh", "zh_Hans", "zh-hans"),
]


@pytest.fixture(scope="module")
def pages(site: Project) -> dict[str, dict[str, Any]]:
    """The page and the JavaScript catalogue for each Accept-Language, asked once."""
    return probe(site, *(accept for accept, _locale, _served in ACCEPTED))


@pytest.mark.parametrize(("accept", "locale", "served"), ACCEPTED)
def test_korean_and_chinese_are_served(
    site: Project, pages: dict[str, dict[str, Any]], accept: str, locale: str, served: str
) -> None:
    page = pages[accept]
    assert page["status"] == [200, 200]
    assert page["language"] == served
    for msgid in ("Welcome to our shop", "Fresh fruit every morning"):
        assert _machine(site, locale, "django", msgid) in page["html"]
    # Django's own catalogue still answers for its own strings, in the same request.
    own = gettext.translation(
        "django", str(Path(django.__file__).parent / "conf" / "locale"), [locale]
    ).gettext("This field is required.")
    assert own != "This field is required."
    assert f'<p id="error">{own}</p>' in page["html"]
    # JavaScriptCatalog serves the djangojs catalogue (as JSON inside JS).
    assert json.dumps(_machine(site, locale, "djangojs", "Add to basket")) in page["js"]


def _django_own(locale: str, msgid: str) -> str:
    own = gettext.translation(
        "django", str(Path(django.__file__).parent / "conf" / "locale"), [locale]
    ).gettext(msgid)
    assert own != msgid
    return own


@pytest.mark.parametrize(("accept", "locale", "served"), ACCEPTED)
def test_an_app_string_django_translates_ships_django_s_translation(
    site: Project, pages: dict[str, dict[str, Any]], accept: str, locale: str, served: str
) -> None:
    """The template says "This field is required." too: the app's catalogue
    (LOCALE_PATHS, read first) holds Django's reviewed translation, not MT
    that would shadow it."""
    msgid = "This field is required."
    own = _django_own(locale, msgid)
    po = read_po(site.root / "locale" / locale / "LC_MESSAGES" / "django.po")
    (entry,) = (m for m in po.active() if m.msgid == msgid)
    assert entry.msgstr == own and state(entry) is State.REVIEWED
    assert f"tm: django:conf/locale/{locale}/LC_MESSAGES/django.po" in entry.translator_comments
    assert f'<p id="hint">{own}</p>' in pages[accept]["html"]


def _review(path: Path, reviewed: dict[str, list[str]]) -> None:
    """What a reviewer does in a PO editor: write the plural translations and
    clear fuzzy on them."""
    text = path.read_text(encoding="utf-8")
    for msgid, forms in reviewed.items():
        pattern = re.compile(
            r'(#, )fuzzy, (python-format\nmsgid "'
            + re.escape(msgid)
            + r'"\nmsgid_plural "[^"]*"\n)'
            r'msgstr\[0\] "[^\n]*"\n(?:"[^\n]*"\n)*'
        )
        replacement = r"\1\2" + "".join(
            f'msgstr[{i}] "{form}"\n'.replace("\\", "\\\\") for i, form in enumerate(forms)
        )
        text, count = pattern.subn(replacement, text)
        assert count == 1, msgid
    path.write_text(text, encoding="utf-8")


REVIEWED = {
    "ko": {
        "%(count)d order is waiting.": ["주문 %(count)d건이 기다리고 있습니다."],
        "There is %(counter)s item in your basket.": ["장바구니에 상품 %(counter)s개가 있습니다."],
    },
    "zh_Hans": {
        "%(count)d order is waiting.": ["有 %(count)d 个订单在等待。"],
        "There is %(counter)s item in your basket.": ["购物篮里有 %(counter)s 件商品。"],
    },
}


def test_reviewed_plurals_then_no_churn(site: Project) -> None:
    for locale, reviewed in REVIEWED.items():
        _review(site.root / "locale" / locale / "LC_MESSAGES" / "django.po", reviewed)
    site.run("translate", check=True)
    site.run("compile", check=True)
    pages = probe(site, "ko", "zh-CN")
    assert '<p id="waiting">주문 3건이 기다리고 있습니다.</p>' in pages["ko"]["html"]
    assert '<p id="basket">장바구니에 상품 3개가 있습니다.</p>' in pages["ko"]["html"]
    assert '<p id="waiting">有 3 个订单在等待。</p>' in pages["zh-CN"]["html"]
    assert '<p id="basket">购物篮里有 3 件商品。</p>' in pages["zh-CN"]["html"]

    # A second makemessages + translate cycle. xgettext stamps every template
    # with the minute it ran: back-date the files so that date differs.
    old_date = b"POT-Creation-Date: 2000-01-01 00:00+0000"
    date = re.compile(rb"POT-Creation-Date: [^\\\n]*")
    for path in (site.root / "locale").rglob("*.po*"):
        path.write_bytes(date.sub(old_date, path.read_bytes()))
    site.run("compile", check=True)
    before = _files(site.root)
    _makemessages(site.root)
    merged = _files(site.root)
    site.run("translate", check=True)
    site.run("compile", check=True)
    # No string changed: as msgmerge --update, locpipe changes no catalogue
    # (the templates alone carry the new date).
    assert _files(site.root) == merged
    assert {k: v for k, v in merged.items() if not k.endswith(".pot")} == {
        k: v for k, v in before.items() if not k.endswith(".pot")
    }
    assert {k: date.sub(b"", v) for k, v in merged.items()} == {
        k: date.sub(b"", v) for k, v in before.items()
    }
    # A new string: the catalogues change, and their POT-Creation-Date follows
    # the template.
    page = site.root / "shop" / "templates" / "shop" / "index.html"
    page.write_text(page.read_text("utf-8") + "{% translate 'Open daily' %}\n", "utf-8")
    _makemessages(site.root)
    site.run("translate", check=True)
    pot = read_po(site.root / "locale" / "django.pot")
    for locale in LOCALES:
        po = read_po(site.root / "locale" / locale / "LC_MESSAGES" / "django.po")
        assert any(m.msgid == "Open daily" and m.msgstr for m in po.active())
        assert po.header_field("POT-Creation-Date") == pot.header_field("POT-Creation-Date")
        assert not pot.header_field("POT-Creation-Date").startswith("2000")


def test_compilemessages_skips_machine_entries(site: Project, tmp_path: Path) -> None:
    """What the manual (docs/apps) says: Django's compilemessages leaves fuzzy (machine)
    entries out, so locpipe compile is the step that ships them."""
    root = tmp_path / "site"
    shutil.copytree(site.root, root, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run(
        [sys.executable, "manage.py", "compilemessages"],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    mo = root / "locale" / "ko" / "LC_MESSAGES" / "django.mo"
    served = gettext.GNUTranslations(mo.open("rb"))
    assert served.gettext("Welcome to our shop") == "Welcome to our shop"
