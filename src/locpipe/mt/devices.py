"""Where CTranslate2 decodes: the device, its compute type and batch sizes.

`choose` is a pure function of what the machine offers (GPU count, compute
types per device), so its logic is tested on machines without a GPU;
`detect` asks CTranslate2 for those facts and calls it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from locpipe.config import DEVICES
from locpipe.errors import LocpipeError
from locpipe.mt.batching import BATCH_TOKENS

#: Most source tokens per batch on a GPU. A GPU runs one batch at a time and
#: needs thousands of tokens in flight to fill its cores (CTranslate2's own
#: GPU benchmarks batch this much); a CPU core is full at BATCH_TOKENS.
#: Beam 4 over 8192 source tokens of a base Transformer needs well under 2 GB.
GPU_BATCH_TOKENS = 8192

#: Sentences handed to a CPU engine between two catalogue writes.
CPU_BATCH_SENTENCES = 256

#: Sentences per GPU between two catalogue writes: enough for a full batch
#: of GPU_BATCH_TOKENS (sentences average 25-40 tokens).
GPU_BATCH_SENTENCES = 1024

#: Compute types for a GPU, best first: int8 weights with float16
#: activations keep the memory of the int8 Argos models; float16 for GPUs
#: without int8 kernels (before compute capability 6.1).
GPU_COMPUTE_TYPES = ("int8_float16", "float16", "int8_float32", "float32")

#: Compute types for a CPU, best first (Argos models are stored as int8).
CPU_COMPUTE_TYPES = ("int8", "int8_float32", "float32")


class DeviceError(LocpipeError):
    """The requested device is not there, or cannot run the model."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Placement:
    """Where and how one engine decodes."""

    device: str  # "cpu" or "cuda"
    device_index: tuple[int, ...]
    compute_type: str
    batch_tokens: int  # most padded source tokens per CTranslate2 batch
    batch_sentences: int  # sentences per engine call (between catalogue writes)

    def describe(self) -> str:
        """`cpu (int8)` or `cuda:0,1 (int8_float16)`, for the run summary."""
        where = self.device
        if self.device == "cuda":
            where += ":" + ",".join(str(i) for i in self.device_index)
        return f"{where} ({self.compute_type})"


CPU = Placement("cpu", (0,), "int8", BATCH_TOKENS, CPU_BATCH_SENTENCES)


def _first_supported(preferred: Sequence[str], supported: set[str], device: str) -> str:
    for compute_type in preferred:
        if compute_type in supported:
            return compute_type
    raise DeviceError(
        f"CTranslate2 supports none of {', '.join(preferred)} on {device} "
        f"(it offers: {', '.join(sorted(supported)) or 'nothing'})",
        fix="install a CTranslate2 build for this machine, or pass --device cpu",
    )


def choose(device: str, gpu_count: int, supported: Callable[[str, int], set[str]]) -> Placement:
    """The placement for `device` ("auto", "cpu" or "cuda") on a machine with
    `gpu_count` visible GPUs; `supported(device, index)` lists the compute
    types CTranslate2 offers there.

    "auto" is every visible GPU when there is one, else the CPU; "cuda"
    without a GPU is a DeviceError (exit 2).
    """
    if device not in DEVICES:
        raise DeviceError(f"unknown device {device!r}", fix=f"use one of: {', '.join(DEVICES)}")
    if device == "cuda" and gpu_count == 0:
        raise DeviceError(
            "--device cuda, but CTranslate2 sees no CUDA GPU on this machine",
            fix="check `nvidia-smi` and CUDA_VISIBLE_DEVICES, use a CTranslate2 wheel "
            "built with CUDA, or pass --device auto (GPU when there is one) or --device cpu",
        )
    if device == "cpu" or gpu_count == 0:
        compute_type = _first_supported(CPU_COMPUTE_TYPES, supported("cpu", 0), "cpu")
        return replace(CPU, compute_type=compute_type)
    indexes = tuple(range(gpu_count))
    common = set.intersection(*(supported("cuda", i) for i in indexes))
    compute_type = _first_supported(GPU_COMPUTE_TYPES, common, "cuda")
    return Placement(
        "cuda", indexes, compute_type, GPU_BATCH_TOKENS, GPU_BATCH_SENTENCES * gpu_count
    )


def _supported(device: str, index: int) -> set[str]:
    import ctranslate2

    try:
        return set(ctranslate2.get_supported_compute_types(device, index))
    except (RuntimeError, ValueError):  # a CUDA runtime the driver cannot run
        return set()


def detect(device: str) -> Placement:
    """The placement for `device` on this machine (asks CTranslate2)."""
    import ctranslate2

    try:
        gpus = ctranslate2.get_cuda_device_count()
    except RuntimeError:  # pragma: no cover - a broken CUDA installation
        gpus = 0
    return choose(device, gpus, _supported)
