"""Where a locale's translation memory comes from in a run, and what changed in it.

The memory of a locale (DESIGN.md) is made of its catalogues, orphaned
catalogues and compendia in its language. A run that merged a catalogue, or
found an orphan or compendium changed, takes that catalogue's memory entries
(catalog.memory_entries) from what it merged or read; every other
catalogue's come from the state (locpipe.state), kept there by the run that
last wrote or read it. The matching itself stays in catalog.Memory: this
module only says which entries it is made of.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from locpipe import catalog
from locpipe.formats.pofile import parse_po
from locpipe.model import Catalog, Message
from locpipe.state import MEMORY, Store, memory_form

NO_HEADER = Message("")


def record_name(locale: str, name: str) -> str:
    """The name of the state's record of catalogue `name` of `locale`'s memory entries."""
    return f"{locale}\t{name}"


class MemorySources:
    """The catalogues the memory of one locale is made of in this run, each
    by the name a `# tm:` comment gives it."""

    def __init__(self, store: Store, locale: str, read: Callable[[Path], bytes]) -> None:
        self.store = store
        self.locale = locale
        self.read = read
        #: Entries taken this run, and the catalogues whose entries the state keeps.
        self.fresh: dict[str, tuple[Message, ...]] = {}
        self.kept: set[str] = set()
        self.removed: list[Message] = []
        #: The orphaned catalogues among them (the memory offers all of their
        #: human text).
        self.orphans: set[str] = set()

    def merged(self, name: str, cat: Catalog) -> None:
        """A catalogue of a live document or template, merged this run."""
        self.fresh[name] = catalog.memory_entries(cat)

    def unchanged(self, name: str) -> None:
        """A catalogue of a live document or template, as the last run left it."""
        self.kept.add(name)

    def file(
        self, name: str, path: Path, parsed: Catalog | None = None, *, orphan: bool = False
    ) -> None:
        """An orphaned catalogue or a compendium, taken as its file is
        (`parsed` when the run has read it already)."""
        if orphan:
            self.orphans.add(name)
        record = self.store.record(MEMORY, record_name(self.locale, name))
        if (
            parsed is None
            and record is not None
            and self.store.unchanged(path)
            and record.get("digest") == self.store.recorded_digest(path)
        ):
            self.kept.add(name)
            return
        cat = parsed if parsed is not None else parse_po(self.read(path), str(path))
        self.fresh[name] = catalog.memory_entries(cat)
        self.store.keep(MEMORY, self.locale, name, self.fresh[name])
        self.store.make(
            MEMORY,
            record_name(self.locale, name),
            {"digest": self.store.recorded_digest(path)},
        )

    def forget_others(self) -> None:
        """Drop what the state keeps of catalogues that are gone."""
        prefix = record_name(self.locale, "")
        for kind, recorded in list(self.store.records):
            if kind != MEMORY or not recorded.startswith(prefix):
                continue
            name = recorded[len(prefix) :]
            if name in self.fresh or name in self.kept:
                continue
            self.removed += self.store.stored(MEMORY, self.locale, [name])[name]
            self.store.keep(MEMORY, self.locale, name, None)
            self.store.make(MEMORY, recorded, None)

    def changed(self) -> catalog.Memory | None:
        """The entries that entered or left the memory since the last run
        (as a Memory, to match against), or None when none did."""
        entries = list(self.removed)
        for name, new in self.fresh.items():
            known = self.store.records.get((MEMORY, record_name(self.locale, name)))
            stored = self.store.stored(MEMORY, self.locale, [name])[name] if known else ()
            old = {memory_form(m) for m in stored}
            now = {memory_form(m) for m in new}
            entries += sorted(old ^ now, key=_order)
        if not entries:
            return None
        changed = Catalog(NO_HEADER, tuple(entries))
        return catalog.memory({"changed": changed}, orphaned={"changed orphan": changed})

    def catalogues(self) -> tuple[dict[str, Catalog], dict[str, Catalog]]:
        """Every catalogue the memory is made of, with just its memory
        entries: the live ones and compendia, and the orphaned ones."""
        kept = self.store.stored(MEMORY, self.locale, self.kept)
        found = {name: Catalog(NO_HEADER, entries) for name, entries in kept.items()}
        found.update((name, Catalog(NO_HEADER, e)) for name, e in self.fresh.items())
        orphaned = {name: found.pop(name) for name in self.orphans}
        return found, orphaned


def _order(m: Message) -> tuple[str, str, str, bool]:
    return (m.msgctxt or "", m.msgid, m.msgid_plural or "", m.obsolete)
