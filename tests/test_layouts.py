"""Framework layouts, the configurable pseudo-locale, its English plurals, and the
placeholders of JavaScript libraries through MT (pseudo engine and a model that
loses them)."""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from locpipe import pipeline
from locpipe.config import load_config
from locpipe.errors import ConfigError
from locpipe.formats.pofile import read_po
from locpipe.mt.pseudo import pseudo_localise
from locpipe.placeholders import SENTINEL_RE, placeholders
from tests.conftest import Project, make_project


@pytest.mark.parametrize(
    ("layout", "locales", "folder", "templates"),
    [
        ("gettext", ("ko", "zh_CN"), "locales", ()),
        ("django", ("ko", "zh_Hans"), "locale", ("locale/*.pot",)),
        ("flask-babel", ("ko", "zh_Hans_CN"), "translations", ("messages.pot",)),
    ],
)
def test_layout_presets(
    tmp_path: Path, layout: str, locales: tuple[str, ...], folder: str, templates: tuple[str, ...]
) -> None:
    (tmp_path / "locpipe.toml").write_text(f'layout = "{layout}"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.locales == locales
    assert config.locales_dir == Path(folder)
    if templates:
        assert config.templates == templates
        assert config.sources == ()
    assert [config.argos_code(locale) for locale in locales] == ["ko", "zh"]


def test_keys_next_to_the_layout_win(tmp_path: Path) -> None:
    (tmp_path / "locpipe.toml").write_text(
        'layout = "django"\nlocales_dir = "shop/locale"\ntemplates = ["shop/locale/*.pot"]\n'
        'locales = ["ko", "zh_Hans", "en_XA"]\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert config.locales_dir == Path("shop/locale")
    assert config.templates == ("shop/locale/*.pot",)
    assert config.argos_locales == ("ko", "zh_Hans")


def test_unknown_layout_names_the_choices(tmp_path: Path) -> None:
    (tmp_path / "locpipe.toml").write_text('\nlayout = "rails"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert caught.value.line == 2
    assert '"django"' in str(caught.value) and '"flask-babel"' in str(caught.value)


def test_pseudo_locale_name_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "locpipe.toml").write_text(
        'pseudo_locale = "en_001"\nlocales = ["ko", "en_001"]\n', encoding="utf-8"
    )
    config = load_config(tmp_path)
    assert config.argos_locales == ("ko",)


@pytest.mark.parametrize("name", ["de_XA", "not a locale"])
def test_pseudo_locale_must_be_english(tmp_path: Path, name: str) -> None:
    (tmp_path / "locpipe.toml").write_text(f'pseudo_locale = "{name}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="pseudo_locale"):
        load_config(tmp_path)


# -- a small app template run through the pseudo engine -----------------------

APP_POT = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#, python-format
msgid "%(n)d file"
msgid_plural "%(n)d files"
msgstr[0] ""
msgstr[1] ""

msgid "Hello %1, you have %2 new messages"
msgstr ""

msgid "Welcome back, {{name}}! $t(common.signature)"
msgstr ""

#, icu-message-format
msgid "You have {count, plural, one {# file} other {# files}} in {folder}"
msgstr ""
"""


def _app(base: Path, packages: Path, extra: str = "") -> Project:
    project = make_project(base, packages)
    (project.root / "app.pot").write_text(APP_POT, encoding="utf-8")
    (project.root / "locpipe.toml").write_text(
        'sources = []\ntemplates = ["app.pot"]\n' + extra,
        encoding="utf-8",
    )
    return project


@pytest.mark.parametrize("name", ["en_XA", "en_001"])
def test_pseudo_plurals_follow_english_rules(tmp_path: Path, name: str) -> None:
    project = _app(tmp_path, tmp_path / "packages", f'pseudo_locale = "{name}"\n')
    project.run("translate", "--engine", "pseudo", check=True)
    po = read_po(project.locales / name / "LC_MESSAGES" / "app.po")
    assert po.header_field("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    tr = gettext.translation("app", str(project.locales), [name])
    one = tr.ngettext("%(n)d file", "%(n)d files", 1) % {"n": 1}
    two = tr.ngettext("%(n)d file", "%(n)d files", 2) % {"n": 2}
    assert one == pseudo_localise("1 file") == "⟦1 ƒíļé⟧"
    assert two == pseudo_localise("2 files") == "⟦2 ƒíļéš⟧"


def test_js_and_icu_placeholders_survive_the_pseudo_engine(tmp_path: Path) -> None:
    project = _app(tmp_path, tmp_path / "packages")
    project.run("translate", "--engine", "pseudo", check=True)
    po = read_po(project.locales / "en_XA" / "LC_MESSAGES" / "app.po")
    flags = ("icu-message-format",)
    for message in po.active():
        if message.msgid and message.msgid_plural is None:
            assert placeholders(message.msgstr, flags) == placeholders(message.msgid, flags)
            assert not any(c.startswith("mt-warning") for c in message.translator_comments)
    icu = next(m for m in po.active() if m.msgid.startswith("You have {count"))
    # The case texts are translated, the syntax around them kept.
    assert "{count, plural, one {# ƒíļé} other {# ƒíļéš}}" in icu.msgstr
    assert project.run("check").returncode == 0


class _Loses:
    """A test model that drops every placeholder (every sentinel) it is given."""

    engine_id = "lossy test 1"

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [SENTINEL_RE.sub("", text).upper() for text in texts]


class _LosesEverywhere:
    def check(self, locale: str) -> None:
        pass

    def load(self, locale: str) -> _Loses:
        return _Loses()


def test_lost_js_placeholders_are_flagged_and_ship_nowhere(tmp_path: Path) -> None:
    project = _app(tmp_path, tmp_path / "packages", 'locales = ["ko"]\n')
    config = load_config(project.root)
    pipeline.translate(config, _LosesEverywhere())
    po = read_po(project.locales / "ko" / "LC_MESSAGES" / "app.po")
    warned = {
        m.msgid: next(c for c in m.translator_comments if c.startswith("mt-warning: "))
        for m in po.active()
        if m.msgid and any(c.startswith("mt-warning: ") for c in m.translator_comments)
    }
    assert len(warned) == 4
    assert "lost %1" in warned["Hello %1, you have %2 new messages"]
    assert "lost {{name}}" in warned["Welcome back, {{name}}! $t(common.signature)"]
    assert "$t(common.signature)" in warned["Welcome back, {{name}}! $t(common.signature)"]
    assert "lost {folder}" in warned[next(k for k in warned if k.startswith("You have {count"))]
    # Not in the .mo, not in any JSON.
    mo = gettext.GNUTranslations((project.locales / "ko" / "LC_MESSAGES" / "app.mo").open("rb"))
    assert mo.gettext("Hello %1, you have %2 new messages") == "Hello %1, you have %2 new messages"
    for fmt in ("json", "jed", "i18next"):
        project.run("compile", "--format", fmt, check=True)
    for path in (project.locales / "ko" / "LC_MESSAGES").glob("*.json"):
        assert "HELLO" not in path.read_text(encoding="utf-8"), path.name
    # Once a reviewer accepts such an entry as is, `check` names what is lost.
    text = (project.locales / "ko" / "LC_MESSAGES" / "app.po").read_text(encoding="utf-8")
    (project.locales / "ko" / "LC_MESSAGES" / "app.po").write_text(
        text.replace("#, fuzzy\n", "").replace("#, fuzzy, ", "#, "), encoding="utf-8"
    )
    done = project.run("check", "--json")
    found = json.loads(done.stdout)
    assert done.returncode == 1
    lost = " ".join(p["message"] for p in found if p["check"] == "placeholders")
    for token in ("%1", "%2", "{{name}}", "$t(common.signature)", "{folder}"):
        assert token in lost
    # …and it still ships nowhere, until the reviewer puts the placeholders back.
    project.run("compile", check=True)
    mo = gettext.GNUTranslations((project.locales / "ko" / "LC_MESSAGES" / "app.mo").open("rb"))
    assert mo.gettext("Hello %1, you have %2 new messages") == "Hello %1, you have %2 new messages"
    fixed = "안녕하세요 %1님, 새 메시지 %2개"
    po_path = project.locales / "ko" / "LC_MESSAGES" / "app.po"
    text = po_path.read_text(encoding="utf-8")
    text = re.sub(r'(msgid "Hello %1, [^"]*"\nmsgstr )"[^"]*"', rf'\1"{fixed}"', text)
    po_path.write_text(text, encoding="utf-8")
    project.run("compile", check=True)
    mo = gettext.GNUTranslations((project.locales / "ko" / "LC_MESSAGES" / "app.mo").open("rb"))
    assert mo.gettext("Hello %1, you have %2 new messages") == fixed


def test_format_flags_mark_every_entry(tmp_path: Path) -> None:
    """A catalogue written in ICU MessageFormat without per-entry flags."""
    project = make_project(tmp_path, tmp_path / "packages")
    (project.root / "app.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "{n, plural, one {# new photo} other {# new photos}}"\nmsgstr ""\n',
        encoding="utf-8",
    )
    (project.root / "locpipe.toml").write_text(
        'sources = []\ntemplates = ["app.pot"]\nlocales = ["ko"]\n'
        'format_flags = ["icu-message-format"]\n',
        encoding="utf-8",
    )
    pipeline.translate(load_config(project.root), _LosesEverywhere())
    po = read_po(project.locales / "ko" / "LC_MESSAGES" / "app.po")
    (message,) = (m for m in po.active() if m.msgid)
    assert "mt-warning: lost {n, plural, one {#; lost } other {#; lost }}" in (
        message.translator_comments
    )
    # The case texts went to MT, the syntax did not (and the output takes the
    # whitespace at the ends of the msgid: none).
    assert message.msgstr == "NEW PHOTO NEW PHOTOS"
    # GNU gettext tools drop flags they do not know (icu-message-format among
    # them), so `check` takes it from the configuration too.
    po_path = project.locales / "ko" / "LC_MESSAGES" / "app.po"
    po_path.write_text(po_path.read_text("utf-8").replace("#, fuzzy\n", ""), "utf-8")
    found = json.loads(project.run("check", "--json").stdout)
    assert [p["message"] for p in found if p["check"] == "placeholders"] == ["lost {n}"]
