"""Wires the stages: segment → template → update → memory → MT → compile → build.

Everything is computed in memory first, so bad input or a missing model stops
the run before any file changes. Then templates and catalogues are written,
machine translations are written after every batch (an interrupted run keeps
what it finished), `.mo` files are compiled and documents rebuilt. Only files
whose bytes change are rewritten.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from locpipe import catalog, orphans, runcache, terms
from locpipe.config import Config
from locpipe.documents import build, sources, wordless
from locpipe.formats import headers
from locpipe.formats.jsonexport import EXPORTERS
from locpipe.formats.pofile import compile_mo, parse_po, read_po, write_po
from locpipe.fsio import atomic_write_bytes, read_bytes, remove, remove_stale_temps
from locpipe.locales import parse_locale
from locpipe.lock import locked
from locpipe.model import Catalog, Message
from locpipe.mt import Hypothesis, Translator, batch_size, traditional, translate_batches
from locpipe.placeholders import mask, unmask
from locpipe.qa import Problem, check_catalog

#: Longer segments are not machine-translated (they stay untranslated and are
#: counted as `too_long`): MT models are trained on sentences, and decoding
#: one of many thousand tokens takes minutes.
MAX_MT_CHARS = 2000

Key = tuple[str, str]  # (locale, domain)


class Progress(Protocol):
    """What the pipeline reports while it translates; the CLI draws it."""

    def start(self, label: str, total: int) -> None: ...
    def advance(self, done: int) -> None: ...
    def finish(self) -> None: ...


class NullProgress:
    """Progress that shows nothing (--quiet, tests)."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, done: int) -> None:
        pass

    def finish(self) -> None:
        pass


class EngineProvider(Protocol):
    """Finds (cheaply) and loads (expensively) the engine for a locale."""

    def check(self, locale: str) -> None:
        """Raise ModelError when `locale` cannot be served."""
        ...

    def load(self, locale: str) -> Translator: ...


@dataclass(frozen=True, slots=True)
class LocaleReport:
    """What a run did for one locale, summed over its domains."""

    locale: str
    new: int = 0
    machine: int = 0
    reused: int = 0
    reviewed: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    too_long: int = 0


@dataclass(frozen=True, slots=True)
class Report:
    locales: tuple[LocaleReport, ...]
    written: tuple[Path, ...] = field(default=())
    #: Orphaned catalogues and templates (see locpipe.orphans), relative to the project.
    orphans: tuple[Path, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Paths:
    """Where a project's files live."""

    locales_dir: Path
    build_dir: Path

    @classmethod
    def of(cls, config: Config) -> Paths:
        return cls(config.root / config.locales_dir, config.root / config.build_dir)

    def template(self, domain: str) -> Path:
        return self.locales_dir / f"{domain}.pot"

    def catalog(self, locale: str, domain: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"

    def mo(self, locale: str, domain: str) -> Path:
        return self.catalog(locale, domain).with_suffix(".mo")

    def catalogs(self, locales: Sequence[str]) -> Iterator[tuple[str, Path]]:
        """(locale, .po path) of every catalogue on disk for `locales`, in
        nested folders too (domain `guide/index`)."""
        for locale in locales:
            for path in sorted((self.locales_dir / locale / "LC_MESSAGES").rglob("*.po")):
                if path.is_file():
                    yield locale, path

    def domain(self, locale: str, po: Path) -> str:
        """The domain of catalogue `po` of `locale`: `guide/index` for
        `<locale>/LC_MESSAGES/guide/index.po`."""
        return po.relative_to(self.locales_dir / locale / "LC_MESSAGES").with_suffix("").as_posix()


def _now() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0)


def _read_optional(path: Path) -> Catalog | None:
    return read_po(path) if path.is_file() else None


def _states(policy: str) -> frozenset[catalog.State]:
    """The states that ship (.mo, rebuilt documents): reviewed, plus machine
    unless the policy is "reviewed". Carried-over fuzzy entries never ship."""
    if policy == "all":
        return frozenset({catalog.State.REVIEWED, catalog.State.MACHINE})
    return frozenset({catalog.State.REVIEWED})


def _ships(policy: str, flags: Sequence[str] = ()) -> Callable[[Message], bool]:
    """Whether an entry may reach an app: in a shipping state, and without an
    `# mt-warning:` standing (a lost placeholder can crash the app's format
    call) unless a reviewer has since put every placeholder back. `flags` are
    the configured format_flags."""
    allowed = _states(policy)

    def ships(m: Message) -> bool:
        return catalog.state(m) in allowed and not catalog.warned(m, flags)

    return ships


def _shippable(cat: Catalog, policy: str, flags: Sequence[str] = ()) -> Catalog:
    ships = _ships(policy, flags)
    return Catalog(header=cat.header, messages=tuple(m for m in cat.active() if ships(m)))


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


def _stamp(new: Catalog, old: Catalog | None, now: datetime) -> Catalog:
    """Move PO-Revision-Date only when the entries changed."""
    if old is not None and old.messages == new.messages:
        return new
    return new.with_header_field("PO-Revision-Date", headers.format_date(now))


@dataclass
class _Run:
    """The state of one run: catalogues in memory and the files written."""

    config: Config
    paths: Paths
    now: datetime
    documents: list[sources.Document] = field(default_factory=list)
    templates: dict[str, Catalog] = field(default_factory=dict)
    updated: dict[Key, Catalog] = field(default_factory=dict)
    before: dict[Key, Catalog | None] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)
    machine: dict[str, int] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    app_domains: set[str] = field(default_factory=set)
    old_templates: dict[str, Catalog | None] = field(default_factory=dict)
    unnormalised: set[Key] = field(default_factory=set)
    orphaned: orphans.Orphans = field(default_factory=orphans.Orphans)
    glossaries: dict[str, terms.Glossary] = field(default_factory=dict)

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

    # -- stages that compute -------------------------------------------------

    def make_templates(self) -> None:
        """Segment every document into its domain's template. An unchanged
        template keeps its header, so POT-Creation-Date moves only on change."""
        self.documents = sources.load(self.config)
        for doc in self.documents:
            domain = doc.source.domain
            occurrences = [
                catalog.Occurrence(seg.text, f"{doc.source.relpath}:{seg.line}")
                for seg in doc.segments
            ]
            header = headers.template_header(domain, self.config.project, self.now)
            fresh = catalog.template(header, occurrences)
            old = _read_optional(self.paths.template(domain))
            if old is not None and old.messages == fresh.messages:
                fresh = Catalog(header=old.header, messages=fresh.messages)
            self.templates[domain] = fresh
            self.old_templates[domain] = old
        for domain, path in sources.app_templates(self.config).items():
            if domain in self.templates:
                document = next(d for d in self.documents if d.source.domain == domain)
                raise sources.domain_clash(self.config, str(path), document.source.relpath, domain)
            pot = read_po(path)
            sources.check_plurals(pot, path)
            self.templates[domain] = pot
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
            for domain, pot in self.templates.items():
                old = self.read(locale, domain)
                header = headers.catalog_header(domain, locale, self.config.project, pot)
                reviewed = None
                if old is not None:
                    header = headers.complete(old.header, header)
                    reviewed = catalog.record_reviews(old, self.config.format_flags)
                merged = catalog.fit_plurals(
                    catalog.update(reviewed, pot, header), headers.nplurals(locale)
                )
                refreshed = headers.refresh(merged, locale, pot)
                self.updated[locale, domain] = _unless_only_the_date(refreshed, old)
                self.before[locale, domain] = old
            known = {f"{locale}/{d}": c for d, c in self.of_locale(locale).items()}
            known.update(  # a renamed document's reviewed text comes back
                (f"{locale}/{self.paths.domain(locale, po)}", read_po(po))
                for loc, po in self.orphaned.catalogues
                if loc == locale
            )
            known.update(
                (name, cat)
                for name, cat in compendia.items()
                if cat.header_field("Language") == locale
            )
            memory = catalog.memory(known)
            self.reused[locale] = 0
            for domain, cat in self.of_locale(locale).items():
                filled_cat, filled = catalog.apply_memory(cat, memory)
                self.updated[locale, domain] = filled_cat
                self.reused[locale] += filled

    def convert_simplified(self) -> None:
        """Fill each Traditional Chinese locale's untranslated entries that a
        configured Simplified locale has reviewed with that translation
        converted by OpenCC, as machine entries (mt.traditional)."""
        simplified = [loc for loc in self.config.locales if _script(loc) == "Hans"]
        targets = [loc for loc in self.config.locales if _script(loc) == "Hant"]
        if not simplified or not targets or not traditional.available():
            return
        memory = catalog.memory(
            {f"{loc}/{d}": c for loc in simplified for d, c in self.of_locale(loc).items()}
        )
        for locale in targets:
            conversion = traditional.conversion_for(locale)
            for domain, cat in self.of_locale(locale).items():
                converted, filled = traditional.convert_reviewed(cat, memory, conversion)
                self.updated[locale, domain] = converted
                self.reused[locale] += filled

    def pending(self, locale: str) -> dict[str, tuple[str, ...]]:
        """The distinct untranslated source texts of `locale`, shortest first,
        each with the format flags of its entries (they decide what to mask).
        The template's own flags count too: a flag gettext does not know
        (`icu-message-format`) is not written to the catalogue."""
        flags: dict[str, set[str]] = {}
        for domain, cat in self.of_locale(locale).items():
            pot = self.templates.get(domain)
            template_flags = {m.key: m.flags for m in pot.messages} if pot is not None else {}
            for message in cat.active():
                for text in catalog.pending_sources(message):
                    flags.setdefault(text, set()).update(
                        (
                            *message.flags,
                            *template_flags.get(message.key, ()),
                            *self.config.format_flags,
                        )
                    )
        # A text with no words (`%(count)s`, `{0}: {1}`, a URL) is left to
        # people: MT has nothing to translate in it (see locpipe.documents.wordless).
        wanted = (t for t in flags if len(t) <= MAX_MT_CHARS and wordless.has_words(t))
        ordered = sorted(wanted, key=lambda t: (len(t), t))
        return {text: tuple(sorted(flags[text])) for text in ordered}

    def too_long(self, locale: str) -> int:
        """How many untranslated texts of `locale` are too long for MT."""
        return sum(
            1
            for cat in self.of_locale(locale).values()
            for message in cat.active()
            for text in catalog.pending_sources(message)
            if len(text) > MAX_MT_CHARS
        )

    # -- stages that write ---------------------------------------------------

    # A catalogue equal to what was read from its file is not formatted
    # again: that is most of a run in which nothing changed.

    def write_templates(self) -> None:
        for domain, pot in self.templates.items():
            if domain in self.app_domains:  # an app's .pot belongs to its extractor
                continue
            if self.old_templates.get(domain) != pot:
                self.write(self.paths.template(domain), pot)

    def write_catalogs(self) -> None:
        for key, cat in self.updated.items():
            self.updated[key] = _stamp(cat, self.before[key], self.now)
            if self.before[key] != self.updated[key] or key in self.unnormalised:
                self.write(self.paths.catalog(*key), self.updated[key])

    def machine_translate(
        self,
        locale: str,
        pending: dict[str, tuple[str, ...]],
        engine: Translator,
        progress: Progress,
    ) -> None:
        """Translate `pending` (see `pending`) in batches, writing the
        catalogues of `locale` after each batch (in the order batches finish)."""
        texts = list(pending)
        nplurals = headers.nplurals(locale)
        progress.start(locale, len(texts))
        self.machine[locale] = 0
        done = 0
        glossary = self.glossaries.get(locale, terms.Glossary())
        batches = _batches(texts, batch_size(engine))
        masked = [
            [terms.mask_terms(mask(text, pending[text]), glossary) for text in batch]
            for batch in batches
        ]
        sent = [[m.text for m in batch] for batch in masked]
        for index, outputs in translate_batches(engine, sent):
            batch = batches[index]
            translations, warnings, scores = _restore(batch, masked[index], outputs)
            for domain, cat in self.of_locale(locale).items():
                key = (locale, domain)
                new_cat, filled = catalog.apply_machine(
                    cat, translations, engine.engine_id, nplurals, warnings, scores
                )
                if filled:
                    self.updated[key] = _stamp(new_cat, self.before[key], self.now)
                    self.machine[locale] += filled
                    self.write(self.paths.catalog(*key), self.updated[key])
            done += len(batch)
            progress.advance(done)
        progress.finish()

    def compile(self, policy: str, fmt: str = "mo") -> None:
        """Write a .mo (or, with fmt "json", "jed" or "i18next", JSON for JS
        apps: jsonexport.EXPORTERS) per catalogue."""
        for (locale, domain), cat in self.updated.items():
            target = self.paths.mo(locale, domain)
            if fmt in EXPORTERS:
                suffix, export = EXPORTERS[fmt]
                ships = _ships(policy, self.config.format_flags)
                text = export(cat, locale, domain=domain, include=ships)
                self.write_bytes(target.with_suffix(suffix), text.encode("utf-8"))
            else:
                self.write_bytes(
                    target,
                    compile_mo(
                        _shippable(cat, policy, self.config.format_flags), include_fuzzy=True
                    ),
                )

    def build(self, policy: str, min_percent: float) -> None:
        """Write build/<locale>/<document> for every document translated at
        least `min_percent` (po4a's --keep)."""
        for locale in self.config.locales:
            for doc in self.documents:
                cat = self.updated[locale, doc.source.domain]
                lookup = build.translations(cat, _ships(policy, self.config.format_flags))
                rebuilt = build.rebuild(doc.text, doc.segments, lookup, locale)
                if rebuilt.percent >= min_percent:
                    target = self.paths.build_dir / locale / doc.source.relpath
                    self.write_bytes(target, rebuilt.text.encode("utf-8"))

    def report(self) -> Report:
        return Report(
            locales=tuple(self._locale_report(locale) for locale in self.config.locales),
            written=tuple(self.written),
            orphans=tuple(Path(self.config.shown(p)) for p in self.orphaned.named()),
        )

    def _locale_report(self, locale: str) -> LocaleReport:
        new = reviewed = fuzzy = untranslated = 0
        for domain, cat in self.of_locale(locale).items():
            old = self.before[locale, domain]
            old_keys = {m.key for m in old.active()} if old is not None else set()
            new += sum(1 for m in cat.active() if m.key not in old_keys)
            tally = catalog.counts(cat)
            reviewed += tally.reviewed
            fuzzy += tally.fuzzy
            untranslated += tally.untranslated
        return LocaleReport(
            locale=locale,
            new=new,
            machine=self.machine.get(locale, 0),
            reused=self.reused.get(locale, 0),
            reviewed=reviewed,
            fuzzy=fuzzy,
            untranslated=untranslated,
            too_long=self.too_long(locale),
        )


def _script(locale: str) -> str | None:
    parsed = parse_locale(locale)
    return parsed.script if parsed is not None else None


def _restore(
    texts: Sequence[str], masked: Sequence[terms.TermMasked], outputs: Sequence[Hypothesis]
) -> tuple[dict[str, str], dict[str, list[str]], dict[str, float]]:
    """The translations of `texts` (sent to the engine with placeholders,
    markup and glossary terms masked) restored; per text what the engine lost
    or added; and the engine's score per text (when it gives one)."""
    translations: dict[str, str] = {}
    warnings: dict[str, list[str]] = {}
    scores: dict[str, float] = {}
    for text, m, output in zip(texts, masked, outputs, strict=True):
        with_terms, placed = terms.restore_terms(output.text, m)
        translations[text], problems = unmask(with_terms, m.base)
        problems += placed
        if problems:
            warnings[text] = problems
        if output.score is not None:
            scores[text] = output.score
    return translations, warnings, scores


@contextmanager
def _exclusive(config: Config, wait: bool, on_wait: Callable[[], None] | None) -> Iterator[None]:
    """Hold the run lock, and first clear the temporary files that writes of
    a killed run left behind (only safe while holding the lock)."""
    with locked(runcache.cache_dir(config) / "lock", wait=wait, on_wait=on_wait):
        paths = Paths.of(config)
        for folder in (paths.locales_dir, paths.build_dir):
            remove_stale_temps(folder)
        yield


def _batches(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


#: The stages a run can stop after, in order (`locpipe extract`, `update`, `mt`).
STAGES = ("extract", "update", "mt", "build")


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
    with _exclusive(config, wait, on_wait):
        key = ""
        if stop_after == "build":
            options = {"policy": compile_policy, "min_percent": min_percent}
            key = runcache.input_key(config, options)
            previous = runcache.unchanged(config, key)
            cached = _cached_report(previous) if previous is not None else None
            if cached is not None:
                return cached
        run.make_templates()
        if stop_after == "extract":
            run.write_templates()
            return run.report()
        run.update()
        run.convert_simplified()
        todo = {locale: run.pending(locale) for locale in config.locales}
        todo = {locale: texts for locale, texts in todo.items() if texts}
        translating = stop_after in ("mt", "build")
        if translating:
            if engines is None:
                raise ValueError("machine translation needs an EngineProvider")
            run.glossaries = {locale: terms.load(config, locale) for locale in config.locales}
            for locale in todo:
                engines.check(locale)
        run.write_templates()
        run.write_catalogs()
        if engines is None or not translating:
            return run.report()
        for locale, texts in todo.items():
            run.machine_translate(locale, texts, engines.load(locale), progress)
        if stop_after == "build":
            policy = compile_policy or config.compile
            run.compile(policy)
            run.build(policy, min_percent)
            report = run.report()
            runcache.save(
                config,
                key,
                {
                    "locales": [asdict(r) for r in report.locales],
                    "orphans": [str(p) for p in report.orphans],
                },
            )
            return report
    return run.report()


def _cached_report(state: dict[str, Any]) -> Report | None:
    """The report of a run that found nothing to do (the states as they are),
    or None when the stored report is not one this version can read."""
    try:
        rows = [LocaleReport(**row) for row in state.get("locales", [])]
        named = tuple(Path(p) for p in state.get("orphans", []))
    except TypeError:
        return None
    return Report(
        locales=tuple(replace(r, new=0, machine=0, reused=0) for r in rows), orphans=named
    )


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
    with _exclusive(config, wait, on_wait):
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
    with _exclusive(config, wait, on_wait):
        run.documents = sources.load(config)
        for locale in config.locales:
            for doc in run.documents:
                cat = _read_optional(paths.catalog(locale, doc.source.domain))
                run.updated[locale, doc.source.domain] = cat or Catalog(header=Message(""))
        run.build(policy, min_percent)
    return run.written


def prune_orphans(
    config: Config,
    *,
    dry_run: bool = False,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> list[tuple[Path, int]]:
    """Delete the orphans (see locpipe.orphans), holding the run lock; with
    `dry_run` only list them. Returns each file with, for a catalogue, the
    number of reviewed entries (active and obsolete) it held."""
    with _exclusive(config, wait, on_wait):
        found = orphans.of_project(config, Paths.of(config), strict=True)
        removed: list[tuple[Path, int]] = []
        for path in found.files:
            reviewed = 0
            if path.suffix == ".po":
                cat = read_po(path)
                reviewed = sum(catalog.state(m) is catalog.State.REVIEWED for m in cat.messages)
            if not dry_run:
                remove(path)
            removed.append((path, reviewed))
    return removed


def _with_flags(cat: Catalog, flags: Sequence[str]) -> Catalog:
    """`cat` with `flags` (the configured format_flags) added to every entry."""
    if not flags:
        return cat
    return Catalog(
        header=cat.header,
        messages=tuple(m.replace(flags=(*m.flags, *flags)) for m in cat.messages),
    )


def check_catalogues(config: Config) -> list[Problem]:
    """QA problems (locpipe.qa) in every configured catalogue on disk but
    the orphans (see locpipe.orphans)."""
    paths = Paths.of(config)
    problems: list[Problem] = []
    glossaries = {locale: terms.load(config, locale) for locale in config.locales}
    for locale, po in orphans.live_catalogs(config, paths):
        relpath = po.relative_to(config.root).as_posix()
        cat = _with_flags(read_po(po), config.format_flags)
        problems.extend(check_catalog(cat, relpath, locale))
        problems.extend(terms.check_catalog(cat, relpath, glossaries[locale]))
    return problems
