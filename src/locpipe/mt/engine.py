"""ArgosEngine: a CTranslate2 model (an Argos package, or an OPUS-MT or NLLB
conversion) run directly, tokenized as its family requires.

The model (a `locpipe.mt.models.Runnable`) gives the tokenizer, the tokens
around each source sentence and the target prefix; the engine batches,
decodes, drops the prefix from each hypothesis and detokenizes.
"""

from __future__ import annotations

from collections.abc import Sequence

from locpipe.mt.batching import (
    BATCH_TOKENS,
    LENGTH_PENALTY,
    balanced_chunks,
    decoding_cap,
    thread_layout,
)
from locpipe.mt.models import Runnable


class ArgosEngine:
    """A CTranslate2 model run directly, no argostranslate.translate.

    Sentences are sorted by length and cut into batches of equal padded size,
    one queue of batches per worker thread, all submitted at once; each batch
    decodes at most `decoding_cap` of its longest source.
    """

    def __init__(self, model: Runnable, *, beam_size: int = 4, threads: int = 0) -> None:
        import ctranslate2

        self.model = model
        self.beam_size = beam_size
        self.workers, intra = thread_layout(threads)
        self._tokenizer = model.tokenizer()
        self._translator = ctranslate2.Translator(
            str(model.model_dir),
            device="cpu",
            compute_type="int8",
            inter_threads=self.workers,
            intra_threads=intra,
        )

    @property
    def engine_id(self) -> str:
        return self.model.engine_id

    def translate(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        before, after = list(self.model.source_prefix), list(self.model.source_suffix)
        tokens = [before + t + after for t in self._tokenizer.encode(texts)]
        prefix = list(self.model.target_prefix)
        chunks = balanced_chunks([len(t) for t in tokens], self.workers, BATCH_TOKENS)
        pending = [
            (
                chunk,
                self._translator.translate_batch(
                    [tokens[i] for i in chunk],
                    target_prefix=[prefix] * len(chunk) if prefix else None,
                    max_batch_size=len(chunk),
                    batch_type="examples",
                    beam_size=self.beam_size,
                    length_penalty=LENGTH_PENALTY,
                    replace_unknowns=True,
                    max_decoding_length=decoding_cap(max(len(tokens[i]) for i in chunk))
                    + len(prefix),
                    asynchronous=True,
                ),
            )
            for chunk in chunks
        ]
        out = [""] * len(texts)
        for chunk, results in pending:
            # CTranslate2 returns the target prefix as part of each hypothesis.
            decoded = self._tokenizer.decode(
                [r.result().hypotheses[0][len(prefix) :] for r in results]
            )
            for i, text in zip(chunk, decoded, strict=True):
                out[i] = text
        return out
