"""What every command shares: the project's configuration with the flags
applied, printing that --quiet silences, and commands in messages spelt as
they run from here."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from locpipe.config import Config


def project_config(args: argparse.Namespace) -> Config:
    """The configuration of the project (-C), with the command-line flags applied."""
    from locpipe.config import load_config

    config = load_config(Path(args.project))
    return config.with_overrides(
        threads=getattr(args, "threads", None),
        beam_size=getattr(args, "beam_size", None),
        device=getattr(args, "device", None),
        cluster=getattr(args, "cluster", None),
    )


def say(args: argparse.Namespace, text: str) -> None:
    """Print `text` unless --quiet."""
    if not getattr(args, "quiet", False):
        print(text)


def on_wait() -> None:
    """Say that the run waits for the lock another run holds."""
    print("locpipe: waiting for another run to finish…", file=sys.stderr, flush=True)


def policy(args: argparse.Namespace, config: Config) -> str:
    """Which entries ship: "reviewed" with --reviewed-only, else the configuration's."""
    return "reviewed" if args.reviewed_only else config.compile


#: `locpipe COMMAND` in a fix text (not `locpipe[extra]`, `locpipe.toml`, "locpipe translates").
_LOCPIPE_COMMAND = re.compile(
    r"(?<![\w./\[-])locpipe (?=(?:translate|extract|update|mt|compile|build|check|status"
    r"|review|prune|segment|eval|models)\b)"
)
_PIP_INSTALL = re.compile(r"(?<![\w./-])pip install ")


def as_run_here(text: str) -> str:
    """`text` with the commands it names spelt as they run from here: when the
    virtual environment is not active (`locpipe` is not on the PATH, as under
    `make translate`), `locpipe models install …` becomes
    `.venv/bin/locpipe models install …` (the program as it was started) and
    `pip install …` the environment's own `.venv/bin/python -m pip install …`."""
    started = sys.argv[0]
    on_path = shutil.which("locpipe")
    if on_path and started and os.path.realpath(on_path) == os.path.realpath(started):
        return text
    python = _shown(sys.executable)
    if not started or os.path.basename(started) == "__main__.py":
        program = f"{python} -m locpipe"
    else:
        program = _shown(started)
    text = _LOCPIPE_COMMAND.sub(lambda _: f"{program} ", text)
    pip = shutil.which("pip")
    if pip is None or os.path.dirname(os.path.realpath(pip)) != os.path.dirname(
        os.path.realpath(sys.executable)
    ):
        text = _PIP_INSTALL.sub(lambda _: f"{python} -m pip install ", text)
    return text


def _shown(path: str) -> str:
    """`path` relative to the current folder when it lies below it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative
