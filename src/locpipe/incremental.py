"""One run of the pipeline: what it reads, merges and writes, and what it can skip.

The run driver (locpipe.pipeline) calls a Run's steps in order; each step
calls the stages (locpipe.stages) on what changed since the last run and
leaves the rest as it is, by comparing with the state that run recorded
(locpipe.state):

- a document whose file and template are as the last run left them is not
  read or segmented;
- a catalogue whose file and template are unchanged is not read or merged,
  unless the translation memory gained or lost an entry that may fill one
  of its untranslated entries, or (translating) it has entries for MT;
- a compiled file or rebuilt document whose inputs are unchanged, and whose
  file is as the last run left it, is not made again;
- the memory of a locale takes the entries of unchanged catalogues from the
  state (locpipe.memorysources).

Each step does for what it handles exactly what a run without the state
does, so the bytes written are the same (tests/test_incremental.py).

Templates and catalogues are written with formats.guarded over what the run
read (or last wrote) of them: a file someone saved during the run (a
reviewer in a PO editor) is never overwritten. Their save is merged, their
edits winning; one that cannot be read, or a deletion, leaves that
catalogue alone for the rest of the run, named in the report.
"""

from __future__ import annotations

import codecs
import hashlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from locpipe import catalog, orphans, packages, shipping, terms
from locpipe.config import Config
from locpipe.documents import mkdocs, sources
from locpipe.formats import guarded, headers
from locpipe.formats.pofile import entry_texts, parse_po
from locpipe.fsio import Snapshot, atomic_write, read_bytes, remove, within
from locpipe.fsio import digest as sha256
from locpipe.layout import Paths
from locpipe.memorysources import NO_HEADER, MemorySources, record_name
from locpipe.model import Catalog, Message
from locpipe.mt import Translator
from locpipe.progress import Progress
from locpipe.report import Report, Tally, new_entries, of_locale
from locpipe.stages import build, compile, machine, memory, templates, update
from locpipe.stages.machine import Batch
from locpipe.state import MEMORY, OPEN, Store, digest, stat

Key = tuple[str, str]  # (locale, domain)

#: The compile policies (`compile = ...`, `--reviewed-only`).
POLICIES = ("all", "reviewed")


def _name(key: Key) -> str:
    return f"{key[0]}/{key[1]}"


def _identity(cat: Catalog) -> str:
    """A hash of everything in `cat` (but line numbers): what a catalogue
    merged from it depends on."""
    h = hashlib.blake2b(digest_size=16)
    for m in (cat.header, *cat.messages):
        fields = (
            m.msgctxt,
            m.msgid,
            m.msgid_plural,
            m.msgstr,
            m.msgstr_plural,
            m.flags,
            m.translator_comments,
            m.extracted_comments,
            m.references,
            m.previous_msgctxt,
            m.previous_msgid,
            m.previous_msgid_plural,
            m.obsolete,
        )
        h.update(repr(fields).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _open(cat: Catalog) -> Iterator[Message]:
    """The active entries of `cat` the memory may fill (see
    stages.memory.wanted): untranslated ones, with just their sources, and
    untouched machine output, as the state keeps them. One at a time: a
    large document's catalogue has hundreds of thousands."""
    for m in cat.messages:
        if m.obsolete:
            continue
        if not m.translated:
            forms = ("",) * len(m.msgstr_plural)
            yield Message(
                m.msgid, msgctxt=m.msgctxt, msgid_plural=m.msgid_plural, msgstr_plural=forms
            )
        elif m.fuzzy and catalog.state(m) is catalog.State.MACHINE:
            yield m


@dataclass
class Run:
    """One run: what it read, merged and wrote, and the state of the last
    run it compares with."""

    config: Config
    paths: Paths
    now: datetime
    store: Store
    originals: list[sources.Source] = field(default_factory=list)
    documents: dict[str, sources.Document] = field(default_factory=dict)
    #: Every domain, documents first, then app templates: the template order.
    domains: list[str] = field(default_factory=list)
    app_paths: dict[str, Path] = field(default_factory=dict)
    #: Templates read or made this run; for those made, the file as it was.
    templates: dict[str, Catalog] = field(default_factory=dict)
    made: dict[str, Catalog | None] = field(default_factory=dict)
    #: What each domain's template is (a hash of its canonical text).
    identity: dict[str, str] = field(default_factory=dict)
    keys: list[Key] = field(default_factory=list)
    #: The catalogues this run merged (the others are as the last run left them).
    updated: dict[Key, Catalog] = field(default_factory=dict)
    before: dict[Key, Catalog | None] = field(default_factory=dict)
    loaded: dict[Key, Catalog] = field(default_factory=dict)
    #: The hash of each catalogue's file as this run leaves it.
    digests: dict[Key, str] = field(default_factory=dict)
    unnormalised: set[Key] = field(default_factory=set)
    #: The text of each entry of files locpipe wrote, by file: what is
    #: written again is not formatted again.
    texts: dict[str, dict[Message, str]] = field(default_factory=dict)
    #: Compendia read this run (changed since the last), by name.
    parsed: dict[str, Catalog] = field(default_factory=dict)
    orphaned: orphans.Orphans = field(default_factory=orphans.Orphans)
    #: Per locale, the texts MT was asked for (stages.machine.pending).
    pending: dict[str, set[str]] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)
    machine: dict[str, int] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    #: Each template and catalogue as the run last read or wrote it: the
    #: base its next write checks the file against (formats.guarded).
    tracked: dict[Path, guarded.Tracked] = field(default_factory=dict)
    #: Files someone saved during the run: how many of their entries were kept.
    saves: dict[Path, int] = field(default_factory=dict)
    #: Files someone changed during the run in a way that cannot be merged.
    conflicts: dict[Path, guarded.ConcurrentEdit] = field(default_factory=dict)
    #: The snapshot of each file `observe` read, for `_parse` to track.
    _snapshots: dict[Path, Snapshot] = field(default_factory=dict)

    # -- reading and writing -------------------------------------------------

    def observe(self, path: Path) -> bytes:
        """The bytes of `path`, recorded in the state as seen now (stat first,
        so an edit made while reading shows next time as a change)."""
        seen_ns = time.time_ns()
        before = stat(path)
        data = read_bytes(path)
        self.store.saw(path, data, before, seen_ns)
        if before is not None:
            self._snapshots[path] = Snapshot(
                path, sha256(data), before.st_size, before.st_mtime_ns, before.st_ino
            )
        return data

    def _parse(self, path: Path, data: bytes) -> Catalog:
        """`data`, read from `path`, parsed; a file locpipe wrote is
        remembered entry by entry (see `texts`); what was read is the base of
        the file's next write (see `tracked`)."""
        cat = parse_po(data, str(path))
        if self.store.ours(path):
            self.texts[self.store.relative(path)] = entry_texts(cat, data)
        snapshot = self._snapshots.pop(path, None)
        if snapshot is not None and snapshot.sha256 == sha256(data):
            self.tracked[path] = guarded.Tracked(path, snapshot, cat)
        return cat

    def _share(self, path: Path, old: Catalog | None, new: Catalog) -> Catalog | None:
        """`old`, read from `path`, with the entries of `new` when they are
        equal (a re-run that changes nothing in a large catalogue): what the
        run keeps of the file (`tracked`, `texts`, and what the caller keeps)
        then holds one copy of its entries, not two."""
        if old is None or old.messages is new.messages or old.messages != new.messages:
            return old
        shared = Catalog(old.header, new.messages)
        tracked = self.tracked.get(path)
        if tracked is not None and tracked.catalog is old:
            self.tracked[path] = guarded.Tracked(path, tracked.snapshot, shared)
        name = self.store.relative(path)
        texts = self.texts.get(name)
        if texts:
            kept = {old.header: texts[old.header]} if old.header in texts else {}
            for o, n in zip(old.messages, new.messages, strict=True):
                if o in texts:
                    kept[n] = texts[o]
            self.texts[name] = kept
        return shared

    def read_po(self, path: Path) -> Catalog:
        """The catalogue or template at `path`."""
        return self._parse(path, self.observe(path))

    def read(self, key: Key) -> Catalog | None:
        """The catalogue on disk, or None. One saved with a byte-order mark
        or CRLF line ends is noted, to be written back normalised even when
        nothing else changes (msgfmt rejects a BOM)."""
        path = self.paths.catalog(*key)
        if not path.is_file():
            self.tracked[path] = guarded.Tracked(path, Snapshot(path, None), None)
            return None
        data = self.observe(path)
        self.digests[key] = digest(data)
        if data.startswith(codecs.BOM_UTF8) or b"\r" in data:
            self.unnormalised.add(key)
        return self._parse(path, data)

    def write_bytes(self, path: Path, data: bytes) -> None:
        changed, left = atomic_write(path, data)
        if changed and path not in self.written:
            self.written.append(path)
        self.store.wrote(path, data, left)

    def write_po(self, path: Path, cat: Catalog) -> tuple[Catalog, str] | None:
        """Write `cat` to `path` unless someone saved the file since the run
        read it: then their save is merged in (guarded.save). Returns what
        the file holds now (`cat`, or `cat` merged with their save) and the
        hash of its bytes; None, writing nothing, when their save cannot be
        merged (the file is left alone from then on, see `stopped`)."""
        if path in self.conflicts:
            return None
        base = self.tracked.get(path) or guarded.read(path)
        known = self.texts.get(self.store.relative(path))
        try:
            saved = guarded.save(cat, base, known=known)
        except guarded.ConcurrentEdit as exc:
            self.conflicts[path] = exc
            return None
        self.tracked[path] = saved.tracked
        if saved.theirs:
            self.saves[path] = self.saves.get(path, 0) + saved.theirs
        if saved.changed and path not in self.written:
            self.written.append(path)
        self.store.wrote(path, saved.data, saved.tracked.snapshot.stamp)
        return saved.catalog, digest(saved.data)

    def write_catalogue(self, key: Key) -> None:
        """Write catalogue `key` as the run has it (see `write_po`)."""
        written = self.write_po(self.paths.catalog(*key), self.updated[key])
        if written is not None:
            self.updated[key], self.digests[key] = written

    def stopped(self, key: Key) -> bool:
        """Whether catalogue `key` is left as someone saved it (see `write_po`)."""
        return self.paths.catalog(*key) in self.conflicts

    def file_digest(self, path: Path) -> str:
        found = self.store.recorded_digest(path)
        assert found is not None, path
        return found

    def merged(self) -> list[Key]:
        """The catalogues this run merged, in the order of a run that merges
        them all (locale, then template order)."""
        return [key for key in self.keys if key in self.updated]

    def of_locale(self, locale: str) -> dict[str, Catalog]:
        """The catalogues of `locale` this run merged, by domain."""
        return {key[1]: self.updated[key] for key in self.merged() if key[0] == locale}

    def template(self, domain: str) -> Catalog:
        """The template of `domain`: made this run, or read from its file."""
        if domain not in self.templates:
            path = self.app_paths.get(domain, self.paths.template(domain))
            pot = self.read_po(path)
            if domain in self.app_paths:
                pot = templates.of_app(pot, path)
            self.templates[domain] = pot
        return self.templates[domain]

    def catalogue(self, key: Key) -> Catalog:
        """The catalogue `key` as this run leaves it."""
        if key in self.updated:
            return self.updated[key]
        if key not in self.loaded:
            cat = self.read(key)
            self.loaded[key] = cat if cat is not None else Catalog(header=NO_HEADER)
        return self.loaded[key]

    def document(self, source: sources.Source) -> sources.Document:
        """The document `source`, read and segmented."""
        if source.domain not in self.documents:
            seen_ns = time.time_ns()
            before = stat(source.path)
            data = sources.read_bytes(source.path, source.relpath)
            self.store.saw(source.path, data, before, seen_ns)
            self.documents[source.domain] = sources.parse(source, data)
        return self.documents[source.domain]

    # -- templates -------------------------------------------------------------

    def _clean_document(self, source: sources.Source) -> bool:
        record = self.store.record("template", source.domain)
        pot = self.paths.template(source.domain)
        return (
            record is not None
            and self.store.unchanged(source.path)
            and self.store.unchanged(pot)
            and record.get("source") == self.store.recorded_digest(source.path)
            and record.get("pot") == self.store.recorded_digest(pot)
        )

    def make_templates(self) -> None:
        """Segment every changed document into its domain's template; find
        the apps' templates. An unchanged template keeps its header, so
        POT-Creation-Date moves only on change."""
        self.originals = sources.discover(self.config)
        for source in self.originals:
            self.domains.append(source.domain)
            record = self.store.record("template", source.domain)
            if record is not None and self._clean_document(source):
                self.identity[source.domain] = str(record["template"])
            else:
                self.document(source)
        for domain, doc in self.documents.items():
            path = self.paths.template(domain)
            old = self.read_po(path) if path.is_file() else None
            pot = templates.of_document(doc, self.config.project, self.now, old)
            old = self._share(path, old, pot)
            self.templates[domain] = pot
            self.made[domain] = old
            self.identity[domain] = _identity(pot)
        for domain, path in sources.app_templates(self.config).items():
            if domain in self.identity:
                source = next(s for s in self.originals if s.domain == domain)
                raise sources.domain_clash(self.config, str(path), source.relpath, domain)
            self.domains.append(domain)
            self.app_paths[domain] = path
            if self.store.record("template", domain) is None or not self.store.unchanged(path):
                self.template(domain)
            self.identity[domain] = self.file_digest(path)

    def write_templates(self) -> None:
        # A template equal to what was read from its file is not written
        # again: that is most of a run in which little changed.
        for domain, old in self.made.items():
            if old != self.templates[domain]:
                written = self.write_po(self.paths.template(domain), self.templates[domain])
                if written is not None:
                    self.templates[domain] = written[0]

    # -- catalogues ------------------------------------------------------------

    def clean(self, key: Key) -> bool:
        """True when catalogue `key` and its template are as the last run left them."""
        record = self.store.record("catalogue", _name(key))
        po = self.paths.catalog(*key)
        return (
            record is not None
            and record.get("template") == self.identity[key[1]]
            and self.store.unchanged(po)
            and record.get("digest") == self.store.recorded_digest(po)
        )

    def merge(self, key: Key, base: Catalog | None = None) -> None:
        """Merge the template of `key` into its catalogue on disk (or into
        `base`, the orphaned catalogue a renamed one continues)."""
        locale, domain = key
        pot = self.template(domain)
        old = self.read(key)
        self.updated[key] = update.updated(
            base if base is not None else old,
            pot,
            locale,
            domain,
            self.config.project,
            self.config.format_flags,
        )
        self.before[key] = self._share(self.paths.catalog(*key), old, self.updated[key])

    def update(self) -> None:
        """Merge each changed template or catalogue, for every locale, then
        fill what the translation memory knows (stages.memory)."""
        compendia = self._compendia()
        self.orphaned = orphans.find(
            self.config,
            self.paths,
            set(self.domains),
            {source.relpath for source in self.originals},
        )
        for locale in self.config.locales:
            keys = [(locale, domain) for domain in self.domains]
            self.keys += keys
            continued = self._renamed(locale)
            adopted = 0
            for key in keys:
                if key[1] in continued:
                    self.merge(key, continued[key[1]])
                    adopted += sum(1 for m in self.updated[key].active() if m.translated)
                elif not self.clean(key):
                    self.merge(key)
            self._fill(locale, compendia)
            self.reused[locale] += adopted
        self._convert_simplified()

    def _renamed(self, locale: str) -> dict[str, Catalog]:
        """The orphaned catalogue each new catalogue of `locale` continues
        (orphans.renamed): a renamed document's catalogue goes on."""
        fresh = [d for d in self.domains if not self.paths.catalog(locale, d).is_file()]
        gone = [(loc, po) for loc, po in self.orphaned.catalogues if loc == locale]
        if not fresh or not gone:
            return {}
        orphaned = {self.paths.domain(locale, po): self.read_po(po) for _, po in gone}
        pairs = orphans.renamed({d: self.template(d) for d in fresh}, orphaned)
        return {domain: orphaned[name] for domain, name in pairs.items()}

    def _compendia(self) -> dict[str, tuple[Path, str | None]]:
        """Every compendium by name (its path in the project), with its
        Language. A changed one is read now (its errors stop the run)."""
        found: dict[str, tuple[Path, str | None]] = {}
        for path in sources.compendium_paths(self.config):
            name = self.config.shown(path)
            record = self.store.record("compendium", name)
            if (
                record is None
                or not self.store.unchanged(path)
                or record.get("digest") != self.store.recorded_digest(path)
            ):
                cat = parse_po(self.observe(path), str(path))
                record = {
                    "language": cat.header_field("Language"),
                    "digest": self.file_digest(path),
                }
                self.store.make("compendium", name, record)
                self.parsed[name] = cat
            found[name] = (path, record.get("language"))
        return found

    def _fill(self, locale: str, compendia: dict[str, tuple[Path, str | None]]) -> None:
        """Fill the merged catalogues of `locale` from its translation memory."""
        self.reused[locale] = 0
        sources_ = MemorySources(self.store, locale, self.observe)
        for domain in self.domains:
            key = (locale, domain)
            if key in self.updated:
                sources_.merged(_name(key), self.updated[key])
            else:
                sources_.unchanged(_name(key))
        for loc, po in self.orphaned.catalogues:
            if loc == locale:
                sources_.file(f"{locale}/{self.paths.domain(locale, po)}", po, orphan=True)
        for name, (path, language) in compendia.items():
            if language == locale:
                sources_.file(name, path, self.parsed.get(name))
        sources_.forget_others()
        wanted = memory.wanted(self.of_locale(locale))
        # An unchanged catalogue's untranslated entries found nothing in the
        # memory last time; only what entered or left it since can change that.
        waiting = [
            _name(key)
            for key in self.keys
            if key[0] == locale and key not in self.updated and self._open_count(key)
        ]
        changed = sources_.changed() if waiting else None
        if changed is not None:
            for name, entries in self.store.stored(OPEN, locale, waiting).items():
                if memory.may_fill(entries, changed):
                    self.merge((locale, name.split("/", 1)[1]))
                    wanted = True
        if not wanted:
            return
        catalogues, orphaned = sources_.catalogues()
        # no framework catalogue for the pseudo-locale: it is all pseudo-English
        found = catalog.memory(
            catalogues,
            orphaned=orphaned,
            packages=packages.catalogues(self.config.package_catalogues, locale)
            if locale != self.config.pseudo_locale
            else {},
        )
        filled, self.reused[locale] = memory.filled(self.of_locale(locale), found)
        self.updated.update(((locale, domain), cat) for domain, cat in filled.items())

    def _open_count(self, key: Key) -> int:
        record = self.store.record("catalogue", _name(key))
        return int(record.get("open", 0)) if record is not None else 0

    def _convert_simplified(self) -> None:
        """Traditional Chinese from reviewed Simplified text (stages.memory)."""
        simplified, targets = memory.traditional_locales(self.config.locales)
        if not targets:
            return
        if any(key[0] in simplified for key in self.updated):
            # A reviewed Simplified text may serve an open Traditional entry
            # anywhere: merge every Traditional catalogue with open entries.
            for key in self.keys:
                if key[0] in targets and key not in self.updated and self._open_count(key):
                    self.merge(key)
        wanted = {
            k: c
            for k, c in self.updated.items()
            if k[0] in targets and next(_open(c), None) is not None
        }
        if not wanted:
            return
        reviewed: dict[str, Catalog] = {}
        for locale in simplified:
            kept = {_name(k) for k in self.keys if k[0] == locale and k not in self.updated}
            stored = self.store.stored(MEMORY, locale, kept)
            reviewed.update((name, Catalog(NO_HEADER, e)) for name, e in stored.items())
        reviewed.update((_name(k), self.updated[k]) for k in self.merged() if k[0] in simplified)
        converted, counts = memory.from_simplified(wanted, catalog.memory(reviewed))
        self.updated.update(converted)
        for locale, count in counts.items():
            self.reused[locale] += count

    def write_catalogs(self) -> None:
        for key in self.merged():
            self.updated[key] = headers.stamped(self.updated[key], self.before[key], self.now)
            if self.before[key] != self.updated[key] or key in self.unnormalised:
                self.write_catalogue(key)

    def merge_pending(self) -> None:
        """Merge the unchanged catalogues that still have entries for MT."""
        for key in self.keys:
            record = self.store.record("catalogue", _name(key))
            if key not in self.updated and record is not None and record.get("mt"):
                self.merge(key)

    def machine_translate(
        self,
        locale: str,
        pending: dict[str, tuple[str, ...]],
        engine: Translator,
        glossary: terms.Glossary,
        progress: Progress,
    ) -> None:
        """Translate `pending` (see stages.machine.pending), writing the
        catalogues of `locale` as batches finish (in the order they finish).

        A write comes after a batch once translating since the last write
        has taken at least as long as that write: an interrupted run keeps
        what it finished but the last stretch, and a large catalogue is not
        rewritten after every batch (which cost time in its square)."""
        progress.start(locale, len(pending))
        self.machine[locale] = 0
        done = 0
        waiting: list[Batch] = []
        translating = writing = 0.0
        batches = machine.translate(pending, engine, glossary)
        while True:
            started = time.perf_counter()
            batch = next(batches, None)
            translating += time.perf_counter() - started
            if batch is not None:
                waiting.append(batch)
            if waiting and (batch is None or translating >= writing):
                started = time.perf_counter()
                self._fill_machine(locale, machine.joined(waiting), engine.engine_id)
                writing, translating, waiting = time.perf_counter() - started, 0.0, []
            if batch is None:
                break
            done += batch.size
            progress.advance(done)
        progress.finish()

    def _fill_machine(self, locale: str, batch: Batch, engine_id: str) -> None:
        """Fill the catalogues of `locale` with `batch` and write those it changed."""
        for domain, cat in self.of_locale(locale).items():
            key = (locale, domain)
            if self.stopped(key):
                continue
            nplurals = headers.nplurals_of(cat, locale)  # the file's own Plural-Forms
            new_cat, filled = machine.filled(cat, batch, engine_id, nplurals)
            if filled:
                self.updated[key] = headers.stamped(new_cat, self.before[key], self.now)
                self.machine[locale] += filled
                self.write_catalogue(key)

    # -- outputs ---------------------------------------------------------------

    def check_compilable(self, policy: str) -> None:
        """Raise CompileError naming the first entry that would ship under
        `policy` but that `msgfmt -c` rejects (stages.compile), before
        anything is written. An unchanged catalogue is looked at only when
        the last run found it would fail under `policy`."""

        def catalogues() -> Iterator[tuple[str, Catalog]]:
            for key in self.keys:
                if self.stopped(key):
                    continue
                if key not in self.updated:
                    record = self.store.record("catalogue", _name(key))
                    if record is not None and policy not in record.get("invalid", ()):
                        continue
                path = self.config.shown(self.paths.catalog(*key))
                yield path, self.catalogue(key)

        compile.check_compilable(catalogues(), policy, self.config.format_flags)

    def _made(self, target: Path, inputs: dict[str, object]) -> bool:
        """True when `target` was made from `inputs` by the last run and is as it left it."""
        record = self.store.record("output", self.store.relative(target))
        if record is None or record.get("inputs") != inputs:
            return False
        return not record.get("written") or self.store.unchanged(target)

    def _output(self, target: Path, inputs: dict[str, object], data: bytes | None) -> None:
        if data is not None:
            self.write_bytes(target, data)
        record = {"inputs": inputs, "written": data is not None}
        self.store.make("output", self.store.relative(target), record)

    def digest_of(self, key: Key) -> str:
        """The hash of catalogue `key`'s file as this run leaves it."""
        if key in self.digests:
            return self.digests[key]
        return self.file_digest(self.paths.catalog(*key))

    def compile(self, policy: str) -> None:
        """Write a .mo per catalogue (see stages.compile), once every one is
        known to pass `msgfmt -c`."""
        self.check_compilable(policy)
        for key in self.keys:
            if self.stopped(key):
                continue
            target = self.paths.mo(*key)
            inputs: dict[str, object] = {"catalogue": self.digest_of(key), "policy": policy}
            if self._made(target, inputs):
                continue
            _, data = compile.compiled(
                self.catalogue(key), key[0], key[1], policy, "mo", self.config.format_flags
            )
            self._output(target, inputs, data)

    def build(self, policy: str, min_percent: float) -> None:
        """Write build/<locale>/<document> for every document translated at
        least `min_percent` (po4a's --keep), and each locale's MkDocs site
        when one is configured (stages.build); then remove what an earlier
        build wrote and this one did not, so build/ mirrors the sources.
        Without a site, a document whose source, catalogue and rebuilt file
        are as the last run left them is not rebuilt."""
        if self.config.mkdocs:
            self.build_everything(policy, min_percent)
            return
        produced: list[Path] = []
        for locale in self.config.locales:
            for source in self.originals:
                key = (locale, source.domain)
                target = self.paths.built(locale, source.relpath)
                if self.stopped(key):  # its last build stays, and is not pruned
                    produced.append(target)
                    continue
                inputs: dict[str, object] = {
                    "source": self.file_digest(source.path),
                    "catalogue": self.digest_of(key),
                    "policy": policy,
                    "min_percent": min_percent,
                }
                if self._made(target, inputs):
                    record = self.store.record("output", self.store.relative(target))
                    if record is not None and record.get("written"):
                        produced.append(target)
                    continue
                data = build.rebuilt(
                    self.document(source),
                    self.catalogue(key),
                    locale,
                    policy,
                    min_percent,
                    self.config.format_flags,
                )
                self._output(target, inputs, data)
                if data is not None:
                    produced.append(target)
        self.prune_build(produced)

    def build_everything(self, policy: str, min_percent: float) -> None:
        """`build` with every document and catalogue read: an MkDocs site's
        configuration and files depend on all of them."""
        config = self.config
        site = mkdocs.load_site(config.root, config.mkdocs) if config.mkdocs else None
        documents = [self.document(source) for source in self.originals]
        produced: list[Path] = []
        for locale in config.locales:
            # a catalogue left as someone saved it is not built from: its
            # last build stays, and is not pruned
            stopped = [d for d in documents if self.stopped((locale, d.source.domain))]
            produced += [self.paths.built(locale, d.source.relpath) for d in stopped]
            catalogues = {
                d: self.catalogue((locale, d))
                for d in self.domains
                if not self.stopped((locale, d))
            }
            for target, data in build.locale_files(
                [d for d in documents if d not in stopped],
                catalogues,
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
            # the listing is a file anyone can edit: only ever inside build_dir
            if Path(stale).is_absolute() or ".." in Path(stale).parts:
                continue
            if path.is_symlink() or not within(path, folder) or not remove(path):
                continue
            parent = path.parent
            while parent != folder and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        if names or before:
            self.write_bytes(listing, "".join(f"{n}\n" for n in names).encode("utf-8"))

    # -- the state and the report ------------------------------------------------

    def remember(self) -> None:
        """Record the templates and the catalogues this run made or merged."""
        for domain in self.made:
            source = next(s for s in self.originals if s.domain == domain)
            made = {
                "source": self.file_digest(source.path),
                "pot": self.file_digest(self.paths.template(domain)),
                "template": self.identity[domain],
            }
            self.store.make("template", domain, made)
        for domain, path in self.app_paths.items():
            self.store.make("template", domain, {"app": self.file_digest(path)})
        for key in self.merged():
            if self.stopped(key):  # the next run reads it as the person left it
                self.store.make("catalogue", _name(key), None)
                continue
            cat = self.updated[key]
            asked = self.pending.get(key[0], set())
            opened, asked_for = 0, False
            for m in _open(cat):
                opened += 1
                asked_for = asked_for or any(t in asked for t in catalog.pending_sources(m))
            tally = Tally.of(cat, machine.too_long([cat]))
            record: dict[str, object] = {
                "template": self.identity[key[1]],
                "digest": self.digest_of(key),
                "counts": [tally.reviewed, tally.fuzzy, tally.untranslated, tally.too_long],
                "open": opened,
                "mt": asked_for,
                "invalid": [
                    policy
                    for policy in POLICIES
                    if shipping.invalid(cat, policy, self.config.format_flags)
                ],
            }
            self.store.make("catalogue", _name(key), record)
            self.store.keep(OPEN, key[0], _name(key), _open(cat))
            self.store.keep(MEMORY, key[0], _name(key), catalog.memory_entries(cat))
            self.store.make(
                MEMORY, record_name(key[0], _name(key)), {"digest": self.digest_of(key)}
            )

    def report(self) -> Report:
        rows = []
        for locale in self.config.locales:
            tallies = []
            new = 0
            for key in (k for k in self.keys if k[0] == locale):
                cat = self.updated.get(key)
                if cat is not None:
                    tallies.append(Tally.of(cat, machine.too_long([cat])))
                    new += new_entries(cat, self.before[key])
                else:
                    record = self.store.record("catalogue", _name(key))
                    assert record is not None
                    tallies.append(Tally(*record["counts"]))
            rows.append(
                of_locale(
                    locale,
                    tallies,
                    new=new,
                    machine=self.machine.get(locale, 0),
                    reused=self.reused.get(locale, 0),
                )
            )
        return Report(
            locales=tuple(rows),
            written=tuple(self.written),
            orphans=tuple(Path(self.config.shown(p)) for p in self.orphaned.named()),
            merged=tuple((Path(self.config.shown(p)), n) for p, n in self.saves.items()),
            conflicts=tuple(self.conflicts.values()),
        )
