"""Traditional Chinese: zh_TW and zh_HK from the zh model through OpenCC, or an Argos zt package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from locpipe.catalog import State, mt_comment, state
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog
from locpipe.mt.traditional import conversion_for, convert
from tests.conftest import SAMPLE, Project, make_project

DOMAIN = SAMPLE.stem


@pytest.mark.parametrize(
    ("simplified", "config", "traditional"),
    [
        ("软件", "s2twp", "軟體"),
        ("信息", "s2twp", "資訊"),
        ("网络", "s2twp", "網路"),
        ("鼠标", "s2twp", "滑鼠"),
        ("里面", "s2twp", "裡面"),
        ("软件", "s2hk", "軟件"),
        ("信息", "s2hk", "信息"),
        ("里面", "s2hk", "裏面"),
        ("ZX0Z 软件 %(n)s", "s2twp", "ZX0Z 軟體 %(n)s"),  # sentinels and Latin untouched
    ],
)
def test_known_conversions(simplified: str, config: str, traditional: str) -> None:
    assert convert(simplified, config) == traditional


@pytest.mark.parametrize(
    ("locale", "config"),
    [
        ("zh_TW", "s2twp"),
        ("zh_Hant", "s2twp"),
        ("zh_Hant_TW", "s2twp"),
        ("zh_HK", "s2hk"),
        ("zh_Hant_HK", "s2hk"),
        ("zh_MO", "s2hk"),
    ],
)
def test_conversion_per_locale(locale: str, config: str) -> None:
    assert conversion_for(locale) == config


def po(project: Project, locale: str) -> Path:
    return project.locales / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def set_locales(project: Project, locales: str) -> None:
    config = project.root / "locpipe.toml"
    text = config.read_text("utf-8")
    config.write_text(text.replace('locales = ["ko", "zh_CN"]', f"locales = {locales}"), "utf-8")


def test_zh_tw_and_zh_hk_from_the_zh_model(project_with_models: Project) -> None:
    project = project_with_models
    set_locales(project, '["zh_CN", "zh_TW", "zh_HK"]')
    project.run("translate", check=True)
    simplified = {m.msgid: m for m in read_po(po(project, "zh_CN")).active()}
    converted = 0
    for locale, config in (("zh_TW", "s2twp"), ("zh_HK", "s2hk")):
        cat = read_po(po(project, locale))
        assert cat.header_field("Language") == locale
        entries = cat.active()
        assert entries
        for m in entries:
            assert state(m) is State.MACHINE  # fuzzy, a suggestion
            comment = mt_comment(m) or ""
            assert comment.startswith(f"mt: argos translate-en_zh-1_0 1.0 +opencc {config} score:")
            # The same model output as zh_CN, converted.
            assert m.msgstr == convert(simplified[m.msgid].msgstr, config)
            converted += m.msgstr != simplified[m.msgid].msgstr
    assert converted > 0  # the random output does hold characters that convert

    for lang, locale in (("zh_TW.UTF-8", "zh_TW"), ("zh_HK.UTF-8", "zh_HK")):
        first = read_po(po(project, locale)).active()[0]
        script = (
            "import gettext\n"
            f"t = gettext.translation({DOMAIN!r}, 'locales')\n"
            f"print(t.gettext({first.msgid!r}))\n"
        )
        env = {k: v for k, v in project.env.items() if not k.startswith(("LANG", "LC_"))}
        env["LANG"] = lang
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=project.root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        assert done.stdout.strip() == first.msgstr


def test_reviewed_zh_cn_is_converted_as_a_suggestion_never_as_reviewed(
    translated: Project,
) -> None:
    path = po(translated, "zh_CN")
    cat = read_po(path)
    edited = cat.active()[0].replace(msgstr="软件信息", flags=())
    write_po(path, Catalog(cat.header, (edited, *cat.messages[1:])))
    (translated.root / "compendium.po").write_bytes(path.read_bytes())  # Language: zh_CN
    config = translated.root / "locpipe.toml"
    config.write_text(config.read_text("utf-8") + 'compendia = ["compendium.po"]\n', "utf-8")
    set_locales(translated, '["zh_CN", "zh_TW", "zh_HK"]')
    translated.run("translate", check=True)
    assert state(read_po(path).active()[0]) is State.REVIEWED
    for locale, expected, conversion in (
        ("zh_TW", "軟體資訊", "s2twp"),
        ("zh_HK", "軟件信息", "s2hk"),
    ):
        entries = {m.msgid: m for m in read_po(po(translated, locale)).active()}
        suggestion = entries.pop(edited.msgid)
        assert suggestion.msgstr == expected
        assert state(suggestion) is State.MACHINE
        assert (mt_comment(suggestion) or "").startswith(f"mt: opencc {conversion} zh_CN fp:")
        # Machine zh_CN entries are not reused: the rest is MT, also machine.
        assert {state(m) for m in entries.values()} == {State.MACHINE}
        assert all("+opencc" in (mt_comment(m) or "") for m in entries.values())


def test_an_installed_zt_package_is_used_instead(
    tmp_path: Path, argos_files: dict[str, Path]
) -> None:
    from tests.support.argos_package import build_argos_package

    zt = build_argos_package(tmp_path / "zt", to_code="zt", seed=1)
    project = make_project(tmp_path, tmp_path / "packages")
    project.install_models({"zh_CN": argos_files["zh_CN"], "zh_TW": zt})
    set_locales(project, '["zh_TW"]')
    project.run("mt", check=True)
    for m in read_po(po(project, "zh_TW")).active():
        comment = mt_comment(m) or ""
        assert comment.startswith("mt: argos translate-en_zt-1_0 1.0 score:")
        assert "opencc" not in comment


def test_missing_models_are_a_clear_error(project: Project) -> None:
    set_locales(project, '["zh_TW"]')
    done = project.run("translate")
    assert done.returncode == 2
    assert "no Argos model for en→zt or en→zh, needed for locale zh_TW" in done.stderr
    assert "translate-en_zt" in done.stderr and "translate-en_zh" in done.stderr


def test_missing_opencc_is_a_clear_error(project_with_models: Project, tmp_path: Path) -> None:
    # A package of that name that fails to import comes first on the path.
    blocker = tmp_path / "no-opencc" / "opencc"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('blocked for the test')\n", "utf-8")
    project = project_with_models
    project.env["PYTHONPATH"] = f"{blocker.parent}:{project.env['PYTHONPATH']}"
    set_locales(project, '["zh_TW"]')
    before = project.snapshot()
    done = project.run("translate")
    assert done.returncode == 2
    assert "needs OpenCC" in done.stderr and "-m pip install 'opencc>=1.1.6'" in done.stderr
    assert project.snapshot() == before
