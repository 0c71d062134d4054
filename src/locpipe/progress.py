"""Progress: the protocol the library reports through, and its displays.

The library only sees `Progress` (and `NullProgress` when nobody watches);
the CLI makes a `TerminalProgress` with `make_progress`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol, TextIO


class Progress(Protocol):
    """What the library reports while it works (sentences translated, bytes
    downloaded); the CLI draws it."""

    def start(self, label: str, total: int) -> None: ...
    def advance(self, done: int) -> None: ...
    def finish(self) -> None: ...


class NullProgress:
    """Progress that shows nothing (--quiet, tests)."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, done: int) -> None:
        pass

    def finish(self) -> None:
        pass


BAR_WIDTH = 30
PLAIN_INTERVAL = 5.0  # seconds between lines when not on a terminal


class TerminalProgress:
    """A bar with rate and ETA on a TTY; a plain line every few seconds elsewhere."""

    def __init__(
        self,
        stream: TextIO,
        tty: bool,
        renderer: Callable[[str, int, int, float], str] | None = None,
    ) -> None:
        self.stream = stream
        self.tty = tty
        self.renderer = renderer or render
        self.label = ""
        self.total = 0
        self.started = 0.0
        self.last_line = 0.0

    def start(self, label: str, total: int) -> None:
        self.label, self.total = label, total
        self.started = self.last_line = time.monotonic()
        self._draw(0, force=True)

    def advance(self, done: int) -> None:
        self._draw(done, force=bool(self.total) and done >= self.total)

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, done: int, *, force: bool) -> None:
        now = time.monotonic()
        if not self.tty and not force and now - self.last_line < PLAIN_INTERVAL:
            return
        self.last_line = now
        line = self.renderer(self.label, done, self.total, now - self.started)
        if self.tty:
            self.stream.write("\r" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def render(label: str, done: int, total: int, elapsed: float) -> str:
    """One progress line: label, bar, count, sentences per second and ETA."""
    fraction = done / total if total else 1.0
    filled = int(BAR_WIDTH * fraction)
    bar = "█" * filled + "·" * (BAR_WIDTH - filled)
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = (total - done) / rate if rate > 0 else 0.0
    return (
        f"translating {label:<6} {bar} {done}/{total} "
        f"{rate:6.1f} sent/s  ETA {int(eta) // 60}:{int(eta) % 60:02d}"
    )


def _size(count: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    raise AssertionError("unreachable")


def render_bytes(label: str, done: int, total: int, elapsed: float) -> str:
    """One download line: label, bar, bytes so far of the total, rate and ETA.

    `total` 0 means the server announced no length: no bar, no ETA.
    """
    rate = done / elapsed if elapsed > 0 else 0.0
    if not total:
        return f"downloading {label} {_size(done)}  {_size(rate)}/s"
    filled = int(BAR_WIDTH * done / total)
    bar = "█" * filled + "·" * (BAR_WIDTH - filled)
    eta = (total - done) / rate if rate > 0 else 0.0
    return (
        f"downloading {label} {bar} {_size(done)}/{_size(total)} "
        f"{_size(rate)}/s  ETA {int(eta) // 60}:{int(eta) % 60:02d}"
    )


def make_download_progress(*, quiet: bool, stream: TextIO | None = None) -> Progress:
    """The byte progress display for downloads: nothing when quiet."""
    if quiet:
        return NullProgress()
    out = stream or sys.stderr
    return TerminalProgress(out, out.isatty(), render_bytes)


def make_progress(*, quiet: bool, stream: TextIO | None = None) -> Progress:
    """The progress display for the CLI: nothing when quiet."""
    if quiet:
        return NullProgress()
    out = stream or sys.stderr
    return TerminalProgress(out, out.isatty())
