"""The run driver: holds the lock, runs the steps of a run in order, saves the state.

The stages (locpipe.stages) compute; a Run (locpipe.incremental) reads the
inputs, calls the stages on what changed since the last run and writes.
Everything is computed in memory first, so bad input or a missing model
stops the run before any file changes. Then templates and catalogues are
written, machine translations are written after every batch (an interrupted
run keeps what it finished), `.mo` files are compiled and documents
rebuilt. Only files whose bytes change are rewritten. At the end the run's
state is saved (locpipe.state), so the next run does only what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from locpipe import catalog, orphans, terms
from locpipe.config import Config
from locpipe.documents import sources
from locpipe.formats.pofile import read_po
from locpipe.fsio import atomic_write_bytes, remove
from locpipe.incremental import Run
from locpipe.layout import Paths
from locpipe.lock import project_lock
from locpipe.model import Catalog
from locpipe.mt import EngineProvider
from locpipe.progress import NullProgress, Progress
from locpipe.report import Report
from locpipe.stages import compile, machine
from locpipe.state import StateError, Store

#: The stages a run can stop after, in order (`locpipe extract`, `update`, `mt`).
STAGES = ("extract", "update", "mt", "build")


def _now() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0)


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
    when = now or _now()
    with project_lock(config, wait=wait, on_wait=on_wait):
        run = Run(config, Paths.of(config), when, Store.open(config))
        try:
            _prepare(run, stop_after)
        except StateError:
            # The state cannot be trusted after all (nothing is written yet):
            # do it all again without it.
            run.store.close()
            run = Run(config, Paths.of(config), when, Store.open(config, trust=False))
            _prepare(run, stop_after)
        report = _finish(
            run, engines, stop_after, progress or NullProgress(), compile_policy, min_percent
        )
        run.remember()
        run.store.save()
    return report


def _prepare(run: Run, stop_after: str) -> None:
    """Make the templates and, unless only extracting, merge the catalogues
    (reads only: nothing is written)."""
    run.make_templates()
    if stop_after != "build":
        # Only the build reads the documents again: a large one's text and
        # segments need not stay for the rest of the run.
        run.documents.clear()
    if stop_after != "extract":
        run.update()
        if stop_after in ("mt", "build"):
            run.merge_pending()


def _finish(
    run: Run,
    engines: EngineProvider | None,
    stop_after: str,
    progress: Progress,
    compile_policy: str | None,
    min_percent: float,
) -> Report:
    """The run after the templates are made and the catalogues merged:
    check the engines, write, machine-translate, compile and build."""
    config = run.config
    if stop_after == "extract":
        run.write_templates()
        return run.report()
    if stop_after == "build":  # a person's entry msgfmt rejects: stop before any write
        run.check_compilable(compile_policy or config.compile)
    todo = {
        locale: machine.pending(run.of_locale(locale), run.templates, config.format_flags)
        for locale in config.locales
    }
    todo = {locale: texts for locale, texts in todo.items() if texts}
    run.pending = {locale: set(texts) for locale, texts in todo.items()}
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
    written: list[Path] = []

    def write(target: Path, data: bytes) -> None:
        if atomic_write_bytes(target, data) and target not in written:
            written.append(target)

    with project_lock(config, wait=wait, on_wait=on_wait):
        found = [(locale, po, read_po(po)) for locale, po in orphans.live_catalogs(config, paths)]
        compile.check_compilable(
            ((config.shown(po), cat) for _, po, cat in found), policy, config.format_flags
        )
        english: dict[str, Catalog] = {}
        for locale, po, cat in found:
            domain = paths.domain(locale, po)
            suffix, data = compile.compiled(cat, locale, domain, policy, fmt, config.format_flags)
            write(paths.mo(locale, domain).with_suffix(suffix), data)
            english.setdefault(domain, cat)
        if fmt == "i18next":
            # The English resource of each domain, for apps to fall back to.
            for domain, cat in english.items():
                fallback = paths.mo(config.source_language, domain)
                write(fallback.with_suffix(orphans.I18NEXT_ENGLISH), compile.i18next_fallback(cat))
    return written


def build_documents(
    config: Config,
    policy: str,
    min_percent: float,
    *,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> list[Path]:
    """Rebuild every source document in every locale (and an MkDocs site's
    files) from the catalogues on disk, holding the run lock; return the
    files written."""
    with project_lock(config, wait=wait, on_wait=on_wait):
        run = Run(config, Paths.of(config), _now(), Store.open(config, trust=False))
        run.originals = sources.discover(config)
        run.domains = [source.domain for source in run.originals]
        run.build_everything(policy, min_percent)
    return list(run.written)


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
