"""Orphans: files under locales/ and build/ whose document or template is gone.

A deleted or renamed document leaves its catalogues behind, and they hold
reviewed translations. locpipe never deletes them on its own: it names them
(the run summary, `locpipe status`), keeps them out of totals, `--fail-under`
and `locpipe check`, and still reads their reviewed entries as translation
memory, so a renamed document gets its translations back. `locpipe prune`
deletes them, with their template, `.mo` and `.json` files and the rebuilt
documents of gone sources.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from locpipe.config import Config
from locpipe.documents import sources
from locpipe.errors import ConfigError
from locpipe.layout import Paths

#: What a catalogue leaves beside it in LC_MESSAGES.
CATALOGUE_SUFFIXES = (".po", ".mo", ".json")


@dataclass(frozen=True, slots=True)
class Orphans:
    """What is left of documents and templates that are gone."""

    catalogues: tuple[tuple[str, Path], ...] = ()  # (locale, .po file)
    templates: tuple[Path, ...] = ()  # .pot files locpipe wrote
    files: tuple[Path, ...] = ()  # everything `locpipe prune` removes

    def named(self) -> tuple[Path, ...]:
        """The orphaned catalogues and templates, as the run summary names them."""
        return tuple(po for _, po in self.catalogues) + self.templates


def _files(folder: Path) -> Iterator[Path]:
    """The files under `folder` (none when it is missing), sorted; hidden
    files (an interrupted write's temporary file) are not ours to judge."""
    for path in sorted(folder.glob("**/*")):
        if path.is_file() and not path.name.startswith("."):
            yield path


def find(config: Config, paths: Paths, live: Set[str], documents: Set[str]) -> Orphans:
    """The orphans of the project: catalogue files of `config.locales` whose
    domain is not in `live`, templates in the locales folder likewise, and
    rebuilt documents whose source path (relative to the project) is not in
    `documents`. Compendia and app templates are never orphans."""
    keep = {p.resolve() for p in sources.compendium_paths(config)}
    keep |= {p.resolve() for pattern in config.templates for p in config.root.glob(pattern)}
    catalogues: list[tuple[str, Path]] = []
    files: list[Path] = []
    for locale in config.locales:
        for path in _files(paths.locales_dir / locale / "LC_MESSAGES"):
            if path.suffix not in CATALOGUE_SUFFIXES or path.resolve() in keep:
                continue
            if paths.domain(locale, path) not in live:
                files.append(path)
                if path.suffix == ".po":
                    catalogues.append((locale, path))
        built = paths.build_dir / locale
        files += [
            p
            for p in _files(built)
            if p.relative_to(built).as_posix() not in documents
            and not p.is_relative_to(paths.locales_dir)  # build and locales folders may nest
        ]
    templates: list[Path] = []
    for path in _files(paths.locales_dir):
        where = path.relative_to(paths.locales_dir)
        if path.suffix != ".pot" or where.parts[0] in config.locales or path.resolve() in keep:
            continue
        if where.with_suffix("").as_posix() not in live:
            templates.append(path)
    return Orphans(tuple(catalogues), tuple(templates), tuple(sorted(files + templates)))


def of_project(config: Config, paths: Paths, *, strict: bool = False) -> Orphans:
    """The orphans of the project on disk. When a `templates` pattern matches
    no file, none are reported, or with `strict` (before deleting anything)
    that is the error: a template not extracted yet is no reason to call its
    catalogues orphans."""
    try:
        found = sources.discover(config)
        live = {source.domain for source in found}
        live.update(sources.app_templates(config))
    except ConfigError:
        if strict:
            raise
        return Orphans()
    return find(config, paths, live, {source.relpath for source in found})


def live_catalogs(config: Config, paths: Paths) -> list[tuple[str, Path]]:
    """(locale, .po) of every catalogue on disk but the orphans."""
    gone = set(of_project(config, paths).catalogues)
    return [found for found in paths.catalogs(config.locales) if found not in gone]
