"""Tokenizers: text to the pieces a CTranslate2 model reads, and its pieces back to text.

One class per way model families cut text:

- `SentencePieceTokenizer`: one SentencePiece model for both sides (Argos
  `sentencepiece.model`, NLLB-200's `sentencepiece.bpe.model`), or two
  (OPUS-MT/Marian's `source.spm` and `target.spm`).
- `MosesBpeTokenizer`: Moses punctuation normalisation and tokenisation,
  then subword-nmt BPE with `@@ ` joints (Argos `bpe.model`), undone with the
  Moses detokenizer, exactly as `argostranslate.tokenizer.BPETokenizer` does.

Decoding keeps underscores: `argostranslate` replaces every `_` of the output
with a space (so `file_name` comes back as `file name`); locpipe does not.
It also drops a BPE joint left dangling at the end of a hypothesis.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol


class Tokenizer(Protocol):
    """Cuts sentences into model pieces and joins model pieces into text."""

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """The pieces of each text."""
        ...

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        """The text of each piece sequence, without surrounding whitespace."""
        ...


class SentencePieceTokenizer:
    """SentencePiece on both sides: one model, or a source and a target model."""

    def __init__(self, source: Path, target: Path | None = None) -> None:
        import sentencepiece

        self._source = sentencepiece.SentencePieceProcessor(model_file=str(source))
        self._target = (
            self._source
            if target is None or target == source
            else sentencepiece.SentencePieceProcessor(model_file=str(target))
        )

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        pieces: list[list[str]] = self._source.encode(list(texts), out_type=str)
        return pieces

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        # decode_pieces turns "▁" into spaces and byte-fallback pieces into
        # their characters, as Argos does; Argos' extra `_` → space is a bug.
        texts: list[str] = self._target.decode_pieces([list(p) for p in pieces])
        return [text.replace("▁", " ").strip() for text in texts]


class MosesBpeTokenizer:
    """Moses tokenisation + BPE, as `argostranslate.tokenizer.BPETokenizer`.

    Uses sacremoses and `argostranslate.apply_bpe` (both installed with
    argostranslate), so the pieces are the ones Argos would feed the model.
    """

    def __init__(self, codes: Path, from_code: str, to_code: str) -> None:
        from argostranslate.apply_bpe import BPE
        from sacremoses.normalize import MosesPunctNormalizer
        from sacremoses.tokenize import MosesDetokenizer, MosesTokenizer

        self._normalizer = MosesPunctNormalizer(from_code)
        self._tokenizer = MosesTokenizer(from_code)
        self._detokenizer = MosesDetokenizer(to_code)
        with codes.open(encoding="utf-8") as stream:
            self._bpe: Any = BPE(stream)

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        out: list[list[str]] = []
        for text in texts:
            normalized = self._normalizer.normalize(text)
            words = " ".join(self._tokenizer.tokenize(normalized)).strip("\r\n ").split(" ")
            out.append(list(self._bpe.segment_tokens(words)))
        return out

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        # A hypothesis cut by the decoding cap may end on a joint ("말@@");
        # Argos leaves the "@@" in its output, locpipe drops it.
        return [
            str(
                self._detokenizer.detokenize(
                    " ".join(p).replace("@@ ", "").removesuffix("@@").split(" ")
                )
            ).strip()
            for p in pieces
        ]
