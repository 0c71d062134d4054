"""(h) `locpipe translate --cluster` through a local Dask cluster, against (c) on the same cores,
and the figures behind the manual's estimate (docs/scale.md) for N machines.

The cluster is a scheduler and one worker process on 127.0.0.1 (`--nthreads`
= the cores, as one would run one worker per machine); the worker has an
empty Argos packages folder, so the run includes shipping the package. Also
measured: the scheduler's round trip per task (no-op tasks), the bytes a
sentence costs on the wire (a batch's task and result, pickled), and how many
sentences per second the coordinator can write (an instant engine: only
masking, merging into catalogues and writing them after each batch).
"""

from __future__ import annotations

import pickle
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import project
from benchmarks.cli_bench import InstantEngine, InstantProvider
from locpipe.mt import BATCH_SENTENCES
from tests.support.dask_cluster import LocalDask

#: No-op tasks timed for the scheduler's per-task cost.
NOOP_TASKS = 1000


@dataclass
class ClusterFigures:
    """What the cluster part of the benchmark measured."""

    seconds: float = 0.0
    sentences: int = 0
    threads: int = 0
    ready_seconds: float = 0.0
    task_ms: float = 0.0
    bytes_per_sentence: float = 0.0
    write_rate: float = 0.0
    same: tuple[int, int] = (1 << 30, 0)

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds


def _noop(x: int) -> int:
    return x


def _task_ms(address: str) -> float:
    """Milliseconds per task, submitted all at once from this process, results gathered."""
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        client.wait_for_workers(1)
        client.gather(client.map(_noop, range(50), pure=False))  # warm up
        started = time.perf_counter()
        client.gather(client.map(_noop, range(NOOP_TASKS), pure=False))
        return (time.perf_counter() - started) * 1000 / NOOP_TASKS


def _wire_bytes(sentences: list[str], translations: dict[str, str]) -> float:
    """Pickled bytes per sentence of 256-sentence tasks and their results."""
    from locpipe.mt.cluster_worker import Job, translate_batch

    job = Job("0" * 64, "translate-en_ko-1_0", "en", "ko", "1.0", 4, 0, "auto")
    total = 0
    for start in range(0, len(sentences), 256):
        batch = sentences[start : start + 256]
        total += len(pickle.dumps((translate_batch, job, batch)))
        total += len(pickle.dumps([translations.get(s, "") for s in batch]))
    return total / len(sentences)


class _Instant(InstantEngine):
    batch_sentences = BATCH_SENTENCES  # a write after every batch, as a CPU run


class _InstantProvider(InstantProvider):
    def load(self, locale: str) -> _Instant:
        return _Instant()


def _write_rate(root: Path, sentences: int) -> float:
    """Sentences per CPU second the coordinator writes with an instant engine
    (CPU time: the coordinator is one Python thread, and the machine may be shared)."""
    from locpipe import pipeline
    from locpipe.config import load_config

    shutil.rmtree(root / "locales", ignore_errors=True)
    shutil.rmtree(root / ".locpipe-cache", ignore_errors=True)
    config = load_config(root)
    started = time.process_time()
    pipeline.translate(config, _InstantProvider(), stop_after="update")
    update = time.process_time() - started
    shutil.rmtree(root / "locales")
    shutil.rmtree(root / ".locpipe-cache", ignore_errors=True)
    started = time.process_time()
    pipeline.translate(config, _InstantProvider(), stop_after="mt")
    return sentences / max(time.process_time() - started - update, 1e-9)


class ClusterBench:
    """A local cluster kept for the whole benchmark: (h) runs alternate with (c) runs,
    and the best counts, as for (c). The worker keeps the model between runs, as
    a cluster does; the first run's shipping and loading is reported."""

    def __init__(self, work: Path, env: dict[str, str], cores: int, sentences: int) -> None:
        self.env = env
        self.figures = ClusterFigures(sentences=sentences, threads=cores)
        self.cluster = LocalDask(work, env)
        self.cluster.start()
        self.cluster.add_worker(threads=cores)
        self.runs: list[float] = []

    def translate(self, root: Path, reference: dict[str, Any]) -> None:
        """One timed `locpipe translate --cluster` of the project at `root`."""
        from benchmarks.mt_bench import _read_msgstrs

        shutil.rmtree(root / "locales", ignore_errors=True)
        shutil.rmtree(root / ".locpipe-cache", ignore_errors=True)
        done = project.locpipe(
            ["translate", "--cluster", self.cluster.address], cwd=root, env=self.env
        ).check("translate --cluster")
        self.runs.append(done.seconds)
        if len(self.runs) == 1:
            found = re.search(r"loaded in ([0-9.]+) s", done.stdout)
            self.figures.ready_seconds = float(found.group(1)) if found else float("nan")
        produced = _read_msgstrs(root / "locales")
        same = sum(produced.get(s) == t.strip() for s, t in reference.items())
        self.figures.same = min(self.figures.same, (same, len(reference)), key=lambda x: x[0])
        if len(self.runs) == 1:
            self.figures.bytes_per_sentence = _wire_bytes(list(reference), produced)

    def finish(self, root: Path) -> ClusterFigures:
        """The figures; stops the cluster."""
        try:
            self.figures.task_ms = _task_ms(self.cluster.address)
        finally:
            self.cluster.stop()
        self.figures.seconds = min(self.runs, default=float("nan"))
        self.figures.write_rate = _write_rate(root, self.figures.sentences)
        return self.figures
