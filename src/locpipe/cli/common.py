"""What every command shares: the project's configuration with the flags
applied, and printing that --quiet silences."""

from __future__ import annotations

import argparse
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
