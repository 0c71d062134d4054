"""The command line: parse, load the config, call one library function, report.

Imports of the library happen inside the commands so `locpipe --help` stays
fast. Every LocpipeError is turned into one message and an exit code here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from locpipe.cli.parser import build_parser

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `locpipe` command; returns the exit code."""
    from locpipe.errors import LocpipeError

    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        sys.stdout.flush()  # a closed pipe fails here, not at interpreter exit
    except LocpipeError as exc:
        print(f"locpipe: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("locpipe: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`locpipe status | head -1`): nothing more can
        # be shown; silence the final flush too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("locpipe: error: <stdout>: broken pipe (the output was cut short)", file=sys.stderr)
        return 1
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
