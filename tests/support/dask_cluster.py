"""A Dask scheduler and workers in child processes on 127.0.0.1, for the cluster tests
and the cluster benchmark.

Each process runs with the test network guard, loopback allowed (and
nothing else). Workers get their own scratch folder and an empty Argos
packages folder, so a model can only reach them through locpipe.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.network import LOOPBACK_ANY_ENV

#: Seconds to wait for the scheduler or a worker to come up.
START_TIMEOUT = 60


def loopback_env(env: dict[str, str]) -> dict[str, str]:
    """`env` with loopback connections allowed and short Dask connect timeouts."""
    return {
        **env,
        LOOPBACK_ANY_ENV: "1",
        "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s",
    }


@dataclass
class LocalDask:
    """A scheduler and its worker processes; `stop` ends every one of them."""

    base: Path
    env: dict[str, str]
    scheduler: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    address: str = ""

    @property
    def scheduler_file(self) -> Path:
        return self.base / "scheduler.json"

    def _spawn(self, args: list[str], log: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
        with open(self.base / log, "wb") as out:
            return subprocess.Popen(
                [sys.executable, "-m", *args], stdout=out, stderr=subprocess.STDOUT, env=env
            )

    def start(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        self.scheduler = self._spawn(
            [
                "distributed.cli.dask_scheduler",
                "--host=127.0.0.1",
                "--port=0",
                "--no-dashboard",
                f"--scheduler-file={self.scheduler_file}",
            ],
            "scheduler.log",
            self.env,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not self.scheduler_file.exists() or not self.scheduler_file.read_text():
            if self.scheduler.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((self.base / "scheduler.log").read_text())
            time.sleep(0.1)
        self.address = json.loads(self.scheduler_file.read_text())["address"]

    def add_worker(
        self, *, preload: str | None = None, threads: int = 1
    ) -> subprocess.Popen[bytes]:
        """Start one worker process (no nanny) and wait until it joined."""
        index = len(self.workers)
        packages = self.base / f"worker-{index}-packages"
        packages.mkdir()
        env = {**self.env, "ARGOS_PACKAGES_DIR": str(packages)}
        args = [
            "distributed.cli.dask_worker",
            f"--scheduler-file={self.scheduler_file}",
            "--host=127.0.0.1",
            f"--nthreads={threads}",
            "--no-nanny",
            "--no-dashboard",
            f"--local-directory={self.base / f'worker-{index}'}",
            f"--name=worker-{index}",
        ]
        if preload:
            args.append(f"--preload={preload}")
        before = self.count()
        worker = self._spawn(args, f"worker-{index}.log", env)
        self.workers.append(worker)
        deadline = time.monotonic() + START_TIMEOUT
        while self.count() <= before:
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((self.base / f"worker-{index}.log").read_text())
            time.sleep(0.2)
        return worker

    def count(self) -> int:
        """Workers that said they joined (their logs) and still run."""
        live = 0
        for index, worker in enumerate(self.workers):
            log = self.base / f"worker-{index}.log"
            if worker.poll() is None and "Registered to" in log.read_text(errors="replace"):
                live += 1
        return live

    def packages_dirs(self) -> list[Path]:
        return [self.base / f"worker-{i}-packages" for i in range(len(self.workers))]

    def scratch_dirs(self) -> list[Path]:
        return [self.base / f"worker-{i}" for i in range(len(self.workers))]

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=30)
