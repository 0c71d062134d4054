"""Traditional Chinese from the Simplified model, through OpenCC phrase conversion.

Argos' Traditional Chinese (`zt`) package, where one is installed, translates
directly. Without one, `zh_TW`, `zh_HK` and the other Traditional locales are
filled by the en→zh model and its output converted with OpenCC (PyPI
`opencc`, whose wheel carries its dictionaries, so no network is needed):
`s2twp` for Taiwan (characters and Taiwan's own words: 软件 → 軟體,
信息 → 資訊), `s2hk` for Hong Kong and Macau (Hong Kong variants: 软件 → 軟件).
A script-only name (`zh_Hant`) gets Taiwan's conversion, as CLDR's
likely-subtags table makes zh_Hant Taiwan's.

The engine id names the route, `argos translate-en_zh-1_9 1.9 +opencc s2twp`,
and is written to every entry's `# mt:` comment. Converted text is machine
output like any other: fuzzy until a person reviews it.

Before MT, a sentence that a configured Simplified locale (`zh_CN`) has
reviewed gets that translation converted instead (`convert_reviewed`,
`# mt: opencc s2twp zh_CN`): still machine state, a suggestion, never a
reviewed entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from locpipe import catalog
from locpipe.errors import ModelError, install_extra
from locpipe.locales import parse_locale
from locpipe.model import Catalog, Message
from locpipe.mt import Hypothesis, Translator, translate_scored

#: Territory → OpenCC configuration; a locale without a territory uses TAIWAN.
TAIWAN = "s2twp"
_BY_TERRITORY = {"TW": TAIWAN, "HK": "s2hk", "MO": "s2hk"}

INSTALL_HINT = install_extra("traditional")


def conversion_for(locale: str) -> str:
    """The OpenCC configuration that turns Simplified into `locale`'s Traditional."""
    parsed = parse_locale(locale)
    territory = parsed.territory if parsed is not None else None
    return _BY_TERRITORY.get(territory or "", TAIWAN)


@cache
def _converter(config: str) -> Any:
    try:
        import opencc
    except ImportError as exc:
        raise ModelError(
            "Traditional Chinese from the zh model needs OpenCC, which is not installed",
            fix=f"{INSTALL_HINT}, or install an Argos en→zt package",
        ) from exc
    return opencc.OpenCC(f"{config}.json")


def check_available() -> None:
    """Raise ModelError when OpenCC cannot be loaded."""
    _converter(TAIWAN)


def convert(text: str, config: str) -> str:
    """`text` (Simplified Chinese) converted with OpenCC's `config` (e.g. s2twp)."""
    result: str = _converter(config).convert(text)
    return result


class ConvertedTranslator:
    """A Simplified Chinese engine whose output is converted with OpenCC.

    Scores are the inner engine's: the conversion adds no uncertainty a
    reviewer could act on.
    """

    def __init__(self, inner: Translator, config: str) -> None:
        self.inner = inner
        self.config = config
        _converter(config)

    @property
    def engine_id(self) -> str:
        return f"{self.inner.engine_id} +opencc {self.config}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [h.text for h in self.translate_scored(texts)]

    def translate_scored(self, texts: Sequence[str]) -> list[Hypothesis]:
        return [
            Hypothesis(convert(h.text, self.config), h.score)
            for h in translate_scored(self.inner, texts)
        ]


def available() -> bool:
    """True when OpenCC can be loaded."""
    try:
        check_available()
    except ModelError:
        return False
    return True


def convert_reviewed(
    cat: Catalog, reviewed: Mapping[str, tuple[Message, str]], conversion: str
) -> tuple[Catalog, int]:
    """Fill the untranslated entries of `cat` whose source a Simplified
    catalogue has reviewed (`reviewed`: catalog.memory of the Simplified
    locales) with that translation converted by OpenCC's `conversion`.

    The result is machine state, `# mt: opencc <conversion> <locale>`: a
    suggestion for the reviewer of this locale (a reviewed Simplified
    translation is usually closer than MT), never a reviewed entry, since
    conversion can still pick the wrong regional word.
    Returns the catalogue and how many entries were filled.
    """
    by_source: dict[str, dict[str, str]] = {}
    for text in catalog.pending(cat):
        found = reviewed.get(" ".join(text.split()))
        if found is not None:
            message, name = found
            locale = name.split("/", 1)[0]
            by_source.setdefault(locale, {})[text] = convert(message.msgstr, conversion)
    total = 0
    for locale, translations in sorted(by_source.items()):
        cat, filled = catalog.apply_machine(cat, translations, f"opencc {conversion} {locale}")
        total += filled
    return cat, total
