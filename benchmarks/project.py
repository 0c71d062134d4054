"""Throw-away locpipe projects and timed runs of the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
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


#: Runs the command given as argv[2:] and writes its wall time and peak RSS to
#: argv[1]. A fresh, small process: a child's ru_maxrss counts what it
#: inherited at fork, so the command must not be forked from this big one.
_WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
json.dump({"seconds": seconds, "maxrss_kib": peak, "code": code}, open(sys.argv[1], "w"))
"""


def run_timed(cmd: list[str], *, cwd: Path, env: dict[str, str]) -> Run:
    """Run `cmd` under a fresh wrapper process that measures it alone."""
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        report = Path(tmp) / "usage.json"
        wrapper = [sys.executable, "-S", "-c", _WRAPPER, str(report), *cmd]
        done = subprocess.run(wrapper, cwd=cwd, env=env, capture_output=True, text=True)
        if not report.exists():
            raise RuntimeError(f"wrapper failed: {done.stderr}")
        usage = json.loads(report.read_text("utf-8"))
    return Run(
        usage["seconds"],
        usage["maxrss_kib"] / 1024,
        usage["code"],
        done.stdout,
        done.stderr,
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
