"""Atomic file IO: the only place locpipe writes catalogue files.

A write goes to a temporary file in the target's directory, is flushed to
disk, then renamed over the target, so a reader (or a crash) sees either the
old file or the new one, never half of one. Writing identical bytes is a
no-op, so re-runs leave file modification times alone.

A file someone else may edit while locpipe holds it in memory (a catalogue a
reviewer saves from Poedit during a run, or from a review UI) is read with
`read_tracked`, which records a `Snapshot` of what was read, and written back
with `write_if_unchanged`, which refuses (`ChangedOnDisk`, carrying what is on
disk now) when the file no longer holds what was read. The caller then merges
their text in (see `locpipe.formats.guarded`) or leaves the file alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from locpipe.errors import LocpipeError


def read_bytes(path: Path) -> bytes:
    """The content of `path`. Raises OSError (FileNotFoundError, …) as usual."""
    return Path(path).read_bytes()


#: A name fit to be one path component whatever wrote it: ASCII letters and
#: digits first, then also `.`, `_`, `+` and `-`; no separator, no `..`.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")


def is_safe_name(name: str) -> bool:
    """Whether `name` (from a package index, an archive, a metadata file) can
    name a file or folder without escaping the folder it is put in: no
    separator, not `.` or `..`, no `..` inside, no control or other special
    character, not absolute, at most 200 characters."""
    return _SAFE_NAME.fullmatch(name) is not None and ".." not in name


def within(path: Path, folder: Path) -> bool:
    """Whether `path`, symbolic links resolved, is `folder` or lies inside it."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def _naming(exc: OSError, path: Path, temp: str | None) -> OSError:
    """`exc` with the target's name when it names no file or the temporary one
    (a full disk fails in write or fsync, which name no file)."""
    if exc.filename is not None and exc.filename != temp:
        return exc
    return OSError(exc.errno, exc.strerror or str(exc), str(path))


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; return False when nothing changed.

    The parent directories are created when missing. When `path` already holds
    exactly `data` the file is not touched (its mtime is unchanged) and the
    result is False. Otherwise the data goes to a temporary file in the same
    directory, is fsync'ed, and replaces `path` with `os.replace`; the result
    is True. An existing file's permission bits are kept. An OSError (a full
    disk, no permission) names `path` and leaves no temporary file behind.
    """
    return atomic_write(path, data)[0]


def atomic_write(path: Path, data: bytes) -> tuple[bool, Stamp]:
    """`atomic_write_bytes`, and the Stamp of the file locpipe left: the one
    it wrote, or the one it found already holding `data`."""
    path = Path(path)
    mode: int | None = None
    try:
        with path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            mode = status.st_mode & 0o7777
            if status.st_size == len(data) and _holds(stream, data):
                return False, (status.st_size, status.st_mtime_ns, status.st_ino)
    except FileNotFoundError:
        pass
    written = _replace(path, data, mode)
    return True, (written.st_size, written.st_mtime_ns, written.st_ino)


#: How much of a file is read at once to compare or hash it (a large
#: catalogue is never read whole just for that).
_CHUNK = 1 << 20


def _holds(stream: BinaryIO, data: bytes) -> bool:
    """Whether the rest of `stream` is exactly `data`, read a chunk at a time."""
    view = memoryview(data)
    at = 0
    while chunk := stream.read(_CHUNK):
        if view[at : at + len(chunk)] != chunk:
            return False
        at += len(chunk)
    return at == len(data)


def _replace(
    path: Path, data: bytes, mode: int | None, before_rename: Callable[[], None] | None = None
) -> os.stat_result:
    """Write `data` to a new temporary file beside `path` and rename it over
    `path`; return the status of the file written (taken before the rename,
    so it describes locpipe's bytes even if someone writes the file right
    after). `before_rename` runs last before the rename and may raise to
    cancel it; the temporary file is removed then."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp_name = _create_temp(path)
    except OSError as exc:  # it names the temporary file; the user knows the target
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
            if mode is not None:
                os.fchmod(tmp.fileno(), mode)
            written = os.fstat(tmp.fileno())
        if before_rename is not None:
            before_rename()
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise _naming(exc, path, tmp_name) from exc
        raise
    _fsync_dir(path.parent)
    return written


def remove(path: Path) -> bool:
    """Delete the file at `path`; False when it was already gone."""
    try:
        Path(path).unlink()
    except FileNotFoundError:
        return False
    return True


#: What names a temporary file as locpipe's: `.<target name>.locpipe-<8 hex>.tmp`.
TEMP_MARK = ".locpipe-"


def _create_temp(path: Path) -> tuple[int, str]:
    """A new file next to `path`, created with the umask's default permissions."""
    for _ in range(100):
        name = os.path.join(path.parent, f".{path.name}{TEMP_MARK}{secrets.token_hex(4)}.tmp")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file next to {path}")


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable; not every platform can open a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: The name `_create_temp` gives a temporary file, and only it.
_TEMP_NAME = re.compile(r"\..+" + re.escape(TEMP_MARK) + r"[0-9a-f]{8}\.tmp")


def is_temp_name(name: str) -> bool:
    """Whether `name` is one `_create_temp` makes (an interrupted write's leftover)."""
    return _TEMP_NAME.fullmatch(name) is not None


def remove_stale_temps(directory: Path) -> list[Path]:
    """Delete the temporary files interrupted writes left under `directory`.

    A write killed between creating its temporary file and the rename leaves
    that file behind (the target itself is intact). Only regular files named
    as locpipe names its own (`is_temp_name`) are removed, and symbolic links
    to folders are not followed, so nothing outside `directory` is touched.
    Call this only while holding the run lock: another run's write in flight
    looks the same. Returns the files removed.
    """
    removed: list[Path] = []
    if not Path(directory).is_dir():
        return removed
    for folder, _dirs, files in os.walk(directory, followlinks=False):
        for name in sorted(files):
            path = Path(folder) / name
            if is_temp_name(name) and path.is_file() and not path.is_symlink():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return sorted(removed)


# ---------------------------------------------------------------- tracked files


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file held when locpipe last read or wrote it.

    `sha256` is None when there was no file. `size`, `mtime_ns` and `ino`
    are the file's status then (-1 when unknown): enough to tell later,
    without reading it, whether the file is still the one locpipe left.
    """

    path: Path
    sha256: str | None
    size: int = -1
    mtime_ns: int = -1
    ino: int = -1

    @property
    def stamp(self) -> Stamp:
        """What `stamp_of` gives while the file is unchanged."""
        return (self.size, self.mtime_ns, self.ino)


#: (size, mtime_ns, inode) of a file: a save in place moves the mtime, an
#: atomic save (a rename, as editors and locpipe do) the inode.
Stamp = tuple[int, int, int]


def digest(data: bytes | None) -> str | None:
    """The SHA-256 of `data` (hex), or None for no file."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def stamp_of(path: Path) -> Stamp | None:
    """The Stamp of the file at `path`, or None when there is none."""
    try:
        status = Path(path).stat()
    except FileNotFoundError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def read_tracked(path: Path) -> tuple[bytes | None, Snapshot]:
    """The bytes of `path` (None when there is no file) and a Snapshot of them."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            data = stream.read()
    except FileNotFoundError:
        return None, Snapshot(path, None)
    return data, Snapshot(path, digest(data), status.st_size, status.st_mtime_ns, status.st_ino)


def _snapshot(path: Path) -> Snapshot:
    """The Snapshot of `path` as it is now, hashed a chunk at a time (the
    bytes are not kept: a save compares a large catalogue by its hash)."""
    try:
        with path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            h = hashlib.sha256()
            while chunk := stream.read(_CHUNK):
                h.update(chunk)
    except FileNotFoundError:
        return Snapshot(path, None)
    return Snapshot(path, h.hexdigest(), status.st_size, status.st_mtime_ns, status.st_ino)


def _current(path: Path) -> bytes | None:
    """The bytes of `path`, None when there is no file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


class ChangedOnDisk(LocpipeError):
    """A file changed on disk since locpipe read it: someone else saved it.

    `current` holds what is there now (None: the file was deleted), so the
    caller can merge it with its own version and try again.
    """

    def __init__(self, path: Path, current: bytes | None) -> None:
        super().__init__(
            "changed on disk since locpipe read it (someone saved it meanwhile); not overwritten",
            file=path,
            fix="run again: the next run starts from the file as it is now",
        )
        self.current = current


def write_if_unchanged(path: Path, data: bytes, expected: Snapshot) -> Snapshot:
    """Write `data` to `path` atomically unless the file no longer holds what
    `expected` recorded; return the Snapshot of the file as left.

    Raises ChangedOnDisk (nothing written) when the file's bytes differ from
    the snapshot's, or it appeared or vanished. The check runs again just
    before the rename, after the new bytes are on disk, which leaves the
    smallest window a rename-based write can. Writing the bytes already there
    changes nothing (the mtime stays).
    """
    path = Path(path)
    now = _snapshot(path)
    if now.sha256 != expected.sha256:
        raise ChangedOnDisk(path, _current(path))
    if now.sha256 == digest(data):
        return now

    def still_unchanged() -> None:
        if _snapshot(path).sha256 != expected.sha256:
            raise ChangedOnDisk(path, _current(path))

    mode = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o7777
    written = _replace(path, data, mode, still_unchanged)
    return Snapshot(path, digest(data), written.st_size, written.st_mtime_ns, written.st_ino)
