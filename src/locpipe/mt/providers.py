"""Which engine serves which locale: the model named for it under
[tool.locpipe.models], else the installed Argos package, or the pseudo engine;
and on which device it decodes.

A Traditional Chinese locale (Argos code `zt`) is served by an Argos en→zt
package when one is installed, else by the en→zh package with its output
converted by OpenCC (see `traditional`).
"""

from __future__ import annotations

from locpipe.config import Config
from locpipe.errors import ModelError
from locpipe.mt import Translator
from locpipe.mt.argos import ArgosModel, find_model, index_name, installed_models
from locpipe.mt.devices import Placement, detect
from locpipe.mt.engine import ArgosEngine
from locpipe.mt.models import Runnable, installed_folder_models
from locpipe.mt.pseudo import PseudoProvider
from locpipe.mt.traditional import ConvertedTranslator, check_available, conversion_for

#: Argos codes of locales another package can serve: Traditional from Simplified.
_CONVERTED_FROM = {"zt": "zh"}


class ArgosProvider:
    """Serves each locale with the installed Argos package for its language."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._placement: Placement | None = None
        #: locale → its route, found once: `check` then `load` would read
        #: every installed package's metadata twice.
        self._routes: dict[str, tuple[Runnable, str | None]] = {}

    @property
    def placement(self) -> Placement:
        """Where the engines decode (config.device on this machine), found once."""
        if self._placement is None:
            self._placement = detect(self.config.device)
        return self._placement

    def model(self, locale: str) -> ArgosModel:
        """The Argos package that serves `locale` as it is, for a cluster to
        ship; ModelError when a folder model or an OpenCC conversion serves it."""
        route, conversion = self._route(locale)
        if conversion is not None or not isinstance(route, ArgosModel):
            how = " through OpenCC" if conversion is not None else ""
            raise ModelError(
                f"--cluster runs Argos packages as they are; {locale} is served by "
                f"{route.engine_id}{how}",
                fix=f"translate {locale} without --cluster, or install the Argos package "
                "for its language",
            )
        return route

    def _model(self, locale: str) -> tuple[ArgosModel, str | None]:
        """The package for `locale`, and the OpenCC conversion its output
        needs (None: the package translates into the locale's script)."""
        from_code = self.config.source_language
        to_code = self.config.argos_code(locale)
        model = find_model(from_code, to_code)
        if model is not None:
            return model, None
        base = _CONVERTED_FROM.get(to_code)
        converted = find_model(from_code, base) if base is not None else None
        if converted is not None:
            check_available()
            return converted, conversion_for(locale)
        name = index_name(from_code, to_code)
        also = f" or {from_code}→{base}" if base is not None else ""
        other = f" (or {index_name(from_code, base)}, converted with OpenCC)" if base else ""
        raise ModelError(
            f"no Argos model for {from_code}→{to_code}{also}, needed for locale {locale}",
            fix=(
                f"install the Argos package {name}{other}: `locpipe models install {name}` "
                f"(downloads it), or `locpipe models install FILE.argosmodel` "
                f"with a file you have (no network needed)"
            ),
        )

    def _route(self, locale: str) -> tuple[Runnable, str | None]:
        """The model that serves `locale` (the one configured for it, else
        Argos'), and the OpenCC conversion its output needs, if any."""
        if locale not in self._routes:
            name = self.config.model_for(locale)
            self._routes[locale] = (
                self._model(locale) if name is None else (find_runnable(name, locale), None)
            )
        return self._routes[locale]

    def check(self, locale: str) -> None:
        self._route(locale)
        self.placement  # noqa: B018 - a missing device is an error before any write

    def load(self, locale: str) -> Translator:
        model, conversion = self._route(locale)
        engine = ArgosEngine(
            model,
            beam_size=self.config.beam_size,
            threads=self.config.threads,
            placement=self.placement,
        )
        return engine if conversion is None else ConvertedTranslator(engine, conversion)

    def devices(self) -> list[str]:
        """Where the engines loaded so far decode, for the run summary."""
        return [self.placement.describe()] if self._placement is not None else []


def find_runnable(name: str, locale: str) -> Runnable:
    """The installed model called `name` (a folder model, or an Argos package
    folder name) bound to `locale`; ModelError naming the fix when absent."""
    for folder in installed_folder_models():
        if folder.name == name:
            return folder.route(locale)
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
        self.pseudo_locale = config.pseudo_locale
        self.pseudo = PseudoProvider()

    def _for(self, locale: str) -> ArgosProvider | PseudoProvider:
        return self.pseudo if locale == self.pseudo_locale else self.argos

    def check(self, locale: str) -> None:
        self._for(locale).check(locale)

    def load(self, locale: str) -> Translator:
        return self._for(locale).load(locale)

    def devices(self) -> list[str]:
        """Where the engines of this run decode, for the run summary."""
        return self.argos.devices()
