"""What a run did: per locale, the entries it added, filled and left. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from locpipe import catalog
from locpipe.errors import LocpipeError
from locpipe.model import Catalog


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
    #: Catalogues someone saved during the run, their save merged in: (path,
    #: how many of their entries were kept).
    merged: tuple[tuple[Path, int], ...] = field(default=())
    #: Files someone changed during the run that could not be merged: left as
    #: they are, not compiled, each with the reason.
    conflicts: tuple[LocpipeError, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Tally:
    """A catalogue's active entries per state, as a report counts them, and
    how many of its untranslated texts are too long for MT."""

    reviewed: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    too_long: int = 0

    @classmethod
    def of(cls, cat: Catalog, too_long: int = 0) -> Tally:
        counts = catalog.counts(cat)
        return cls(counts.reviewed, counts.fuzzy, counts.untranslated, too_long)


def new_entries(cat: Catalog, before: Catalog | None) -> int:
    """How many active entries of `cat` were not active in `before` (None: no file)."""
    old_keys = {m.key for m in before.active()} if before is not None else set()
    return sum(1 for m in cat.active() if m.key not in old_keys)


def of_locale(
    locale: str,
    tallies: Iterable[Tally],
    *,
    new: int = 0,
    machine: int = 0,
    reused: int = 0,
) -> LocaleReport:
    """The report of `locale` whose catalogues have `tallies`, with the
    entries the run added (`new`), machine-translated and filled from memory."""
    reviewed = fuzzy = untranslated = too_long = 0
    for tally in tallies:
        reviewed += tally.reviewed
        fuzzy += tally.fuzzy
        untranslated += tally.untranslated
        too_long += tally.too_long
    return LocaleReport(
        locale=locale,
        new=new,
        machine=machine,
        reused=reused,
        reviewed=reviewed,
        fuzzy=fuzzy,
        untranslated=untranslated,
        too_long=too_long,
    )
