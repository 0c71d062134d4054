"""Build: a source document rebuilt in a locale from its catalogue. Pure
but for reading an MkDocs site's other files, which are copied.

Each segment is replaced by its translation when the entry ships
(locpipe.shipping); the text between segments is copied as it is. For an
MkDocs site (documents.mkdocs) a locale also gets its site configuration and
the rest of the site's docs folder. The driver writes the files and removes
those an earlier build wrote and this one did not (`Paths.built_list`), so
`build/<locale>` holds exactly the current pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from locpipe.documents import build, mkdocs, sources
from locpipe.layout import Paths
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


def locale_files(
    documents: Sequence[sources.Document],
    catalogues: Mapping[str, Catalog],
    locale: str,
    policy: str,
    min_percent: float,
    format_flags: Sequence[str],
    site: mkdocs.Site | None,
    pseudo: str,
    paths: Paths,
    root: Path,
) -> Iterator[tuple[Path, bytes]]:
    """(path, bytes) of every file of `build/<locale>`: each document
    translated at least `min_percent`, rebuilt from `catalogues[domain]`.
    With a `site`, a translated heading keeps its English id, a page below
    `min_percent` is its English source (the site's nav needs every page),
    and the site's configuration and other files come too."""
    shipping = ships(policy, format_flags)
    for doc in documents:
        lookup = build.translations(catalogues[doc.source.domain], shipping)
        target = paths.built(locale, doc.source.relpath)
        if site is not None and doc.source.fmt == mkdocs.FORMAT:
            text = mkdocs.locale_config(site, lookup, locale, pseudo, paths.build_dir, root)
            yield target, text.encode("utf-8")
            continue
        page = site is not None and _is_page(doc, site)
        marks = mkdocs.anchors(doc.text, site) if site is not None and page else ()
        result = build.rebuild(doc.text, doc.segments, lookup, locale, marks)
        if result.percent >= min_percent:
            text = result.text
        elif page:
            text = doc.text  # the site's nav needs every page: the English one
        else:
            continue
        if site is not None and page:
            text = mkdocs.relinked(text, doc.source.path, target, site)
        yield target, text.encode("utf-8")
    if site is not None:
        sourced = frozenset(doc.source.path for doc in documents)
        for path in mkdocs.assets(site, sourced):
            yield (
                paths.built(locale, path.relative_to(root.resolve()).as_posix()),
                path.read_bytes(),
            )


def _is_page(doc: sources.Document, site: mkdocs.Site) -> bool:
    return doc.source.fmt == "markdown" and doc.source.path.is_relative_to(site.docs_dir)
