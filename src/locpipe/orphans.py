"""Orphans: files under locales/ and build/ whose document or template is gone.

A deleted or renamed document leaves its catalogues behind, and they hold
reviewed translations. locpipe never deletes them on its own: it names them
(the run summary, `locpipe status`), keeps them out of totals, `--fail-under`
and `locpipe check`, and still reads their entries as translation memory. A renamed document or
template continues its orphan (`renamed`): the orphan is merged into the new
catalogue as `mv` + msgmerge would, so every text, fuzzy and obsolete ones
too, carries over. `locpipe prune` deletes orphans, with their template,
`.mo` and `.json` files and the rebuilt documents of gone sources, but not a
catalogue holding a person's text that no live catalogue holds (`unkept`)
unless forced.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from pathlib import Path

from locpipe import catalog
from locpipe.config import Config
from locpipe.documents import sources
from locpipe.errors import ConfigError
from locpipe.layout import Paths
from locpipe.model import Catalog, Message

#: The suffix of a domain's i18next resource (`compile --format i18next`),
#: also written in the source language's folder, in English.
I18NEXT_ENGLISH = ".i18next.json"
#: What a catalogue leaves beside it in LC_MESSAGES (`.mo`, and the JSON of
#: each `compile --format`), longest first: "app.jed.json" is domain "app".
CATALOGUE_SUFFIXES = (I18NEXT_ENGLISH, ".jed.json", ".json", ".po", ".mo")


@dataclass(frozen=True, slots=True)
class Orphans:
    """What is left of documents and templates that are gone."""

    catalogues: tuple[tuple[str, Path], ...] = ()  # (locale, .po file)
    templates: tuple[Path, ...] = ()  # .pot files locpipe wrote
    files: tuple[Path, ...] = ()  # everything `locpipe prune` removes

    def named(self) -> tuple[Path, ...]:
        """The orphaned catalogues and templates, as the run summary names them."""
        return tuple(po for _, po in self.catalogues) + self.templates


def _files(folder: Path) -> list[tuple[str, str]]:
    """(path relative to `folder`, posix; full path) of the files under
    `folder` (none when it is missing), in the order pathlib sorts paths.
    Hidden files (an interrupted write's temporary file) are not ours to
    judge. Strings, not Paths: a large project has thousands of files."""
    found: list[tuple[str, str]] = []

    def walk(directory: str, prefix: str) -> None:
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file() and not entry.name.startswith("."):
                    found.append((prefix + entry.name, entry.path))
            except OSError:
                continue

    walk(str(folder), "")
    found.sort(key=lambda item: item[0].split("/"))
    return found


def _suffix(name: str) -> str:
    """The suffix of a file name, as Path.suffix gives it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


class _Kept:
    """Compendia and app templates (never orphans), compared without
    resolving every file of the project."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.resolved = {p.resolve() for p in paths}
        self.names = {p.name for p in self.resolved}

    def __contains__(self, path: str) -> bool:
        name = path.rpartition("/")[2]
        return name in self.names and Path(path).resolve() in self.resolved


def find(config: Config, paths: Paths, live: Set[str], documents: Set[str]) -> Orphans:
    """The orphans of the project: catalogue files of `config.locales` whose
    domain is not in `live`, templates in the locales folder and English
    i18next resources likewise, and rebuilt documents whose source path
    (relative to the project) is not in `documents`. Compendia and app
    templates are never orphans."""
    keep = _Kept(
        [*sources.compendium_paths(config)]
        + [p for pattern in config.templates for p in config.root.glob(pattern)]
    )
    under_locales = str(paths.locales_dir) + os.sep
    catalogues: list[tuple[str, Path]] = []
    files: list[Path] = []
    for locale in config.locales:
        for relpath, full in _files(paths.locales_dir / locale / "LC_MESSAGES"):
            suffix = next((s for s in CATALOGUE_SUFFIXES if relpath.endswith(s)), None)
            if suffix is None or full in keep:
                continue
            if relpath[: -len(suffix)] not in live:
                files.append(Path(full))
                if suffix == ".po":
                    catalogues.append((locale, Path(full)))
        files += [
            Path(full)
            for relpath, full in _files(paths.build_dir / locale)
            if relpath not in documents
            and not full.startswith(under_locales)  # build and locales folders may nest
        ]
    if config.source_language not in config.locales:
        # `compile --format i18next` writes each domain's English resource there.
        english = paths.locales_dir / config.source_language / "LC_MESSAGES"
        files += [
            Path(full)
            for relpath, full in _files(english)
            if relpath.endswith(I18NEXT_ENGLISH)
            and relpath[: -len(I18NEXT_ENGLISH)] not in live
            and full not in keep
        ]
    templates: list[Path] = []
    for relpath, full in _files(paths.locales_dir):
        suffix = _suffix(relpath.rpartition("/")[2])
        if suffix != ".pot" or relpath.split("/", 1)[0] in config.locales or full in keep:
            continue
        if relpath[: -len(suffix)] not in live:
            templates.append(Path(full))
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


def _texts(cat: Catalog) -> dict[tuple[str | None, str], tuple[str, ...]]:
    return {m.key: m.translations for m in cat.messages if any(m.translations)}


def human(message: Message) -> bool:
    """Whether `message` holds text a person wrote or kept: translated, and
    not untouched machine output (which the next run makes again)."""
    return any(message.translations) and catalog.state(message) is not catalog.State.MACHINE


def unkept(orphan: Catalog, live: Iterable[Catalog]) -> catalog.Counts:
    """The human texts of `orphan` (see `human`) that no `live` catalogue
    holds (the same msgctxt, msgid and translation, active or obsolete), by
    state: what deleting the orphan would lose. Obsolete entries count as
    obsolete whatever their state."""
    held: set[tuple[tuple[str | None, str], tuple[str, ...]]] = set()
    for cat in live:
        held.update(_texts(cat).items())
    tally = {"reviewed": 0, "fuzzy": 0, "obsolete": 0}
    for message in orphan.messages:
        if not human(message) or (message.key, message.translations) in held:
            continue
        if message.obsolete:
            tally["obsolete"] += 1
        elif catalog.state(message) is catalog.State.REVIEWED:
            tally["reviewed"] += 1
        else:
            tally["fuzzy"] += 1
    return catalog.Counts(**tally)


def renamed(fresh: Mapping[str, Catalog], orphaned: Mapping[str, Catalog]) -> dict[str, str]:
    """Which orphaned catalogue each new catalogue continues: `fresh` maps a
    domain with no catalogue yet to its template, `orphaned` a name to an
    orphaned catalogue of the same locale. A pair is made where at least half
    of the orphan's translated active entries have their msgid in the
    template (a renamed document or template, as `mv` + msgmerge would
    continue it), the largest share first; each orphan continues in one
    catalogue at most."""
    scored: list[tuple[float, str, str]] = []
    for domain, pot in fresh.items():
        wanted = {m.key for m in pot.messages}
        for name, cat in orphaned.items():
            translated = [m.key for m in cat.active() if any(m.translations)]
            if not translated:
                continue
            share = sum(1 for key in translated if key in wanted) / len(translated)
            if share >= 0.5:
                scored.append((share, domain, name))
    pairs: dict[str, str] = {}
    for _share, domain, name in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if domain not in pairs and name not in pairs.values():
            pairs[domain] = name
    return pairs
