"""ArgosEngine: a CTranslate2 model (an Argos package, or an OPUS-MT or NLLB
conversion) run directly, tokenized as its family requires.

The model (a `locpipe.mt.models.Runnable`) gives the tokenizer, the tokens
around each source sentence and the target prefix; the engine batches,
decodes, drops the prefix from each hypothesis and detokenizes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from locpipe.mt import Hypothesis
from locpipe.mt.batching import (
    LENGTH_PENALTY,
    balanced_chunks,
    decoding_cap,
    thread_layout,
)
from locpipe.mt.devices import CPU, Placement
from locpipe.mt.models import Runnable


class ArgosEngine:
    """A CTranslate2 model run directly, no argostranslate.translate.

    Sentences are sorted by length and cut into batches of equal padded size,
    one queue of batches per worker thread, all submitted at once; each batch
    decodes at most `decoding_cap` of its longest source.
    """

    def __init__(
        self,
        model: Runnable,
        *,
        beam_size: int = 4,
        threads: int = 0,
        placement: Placement = CPU,
    ) -> None:
        import ctranslate2

        self.model = model
        self.beam_size = beam_size
        self.placement = placement
        # On a GPU one batch at a time fills each device: one worker per GPU.
        inter, intra = thread_layout(threads) if placement.device == "cpu" else (1, 1)
        self.workers = inter * len(placement.device_index)
        self._tokenizer = model.tokenizer()
        self._translator = ctranslate2.Translator(
            str(model.model_dir),
            device=placement.device,
            device_index=list(placement.device_index),
            compute_type=placement.compute_type,
            inter_threads=inter,
            intra_threads=intra,
        )

    @property
    def batch_sentences(self) -> int:
        """Sentences per call that fill this engine's device (locpipe.mt.batch_size)."""
        return self.placement.batch_sentences

    @property
    def engine_id(self) -> str:
        return self.model.engine_id

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [h.text for h in self.translate_scored(texts)]

    def translate_scored(self, texts: Sequence[str]) -> list[Hypothesis]:
        """One Hypothesis per text, with its mean log-probability per token."""
        if not texts:
            return []
        before, after = list(self.model.source_prefix), list(self.model.source_suffix)
        tokens = [before + t + after for t in self._tokenizer.encode(texts)]
        prefix = list(self.model.target_prefix)
        chunks = balanced_chunks(
            [len(t) for t in tokens], self.workers, self.placement.batch_tokens
        )
        pending = []
        for chunk in chunks:
            # The cap counts the target prefix, which CTranslate2 returns as
            # part of each hypothesis.
            cap = decoding_cap(max(len(tokens[i]) for i in chunk)) + len(prefix)
            results = self._translator.translate_batch(
                [tokens[i] for i in chunk],
                target_prefix=[prefix] * len(chunk) if prefix else None,
                max_batch_size=len(chunk),
                batch_type="examples",
                beam_size=self.beam_size,
                length_penalty=LENGTH_PENALTY,
                replace_unknowns=True,
                max_decoding_length=cap,
                return_scores=True,
                asynchronous=True,
            )
            pending.append((chunk, cap, results))
        out = [Hypothesis("")] * len(texts)
        for chunk, cap, results in pending:
            done = [r.result() for r in results]
            decoded = self._tokenizer.decode([d.hypotheses[0][len(prefix) :] for d in done])
            for i, text, d in zip(chunk, decoded, done, strict=True):
                score = mean_log_prob(d.scores[0], len(d.hypotheses[0]), cap)
                out[i] = Hypothesis(text, score)
        return out


def mean_log_prob(score: float, length: int, cap: int) -> float:
    """The mean log-probability per target token of a hypothesis of `length`
    tokens that CTranslate2 scored `score` with LENGTH_PENALTY.

    CTranslate2 divides the summed log-probabilities by L ** length_penalty,
    where L counts the end-of-sentence token when the hypothesis ended by
    itself (it is shorter than the decoding cap). Argos' 0.2 penalty still
    favours short sentences; the mean per token (penalty 1) compares
    sentences of any length, which is what a review order needs.
    """
    steps = length + 1 if length < cap else length
    steps = max(steps, 1)
    return float(score) * math.pow(steps, LENGTH_PENALTY) / steps
