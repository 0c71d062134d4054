"""Confidence triage: machine entries ordered by the engine's score, for review and CI.

The score is the one written in an entry's `# mt:` comment (`score:-0.42`):
the mean log-probability per target token the model gave its own output, so
0 is certain and lower is less sure. It ranks sentences for review; it is no
measure of quality (a model can be sure and wrong), and scores of different
models are not comparable. Entries from an engine without scores (the pseudo
engine) have none and come last.

`locpipe review --json` prints one object (keys stable; new keys may appear):

    {"version": 1,
     "entries": [{"file", "line", "locale", "domain", "score", "msgctxt",
                  "msgid", "msgstr", "ships"}, ...]}   lowest score first

where `line` is the entry's first line in the `.po` file, `score` is null
without one and `ships` says whether the entry goes into `.mo` files under
the configured compile policy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from locpipe import catalog
from locpipe.config import Config
from locpipe.formats.pofile import read_po
from locpipe.layout import Paths
from locpipe.model import Catalog
from locpipe.shipping import ships

JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class ScoredEntry:
    """A machine entry, where it is, and the engine's score for it."""

    file: str
    line: int
    locale: str
    domain: str
    score: float | None
    msgctxt: str | None
    msgid: str
    msgstr: str
    ships: bool

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _order(entry: ScoredEntry) -> tuple[bool, float, str, int]:
    return (entry.score is None, entry.score or 0.0, entry.file, entry.line)


def machine_entries(
    locale: str, domain: str, file: str, cat: Catalog, policy: str = "all"
) -> list[ScoredEntry]:
    """The machine entries of `cat` (state *machine*), in file order. Pure."""
    shipping = ships(policy)
    found = []
    for message in cat.active():
        if catalog.state(message) is not catalog.State.MACHINE:
            continue
        text = message.msgstr_plural[0] if message.msgid_plural is not None else message.msgstr
        found.append(
            ScoredEntry(
                file=file,
                line=message.lineno,
                locale=locale,
                domain=domain,
                score=catalog.mt_score(message),
                msgctxt=message.msgctxt,
                msgid=message.msgid,
                msgstr=text,
                ships=shipping(message),
            )
        )
    return found


def worst_first(entries: Iterable[ScoredEntry]) -> list[ScoredEntry]:
    """`entries` lowest score first; entries without a score last; then by place."""
    return sorted(entries, key=_order)


def gather(
    config: Config,
    locales: Sequence[str] | None = None,
    read: Callable[[Path], Catalog] = read_po,
) -> list[ScoredEntry]:
    """Every machine entry of the configured catalogues on disk (of `locales`
    only, when given), lowest score first; `read` reads a catalogue (a caller
    that has read them already passes its cache)."""
    paths = Paths.of(config)
    found: list[ScoredEntry] = []
    for locale, po in paths.catalogs(locales or config.locales):
        found += machine_entries(locale, po.stem, config.shown(po), read(po), config.compile)
    return worst_first(found)


def low_scoring(entries: Iterable[ScoredEntry], below: float) -> list[ScoredEntry]:
    """The shipping machine entries whose score is below `below`."""
    return [e for e in entries if e.ships and e.score is not None and e.score < below]


def _shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_listing(entries: Sequence[ScoredEntry], width: int = 60) -> str:
    """One line per entry: `file:line: score: source → translation`."""
    lines = []
    for e in entries:
        score = f"{e.score:.2f}" if e.score is not None else "-"
        lines.append(
            f"{e.file}:{e.line}: {score}: {_shorten(e.msgid, width)} → {_shorten(e.msgstr, width)}"
        )
    return "".join(line + "\n" for line in lines)


def format_json(entries: Sequence[ScoredEntry]) -> str:
    """The machine-readable listing (see the module docstring)."""
    document = {"version": JSON_VERSION, "entries": [e.as_json() for e in entries]}
    return json.dumps(document, ensure_ascii=False, indent=2)
