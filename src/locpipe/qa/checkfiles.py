"""`locpipe check FILE.po …`: check any project's catalogues, no locpipe config needed.

The locale of each file comes from, in order: `--locale`, the header's
`Language:`, the folder layout gettext, Django, Sphinx and Babel use
(`…/<locale>/LC_MESSAGES/<domain>.po`), the file name (`ko.po`,
`zh_Hans.po`, as Weblate and many JS projects lay it out). Any spelling
`locpipe.locales` understands is accepted (`ko_KR`, `zh_Hans`, `zh_TW` …).

The English catalogue of a key catalogue (see `locpipe.qa.keys`) is
`--source-catalogue FILE`, else the `en` catalogue of the same domain next
to the file (`…/en/LC_MESSAGES/<domain>.po`, or `en.po` beside `ko.po`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from locpipe.errors import ConfigError, LocpipeError
from locpipe.formats.pofile import read_po
from locpipe.locales import EXAMPLES, parse_locale
from locpipe.model import Catalog
from locpipe.qa.checks import check_catalog
from locpipe.qa.findings import NO_OPTIONS, Options, Problem
from locpipe.qa.keys import Sources, english_texts


def locale_of(path: PurePath, catalog: Catalog) -> str | None:
    """The locale of the catalogue at `path`: its header's Language, else its
    path (`<locale>/LC_MESSAGES/`, then the file name), else None."""
    language = (catalog.header_field("Language") or "").strip()
    if language and parse_locale(language) is not None:
        return language
    parts = path.parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES" and parse_locale(parts[-3]):
        return parts[-3]
    if parse_locale(path.stem) is not None:
        return path.stem
    return None


def english_beside(path: Path) -> Path | None:
    """The English catalogue of the same domain next to `path`, if there is one."""
    parts = path.parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        candidate = path.parents[2] / "en" / "LC_MESSAGES" / path.name
    else:
        candidate = path.with_name("en" + path.suffix)
    return candidate if candidate.is_file() and candidate != path else None


def _read(path: Path) -> Catalog:
    try:
        return read_po(path)
    except OSError as exc:
        raise LocpipeError(
            f"cannot read: {exc.strerror or exc}", file=path, fix="check the path"
        ) from exc


def sources_for(path: Path, source_catalogue: Path | None = None) -> Sources | None:
    """The English texts of the keys of the catalogue at `path`: from
    `source_catalogue`, else from the English catalogue beside it; None
    when there is none."""
    english = source_catalogue or english_beside(path)
    return english_texts(_read(english)) if english is not None else None


def check_files(
    paths: list[Path],
    locale: str | None = None,
    source_catalogue: Path | None = None,
    options: Options = NO_OPTIONS,
    on_failure: Callable[[LocpipeError], None] | None = None,
) -> list[Problem]:
    """QA problems (locpipe.qa) of each .po file in `paths`, in the given
    order; `locale` overrides what each file says; `source_catalogue` is the
    English catalogue of key msgids (else the one beside each file) and
    `options` what the team decided.

    A file that cannot be read, is malformed or whose locale cannot be told
    is a LocpipeError naming it: raised, or, with `on_failure`, handed to it
    and the file skipped, so the other files are still checked.
    """
    if locale is not None and parse_locale(locale) is None:
        raise ConfigError(
            f"unknown locale {locale!r}", fix=f"use a locale name such as {', '.join(EXAMPLES)}"
        )
    if source_catalogue is not None and not source_catalogue.is_file():
        raise ConfigError(
            "--source-catalogue: no such file",
            file=source_catalogue,
            fix="give the English .po file whose msgstrs are the text of the keys",
        )
    problems: list[Problem] = []
    for path in paths:
        try:
            problems.extend(_check_file(path, locale, source_catalogue, options))
        except LocpipeError as exc:
            if on_failure is None:
                raise
            on_failure(exc)
    return problems


def _check_file(
    path: Path, locale: str | None, source_catalogue: Path | None, options: Options
) -> list[Problem]:
    catalog = _read(path)
    found = locale or locale_of(path, catalog)
    if found is None:
        raise LocpipeError(
            "cannot tell the locale: no Language header, and the path is not "
            "…/<locale>/LC_MESSAGES/…",
            file=path,
            fix="add a `Language: ko` header line, or pass --locale ko",
        )
    parsed = parse_locale(found)
    sources = sources_for(path, source_catalogue)
    if parsed is not None and parsed.language == "en":
        # The English catalogue itself: its text is the source, identical by design.
        disabled = options.disabled | {"identical"}
        options = Options(disabled, options.allowed, options.identical_allowed)
        sources = sources if sources is not None else english_texts(catalog)
    return check_catalog(catalog, str(path), found, options, sources)
