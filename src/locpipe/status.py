"""`locpipe status`: entries per state for each locale and domain."""

from __future__ import annotations

from dataclasses import dataclass

from locpipe import catalog
from locpipe.config import Config
from locpipe.pipeline import Paths
from locpipe.pofile import read_po


@dataclass(frozen=True, slots=True)
class Row:
    locale: str
    domain: str
    counts: catalog.Counts

    @property
    def percent_reviewed(self) -> float:
        c = self.counts
        total = c.reviewed + c.machine + c.fuzzy + c.untranslated
        return 100.0 * c.reviewed / total if total else 100.0


def gather(config: Config) -> list[Row]:
    """One row per catalogue under the locales directory, for the configured locales."""
    paths = Paths.of(config)
    rows: list[Row] = []
    for locale in config.locales:
        folder = paths.locales_dir / locale / "LC_MESSAGES"
        for po in sorted(folder.glob("*.po")):
            rows.append(Row(locale, po.stem, catalog.counts(read_po(po))))
    return rows


def format_table(rows: list[Row]) -> str:
    """The rows as an aligned text table."""
    head = ("locale", "domain", "reviewed", "machine", "fuzzy", "untranslated", "obsolete", "%rev")
    lines = [head]
    for r in rows:
        c = r.counts
        lines.append(
            (
                r.locale,
                r.domain,
                str(c.reviewed),
                str(c.machine),
                str(c.fuzzy),
                str(c.untranslated),
                str(c.obsolete),
                f"{r.percent_reviewed:.1f}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )
