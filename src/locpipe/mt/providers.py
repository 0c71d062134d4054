"""Which engine serves which locale: the installed Argos package, or the pseudo engine,
and on which device it decodes."""

from __future__ import annotations

from locpipe.config import PSEUDO_LOCALE, Config
from locpipe.errors import ModelError
from locpipe.mt import Translator
from locpipe.mt.argos import ArgosModel, find_model, index_name
from locpipe.mt.devices import Placement, detect
from locpipe.mt.engine import ArgosEngine
from locpipe.mt.pseudo import PseudoProvider


def argos_engine(
    model: ArgosModel, *, beam_size: int, threads: int, placement: Placement
) -> Translator:
    """The engine that runs `model`: in this process, or on a cluster worker."""
    return ArgosEngine(model, beam_size=beam_size, threads=threads, placement=placement)


class ArgosProvider:
    """Serves each locale with the installed Argos package for its language."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._placement: Placement | None = None

    @property
    def placement(self) -> Placement:
        """Where the engines decode (config.device on this machine), found once."""
        if self._placement is None:
            self._placement = detect(self.config.device)
        return self._placement

    def model(self, locale: str) -> ArgosModel:
        """The installed package that serves `locale`; ModelError when none."""
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
        self.model(locale)
        self.placement  # noqa: B018 - a missing device is an error before any write

    def load(self, locale: str) -> Translator:
        return argos_engine(
            self.model(locale),
            beam_size=self.config.beam_size,
            threads=self.config.threads,
            placement=self.placement,
        )

    def devices(self) -> list[str]:
        """Where the engines loaded so far decode, for the run summary."""
        return [self.placement.describe()] if self._placement is not None else []


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

    def devices(self) -> list[str]:
        """Where the engines of this run decode, for the run summary."""
        return self.argos.devices()
