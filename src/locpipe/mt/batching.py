"""Batch planning for CTranslate2: batch sizes, thread layout and decoding caps.

Pure functions over lengths, shared by every engine and executor, so a local
run and any other executor cut the same batches.
"""

from __future__ import annotations

from collections.abc import Sequence

from locpipe.config import default_threads

#: Most source tokens per CTranslate2 batch. Measured with the base Argos
#: architecture on 2 cores (`make bench`): 1024 is as fast as 2048 or 4096
#: and keeps each worker's attention caches small (peak RSS about 0.55 GB
#: with two workers, against 0.9 GB at 2048).
BATCH_TOKENS = 1024

#: Cores per CTranslate2 worker: one worker per core keeps small decoder
#: matrices busy; past 8 cores two cores per worker limit replica memory.
MAX_SINGLE_THREAD_WORKERS = 8

#: Argos' length penalty (argostranslate.translate uses the same).
LENGTH_PENALTY = 0.2


def decoding_cap(source_tokens: int) -> int:
    """The most target tokens to decode for a source of `source_tokens` tokens.

    Relative to the source, so a model stuck repeating itself stops soon after
    a plausible translation length, and never more than MAX_DECODING_TOKENS.
    """
    return min(2 * source_tokens + 8, MAX_DECODING_TOKENS)


#: The ceiling of `decoding_cap`: Argos models are trained on sentences far
#: shorter than this.
MAX_DECODING_TOKENS = 512


def thread_layout(threads: int) -> tuple[int, int]:
    """(inter_threads, intra_threads) for `threads` cores (0: every core).

    Parallel workers, each decoding its own batch, beat one worker spread over
    several cores: beam search over a batch multiplies many small matrices,
    which do not split well across threads.
    """
    total = threads or default_threads()
    if total <= MAX_SINGLE_THREAD_WORKERS:
        return total, 1
    return total // 2, 2


def balanced_chunks(lengths: Sequence[int], workers: int, budget: int) -> list[list[int]]:
    """Indices of `lengths` in length order, cut into batches of near-equal padded size.

    Each batch pads to its longest source, so consecutive lengths go together.
    The batch count is a multiple of `workers` (when there are enough items),
    so every worker gets the same amount of work and none idles at the end;
    each batch stays within `budget` padded tokens where possible.
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    total = sum(lengths[i] for i in order)
    count = max(1, -(-total // budget))
    count = min(len(order), -(-count // workers) * workers)
    share = total / count
    chunks: list[list[int]] = []
    current: list[int] = []
    used = 0
    for i in order:
        current.append(i)
        used += lengths[i]
        if used >= share * (len(chunks) + 1) and len(chunks) < count - 1:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks
