"""What runs inside a Dask worker: the model package, unpacked once, and its engine, loaded once.

The coordinator (locpipe.mt.cluster) registers a ModelPlugin carrying the
package's zip bytes; Dask hands it to every worker, now and any that joins
later, and the worker unpacks it into its own scratch folder, so workers need
no shared filesystem and no installed packages. Each task then runs the
same engine code as a local run on one batch (`translate_batch`) and returns
whatever the engine returns. The engine is built on the first task (or the
coordinator's probe) and kept for the life of the worker process.

Put one worker on each machine (`dask worker --nworkers 1`): its threads
all feed the one engine, which decodes with as many CPU threads, or on the
machine's GPUs.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import Worker, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from locpipe.mt import Hypothesis, Translator, translate_scored
from locpipe.mt.argos import ArgosModel, check_archive, unpack

#: Plugin names start with this, followed by the package's SHA-256.
PLUGIN_PREFIX = "locpipe-model-"


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs to build the engine for one model: hashable, small."""

    sha256: str  # of the package zip the plugin carries
    name: str
    from_code: str
    to_code: str
    version: str
    beam_size: int
    threads: int  # 0: the worker's own thread count (`dask worker --nthreads`)
    device: str  # "auto", "cpu" or "cuda", resolved on the worker


_lock = threading.Lock()
#: sha256 → the unpacked package folder, in this worker process.
_packages: dict[str, Path] = {}
#: Job → its engine, loaded once per worker process.
_engines: dict[Job, Translator] = {}


class ModelPlugin(WorkerPlugin):
    """Carries one model package (zip bytes) to every worker and unpacks it there."""

    def __init__(self, sha256: str, data: bytes) -> None:
        self.sha256 = sha256
        self.data = data

    def setup(self, worker: Worker) -> None:
        target = Path(worker.local_directory) / "locpipe-models" / self.sha256
        with _lock:
            if self.sha256 in _packages and _packages[self.sha256].is_dir():
                return
            target.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=target) as tmp:
                archive = Path(tmp) / "package.zip"
                archive.write_bytes(self.data)
                top = check_archive(archive)
                if not (target / top).is_dir():
                    unpack(archive, Path(tmp) / "unpacked").rename(target / top)
            _packages[self.sha256] = target / top


def has_package(sha256: str) -> bool:
    """Whether this worker has the package unpacked (run by the coordinator on every worker)."""
    with _lock:
        return sha256 in _packages and _packages[sha256].is_dir()


def engine_for(job: Job, worker: Worker) -> Translator:
    """The engine for `job` in this worker process, loaded on first use."""
    from locpipe.mt.devices import detect
    from locpipe.mt.engine import ArgosEngine

    with _lock:
        engine = _engines.get(job)
        if engine is not None:
            return engine
        path = _packages.get(job.sha256)
        if path is None:
            raise RuntimeError(f"model package {job.name} was not shipped to this worker")
        model = ArgosModel(job.name, job.from_code, job.to_code, job.version, path)
        # Dask runs `nthreads` tasks at once on a worker; they share this
        # engine, whose CTranslate2 pool has as many workers, so every core
        # Dask gave the worker decodes and none is oversubscribed.
        threads = job.threads or worker.state.nthreads
        engine = ArgosEngine(
            model, beam_size=job.beam_size, threads=threads, placement=detect(job.device)
        )
        _engines[job] = engine
        return engine


def probe(job: Job, dask_worker: Worker) -> dict[str, Any]:
    """Load the engine (once) and say what it is and where it decodes
    (`Client.run` passes `dask_worker`)."""
    started = time.perf_counter()
    engine = engine_for(job, dask_worker)
    placement = getattr(engine, "placement", None)
    return {
        "engine_id": engine.engine_id,
        "device": placement.describe() if placement is not None else "?",
        "batch_sentences": getattr(engine, "batch_sentences", 0),
        "load_seconds": time.perf_counter() - started,
    }


def translate_batch(job: Job, texts: Sequence[str]) -> list[Hypothesis]:
    """One batch through this worker's engine, each translation with its score."""
    return translate_scored(engine_for(job, get_worker()), texts)
