"""Reading a catalogue for the review page and saving the reviewer's decisions.

The page is given the catalogue with its *version*, the SHA-256 of the file's
bytes as read. A save names that version: under the project's run lock the
file is read again, and if its bytes are no longer those the page was shown
(another tool saved it, a `locpipe` run wrote it) nothing is written and
ChangedOnDiskError says so; the page keeps what the reviewer typed. Otherwise
the decisions go through the lifecycle (`decisions.apply`), PO-Revision-Date
moves as in a run, and the file is written by the msgcat-identical writer
through `fsio.write_if_unchanged`, which checks the bytes once more just
before its rename (an editor takes no lock, so a save can land meanwhile).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.formats.headers import stamped
from locpipe.formats.pofile import format_po, parse_po
from locpipe.fsio import ChangedOnDisk, Snapshot, digest, read_bytes, write_if_unchanged
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


def parsed(data: bytes, shown: str) -> Loaded:
    """The catalogue in `data` (the bytes of the file shown as `shown`) and
    their version: their SHA-256, as `fsio` records what it read."""
    version = digest(data)
    assert version is not None
    return Loaded(parse_po(data, shown), version)


def load(path: Path, shown: str) -> Loaded:
    """Read the catalogue at `path` with its version."""
    return parsed(read_bytes(path), shown)


_FIX = (
    "reload the catalogue in the page to see the other change (your decisions "
    "stay in the page), then save again"
)


def _changed(shown: str, gone: bool) -> ChangedOnDiskError:
    if gone:
        return ChangedOnDiskError(
            "the catalogue was removed since the page read it; nothing was written",
            file=shown,
            fix=_FIX,
        )
    return ChangedOnDiskError(
        "the catalogue changed on disk since the page read it (saved by another "
        "tool or a locpipe run); nothing was written",
        file=shown,
        fix=_FIX,
    )


def unchanged(path: Path, shown: str, version: str) -> bytes:
    """The bytes of `path`, which must still be those of `version`;
    ChangedOnDiskError, naming the file, when they are not or it is gone."""
    try:
        data = read_bytes(path)
    except FileNotFoundError as exc:
        raise _changed(shown, gone=True) from exc
    if digest(data) != version:
        raise _changed(shown, gone=False)
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
        try:
            write_if_unchanged(path, data, Snapshot(path, version))
        except ChangedOnDisk as exc:
            raise _changed(shown, gone=exc.current is None) from exc
    return parsed(data, shown)
