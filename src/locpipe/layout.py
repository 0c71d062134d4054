"""Where a project's files live: templates, catalogues, compiled files, rebuilt documents.

The layout sits below every stage and the run driver: each of them asks it
for paths, and it imports nothing of theirs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from locpipe.config import CACHE_DIR, Config
from locpipe.errors import ConfigError
from locpipe.fsio import within


def cache_dir(config: Config) -> Path:
    """The folder for locpipe's own state and lock (ignored by git);
    ConfigError when it is a link to a folder outside the project (the lock
    and the state would be written there)."""
    folder = config.root / CACHE_DIR
    if not within(folder, config.root):
        raise ConfigError(
            f"{CACHE_DIR} leads outside the project folder, to {folder.resolve()}",
            file=folder,
            fix=f"remove the link {folder}: locpipe makes the folder itself",
        )
    return folder


@dataclass(frozen=True, slots=True)
class Paths:
    """Where a project's files live."""

    locales_dir: Path
    build_dir: Path

    @classmethod
    def of(cls, config: Config) -> Paths:
        return cls(config.root / config.locales_dir, config.root / config.build_dir)

    # Each path is made from one string: a run of a large project asks for
    # thousands, and joining Paths part by part costs several times more.

    def template(self, domain: str) -> Path:
        return Path(f"{self.locales_dir}/{domain}.pot")

    def catalog(self, locale: str, domain: str) -> Path:
        return Path(f"{self.locales_dir}/{locale}/LC_MESSAGES/{domain}.po")

    def mo(self, locale: str, domain: str) -> Path:
        return self.catalog(locale, domain).with_suffix(".mo")

    def built(self, locale: str, relpath: str) -> Path:
        """The rebuilt document of the source at `relpath` (relative to the project)."""
        return Path(f"{self.build_dir}/{locale}/{relpath}")

    @property
    def built_list(self) -> Path:
        """The list of the files the last build wrote, relative to build_dir."""
        return self.build_dir / ".locpipe-built"

    def catalogs(self, locales: Sequence[str]) -> Iterator[tuple[str, Path]]:
        """(locale, .po path) of every catalogue on disk for `locales`, in
        nested folders too (domain `guide/index`)."""
        for locale in locales:
            for path in sorted((self.locales_dir / locale / "LC_MESSAGES").rglob("*.po")):
                if path.is_file():
                    yield locale, path

    def domain(self, locale: str, po: Path) -> str:
        """The domain of catalogue `po` of `locale`: `guide/index` for
        `<locale>/LC_MESSAGES/guide/index.po`."""
        return po.relative_to(self.locales_dir / locale / "LC_MESSAGES").with_suffix("").as_posix()
