"""Machine translation engines behind one Protocol.

`ArgosEngine` runs an Argos package's files directly: SentencePiece to
tokenise, CTranslate2 to translate many sentences per call. Callers hand it
sentences sorted by length so batches pad little and the decoding cap fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from locpipe.argos import ArgosModel, find_model, index_name
from locpipe.config import PSEUDO_LOCALE, Config, default_threads
from locpipe.errors import ModelError
from locpipe.pseudo import PseudoProvider

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


class Translator(Protocol):
    """Translates English sentences into one target language."""

    @property
    def engine_id(self) -> str:
        """`<engine> <model> <version>`, written to the `# mt:` comment."""
        ...

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One translation per text, in the same order."""
        ...


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
        if not texts:
            return []
        tokens: list[list[str]] = self._sp.encode(list(texts), out_type=str)
        chunks = balanced_chunks([len(t) for t in tokens], self.workers, BATCH_TOKENS)
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


class ArgosProvider:
    """Serves each locale with the installed Argos package for its language."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def _model(self, locale: str) -> ArgosModel:
        from_code = self.config.source_language
        to_code = self.config.argos_code(locale)
        model = find_model(from_code, to_code)
        if model is None:
            name = index_name(from_code, to_code)
            raise ModelError(
                f"no Argos model for {from_code}→{to_code}, needed for locale {locale}",
                fix=(
                    f"install the Argos package {name}: `locpipe models install {name}` "
                    f"(downloads it), or `locpipe models install FILE.argosmodel` "
                    f"with a file you have (no network needed)"
                ),
            )
        return model

    def check(self, locale: str) -> None:
        self._model(locale)

    def load(self, locale: str) -> Translator:
        return ArgosEngine(
            self._model(locale), beam_size=self.config.beam_size, threads=self.config.threads
        )


class LocaleEngines:
    """The engine for each locale: the pseudo engine for the pseudo-locale,
    the installed Argos package for every other."""

    def __init__(self, config: Config) -> None:
        self.argos = ArgosProvider(config)
        self.pseudo = PseudoProvider()

    def _for(self, locale: str) -> ArgosProvider | PseudoProvider:
        return self.pseudo if locale == PSEUDO_LOCALE else self.argos

    def check(self, locale: str) -> None:
        self._for(locale).check(locale)

    def load(self, locale: str) -> Translator:
        return self._for(locale).load(locale)
