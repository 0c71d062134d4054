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


def _clean_env(home: Path, packages: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ARGOS_", "XDG_", "LOCPIPE_"))
    }
    env.update(
        HOME=str(home),
        ARGOS_PACKAGES_DIR=str(packages),
        PYTHONPATH=os.pathsep.join([str(NETGUARD), str(REPO)]),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def make_project(base: Path, packages: Path) -> Project:
    """A project holding the sample article under `base`, using `packages`.

    One CPU thread and beam 1 for MT: test runs are small, spinning threads
    only contend with other processes on a busy machine, and the random test
    models gain nothing from a wider beam.
    """
    root = base / "proj"
    (root / "content").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "content" / SAMPLE.name)
    (root / "locpipe.toml").write_text(
        'locales = ["ko", "zh_CN"]\nsources = ["content/*.txt"]\nthreads = 1\nbeam_size = 1\n',
        encoding="utf-8",
    )
    home = base / "home"
    home.mkdir(exist_ok=True)
    return Project(root=root, env=_clean_env(home, packages))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project holding the sample article, with an empty Argos packages folder."""
    return make_project(tmp_path, tmp_path / "argos-packages")


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory, argos_files: dict[str, Path]) -> Path:
    """An Argos packages folder with the tiny en→ko and en→zh packages installed."""
    base = tmp_path_factory.mktemp("models")
    installer = make_project(base, base / "packages")
    installer.install_models(argos_files)
    return base / "packages"


@pytest.fixture
def project_with_models(tmp_path: Path, models_dir: Path) -> Project:
    """The sample project with both tiny models installed (shared, read-only)."""
    return make_project(tmp_path, models_dir)


@pytest.fixture(scope="session")
def translated_once(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Project:
    """The sample project after one `locpipe translate`; copy it, never change it."""
    project = make_project(tmp_path_factory.mktemp("translated"), models_dir)
    project.run("translate", check=True)
    return project


@pytest.fixture
def translated(tmp_path: Path, translated_once: Project) -> Project:
    """A private copy of the translated sample project."""
    root = tmp_path / "proj"
    shutil.copytree(translated_once.root, root)
    return Project(root=root, env=translated_once.env)
