"""Where translation decodes: `--device auto|cpu|cuda`, tested by its logic on a CPU machine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from locpipe.mt.batching import BATCH_TOKENS
from locpipe.mt.devices import (
    GPU_BATCH_TOKENS,
    DeviceError,
    choose,
    detect,
)
from tests.conftest import Project

CPU_TYPES = {"int8", "int8_float32", "float32"}
#: What CTranslate2 reports for a recent GPU, and for one without int8 kernels.
GPU_TYPES = {"int8", "int8_float16", "int8_bfloat16", "int8_float32", "float16", "float32"}
OLD_GPU_TYPES = {"float16", "float32"}


def _offers(gpu: set[str]) -> Callable[[str, int], set[str]]:
    def supported(device: str, index: int) -> set[str]:
        return CPU_TYPES if device == "cpu" else gpu

    return supported


def test_auto_without_a_gpu_is_the_cpu_with_int8() -> None:
    placement = choose("auto", 0, _offers(set()))
    assert (placement.device, placement.compute_type) == ("cpu", "int8")
    assert placement.batch_tokens == BATCH_TOKENS
    assert placement.describe() == "cpu (int8)"


def test_auto_with_gpus_uses_every_gpu_with_int8_float16_and_larger_batches() -> None:
    placement = choose("auto", 2, _offers(GPU_TYPES))
    assert placement.device == "cuda"
    assert placement.device_index == (0, 1)
    assert placement.compute_type == "int8_float16"
    assert placement.batch_tokens == GPU_BATCH_TOKENS > 4 * BATCH_TOKENS
    assert placement.describe() == "cuda:0,1 (int8_float16)"


def test_a_gpu_without_int8_kernels_gets_float16() -> None:
    assert choose("cuda", 1, _offers(OLD_GPU_TYPES)).compute_type == "float16"


def test_cpu_is_the_cpu_even_with_a_gpu() -> None:
    assert choose("cpu", 4, _offers(GPU_TYPES)).device == "cpu"


def test_cuda_without_a_gpu_is_a_clear_error() -> None:
    with pytest.raises(DeviceError) as caught:
        choose("cuda", 0, _offers(set()))
    assert caught.value.exit_code == 2
    assert "no CUDA GPU" in str(caught.value) and "--device cpu" in str(caught.value)


def test_this_machine_without_a_gpu() -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a GPU")
    assert detect("auto").device == "cpu"
    with pytest.raises(DeviceError):
        detect("cuda")


def test_cli_cuda_without_a_gpu_is_exit_2_before_any_write(project_with_models: Project) -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a GPU")
    before = project_with_models.snapshot()
    done = project_with_models.run("translate", "--device", "cuda")
    assert done.returncode == 2
    assert "--device cuda, but CTranslate2 sees no CUDA GPU" in done.stderr
    assert project_with_models.snapshot() == before


def test_configured_device_is_checked(project_with_models: Project) -> None:
    config = project_with_models.root / "locpipe.toml"
    config.write_text(config.read_text() + 'device = "tpu"\n', encoding="utf-8")
    done = project_with_models.run("translate")
    assert done.returncode == 2
    assert "device must be one of" in done.stderr and "locpipe.toml:5" in done.stderr


def test_the_run_summary_names_the_device(project_with_models: Project) -> None:
    done = project_with_models.run("translate", "--device", "cpu", check=True)
    assert "translated on cpu (int8)" in done.stdout
