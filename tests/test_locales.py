"""Locale names as catalogues and frameworks spell them (locpipe.locales)."""

from __future__ import annotations

from pathlib import Path

import pytest

from locpipe.config import load_config
from locpipe.errors import ConfigError
from locpipe.formats.headers import plural_forms
from locpipe.locales import is_supported, parse_locale

# name, language, script, argos code, display name
NAMES = [
    ("ko", "ko", "Hang", "ko", "Korean"),
    ("ko_KR", "ko", "Hang", "ko", "Korean"),
    ("ko-kr", "ko", "Hang", "ko", "Korean"),
    ("zh_CN", "zh", "Hans", "zh", "Chinese (Simplified)"),
    ("zh_SG", "zh", "Hans", "zh", "Chinese (Simplified)"),
    ("zh_Hans", "zh", "Hans", "zh", "Chinese (Simplified)"),
    ("zh-hans", "zh", "Hans", "zh", "Chinese (Simplified)"),
    ("zh_Hans_CN", "zh", "Hans", "zh", "Chinese (Simplified)"),
    ("zh_Hans_HK", "zh", "Hans", "zh", "Chinese (Simplified)"),
    ("zh_TW", "zh", "Hant", "zt", "Chinese (Traditional)"),
    ("zh_HK", "zh", "Hant", "zt", "Chinese (Traditional)"),
    ("zh_Hant", "zh", "Hant", "zt", "Chinese (Traditional)"),
    ("zh_Hant_TW", "zh", "Hant", "zt", "Chinese (Traditional)"),
]


@pytest.mark.parametrize(
    ("name", "language", "script", "code", "display"), NAMES, ids=[n[0] for n in NAMES]
)
def test_names_map_to_language_and_script(
    name: str, language: str, script: str, code: str, display: str
) -> None:
    locale = parse_locale(name)
    assert locale is not None
    assert (locale.name, locale.language, locale.script) == (name, language, script)
    assert (locale.argos_code, locale.display_name) == (code, display)
    assert is_supported(name)


@pytest.mark.parametrize("name", ["fr", "ja_JP", "de_DE", "", "zh_", "korean", "ko_KR_extra"])
def test_other_names_are_not_supported(name: str) -> None:
    assert not is_supported(name)


def test_the_pseudo_locale_has_english_plurals() -> None:
    pseudo = parse_locale("en_XA")
    assert pseudo is not None and pseudo.is_pseudo and pseudo.argos_code is None
    assert plural_forms("en_XA") == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("name", ["ko_KR", "zh_Hans", "zh_Hans_CN", "zh_TW"])
def test_plural_forms_come_from_cldr_for_every_spelling(name: str) -> None:
    assert plural_forms(name) == "nplurals=1; plural=0;"


def test_config_accepts_framework_spellings(tmp_path: Path) -> None:
    (tmp_path / "locpipe.toml").write_text('locales = ["ko_KR", "zh_Hans"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.locales == ("ko_KR", "zh_Hans")
    assert [config.argos_code(locale) for locale in config.locales] == ["ko", "zh"]


def test_config_names_the_spellings_it_accepts(tmp_path: Path) -> None:
    (tmp_path / "locpipe.toml").write_text('locales = ["ko", "fr_FR"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert "'fr_FR'" in str(caught.value)
    assert caught.value.line == 1
    assert "zh_Hans" in str(caught.value.fix)
