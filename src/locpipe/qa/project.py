"""QA over a project's catalogues: every live catalogue on disk, with its locale's glossary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from locpipe import orphans, terms
from locpipe.config import Config
from locpipe.formats.pofile import read_po
from locpipe.layout import Paths
from locpipe.model import Catalog
from locpipe.qa.checkfiles import sources_for
from locpipe.qa.checks import check_catalog
from locpipe.qa.findings import Options, Problem, decided
from locpipe.qa.keys import Sources


def _with_flags(cat: Catalog, flags: Sequence[str]) -> Catalog:
    """`cat` with `flags` (the configured format_flags) added to every entry."""
    if not flags:
        return cat
    return Catalog(
        header=cat.header,
        messages=tuple(m.replace(flags=(*m.flags, *flags)) for m in cat.messages),
    )


def check_catalogues(config: Config, source_catalogue: Path | None = None) -> list[Problem]:
    """QA problems (locpipe.qa) in every configured catalogue on disk but
    the orphans (see locpipe.orphans). The English text of key msgids comes
    from `source_catalogue`, else the `check_source_catalogue` setting, else
    the `en` catalogue of the same domain beside each catalogue."""
    paths = Paths.of(config)
    problems: list[Problem] = []
    glossaries = {locale: terms.load(config, locale) for locale in config.locales}
    for locale, po in orphans.live_catalogs(config, paths):
        relpath = config.shown(po)
        english = source_catalogue
        if english is None and config.check_source_catalogue:
            pattern = config.check_source_catalogue.replace("{domain}", paths.domain(locale, po))
            english = config.root / pattern
        sources = sources_for(po, english)
        problems += check_catalogue(
            read_po(po), relpath, locale, glossaries[locale], config, sources
        )
    return problems


def check_catalogue(
    cat: Catalog,
    relpath: str,
    locale: str,
    glossary: terms.Glossary,
    config: Config,
    sources: Sources | None = None,
) -> list[Problem]:
    """QA problems (locpipe.qa) and glossary warnings of catalogue `cat` of
    `locale`, shown as `relpath`, with the configured format flags, less
    those the configuration or an entry's `# check: ignore=` decided;
    `sources` are the English texts of its keys (see locpipe.qa.keys)."""
    cat = _with_flags(cat, config.format_flags)
    options = qa_options(config)
    by_line = {m.lineno: m for m in cat.active()}
    glossary_problems = [
        p
        for p in terms.check_catalog(cat, relpath, glossary)
        if not decided(p, by_line[p.line], options)
    ]
    return check_catalog(cat, relpath, locale, options, sources) + glossary_problems


def qa_options(config: Config) -> Options:
    """What the configuration decided about QA findings (the `check_*` keys)."""
    return Options(
        frozenset(config.check_disable),
        frozenset(config.check_allow),
        frozenset(config.check_identical_allow),
    )
