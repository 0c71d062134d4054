"""Machine translation: engines, model packages and how batches are planned.

One place for each part:

- `locpipe.mt` (this module): the Translator protocol every engine meets.
- `batching`: how pending sentences are cut into batches and how long each may decode.
- `engine`: ArgosEngine, a CTranslate2 model run directly (Argos, OPUS-MT, NLLB).
- `tokenizers`: SentencePiece (one model or source/target) and Moses + BPE.
- `models`: the Runnable a model gives the engine; OPUS-MT and NLLB folders.
- `argos`: Argos packages on disk: find, install (safely, offline), remove.
- `download`: the package index and streamed, hashed downloads.
- `pseudo`: the pseudo engine for the `en_XA` pseudo-locale.
- `providers`: which model serves which locale ([tool.locpipe.models], else Argos).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Translator(Protocol):
    """Translates English sentences into one target language."""

    @property
    def engine_id(self) -> str:
        """`<engine> <model> <version>`, written to the `# mt:` comment."""
        ...

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One translation per text, in the same order."""
        ...
