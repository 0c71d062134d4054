"""A review session over one project: what the page asks for, as JSON-ready data.

Everything the page shows is computed by the functions the command line uses:
progress by `status.gather`/`status.totals` (the figures of `locpipe
status`), QA findings by `pipeline.check_catalogue` (those of `locpipe
check`), the lifecycle by `review.decisions` (that of a `locpipe` run after a
PO-editor review). A catalogue is named by locale and domain, and only the
project's own catalogues can be named.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from locpipe import catalog, orphans, status, terms
from locpipe.config import Config
from locpipe.documents import sources
from locpipe.documents.segment import format_for, segment
from locpipe.errors import LocpipeError
from locpipe.model import Catalog, Message
from locpipe.pipeline import Paths, check_catalogue
from locpipe.review import store, view
from locpipe.review.decisions import Decision, DecisionError, Key


class UnknownCatalogueError(LocpipeError):
    """The page named a locale or domain that is not one of the project's catalogues."""


def _now() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0)


@dataclass
class Session:
    """The project under review. `now` gives the time a save stamps
    (PO-Revision-Date), as a run does."""

    config: Config
    now: Callable[[], datetime] = _now
    _glossaries: dict[str, terms.Glossary] = field(default_factory=dict)
    _contexts: dict[tuple[Path, int, int], dict[str, view.Context]] = field(default_factory=dict)

    @property
    def paths(self) -> Paths:
        return Paths.of(self.config)

    def catalogues(self) -> list[dict[str, str]]:
        """Every live catalogue of the configured locales: locale, domain, path."""
        paths = self.paths
        return [
            {"locale": locale, "domain": paths.domain(locale, po), "path": self.config.shown(po)}
            for locale, po in orphans.live_catalogs(self.config, paths)
        ]

    def project(self) -> dict[str, Any]:
        """The project's name, locales, catalogues and progress."""
        return {
            "project": self.config.project,
            "root": str(self.config.root),
            "locales": list(self.config.locales),
            "catalogues": self.catalogues(),
            "status": self.status(),
        }

    def status(self) -> dict[str, Any]:
        """The document `locpipe status --json` prints."""
        rows = status.gather(self.config)
        result: dict[str, Any] = json.loads(status.format_json(rows, self.config.locales))
        return result

    def path(self, locale: str, domain: str) -> Path:
        """The catalogue of `locale` and `domain`; UnknownCatalogueError unless
        it is one of `catalogues()` (no other file can be named)."""
        if not any(c["locale"] == locale and c["domain"] == domain for c in self.catalogues()):
            raise UnknownCatalogueError(
                f"no catalogue {domain!r} for locale {locale!r} in this project",
                fix="reload the page",
            )
        return self.paths.catalog(locale, domain)

    def glossary(self, locale: str) -> terms.Glossary:
        if locale not in self._glossaries:
            self._glossaries[locale] = terms.load(self.config, locale)
        return self._glossaries[locale]

    def document(self, domain: str) -> dict[str, view.Context] | None:
        """The context of every sentence of the source document of `domain`,
        None when the domain is an app template's."""
        source = next((s for s in sources.discover(self.config) if s.domain == domain), None)
        if source is None:
            return None
        stat = source.path.stat()
        key = (source.path, stat.st_mtime_ns, stat.st_size)
        if key not in self._contexts:
            text = sources.read(source)
            self._contexts[key] = view.contexts(segment(text, format_for(source.relpath)))
        return self._contexts[key]

    def _problems(self, cat: Catalog, locale: str, shown: str) -> list[Any]:
        return check_catalogue(cat, shown, locale, self.glossary(locale), self.config)

    def _page(self, locale: str, domain: str, path: Path, loaded: store.Loaded) -> dict[str, Any]:
        shown = self.config.shown(path)
        cat = loaded.catalog
        return {
            "locale": locale,
            "domain": domain,
            "path": shown,
            "version": loaded.version,
            "entries": view.entries(
                cat.active(),
                self._problems(cat, locale, shown),
                self.glossary(locale),
                self.document(domain),
            ),
        }

    def catalogue(self, locale: str, domain: str) -> dict[str, Any]:
        """The page of one catalogue: its version and its entries, worst first."""
        path = self.path(locale, domain)
        return self._page(locale, domain, path, store.load(path, self.config.shown(path)))

    def check(self, locale: str, domain: str, key: Key, texts: Sequence[str]) -> list[Any]:
        """The QA findings of the entry `key` were it accepted with `texts`:
        the checks `locpipe check` runs, on that entry alone."""
        path = self.path(locale, domain)
        shown = self.config.shown(path)
        cat = store.load(path, shown).catalog
        message = _find(cat, key)
        if len(texts) != len(message.translations):
            raise DecisionError(f"{len(texts)} text(s) for {len(message.translations)} form(s)")
        candidate = _with_texts(message, texts, self.config.format_flags)
        found = self._problems(Catalog(cat.header, (candidate,)), locale, shown)
        return [view.problem_json(p) for p in found]

    def save(
        self, locale: str, domain: str, version: str, decisions: Sequence[Decision]
    ) -> dict[str, Any]:
        """Apply `decisions` to the catalogue the page read at `version`
        (store.save); the new page and progress."""
        path = self.path(locale, domain)
        loaded = store.save(self.config, path, version, decisions, self.now())
        return {"catalogue": self._page(locale, domain, path, loaded), "status": self.status()}


def _find(cat: Catalog, key: Key) -> Message:
    for message in cat.active():
        if message.key == key:
            return message
    raise DecisionError(f"no entry {key[1][:60]!r} in this catalogue", fix="reload the page")


def _with_texts(message: Message, texts: Sequence[str], flags: Sequence[str]) -> Message:
    """`message` as it would be saved with `texts` accepted (untranslated
    when they are empty)."""
    if not all(texts):
        return catalog.reject(message)
    return catalog.accept(message, texts, flags)
