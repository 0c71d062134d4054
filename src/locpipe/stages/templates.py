"""Templates: a source document segmented into its domain's `.pot`. Pure."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from locpipe import catalog
from locpipe.documents import sources
from locpipe.formats import headers
from locpipe.model import Catalog


def of_document(
    document: sources.Document, project: str, now: datetime, old: Catalog | None
) -> Catalog:
    """The template of `document`: one entry per distinct sentence, with
    every `#:` reference. When its entries equal those of `old` (the template
    on disk), `old`'s header is kept, so POT-Creation-Date moves only on change."""
    occurrences = [
        catalog.Occurrence(seg.text, f"{document.source.relpath}:{seg.line}")
        for seg in document.segments
    ]
    header = headers.template_header(document.source.domain, project, now)
    fresh = catalog.template(header, occurrences)
    if old is not None and old.messages == fresh.messages:
        return Catalog(header=old.header, messages=fresh.messages)
    return fresh


def of_app(pot: Catalog, path: Path) -> Catalog:
    """An app's template (from pybabel, xgettext, …) as it is, once its plural
    entries are checked (sources.check_plurals); `path` names it in errors."""
    sources.check_plurals(pot, path)
    return pot
