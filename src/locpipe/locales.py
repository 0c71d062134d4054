"""Locale names as catalogues and frameworks spell them, and what each one means.

A locale name is also a folder name (`locales/<name>/LC_MESSAGES`), and each
framework looks for its own spelling: Python's gettext finds `zh_CN` from
`LANG=zh_CN.UTF-8`, Django reads `zh_Hans`, Flask-Babel `zh_Hans_CN`. So the
name is kept exactly as written, and what locpipe needs from it, the
language and the script, is worked out here: `ko`, `ko_KR` are Korean in
Hangul; `zh_CN`, `zh_SG`, `zh_Hans`, `zh_Hans_CN` are Chinese in Simplified
Han; `zh_TW`, `zh_HK`, `zh_MO`, `zh_Hant` are Chinese in Traditional Han.
Pure: no IO, no Babel import (a plain table is enough and keeps start-up fast).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The pseudo-locale: accented, lengthened English from the pseudo engine,
#: for testing app layouts with no model at all.
PSEUDO_LOCALE = "en_XA"

#: language → its script when the name gives none and no territory says otherwise.
_DEFAULT_SCRIPT = {"ko": "Hang", "zh": "Hans", "en": "Latn"}

#: Chinese territories written in Traditional characters.
_TRADITIONAL_TERRITORIES = frozenset({"TW", "HK", "MO"})

#: (language, script) → the Argos language code of the model that serves it.
#: Argos names Traditional Chinese `zt`.
_ARGOS_CODES = {("ko", "Hang"): "ko", ("zh", "Hans"): "zh", ("zh", "Hant"): "zt"}

_DISPLAY = {
    ("ko", "Hang"): "Korean",
    ("zh", "Hans"): "Chinese (Simplified)",
    ("zh", "Hant"): "Chinese (Traditional)",
    ("en", "Latn"): "English",
}

# language, then an optional script (4 letters) and territory (2 letters or
# 3 digits), separated by `_` or `-`, in any case: zh_Hans_CN, zh-hans, ko-KR.
_NAME_RE = re.compile(
    r"(?P<language>[A-Za-z]{2,3})"
    r"(?:[_-](?P<script>[A-Za-z]{4}))?"
    r"(?:[_-](?P<territory>[A-Za-z]{2}|\d{3}))?"
)


@dataclass(frozen=True, slots=True)
class Locale:
    """A locale name as written, with the language, script and territory it stands for."""

    name: str
    language: str
    script: str
    territory: str | None

    @property
    def is_pseudo(self) -> bool:
        """True for the pseudo-locale, which the pseudo engine serves."""
        return self.name == PSEUDO_LOCALE

    @property
    def argos_code(self) -> str | None:
        """The Argos language code of the model that serves this locale, if any."""
        return None if self.is_pseudo else _ARGOS_CODES.get((self.language, self.script))

    @property
    def display_name(self) -> str:
        """`Korean`, `Chinese (Simplified)` …, for messages and PO header comments."""
        if self.is_pseudo:
            return "Pseudo-English"
        return _DISPLAY.get((self.language, self.script), self.name)

    @property
    def cldr(self) -> str:
        """The name to look up CLDR data (plural rules) with; the pseudo-locale,
        and any English name a project picks for it, is plain English."""
        if self.is_pseudo or self.language == "en":
            return "en"
        return "_".join(p for p in (self.language, self.script, self.territory) if p)


def parse_locale(name: str) -> Locale | None:
    """The Locale that `name` spells, or None when it is not a locale name.

    A territory alone decides the script of Chinese (`zh_TW` is Traditional);
    an explicit script wins over it (`zh_Hans_HK` is Simplified).
    """
    match = _NAME_RE.fullmatch(name)
    if match is None:
        return None
    language = match["language"].lower()
    territory = match["territory"].upper() if match["territory"] else None
    if match["script"]:
        script = match["script"].title()
    elif language == "zh" and territory in _TRADITIONAL_TERRITORIES:
        script = "Hant"
    else:
        script = _DEFAULT_SCRIPT.get(language, "")
    return Locale(name=name, language=language, script=script, territory=territory)


def canonical(name: str) -> str:
    """`name` spelt as a gettext folder name: `_` between the parts, the
    language in lower case, the script in title case, the territory in upper
    case (`zh-cn` → `zh_CN`, `ko-KR` → `ko_KR`, `zh-hans` → `zh_Hans`): what
    `LANG=zh_CN.UTF-8` and the frameworks look for. A name that is not a
    locale name is returned as it is."""
    match = _NAME_RE.fullmatch(name)
    if match is None:
        return name
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["territory"]:
        parts.append(match["territory"].upper())
    return "_".join(parts)


def cldr_name(name: str) -> str:
    """The name to read `name`'s CLDR data (plural rules) with: Locale.cldr,
    or `name` itself when it is not a locale name."""
    parsed = parse_locale(name)
    return parsed.cldr if parsed else name


def is_supported(name: str) -> bool:
    """True when locpipe can fill `name`: a model language serves it, or it is the pseudo-locale."""
    locale = parse_locale(name)
    return locale is not None and (locale.is_pseudo or locale.argos_code is not None)


def language_of(argos_code: str) -> str | None:
    """`Korean`, `Chinese (Simplified)` …: what an Argos target code serves, if locpipe uses it."""
    for (language, script), code in _ARGOS_CODES.items():
        if code == argos_code:
            return _DISPLAY[language, script]
    return None


#: Spellings to offer in an "unknown locale" message.
EXAMPLES = ("ko", "ko_KR", "zh_CN", "zh_Hans", "zh_TW", "zh_Hant", PSEUDO_LOCALE)
