"""Which engine serves which locale: the installed Argos package, or the pseudo engine."""

from __future__ import annotations

from locpipe.config import Config
from locpipe.errors import ModelError
from locpipe.mt import Translator
from locpipe.mt.argos import ArgosModel, find_model, index_name
from locpipe.mt.engine import ArgosEngine
from locpipe.mt.pseudo import PseudoProvider


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
        self.pseudo_locale = config.pseudo_locale
        self.pseudo = PseudoProvider()

    def _for(self, locale: str) -> ArgosProvider | PseudoProvider:
        return self.pseudo if locale == self.pseudo_locale else self.argos

    def check(self, locale: str) -> None:
        self._for(locale).check(locale)

    def load(self, locale: str) -> Translator:
        return self._for(locale).load(locale)
