"""A review session over one project: what the page asks for, as JSON-ready data.

Everything the page shows is computed by the functions the command line uses:
progress by `status.gather`/`status.totals` (the figures of `locpipe
status`), QA findings by `qa.project.check_catalogue` (those of `locpipe
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
from locpipe.formats.pofile import read_po
from locpipe.layout import Paths
from locpipe.model import Catalog, Message
from locpipe.qa.project import check_catalogue
from locpipe.review import store, view
from locpipe.review.decisions import Decision, DecisionError, Key


class UnknownCatalogueError(LocpipeError):
    """The page named a locale or domain that is not one of the project's catalogues."""


def _now() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0)


#: (locale, Plural-Forms of the header) → the QA findings of each entry text
Findings = dict[tuple[str, str | None], dict[Message, list[dict[str, str]]]]


@dataclass
class Session:
    """The project under review. `now` gives the time a save stamps
    (PO-Revision-Date), as a run does.

    It remembers, for speed on large catalogues, the QA findings of each
    entry (they depend only on the entry, its locale and its header's plural
    rule, so a save re-checks only the entries it changed), the last
    catalogue read of each file by version, and each document's sentences.
    """

    config: Config
    now: Callable[[], datetime] = _now
    _glossaries: dict[str, terms.Glossary] = field(default_factory=dict)
    _documents: dict[tuple[Path, int, int], tuple[list[str], dict[str, int]]] = field(
        default_factory=dict
    )
    _findings: Findings = field(default_factory=dict)
    _loaded: dict[Path, store.Loaded] = field(default_factory=dict)

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

    def status(self, read: Callable[[Path], Catalog] = read_po) -> dict[str, Any]:
        """The document `locpipe status --json` prints (`read` reads a catalogue)."""
        rows = status.gather(self.config, read)
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

    def document(self, domain: str) -> tuple[list[str], dict[str, int]] | None:
        """The sentences of the source document of `domain` and where each
        first occurs (view.places); None for an app template's domain."""
        source = next((s for s in sources.discover(self.config) if s.domain == domain), None)
        if source is None:
            return None
        stat = source.path.stat()
        key = (source.path, stat.st_mtime_ns, stat.st_size)
        if key not in self._documents:
            text = sources.read(source)
            self._documents[key] = view.places(segment(text, format_for(source.relpath)))
        return self._documents[key]

    def _load(self, path: Path, version: str | None = None) -> store.Loaded:
        """The catalogue at `path`: the one last read when it is of `version`,
        else read again."""
        known = self._loaded.get(path)
        if known is None or version is None or known.version != version:
            known = store.load(path, self.config.shown(path))
            self._loaded[path] = known
        return known

    def findings(
        self, cat: Catalog, locale: str, shown: str
    ) -> dict[Message, list[dict[str, str]]]:
        """The QA findings of every active entry of `cat`, as the page shows
        them: those of `locpipe check` (qa.project.check_catalogue). Entries
        checked before are not checked again."""
        known = self._findings.setdefault((locale, cat.header_field("Plural-Forms")), {})
        new = [m for m in cat.active() if m not in known]
        if new:
            by_line: dict[int, list[dict[str, str]]] = {m.lineno: [] for m in new}
            checked = Catalog(cat.header, tuple(new))
            for p in check_catalogue(checked, shown, locale, self.glossary(locale), self.config):
                by_line.setdefault(p.line, []).append(view.problem_json(p))
            known.update((m, by_line[m.lineno]) for m in new)
        return known

    def _page(self, locale: str, domain: str, path: Path, loaded: store.Loaded) -> dict[str, Any]:
        self._loaded[path] = loaded
        shown = self.config.shown(path)
        cat = loaded.catalog
        findings = self.findings(cat, locale, shown)
        document = self.document(domain)
        return {
            "locale": locale,
            "domain": domain,
            "path": shown,
            "version": loaded.version,
            "sentences": document[0] if document is not None else [],
            "context": view.CONTEXT,
            "entries": view.entries(
                cat.active(),
                lambda m: findings[m],
                self.glossary(locale),
                document[1] if document is not None else None,
            ),
        }

    def catalogue(self, locale: str, domain: str) -> dict[str, Any]:
        """The page of one catalogue: its version and its entries, worst first."""
        path = self.path(locale, domain)
        return self._page(locale, domain, path, self._load(path))

    def check(
        self, locale: str, domain: str, key: Key, texts: Sequence[str], version: str | None = None
    ) -> list[dict[str, str]]:
        """The QA findings of the entry `key` were it accepted with `texts`:
        the checks `locpipe check` runs, on that entry alone (`version`: of
        the catalogue the page shows, to spare reading it again)."""
        path = self.path(locale, domain)
        cat = self._load(path, version).catalog
        message = _find(cat, key)
        if len(texts) != len(message.translations):
            raise DecisionError(f"{len(texts)} text(s) for {len(message.translations)} form(s)")
        candidate = _with_texts(message, texts, self.config.format_flags)
        return self.findings(Catalog(cat.header, (candidate,)), locale, self.config.shown(path))[
            candidate
        ]

    def save(
        self, locale: str, domain: str, version: str, decisions: Sequence[Decision]
    ) -> dict[str, Any]:
        """Apply `decisions` to the catalogue the page read at `version`
        (store.save); the new page and progress."""
        path = self.path(locale, domain)
        loaded = store.save(self.config, path, version, decisions, self.now())

        def read(po: Path) -> Catalog:  # the file just written is not read again
            return loaded.catalog if po == path else read_po(po)

        return {"catalogue": self._page(locale, domain, path, loaded), "status": self.status(read)}


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
