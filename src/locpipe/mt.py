"""Machine translation engines behind one Protocol.

`ArgosEngine` runs an Argos package's files directly: SentencePiece to
tokenise, CTranslate2 to translate many sentences per call. Callers hand it
sentences sorted by length so batches pad little and the decoding cap fits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

from locpipe.argos import ArgosModel, find_model, index_name
from locpipe.config import PSEUDO_LOCALE, Config, default_threads
from locpipe.errors import ModelError

#: Tokens per CTranslate2 batch (batch_type="tokens").
BATCH_TOKENS = 4096


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
    a plausible translation length instead of running to a fixed maximum.
    """
    return 2 * source_tokens + 8


def fingerprint(translations: Sequence[str]) -> str:
    """A short hash of MT output; a person's edit no longer matches it."""
    digest = hashlib.sha1("\x00".join(translations).encode("utf-8")).hexdigest()
    return digest[:12]


class ArgosEngine:
    """An Argos package run with CTranslate2 and SentencePiece, no argostranslate.translate."""

    def __init__(self, model: ArgosModel, *, beam_size: int = 4, threads: int = 0) -> None:
        import ctranslate2
        import sentencepiece

        self.model = model
        self.beam_size = beam_size
        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(model.sentencepiece))
        self._translator = ctranslate2.Translator(
            str(model.model_dir),
            device="cpu",
            compute_type="int8",
            inter_threads=1,
            intra_threads=threads or default_threads(),
        )

    @property
    def engine_id(self) -> str:
        return f"argos {self.model.name} {self.model.version or '-'}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        tokens = [self._sp.encode(text, out_type=str) for text in texts]
        longest = max(len(t) for t in tokens)
        results = self._translator.translate_batch(
            tokens,
            max_batch_size=BATCH_TOKENS,
            batch_type="tokens",
            beam_size=self.beam_size,
            length_penalty=0.2,
            replace_unknowns=True,
            max_decoding_length=decoding_cap(longest),
        )
        return [self._sp.decode(result.hypotheses[0]).strip() for result in results]


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

    def check(self, locale: str) -> None:
        if locale != PSEUDO_LOCALE:
            self.argos.check(locale)

    def load(self, locale: str) -> Translator:
        if locale == PSEUDO_LOCALE:
            from locpipe.pseudo import PseudoTranslator

            return PseudoTranslator()
        return self.argos.load(locale)
