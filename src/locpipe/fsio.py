"""Atomic file IO: the only place locpipe writes catalogue files.

A write goes to a temporary file in the target's directory, is flushed to
disk, then renamed over the target, so a reader (or a crash) sees either the
old file or the new one, never half of one. Writing identical bytes is a
no-op, so re-runs leave file modification times alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path


def read_bytes(path: Path) -> bytes:
    """The content of `path`. Raises OSError (FileNotFoundError, …) as usual."""
    return Path(path).read_bytes()


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
    path = Path(path)
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
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
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise _naming(exc, path, tmp_name) from exc
        raise
    _fsync_dir(path.parent)
    return True


def remove(path: Path) -> bool:
    """Delete the file at `path`; False when it was already gone."""
    try:
        Path(path).unlink()
    except FileNotFoundError:
        return False
    return True


def _create_temp(path: Path) -> tuple[int, str]:
    """A new file next to `path`, created with the umask's default permissions."""
    for _ in range(100):
        name = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.tmp")
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


#: The name `_create_temp` gives a temporary file: `.<target name>.<8 hex>.tmp`.
_TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")


def remove_stale_temps(directory: Path) -> list[Path]:
    """Delete the temporary files interrupted writes left under `directory`.

    A write killed between creating its temporary file and the rename leaves
    that file behind (the target itself is intact). Call this only while
    holding the run lock: another run's write in flight looks the same.
    Returns the files removed.
    """
    removed: list[Path] = []
    if not Path(directory).is_dir():
        return removed
    for path in sorted(Path(directory).rglob(".*.tmp")):
        if _TEMP_NAME.fullmatch(path.name) and path.is_file() and not path.is_symlink():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed
