"""The command line: parse, load the config, call one library function, report.

Imports of the library happen inside the commands so `locpipe --help` stays
fast. Every LocpipeError is turned into one message and an exit code here.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from locpipe.cli.common import as_run_here
from locpipe.cli.parser import build_parser

__all__ = ["build_parser", "main"]


class _Output:
    """Standard output that a reader may leave early (`locpipe status | head -1`).

    Once a write finds the pipe closed, the rest of the output goes nowhere
    and the command carries on to its own exit code, as `grep | head` does
    with SIGPIPE ignored: no message, and a script under `set -o pipefail`
    fails only if the command itself failed (`check` finding an error still
    exits 1).
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._reader_gone()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_gone()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def _reader_gone(self) -> None:
        self._gone = True
        # What is still buffered would fail again at interpreter exit.
        with contextlib.suppress(OSError, ValueError):  # ValueError: no real file (capsys)
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `locpipe` command; returns the exit code."""
    stdout = sys.stdout
    sys.stdout = _Output(stdout)
    try:
        return _main(argv)
    finally:
        sys.stdout = stdout


def _main(argv: Sequence[str] | None) -> int:
    from locpipe.errors import LocpipeError

    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        sys.stdout.flush()  # a closed pipe is seen here, not at interpreter exit
    except LocpipeError as exc:
        print(f"locpipe: error: {as_run_here(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("locpipe: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"locpipe: error: {_os_error(exc)}", file=sys.stderr)
        return 1
    return code


def _os_error(exc: OSError) -> str:
    """One line for an OS error: the file, what happened and the fix."""
    import errno

    where = f"{exc.filename}: " if exc.filename else ""
    what = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "free disk space and run again (files already written are complete)"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = "make the file and its folder writable for you, or run where you can write"
    else:
        fix = "check the file and run again"
    return f"{where}{what} (fix: {fix})"
