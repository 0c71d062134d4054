"""Which engine serves which locale: the model named for it under
[tool.locpipe.models], else the installed Argos package, or the pseudo engine."""

from __future__ import annotations

from locpipe.config import PSEUDO_LOCALE, Config
from locpipe.errors import ModelError
from locpipe.mt import Translator
from locpipe.mt.argos import ArgosModel, find_model, index_name
from locpipe.mt.engine import ArgosEngine
from locpipe.mt.models import Runnable, installed_folder_models
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

    def runnable(self, locale: str) -> Runnable:
        """The model that serves `locale`: the one configured for it, else Argos'."""
        name = self.config.model_for(locale)
        if name is None:
            return self._model(locale)
        return find_runnable(name, locale)

    def check(self, locale: str) -> None:
        self.runnable(locale)

    def load(self, locale: str) -> Translator:
        return ArgosEngine(
            self.runnable(locale), beam_size=self.config.beam_size, threads=self.config.threads
        )


def find_runnable(name: str, locale: str) -> Runnable:
    """The installed model called `name` (a folder model, or an Argos package
    folder name) bound to `locale`; ModelError naming the fix when absent."""
    for folder in installed_folder_models():
        if folder.name == name:
            return folder.route(locale)
    from locpipe.mt.argos import installed_models

    for package in installed_models():
        if package.name == name:
            return package
    raise ModelError(
        f"no installed model named {name!r}, configured for locale {locale}",
        fix="install it with `locpipe models install DIR` (see `locpipe models list`), "
        "or remove it from [tool.locpipe.models]",
    )


def serving_models(config: Config, locale: str) -> list[Runnable]:
    """Every installed model that can translate into `locale` (for `locpipe eval`)."""
    from locpipe.mt.argos import installed_models

    code = config.argos_code(locale)
    found: list[Runnable] = [
        m for m in installed_models() if (m.from_code, m.to_code) == (config.source_language, code)
    ]
    found += [f.route(locale) for f in installed_folder_models() if f.serves(locale)]
    return found


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
