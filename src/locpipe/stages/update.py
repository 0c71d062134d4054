"""Update: a template merged into a locale's catalogue, as `msgmerge --update` does. Pure.

The merge itself is locpipe.merge; this stage adds what a catalogue file
needs around it: a complete header, a person's reviews recorded first
(catalog.record_reviews), the number of plural forms (the file's own
Plural-Forms when it has one, else the locale's), and no change
at all when only the template's date moved.
"""

from __future__ import annotations

from collections.abc import Sequence

from locpipe import catalog, merge
from locpipe.formats import headers
from locpipe.model import Catalog


def updated(
    old: Catalog | None,
    pot: Catalog,
    locale: str,
    domain: str,
    project: str,
    format_flags: Sequence[str] = (),
) -> Catalog:
    """The catalogue of `domain` in `locale` after merging `pot` into `old`
    (the catalogue on disk, None when there is none). `format_flags` are the
    configured ones, which decide whether an accepted machine entry still
    misses a placeholder."""
    header = headers.catalog_header(domain, locale, project, pot)
    reviewed = None
    if old is not None:
        header = headers.complete(old.header, header)
        reviewed = catalog.record_reviews(old, format_flags)
    # The file's own Plural-Forms wins, as in msgmerge; CLDR fills a missing one.
    nplurals = headers.nplurals_of(Catalog(header=header), locale)
    merged = catalog.fit_plurals(merge.update(reviewed, pot, header), nplurals)
    return _unless_only_the_date(headers.refresh(merged, locale, pot), old)


def _unless_only_the_date(new: Catalog, old: Catalog | None) -> Catalog:
    """`old` when merging its template changed nothing but POT-Creation-Date,
    else `new`. GNU msgmerge --update leaves such a file alone (and so
    Django's makemessages), since xgettext stamps every run with its minute:
    a makemessages run that changed no string then changes no catalogue."""
    if old is None:
        return new
    date = old.header_field("POT-Creation-Date")
    if date is not None and new.with_header_field("POT-Creation-Date", date) == old:
        return old
    return new
