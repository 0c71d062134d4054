"""Machine translation: engines, model packages and how batches are planned.

One place for each part:

- `locpipe.mt` (this module): the Translator protocol every engine meets.
- `batching`: how pending sentences are cut into batches and how long each may decode.
- `engine`: ArgosEngine, an Argos package run directly with CTranslate2 and SentencePiece.
- `devices`: where an engine decodes (CPU or every GPU), its compute type and batch sizes.
- `cluster`: the engine run on the workers of a Dask cluster (`--cluster`, an extra).
- `argos`: Argos packages on disk: find, install (safely, offline), remove.
- `pseudo`: the pseudo engine for the `en_XA` pseudo-locale.
- `providers`: which engine serves which locale.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

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


def batch_size(engine: Translator) -> int:
    """Sentences to hand `engine` at once: its `batch_sentences` (a GPU
    takes more), else BATCH_SENTENCES."""
    size = getattr(engine, "batch_sentences", BATCH_SENTENCES)
    return size if isinstance(size, int) and size > 0 else BATCH_SENTENCES


def translate_batches(
    engine: Translator, batches: Sequence[Sequence[str]]
) -> Iterator[tuple[int, Any]]:
    """(index, what `engine.translate` returns) for each batch, as batches finish.

    An engine with its own `translate_batches` (a cluster runs many batches
    at once) yields in the order they finish; any other engine translates one
    batch after the other, so the caller can write after each.
    """
    own = getattr(engine, "translate_batches", None)
    if own is not None:
        yield from own(batches)
        return
    for index, batch in enumerate(batches):
        yield index, engine.translate(batch)
