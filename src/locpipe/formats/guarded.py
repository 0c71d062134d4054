"""Catalogue files someone may save while locpipe holds them in memory.

`read` records what was read (`Tracked`: the catalogue and the fsio.Snapshot
of its bytes);
`save` writes a new catalogue over the file only while it still holds those
bytes. When someone saved it meanwhile (a reviewer in Poedit during a long
run, another tab of a review UI), their file is read and merged with ours,
their edits winning (locpipe.threeway), and the merge is written instead;
when their file cannot be read or was deleted, `save` raises ConcurrentEdit
and leaves it alone. Nothing a person saved is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from locpipe import threeway
from locpipe.errors import LocpipeError, PoSyntaxError
from locpipe.formats.pofile import format_po_bytes, parse_po
from locpipe.fsio import ChangedOnDisk, Snapshot, digest, read_tracked, write_if_unchanged
from locpipe.model import Catalog, Message

#: How often `save` merges and tries again when the file keeps changing
#: under it (someone saving every few milliseconds).
ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class Tracked:
    """A catalogue file as locpipe last read or wrote it: the Snapshot of
    its bytes and the catalogue they hold (None: there was no file).

    The catalogue is the base of a three-way merge; the one locpipe wrote
    serves as well as the file parsed back, since the merge compares entries
    as msgcat writes them (write, read, write is stable)."""

    path: Path
    snapshot: Snapshot
    catalog: Catalog | None


@dataclass(frozen=True, slots=True)
class Saved:
    """What `save` did: the file as it is now (the base of the next save),
    its bytes, how many entries of a save made meanwhile were kept (0:
    nobody saved meanwhile), and whether any byte changed."""

    tracked: Tracked
    data: bytes
    theirs: int
    changed: bool

    @property
    def catalog(self) -> Catalog:
        """The catalogue written: ours, or ours merged with their save."""
        assert self.tracked.catalog is not None
        return self.tracked.catalog


class ConcurrentEdit(LocpipeError):
    """Someone changed the file since it was read, in a way that cannot be
    merged (they deleted it, or it does not parse): it is left as they left it."""


def read(path: Path) -> Tracked:
    """The file at `path` as it is now (no file: catalogue None)."""
    data, snapshot = read_tracked(path)
    return tracked(Path(path), data, snapshot)


def tracked(path: Path, data: bytes | None, snapshot: Snapshot) -> Tracked:
    """The Tracked of `path` read as `data` with `snapshot` (parsed here)."""
    return Tracked(path, snapshot, None if data is None else parse_po(data, str(path)))


def save(
    ours: Catalog,
    base: Tracked,
    *,
    known: Mapping[Message, str] | None = None,
    attempts: int = ATTEMPTS,
) -> Saved:
    """Write `ours` to `base.path` unless the file changed since `base`; if it
    did, merge the change into `ours` (their edits win) and write that.
    `known` is format_po's: entries' texts already formatted.

    Raises ConcurrentEdit, writing nothing, when the file was deleted or its
    new content is not a catalogue locpipe can read, or it keeps changing
    after `attempts` merges.
    """
    catalog, expected = ours, base.snapshot
    theirs_kept = 0
    for _ in range(attempts):
        data = format_po_bytes(catalog, known)
        try:
            snapshot = write_if_unchanged(base.path, data, expected)
        except ChangedOnDisk as exc:
            merged = _merged(base, ours, exc.current)
            catalog, theirs_kept = merged.catalog, merged.theirs
            expected = Snapshot(base.path, digest(exc.current))
            continue
        changed = digest(data) != expected.sha256  # what the file held just before
        return Saved(Tracked(base.path, snapshot, catalog), data, theirs_kept, changed)
    raise ConcurrentEdit(
        f"changed on disk {attempts} times while locpipe tried to save it; left as it is",
        file=base.path,
        fix="run again when nobody is saving the file",
    )


def _merged(base: Tracked, ours: Catalog, current: bytes | None) -> threeway.Merged:
    """`ours` merged with `current`, what someone saved over `base`."""
    if current is None:
        raise ConcurrentEdit(
            "deleted while locpipe was working on it; not written again",
            file=base.path,
            fix="run again to recreate it, or restore it from version control",
        )
    try:
        theirs = parse_po(current, str(base.path))
    except PoSyntaxError as exc:
        raise ConcurrentEdit(
            f"saved by someone else meanwhile, and that save cannot be read: {exc.message}; "
            "not overwritten",
            file=base.path,
            line=exc.line,
            fix=exc.fix or "fix the file, then run again",
        ) from exc
    return threeway.merge(base.catalog, ours, theirs)
