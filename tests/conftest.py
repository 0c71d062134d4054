"""Shared fixtures: no network, tiny Argos packages, sample projects, the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.network import install_guard, remove_guard

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "content" / "china-south-korea-relations.txt"
NETGUARD = Path(__file__).resolve().parent / "support" / "netguard"


@pytest.fixture(autouse=True)
def no_network() -> Iterator[None]:
    """Every test runs with network connections blocked."""
    install_guard()
    yield
    remove_guard()


@pytest.fixture(scope="session")
def argos_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny en→ko and en→zh .argosmodel files, built once per session."""
    from tests.support.argos_package import build_argos_package

    out = tmp_path_factory.mktemp("argosmodels")
    return {
        "ko": build_argos_package(out, to_code="ko", size="tiny"),
        "zh_CN": build_argos_package(out, to_code="zh", size="tiny"),
    }


@dataclass
class Project:
    """A throw-away locpipe project and the environment to run the CLI in it."""

    root: Path
    env: dict[str, str]

    def run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        """Run `python -m locpipe ARGS` in the project, as a user would."""
        done = subprocess.run(
            [sys.executable, "-m", "locpipe", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"locpipe {' '.join(args)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
            )
        return done

    def install_models(self, files: dict[str, Path]) -> None:
        self.run("models", "install", *(str(p) for p in files.values()), check=True)

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        """Every file under the project (but the lock folder): bytes and mtime."""
        found = {}
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and ".locpipe-cache" not in path.parts:
                found[path.relative_to(self.root).as_posix()] = (
                    path.read_bytes(),
                    path.stat().st_mtime_ns,
                )
        return found


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project holding the sample article, with an empty Argos packages folder."""
    root = tmp_path / "proj"
    (root / "content").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "content" / SAMPLE.name)
    (root / "locpipe.toml").write_text(
        'locales = ["ko", "zh_CN"]\nsources = ["content/*.txt", "content/*.md"]\n',
        encoding="utf-8",
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ARGOS_", "XDG_", "LOCPIPE_"))
    }
    env.update(
        HOME=str(home),
        ARGOS_PACKAGES_DIR=str(tmp_path / "argos-packages"),
        PYTHONPATH=os.pathsep.join([str(NETGUARD), str(REPO)]),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return Project(root=root, env=env)
