"""Machine translation: engines, model packages and how batches are planned.

One place for each part:

- `locpipe.mt` (this module): the Translator protocol every engine meets, the
  EngineProvider that finds and loads one per locale, and
  `Hypothesis`, a translation with the engine's score (`translate_scored`).
- `batching`: how pending sentences are cut into batches and how long each may decode.
- `engine`: ArgosEngine, a CTranslate2 model run directly (Argos, OPUS-MT, NLLB).
- `tokenizers`: SentencePiece (one model or source/target) and Moses + BPE.
- `models`: the Runnable a model gives the engine; OPUS-MT and NLLB folders.
- `devices`: where an engine decodes (CPU or every GPU), its compute type and batch sizes.
- `cluster`: the engine run on the workers of a Dask cluster (`--cluster`, an extra).
- `argos`: Argos packages on disk: find, install (safely, offline), remove.
- `download`: the package index and streamed, hashed downloads.
- `pseudo`: the pseudo engine for the `en_XA` pseudo-locale.
- `providers`: which model serves which locale ([tool.locpipe.models], else Argos).
- `traditional`: Traditional Chinese from the Simplified model through OpenCC.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

#: Sentences per engine call when an engine does not say (catalogues are
#: written after each call).
BATCH_SENTENCES = 256


class Translator(Protocol):
    """Translates English sentences into one target language."""

    @property
    def engine_id(self) -> str:
        """`<engine> <model> <version>`, written to the `# mt:` comment."""
        ...

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One translation per text, in the same order."""
        ...


class EngineProvider(Protocol):
    """Finds (cheaply) and loads (expensively) the engine for a locale."""

    def check(self, locale: str) -> None:
        """Raise ModelError when `locale` cannot be served."""
        ...

    def load(self, locale: str) -> Translator: ...


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """A translation and the engine's confidence in it: the mean log-probability
    per target token (0 is certain, more negative is less sure), or None when
    the engine gives no score (the pseudo engine)."""

    text: str
    score: float | None = None


def translate_scored(engine: Translator, texts: Sequence[str]) -> list[Hypothesis]:
    """One Hypothesis per text: the engine's own scores when it has a
    `translate_scored` method, else its translations without a score."""
    scored = getattr(engine, "translate_scored", None)
    if scored is not None:
        result: list[Hypothesis] = scored(texts)
        return result
    return [Hypothesis(text) for text in engine.translate(texts)]


def batch_size(engine: Translator) -> int:
    """Sentences to hand `engine` at once: its `batch_sentences` (a GPU
    takes more), else BATCH_SENTENCES."""
    size = getattr(engine, "batch_sentences", BATCH_SENTENCES)
    return size if isinstance(size, int) and size > 0 else BATCH_SENTENCES


def translate_batches(
    engine: Translator, batches: Sequence[Sequence[str]]
) -> Iterator[tuple[int, list[Hypothesis]]]:
    """(index, one Hypothesis per text) for each batch, as batches finish.

    An engine with its own `translate_batches` (a cluster runs many batches
    at once) yields in the order they finish; any other engine translates one
    batch after the other, so the caller can write after each.
    """
    own = getattr(engine, "translate_batches", None)
    if own is not None:
        yield from own(batches)
        return
    for index, batch in enumerate(batches):
        yield index, translate_scored(engine, batch)
