"""ArgosEngine: an Argos package run directly with CTranslate2 and SentencePiece.

Callers hand it sentences sorted by length so batches pad little and the
decoding cap fits.
"""

from __future__ import annotations

from collections.abc import Sequence

from locpipe.mt.argos import ArgosModel
from locpipe.mt.batching import (
    LENGTH_PENALTY,
    balanced_chunks,
    decoding_cap,
    thread_layout,
)
from locpipe.mt.devices import CPU, Placement


class ArgosEngine:
    """An Argos package run with CTranslate2 and SentencePiece, no argostranslate.translate.

    Sentences are sorted by length and cut into batches of equal padded size,
    one queue of batches per worker thread, all submitted at once; each batch
    decodes at most `decoding_cap` of its longest source.
    """

    def __init__(
        self,
        model: ArgosModel,
        *,
        beam_size: int = 4,
        threads: int = 0,
        placement: Placement = CPU,
    ) -> None:
        import ctranslate2
        import sentencepiece

        self.model = model
        self.beam_size = beam_size
        self.placement = placement
        # On a GPU one batch at a time fills each device: one worker per GPU.
        inter, intra = thread_layout(threads) if placement.device == "cpu" else (1, 1)
        self.workers = inter * len(placement.device_index)
        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(model.sentencepiece))
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
        return f"argos {self.model.name} {self.model.version or '-'}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        tokens: list[list[str]] = self._sp.encode(list(texts), out_type=str)
        chunks = balanced_chunks(
            [len(t) for t in tokens], self.workers, self.placement.batch_tokens
        )
        pending = [
            (
                chunk,
                self._translator.translate_batch(
                    [tokens[i] for i in chunk],
                    max_batch_size=len(chunk),
                    batch_type="examples",
                    beam_size=self.beam_size,
                    length_penalty=LENGTH_PENALTY,
                    replace_unknowns=True,
                    max_decoding_length=decoding_cap(max(len(tokens[i]) for i in chunk)),
                    asynchronous=True,
                ),
            )
            for chunk in chunks
        ]
        out = [""] * len(texts)
        for chunk, results in pending:
            decoded = self._sp.decode([r.result().hypotheses[0] for r in results])
            for i, text in zip(chunk, decoded, strict=True):
                out[i] = text.strip()
        return out
