"""Throw-away locpipe projects and timed runs of the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
#: The `locpipe` console script users run; `python -m locpipe` when missing.
LOCPIPE = (
    [str(BIN / "locpipe")] if (BIN / "locpipe").exists() else [sys.executable, "-m", "locpipe"]
)


@dataclass(frozen=True, slots=True)
class Run:
    """One finished subprocess: wall time, its own peak RSS, output."""

    seconds: float
    maxrss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def check(self, what: str) -> Run:
        """Raise with the output when the command failed."""
        if self.returncode != 0:
            raise RuntimeError(f"{what} exited {self.returncode}:\n{self.stdout}\n{self.stderr}")
        return self


def run_timed(cmd: list[str], *, cwd: Path, env: dict[str, str]) -> Run:
    """Run `cmd`; its wall time and ru_maxrss come from wait4() on that child alone."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds,
            usage.ru_maxrss / 1024,  # KiB on Linux
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def environment(home: Path) -> dict[str, str]:
    """An environment whose Argos folders all live under `home`."""
    env = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        (home / name.lower()).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / name.lower())
    env["ARGOS_PACKAGES_DIR"] = str(home / "packages")
    env["ARGOS_COMPUTE_TYPE"] = "int8"
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH", "")]
    ).rstrip(os.pathsep)
    return env


def make_project(root: Path, documents: list[str], locales: list[str]) -> Path:
    """A project at `root`: locpipe.toml and content/doc_NNN.txt, one per document."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    quoted = ", ".join(f'"{locale}"' for locale in locales)
    (root / "locpipe.toml").write_text(
        f'locales = [{quoted}]\nsources = ["content/*.txt"]\n', "utf-8"
    )
    for index, text in enumerate(documents):
        (root / "content" / f"doc_{index:03d}.txt").write_text(text, "utf-8")
    return root


def locpipe(args: list[str], *, cwd: Path, env: dict[str, str]) -> Run:
    """`locpipe ARGS` in `cwd`, timed."""
    return run_timed([*LOCPIPE, *args], cwd=cwd, env=env)
