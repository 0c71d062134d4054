"""QA over a project's catalogues: every live catalogue on disk, with its locale's glossary."""

from __future__ import annotations

from collections.abc import Sequence

from locpipe import orphans, terms
from locpipe.config import Config
from locpipe.formats.pofile import read_po
from locpipe.layout import Paths
from locpipe.model import Catalog
from locpipe.qa.checks import Problem, check_catalog


def _with_flags(cat: Catalog, flags: Sequence[str]) -> Catalog:
    """`cat` with `flags` (the configured format_flags) added to every entry."""
    if not flags:
        return cat
    return Catalog(
        header=cat.header,
        messages=tuple(m.replace(flags=(*m.flags, *flags)) for m in cat.messages),
    )


def check_catalogues(config: Config) -> list[Problem]:
    """QA problems (locpipe.qa) in every configured catalogue on disk but
    the orphans (see locpipe.orphans)."""
    paths = Paths.of(config)
    problems: list[Problem] = []
    glossaries = {locale: terms.load(config, locale) for locale in config.locales}
    for locale, po in orphans.live_catalogs(config, paths):
        relpath = po.relative_to(config.root).as_posix()
        problems += check_catalogue(read_po(po), relpath, locale, glossaries[locale], config)
    return problems


def check_catalogue(
    cat: Catalog, relpath: str, locale: str, glossary: terms.Glossary, config: Config
) -> list[Problem]:
    """QA problems (locpipe.qa) and glossary warnings of catalogue `cat` of
    `locale`, shown as `relpath`, with the configured format flags."""
    cat = _with_flags(cat, config.format_flags)
    return check_catalog(cat, relpath, locale) + terms.check_catalog(cat, relpath, glossary)
