"""The run driver: holds the lock, reads the inputs, runs the stages, writes.

The stages (locpipe.stages) compute; this module is the only one that reads
a run's inputs, holds the run lock and writes. Everything is computed in
memory first, so bad input or a missing model stops the run before any file
changes. Then templates and catalogues are written, machine translations are
written after every batch (an interrupted run keeps what it finished), `.mo`
files are compiled and documents rebuilt. Only files whose bytes change are
rewritten.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from locpipe import catalog, orphans, packages, runcache, shipping, terms
from locpipe.config import Config
from locpipe.documents import mkdocs, sources
from locpipe.errors import CompileError
from locpipe.formats import headers
from locpipe.formats.pofile import format_po, parse_po, read_po, write_po
from locpipe.fsio import atomic_write_bytes, read_bytes, remove
from locpipe.layout import Paths
from locpipe.lock import project_lock
from locpipe.model import Catalog, Message
from locpipe.mt import EngineProvider, Translator
from locpipe.progress import NullProgress, Progress
from locpipe.report import Report, as_json, from_json, of_locale
from locpipe.stages import build, compile, machine, memory, templates, update

Key = tuple[str, str]  # (locale, domain)

#: The stages a run can stop after, in order (`locpipe extract`, `update`, `mt`).
STAGES = ("extract", "update", "mt", "build")


def _now() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0)


def _read_optional(path: Path) -> Catalog | None:
    return read_po(path) if path.is_file() else None


@dataclass
class _Run:
    """One run: the documents and catalogues in memory and the files written."""

    config: Config
    paths: Paths
    now: datetime
    documents: list[sources.Document] = field(default_factory=list)
    templates: dict[str, Catalog] = field(default_factory=dict)
    old_templates: dict[str, Catalog | None] = field(default_factory=dict)
    app_domains: set[str] = field(default_factory=set)
    updated: dict[Key, Catalog] = field(default_factory=dict)
    before: dict[Key, Catalog | None] = field(default_factory=dict)
    unnormalised: set[Key] = field(default_factory=set)
    orphaned: orphans.Orphans = field(default_factory=orphans.Orphans)
    reused: dict[str, int] = field(default_factory=dict)
    machine: dict[str, int] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)

    # -- reading and writing -------------------------------------------------

    def read(self, locale: str, domain: str) -> Catalog | None:
        """The catalogue on disk, or None. One saved with a byte-order mark
        or CRLF line ends is noted, to be written back normalised even when
        nothing else changes (msgfmt rejects a BOM)."""
        path = self.paths.catalog(locale, domain)
        if not path.is_file():
            return None
        data = read_bytes(path)
        if data.startswith(codecs.BOM_UTF8) or b"\r" in data:
            self.unnormalised.add((locale, domain))
        return parse_po(data, str(path))

    def write(self, path: Path, cat: Catalog) -> None:
        if write_po(path, cat) and path not in self.written:
            self.written.append(path)

    def write_bytes(self, path: Path, data: bytes) -> None:
        if atomic_write_bytes(path, data) and path not in self.written:
            self.written.append(path)

    def of_locale(self, locale: str) -> dict[str, Catalog]:
        return {domain: cat for (loc, domain), cat in self.updated.items() if loc == locale}

    # -- the stages, in order ------------------------------------------------

    def make_templates(self) -> None:
        """Read and segment every document into its domain's template; read
        the apps' templates."""
        self.documents = sources.load(self.config)
        for doc in self.documents:
            domain = doc.source.domain
            old = _read_optional(self.paths.template(domain))
            self.templates[domain] = templates.of_document(doc, self.config.project, self.now, old)
            self.old_templates[domain] = old
        for domain, path in sources.app_templates(self.config).items():
            if domain in self.templates:
                document = next(d for d in self.documents if d.source.domain == domain)
                raise sources.domain_clash(self.config, str(path), document.source.relpath, domain)
            self.templates[domain] = templates.of_app(read_po(path), path)
            self.app_domains.add(domain)

    def update(self) -> None:
        """Merge each template into its catalogue for every locale, then fill
        what the translation memory knows."""
        compendia = {
            path.relative_to(self.config.root).as_posix(): read_po(path)
            for path in sources.compendium_paths(self.config)
        }
        self.orphaned = orphans.find(
            self.config,
            self.paths,
            set(self.templates),
            {doc.source.relpath for doc in self.documents},
        )
        for locale in self.config.locales:
            gone = {
                self.paths.domain(loc, po): read_po(po)
                for loc, po in self.orphaned.catalogues
                if loc == locale
            }
            fresh = {
                domain: pot
                for domain, pot in self.templates.items()
                if not self.paths.catalog(locale, domain).is_file()
            }
            continued = orphans.renamed(fresh, gone)  # a renamed catalogue goes on
            adopted = 0
            for domain, pot in self.templates.items():
                old = self.read(locale, domain)
                base = gone[continued[domain]] if domain in continued else old
                self.updated[locale, domain] = update.updated(
                    base, pot, locale, domain, self.config.project, self.config.format_flags
                )
                self.before[locale, domain] = old
                if domain in continued:
                    adopted += sum(1 for m in self.updated[locale, domain].active() if m.translated)
            live = self.of_locale(locale)
            # no framework catalogue for the pseudo-locale: it is all pseudo-English
            needed = locale != self.config.pseudo_locale and memory.wanted(live)
            found = memory.of_locale(
                locale,
                live,
                gone,
                compendia,
                packages.catalogues(self.config.package_catalogues, locale) if needed else {},
            )
            filled, self.reused[locale] = memory.filled(live, found)
            self.reused[locale] += adopted
            self.updated.update(((locale, domain), cat) for domain, cat in filled.items())
        converted, counts = memory.from_simplified(self.updated, self.config.locales)
        self.updated.update(converted)
        for locale, count in counts.items():
            self.reused[locale] += count

    def write_templates(self) -> None:
        # A catalogue equal to what was read from its file is not formatted
        # again: that is most of a run in which nothing changed.
        for domain, pot in self.templates.items():
            if domain in self.app_domains:  # an app's .pot belongs to its extractor
                continue
            if self.old_templates.get(domain) != pot:
                self.write(self.paths.template(domain), pot)

    def write_catalogs(self) -> None:
        for key, cat in self.updated.items():
            self.updated[key] = headers.stamped(cat, self.before[key], self.now)
            if self.before[key] != self.updated[key] or key in self.unnormalised:
                self.write(self.paths.catalog(*key), self.updated[key])

    def machine_translate(
        self,
        locale: str,
        pending: dict[str, tuple[str, ...]],
        engine: Translator,
        glossary: terms.Glossary,
        progress: Progress,
    ) -> None:
        """Translate `pending` (see stages.machine.pending), writing the
        catalogues of `locale` after each batch (in the order batches finish)."""
        progress.start(locale, len(pending))
        self.machine[locale] = 0
        done = 0
        for batch in machine.translate(pending, engine, glossary):
            for domain, cat in self.of_locale(locale).items():
                key = (locale, domain)
                nplurals = headers.nplurals_of(cat, locale)  # the file's own Plural-Forms
                new_cat, filled = machine.filled(cat, batch, engine.engine_id, nplurals)
                if filled:
                    self.updated[key] = headers.stamped(new_cat, self.before[key], self.now)
                    self.machine[locale] += filled
                    self.write(self.paths.catalog(*key), self.updated[key])
            done += batch.size
            progress.advance(done)
        progress.finish()

    def check_compilable(self, policy: str) -> None:
        """Raise CompileError naming the first entry that would ship under
        `policy` but that `msgfmt -c` rejects (shipping.invalid), before
        anything is written."""
        for (locale, domain), cat in self.updated.items():
            if not shipping.invalid(cat, policy, self.config.format_flags):
                continue
            path = self.paths.catalog(locale, domain)
            # Lines as the file is (or will be) written.
            written = parse_po(format_po(cat).encode("utf-8"), str(path))
            found = shipping.invalid(written, policy, self.config.format_flags)
            first = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise CompileError(
                f"msgfmt -c would reject this entry: {first.reason}{more}",
                file=self.config.shown(path),
                line=first.line,
                fix="correct the translation in a PO editor (or mark it fuzzy); "
                "nothing was compiled",
            )

    def compile(self, policy: str, fmt: str = "mo") -> None:
        """Write a .mo (or JSON, see stages.compile) per catalogue, once every
        one is known to pass `msgfmt -c`; for i18next also the English resource
        of each domain, in the source language's folder, for apps to fall back to."""
        self.check_compilable(policy)
        english: dict[str, Catalog] = {}
        for (locale, domain), cat in self.updated.items():
            suffix, data = compile.compiled(
                cat, locale, domain, policy, fmt, self.config.format_flags
            )
            self.write_bytes(self.paths.mo(locale, domain).with_suffix(suffix), data)
            english.setdefault(domain, cat)
        if fmt == "i18next":
            for domain, cat in english.items():
                fallback = self.paths.mo(self.config.source_language, domain)
                self.write_bytes(
                    fallback.with_suffix(".i18next.json"), compile.i18next_fallback(cat)
                )

    def build(self, policy: str, min_percent: float) -> None:
        """Write build/<locale>/<document> for every document translated at
        least `min_percent` (po4a's --keep), and each locale's MkDocs site
        when one is configured (stages.build); then remove what an earlier
        build wrote and this one did not, so build/ mirrors the sources."""
        config = self.config
        site = mkdocs.load_site(config.root, config.mkdocs) if config.mkdocs else None
        produced: list[Path] = []
        for locale in config.locales:
            for target, data in build.locale_files(
                self.documents,
                self.of_locale(locale),
                locale,
                policy,
                min_percent,
                config.format_flags,
                site,
                config.pseudo_locale,
                self.paths,
                config.root,
            ):
                self.write_bytes(target, data)
                produced.append(target)
        self.prune_build(produced)

    def prune_build(self, produced: Sequence[Path]) -> None:
        """Delete the files the last build wrote and this one did not (a page
        removed from the sources, one now under --keep), then record this
        build's files. Files locpipe did not write are never touched."""
        folder = self.paths.build_dir
        listing = self.paths.built_list
        names = sorted({path.relative_to(folder).as_posix() for path in produced})
        try:
            before = listing.read_text(encoding="utf-8").splitlines()
        except OSError:
            before = []
        for stale in sorted(set(before) - set(names)):
            path = folder / stale
            if ".." in Path(stale).parts or not remove(path):
                continue
            parent = path.parent
            while parent != folder and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        if names or before:
            self.write_bytes(listing, "".join(f"{n}\n" for n in names).encode("utf-8"))

    def report(self) -> Report:
        rows = []
        for locale in self.config.locales:
            catalogues = self.of_locale(locale)
            rows.append(
                of_locale(
                    locale,
                    catalogues,
                    {domain: self.before[locale, domain] for domain in catalogues},
                    machine=self.machine.get(locale, 0),
                    reused=self.reused.get(locale, 0),
                    too_long=machine.too_long(catalogues.values()),
                )
            )
        return Report(
            locales=tuple(rows),
            written=tuple(self.written),
            orphans=tuple(Path(self.config.shown(p)) for p in self.orphaned.named()),
        )


def translate(
    config: Config,
    engines: EngineProvider | None,
    *,
    stop_after: str = "build",
    progress: Progress | None = None,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    compile_policy: str | None = None,
    min_percent: float = 0.0,
    now: datetime | None = None,
) -> Report:
    """Run the stages up to `stop_after` (one of STAGES) and return what was done.

    "extract" writes templates; "update" also merges them into the
    catalogues (no engine needed); "mt" also machine-translates; "build"
    (the default, `locpipe translate`) also compiles .mo files and rebuilds
    the documents. Nothing is written before every input has been read and
    every needed model found.
    """
    if stop_after not in STAGES:
        raise ValueError(f"stop_after must be one of {STAGES}")
    progress = progress or NullProgress()
    run = _Run(config, Paths.of(config), now or _now())
    with project_lock(config, wait=wait, on_wait=on_wait):
        key = ""
        if stop_after == "build":
            options = {"policy": compile_policy, "min_percent": min_percent}
            key = runcache.input_key(config, options)
            previous = runcache.unchanged(config, key)
            cached = from_json(previous) if previous is not None else None
            if cached is not None:
                return cached
        run.make_templates()
        if stop_after == "extract":
            run.write_templates()
            return run.report()
        run.update()
        if stop_after == "build":  # a person's entry msgfmt rejects: stop before any write
            run.check_compilable(compile_policy or config.compile)
        todo = {
            locale: machine.pending(run.of_locale(locale), run.templates, config.format_flags)
            for locale in config.locales
        }
        todo = {locale: texts for locale, texts in todo.items() if texts}
        translating = stop_after in ("mt", "build")
        glossaries: dict[str, terms.Glossary] = {}
        if translating:
            if engines is None:
                raise ValueError("machine translation needs an EngineProvider")
            glossaries = {locale: terms.load(config, locale) for locale in config.locales}
            for locale in todo:
                engines.check(locale)
        run.write_templates()
        run.write_catalogs()
        if engines is None or not translating:
            return run.report()
        for locale, texts in todo.items():
            glossary = glossaries.get(locale, terms.Glossary())
            run.machine_translate(locale, texts, engines.load(locale), glossary, progress)
        if stop_after == "build":
            policy = compile_policy or config.compile
            run.compile(policy)
            run.build(policy, min_percent)
            report = run.report()
            runcache.save(config, key, as_json(report))
            return report
    return run.report()


def compile_catalogs(
    config: Config,
    policy: str,
    fmt: str = "mo",
    *,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> list[Path]:
    """Compile every configured catalogue on disk to .mo (or .json with fmt
    "json"), holding the run lock; return the files written."""
    paths = Paths.of(config)
    run = _Run(config, paths, _now())
    with project_lock(config, wait=wait, on_wait=on_wait):
        for locale, po in orphans.live_catalogs(config, paths):
            run.updated[locale, paths.domain(locale, po)] = read_po(po)
        run.compile(policy, fmt)
    return run.written


def build_documents(
    config: Config,
    policy: str,
    min_percent: float,
    *,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> list[Path]:
    """Rebuild every source document in every locale from the catalogues on
    disk, holding the run lock; return the files written."""
    paths = Paths.of(config)
    run = _Run(config, paths, _now())
    with project_lock(config, wait=wait, on_wait=on_wait):
        run.documents = sources.load(config)
        for locale in config.locales:
            for doc in run.documents:
                cat = _read_optional(paths.catalog(locale, doc.source.domain))
                run.updated[locale, doc.source.domain] = cat or Catalog(header=Message(""))
        run.build(policy, min_percent)
    return run.written


@dataclass(frozen=True, slots=True)
class Pruned:
    """An orphaned file `locpipe prune` removed (or would remove, or kept).

    For a catalogue, `counts` are its entries by state and `unkept` the
    texts a person wrote that no live catalogue holds (orphans.unkept): a
    catalogue with any is kept unless forced, with its `.mo` and `.json`."""

    path: Path
    removed: bool
    counts: catalog.Counts | None = None
    unkept: catalog.Counts | None = None


def _unkept_total(c: catalog.Counts | None) -> int:
    return 0 if c is None else c.reviewed + c.fuzzy + c.obsolete


def prune_orphans(
    config: Config,
    *,
    dry_run: bool = False,
    force: bool = False,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> list[Pruned]:
    """Delete the orphans (see locpipe.orphans), holding the run lock; with
    `dry_run` only list them. An orphaned catalogue holding a person's text
    that no live catalogue of its locale holds is kept (with its `.mo` and
    `.json` files) unless `force`."""
    with project_lock(config, wait=wait, on_wait=on_wait):
        paths = Paths.of(config)
        found = orphans.of_project(config, paths, strict=True)
        gone = set(found.catalogues)
        live: dict[str, list[Catalog]] = {}
        for locale, po in paths.catalogs(config.locales):
            if (locale, po) not in gone:
                live.setdefault(locale, []).append(read_po(po))
        held: dict[Path, tuple[catalog.Counts, catalog.Counts]] = {}
        for locale, po in found.catalogues:
            cat = read_po(po)
            held[po] = (catalog.counts(cat), orphans.unkept(cat, live.get(locale, [])))
        result: list[Pruned] = []
        for path in found.files:
            # a catalogue's .mo and .json files go (or stay) with it
            po = path.with_name(path.name.split(".", 1)[0] + ".po")
            counts, unkept = held.get(po, (None, None))
            keep = not force and _unkept_total(unkept) > 0
            if not keep and not dry_run:
                remove(path)
            own = path.suffix == ".po"
            result.append(Pruned(path, not keep, counts if own else None, unkept if own else None))
    return result
