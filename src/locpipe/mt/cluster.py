"""Machine translation on an existing Dask cluster (`locpipe translate --cluster ADDRESS`).

This process stays the coordinator: it plans the same length-sorted batches
as a local run, holds the project lock and is the only one that writes. The
workers only translate. For each model it

1. zips the installed package and ships the bytes once per worker, in a
   Dask worker plugin (locpipe.mt.cluster_worker.ModelPlugin) that the
   scheduler also hands to workers joining later;
2. has every worker load the engine once (a probe) before any file changes,
   so an unreachable cluster or one where no worker can load the model is an
   error (exit 2) with nothing written;
3. submits every batch at once and yields results as they finish. Dask
   reruns the tasks of a worker that dies elsewhere; each batch has one
   future, so each result arrives once.

Needs the `cluster` extra (`pip install 'locpipe[cluster]'`) here and on
every worker and the scheduler.
"""

from __future__ import annotations

import hashlib
import io
import time
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from locpipe.config import Config
from locpipe.errors import LocpipeError, install_extra
from locpipe.mt import Hypothesis, Translator
from locpipe.mt.argos import ArgosModel
from locpipe.mt.providers import ArgosProvider
from locpipe.mt.pseudo import PseudoProvider

if TYPE_CHECKING:
    from locpipe.mt.cluster_worker import Job

#: A distributed.Client (typed Any: parts of its API are untyped).
Client = Any

#: Seconds to wait for a first worker when the scheduler has none.
WAIT_FOR_WORKERS = 10


class ClusterError(LocpipeError):
    """The cluster cannot be reached, cannot load the model, or lost a batch."""

    exit_code = 2


def pack(model: ArgosModel) -> bytes:
    """The package folder as a zip (one top folder, as an .argosmodel), byte for byte
    the same for the same files, so its SHA-256 names the model."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(model.path.rglob("*")):
            if path.is_file():
                name = (Path(model.name) / path.relative_to(model.path)).as_posix()
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError(
            "--cluster needs Dask distributed, which is not installed",
            fix=install_extra("cluster") + ", here, on the workers and on the scheduler",
        ) from exc
    return distributed


@dataclass
class _Loaded:
    job: Job
    engine_id: str
    batch_sentences: int
    workers: list[str]
    devices: dict[str, str] = field(default_factory=dict)
    ready_seconds: float = 0.0  # to ship the package and load it on every worker


class ClusterTranslator:
    """A Translator whose batches run on the cluster's workers."""

    def __init__(self, client: Client, loaded: _Loaded, restrict: bool) -> None:
        self._client = client
        self._loaded = loaded
        self._restrict = restrict

    @property
    def engine_id(self) -> str:
        return self._loaded.engine_id

    @property
    def batch_sentences(self) -> int:
        return self._loaded.batch_sentences

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [h.text for h in self.translate_scored(texts)]

    def translate_scored(self, texts: Sequence[str]) -> list[Hypothesis]:
        for _, outputs in self.translate_batches([texts]):
            return outputs
        return []

    def translate_batches(
        self, batches: Sequence[Sequence[str]]
    ) -> Iterator[tuple[int, list[Hypothesis]]]:
        """(index, one Hypothesis per text) of every batch, in the order they finish."""
        from locpipe.mt.cluster_worker import translate_batch

        distributed = _distributed()
        run = uuid.uuid4().hex[:12]
        futures = [
            self._client.submit(
                translate_batch,
                self._loaded.job,
                list(batch),
                key=f"locpipe-translate-{run}-{index}",
                workers=self._loaded.workers if self._restrict else None,
                pure=False,
            )
            for index, batch in enumerate(batches)
        ]
        order = {future.key: index for index, future in enumerate(futures)}
        try:
            for future in distributed.as_completed(futures, loop=self._client.loop):
                try:
                    outputs = future.result()
                except Exception as exc:
                    raise ClusterError(
                        f"a batch failed on the cluster: {type(exc).__name__}: {exc}",
                        fix="see the worker logs; the batches that finished are written, "
                        "run again to translate the rest",
                    ) from exc
                future.release()
                yield order[future.key], outputs
        finally:
            self._client.cancel([f for f in futures if not f.done()])


class ClusterEngines:
    """EngineProvider whose Argos engines run on a Dask cluster; the pseudo
    engine runs here. Close it (or use it in a `with`) to disconnect."""

    def __init__(self, config: Config, address: str | None = None) -> None:
        self.config = config
        self.address = address or config.cluster
        self._local = ArgosProvider(config)
        self._pseudo = PseudoProvider()
        self._client: Client | None = None
        self._loaded: dict[str, _Loaded] = {}
        #: package folder → its SHA-256: each package is zipped and shipped
        #: once, however many locales it serves.
        self._shipped: dict[Path, str] = {}
        self._all_workers: set[str] = set()

    def __enter__(self) -> ClusterEngines:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _connect(self) -> Client:
        if self._client is not None:
            return self._client
        distributed = _distributed()
        fix = (
            f"start a scheduler (`dask scheduler`) and workers (`dask worker {self.address}`), "
            "check the address and that this machine may reach it, or run without --cluster"
        )
        try:
            client = distributed.Client(self.address, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {self.address}: {exc}", fix=fix
            ) from exc
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except (OSError, TimeoutError) as exc:
            client.close()
            raise ClusterError(
                f"the Dask scheduler at {self.address} has no workers", fix=fix
            ) from exc
        self._client = client
        return client

    def _ship(self, client: Client, model: ArgosModel) -> str:
        """Register the model's plugin unless every worker has the package
        already; return the package's SHA-256."""
        from locpipe.mt.cluster_worker import PLUGIN_PREFIX, ModelPlugin, has_package

        data = pack(model)
        sha = hashlib.sha256(data).hexdigest()
        present = client.run(has_package, sha, on_error="return")
        if not present or not all(value is True for value in present.values()):
            client.register_plugin(ModelPlugin(sha, data), name=PLUGIN_PREFIX + sha)
        return sha

    def check(self, locale: str) -> None:
        """Find the model here, ship it, and have every worker load it."""
        if locale == self.config.pseudo_locale or locale in self._loaded:
            return
        from locpipe.mt.cluster_worker import Job, probe

        model = self._local.model(locale)
        client = self._connect()
        started = time.perf_counter()
        try:
            sha = self._shipped.get(model.path) or self._ship(client, model)
            self._shipped[model.path] = sha
            job = Job(
                sha,
                model.name,
                model.from_code,
                model.to_code,
                model.version,
                self.config.beam_size,
                self.config.threads,
                self.config.device,
            )
            answers = client.run(probe, job, on_error="return")
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"lost the Dask scheduler at {self.address}: {exc}") from exc
        loaded = {w: a for w, a in answers.items() if isinstance(a, dict)}
        failed = {w: a for w, a in answers.items() if not isinstance(a, dict)}
        if not loaded:
            worker, error = next(iter(failed.items()), ("-", "no worker answered"))
            raise ClusterError(
                f"no worker of {self.address} can load {model.name} "
                f"(for {locale}); {worker}: {error}",
                fix="install 'locpipe[cluster]' on the workers, check their device "
                "(--device) and memory, and read the worker logs",
            )
        first = next(iter(loaded.values()))
        self._all_workers = set(answers)
        self._loaded[locale] = _Loaded(
            job,
            engine_id=first["engine_id"],
            batch_sentences=min(int(a["batch_sentences"]) or 1 for a in loaded.values()),
            workers=sorted(loaded),
            devices={w: str(a["device"]) for w, a in loaded.items()},
            ready_seconds=time.perf_counter() - started,
        )

    def load(self, locale: str) -> Translator:
        if locale == self.config.pseudo_locale:
            return self._pseudo.load(locale)
        self.check(locale)
        loaded = self._loaded[locale]
        assert self._client is not None
        # Only when some worker could not load the model are tasks kept off it;
        # otherwise any worker, also one that joins later, may take them.
        restrict = len(loaded.workers) < len(self._all_workers)
        return ClusterTranslator(self._client, loaded, restrict)

    def devices(self) -> list[str]:
        """`cluster ADDRESS: N worker(s), cpu (int8) x N; …`, for the run summary."""
        if not self._loaded:
            return []
        counts: dict[str, int] = {}
        workers: set[str] = set()
        for loaded in self._loaded.values():
            workers.update(loaded.devices)
            for device in set(loaded.devices.values()):
                counts[device] = max(
                    counts.get(device, 0), list(loaded.devices.values()).count(device)
                )
        spread = ", ".join(f"{device} x {n}" for device, n in sorted(counts.items()))
        ready = max(loaded.ready_seconds for loaded in self._loaded.values())
        return [
            f"cluster {self.address}: {len(workers)} worker(s), {spread}; "
            f"models shipped and loaded in {ready:.1f} s at most"
        ]
