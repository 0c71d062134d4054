"""Reading a catalogue for the review page and saving the reviewer's decisions.

The page is given the catalogue with its *version*, the SHA-256 of the file's
bytes as read. A save names that version: under the project's run lock the
file is read again, and if its bytes are no longer those the page was shown
(another tool saved it, a `locpipe` run wrote it) nothing is written and
ChangedOnDiskError says so; the page keeps what the reviewer typed. Otherwise
the decisions go through the lifecycle (`decisions.apply`), PO-Revision-Date
moves as in a run, and the file is written atomically by the msgcat-identical
writer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.formats.headers import stamped
from locpipe.formats.pofile import format_po, parse_po
from locpipe.fsio import atomic_write_bytes, read_bytes
from locpipe.lock import project_lock
from locpipe.model import Catalog
from locpipe.review.decisions import Decision, apply


class ChangedOnDiskError(LocpipeError):
    """The catalogue changed on disk since the page read it: nothing was written."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Loaded:
    """A catalogue as read, and the version (hash) of the bytes it was read from."""

    catalog: Catalog
    version: str


def version_of(data: bytes) -> str:
    """The version of a file's content: its SHA-256, hex."""
    return hashlib.sha256(data).hexdigest()


def parsed(data: bytes, shown: str) -> Loaded:
    """The catalogue in `data` (the bytes of the file shown as `shown`) and their version."""
    return Loaded(parse_po(data, shown), version_of(data))


def load(path: Path, shown: str) -> Loaded:
    """Read the catalogue at `path` with its version."""
    return parsed(read_bytes(path), shown)


def unchanged(path: Path, shown: str, version: str) -> bytes:
    """The bytes of `path`, which must still be those of `version`;
    ChangedOnDiskError, naming the file, when they are not or it is gone."""
    fix = (
        "reload the catalogue in the page to see the other change (your decisions "
        "stay in the page), then save again"
    )
    try:
        data = read_bytes(path)
    except FileNotFoundError as exc:
        raise ChangedOnDiskError(
            "the catalogue was removed since the page read it; nothing was written",
            file=shown,
            fix=fix,
        ) from exc
    if version_of(data) != version:
        raise ChangedOnDiskError(
            "the catalogue changed on disk since the page read it (saved by another "
            "tool or a locpipe run); nothing was written",
            file=shown,
            fix=fix,
        )
    return data


def save(
    config: Config,
    path: Path,
    version: str,
    decisions: Sequence[Decision],
    now: datetime,
) -> Loaded:
    """Apply `decisions` to the catalogue at `path`, which the page read at
    `version`, and write it; holding the run lock (LockedError at once when a
    run holds it). Returns the catalogue written and its new version."""
    shown = config.shown(path)
    with project_lock(config, wait=False):
        old = parse_po(unchanged(path, shown, version), shown)
        new = stamped(apply(old, decisions, config.format_flags), old, now)
        data = format_po(new).encode("utf-8")
        atomic_write_bytes(path, data)
    return parsed(data, shown)
