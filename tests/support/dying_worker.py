"""A Dask worker preload: the worker kills its own process (SIGKILL) on the
first batch it is given to translate, as a machine that dies mid-run.

Loading the model (the coordinator's probe) still works, so the worker is
one of the run's workers when it dies.
"""

from __future__ import annotations

import os
import signal
from typing import Any


def dask_setup(worker: Any) -> None:
    from locpipe.mt import cluster_worker

    def die(*args: Any, **kwargs: Any) -> Any:
        os.kill(os.getpid(), signal.SIGKILL)

    cluster_worker.translate_batch = die  # type: ignore[assignment]
