"""`locpipe check FILE.po …`: check any project's catalogues, no locpipe config needed.

The locale of each file comes from, in order: `--locale`, the header's
`Language:`, the folder layout gettext, Django, Sphinx and Babel use
(`…/<locale>/LC_MESSAGES/<domain>.po`), the file name (`ko.po`,
`zh_Hans.po`, as Weblate and many JS projects lay it out). Any spelling
`locpipe.locales` understands is accepted (`ko_KR`, `zh_Hans`, `zh_TW` …).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from locpipe.errors import ConfigError, LocpipeError
from locpipe.formats.pofile import read_po
from locpipe.locales import EXAMPLES, parse_locale
from locpipe.model import Catalog
from locpipe.qa.checks import Problem, check_catalog


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


def check_files(
    paths: list[Path],
    locale: str | None = None,
    on_failure: Callable[[LocpipeError], None] | None = None,
) -> list[Problem]:
    """QA problems (locpipe.qa) of each .po file in `paths`, in the given
    order; `locale` overrides what each file says.

    A file that cannot be read, is malformed or whose locale cannot be told
    is a LocpipeError naming it: raised, or, with `on_failure`, handed to it
    and the file skipped, so the other files are still checked.
    """
    if locale is not None and parse_locale(locale) is None:
        raise ConfigError(
            f"unknown locale {locale!r}", fix=f"use a locale name such as {', '.join(EXAMPLES)}"
        )
    problems: list[Problem] = []
    for path in paths:
        try:
            problems.extend(_check_file(path, locale))
        except LocpipeError as exc:
            if on_failure is None:
                raise
            on_failure(exc)
    return problems


def _check_file(path: Path, locale: str | None) -> list[Problem]:
    try:
        catalog = read_po(path)
    except OSError as exc:
        raise LocpipeError(
            f"cannot read: {exc.strerror or exc}", file=path, fix="check the path"
        ) from exc
    found = locale or locale_of(path, catalog)
    if found is None:
        raise LocpipeError(
            "cannot tell the locale: no Language header, and the path is not "
            "…/<locale>/LC_MESSAGES/…",
            file=path,
            fix="add a `Language: ko` header line, or pass --locale ko",
        )
    return check_catalog(catalog, str(path), found)
