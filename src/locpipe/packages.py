"""Catalogues an app loads besides its own: Django's, an installed package's.

A Django app's strings that Django itself translates ("This field is
required.") are in Django's own catalogues, reviewed by Django's
translators, and so are WTForms' validation messages and Flask-AppBuilder's
screens. An app catalogue that holds machine output for such a string
shadows the human translation (Django reads LOCALE_PATHS first), so locpipe
reads these catalogues as translation memory before MT
(`[tool.locpipe] package_catalogues`; `layout = "django"` names Django).

Packages are located without being imported (importlib.util.find_spec, which
for a top-level name only looks on sys.path), and every `LC_MESSAGES` folder
under a `locale/`, `translations/` or `conf/locale/` folder of the package is
read for the configured locale: `.po` files, or `.mo` where a folder ships no
`.po`. The locale folder a package uses may be spelt otherwise than the
project's (`zh`, `zh_CN` or `zh_Hans` for `zh_Hans_CN`): any folder of the
same language and script counts, the exact name first, then the same
territory, then one with no territory.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from locpipe import fsio
from locpipe.formats.mofile import parse_mo
from locpipe.formats.pofile import parse_po
from locpipe.locales import parse_locale
from locpipe.model import Catalog

#: Folders that hold `<locale>/LC_MESSAGES` in the packages of the Python world.
LOCALE_FOLDERS = ("locale", "translations")
_SKIPPED = frozenset({"__pycache__", "node_modules", ".git"})


def package_dir(name: str) -> Path | None:
    """Where the installed top-level package `name` lives, without importing
    it; None when it is not installed."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(spec.origin).parent if spec.origin else None


def _locale_roots(root: Path) -> Iterator[Path]:
    """The `locale/` and `translations/` folders under `root`, not looking
    inside them (a Django install has a thousand LC_MESSAGES folders)."""
    for folder, dirs, _files in os.walk(root):
        dirs.sort()
        for name in [d for d in dirs if d in LOCALE_FOLDERS]:
            yield Path(folder) / name
        dirs[:] = [d for d in dirs if d not in LOCALE_FOLDERS and d not in _SKIPPED]


def rank(locale: str, folder: str) -> int | None:
    """How well the locale folder `folder` serves `locale` (0 best), or None
    when it is another language or script."""
    wanted, found = parse_locale(locale), parse_locale(folder)
    if wanted is None or found is None:
        return None
    if (wanted.language, wanted.script) != (found.language, found.script):
        return None
    if folder == locale:
        return 0
    if found.territory == wanted.territory:
        return 1
    return 2 if found.territory is None else None


def catalogue_files(root: Path, locale: str) -> list[Path]:
    """The catalogue files under package folder `root` for `locale`, best
    folders first (see `rank`): the `.po` files of each LC_MESSAGES folder,
    or its `.mo` files when it has no `.po`."""
    found: list[tuple[int, str, Path]] = []
    for locale_root in _locale_roots(root):
        try:
            names = [p.name for p in locale_root.iterdir() if (p / "LC_MESSAGES").is_dir()]
        except OSError:
            continue
        for name in names:
            order = rank(locale, name)
            if order is None:
                continue
            folder = locale_root / name / "LC_MESSAGES"
            files = sorted(folder.glob("*.po")) or sorted(folder.glob("*.mo"))
            found += [(order, str(path.relative_to(root)), path) for path in files]
    return [path for _, _, path in sorted(found)]


def catalogues(names: Sequence[str], locale: str) -> dict[str, Catalog]:
    """The catalogues of the installed packages `names` for `locale`, by
    `<package>:<path in the package>`, in the order of `names`; packages
    that are not installed give none."""
    found: dict[str, Catalog] = {}
    for name in names:
        root = package_dir(name)
        if root is None:
            continue
        for path in catalogue_files(root, locale):
            data = fsio.read_bytes(path)
            parse = parse_mo if path.suffix == ".mo" else parse_po
            found[f"{name}:{path.relative_to(root).as_posix()}"] = parse(data, str(path))
    return found
