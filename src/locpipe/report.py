"""What a run did: per locale, the entries it added, filled and left. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from locpipe import catalog
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


def of_locale(
    locale: str,
    catalogues: Mapping[str, Catalog],
    before: Mapping[str, Catalog | None],
    *,
    machine: int = 0,
    reused: int = 0,
    too_long: int = 0,
) -> LocaleReport:
    """The report of `locale` whose `catalogues` (by domain) are now as given
    and were `before` (None: no file): entries new to them and entries per
    state, with the counts the stages gave."""
    new = reviewed = fuzzy = untranslated = 0
    for domain, cat in catalogues.items():
        old = before[domain]
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
        too_long=too_long,
    )


def as_json(report: Report) -> dict[str, Any]:
    """What a later run needs of `report` to repeat it when nothing changed."""
    return {
        "locales": [asdict(row) for row in report.locales],
        "orphans": [str(p) for p in report.orphans],
    }


def from_json(state: dict[str, Any]) -> Report | None:
    """The report of a run that found nothing to do (the states as they are),
    from `as_json` of the last complete run, or None when the stored report
    is not one this version can read."""
    try:
        rows = [LocaleReport(**row) for row in state.get("locales", [])]
        named = tuple(Path(p) for p in state.get("orphans", []))
    except TypeError:
        return None
    return Report(
        locales=tuple(replace(r, new=0, machine=0, reused=0) for r in rows), orphans=named
    )
