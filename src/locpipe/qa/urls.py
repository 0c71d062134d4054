"""URLs that differ only by their locale: the translated page of the same site. Pure.

Translators rightly point a link at the page in their language:
`developer.mozilla.org/en-US/docs/…` → `/zh-CN/docs/…`,
`docs.djangoproject.com/en/5.2/` → `/ko/5.2/`, `?hl=en` → `?hl=ko`,
`en.wikipedia.org` → `ko.wikipedia.org`. Such a URL is fine when every part
that differs is an English locale in the source and a locale of the
translation's language in the target (or a locale dropped or added, as in
`/en/docs` → `/docs`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from locpipe.locales import parse_locale

#: Separators of the parts of a URL; a locale is one whole part.
_PARTS = re.compile(r"([/?&=#.]+)")
_LOCALE_SHAPE = re.compile(r"[a-z]{2,3}(?:[-_][a-z]{2,4}){0,2}", re.IGNORECASE)


def _language(part: str) -> str | None:
    """The language of a URL part that is a locale (`en-US`, `zh_CN`, `ko`), else None."""
    if _LOCALE_SHAPE.fullmatch(part) is None:
        return None
    parsed = parse_locale(part)
    return parsed.language if parsed is not None else None


def _parts(url: str) -> list[str]:
    return [p for p in _PARTS.split(url) if p]


def same_but_locale(source: str, target: str, language: str) -> bool:
    """True when `target` is `source` with an English locale part changed to
    a locale of `language` (or that part dropped, or a `language` part added)."""
    a, b = _parts(source), _parts(target)
    if a == b:
        return True
    changed = False
    i = j = 0
    while i < len(a) or j < len(b):
        x, y = (a[i] if i < len(a) else None), (b[j] if j < len(b) else None)
        if x == y:
            i, j = i + 1, j + 1
            continue
        x_english = x is not None and _language(x) == "en"
        y_own = y is not None and _language(y) == language
        if x_english and y_own:
            i, j = i + 1, j + 1
        elif x_english and a[i + 2 : i + 3] == [y]:
            i += 2  # "/en/docs" → "/docs": the locale and its separator dropped
        elif y_own and b[j + 2 : j + 3] == [x]:
            j += 2
        else:
            return False
        changed = True
    return changed


def localised(lost: Counter[str], added: Counter[str], language: str) -> Iterator[tuple[str, str]]:
    """Pairs (lost URL, added URL) where the added one is the lost one
    localised to `language` (see `same_but_locale`), each URL used once."""
    if not language:
        return
    spare = Counter(added)
    for url in lost.elements():
        match = next((a for a in spare if spare[a] > 0 and same_but_locale(url, a, language)), None)
        if match is not None:
            spare[match] -= 1
            yield url, match
