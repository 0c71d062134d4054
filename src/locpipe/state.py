"""What the last run saw and made, so that a re-run does only what changed.

`.locpipe-cache/state.sqlite` records, for every file a run read or wrote
(source documents, templates, catalogues, compiled files, rebuilt
documents), its size, modification and change times, inode and a hash of
its bytes; per catalogue what it was merged from and what it holds (counts,
entries still untranslated); per compiled file and rebuilt document what it
was made from; and per catalogue of each locale the entries the translation
memory takes from it (catalog.memory_entries), so the memory of a locale is
read from here instead of from every catalogue.

The state is a cache: safe to delete, never trusted blindly. Each row
carries a hash of its own content, checked when it is read; a state written
by another version of locpipe (or other code), for another configuration, or
one SQLite cannot read, is ignored whole, and the run does all the work,
with the same bytes out.

A file counts as unchanged when its size, times and inode are those
recorded. As in git, a file whose timestamps were within MARGIN_NS of the
moment it was recorded is "racily clean": an edit in the same clock tick
would not show in its times, so its bytes are hashed and compared instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any

from locpipe import __version__
from locpipe.config import Config
from locpipe.fsio import Stamp, remove
from locpipe.layout import cache_dir
from locpipe.model import Message

#: The layout of the tables; a state of another layout is ignored.
SCHEMA = 2
STATE_FILE = "state.sqlite"
#: A file whose times are this close to the moment it was recorded is hashed
#: on the next run (timestamps are as coarse as a clock tick, two seconds on
#: FAT; see the module docstring).
MARGIN_NS = 2_000_000_000

#: The kinds of entries kept per catalogue: what the memory takes from it,
#: and its untranslated entries.
MEMORY = "memory"
OPEN = "open"

#: `meta` holds the key (schema, code, configuration); `blobs` the files
#: and records, each one JSON text read whole (a run needs all of them, and
#: one read is faster than thousands of rows); `entries` the entries kept
#: per catalogue (MEMORY, OPEN) as zlib-compressed JSON, read only when a
#: run needs them.
_TABLES = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL, checksum TEXT NOT NULL)",
    "CREATE TABLE entries (kind TEXT NOT NULL, locale TEXT NOT NULL, name TEXT NOT NULL,"
    " data BLOB NOT NULL, checksum TEXT NOT NULL, PRIMARY KEY (kind, locale, name))",
)


class StateError(Exception):
    """The state cannot be trusted (corrupt, or not what this run expects).
    Never reaches the user: the run starts again without the state."""


def digest(data: bytes) -> str:
    """The hash of a file's bytes recorded in the state."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _checksum(*parts: str | bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Seen:
    """A file as a run saw it: its stat fields, the hash of its bytes, when
    it was seen (time.time_ns), and whether the bytes are what locpipe wrote."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    digest: str
    seen_ns: int
    ours: bool = False

    @classmethod
    def of(cls, stat: os.stat_result, data: bytes, seen_ns: int, ours: bool = False) -> Seen:
        return cls(
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ctime_ns,
            stat.st_ino,
            digest(data),
            seen_ns,
            ours,
        )

    def same_stat(self, stat: os.stat_result) -> bool:
        return (self.size, self.mtime_ns, self.ctime_ns, self.ino) == (
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ctime_ns,
            stat.st_ino,
        )

    @property
    def racy(self) -> bool:
        """True when an edit in the same clock tick as the recorded times
        would not show in them: the bytes must be compared."""
        return max(self.mtime_ns, self.ctime_ns) + MARGIN_NS > self.seen_ns


def stat(path: Path) -> os.stat_result | None:
    """`os.stat` of the file at `path`, or None when there is no such file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found if S_ISREG(found.st_mode) else None


def code_key() -> str:
    """A hash of locpipe's version and the size and mtime of its modules, so
    a state written by other code (an upgrade, a developer's edit) is not trusted."""
    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    for root, dirs, files in os.walk(package):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(root, name))
                h.update(f"{root}/{name}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    return h.hexdigest()


def config_key(config: Config) -> str:
    """A hash of the configuration as read, and of its file."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(config).encode())
    if config.config_file is not None:
        with contextlib.suppress(OSError):
            h.update(config.config_file.read_bytes())
    return h.hexdigest()


def _encode_message(m: Message) -> list[Any]:
    """What the memory reads of an entry (not its references, extracted
    comments or line), as JSON."""
    return [
        m.msgid,
        m.msgstr,
        m.msgctxt,
        m.msgid_plural,
        list(m.msgstr_plural),
        list(m.flags),
        list(m.translator_comments),
        m.previous_msgctxt,
        m.previous_msgid,
        m.previous_msgid_plural,
        m.obsolete,
    ]


def memory_form(m: Message) -> Message:
    """`m` as the state keeps it for the memory (see `_encode_message`)."""
    return _decode_message(_encode_message(m))


def _decode_message(row: list[Any]) -> Message:
    (msgid, msgstr, ctx, plural, forms, flags, comments, pctx, pid, pplural, obsolete) = row
    return Message(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=ctx,
        msgid_plural=plural,
        msgstr_plural=tuple(forms),
        flags=tuple(flags),
        translator_comments=tuple(comments),
        previous_msgctxt=pctx,
        previous_msgid=pid,
        previous_msgid_plural=pplural,
        obsolete=bool(obsolete),
    )


@dataclass
class Store:
    """The state of the last run (empty when there is none to trust), and
    what this run has seen and made, saved together by `save`."""

    root: Path
    path: Path
    key: str
    files: dict[str, Seen] = field(default_factory=dict)
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    #: What this run changes, written by `save`.
    seen: dict[str, Seen | None] = field(default_factory=dict)
    made: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)
    #: Entries kept, as the JSON their row holds (encoded when kept, so the
    #: copies made for the state do not live until `save`).
    kept: dict[tuple[str, str, str], bytes | None] = field(default_factory=dict)
    trusted: bool = False
    _db: sqlite3.Connection | None = None
    _prefix: str = ""

    def __post_init__(self) -> None:
        self._prefix = str(self.root).rstrip(os.sep) + os.sep

    # -- reading the state -----------------------------------------------------

    @classmethod
    def open(cls, config: Config, *, trust: bool = True) -> Store:
        """The state of `config`'s project; an empty one (every file counts as
        changed) when there is none, it cannot be trusted, or not `trust`."""
        folder = cache_dir(config)
        key = _checksum(str(SCHEMA), code_key(), config_key(config))
        store = cls(config.root, folder / STATE_FILE, key)
        if not trust or not store.path.is_file():
            return store
        try:
            store._load()
        except (sqlite3.Error, StateError, ValueError, TypeError, KeyError, AttributeError):
            store.close()
            store.files.clear()
            store.records.clear()
            return store
        store.trusted = True
        return store

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, isolation_level=None)

    def _reader(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._connect()
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _load(self) -> None:
        db = self._reader()
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("key") != self.key or meta.get("checksum") != _checksum(self.key):
            raise StateError("another version, code or configuration")
        blobs = {}
        for name, data, checksum in db.execute("SELECT name, data, checksum FROM blobs"):
            if checksum != _checksum(name, data):
                raise StateError(f"corrupt {name}")
            blobs[name] = json.loads(data)
        self.files = {path: Seen(*fields) for path, fields in blobs["files"].items()}
        for kind, name, value in blobs["records"]:
            if not isinstance(value, dict):
                raise StateError(f"corrupt record {kind} {name}")
            self.records[kind, name] = value

    def relative(self, path: Path) -> str:
        """`path` as the state names it: relative to the project (a string
        operation: a run may ask for thousands)."""
        text = str(path)
        prefix = self._prefix
        return text[len(prefix) :] if text.startswith(prefix) else text

    def unchanged(self, path: Path) -> bool:
        """True when `path` holds what the last run recorded (see the module
        docstring). A racily clean file that turns out unchanged is recorded
        again, now safely."""
        name = self.relative(path)
        seen = self.seen[name] if name in self.seen else self.files.get(name)
        if seen is None:
            return False
        now_stat = stat(path)
        if now_stat is None or not seen.same_stat(now_stat):
            return False
        if not seen.racy:
            return True
        now = time.time_ns()
        try:
            data = path.read_bytes()
        except OSError:
            return False
        if digest(data) != seen.digest:
            return False
        after = stat(path)
        if after is not None and seen.same_stat(after):
            self.seen[name] = Seen.of(after, data, now, seen.ours)
        return True

    def recorded_digest(self, path: Path) -> str | None:
        """The hash recorded for `path` (call `unchanged` first)."""
        name = self.relative(path)
        seen = self.seen.get(name) if name in self.seen else self.files.get(name)
        return seen.digest if seen is not None else None

    def record(self, kind: str, name: str) -> dict[str, Any] | None:
        """What the last run recorded as `kind` `name` (this run's, once made)."""
        if (kind, name) in self.made:
            return self.made[kind, name]
        return self.records.get((kind, name))

    def stored(
        self, kind: str, locale: str, names: Iterable[str]
    ) -> dict[str, tuple[Message, ...]]:
        """The entries of `kind` (MEMORY, OPEN) the last run kept for each of
        the catalogues `names` of `locale`; StateError when some are missing
        or corrupt."""
        wanted = set(names)
        if not wanted:
            return {}
        if not self.trusted:
            raise StateError("no state")
        found: dict[str, tuple[Message, ...]] = {}
        try:
            rows = self._reader().execute(
                "SELECT name, data, checksum FROM entries WHERE kind = ? AND locale = ?",
                (kind, locale),
            )
            for name, blob, checksum in rows:
                if name not in wanted:
                    continue
                if checksum != _checksum(kind, locale, name, blob):
                    raise StateError(f"corrupt {kind} entries of {locale} {name}")
                found[name] = tuple(_decode_message(m) for m in json.loads(zlib.decompress(blob)))
        except (sqlite3.Error, ValueError, TypeError, zlib.error) as exc:
            raise StateError(str(exc)) from exc
        if len(found) != len(wanted):
            raise StateError(f"no {kind} entries for {sorted(wanted - set(found))}")
        return found

    # -- what this run saw and made --------------------------------------------

    def saw(self, path: Path, data: bytes, stat: os.stat_result | None, seen_ns: int) -> None:
        """Record that `path` held `data` when stat'ed as `stat` at
        `seen_ns` (stat before reading, so an edit after it shows as a change)."""
        name = self.relative(path)
        if stat is None:
            self.seen[name] = None
            return
        known = self.seen[name] if name in self.seen else self.files.get(name)
        seen = Seen.of(stat, data, seen_ns)
        ours = known is not None and known.ours and known.digest == seen.digest
        self.seen[name] = Seen.of(stat, data, seen_ns, ours)

    def wrote(self, path: Path, data: bytes, left: Stamp | None = None) -> None:
        """Record that this run left `data` in `path`. `left` is the stamp of
        the file as written (fsio.atomic_write): when the file no longer has
        it, someone saved over it right after, and nothing is recorded (the
        next run reads the file) rather than their file as locpipe's."""
        now = time.time_ns()
        found = stat(path)
        now_stamp = (found.st_size, found.st_mtime_ns, found.st_ino) if found else None
        if left is not None and now_stamp != left:
            found = None
        self.seen[self.relative(path)] = Seen.of(found, data, now, True) if found else None

    def ours(self, path: Path) -> bool:
        """True when `path`, as this run saw it, holds what locpipe wrote there."""
        name = self.relative(path)
        seen = self.seen[name] if name in self.seen else self.files.get(name)
        return seen is not None and seen.ours

    def make(self, kind: str, name: str, value: dict[str, Any] | None) -> None:
        """Record `kind` `name` (None: forget it)."""
        self.made[kind, name] = value

    def keep(self, kind: str, locale: str, name: str, entries: Iterable[Message] | None) -> None:
        """Keep the entries of `kind` of catalogue `name` of `locale` (None: forget them)."""
        self.kept[kind, locale, name] = _encoded(entries) if entries is not None else None

    def save(self) -> None:
        """Write what this run saw and made, in one transaction (a run killed
        while saving leaves the previous state)."""
        if self.trusted and not (self.seen or self.made or self.kept):
            self.close()
            return  # nothing new: a run that found nothing to do writes nothing
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._save()
        except sqlite3.Error:
            # The state is a cache: one that cannot be written is dropped.
            with contextlib.suppress(OSError):
                remove(self.path)

    def _save(self) -> None:
        self.close()
        if not self.trusted:
            with contextlib.suppress(OSError):
                remove(self.path)
        files = {**self.files, **self.seen}
        records = {**self.records, **self.made}
        blobs = {
            "files": json.dumps(
                {name: _seen_fields(seen) for name, seen in files.items() if seen is not None}
            ).encode(),
            "records": json.dumps(
                [[kind, name, value] for (kind, name), value in records.items() if value],
                ensure_ascii=False,
            ).encode(),
        }
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            if not self.trusted:
                for table in _TABLES:
                    db.execute(table)
            db.execute("DELETE FROM meta")
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("key", self.key), ("checksum", _checksum(self.key))],
            )
            db.execute("DELETE FROM blobs")
            db.executemany(
                "INSERT INTO blobs VALUES (?, ?, ?)",
                [(name, data, _checksum(name, data)) for name, data in blobs.items()],
            )
            db.executemany(
                "DELETE FROM entries WHERE kind = ? AND locale = ? AND name = ?", list(self.kept)
            )
            db.executemany(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?)",
                _entry_rows((k, v) for k, v in self.kept.items() if v is not None),
            )
            db.execute("COMMIT")
        finally:
            db.close()


def _seen_fields(seen: Seen) -> list[object]:
    return [
        seen.size,
        seen.mtime_ns,
        seen.ctime_ns,
        seen.ino,
        seen.digest,
        seen.seen_ns,
        seen.ours,
    ]


def _encoded(entries: Iterable[Message]) -> bytes:
    """`entries` as the JSON list of `_encode_message` rows, compressed,
    entry by entry: a large document's entries are held until `save`, and
    neither their rows nor their whole text are ever held at once."""
    packer = zlib.compressobj(1)
    out = [packer.compress(b"[")]
    separator = b""
    for m in entries:
        row = json.dumps(_encode_message(m), ensure_ascii=False).encode()
        out.append(packer.compress(separator + row))
        separator = b", "
    out.append(packer.compress(b"]"))
    out.append(packer.flush())
    return b"".join(out)


def _entry_rows(
    items: Iterable[tuple[tuple[str, str, str], bytes]],
) -> Iterator[tuple[str, str, str, bytes, str]]:
    for (kind, locale, name), blob in items:
        yield kind, locale, name, blob, _checksum(kind, locale, name, blob)
