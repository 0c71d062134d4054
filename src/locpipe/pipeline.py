"""Wires the stages: segment → template → update → memory → MT → compile.

Everything is computed in memory first, so bad input or a missing model stops
the run before any file changes. Then templates and catalogues are written,
machine translations are written after every batch (an interrupted run keeps
what it finished), and `.mo` files are compiled. Only changed files are
rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from locpipe import catalog, headers, sources
from locpipe.config import Config
from locpipe.fsio import atomic_write_bytes
from locpipe.lock import locked
from locpipe.model import Catalog
from locpipe.mt import Translator
from locpipe.pofile import compile_mo, read_po, write_po
from locpipe.segment import format_for, segment

#: Sentences per MT batch; catalogues are written after each batch.
BATCH_SENTENCES = 256


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


@dataclass(frozen=True, slots=True)
class Report:
    locales: tuple[LocaleReport, ...]
    written: tuple[Path, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Paths:
    """Where a domain's files live."""

    locales_dir: Path

    def template(self, domain: str) -> Path:
        return self.locales_dir / f"{domain}.pot"

    def catalog(self, locale: str, domain: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"

    def mo(self, locale: str, domain: str) -> Path:
        return self.catalog(locale, domain).with_suffix(".mo")


def _now() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0)


def _read_optional(path: Path) -> Catalog | None:
    return read_po(path) if path.is_file() else None


def build_templates(config: Config, now: datetime) -> dict[str, Catalog]:
    """Segment every source document into its domain's template.

    An unchanged template keeps its old header, so POT-Creation-Date moves
    only when the sentences or their references change.
    """
    paths = Paths(config.root / config.locales_dir)
    templates: dict[str, Catalog] = {}
    for source in sources.discover(config):
        text = sources.read(source)
        occurrences = [
            catalog.Occurrence(seg.text, f"{source.relpath}:{seg.line}")
            for seg in segment(text, format_for(source.relpath))
        ]
        fresh = catalog.template(
            headers.template_header(source.domain, config.project, now), occurrences
        )
        old = _read_optional(paths.template(source.domain))
        if old is not None and old.messages == fresh.messages:
            fresh = Catalog(header=old.header, messages=fresh.messages)
        templates[source.domain] = fresh
    return templates


def update_catalogs(
    config: Config, templates: dict[str, Catalog], now: datetime
) -> tuple[dict[tuple[str, str], Catalog], dict[tuple[str, str], Catalog | None]]:
    """Merge each template into its catalogue for every locale.

    Returns the updated catalogues and the catalogues as they were on disk
    (None where there was none), both keyed by (locale, domain).
    """
    paths = Paths(config.root / config.locales_dir)
    updated: dict[tuple[str, str], Catalog] = {}
    before: dict[tuple[str, str], Catalog | None] = {}
    for locale in config.locales:
        for domain, pot in templates.items():
            old = _read_optional(paths.catalog(locale, domain))
            header = (
                old.header
                if old is not None
                else headers.catalog_header(domain, locale, config.project, pot)
            )
            merged = headers.refresh(catalog.update(old, pot, header), locale, pot)
            updated[locale, domain] = merged
            before[locale, domain] = old
    return updated, before


def _stamp(new: Catalog, old: Catalog | None, now: datetime) -> Catalog:
    """Move PO-Revision-Date only when the entries changed."""
    if old is not None and old.messages == new.messages:
        return new
    return new.with_header_field("PO-Revision-Date", headers.format_date(now))


def _fill_from_memory(config: Config, updated: dict[tuple[str, str], Catalog]) -> dict[str, int]:
    reused: dict[str, int] = {}
    for locale in config.locales:
        mine = {domain: cat for (loc, domain), cat in updated.items() if loc == locale}
        memory = catalog.memory(mine)
        total = 0
        for domain, cat in mine.items():
            filled_cat, filled = catalog.apply_memory(cat, memory)
            updated[locale, domain] = filled_cat
            total += filled
        reused[locale] = total
    return reused


def pending_texts(updated: dict[tuple[str, str], Catalog], locale: str) -> list[str]:
    """The distinct untranslated source texts of `locale`, shortest first."""
    texts = {t for (loc, _), cat in updated.items() if loc == locale for t in catalog.pending(cat)}
    return sorted(texts, key=lambda t: (len(t), t))


def _batches(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def translate(
    config: Config,
    engines: EngineProvider | None,
    *,
    progress: Progress | None = None,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    compile_policy: str | None = None,
    now: datetime | None = None,
) -> Report:
    """Run every stage for the project of `config`; return what was done.

    `engines=None` stops after updating the catalogues (no MT, no compile),
    which is `locpipe update`.
    """
    progress = progress or NullProgress()
    now = now or _now()
    paths = Paths(config.root / config.locales_dir)
    lock_path = config.root / ".locpipe-cache" / "lock"
    with locked(lock_path, wait=wait, on_wait=on_wait):
        templates = build_templates(config, now)
        updated, before = update_catalogs(config, templates, now)
        reused = _fill_from_memory(config, updated)
        pending = {locale: pending_texts(updated, locale) for locale in config.locales}
        if engines is not None:
            for locale, texts in pending.items():
                if texts:
                    engines.check(locale)
        written: list[Path] = []
        for domain, pot in templates.items():
            if write_po(paths.template(domain), pot):
                written.append(paths.template(domain))
        for (locale, domain), cat in updated.items():
            updated[locale, domain] = _stamp(cat, before[locale, domain], now)
            if write_po(paths.catalog(locale, domain), updated[locale, domain]):
                written.append(paths.catalog(locale, domain))
        machine: dict[str, int] = {}
        if engines is not None:
            for locale, texts in pending.items():
                machine[locale] = _machine_translate(
                    engines, locale, texts, updated, before, paths, progress, now, written
                )
            policy = compile_policy or config.compile
            for (locale, domain), cat in updated.items():
                if _write_mo(paths.mo(locale, domain), cat, policy):
                    written.append(paths.mo(locale, domain))
    return Report(
        locales=tuple(
            _locale_report(locale, updated, before, reused.get(locale, 0), machine.get(locale, 0))
            for locale in config.locales
        ),
        written=tuple(written),
    )


def _machine_translate(
    engines: EngineProvider,
    locale: str,
    texts: Sequence[str],
    updated: dict[tuple[str, str], Catalog],
    before: dict[tuple[str, str], Catalog | None],
    paths: Paths,
    progress: Progress,
    now: datetime,
    written: list[Path],
) -> int:
    if not texts:
        return 0
    engine = engines.load(locale)
    nplurals = headers.nplurals(locale)
    progress.start(f"{locale}", len(texts))
    filled_total = 0
    done = 0
    for batch in _batches(texts, BATCH_SENTENCES):
        translations = dict(zip(batch, engine.translate(batch), strict=True))
        for (loc, domain), cat in list(updated.items()):
            if loc != locale:
                continue
            new_cat, filled = catalog.apply_machine(cat, translations, engine.engine_id, nplurals)
            if filled:
                new_cat = _stamp(new_cat, before[loc, domain], now)
                updated[loc, domain] = new_cat
                filled_total += filled
                target = paths.catalog(loc, domain)
                if write_po(target, new_cat) and target not in written:
                    written.append(target)
        done += len(batch)
        progress.advance(done)
    progress.finish()
    return filled_total


def _shippable(cat: Catalog, policy: str) -> Catalog:
    """The entries that go into a .mo: reviewed, plus machine unless policy is
    "reviewed". Carried-over fuzzy entries never ship, as with msgfmt."""
    allowed = {catalog.State.REVIEWED}
    if policy == "all":
        allowed.add(catalog.State.MACHINE)
    messages = tuple(m for m in cat.active() if catalog.state(m) in allowed)
    return Catalog(header=cat.header, messages=messages)


def _locale_report(
    locale: str,
    updated: dict[tuple[str, str], Catalog],
    before: dict[tuple[str, str], Catalog | None],
    reused: int,
    machine: int,
) -> LocaleReport:
    new = reviewed = fuzzy = untranslated = 0
    for (loc, domain), cat in updated.items():
        if loc != locale:
            continue
        old = before[loc, domain]
        old_keys = {m.key for m in old.active()} if old is not None else set()
        new += sum(1 for m in cat.active() if m.key not in old_keys)
        tally = catalog.counts(cat)
        reviewed += tally.reviewed
        fuzzy += tally.fuzzy
        untranslated += tally.untranslated
    return LocaleReport(
        locale=locale,
        new=new,
        machine=machine,
        reused=reused,
        reviewed=reviewed,
        fuzzy=fuzzy,
        untranslated=untranslated,
    )


def compile_catalogs(config: Config, policy: str) -> list[Path]:
    """Compile every configured catalogue on disk to .mo; return those written."""
    paths = Paths(config.root / config.locales_dir)
    written: list[Path] = []
    for locale in config.locales:
        for po in sorted((paths.locales_dir / locale / "LC_MESSAGES").glob("*.po")):
            if _write_mo(po.with_suffix(".mo"), read_po(po), policy):
                written.append(po.with_suffix(".mo"))
    return written


def _write_mo(path: Path, cat: Catalog, policy: str) -> bool:
    return atomic_write_bytes(path, compile_mo(_shippable(cat, policy), include_fuzzy=True))
