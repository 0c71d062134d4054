"""Issue 7, point 1: one run at a time, with two real processes.

A helper process holds the lock (`locpipe.lock.locked`) until the test closes
its stdin, so every step is ordered by messages between processes, never by
sleeping: a second run either fails at once (`--no-wait`, exit 3) or says it
waits, writes nothing while it waits, and finishes once the lock is free.
"""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import Project

LOCK = Path(".locpipe-cache") / "lock"
HOLDER = """
import sys
from pathlib import Path
from locpipe.lock import locked
with locked(Path(sys.argv[1]), wait=False):
    print("held", flush=True)
    sys.stdin.read()
"""
#: Not a timing assertion: how long to wait for a line before calling the
#: other process stuck (a healthy one answers in well under a second).
PATIENCE = 120.0


def _readline(stream: IO[str], proc: subprocess.Popen[str]) -> str:
    """The next line of `stream`, or fail when `proc` goes quiet for PATIENCE s."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(PATIENCE):
            proc.kill()
            raise AssertionError("no output from the other process")
    return stream.readline()


def _wait_for(stream: IO[str], proc: subprocess.Popen[str], needle: str) -> list[str]:
    seen: list[str] = []
    while True:
        line = _readline(stream, proc)
        if not line:
            raise AssertionError(f"{needle!r} never came; got {seen}")
        seen.append(line)
        if needle in line:
            return seen


@pytest.fixture
def holder(project_with_models: Project) -> Iterator[subprocess.Popen[str]]:
    """A process holding the project's lock until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(project_with_models.root / LOCK)],
        cwd=project_with_models.root,
        env=project_with_models.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert _readline(proc.stdout, proc).strip() == "held"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def _release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=PATIENCE) == 0


def _start(project: Project, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "locpipe", *args],
        cwd=project.root,
        env=project.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _msgfmt_check(project: Project) -> None:
    files = sorted(project.locales.rglob("*.po")) + sorted(project.locales.rglob("*.pot"))
    assert files
    for path in files:
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr


def _machine_count(stdout: str) -> int:
    """The sum of the "machine" column of a run's report table."""
    total = 0
    for line in stdout.splitlines():
        if match := re.match(r"(ko|zh_CN)\s+(\d+)\s+(\d+)", line):
            total += int(match[3])
    return total


@pytest.mark.parametrize("command", ["translate", "update"])
def test_no_wait_fails_at_once_naming_the_lock(
    project_with_models: Project, holder: subprocess.Popen[str], command: str
) -> None:
    project = project_with_models
    before = project.snapshot()
    done = project.run(command, "--no-wait")
    assert done.returncode == 3, done.stderr
    assert "another locpipe run" in done.stderr
    assert str(LOCK) in done.stderr
    assert "without --no-wait" in done.stderr
    assert "Traceback" not in done.stderr
    assert project.snapshot() == before
    assert holder.poll() is None, "the holder still holds the lock"


def test_no_wait_from_another_folder_sees_the_same_lock(
    project_with_models: Project, holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    """`-C DIR` locks the project's folder, wherever the command runs from."""
    project = project_with_models
    done = subprocess.run(
        [sys.executable, "-m", "locpipe", "translate", "--no-wait", "-C", str(project.root)],
        cwd=tmp_path,
        env=project.env,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert done.returncode == 3, done.stderr


@pytest.mark.parametrize("command", ["translate", "update"])
def test_second_run_waits_with_a_message_then_finishes(
    project_with_models: Project, holder: subprocess.Popen[str], command: str
) -> None:
    project = project_with_models
    before = project.snapshot()
    waiting = _start(project, command, "-q")
    assert waiting.stderr is not None
    _wait_for(waiting.stderr, waiting, "waiting for another run to finish")
    assert waiting.poll() is None, "it waits rather than giving up"
    assert project.snapshot() == before, "nothing is written while waiting"
    _release(holder)
    _, err = waiting.communicate(timeout=PATIENCE)
    assert waiting.returncode == 0, err
    assert "Traceback" not in err
    assert project.snapshot() != before
    _msgfmt_check(project)


def test_lock_of_a_killed_run_is_free_at_once(
    project_with_models: Project, holder: subprocess.Popen[str]
) -> None:
    """The kernel drops a flock when its process dies: no stale lock, no cleanup."""
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=PATIENCE)
    assert (project_with_models.root / LOCK).exists()
    project_with_models.run("update", "--no-wait", check=True)


def test_two_real_runs_at_once_translate_each_entry_once(project_with_models: Project) -> None:
    """Two `locpipe translate` started together: both succeed, the catalogues
    are valid, and between them every entry was machine-translated once (the
    second run saw the first one's output instead of racing it)."""
    project = project_with_models
    runs = [_start(project, "translate"), _start(project, "translate")]
    results = [run.communicate(timeout=PATIENCE) for run in runs]
    for run, (_, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err
    _msgfmt_check(project)
    counts = sorted(_machine_count(out) for out, _ in results)
    assert counts == [0, _fresh_machine_count(project)], results


def _fresh_machine_count(project: Project) -> int:
    """How many entries a run from scratch machine-translates: the entries of
    every catalogue, all of which are machine entries now."""
    from locpipe.catalog import State, state
    from locpipe.formats.pofile import read_po

    total = 0
    for po in project.locales.rglob("*.po"):
        cat = read_po(po)
        assert all(state(m) is State.MACHINE for m in cat.active()), po
        total += len(cat.active())
    return total


@pytest.mark.parametrize("command", ["compile", "build"])
def test_compile_and_build_wait_for_the_lock(project_with_models: Project, command: str) -> None:
    project = project_with_models
    project.run("update", check=True)
    holding = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(project.root / LOCK)],
        cwd=project.root,
        env=project.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holding.stdout is not None
        assert _readline(holding.stdout, holding).strip() == "held"
        waiting = _start(project, command)
        assert waiting.stderr is not None
        _wait_for(waiting.stderr, waiting, "waiting for another run to finish")
        _release(holding)
        assert waiting.wait(timeout=PATIENCE) == 0
    finally:
        if holding.poll() is None:
            holding.kill()
        holding.wait()
