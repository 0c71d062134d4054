"""One run at a time: an advisory lock beside the locales directory."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from locpipe.config import Config
from locpipe.errors import LockedError
from locpipe.fsio import remove_stale_temps
from locpipe.layout import Paths, cache_dir


@contextmanager
def locked(path: Path, *, wait: bool, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) for the block.

    With `wait`, blocks until the other run ends, calling `on_wait` once
    first; without, raises LockedError at once. The kernel drops the lock when
    the process dies, so a killed run never leaves a stale lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            if not wait:
                raise LockedError(
                    "another locpipe run is working on these catalogues",
                    file=path,
                    fix="wait for it to finish, or run again without --no-wait to queue",
                ) from exc
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextmanager
def project_lock(
    config: Config, *, wait: bool, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the project's run lock (see `locked`) for the block, and first
    clear the temporary files that writes of a killed run left behind (only
    safe while holding the lock). Every writer of catalogues takes it: a
    run, and a save from the review page."""
    with locked(cache_dir(config) / "lock", wait=wait, on_wait=on_wait):
        paths = Paths.of(config)
        for folder in (paths.locales_dir, paths.build_dir):
            remove_stale_temps(folder)
        yield
