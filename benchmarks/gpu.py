"""Sentences per second of the benchmark model on the CPU and on CUDA: `python -m benchmarks.gpu`.

Runs locpipe's engine (ArgosEngine) with the placement `--device cpu` and
`--device cuda` would choose: int8 and a CPU batch budget on the CPU; every
visible GPU, int8_float16 (or float16) and the GPU budget on CUDA. CUDA is
skipped, saying why, on a machine without a GPU. Not part of `make bench`
(the machines that run it have no GPU).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks.corpus import make_corpus
from benchmarks.model import build_bench_package


def _rate(package: Path, device: str, sentences: list[str], beam_size: int) -> str:
    from locpipe.errors import LocpipeError
    from locpipe.mt.argos import ArgosModel
    from locpipe.mt.devices import detect
    from locpipe.mt.engine import ArgosEngine

    try:
        placement = detect(device)
    except LocpipeError as exc:
        return f"skipped: {exc.message}"
    model = ArgosModel(package.name, "en", "ko", "1.0", package)
    engine = ArgosEngine(model, beam_size=beam_size, placement=placement)
    size = engine.batch_sentences
    engine.translate(sentences[:size])  # warm up: first-call allocations
    started = time.perf_counter()
    for start in range(0, len(sentences), size):  # as the pipeline calls it
        engine.translate(sentences[start : start + size])
    seconds = time.perf_counter() - started
    where = f"{placement.describe()}, {engine.workers} worker(s)"
    return f"{len(sentences) / seconds:9.1f} sent/s  {where}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2400)
    parser.add_argument("--beam-size", type=int, default=4)
    args = parser.parse_args(argv)
    corpus = make_corpus(args.sentences)
    sentences = sorted(corpus.distinct, key=len)
    with tempfile.TemporaryDirectory(prefix="locpipe-gpu-bench-") as tmp:
        archive = build_bench_package(Path(tmp) / "archive")
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(tmp)
        package = next(p for p in Path(tmp).iterdir() if p.name.startswith("translate-"))
        print(
            f"benchmark model (base size, int8 weights), {len(sentences)} sentences, "
            f"beam {args.beam_size}, {len(os.sched_getaffinity(0))} cores",
            flush=True,
        )
        for device in ("cpu", "cuda"):
            print(f"{device:5} {_rate(package, device, sentences, args.beam_size)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
