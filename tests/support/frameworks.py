"""The framework apps under tests/frameworks: copied into a test project, and
asked for their pages by their own probe.py (the framework's test client)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import Project, make_project


def copy_app(source: Path, base: Path, models_dir: Path, config: str) -> Project:
    """A project holding a copy of the app at `source`, its locpipe.toml
    extended by `config`, using the Argos packages in `models_dir`."""
    project = make_project(base, models_dir)
    shutil.rmtree(project.root)
    shutil.copytree(source, project.root, ignore=shutil.ignore_patterns("__pycache__"))
    with (project.root / "locpipe.toml").open("a", encoding="utf-8") as toml:
        toml.write(config + "threads = 1\nbeam_size = 1\n")
    return project


def probe(app: Project, *asked: str) -> dict[str, dict[str, Any]]:
    """Run the app's probe.py with `asked` (one request each); its JSON answer."""
    done = subprocess.run(
        [sys.executable, "probe.py", *asked],
        cwd=app.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    pages: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return pages
