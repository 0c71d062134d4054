"""`locpipe status`: review progress per locale and domain, for people and CI.

Entries are counted per state (see `catalog.State`); obsolete (`#~`) entries
are counted apart and take no part in the percentages. Sizes are given the way
translators measure them: *source words* are the words of the English msgids
(whitespace-separated tokens with a letter or digit, so "—" or "»" is no
word); *characters* are the characters of translations without whitespace,
the usual measure for Chinese and Korean, where words are no useful unit
(Chinese has no spaces; a Korean eojeol packs several words).

`locpipe status --json` prints one object (keys stable; new keys may appear):

    {"version": 1,
     "catalogues": [ROW, ...],   one per locale and domain, sorted
     "locales":    [ROW, ...]}   per configured locale, summed ("domain": null)

where a ROW has

    locale, domain, path          path relative to the project, null in totals
    total                         active entries (all but obsolete)
    reviewed, machine, fuzzy,
    untranslated, obsolete        entries per state
    percent_reviewed              100 * reviewed / total (100.0 when total is 0)
    source_words                  words of the msgids of active entries
    reviewed_words                words of the msgids of reviewed entries
    percent_reviewed_words        100 * reviewed_words / source_words
    translated_chars              non-space characters of every translation
                                  (reviewed, machine and fuzzy entries)
    reviewed_chars                the same for reviewed entries only
    orphan                        true for a catalogue whose document or
                                  template is gone (see locpipe.orphans);
                                  orphans take no part in the totals

and "orphans" lists the paths of the orphaned catalogues.

`--fail-under PCT` fails (exit 1) when a configured locale's percent_reviewed
is below PCT, or when it has no catalogue at all (orphans do not count).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from locpipe import catalog
from locpipe.config import Config
from locpipe.formats.pofile import read_po
from locpipe.layout import Paths
from locpipe.model import Catalog, Message
from locpipe.orphans import of_project

JSON_VERSION = 1


def source_words(text: str) -> int:
    """Words of an English source text: tokens with a letter or digit."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def characters(text: str) -> int:
    """Characters of a translation, whitespace excluded (the CJK measure)."""
    return sum(1 for c in text if not c.isspace())


@dataclass(frozen=True, slots=True)
class Row:
    """The progress of one catalogue, or of a locale's catalogues summed."""

    locale: str
    domain: str | None
    path: str | None
    counts: catalog.Counts
    source_words: int = 0
    reviewed_words: int = 0
    translated_chars: int = 0
    reviewed_chars: int = 0
    orphan: bool = False

    @property
    def total(self) -> int:
        """Active entries: every state but obsolete."""
        c = self.counts
        return c.reviewed + c.machine + c.fuzzy + c.untranslated

    @property
    def percent_reviewed(self) -> float:
        return 100.0 * self.counts.reviewed / self.total if self.total else 100.0

    @property
    def percent_reviewed_words(self) -> float:
        if not self.source_words:
            return 100.0
        return 100.0 * self.reviewed_words / self.source_words

    def as_json(self) -> dict[str, object]:
        """The row as the JSON object documented in the module docstring."""
        c = self.counts
        return {
            "locale": self.locale,
            "domain": self.domain,
            "path": self.path,
            "total": self.total,
            "reviewed": c.reviewed,
            "machine": c.machine,
            "fuzzy": c.fuzzy,
            "untranslated": c.untranslated,
            "obsolete": c.obsolete,
            "percent_reviewed": round(self.percent_reviewed, 2),
            "source_words": self.source_words,
            "reviewed_words": self.reviewed_words,
            "percent_reviewed_words": round(self.percent_reviewed_words, 2),
            "translated_chars": self.translated_chars,
            "reviewed_chars": self.reviewed_chars,
            "orphan": self.orphan,
        }


def _words(message: Message) -> int:
    return source_words(message.msgid) + source_words(message.msgid_plural or "")


def _chars(message: Message) -> int:
    return sum(characters(t) for t in message.translations)


def row(locale: str, domain: str, path: str | None, cat: Catalog, orphan: bool = False) -> Row:
    """The progress of catalogue `cat`. Pure."""
    words = reviewed_words = chars = reviewed_chars = 0
    for message in cat.active():
        kind = catalog.state(message)
        words += _words(message)
        if kind is not catalog.State.UNTRANSLATED:
            chars += _chars(message)
        if kind is catalog.State.REVIEWED:
            reviewed_words += _words(message)
            reviewed_chars += _chars(message)
    return Row(
        locale=locale,
        domain=domain,
        path=path,
        counts=catalog.counts(cat),
        source_words=words,
        reviewed_words=reviewed_words,
        translated_chars=chars,
        reviewed_chars=reviewed_chars,
        orphan=orphan,
    )


def gather(config: Config, read: Callable[[Path], Catalog] = read_po) -> list[Row]:
    """One row per catalogue on disk for each configured locale, sorted;
    orphans (see locpipe.orphans) are marked. `read` reads a catalogue (a
    caller that reads them again passes a cache)."""
    paths = Paths.of(config)
    gone = set(of_project(config, paths).catalogues)
    rows: list[Row] = []
    for locale, po in paths.catalogs(config.locales):
        domain = paths.domain(locale, po)
        rows.append(row(locale, domain, config.shown(po), read(po), (locale, po) in gone))
    return rows


def totals(rows: Iterable[Row], locales: Sequence[str]) -> list[Row]:
    """Per locale of `locales`, its rows but orphans summed (zeros when it
    has none)."""
    result: list[Row] = []
    for locale in locales:
        mine = [r for r in rows if r.locale == locale and not r.orphan]
        counts = catalog.Counts(
            **{
                name: sum(getattr(r.counts, name) for r in mine)
                for name in ("reviewed", "machine", "fuzzy", "untranslated", "obsolete")
            }
        )
        result.append(
            Row(
                locale=locale,
                domain=None,
                path=None,
                counts=counts,
                source_words=sum(r.source_words for r in mine),
                reviewed_words=sum(r.reviewed_words for r in mine),
                translated_chars=sum(r.translated_chars for r in mine),
                reviewed_chars=sum(r.reviewed_chars for r in mine),
            )
        )
    return result


def below(rows: Sequence[Row], locales: Sequence[str], percent: float) -> list[str]:
    """One message per locale whose reviewed share is below `percent`, or
    that has no catalogue; empty when every locale passes."""
    problems: list[str] = []
    present = {r.locale for r in rows if not r.orphan}
    for total in totals(rows, locales):
        if total.locale not in present:
            problems.append(f"{total.locale}: no catalogue found (run: locpipe update)")
        elif total.percent_reviewed < percent:
            problems.append(
                f"{total.locale}: {total.percent_reviewed:.1f}% reviewed "
                f"({total.counts.reviewed} of {total.total} entries), below {percent:g}%"
            )
    return problems


def format_json(rows: Sequence[Row], locales: Sequence[str]) -> str:
    """The machine-readable report (see the module docstring)."""
    document = {
        "version": JSON_VERSION,
        "catalogues": [r.as_json() for r in rows],
        "locales": [r.as_json() for r in totals(rows, locales)],
        "orphans": [r.path for r in rows if r.orphan],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


_HEAD = (
    "locale",
    "domain",
    "reviewed",
    "machine",
    "fuzzy",
    "untranslated",
    "obsolete",
    "%reviewed",
    "src words",
    "chars",
)


def _cells(r: Row) -> tuple[str, ...]:
    c = r.counts
    domain = r.domain if r.domain is not None else "(all)"
    return (
        r.locale,
        f"{domain} (orphan)" if r.orphan else domain,
        str(c.reviewed),
        str(c.machine),
        str(c.fuzzy),
        str(c.untranslated),
        str(c.obsolete),
        f"{r.percent_reviewed:.1f}",
        str(r.source_words),
        str(r.translated_chars),
    )


def format_table(rows: Sequence[Row], locales: Sequence[str] = ()) -> str:
    """The rows as an aligned text table; after each locale with more than
    one catalogue, its total as a row with domain "(all)"."""
    lines: list[tuple[str, ...]] = [_HEAD]
    order = list(locales) or list(dict.fromkeys(r.locale for r in rows))
    sums = {t.locale: t for t in totals(rows, order)}
    for locale in order:
        mine = [r for r in rows if r.locale == locale and not r.orphan]
        lines += [_cells(r) for r in mine]
        if len(mine) > 1:
            lines.append(_cells(sums[locale]))
        lines += [_cells(r) for r in rows if r.locale == locale and r.orphan]
    widths = [max(len(line[i]) for line in lines) for i in range(len(_HEAD))]
    text = "\n".join(
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )
    if not rows:
        text += "\nno catalogues yet (run: locpipe update)"
    orphaned = sum(r.orphan for r in rows)
    if orphaned:
        text += (
            f"\n{orphaned} orphaned catalogue(s): their document or template is gone; "
            "not in the totals, still used as translation memory (locpipe prune removes them)"
        )
    return text
