"""ArgosEngine: an Argos package run directly with CTranslate2 and SentencePiece.

Callers hand it sentences sorted by length so batches pad little and the
decoding cap fits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from locpipe.mt import Hypothesis
from locpipe.mt.argos import ArgosModel
from locpipe.mt.batching import (
    BATCH_TOKENS,
    LENGTH_PENALTY,
    balanced_chunks,
    decoding_cap,
    thread_layout,
)


class ArgosEngine:
    """An Argos package run with CTranslate2 and SentencePiece, no argostranslate.translate.

    Sentences are sorted by length and cut into batches of equal padded size,
    one queue of batches per worker thread, all submitted at once; each batch
    decodes at most `decoding_cap` of its longest source.
    """

    def __init__(self, model: ArgosModel, *, beam_size: int = 4, threads: int = 0) -> None:
        import ctranslate2
        import sentencepiece

        self.model = model
        self.beam_size = beam_size
        self.workers, intra = thread_layout(threads)
        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(model.sentencepiece))
        self._translator = ctranslate2.Translator(
            str(model.model_dir),
            device="cpu",
            compute_type="int8",
            inter_threads=self.workers,
            intra_threads=intra,
        )

    @property
    def engine_id(self) -> str:
        return f"argos {self.model.name} {self.model.version or '-'}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [h.text for h in self.translate_scored(texts)]

    def translate_scored(self, texts: Sequence[str]) -> list[Hypothesis]:
        """One Hypothesis per text, with its mean log-probability per token."""
        if not texts:
            return []
        tokens: list[list[str]] = self._sp.encode(list(texts), out_type=str)
        chunks = balanced_chunks([len(t) for t in tokens], self.workers, BATCH_TOKENS)
        pending = []
        for chunk in chunks:
            cap = decoding_cap(max(len(tokens[i]) for i in chunk))
            results = self._translator.translate_batch(
                [tokens[i] for i in chunk],
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
            decoded = self._sp.decode([d.hypotheses[0] for d in done])
            for i, text, d in zip(chunk, decoded, done, strict=True):
                score = mean_log_prob(d.scores[0], len(d.hypotheses[0]), cap)
                out[i] = Hypothesis(text.strip(), score)
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
