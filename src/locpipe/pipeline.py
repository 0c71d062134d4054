"""Wires the stages: segment → template → update → memory → MT → compile → build.

Everything is computed in memory first, so bad input or a missing model stops
the run before any file changes. Then templates and catalogues are written,
machine translations are written after every batch (an interrupted run keeps
what it finished), `.mo` files are compiled and documents rebuilt. Only files
whose bytes change are rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from locpipe import build, catalog, headers, runcache, sources
from locpipe.config import Config
from locpipe.fsio import atomic_write_bytes, remove_stale_temps
from locpipe.jsonexport import export_json
from locpipe.lock import locked
from locpipe.model import Catalog, Message
from locpipe.mt import Translator, batch_size, translate_batches
from locpipe.placeholders import Masked, mask, unmask
from locpipe.pofile import compile_mo, read_po, write_po
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
        """(locale, .po path) of every catalogue on disk for `locales`."""
        for locale in locales:
            for path in sorted((self.locales_dir / locale / "LC_MESSAGES").glob("*.po")):
                yield locale, path


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


def _ships(policy: str) -> Callable[[Message], bool]:
    """Whether an entry may reach an app: in a shipping state, and without an
    `# mt-warning:` (a lost placeholder can crash the app's format call)."""
    allowed = _states(policy)

    def ships(m: Message) -> bool:
        warned = any(c.startswith(catalog.WARNING_PREFIX) for c in m.translator_comments)
        return catalog.state(m) in allowed and not warned

    return ships


def _shippable(cat: Catalog, policy: str) -> Catalog:
    ships = _ships(policy)
    return Catalog(header=cat.header, messages=tuple(m for m in cat.active() if ships(m)))


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
        for locale in self.config.locales:
            for domain, pot in self.templates.items():
                old = _read_optional(self.paths.catalog(locale, domain))
                header = (
                    old.header
                    if old is not None
                    else headers.catalog_header(domain, locale, self.config.project, pot)
                )
                merged = catalog.fit_plurals(
                    catalog.update(old, pot, header), headers.nplurals(locale)
                )
                self.updated[locale, domain] = headers.refresh(merged, locale, pot)
                self.before[locale, domain] = old
            known = {f"{locale}/{d}": c for d, c in self.of_locale(locale).items()}
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

    def pending(self, locale: str) -> dict[str, tuple[str, ...]]:
        """The distinct untranslated source texts of `locale`, shortest first,
        each with the format flags of its entries (they decide what to mask)."""
        flags: dict[str, set[str]] = {}
        for cat in self.of_locale(locale).values():
            for message in cat.active():
                for text in catalog.pending_sources(message):
                    flags.setdefault(text, set()).update(message.flags)
        ordered = sorted((t for t in flags if len(t) <= MAX_MT_CHARS), key=lambda t: (len(t), t))
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
            if self.before[key] != self.updated[key]:
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
        batches = _batches(texts, batch_size(engine))
        masked = [[mask(text, pending[text]) for text in batch] for batch in batches]
        sent = [[m.text for m in batch] for batch in masked]
        for index, outputs in translate_batches(engine, sent):
            batch = batches[index]
            translations, warnings = _restore(batch, masked[index], outputs)
            for domain, cat in self.of_locale(locale).items():
                key = (locale, domain)
                new_cat, filled = catalog.apply_machine(
                    cat, translations, engine.engine_id, nplurals, warnings
                )
                if filled:
                    self.updated[key] = _stamp(new_cat, self.before[key], self.now)
                    self.machine[locale] += filled
                    self.write(self.paths.catalog(*key), self.updated[key])
            done += len(batch)
            progress.advance(done)
        progress.finish()

    def compile(self, policy: str, fmt: str = "mo") -> None:
        """Write a .mo (or, with fmt "json", a .json for JS apps) per catalogue."""
        for (locale, domain), cat in self.updated.items():
            target = self.paths.mo(locale, domain)
            if fmt == "json":
                text = export_json(cat, locale, domain=domain, include=_ships(policy))
                self.write_bytes(target.with_suffix(".json"), text.encode("utf-8"))
            else:
                self.write_bytes(target, compile_mo(_shippable(cat, policy), include_fuzzy=True))

    def build(self, policy: str, min_percent: float) -> None:
        """Write build/<locale>/<document> for every document translated at
        least `min_percent` (po4a's --keep)."""
        for locale in self.config.locales:
            for doc in self.documents:
                cat = self.updated[locale, doc.source.domain]
                lookup = build.translations(cat, _states(policy))
                rebuilt = build.rebuild(doc.text, doc.segments, lookup, locale)
                if rebuilt.percent >= min_percent:
                    target = self.paths.build_dir / locale / doc.source.relpath
                    self.write_bytes(target, rebuilt.text.encode("utf-8"))

    def report(self) -> Report:
        return Report(
            locales=tuple(self._locale_report(locale) for locale in self.config.locales),
            written=tuple(self.written),
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


def _restore(
    texts: Sequence[str], masked: Sequence[Masked], outputs: Sequence[str]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The translations of `texts` (sent to the engine masked) with their
    placeholders and markup restored, and, per text, what the engine lost or added."""
    translations: dict[str, str] = {}
    warnings: dict[str, list[str]] = {}
    for text, m, output in zip(texts, masked, outputs, strict=True):
        translations[text], problems = unmask(output, m)
        if problems:
            warnings[text] = problems
    return translations, warnings


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
        todo = {locale: run.pending(locale) for locale in config.locales}
        todo = {locale: texts for locale, texts in todo.items() if texts}
        translating = stop_after in ("mt", "build")
        if translating:
            if engines is None:
                raise ValueError("machine translation needs an EngineProvider")
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
            runcache.save(config, key, {"locales": [asdict(r) for r in report.locales]})
            return report
    return run.report()


def _cached_report(state: dict[str, Any]) -> Report | None:
    """The report of a run that found nothing to do (the states as they are),
    or None when the stored report is not one this version can read."""
    try:
        rows = [LocaleReport(**row) for row in state.get("locales", [])]
    except TypeError:
        return None
    return Report(locales=tuple(replace(r, new=0, machine=0, reused=0) for r in rows))


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
        for locale, po in paths.catalogs(config.locales):
            run.updated[locale, po.stem] = read_po(po)
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


def check_catalogues(config: Config) -> list[Problem]:
    """QA problems (locpipe.qa) in every configured catalogue on disk."""
    paths = Paths.of(config)
    problems: list[Problem] = []
    for locale, po in paths.catalogs(config.locales):
        relpath = po.relative_to(config.root).as_posix()
        problems.extend(check_catalog(read_po(po), relpath, locale))
    return problems
