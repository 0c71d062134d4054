"""Build: a source document rebuilt in a locale from its catalogue. Pure.

Each segment is replaced by its translation when the entry ships
(locpipe.shipping); the text between segments is copied as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from locpipe.documents import build, sources
from locpipe.model import Catalog
from locpipe.shipping import ships


def rebuilt(
    document: sources.Document,
    cat: Catalog,
    locale: str,
    policy: str,
    min_percent: float = 0.0,
    format_flags: Sequence[str] = (),
) -> bytes | None:
    """The bytes of `document` rebuilt in `locale` from `cat`, or None when
    less than `min_percent` of it is translated (po4a's --keep)."""
    lookup = build.translations(cat, ships(policy, format_flags))
    result = build.rebuild(document.text, document.segments, lookup, locale)
    if result.percent < min_percent:
        return None
    return result.text.encode("utf-8")
