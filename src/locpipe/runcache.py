"""Instant no-change runs: remember what the last complete run read and wrote.

After a complete `locpipe translate`, `.locpipe-cache/run.json` records a hash
of every input (the configuration, source documents, app templates,
compendia, the run's options and locpipe's version) and the size and mtime of
every file the run manages (templates, catalogues, .mo and .json files,
rebuilt documents). When the next run finds the same inputs and all of those
files untouched, there is nothing to do. Anything else (an edited `.po`, a
deleted `.mo`, a new document) means a full run, which checks everything.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from locpipe import __version__, terms
from locpipe.config import Config
from locpipe.documents import sources
from locpipe.fsio import atomic_write_bytes

STATE_FILE = "run.json"


def cache_dir(config: Config) -> Path:
    """The folder for locpipe's own state (ignored by git)."""
    return config.root / ".locpipe-cache"


def input_key(config: Config, options: dict[str, Any]) -> str:
    """A hash of everything a run reads, and how it was asked to run."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{config!r}\0{json.dumps(options, sort_keys=True)}".encode())
    if config.config_file is not None and config.config_file.is_file():
        digest.update(config.config_file.read_bytes())
    inputs = [s.path for s in sources.discover(config)]
    inputs += list(sources.app_templates(config).values())
    inputs += sources.compendium_paths(config)
    inputs += [path for path in terms.files(config) if path.is_file()]  # missing: the run says
    inputs += sources.site_files(config)  # an MkDocs site's images, copied by build
    for path in inputs:
        digest.update(b"\0" + str(path).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def managed_files(config: Config) -> dict[str, list[int]]:
    """Size and mtime of every file under the locales and build folders."""
    found: dict[str, list[int]] = {}
    for folder in (config.root / config.locales_dir, config.root / config.build_dir):
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.is_file():
                stat = path.stat()
                found[path.relative_to(config.root).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return found


def load(config: Config) -> dict[str, Any] | None:
    """The state of the last complete run, or None."""
    path = cache_dir(config) / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def unchanged(config: Config, key: str) -> dict[str, Any] | None:
    """The stored report when inputs and managed files are as the last complete
    run left them; None when a full run is needed."""
    state = load(config)
    if state is None or state.get("inputs") != key:
        return None
    if state.get("outputs") != managed_files(config):
        return None
    report = state.get("report")
    return report if isinstance(report, dict) else None


def save(config: Config, key: str, report: dict[str, Any]) -> None:
    """Record a complete run: its inputs, the files as it left them, its report."""
    state = {"inputs": key, "outputs": managed_files(config), "report": report}
    atomic_write_bytes(
        cache_dir(config) / STATE_FILE, json.dumps(state, sort_keys=True).encode("utf-8")
    )
